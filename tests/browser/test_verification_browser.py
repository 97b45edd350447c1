"""A whole verifikasi: Stasiun PSDKP Tarakan submitted TW1 (IK-02 and IK-09) before its entry closed;
the planner invites it, the operator declares the request complete, the planner finds IK-02 "sesuai"
and corrects IK-09 against its evidence, issues the worksheet, both sign with their password, and
the quarter is verified and locked with the corrected value."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.accounts import demo as accounts_demo
from kinerja.accounts.models import User
from kinerja.calendar.services import service_hours_ensure
from kinerja.catalog import demo as catalog_demo
from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.organization import demo as organization_demo
from kinerja.organization.models import OrgUnit
from kinerja.performance import services, submissions
from kinerja.performance.models import Realisation, Result, Submission
from kinerja.performance.results import recompute_once
from kinerja.planning.models import (
    Agreement,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from kinerja.signatures.services import certificate_demo_create
from kinerja.workflows.models import ServiceRequest
from kinerja.workflows.services import standards_ensure
from tests.browser.test_entry_browser import TINY_PDF, log_in
from tests.formula.helpers import WORKED_VESSEL as VESSEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed():
    """Only what the flow needs: the units, the demo accounts, the catalogue, the service standards
    (a transactional test may have flushed the migration's rows) and a signing certificate."""
    for load in (organization_demo.load, accounts_demo.load, catalog_demo.load):
        load(lambda _msg: None)
    standards_ensure()
    service_hours_ensure()
    certificate_demo_create()


def submitted_tw1():
    """A year nobody uses, TW1's entry closed five days ago, and Tarakan's TW1 entered and submitted
    in time: IK-02 (the worked vessel, 87.67) and IK-09 (3 sanctions of 4 cases, 75)."""
    today = timezone.localdate()
    entered = today - datetime.timedelta(days=10)
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    operator = User.objects.get(username="operator.tarakan")
    number = today.year + 2
    while PlanningYear.objects.filter(year=number).exists() or Agreement.objects.filter(year=number).exists():
        number += 1
    year = PlanningYear.objects.create(year=number, status="open")
    PeriodWindow.objects.create(
        year=year,
        quarter="TW1",
        entry_opens=today - datetime.timedelta(days=40),
        entry_closes=today - datetime.timedelta(days=5),
        review_closes=today + datetime.timedelta(days=20),
    )
    agreement = Agreement.objects.create(unit=unit, year=number)
    with recompute_once():
        enter(unit, number, agreement, operator, entered)
    submissions.submission_submit(
        actor=operator, unit=unit, year=number, quarter="TW1", expected_version=0, today=entered
    )
    return unit, number


def enter(unit, number, agreement, operator, entered):
    """Both indicators in the PK, entered on `entered` with a file for each required document."""
    inputs = {"IK-02": {"kapal": [VESSEL]}, "IK-09": {"sanksi_ditetapkan": 3, "kasus_ditangani": 4}}
    for code, target in (("IK-02", "80"), ("IK-09", "100")):
        indicator = Indicator.objects.get(unit=unit, code=code)
        row = AgreementSasaran.objects.get_or_create(agreement=agreement, sasaran=indicator.sasaran)[0]
        AgreementIndicator.objects.create(
            agreement=agreement,
            sasaran_row=row,
            indicator=indicator,
            target=Decimal(target),
            period_targets={"TW1": target},
        )
        services.realisation_save(
            actor=operator,
            unit=unit,
            indicator=indicator,
            year=number,
            period="TW1",
            inputs=inputs[code],
            expected_version=0,
            today=entered,
        )
        for requirement in EvidenceRequirement.objects.filter(indicator=indicator, required=True):
            services.evidence_add(
                actor=operator,
                unit=unit,
                indicator=indicator,
                year=number,
                period="TW1",
                kind="file",
                description=requirement.name,
                requirement=requirement,
                upload=SimpleUploadedFile(f"{code.lower()}.pdf", TINY_PDF),
                today=entered,
            )


def sign(page, public_id):
    page.goto(f"/signatures/d/{public_id}/sign")
    page.locator('input[name="password"]').fill(settings.KINERJA_DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator('input[name="password"]').press("Enter")


def test_invitation_verification_signatures_and_a_locked_quarter(page):
    seed()
    unit, year = submitted_tw1()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The planner invites Tarakan from the register's invitation form.
    log_in(page, "perencana")
    page.goto("/services/invite/")
    page.locator("#id_kind").select_option("verifikasi")
    page.locator("#id_year").fill(str(year))
    page.locator("#id_quarter").select_option("TW1")
    page.locator("#id_units").select_option(str(unit.pk))
    page.locator("#id_title").fill(f"Verifikasi capaian TW1 {year}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    request = ServiceRequest.objects.get(kind="verifikasi", unit=unit, year=year, quarter="TW1")
    assert request.status == "awaiting"

    # The operator declares the request complete: the quarter is submitted, nothing is missing.
    log_in(page, "operator.tarakan")
    page.goto(f"/services/{request.number}/")
    with page.expect_navigation():
        page.locator('[data-testid="request-submit"]').click()
    request.refresh_from_db()
    assert request.status == "in_service"

    # The planner checks each line in the session.
    log_in(page, "perencana")
    page.goto(f"/services/{request.number}/")
    page.locator('[data-testid="verification-session"]').click()
    ik02 = page.locator('[data-line="IK-02-TW1"]')
    ik09 = page.locator('[data-line="IK-09-TW1"]')
    expect(ik02.locator("[data-claimed]")).to_have_text("87.67")
    expect(ik09.locator("[data-evidence] a").first).to_have_attribute(
        "href", re.compile(r"^/performance/evidence/\d+/$")
    )
    ik02.locator('[data-action="sesuai"]').click()
    expect(page.locator('[data-line="IK-02-TW1"]')).to_have_attribute("data-verdict", "sesuai")
    expect(page.locator('[data-count="sesuai"]')).to_contain_text("1")
    ik09.locator('[data-action="correct"]').click()
    page.wait_for_load_state("load")
    page.locator("#t-in-sanksi_ditetapkan").fill("2")
    expect(page.locator("#preview [data-value]")).to_have_text("50.00")
    page.locator("#id_note").fill("Berita acara: dua sanksi ditetapkan dari empat kasus")
    with page.expect_navigation():
        page.locator('[data-action="dikoreksi"]').click()
    expect(page.locator('[data-line="IK-09-TW1"]')).to_have_attribute("data-verdict", "dikoreksi")
    expect(page.locator('[data-line="IK-09-TW1"] [data-corrected]')).to_have_text("50.00")

    # The worksheet goes out for the signatures of the planner and the operator.
    page.locator("#id_representative").select_option(str(User.objects.get(username="operator.tarakan").pk))
    with page.expect_navigation():
        page.locator('[data-action="issue"]').click()
    request.refresh_from_db()
    assert request.status == "signing"
    public_id = request.worksheet.public_id
    sign(page, public_id)
    log_in(page, "operator.tarakan")
    sign(page, public_id)
    request.refresh_from_db()
    assert request.status == "delivered"

    # The quarter is verified and locked, with the corrected value in the verified basis.
    page.goto(f"/performance/PSDKP-TARAKAN/{year}/TW1/")
    expect(page.locator("[data-submission-status]")).to_have_attribute("data-submission-status", "verified")
    ik09_indicator = Indicator.objects.get(unit=unit, code="IK-09")
    page.goto(f"/performance/PSDKP-TARAKAN/{year}/TW1/{ik09_indicator.pk}/")
    expect(page.locator("[data-read-only]")).to_be_visible()
    expect(page.locator("[data-saved-value]")).to_have_text("50.00")
    assert Submission.objects.get(unit=unit, year=year, quarter="TW1").status == "verified"
    assert Realisation.objects.get(indicator=ik09_indicator, year=year).value == Decimal("50")
    assert Result.objects.get(
        indicator=ik09_indicator, year=year, period="TW1", basis="verified"
    ).value == Decimal("50")
    assert errors == []
