"""Complaints in each state, built through the services as the public and an officer would."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.complaints import services
from kinerja.complaints.models import Complaint
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceStandard

PDF = b"%PDF-1.4\n% a complaint\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="bukti.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def standard(code="validasi"):
    return ServiceStandard.objects.get(code=code)


def receive(**overrides) -> services.Received:
    values = {
        "kind": "pengaduan",
        "subject": "Jadwal tidak jelas",
        "text": "Belum ada jadwal pendampingan.",
        "standard": standard("pendampingan"),
        "contact_name": "Warga",
        "contact_email": "warga@example.invalid",
        **overrides,
    }
    return services.complaint_receive(**values)


def fresh(complaint: Complaint) -> Complaint:
    complaint.refresh_from_db()
    return complaint


def triaged(actors, complaint=None) -> Complaint:
    complaint = complaint or receive().complaint
    return services.complaint_triage(
        actor=actors["planner"],
        complaint=complaint,
        expected_version=complaint.row_version,
        kind=complaint.kind,
        standard=complaint.standard,
        handler=actors["planner"],
    )


def in_progress(actors, complaint=None) -> Complaint:
    complaint = triaged(actors, complaint)
    return services.complaint_start(
        actor=actors["planner"], complaint=complaint, expected_version=complaint.row_version
    )


def answered(actors, complaint=None) -> Complaint:
    complaint = in_progress(actors, complaint)
    return services.complaint_answer(
        actor=actors["planner"],
        complaint=complaint,
        expected_version=complaint.row_version,
        answer="Sudah dijadwalkan.",
    )


def closed(actors, complaint=None) -> Complaint:
    complaint = answered(actors, complaint)
    return services.complaint_close(
        actor=actors["planner"], complaint=complaint, expected_version=complaint.row_version
    )


def tarakan():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")
