"""The daily reminders: entry opens, 7 days, 3 service days and 1 day before a unit's own deadline,
and the planners' summary."""

import datetime
import json
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from kinerja.calendar.models import CollectiveLeave
from kinerja.calendar.selectors import national_holidays
from kinerja.notifications.models import Notification
from kinerja.notifications.reminders import Gap, missing_entries, reminders_send
from kinerja.notifications.tasks import send_reminders_task
from kinerja.performance.models import Submission, SubmissionStatus
from kinerja.planning.models import DeadlineExtension, PeriodWindow, YearStatus

from .conftest import CLOSES, OPENS, YEAR, fill

DAY = datetime.timedelta(days=1)
# CLOSES is Wednesday 15 April 2026: three service days before it is Friday 10 April (Mon 13, Tue 14,
# Wed 15), five calendar days before.
THREE_SERVICE_DAYS = datetime.date(2026, 4, 10)


class Abort(Exception):
    """Makes the surrounding transaction roll back."""


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the reminders for a day as the daily job would: committed, so the mail goes out."""

    def _send(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=day)

    return _send


def keys_of(user):
    return set(Notification.objects.filter(user=user).values_list("event_key", flat=True))


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_entry_open_is_announced_on_the_opening_day_only(cycle, actors, send):
    tarakan, bitung = cycle["tarakan"], cycle["bitung"]
    assert send(OPENS - DAY) == {"entry_open": 0, "deadline": 0, "deadline_summary": 0}
    assert Notification.objects.count() == 0

    counts = send(OPENS)
    assert counts["entry_open"] == 3  # operator and head of Tarakan, operator of Bitung
    assert keys_of(actors["operator_a"]) == {f"entry-open:{YEAR}:TW1:{tarakan.pk}"}
    assert keys_of(actors["unit_head"]) == {f"entry-open:{YEAR}:TW1:{tarakan.pk}"}
    assert keys_of(actors["operator_b"]) == {f"entry-open:{YEAR}:TW1:{bitung.pk}"}
    for other in ("planner", "inspector", "leadership", "admin"):
        assert keys_of(actors[other]) == set()
    assert recipients() == [
        "operator_a@example.invalid",
        "operator_b@example.invalid",
        "unit_head@example.invalid",
    ]
    message = next(m for m in mail.outbox if m.to == ["operator_a@example.invalid"])
    assert "TW1" in message.subject
    assert str(YEAR) in message.subject
    assert tarakan.name in message.body

    assert send(OPENS + DAY)["entry_open"] == 0
    assert len(mail.outbox) == 3


def test_a_draft_year_sends_nothing(cycle, send):
    cycle["year"].status = YearStatus.DRAFT
    cycle["year"].save()
    assert send(OPENS) == {"entry_open": 0, "deadline": 0, "deadline_summary": 0}
    assert send(CLOSES - 7 * DAY)["deadline"] == 0
    assert mail.outbox == []


def test_missing_entries_counts_the_indicators_due_in_the_quarter(cycle):
    tarakan, bitung, ik = cycle["tarakan"], cycle["bitung"], cycle["ik"]
    ids = [tarakan.pk, bitung.pk]
    # TW1: only the quarterly IK-02 and IK-03 are due; the semester and the TW3 assessment are not.
    assert missing_entries(unit_ids=ids, year=YEAR, quarter="TW1") == {
        tarakan.pk: Gap(due=2, missing=2),
        bitung.pk: Gap(due=2, missing=2),
    }
    fill(tarakan, ik["IK-02"], "TW1")
    fill(bitung, ik["IK-02"], "TW1")
    fill(bitung, ik["IK-03"], "TW1", computable=False)  # "cannot be calculated" counts as entered
    fill(tarakan, ik["IK-03"], "TW2")  # another quarter's value does not
    assert missing_entries(unit_ids=ids, year=YEAR, quarter="TW1") == {tarakan.pk: Gap(due=2, missing=1)}
    # TW2 reports S1 as well; TW3 the assessed IK-16.
    assert missing_entries(unit_ids=[tarakan.pk], year=YEAR, quarter="TW2") == {
        tarakan.pk: Gap(due=3, missing=2)
    }
    assert missing_entries(unit_ids=[tarakan.pk], year=YEAR, quarter="TW3") == {
        tarakan.pk: Gap(due=3, missing=3)
    }


def test_a_submitted_or_verified_quarter_is_not_missing(cycle):
    tarakan = cycle["tarakan"]
    for status, missing in (
        (SubmissionStatus.DRAFT, True),
        (SubmissionStatus.RETURNED, True),
        (SubmissionStatus.SUBMITTED, False),
        (SubmissionStatus.VERIFIED, False),
    ):
        Submission.objects.update_or_create(
            unit=tarakan,
            year=YEAR,
            quarter="TW1",
            defaults={"status": status, "return_reason": "x" if status == "returned" else ""},
        )
        gaps = missing_entries(unit_ids=[tarakan.pk], year=YEAR, quarter="TW1")
        assert (tarakan.pk in gaps) is missing, status


def test_deadline_reminders_go_to_units_with_missing_entries_7_days_3_service_days_and_1_day_before(
    cycle, actors, send
):
    tarakan, bitung, ik = cycle["tarakan"], cycle["bitung"], cycle["ik"]
    fill(tarakan, ik["IK-02"], "TW1")
    fill(bitung, ik["IK-02"], "TW1")
    fill(bitung, ik["IK-03"], "TW1")  # Bitung is complete

    sent_on = {}
    day = CLOSES - 10 * DAY
    while day <= CLOSES:
        mail.outbox.clear()
        counts = send(day)
        if counts["deadline"]:
            sent_on[day] = recipients()
        day += DAY
    # Tarakan's operator and head, and the planner's summary.
    expected = ["operator_a@example.invalid", "planner@example.invalid", "unit_head@example.invalid"]
    assert sent_on == {CLOSES - 7 * DAY: expected, THREE_SERVICE_DAYS: expected, CLOSES - DAY: expected}
    assert keys_of(actors["operator_a"]) == {
        f"deadline:{YEAR}:TW1:{mark}:{tarakan.pk}" for mark in ("7d", "3sd", "1d")
    }
    assert keys_of(actors["planner"]) == {
        f"deadline-summary:{YEAR}:TW1:{mark}" for mark in ("7d", "3sd", "1d")
    }
    assert keys_of(actors["operator_b"]) == set()
    reminder = Notification.objects.get(
        user=actors["unit_head"], event_key__startswith=f"deadline:{YEAR}:TW1:1d"
    )
    assert reminder.level == "danger"
    assert tarakan.name in reminder.body
    assert Notification.objects.get(user=actors["unit_head"], event_key__contains=":3sd:").level == "warning"


def service_day_marks(actors, first, last, send):
    """The days from first to last on which Tarakan's operator got the 3-service-day reminder.

    Its event key names no day, so a second day would be swallowed as a duplicate: each day's
    reminder is removed once seen, to catch every day the rule fires on.
    """
    days = []
    day = first
    while day <= last:
        send(day)
        if Notification.objects.filter(user=actors["operator_a"], event_key__contains=":3sd:").exists():
            days.append(day)
            Notification.objects.filter(event_key__contains=":3sd:").delete()
        day += DAY
    return days


def test_the_weekend_before_the_deadline_is_no_service_day(cycle, actors, send):
    # Saturday 11 and Sunday 12 April also have exactly three service days ahead: nothing is sent then.
    assert service_day_marks(actors, CLOSES - 7 * DAY, CLOSES, send) == [THREE_SERVICE_DAYS]


def test_a_weekend_and_a_national_holiday_move_the_service_day_reminder_back(cycle, actors, send):
    window = PeriodWindow.objects.get(year=cycle["year"], quarter="TW1")
    deadline = datetime.date(2026, 5, 5)  # a Tuesday, after Labour Day (Friday 1 May) and a weekend
    assert datetime.date(2026, 5, 1) in national_holidays([2026])
    DeadlineExtension.objects.create(window=window, unit=cycle["tarakan"], closes_on=deadline, reason="x")
    # Wednesday 29 April: Thursday 30 April, Monday 4 and Tuesday 5 May are left, six calendar days.
    assert service_day_marks(actors, deadline - 8 * DAY, deadline, send) == [datetime.date(2026, 4, 29)]
    assert keys_of(actors["operator_a"]) == {
        f"deadline:{YEAR}:TW1:7d:{cycle['tarakan'].pk}",
        f"deadline:{YEAR}:TW1:1d:{cycle['tarakan'].pk}",
    }


def test_cuti_bersama_is_no_service_day(cycle, actors, send):
    CollectiveLeave.objects.create(date=THREE_SERVICE_DAYS, name="Cuti bersama")
    # Friday 10 April is closed: it is not counted, and nothing is sent on it (nor on the weekend),
    # though three service days lie after it. Thursday 9 April takes the reminder.
    assert service_day_marks(actors, CLOSES - 9 * DAY, CLOSES, send) == [datetime.date(2026, 4, 9)]


@override_settings(LANGUAGE_CODE="en")
def test_the_reminder_says_how_many_indicators_have_no_value(cycle, actors, send):
    fill(cycle["tarakan"], cycle["ik"]["IK-02"], "TW1")
    send(THREE_SERVICE_DAYS)
    reminder = Notification.objects.get(user=actors["operator_a"])
    assert reminder.title == "Entry for TW1 2026 closes in 3 service days"
    assert reminder.event_key == f"deadline:{YEAR}:TW1:3sd:{cycle['tarakan'].pk}"
    summary = Notification.objects.get(user=actors["planner"])
    assert summary.title == "Missing entries for TW1 2026, 3 service days before the deadline"
    assert reminder.body.startswith("1 of the 2 PK indicators of Stasiun")
    assert "has no value yet" in reminder.body


def test_the_planners_get_one_summary_per_quarter_and_day_mark(cycle, actors, send, org):
    tarakan, bitung = cycle["tarakan"], cycle["bitung"]
    counts = send(CLOSES - 7 * DAY)
    assert counts == {"entry_open": 0, "deadline": 3, "deadline_summary": 1}
    summary = Notification.objects.get(user=actors["planner"])
    assert summary.event_key == f"deadline-summary:{YEAR}:TW1:7d"
    assert tarakan.code in summary.body
    assert bitung.code in summary.body
    assert Notification.objects.filter(event_key__startswith="deadline-summary").count() == 1  # no admin
    planner_mail = [m for m in mail.outbox if m.to == ["planner@example.invalid"]]
    assert len(planner_mail) == 1
    assert tarakan.name in planner_mail[0].body


def test_an_extension_moves_the_units_reminders_to_its_own_deadline(cycle, actors, send):
    tarakan, bitung = cycle["tarakan"], cycle["bitung"]
    window = PeriodWindow.objects.get(year=cycle["year"], quarter="TW1")
    extended = datetime.date(2026, 4, 22)  # a Wednesday
    DeadlineExtension.objects.create(
        window=window, unit=tarakan, closes_on=extended, reason="Gangguan jaringan"
    )

    send(CLOSES - 7 * DAY)
    assert keys_of(actors["operator_a"]) == set()
    assert keys_of(actors["operator_b"]) == {f"deadline:{YEAR}:TW1:7d:{bitung.pk}"}
    summary = Notification.objects.get(user=actors["planner"])
    assert bitung.code in summary.body
    assert tarakan.code not in summary.body

    # After the window's own deadline the window is still read, for the extended unit.
    send(datetime.date(2026, 4, 17))  # Friday: Monday, Tuesday and Wednesday are left
    assert keys_of(actors["operator_a"]) == {f"deadline:{YEAR}:TW1:3sd:{tarakan.pk}"}
    assert keys_of(actors["operator_b"]) == {f"deadline:{YEAR}:TW1:7d:{bitung.pk}"}
    assert keys_of(actors["planner"]) == {
        f"deadline-summary:{YEAR}:TW1:7d",
        f"deadline-summary:{YEAR}:TW1:3sd",
    }


def test_running_twice_sends_nothing_twice(cycle, send):
    first = send(CLOSES - 7 * DAY)
    sent = len(mail.outbox)
    rows = Notification.objects.count()
    assert first["deadline"]
    assert sent == rows
    assert send(CLOSES - 7 * DAY) == {"entry_open": 0, "deadline": 0, "deadline_summary": 0}
    assert len(mail.outbox) == sent
    assert Notification.objects.count() == rows


def test_a_rolled_back_run_leaves_no_row_and_sends_no_mail(cycle, django_capture_on_commit_callbacks):
    counts = []

    @transaction.atomic
    def send_then_fail():
        counts.append(reminders_send(today=OPENS))
        raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Abort):
        send_then_fail()
    assert counts[0]["entry_open"] == 3
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_revoked_roles_and_people_without_an_address(cycle, actors, send):
    from kinerja.accounts.models import RoleAssignment

    RoleAssignment.objects.filter(user=actors["unit_head"]).update(is_active=False)
    actors["operator_a"].email = ""
    actors["operator_a"].save()
    send(OPENS)
    assert keys_of(actors["unit_head"]) == set()
    assert keys_of(actors["operator_a"]) == {f"entry-open:{YEAR}:TW1:{cycle['tarakan'].pk}"}
    assert recipients() == ["operator_b@example.invalid"]


def test_the_command_prints_counts_and_uses_todays_date(cycle, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", OPENS.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {
        "today": "2026-01-01",
        "entry_open": 3,
        "deadline": 0,
        "deadline_summary": 0,
    }
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 4, 8, 7, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_reminders", stdout=out)
    assert json.loads(out.getvalue())["today"] == "2026-04-08"
    assert json.loads(out.getvalue())["deadline"] == 3
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "8 April")


def test_the_task_sends_the_same_reminders(cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders_task.enqueue(today=OPENS.isoformat())
    assert result.return_value == {"entry_open": 3, "deadline": 0, "deadline_summary": 0}
    with time_machine.travel(datetime.datetime(2026, 1, 1, 20, 0, tzinfo=datetime.UTC), tick=False):
        # 20:00 UTC on 1 January is already 2 January in Jakarta: nothing opens then.
        assert send_reminders_task.enqueue().return_value["entry_open"] == 0
