"""An operator of Stasiun PSDKP Tarakan enters TW1 of IK-02 with a vessel table and a PDF, submits;
a planner returns it with a reason; the operator sees the reason, corrects and resubmits."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Evidence, Realisation, Submission
from kinerja.planning.models import (
    Agreement,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
)
from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The smallest PDF a reader accepts: a catalog, an empty page tree, the cross-reference table.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n97\n%%EOF\n"
)


def open_tw1_with_ik02():
    """A year the demo data does not touch, its TW1 window open today, and a PK of Tarakan holding
    only IK-02 (target 80)."""
    today = timezone.localdate()
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    number = today.year + 1
    while PlanningYear.objects.filter(year=number).exists() or Agreement.objects.filter(year=number).exists():
        number += 1
    year = PlanningYear.objects.create(year=number, status="open")
    PeriodWindow.objects.create(
        year=year,
        quarter="TW1",
        entry_opens=today - datetime.timedelta(days=30),
        entry_closes=today + datetime.timedelta(days=30),
        review_closes=today + datetime.timedelta(days=60),
    )
    agreement = Agreement.objects.create(unit=unit, year=number)
    row = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement, sasaran_row=row, indicator=ik02, target=Decimal(80), period_targets={"TW1": "80"}
    )
    return number, ik02


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(settings.KINERJA_DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).not_to_have_url("/accounts/login/")


def test_operator_enters_submits_and_resubmits_after_a_return(page):
    call_command("seed_demo", quiet_accounts=True)
    year, ik02 = open_tw1_with_ik02()
    quarter_url = f"/performance/PSDKP-TARAKAN/{year}/TW1/"
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, "operator.tarakan")
    page.goto(quarter_url)
    expect(page.locator('[data-row="IK-02-TW1"] [data-state]')).to_have_attribute("data-state", "empty")
    page.locator('[data-row="IK-02-TW1"] a').first.click()
    expect(page.locator("#preview")).to_be_attached()
    page.wait_for_load_state("load")  # the row buttons work once the page's scripts have run

    # The form starts with one empty vessel row: remove it, then add a row and fill the worked example.
    table = page.locator("[data-try-table]")
    table.locator("[data-try-remove]").first.click()
    expect(table.locator("[data-try-row]")).to_have_count(0)
    expect(page.locator("#preview [data-no-value]")).to_be_visible()
    table.locator("[data-try-add]").click()
    expect(table.locator("[data-try-row]")).to_have_count(1)
    row = table.locator("[data-try-row]").first
    for name, value in VESSEL.items():
        row.locator(f'[name$="-{name}"]').fill(str(value))
    preview = page.locator("#preview")
    expect(preview.locator("[data-value]")).to_have_text("87.67")
    expect(preview.locator("[data-achievement]")).to_contain_text("109.58")
    expect(preview.locator("[data-status]")).to_have_attribute("data-status", "green")

    page.locator("#id_progress").fill("Patroli rutin di perairan Tarakan")
    page.locator("[data-save]").click()
    expect(page.locator("[data-saved-value]")).to_have_text("87.67")

    evidence_form = page.locator("[data-evidence-form]")
    evidence_form.locator("#id_requirement").select_option(label="Laporan Operasi Kapal Pengawas")
    evidence_form.locator("#id_kind").select_option("file")
    evidence_form.locator("#id_description").fill("Laporan operasi TW1")
    evidence_form.locator("#id_file").set_input_files(
        {"name": "laporan-operasi.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}
    )
    evidence_form.locator("button[type=submit]").click()
    expect(page.locator("[data-evidence-list]")).to_contain_text("laporan-operasi.pdf")
    assert Evidence.objects.get(unit__code="PSDKP-TARAKAN", year=year, period="TW1").sha256

    page.goto(quarter_url)
    expect(page.locator("[data-missing]")).to_have_count(0)
    page.locator('[data-action="submit"]').click()
    expect(page.locator("[data-submission-status]")).to_have_attribute("data-submission-status", "submitted")

    log_in(page, "perencana")
    page.goto(quarter_url)
    page.locator("#return-reason").fill("Lengkapi uraian kendala operasi kapal")
    page.locator('[data-action="return"]').click()
    expect(page.locator("[data-submission-status]")).to_have_attribute("data-submission-status", "returned")

    log_in(page, "operator.tarakan")
    page.goto(quarter_url)
    expect(page.locator("[data-return-reason]")).to_contain_text("Lengkapi uraian kendala operasi kapal")
    page.locator('[data-row="IK-02-TW1"] a').first.click()
    expect(page.locator("[data-return-reason]")).to_be_visible()
    page.locator("#id_obstacles").fill("Cuaca buruk dua minggu di bulan Februari")
    page.locator("[data-save]").click()
    expect(page.locator("[data-history]")).to_contain_text("Cuaca buruk")
    page.goto(quarter_url)
    page.locator('[data-action="submit"]').click()
    expect(page.locator("[data-submission-status]")).to_have_attribute("data-submission-status", "submitted")

    submission = Submission.objects.get(unit__code="PSDKP-TARAKAN", year=year, quarter="TW1")
    assert submission.versions.count() == 2
    realisation = Realisation.objects.get(indicator=ik02, year=year, period="TW1")
    assert (realisation.value, realisation.obstacles) == (
        Decimal("87.67"),
        "Cuaca buruk dua minggu di bulan Februari",
    )
    assert errors == []
