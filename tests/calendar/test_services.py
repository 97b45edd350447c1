"""Only administrators change the calendar; its rules hold whoever calls the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.calendar import services
from kinerja.calendar.models import CollectiveLeave, ServiceHours
from kinerja.calendar.sla import sla_from_text

T = datetime.time
REFUSED = ["operator_a", "unit_head", "planner", "inspector", "leadership"]


def worked_hours():
    return sla_from_text(service="validasi", start="2025-03-06T15:00", end="2025-03-10T09:00").service_hours


@pytest.mark.parametrize("actor", REFUSED)
def test_only_administrators_change_the_calendar(actors, actor):
    user = actors[actor]
    leave = CollectiveLeave.objects.create(date=datetime.date(2025, 4, 2), name="Cuti Bersama")
    calls = [
        lambda: services.collective_leave_add(actor=user, date=datetime.date(2025, 4, 3), name="Cuti"),
        lambda: services.collective_leave_delete(actor=user, leave=leave),
        lambda: services.collective_leave_import(actor=user, year=2025),
        lambda: services.service_hours_set(actor=user, weekday=4, opens=T(8), closes=T(12)),
        lambda: services.service_hours_clear(actor=user, weekday=4),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert list(CollectiveLeave.objects.values_list("date", flat=True)) == [datetime.date(2025, 4, 2)]
    assert ServiceHours.objects.get(weekday=4).closes == T(16, 30)


def test_a_superuser_counts_as_an_administrator(db):
    from kinerja.accounts.models import User

    root = User.objects.create_superuser(
        username="root", password="x-Very-Long-42", email="r@example.invalid"
    )
    assert services.may_manage_calendar(root)


def test_an_administrator_adds_and_deletes_a_collective_leave_day(actors):
    admin = actors["admin"]
    before = worked_hours()
    leave = services.collective_leave_add(actor=admin, date=datetime.date(2025, 3, 7), name="  Cuti uji  ")
    assert (leave.name, leave.created_by) == ("Cuti uji", admin)
    assert worked_hours() == before - 9  # Friday no longer counts
    assert leave.history.count() == 1
    services.collective_leave_delete(actor=admin, leave=leave)
    assert not CollectiveLeave.objects.exists()
    assert worked_hours() == before


@pytest.mark.parametrize(
    ("date", "name", "field"),
    [
        (datetime.date(2025, 4, 2), "Lagi", "date"),  # already entered
        (datetime.date(2025, 4, 3), "   ", "name"),
        (datetime.date(2025, 4, 3), "x" * 201, "name"),
        ("2025-04-03", "Teks", "date"),
        (datetime.date(1800, 1, 1), "Dulu", "year"),
    ],
)
def test_a_bad_collective_leave_day_names_the_field(actors, date, name, field):
    CollectiveLeave.objects.create(date=datetime.date(2025, 4, 2), name="Cuti Bersama")
    with pytest.raises(ValidationError) as caught:
        services.collective_leave_add(actor=actors["admin"], date=date, name=name)
    assert field in caught.value.message_dict
    assert CollectiveLeave.objects.count() == 1


def test_the_import_enters_the_librarys_suggestions_and_skips_days_already_entered(actors):
    admin = actors["admin"]
    mine = services.collective_leave_add(
        actor=admin, date=datetime.date(2025, 4, 2), name="Keputusan bersama"
    )
    added = services.collective_leave_import(actor=admin, year=2025)
    dates = [leave.date for leave in added]
    assert datetime.date(2025, 4, 2) not in dates
    assert dates == sorted(dates)
    assert {datetime.date(2025, 1, 28), datetime.date(2025, 4, 3), datetime.date(2025, 12, 26)} <= set(dates)
    assert len(dates) == 10  # the library's 11 days of 2025 less the one already entered
    assert all(leave.name.startswith("Cuti Bersama") and leave.created_by == admin for leave in added)
    mine.refresh_from_db()
    assert mine.name == "Keputusan bersama"
    assert services.collective_leave_import(actor=admin, year=2025) == []
    assert CollectiveLeave.objects.count() == 11


@pytest.mark.parametrize("year", [1800, "2025", True])
def test_the_import_needs_a_year_the_calendar_knows(actors, year):
    with pytest.raises(ValidationError) as caught:
        services.collective_leave_import(actor=actors["admin"], year=year)
    assert list(caught.value.message_dict) == ["year"]


def test_an_administrator_sets_and_clears_the_hours_of_a_day(actors):
    admin = actors["admin"]
    row = services.service_hours_set(actor=admin, weekday=4, opens=T(7, 30), closes=T(16))
    assert (row.opens, row.closes) == (T(7, 30), T(16))
    assert worked_hours() == 11  # Friday half an hour shorter
    services.service_hours_clear(actor=admin, weekday=4)
    assert worked_hours() == 2.5  # Thursday 1 h + Monday 1.5 h
    services.service_hours_set(actor=admin, weekday=5, opens=T(8), closes=T(12))  # a Saturday service
    assert worked_hours() == 6.5
    changes = ServiceHours.history.filter(weekday=4).order_by("history_date")
    assert [record.history_type for record in changes] == ["~", "-"]


@pytest.mark.parametrize(
    ("weekday", "opens", "closes", "field"),
    [
        (7, T(8), T(12), "weekday"),
        ("1", T(8), T(12), "weekday"),
        (1, T(12), T(8), "closes"),
        (1, T(8), T(8), "closes"),
        (1, "08:00", T(12), "opens"),
        (1, T(8), None, "closes"),
    ],
)
def test_bad_hours_name_the_field(actors, weekday, opens, closes, field):
    with pytest.raises(ValidationError) as caught:
        services.service_hours_set(actor=actors["admin"], weekday=weekday, opens=opens, closes=closes)
    assert field in caught.value.message_dict


def test_the_last_day_with_service_cannot_be_cleared(actors):
    admin = actors["admin"]
    for weekday in range(4):
        services.service_hours_clear(actor=admin, weekday=weekday)
    with pytest.raises(ValidationError) as caught:
        services.service_hours_clear(actor=admin, weekday=4)
    assert list(caught.value.message_dict) == ["weekday"]
    assert list(ServiceHours.objects.values_list("weekday", flat=True)) == [4]
    services.service_hours_clear(actor=admin, weekday=6)  # a day without service: nothing to clear
