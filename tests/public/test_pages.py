"""The public pages, as an anonymous visitor reads them in Indonesian and in English."""

import datetime
import html
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from kinerja.calendar.services import collective_leave_add, service_hours_set
from kinerja.public.models import PublicProfile
from kinerja.public.texts import PROFILE, SERVICES
from kinerja.public.views import ELSEWHERE
from kinerja.workflows.models import ServiceStandard

CODES = ["validasi", "verifikasi", "pendampingan"]


def page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_landing_in_indonesian_shows_the_services_limits_pledge_and_hours(client):
    text = page(client, "public:index")
    assert '<html lang="id"' in text
    for standard in ServiceStandard.objects.all():
        assert standard.name in text
        assert reverse("public:service", args=[standard.code]) in text
    assert 'data-limit-minutes="1440"' in text  # validasi: 24 service hours
    assert 'data-limit-minutes="1425"' in text  # verifikasi: 23 h 45 min
    assert 'data-limit-minutes="1380"' in text  # pendampingan: 23 h
    assert PROFILE["pledge_id"] in text
    assert "07:30–16:00" in text
    assert "07:30–16:30" in text
    assert reverse("public:pledge") in text
    assert reverse("public:hours") in text
    assert reverse("public:verify") in text
    assert reverse("accounts:login") in text
    assert "Masuk / Sign in" in text
    assert PROFILE["address"] in text
    assert PROFILE["email"] in text


def test_landing_in_english(english_client):
    text = page(english_client, "public:index")
    assert '<html lang="en"' in text
    for texts in SERVICES.values():
        assert texts["name_en"] in text
    assert "24 hours" in text
    assert "23 hours 45 minutes" in text
    assert "23 hours<" in text
    assert PROFILE["pledge_en"] in text
    assert "Service hours" in text


def test_landing_links_to_the_other_public_apps_that_exist(client):
    text = page(client, "public:index")
    from django.urls import NoReverseMatch

    for name in ELSEWHERE.values():
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        assert f'href="{url}"' in text, name


def test_pages_have_no_inline_script_and_a_language_switch(client):
    for name, kwargs in [
        ("public:index", {}),
        ("public:pledge", {}),
        ("public:hours", {}),
        ("public:verify", {}),
    ]:
        text = page(client, name, **kwargs)
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), name
        assert " on" + "click=" not in text
        assert reverse("set_language") in text
        assert "data-autosubmit" in text
        assert "nav-main" not in text  # no staff menu


@pytest.mark.parametrize("code", CODES)
def test_each_service_standard_in_indonesian(client, code):
    standard = ServiceStandard.objects.get(code=code)
    text = page(client, "public:service", code=code)
    assert standard.name in text
    for line in standard.steps.splitlines() + standard.requirements.splitlines():
        assert line in text
    assert standard.product in text
    assert "Tidak dikenakan biaya/gratis" in text
    assert f'data-limit-minutes="{standard.limit_minutes}"' in text
    for rung in ["tepat_waktu", "maaf_lisan", "maaf_tertulis", "maaf_tertulis_antar_langsung"]:
        assert f'data-compensation="{rung}"' in text
    assert "Gedung Mina Bahari I lantai 3a, Jl. Medan Merdeka Timur No. 16, Gambir, Jakarta Pusat" in text
    assert "pusat.layanan.roren@gmail.com" in text


@pytest.mark.parametrize("code", CODES)
def test_each_service_standard_in_english(english_client, code):
    texts = SERVICES[code]
    text = page(english_client, "public:service", code=code)
    assert texts["name_en"] in text
    for line in texts["steps_en"].splitlines() + texts["requirements_en"].splitlines():
        assert line in text
    assert texts["product_en"] in text
    assert "Free of charge" in text
    assert "Apology in person" in text
    assert "more than 48 hours, up to 72 hours" in text


def test_limits_in_english_are_the_standards_figures(english_client):
    assert "24 hours" in page(english_client, "public:service", code="validasi")
    assert "23 hours 45 minutes" in page(english_client, "public:service", code="verifikasi")
    assert "up to 23 hours<" in page(english_client, "public:service", code="pendampingan")


def test_a_changed_limit_shows_at_once(english_client):
    ServiceStandard.objects.filter(code="validasi").update(limit_minutes=20 * 60)
    assert "20 hours" in page(english_client, "public:service", code="validasi")


def test_unknown_service_is_404(client):
    assert client.get(reverse("public:service", args=["perizinan"])).status_code == 404


def test_pledge_vision_mission_motto_and_supervision(client):
    text = page(client, "public:pledge")
    for key in ["pledge_id", "vision_id"]:
        assert PROFILE[key] in text
    for line in PROFILE["mission_id"].splitlines():
        assert line in text
    for word in ["Santun", "Mudah", "Akuntabel", "Responsif", "Transparan"]:
        assert word in text
    assert "Inspektorat Jenderal" in text
    assert "tim kendali mutu" in text.lower()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = page(client, "public:pledge")
    assert PROFILE["pledge_en"] in text
    assert PROFILE["vision_en"] in text
    assert "courteous" in text
    assert "Inspectorate General" in text


def test_hours_come_from_the_service_calendar(client, actors):
    service_hours_set(
        actor=actors["admin"], weekday=4, opens=datetime.time(8, 0), closes=datetime.time(15, 0)
    )
    text = page(client, "public:hours")
    assert "08:00–15:00" in text
    assert "07:30–16:30" not in text
    assert "07:30–16:00" in page(client, "public:index")


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC))
def test_days_without_service_in_the_coming_months(client, actors):
    collective_leave_add(actor=actors["admin"], date=datetime.date(2026, 12, 24), name="Cuti Bersama Natal")
    text = page(client, "public:hours")
    assert 'data-date="2026-12-24"' in text
    assert "Cuti Bersama Natal" in text
    assert 'data-date="2026-12-25"' in text  # Christmas, from the holiday library
    assert 'data-date="2027-01-01"' in text  # across the new year
    assert 'data-date="2026-08-17"' not in text  # past days are not listed


def test_the_standards_text_shows_even_without_a_stored_profile(client):
    PublicProfile.objects.all().delete()
    assert PROFILE["pledge_id"] in page(client, "public:index")


def test_anonymous_visitor_of_home_gets_the_public_landing(client, actors):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:index")
    client.force_login(actors["planner"])
    assert client.get(reverse("home")).status_code == 200
