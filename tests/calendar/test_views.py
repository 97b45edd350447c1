"""The calendar page: everyone reads it; administrators change it; the calculator matches `kinerja sla`."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kinerja.calendar.models import CollectiveLeave, ServiceHours

from .conftest import wib

INDEX = reverse("calendar:index")


@pytest.fixture
def leave(db):
    return CollectiveLeave.objects.create(date=datetime.date(2025, 4, 2), name="Cuti Bersama Idul Fitri")


def test_everyone_reads_the_years_closed_days_and_the_weekly_hours(client, actors, leave, english):
    client.force_login(actors["operator_a"])
    response = client.get(INDEX, {"year": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hari Raya Idul Fitri" in page  # from the holiday library, marked as a national holiday
    assert "National holiday" in page
    assert "Cuti Bersama Idul Fitri" in page
    assert "Collective leave (cuti bersama)" in page
    assert "07:30–16:30" in page  # Friday
    assert "07:30–16:00" in page
    closed = response.context["closed"]
    assert [(d.date, d.kind) for d in closed if d.date.month == 4 and d.date.day <= 2] == [
        (datetime.date(2025, 4, 1), "national_holiday"),
        (datetime.date(2025, 4, 2), "collective_leave"),
    ]
    # No administrator's forms for an operator.
    assert reverse("calendar:leave_add") not in page
    assert reverse("calendar:hours_set") not in page
    assert reverse("calendar:leave_delete", args=[leave.pk]) not in page


def test_administrators_get_the_forms_and_the_suggestions(client, actors, leave):
    client.force_login(actors["admin"])
    response = client.get(INDEX, {"year": 2025})
    page = response.content.decode()
    for url in (
        reverse("calendar:leave_add"),
        reverse("calendar:leave_import"),
        reverse("calendar:hours_set"),
        reverse("calendar:leave_delete", args=[leave.pk]),
        reverse("calendar:hours_clear", args=[4]),
    ):
        assert url in page
    suggestions = dict(response.context["suggestions"])
    assert datetime.date(2025, 4, 3) in suggestions
    assert datetime.date(2025, 4, 2) not in suggestions  # already entered


def test_the_year_defaults_to_this_year(client, actors):
    client.force_login(actors["planner"])
    with time_machine.travel(wib(2026, 6, 1, 9), tick=False):
        response = client.get(INDEX)
    assert response.context["year"] == 2026
    assert datetime.date(2026, 3, 21) in {d.date for d in response.context["closed"]}


@pytest.mark.parametrize("year", ["abc", "1800", "-1"])
def test_a_nonsense_year_falls_back_to_this_year(client, actors, year):
    client.force_login(actors["planner"])
    with time_machine.travel(wib(2025, 6, 1, 9), tick=False):
        response = client.get(INDEX, {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == 2025


# --- the calculator ------------------------------------------------------------------------------

WORKED = {"service": "validasi", "start": "2025-03-06T15:00", "end": "2025-03-10T09:00"}


def test_the_calculator_gives_the_worked_example(client, actors, english):
    client.force_login(actors["operator_b"])
    response = client.get(reverse("calendar:sla"), WORKED)
    assert response.status_code == 200
    measure = response.context["measure"]
    assert measure.to_json() == {
        "service": "validasi",
        "service_hours": 11.5,
        "limit_hours": 24.0,
        "compensation": "tepat_waktu",
    }
    page = response.content.decode()
    assert "data-service-hours>11.50<" in page
    assert "data-limit-hours>24.00<" in page
    assert "On time" in page


def test_the_calculator_with_htmx_answers_its_panel_only(client, actors, english):
    client.force_login(actors["operator_b"])
    response = client.get(
        reverse("calendar:sla"),
        {**WORKED, "service": "verifikasi", "pauses": "2025-03-07T08:00/2025-03-07T10:00\n"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="sla-calculator"' in page
    assert "data-service-hours>9.50<" in page
    assert "data-limit-hours>23.75<" in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": "kemarin"}, "start"),
        ({"end": "2025-03-01T08:00"}, "end"),
        ({"pauses": "2025-03-07T08:00"}, "pauses"),
        ({"service": "audit"}, "service"),
    ],
)
def test_the_calculator_shows_errors_on_their_fields(client, actors, change, field):
    client.force_login(actors["operator_a"])
    response = client.get(reverse("calendar:sla"), {**WORKED, **change}, headers={"HX-Request": "true"})
    form = response.context["sla_form"]
    assert response.context["measure"] is None
    assert list(form.errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()


# --- the administrators' forms -------------------------------------------------------------------


def test_an_administrator_adds_a_collective_leave_day(client, actors):
    client.force_login(actors["admin"])
    response = client.post(reverse("calendar:leave_add"), {"date": "2025-04-03", "name": "Cuti Bersama"})
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}?year=2025"
    assert CollectiveLeave.objects.get().created_by == actors["admin"]


def test_a_repeated_day_is_shown_on_the_form(client, actors, leave, english):
    client.force_login(actors["admin"])
    response = client.post(reverse("calendar:leave_add"), {"date": "2025-04-02", "name": "Lagi"})
    assert response.status_code == 200
    assert response.context["leave_form"].errors == {
        "date": ["2025-04-02 is already a collective-leave day."]
    }
    assert CollectiveLeave.objects.count() == 1


def test_an_administrator_deletes_and_imports(client, actors, leave):
    client.force_login(actors["admin"])
    assert client.post(reverse("calendar:leave_delete", args=[leave.pk])).status_code == 302
    assert not CollectiveLeave.objects.exists()
    response = client.post(reverse("calendar:leave_import"), {"year": "2025"})
    assert response["Location"] == f"{INDEX}?year=2025"
    assert CollectiveLeave.objects.filter(date__year=2025).count() == 11
    client.post(reverse("calendar:leave_import"), {"year": "2025"})
    assert CollectiveLeave.objects.count() == 11


def test_an_administrator_edits_and_clears_the_hours(client, actors, english):
    client.force_login(actors["admin"])
    response = client.post(
        reverse("calendar:hours_set"), {"weekday": "4", "opens": "08:00", "closes": "15:00"}
    )
    assert response.status_code == 302
    assert ServiceHours.objects.get(weekday=4).closes == datetime.time(15)
    response = client.post(
        reverse("calendar:hours_set"), {"weekday": "4", "opens": "15:00", "closes": "08:00"}
    )
    assert response.status_code == 200
    week = {day.value: form for day, _row, form in response.context["week"]}
    assert week[4].errors == {"closes": ["Closing time must come after opening time."]}
    assert 'id="id_hours_4_closes"' in response.content.decode()
    response = client.post(
        reverse("calendar:hours_set"), {"weekday": "9", "opens": "08:00", "closes": "15:00"}
    )
    assert response.status_code == 302
    assert client.post(reverse("calendar:hours_clear", args=[4])).status_code == 302
    assert not ServiceHours.objects.filter(weekday=4).exists()


@pytest.mark.parametrize("actor", ["operator_a", "unit_head", "planner", "inspector", "leadership"])
def test_others_may_not_change_the_calendar(client, actors, leave, actor):
    client.force_login(actors[actor])
    posts = [
        (reverse("calendar:leave_add"), {"date": "2025-04-03", "name": "Cuti"}),
        (reverse("calendar:leave_delete", args=[leave.pk]), {}),
        (reverse("calendar:leave_import"), {"year": "2025"}),
        (reverse("calendar:hours_set"), {"weekday": "4", "opens": "08:00", "closes": "15:00"}),
        (reverse("calendar:hours_clear", args=[4]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert list(CollectiveLeave.objects.all()) == [leave]
    assert ServiceHours.objects.get(weekday=4).closes == datetime.time(16, 30)


def test_deleting_a_day_that_does_not_exist_is_a_404(client, actors):
    client.force_login(actors["admin"])
    assert client.post(reverse("calendar:leave_delete", args=[999])).status_code == 404


def test_the_menu_links_the_calendar(client, actors, english):
    client.force_login(actors["operator_a"])
    page = client.get(reverse("home")).content.decode()
    assert f'href="{INDEX}"' in page
    assert "Service calendar" in page
