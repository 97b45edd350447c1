"""The public face as a citizen and a requester use it, in Indonesian, with no account:
a complaint with an attachment is filed and its status read back with the number and secret (and the
officer's answer appears there); a unit that received a service answers the one-time survey link
and the published IKM of that service changes."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.accounts import demo as accounts_demo
from kinerja.accounts.models import User
from kinerja.calendar.services import service_hours_ensure
from kinerja.complaints import services as complaints
from kinerja.complaints.models import Complaint
from kinerja.organization import demo as organization_demo
from kinerja.organization.models import OrgUnit
from kinerja.survey import services as survey
from kinerja.survey.models import SurveyResponse
from kinerja.workflows.models import RequestStatus, ServiceRequest, ServiceStandard
from kinerja.workflows.services import standards_ensure
from tests.browser.test_entry_browser import TINY_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROFILE = {"sex": "P", "education": "D4/S1", "occupation": "pns"}
AGE = {"age": 35}


def seed():
    """The units and accounts, the service standards and hours, and the bureau's surveyed services
    (a transactional test may have flushed the rows the migrations made)."""
    for load in (organization_demo.load, accounts_demo.load):
        load(lambda _msg: None)
    standards_ensure()
    service_hours_ensure()
    return {service.code: service for service in survey.bureau_services_ensure()}


def test_a_citizen_files_a_complaint_with_an_attachment_and_follows_it(page, tmp_path):
    seed()
    evidence = tmp_path / "bukti-antrean.pdf"
    evidence.write_bytes(TINY_PDF)

    page.goto("/complaints/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.select_option("[name=kind]", "pengaduan")
    page.select_option("[name=standard]", str(ServiceStandard.objects.get(code="validasi").pk))
    page.fill("[name=subject]", "Jadwal validasi belum diumumkan")
    page.fill("[name=text]", "Sudah dua minggu jadwal validasi indikator belum ada kabar.")
    page.fill("[name=contact_name]", "Rina")
    page.set_input_files("[name=attachments]", str(evidence))
    page.get_by_role("button", name="Kirim").click()

    expect(page.get_by_role("heading", name="Pesan diterima")).to_be_visible()
    number = page.get_by_test_id("number").inner_text().strip()
    secret = page.get_by_test_id("secret").inner_text().strip()
    assert re.fullmatch(r"ADU-\d{4}-\d{4}", number)
    complaint = Complaint.objects.get(number=number)
    assert [a.original_name for a in complaint.attachments.all()] == ["bukti-antrean.pdf"]
    assert complaint.attachments.get().size == len(TINY_PDF)

    # A wrong secret reveals nothing; the right one shows the state and, later, the answer.
    page.get_by_role("link", name="Pantau pesan Anda").click()
    page.fill("[name=number]", number)
    page.fill("[name=secret]", "salah-" + secret)
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_text("Tidak ada pesan yang cocok dengan nomor dan kode rahasia ini.")).to_be_visible()
    expect(page.get_by_text("Jadwal validasi belum diumumkan")).to_have_count(0)

    page.fill("[name=number]", number)
    page.fill("[name=secret]", secret)
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("heading", name=re.compile(number))).to_be_visible()
    expect(page.get_by_text("Diterima", exact=True)).to_be_visible()

    planner = User.objects.get(username="perencana")
    complaint = complaints.complaint_triage(
        actor=planner,
        complaint=complaint,
        expected_version=complaint.row_version,
        kind=complaint.kind,
        standard=complaint.standard,
        handler=planner,
    )
    complaint = complaints.complaint_start(
        actor=planner, complaint=complaint, expected_version=complaint.row_version
    )
    complaints.complaint_answer(
        actor=planner,
        complaint=complaint,
        expected_version=complaint.row_version,
        answer="Jadwal validasi terbit Senin depan.",
    )
    page.goto("/complaints/track/")
    page.fill("[name=number]", number)
    page.fill("[name=secret]", secret)
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_text("Jadwal validasi terbit Senin depan.")).to_be_visible()


def test_a_requester_answers_the_survey_and_the_published_index_changes(page):
    bureau = seed()
    now = timezone.now()
    year = timezone.localdate().year
    # One earlier answer of 3 on every element: IKM 75.00 (C).
    survey.response_submit(
        service=bureau["validasi"], answers={**{f"u{i}": 3 for i in range(1, 10)}, **PROFILE, **AGE}, at=now
    )
    request = ServiceRequest.objects.create(
        number="VAL-UJI-0001",
        kind="validasi",
        unit=OrgUnit.objects.get(code="PSDKP-TARAKAN"),
        year=year,
        origin="unit_request",
        status=RequestStatus.DELIVERED,
        opened_by=User.objects.get(username="perencana"),
        limit_minutes=24 * 60,
        delivered_at=now,
    )
    token = survey.survey_invite_for_request(request=request)
    assert token

    results = f"/survey/results/?service=validasi&year={year}&period=TAHUN"
    page.goto(results)
    card = page.locator("[data-survey-result=validasi]")
    expect(card.locator("[data-respondents]")).to_have_text("1")
    expect(card.locator("[data-ikm]")).to_have_text("75,00")  # the Indonesian decimal comma

    page.goto(f"/survey/r/{token}/")
    for element in range(1, 10):
        page.check(f"input[name=u{element}][value='4']")
    for field, value in PROFILE.items():
        page.select_option(f"[name={field}]", value)
    page.fill("[name=age]", "41")
    page.get_by_role("button", name=re.compile("Kirim")).click()
    expect(page.locator("[data-survey-done]")).to_be_visible()
    assert SurveyResponse.objects.get(request=request).u1 == 4

    # (3 + 4) / 2 = 3.5 on every element: 25 × 3.5 = 87.50, grade B.
    page.goto(results)
    expect(card.locator("[data-respondents]")).to_have_text("2")
    expect(card.locator("[data-ikm]")).to_have_text("87,50")
    expect(card.locator("[data-grade]")).to_contain_text("B")

    # The link is spent: a second answer for the same request is refused and nothing is counted.
    page.goto(f"/survey/r/{token}/")
    expect(page.locator("[data-survey-done]")).to_be_visible()
    expect(page.locator("input[name=u1]")).to_have_count(0)
    assert SurveyResponse.objects.filter(service=bureau["validasi"]).count() == 2
