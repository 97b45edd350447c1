"""The written apology letter: owed only on the written rungs of the ladder, read by who sees the unit."""

import pytest
from django.urls import reverse

from kinerja.workflows.letters import apology_context, owes_written_apology
from tests.mentoring.helpers import pdf_text

from .helpers import make, wib

IN_PERSON = "delivered to you in person"


def late(actors, compensation="maaf_tertulis", seconds=200000, status="delivered"):
    return make(
        actors,
        kind="verifikasi",
        status=status,
        seconds=seconds if status == "delivered" else None,
        compensation=compensation if status == "delivered" else "",
        unit="PSDKP-TARAKAN",
        opened=wib(2025, 4, 16, 8, 0),
        received=wib(2025, 4, 16, 8, 30),
        delivered=wib(2025, 4, 30, 14, 15) if status == "delivered" else None,
    )


def letter(client, request):
    return client.get(reverse("workflows:apology_letter", kwargs={"number": request.number}))


def test_a_written_apology_names_the_request_the_instants_and_the_hours(actors, login, settings):
    settings.LANGUAGE_CODE = "en"
    request = late(actors)
    response = letter(login(actors["operator_a"]), request)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"Surat-Permohonan-Maaf-{request.number}.pdf" in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    assert "Letter of apology" in text
    assert request.number in text
    assert "Verifikasi Capaian Kinerja" in text  # the standard's name of the service
    assert request.unit.name in text
    assert "Unit Head" in text  # the head of the unit it is addressed to
    assert "16 April 2025 08:30" in text
    assert "30 April 2025 14:15" in text
    # 200000 s = 55.56 service hours against the limit of 23 h 45 min = 23.75 hours.
    assert "55.56 hours" in text
    assert "23.75 service hours" in text
    assert "Head of Biro Perencanaan" in text
    assert IN_PERSON not in text


def test_beyond_72_hours_the_letter_says_the_product_is_delivered_in_person(actors, login, settings):
    settings.LANGUAGE_CODE = "en"
    request = late(actors, compensation="maaf_tertulis_antar_langsung", seconds=300000)
    text = " ".join(pdf_text(letter(login(actors["planner"]), request).content).split())
    assert IN_PERSON in text
    assert "83.33 hours" in text
    assert apology_context(request)["in_person"] is True


@pytest.mark.parametrize("compensation", ["tepat_waktu", "maaf_lisan"])
def test_no_letter_where_no_written_apology_is_owed(actors, login, compensation):
    request = late(actors, compensation=compensation, seconds=3600)
    assert not owes_written_apology(request)
    assert letter(login(actors["admin"]), request).status_code == 404


def test_no_letter_before_delivery(actors, login):
    request = late(actors, status="in_service")
    assert letter(login(actors["planner"]), request).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("operator_a", 200),
        ("unit_head", 200),
        ("planner", 200),
        ("inspector", 200),
        ("leadership", 200),
        ("operator_b", 404),
    ],
)
def test_the_letter_is_for_those_who_see_the_unit(actors, login, who, status):
    assert letter(login(actors[who]), late(actors)).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(actors, client):
    response = letter(client, late(actors))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
