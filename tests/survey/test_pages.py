"""The questionnaire pages (open link, one-time link, signed in), rate limit and honeypot, results."""

import pytest
from django.urls import reverse

from kinerja.survey import services
from kinerja.survey.models import SurveyResponse

from .conftest import SCORES, answers

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {**answers(**changes)}
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_the_open_link_takes_answers_without_login(client, tarakan_service):
    url = reverse("survey:open", kwargs={"code": "pelanggaran"})
    page = client.get(url)
    assert page.status_code == 200
    assert "Penanganan pelanggaran" in page.text
    done = client.post(url, form_data())
    assert done.status_code == 302
    assert done["Location"].endswith("?thanks=1")
    assert SurveyResponse.objects.get().service == tarakan_service
    assert "Thank you" in client.get(done["Location"]).text


def test_an_unknown_or_inactive_service_is_404(client, tarakan_service):
    assert client.get(reverse("survey:open", kwargs={"code": "nope"})).status_code == 404
    tarakan_service.is_active = False
    tarakan_service.save()
    assert client.get(reverse("survey:open", kwargs={"code": "pelanggaran"})).status_code == 404


def test_errors_name_the_field(client, tarakan_service):
    page = client.post(reverse("survey:open", kwargs={"code": "pelanggaran"}), form_data(u4="", sex=""))
    assert page.status_code == 200
    assert "U4 Fee conformity: This field is required." in page.text
    assert "Sex: This field is required." in page.text
    assert not SurveyResponse.objects.exists()


def test_a_filled_honeypot_records_nothing(client, tarakan_service):
    done = client.post(
        reverse("survey:open", kwargs={"code": "pelanggaran"}), form_data(website="http://spam")
    )
    assert done.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_the_rate_limit_stops_a_flood(client, tarakan_service):
    url = reverse("survey:open", kwargs={"code": "pelanggaran"})
    codes = [client.post(url, form_data()).status_code for _ in range(12)]
    assert codes[:10] == [302] * 10
    assert codes[10:] == [429, 429]
    assert SurveyResponse.objects.count() == 10


def test_the_token_link_takes_one_answer_then_says_so(client, delivered):
    token = services.survey_invite_for_request(request=delivered)
    url = reverse("survey:token", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    assert "PDP-2026-0042" in page.text
    assert client.post(url, form_data()).status_code == 302
    again = client.get(url)
    assert "already been rated" in again.text
    assert '<form method="post"' not in again.text
    assert client.post(url, form_data(u1=1)).status_code == 200
    assert SurveyResponse.objects.count() == 1


def test_a_wrong_token_is_404(client, delivered):
    services.survey_invite_for_request(request=delivered)
    assert client.get(reverse("survey:token", kwargs={"token": "guess"})).status_code == 404


def test_the_unit_answers_signed_in(login, actors, delivered):
    services.survey_invite_for_request(request=delivered)
    url = reverse("survey:request", kwargs={"number": delivered.number})
    assert login(actors["operator_b"]).get(url).status_code == 404
    assert login(actors["planner"]).get(url).status_code == 403
    client = login(actors["operator_a"])
    assert client.post(url, form_data()).status_code == 302
    assert "already been rated" in client.get(url).text
    assert SurveyResponse.objects.get().request == delivered


def test_results_are_public_and_live(client, tarakan_service, actors):
    services.population_set(
        actor=actors["operator_a"], service=tarakan_service, year=2026, period="TW2", population=100
    )
    services.response_submit(service=tarakan_service, answers=answers(), at=services_time(2026, 5, 2))
    url = reverse("survey:results") + "?service=pelanggaran&year=2026&period=TW2"
    page = client.get(url)
    assert page.status_code == 200
    assert "data-ikm>100.00<" in page.text
    assert "A Sangat Baik" in page.text
    assert "data-sample>80 " in page.text  # Krejcie–Morgan for 100 people
    services.response_submit(
        service=tarakan_service, answers=answers(**dict.fromkeys(SCORES, 3)), at=services_time(2026, 5, 3)
    )
    assert "data-ikm>87.50<" in client.get(url).text
    assert "data-respondents>2<" in client.get(url).text
    assert (
        "No answers in this period yet."
        in client.get(reverse("survey:results") + "?year=2026&period=TW1").text
    )


def services_time(*day):
    from .conftest import wib

    return wib(*day, 10)


def test_the_staff_page_registers_a_service(login, actors, org):
    client = login(actors["operator_a"])
    assert client.get(reverse("survey:manage")).status_code == 200
    done = client.post(
        reverse("survey:service_create"),
        {"unit": org["PSDKP-TARAKAN"].pk, "code": "informasi", "name": "Layanan informasi", "name_en": ""},
    )
    assert done.status_code == 302
    page = client.get(reverse("survey:manage"))
    assert "Layanan informasi" in page.text
    assert "/survey/s/informasi/" in page.text
    refused = login(actors["operator_b"]).post(
        reverse("survey:service_create"), {"unit": org["PSDKP-TARAKAN"].pk, "code": "x", "name": "X"}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text


def test_staff_download_the_results_as_csv(login, actors, tarakan_service, client):
    services.response_submit(service=tarakan_service, answers=answers(), at=services_time(2026, 5, 2))
    url = reverse("survey:results_csv") + "?service=pelanggaran&year=2026&period=TW2"
    assert client.get(url).status_code == 302  # sign-in first
    lines = login(actors["inspector"]).get(url).content.decode().splitlines()
    assert lines[0].startswith("service,name,unit,year,period,respondents,u1,")
    assert lines[1].startswith("pelanggaran,Penanganan pelanggaran,PSDKP-TARAKAN,2026,TW2,1,4.00,")
    assert ",100.00,A,Sangat Baik,," in lines[1]


def test_the_home_page_asks_the_unit_to_rate(login, actors, delivered):
    services.survey_invite_for_request(request=delivered)
    home = login(actors["operator_a"]).get(reverse("home"))
    assert "Rate the service you received" in home.text
    assert "/survey/request/PDP-2026-0042/" in home.text
    assert "Rate the service you received" not in login(actors["planner"]).get(reverse("home")).text
    services.response_submit(
        service=delivered.survey_invitation.service, answers=answers(), invitation=delivered.survey_invitation
    )
    assert "Rate the service you received" not in login(actors["operator_a"]).get(reverse("home")).text
