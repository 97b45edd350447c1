"""The public form and status page (honeypot, limits, attachments, rate limit) and the officers' pages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from kinerja.complaints import services
from kinerja.complaints.models import Complaint, ComplaintAttachment, ComplaintState

from .helpers import PDF, fresh, in_progress, pdf, receive, standard, tarakan, triaged

pytestmark = pytest.mark.django_db

NEW = reverse("complaints:new")
TRACK = reverse("complaints:track")


def form(**overrides):
    from kinerja.organization.models import OrgUnit

    return {
        "kind": "pengaduan",
        "standard": standard("validasi").pk,
        "unit": OrgUnit.objects.get(code="ROREN").pk,
        "subject": "Lambat",
        "text": "Validasi kami belum dijadwalkan.",
        "contact_name": "Warga",
        "contact_email": "warga@example.invalid",
        "contact_phone": "+62 812-0000",
        "website": "",
        **overrides,
    }


def test_public_form_needs_no_login_and_shows_the_secret_once(client, actors):
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form())
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    body = response.content.decode()
    assert complaint.number in body
    secret = re.search(r'data-testid="secret">([A-Z0-9-]+)<', body).group(1)
    assert services.complaint_lookup(number=complaint.number, secret=secret) == complaint
    assert complaint.channel == "web"
    assert complaint.recorded_by is None
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_honeypot_refuses_quietly(client, actors):
    response = client.post(NEW, form(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", "x" * 201), ("text", "x" * 5001), ("contact_name", "x" * 121), ("contact_phone", "1" * 31)],
)
def test_text_fields_are_limited(client, actors, field, value):
    response = client.post(NEW, form(**{field: value}))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_good_attachment_is_kept_under_a_generated_name(client, actors):
    response = client.post(NEW, {**form(), "attachments": [pdf("bukti saya.pdf")]})
    assert response.status_code == 200
    attachment = ComplaintAttachment.objects.get()
    assert attachment.original_name == "bukti saya.pdf"
    assert attachment.content_type == "application/pdf"
    assert "bukti" not in attachment.file.name
    assert attachment.file.name.startswith("complaints/")


@pytest.mark.parametrize(
    "files",
    [
        [SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")],
        [SimpleUploadedFile("catatan.txt", b"hello", content_type="text/plain")],
        [SimpleUploadedFile("besar.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")],
        [pdf(f"f{i}.pdf") for i in range(4)],
    ],
    ids=["renamed-executable", "not-allowed-kind", "too-large", "too-many"],
)
def test_bad_attachments_are_refused(client, actors, files):
    response = client.post(NEW, {**form(), "attachments": files})
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    assert not ComplaintAttachment.objects.exists()


@override_settings(KINERJA_COMPLAINT_RATE="2/h")
def test_the_form_is_rate_limited_per_address(client, actors):
    assert client.post(NEW, form()).status_code == 200
    assert client.post(NEW, form(subject="")).status_code == 400
    assert client.post(NEW, form()).status_code == 429
    assert Complaint.objects.count() == 1
    # Another address is not held back.
    assert client.post(NEW, form(), REMOTE_ADDR="10.0.0.9").status_code == 200


def _neutral(response):
    """The page without its per-response tokens (CSRF, CSP nonce)."""
    return re.sub(r"[A-Za-z0-9+/=_-]{20,}", "", response.content.decode())


def test_status_page_right_secret_shows_wrong_reveals_nothing(client, actors):
    received = receive()
    complaint = in_progress(actors, received.complaint)
    right = client.post(
        TRACK, {"number": complaint.number, "secret": services.format_secret(received.secret)}
    )
    assert right.status_code == 200
    body = right.content.decode()
    assert complaint.subject in body
    assert "Triaged" in body
    wrong_secret = client.post(TRACK, {"number": complaint.number, "secret": "AAAA-BBBB-CCCC"})
    wrong_number = client.post(
        TRACK, {"number": "ADU-1999-0001", "secret": services.format_secret(received.secret)}
    )
    assert wrong_secret.status_code == wrong_number.status_code == 404
    assert _neutral(wrong_secret) == _neutral(wrong_number)
    assert complaint.subject not in _neutral(wrong_secret)


def test_status_page_shows_the_public_answer_not_the_notes(client, actors):
    received = receive()
    complaint = in_progress(actors, received.complaint)
    services.complaint_note_add(actor=actors["planner"], complaint=complaint, text="Catatan internal rahasia")
    services.complaint_answer(
        actor=actors["planner"],
        complaint=complaint,
        expected_version=fresh(complaint).row_version,
        answer="Jawaban publik",
    )
    body = client.post(TRACK, {"number": complaint.number, "secret": received.secret}).content.decode()
    assert "Jawaban publik" in body
    assert "Catatan internal rahasia" not in body


@override_settings(KINERJA_COMPLAINT_TRACK_RATE="3/h")
def test_status_lookup_is_rate_limited(client, actors):
    received = receive()
    for _ in range(3):
        assert client.post(TRACK, {"number": received.complaint.number, "secret": "WRONG"}).status_code == 404
    # Even the right secret is refused once the address has used its attempts.
    response = client.post(TRACK, {"number": received.complaint.number, "secret": received.secret})
    assert response.status_code == 429


# --- the officers' pages ---------------------------------------------------------------------------


def test_list_filters_and_marks_the_late(login, actors):
    late = receive(subject="Lama").complaint
    Complaint.objects.filter(pk=late.pk).update(due_at=late.received_at)
    other = receive(subject="Lain", standard=None, kind="saran").complaint
    client = login(actors["planner"])
    url = reverse("complaints:list")
    body = client.get(url).content.decode()
    assert late.number in body
    assert other.number in body
    assert "table-danger" in body
    assert other.number not in client.get(url, {"overdue": "1"}).content.decode()
    assert late.number not in client.get(url, {"service": "other"}).content.decode()
    assert late.number not in client.get(url, {"kind": "saran"}).content.decode()
    assert other.number not in client.get(url, {"state": "triaged"}).content.decode()


def test_the_handler_works_a_complaint_through_the_pages(login, actors):
    complaint = receive().complaint
    client = login(actors["planner"])
    url = reverse("complaints:detail", args=[complaint.number])
    assert client.get(url).status_code == 200
    steps = [
        {"action": "triage", "kind": "saran", "standard": "", "handler": actors["planner"].pk},
        {"action": "start"},
        {"action": "note", "text": "Ditelepon."},
        {"action": "answer", "answer": "Terima kasih."},
        {"action": "close"},
    ]
    for step in steps:
        response = client.post(url, {**step, "row_version": fresh(complaint).row_version})
        assert response.status_code == 302
    complaint = fresh(complaint)
    assert complaint.state == ComplaintState.CLOSED
    assert complaint.kind == "saran"
    assert complaint.standard is None
    assert complaint.notes.count() == 1


def test_a_stale_form_is_refused_on_the_page(login, actors):
    complaint = triaged(actors)
    client = login(actors["admin"])
    url = reverse("complaints:detail", args=[complaint.number])
    response = client.post(url, {"action": "start", "row_version": 1}, follow=True)
    assert "Someone else saved this record" in response.content.decode()
    assert fresh(complaint).state == ComplaintState.TRIAGED


def test_who_sees_and_who_handles(login, actors):
    to_bureau = receive().complaint
    to_tarakan = receive(unit=tarakan()).complaint
    for name, bureau, tarakan_status in [
        ("operator_a", 404, 200),
        ("operator_b", 404, 404),
        ("unit_head", 404, 200),
        ("inspector", 200, 200),
        ("planner", 200, 200),
    ]:
        client = login(actors[name])
        assert client.get(reverse("complaints:detail", args=[to_bureau.number])).status_code == bureau, name
        assert (
            client.get(reverse("complaints:detail", args=[to_tarakan.number])).status_code == tarakan_status
        ), name
    client = login(actors["inspector"])
    response = client.post(
        reverse("complaints:detail", args=[to_bureau.number]), {"action": "start", "row_version": 1}
    )
    assert response.status_code == 403


def test_attachments_are_served_to_staff_only_as_downloads(client, login, actors):
    complaint = receive(attachments=[pdf()]).complaint
    attachment = complaint.attachments.get()
    url = reverse("complaints:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 302  # to the login page
    assert login(actors["operator_a"]).get(url).status_code == 404
    response = login(actors["planner"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_record_form(login, actors):
    client = login(actors["planner"])
    url = reverse("complaints:record")
    assert client.get(url).status_code == 200
    data = {**form(), "channel": "email", "received_at": "2026-01-05T09:00"}
    response = client.post(url, data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.recorded_by) == ("email", actors["planner"])
    assert login(actors["operator_a"]).get(url).status_code == 403
