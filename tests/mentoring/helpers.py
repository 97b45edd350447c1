"""Mentoring requests in each state, built through the services as a unit and an officer would."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from kinerja.mentoring import services
from kinerja.organization.models import OrgUnit
from kinerja.workflows import services as workflows
from kinerja.workflows.models import ServiceRequest

PDF = b"%PDF-1.4\n% a draft LKj\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="draft-lkj.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def tarakan():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")


def open_request(actors, year=2025, actor="operator_a") -> ServiceRequest:
    return workflows.request_open(actor=actors[actor], kind="pendampingan", unit=tarakan(), year=year)


def with_files(actors, request: ServiceRequest) -> ServiceRequest:
    services.upload_add(actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf())
    services.upload_add(
        actor=actors["operator_a"],
        request=request,
        kind="verification_result",
        upload=pdf("hasil-verifikasi.pdf", PDF + b"% verification\n"),
    )
    return request


def in_service(actors, year=2025) -> ServiceRequest:
    """Opened by the unit, files uploaded, the endorsement ticked by the officer, declared complete."""
    request = with_files(actors, open_request(actors, year=year))
    workflows.requirement_tick(actor=actors["planner"], request=request, key="evidence_endorsed", met=True)
    request.refresh_from_db()
    return workflows.request_submit(
        actor=actors["operator_a"], request=request, expected_version=request.row_version
    )


def add_finding(
    actors, request, chapter="bab_3", regulation="permenpanrb_53_2014", text="Capaian tidak dibandingkan"
):
    return services.finding_save(
        actor=actors["planner"],
        request=request,
        chapter=chapter,
        regulation=regulation,
        finding=text,
        recommendation="Bandingkan dengan target dan tahun lalu",
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
