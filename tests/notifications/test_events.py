"""Notifications sent at once by the submission workflow, and the send service's guarantees."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from kinerja.notifications import services
from kinerja.notifications.events import notify_submission_returned, notify_submission_submitted
from kinerja.notifications.models import Notification
from kinerja.notifications.services import notification_send
from kinerja.performance.models import Submission, SubmissionStatus

from .conftest import YEAR


class Abort(Exception):
    """Makes the surrounding transaction roll back."""


REASON = "Bukti dukung IK-02 TW1 belum diunggah."


@pytest.fixture
def returned(cycle, actors):
    return Submission.objects.create(
        unit=cycle["tarakan"],
        year=YEAR,
        quarter="TW1",
        status=SubmissionStatus.RETURNED,
        submitted_by=actors["operator_a"],
        submitted_at=timezone.now(),
        reviewed_by=actors["planner"],
        reviewed_at=timezone.now(),
        return_reason=REASON,
        row_version=3,
    )


def people(notifications):
    return sorted(n.user.username for n in notifications)


def test_a_returned_submission_tells_the_submitter_and_the_units_staff_with_the_reason(
    returned, actors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify_submission_returned(returned, url="/performance/x/")
    assert people(sent) == ["operator_a", "unit_head"]
    assert {n.event_key for n in sent} == {f"submission-returned:{returned.pk}:v3"}
    assert all(REASON in n.body and n.level == "warning" and n.url == "/performance/x/" for n in sent)
    assert sorted(m.to[0] for m in mail.outbox) == ["operator_a@example.invalid", "unit_head@example.invalid"]
    assert all(REASON in m.body and "http://" in m.body and "/performance/x/" in m.body for m in mail.outbox)


def test_a_submitter_who_left_the_unit_is_still_told(returned, actors, django_capture_on_commit_callbacks):
    from kinerja.accounts.models import RoleAssignment

    RoleAssignment.objects.filter(user=actors["operator_a"]).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert people(notify_submission_returned(returned)) == ["operator_a", "unit_head"]


def test_the_same_return_is_told_once_and_a_second_return_again(
    returned, actors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_submission_returned(returned)
        assert notify_submission_returned(returned) == []  # a retry of the same event
    assert len(mail.outbox) == 2
    returned.row_version = 5  # submitted again (v4) and returned again (v5)
    returned.return_reason = "Nilai IK-03 tidak sesuai bukti."
    with django_capture_on_commit_callbacks(execute=True):
        assert people(notify_submission_returned(returned)) == ["operator_a", "unit_head"]
    assert len(mail.outbox) == 4
    assert "Nilai IK-03" in mail.outbox[-1].body
    assert Notification.objects.filter(user=actors["operator_a"]).count() == 2


def test_nothing_is_sent_when_the_return_rolls_back(returned, django_capture_on_commit_callbacks):
    sent = []

    @transaction.atomic
    def return_then_fail():
        sent.extend(notify_submission_returned(returned))
        raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Abort):
        return_then_fail()
    assert len(sent) == 2
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []
    # The mail is queued only on commit: inside the transaction nothing has gone out yet.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_submission_returned(returned)
    assert len(callbacks) == 2
    assert mail.outbox == []


def test_a_submission_tells_the_planners(cycle, actors, django_capture_on_commit_callbacks):
    submission = Submission.objects.create(
        unit=cycle["tarakan"],
        year=YEAR,
        quarter="TW1",
        status=SubmissionStatus.SUBMITTED,
        submitted_by=actors["operator_a"],
        submitted_at=timezone.now(),
        late=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify_submission_submitted(submission)
    assert people(sent) == ["planner"]
    assert [m.to for m in mail.outbox] == [["planner@example.invalid"]]
    assert cycle["tarakan"].name in sent[0].title


def test_an_expired_planner_role_receives_nothing(cycle, actors, django_capture_on_commit_callbacks):
    from kinerja.accounts.models import RoleAssignment

    RoleAssignment.objects.filter(user=actors["planner"]).update(end_date=datetime.date(2026, 3, 31))
    submission = Submission.objects.create(
        unit=cycle["tarakan"], year=YEAR, quarter="TW1", status=SubmissionStatus.SUBMITTED
    )
    with time_machine.travel(datetime.datetime(2026, 3, 31, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert people(notify_submission_submitted(submission)) == ["planner"]
    submission.row_version = 2
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert notify_submission_submitted(submission) == []


def test_send_skips_a_row_another_process_inserted_first(
    actors, monkeypatch, django_capture_on_commit_callbacks
):
    """The race: another worker's row is not visible to the first check but the constraint holds.

    The insert fails in its own savepoint; the transaction goes on and the others are sent."""
    Notification.objects.create(user=actors["operator_a"], event_key="race", title="first")
    real_filter = Notification.objects.filter

    def blind_filter(*args, **kwargs):
        if kwargs.get("event_key") == "race":
            return Notification.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(services.Notification.objects, "filter", blind_filter)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sent = notification_send(
            users=[actors["operator_a"], actors["unit_head"]], event_key="race", title="t", body="b"
        )
        assert Notification.objects.count() == 2  # the transaction is still usable
    assert people(sent) == ["unit_head"]
    assert [m.to for m in mail.outbox] == [["unit_head@example.invalid"]]


def test_send_leaves_out_inactive_people_and_mails_only_when_asked(
    actors, django_capture_on_commit_callbacks
):
    actors["operator_b"].is_active = False
    actors["operator_b"].save()
    with django_capture_on_commit_callbacks(execute=True):
        sent = notification_send(
            users=[actors["operator_a"], actors["operator_a"], actors["operator_b"]],
            event_key="quiet",
            title="t",
            body="b",
            email=False,
        )
    assert people(sent) == ["operator_a"]
    assert mail.outbox == []
    with pytest.raises(ValueError, match="level"):
        notification_send(users=[actors["operator_a"]], event_key="x", title="t", body="b", level="loud")
