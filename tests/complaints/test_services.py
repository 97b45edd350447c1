"""States and transitions, numbering, secrets, notifications and e-mail, concurrency."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.complaints import services
from kinerja.complaints.models import Channel, Complaint, ComplaintState
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.notifications.models import Notification

from .helpers import answered, closed, fresh, in_progress, receive, standard, tarakan, triaged

pytestmark = pytest.mark.django_db(transaction=False)


def test_receive_numbers_and_hashes_the_secret(actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = receive()
        second = receive(anonymous=True)
    year = timezone.localdate().year
    assert first.complaint.number == f"ADU-{year}-0001"
    assert second.complaint.number == f"ADU-{year}-0002"
    assert first.complaint.unit.code == "ROREN"
    assert first.complaint.state == ComplaintState.RECEIVED
    assert first.secret not in first.complaint.secret_hash
    assert services.complaint_lookup(number=first.complaint.number, secret=first.secret) == first.complaint
    assert services.complaint_lookup(number=first.complaint.number, secret=second.secret) is None
    # An anonymous complainant leaves no contact, even if one was typed.
    assert (second.complaint.contact_name, second.complaint.contact_email) == ("", "")
    # The planner hears of each; the one who left an address gets the number and the secret.
    assert (
        Notification.objects.filter(user=actors["planner"], event_key__startswith="complaint-new").count()
        == 2
    )
    to_complainant = [m for m in mail.outbox if m.to == ["warga@example.invalid"]]
    assert len(to_complainant) == 1
    assert services.format_secret(first.secret) in to_complainant[0].body


def test_secret_is_read_leniently(actors):
    received = receive()
    typed = services.format_secret(received.secret).lower()
    assert services.complaint_lookup(number=received.complaint.number.lower(), secret=typed) is not None


def test_a_number_taken_by_another_process_is_retried(actors):
    year = timezone.localdate().year
    taken = receive().complaint.number
    with mock.patch.object(services, "_next_number", side_effect=[taken, f"ADU-{year}-0099"]):
        assert receive().complaint.number == f"ADU-{year}-0099"


def test_full_path_to_closed(actors):
    complaint = closed(actors)
    assert complaint.state == ComplaintState.CLOSED
    assert complaint.triaged_at
    assert complaint.started_at
    assert complaint.answered_at
    assert complaint.closed_at
    assert complaint.answer_seconds is not None
    assert complaint.history.count() == 5


@pytest.mark.parametrize(
    ("build", "call"),
    [
        (lambda actors: receive().complaint, "start"),
        (lambda actors: receive().complaint, "answer"),
        (lambda actors: receive().complaint, "close"),
        (triaged, "close"),
        (in_progress, "start"),
        (answered, "triage"),
        (answered, "reject"),
        (answered, "answer"),
        (closed, "reject"),
        (closed, "triage"),
    ],
)
def test_illegal_transitions_are_refused(actors, build, call):
    complaint = build(actors)
    common = {"actor": actors["planner"], "complaint": complaint, "expected_version": complaint.row_version}
    calls = {
        "start": lambda: services.complaint_start(**common),
        "answer": lambda: services.complaint_answer(**common, answer="Jawaban"),
        "close": lambda: services.complaint_close(**common),
        "reject": lambda: services.complaint_reject(**common, reason="Spam"),
        "triage": lambda: services.complaint_triage(
            **common, kind="saran", standard=None, handler=actors["planner"]
        ),
    }
    state = complaint.state
    with pytest.raises(ValidationError) as caught:
        calls[call]()
    assert "state" in caught.value.message_dict
    assert fresh(complaint).state == state


def test_answer_and_reject_need_their_text(actors):
    complaint = in_progress(actors)
    with pytest.raises(ValidationError) as caught:
        services.complaint_answer(
            actor=actors["planner"], complaint=complaint, expected_version=complaint.row_version, answer="  "
        )
    assert "answer" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.complaint_reject(
            actor=actors["planner"], complaint=complaint, expected_version=complaint.row_version, reason=""
        )
    assert "reason" in caught.value.message_dict


def test_reject_from_received(actors):
    complaint = receive().complaint
    complaint = services.complaint_reject(
        actor=actors["planner"], complaint=complaint, expected_version=1, reason="Iklan."
    )
    assert complaint.state == ComplaintState.REJECTED
    assert complaint.rejected_at is not None


def test_stale_version_is_refused(actors):
    complaint = receive().complaint
    triaged(actors, complaint)
    with pytest.raises(ConcurrentEditError):
        services.complaint_start(actor=actors["admin"], complaint=complaint, expected_version=1)
    assert fresh(complaint).state == ComplaintState.TRIAGED


def test_only_officers_handle(actors):
    complaint = receive().complaint
    for name in ("operator_a", "unit_head", "inspector", "leadership"):
        with pytest.raises(PermissionDenied):
            services.complaint_triage(
                actor=actors[name],
                complaint=complaint,
                expected_version=1,
                kind="saran",
                standard=None,
                handler=actors["planner"],
            )
        with pytest.raises(PermissionDenied):
            services.complaint_note_add(actor=actors[name], complaint=complaint, text="x")
    with pytest.raises(ValidationError) as caught:
        services.complaint_triage(
            actor=actors["planner"],
            complaint=complaint,
            expected_version=1,
            kind="saran",
            standard=None,
            handler=actors["operator_a"],
        )
    assert "handler" in caught.value.message_dict


def test_assignment_notifies_the_handler(actors, django_capture_on_commit_callbacks):
    complaint = receive().complaint
    with django_capture_on_commit_callbacks(execute=True):
        triaged(actors, complaint)
    assert Notification.objects.filter(
        user=actors["planner"], event_key__startswith="complaint-assigned"
    ).exists()


def test_answer_mails_the_complainant_who_left_an_address(actors, django_capture_on_commit_callbacks):
    with_address = receive().complaint
    anonymous = receive(anonymous=True).complaint
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered(actors, with_address)
        answered(actors, anonymous)
    to_complainant = [m for m in mail.outbox if "Sudah dijadwalkan." in m.body]
    assert [m.to for m in to_complainant] == [["warga@example.invalid"]]


def test_notes_are_internal_and_kept(actors):
    complaint = closed(actors)
    note = services.complaint_note_add(actor=actors["planner"], complaint=complaint, text="Dicek ulang.")
    assert note.author == actors["planner"]
    with pytest.raises(ValidationError) as caught:
        services.complaint_note_add(actor=actors["planner"], complaint=complaint, text="x" * 5001)
    assert "note" in caught.value.message_dict


def test_staff_record_other_channels(actors):
    when = timezone.now() - datetime.timedelta(days=2)
    recorded = receive(channel=Channel.IN_PERSON, received_at=when, actor=actors["planner"]).complaint
    assert (recorded.channel, recorded.recorded_by, recorded.received_at) == (
        Channel.IN_PERSON,
        actors["planner"],
        when,
    )
    with pytest.raises(ValidationError) as caught:
        receive(channel=Channel.WEB, actor=actors["planner"])
    assert "channel" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        receive(
            channel=Channel.EMAIL,
            received_at=timezone.now() + datetime.timedelta(hours=1),
            actor=actors["admin"],
        )
    assert "received_at" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        receive(channel=Channel.EMAIL, actor=actors["operator_a"], unit=tarakan())
    # The public cannot pose as another channel.
    with pytest.raises(ValidationError):
        receive(channel=Channel.PHONE)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "x" * 201),
        ("text", "x" * 5001),
        ("contact_name", "x" * 121),
        ("contact_phone", "1" * 31),
        ("contact_phone", "call me maybe"),
        ("contact_email", "not-an-address"),
        ("subject", "  "),
        ("kind", "gossip"),
    ],
)
def test_every_text_is_limited(actors, field, value):
    with pytest.raises(ValidationError) as caught:
        receive(**{field: value})
    assert field in caught.value.message_dict
    assert not Complaint.objects.exists()


def test_settings_update_is_for_administrators(actors):
    row = services.settings_get()
    with pytest.raises(PermissionDenied):
        services.settings_update(actor=actors["planner"], expected_version=row.row_version, answer_days=3)
    row = services.settings_update(actor=actors["admin"], expected_version=row.row_version, answer_days=3)
    assert row.answer_days == 3
    with pytest.raises(ValidationError):
        services.settings_update(actor=actors["admin"], expected_version=row.row_version, answer_days=0)
    assert standard().code == "validasi"
