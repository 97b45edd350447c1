"""A planner changes IK-02's formula in the browser: live check, coba hitung, a new version."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from kinerja.catalog.models import Indicator
from tests.catalog.test_views import VESSEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_planner_edits_tries_and_saves_a_formula(page):
    call_command("seed_demo", quiet_accounts=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill("perencana")
    page.get_by_label("Kata sandi").fill(settings.KINERJA_DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    ik02 = Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02")
    page.goto("/catalog/?q=IK-02")
    # Other demo units carry copies of IK-02 (BITUNG-IK-02, ...): open Tarakan's own.
    page.locator(f'a[href="/catalog/{ik02.pk}/"]').first.click()
    page.get_by_role("link", name="Ubah rumus").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ubah rumus")

    formula = page.get_by_label("Teks rumus")
    original = formula.input_value()
    assert "value = mean(kapal.indeks)" in original
    formula.fill(original.replace("value = mean(kapal.indeks)", "value = mean(kapal.indeks) * bobot"))
    problems = page.locator("#check-panel")
    expect(problems).to_contain_text("1 masalah perlu diperbaiki")
    expect(problems).to_contain_text("baris 12, kolom 30: Nama tidak dikenal: bobot")

    formula.fill(
        original.replace("value = mean(kapal.indeks)", "value = mean(kapal.indeks)  # rata-rata semua kapal")
    )
    expect(problems).to_contain_text("Rumus sah.")

    for name, value in VESSEL.items():
        page.locator(f'[name="t-in-kapal-0-{name}"]').fill(str(value))
    page.get_by_label("Target", exact=True).fill("80")
    page.get_by_role("button", name="Hitung").click()
    result = page.locator("#try-result")
    expect(result.locator("[data-value]")).to_have_text("87.67")
    expect(result.locator("[data-achievement]")).to_contain_text("109.58")
    expect(result.locator("[data-status]")).to_have_text("Hijau · tercapai")

    page.get_by_label("Alasan perubahan").fill("Catatan pada baris terakhir rumus")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    expect(page.get_by_role("alert")).to_contain_text("Rumus tersimpan sebagai versi 2.")
    expect(page.locator(".versions-table")).to_contain_text("Catatan pada baris terakhir rumus")
    expect(page.get_by_text("rumus versi 2")).to_be_visible()
    indicator = Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02")
    assert indicator.current_version.number == 2
    assert errors == []
