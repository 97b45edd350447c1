"""The calendar's API: a year's calendar for everyone, collective leave for administrators, and sla."""

import datetime

import pytest
from django.urls import reverse

from kinerja.calendar.models import CollectiveLeave


@pytest.fixture
def api(client, actors):
    def as_user(name):
        client.force_login(actors[name])
        return client

    return as_user


@pytest.fixture
def leave(db):
    return CollectiveLeave.objects.create(date=datetime.date(2025, 4, 2), name="Cuti Bersama Idul Fitri")


def test_a_years_calendar(api, leave, english):
    response = api("operator_b").get(reverse("api:calendar-detail", args=[2025]))
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2025
    assert data["service_hours"][3] == {"weekday": 3, "day": "Thursday", "opens": "07:30", "closes": "16:00"}
    assert data["service_hours"][4] == {"weekday": 4, "day": "Friday", "opens": "07:30", "closes": "16:30"}
    assert data["service_hours"][5] == {"weekday": 5, "day": "Saturday", "opens": None, "closes": None}
    days = {(d["date"], d["kind"]): d for d in data["closed_days"]}
    assert days[("2025-03-31", "national_holiday")] == {
        "date": "2025-03-31",
        "name": "Hari Raya Idul Fitri",
        "kind": "national_holiday",
        "collective_leave": None,
    }
    assert days[("2025-04-02", "collective_leave")]["collective_leave"] == leave.pk
    assert [d["date"] for d in data["closed_days"]] == sorted(d["date"] for d in data["closed_days"])


def test_a_year_the_calendar_does_not_know_is_refused(api):
    response = api("operator_a").get(reverse("api:calendar-detail", args=[1800]))
    assert response.status_code == 400
    assert "year" in response.json()


def test_anonymous_callers_are_refused(client):
    assert client.get(reverse("api:calendar-detail", args=[2025])).status_code == 403
    assert client.post(reverse("api:sla-list"), {}, content_type="application/json").status_code == 403


def test_collective_leave_list_by_year(api, leave):
    CollectiveLeave.objects.create(date=datetime.date(2026, 3, 20), name="Cuti Bersama 2026")
    rows = api("planner").get(reverse("api:collective-leave-list"), {"year": 2025}).json()["results"]
    assert [row["date"] for row in rows] == ["2025-04-02"]
    assert api("planner").get(reverse("api:collective-leave-list"), {"year": "x"}).status_code == 400


def test_an_administrator_enters_and_deletes_a_day(api, actors):
    client = api("admin")
    response = client.post(
        reverse("api:collective-leave-list"),
        {"date": "2025-04-03", "name": "Cuti"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["created_by"] == "admin"
    again = client.post(
        reverse("api:collective-leave-list"),
        {"date": "2025-04-03", "name": "Lagi"},
        content_type="application/json",
    )
    assert again.status_code == 400
    assert list(again.json()) == ["date"]
    blank = client.post(
        reverse("api:collective-leave-list"),
        {"date": "2025-04-04", "name": " "},
        content_type="application/json",
    )
    assert blank.status_code == 400
    assert "name" in blank.json()
    pk = response.json()["id"]
    assert client.delete(reverse("api:collective-leave-detail", args=[pk])).status_code == 204
    assert not CollectiveLeave.objects.exists()


def test_an_administrator_imports_the_suggestions(api, leave):
    response = api("admin").post(
        reverse("api:collective-leave-import"), {"year": 2025}, content_type="application/json"
    )
    assert response.status_code == 201
    assert len(response.json()) == 10
    assert "2025-04-02" not in {row["date"] for row in response.json()}
    again = api("admin").post(
        reverse("api:collective-leave-import"), {"year": 2025}, content_type="application/json"
    )
    assert again.json() == []


@pytest.mark.parametrize("actor", ["operator_a", "unit_head", "planner", "inspector", "leadership"])
def test_others_may_not_change_collective_leave(api, leave, actor):
    client = api(actor)
    assert (
        client.post(
            reverse("api:collective-leave-list"),
            {"date": "2025-04-03", "name": "Cuti"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert client.delete(reverse("api:collective-leave-detail", args=[leave.pk])).status_code == 403
    assert (
        client.post(
            reverse("api:collective-leave-import"), {"year": 2025}, content_type="application/json"
        ).status_code
        == 403
    )
    assert list(CollectiveLeave.objects.all()) == [leave]


def test_sla_answers_as_the_command(api):
    body = {"service": "validasi", "start": "2025-03-06T15:00", "end": "2025-03-10T09:00"}
    response = api("operator_a").post(reverse("api:sla-list"), body, content_type="application/json")
    assert response.status_code == 200
    assert response.content == (
        b'{"service":"validasi","service_hours":11.5,"limit_hours":24.0,"compensation":"tepat_waktu"}'
    )
    paused = api("operator_a").post(
        reverse("api:sla-list"),
        {**body, "service": "verifikasi", "pauses": ["2025-03-07T08:00+07:00/2025-03-07T03:00Z"]},
        content_type="application/json",
    )
    assert paused.json() == {
        "service": "verifikasi",
        "service_hours": 9.5,
        "limit_hours": 23.75,
        "compensation": "tepat_waktu",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"service": "audit"}, "service"),
        ({"start": "kemarin"}, "start"),
        ({"end": "2025-03-01T08:00"}, "end"),
        ({"pauses": ["2025-03-07T08:00"]}, "pauses"),
        ({"pauses": "2025-03-07T08:00/2025-03-07T09:00"}, "pauses"),
    ],
)
def test_sla_refuses_bad_input_naming_the_field(api, change, field):
    body = {"service": "validasi", "start": "2025-03-06T15:00", "end": "2025-03-10T09:00", **change}
    response = api("operator_a").post(reverse("api:sla-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
