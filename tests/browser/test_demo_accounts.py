"""A person's first minutes: each demo account logs in and lands on its role's home."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = [
    ("operator.tarakan", "Operator unit", "Stasiun PSDKP Tarakan"),
    ("kepala.tarakan", "Kepala unit", "Stasiun PSDKP Tarakan"),
    ("perencana", "Perencana (Biro Perencanaan)", "Biro Perencanaan"),
    ("inspektur", "Inspektur (Inspektorat Jenderal)", "Itjen"),
    ("pimpinan", "Pimpinan (hanya baca)", "KKP"),
    ("admin", "Administrator", "KKP"),
]


def log_in(page, username):
    page.goto("/accounts/login/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(settings.KINERJA_DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_each_demo_account_reaches_its_home(page):
    call_command("seed_demo", quiet_accounts=True)
    for username, role_label, unit in ACCOUNTS:
        log_in(page, username)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
        expect(page.locator("[data-role]").first).to_contain_text(f"{role_label} · {unit}")
        page.get_by_role("button", name=re.compile("fiktif")).click()
        page.get_by_role("button", name="Keluar").click()
        expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_operator_edits_own_unit_and_switches_to_english(page):
    call_command("seed_demo", quiet_accounts=True)
    log_in(page, "operator.tarakan")
    page.get_by_role("link", name=re.compile("Lengkapi profil Stasiun PSDKP Tarakan")).click()
    page.get_by_label("Telepon").fill("0551-21000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert")).to_contain_text("Profil unit tersimpan")
    expect(page.locator(".history-list")).to_contain_text("0551-21000")
    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
