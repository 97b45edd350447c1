"""The answer deadline on the service calendar, the watch, and the counts for the service evaluation."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from kinerja.calendar.clock import WIB
from kinerja.calendar.models import CollectiveLeave
from kinerja.complaints import services
from kinerja.complaints.models import ComplaintState
from kinerja.complaints.selectors import complaint_counts, complaint_list
from kinerja.complaints.watch import complaint_deadlines_watch
from kinerja.notifications.models import Notification

from .helpers import answered, in_progress, receive, standard

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=WIB)


def test_weekends_are_skipped(actors):
    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):  # a Wednesday
        complaint = receive().complaint
    # Thursday, Friday, Monday, Tuesday, Wednesday: due at Wednesday's closing time.
    assert complaint.due_at == at(2026, 7, 8, 16, 0)


def test_a_holiday_and_collective_leave_are_skipped(actors):
    CollectiveLeave.objects.create(date=datetime.date(2026, 8, 18), name="Cuti bersama (uji)")
    with time_machine.travel(at(2026, 8, 14, 15, 55), tick=False):  # Friday; 17 August is a holiday
        complaint = receive().complaint
    # Mon 17 (Independence Day), Tue 18 (leave) and Tue 25 (Maulid Nabi) are skipped:
    # Wed 19, Thu 20, Fri 21, Mon 24, Wed 26.
    assert complaint.due_at == at(2026, 8, 26, 16, 0)


def test_received_on_a_weekend_and_a_friday_deadline(actors):
    with time_machine.travel(at(2026, 7, 4, 9, 0), tick=False):  # a Saturday
        complaint = receive().complaint
    assert complaint.due_at == at(2026, 7, 10, 16, 30)  # Friday closes at 16:30


def test_the_setting_changes_new_deadlines_only(actors):
    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):
        before = receive().complaint
        row = services.settings_get()
        services.settings_update(actor=actors["admin"], expected_version=row.row_version, answer_days=1)
        after = receive().complaint
    assert before.due_at == at(2026, 7, 8, 16, 0)
    assert after.due_at == at(2026, 7, 2, 16, 0)


def test_overdue_listing_and_watch(actors):
    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):
        late = receive(subject="Terlambat").complaint
        on_time = receive(subject="Tepat").complaint
    with time_machine.travel(at(2026, 7, 3, 10, 0), tick=False):
        answered(actors, on_time)
    moment = at(2026, 7, 9, 8, 0)
    rows = complaint_list(user=actors["planner"], overdue=True, now=moment)
    assert list(rows) == [late]
    assert complaint_deadlines_watch(now=moment) == {"late": 1}
    assert complaint_deadlines_watch(now=moment) == {"late": 0}  # told once
    assert Notification.objects.filter(event_key=f"complaint-overdue:{late.pk}").count() >= 1


def test_answer_time_in_service_hours_and_counts(actors):
    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):  # Wednesday 10:00
        first = receive(kind="pengaduan", standard=standard("validasi")).complaint
        second = receive(kind="saran", standard=standard("validasi")).complaint
        third = receive(kind="masukan", standard=None).complaint
        rejected = receive(kind="saran", standard=standard("validasi")).complaint
        services.complaint_reject(
            actor=actors["planner"], complaint=rejected, expected_version=1, reason="Spam"
        )
    with time_machine.travel(at(2026, 7, 1, 12, 0), tick=False):
        answered(actors, first)  # 2 service hours
    with time_machine.travel(at(2026, 7, 2, 10, 0), tick=False):
        answered(actors, second)  # 6 + 2.5 = 8.5 service hours
    with time_machine.travel(at(2026, 7, 2, 11, 0), tick=False):
        in_progress(actors, third)
    with time_machine.travel(at(2026, 7, 20, 9, 0), tick=False):
        counts = complaint_counts(
            standard_code="validasi", start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 31)
        )
        everything = complaint_counts(
            standard_code=None, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 1)
        )
        other = complaint_counts(
            standard_code="other", start=datetime.date(2026, 7, 1), end=datetime.date(2026, 7, 1)
        )
        june = complaint_counts(
            standard_code=None, start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30)
        )
    assert first.answer_seconds == 2 * 3600
    assert counts["received"] == 3
    assert counts["answered"] == 2
    assert counts["rejected"] == 1
    assert counts["open"] == 0
    assert counts["by_kind"] == {"pengaduan": 1, "saran": 2, "masukan": 0}
    assert str(counts["median_answer_hours"]) == "5.25"
    assert everything["received"] == 4
    assert (other["received"], other["open"], other["overdue"]) == (1, 1, 1)
    assert june["received"] == 0
    assert june["median_answer_hours"] is None
    assert rejected.state == ComplaintState.REJECTED
    assert timezone.is_aware(first.due_at)


def test_watch_command_and_waiting_items(actors):
    import io
    import json

    from django.core.management import call_command

    from kinerja.complaints.waiting import waiting_items

    with time_machine.travel(at(2026, 7, 1, 10, 0), tick=False):
        complaint = receive().complaint
        assert [item.title for item in waiting_items(actors["planner"])] == ["Complaints waiting for triage"]
        assert waiting_items(actors["operator_a"]) == []
        in_progress(actors, complaint)
    out = io.StringIO()
    call_command("watch_complaints", "--now", "2026-07-09T08:00", stdout=out)
    assert json.loads(out.getvalue())["late"] == 1
    with time_machine.travel(at(2026, 7, 9, 8, 0), tick=False):
        items = waiting_items(actors["planner"])
    assert [(item.title, item.level) for item in items] == [("Complaints you handle", "danger")]
