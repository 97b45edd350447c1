"""Writes of complaint handling: receive (web or recorded by staff), triage, follow up, answer, close.

Every transition is a compare-and-set on `row_version` (`update_versioned`), so two officers acting
on one complaint at once are told instead of racing, and every change lands in the history. The
tracking number is the next free one of the year; a number another process took first is retried.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can, is_administrator
from kinerja.calendar.clock import service_seconds
from kinerja.calendar.selectors import calendar_between
from kinerja.core.concurrency import update_versioned
from kinerja.core.notify import email_after_commit
from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import check_upload
from kinerja.workflows.models import ServiceStandard

from . import events
from .deadline import answer_due
from .models import (
    OPEN_STATES,
    Channel,
    Complaint,
    ComplaintAttachment,
    ComplaintKind,
    ComplaintNote,
    ComplaintSettings,
    ComplaintState,
)

BUREAU = "ROREN"  # Biro Perencanaan, the default unit addressed
PREFIX = "ADU"
MAX_FILES = 3
MAX_FILE_BYTES = 5 * 1024 * 1024
LIMITS = {
    "subject": 200,
    "text": 5000,
    "contact_name": 120,
    "contact_email": 254,
    "contact_phone": 30,
    "answer": 5000,
    "note": 5000,
    "reason": 1000,
}
# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - an alphabet, not a password
SECRET_LENGTH = 12


@dataclass(frozen=True)
class Received:
    """A new complaint and its secret: the secret exists only here and in the complainant's hands."""

    complaint: Complaint
    secret: str


def settings_get() -> ComplaintSettings:
    row, _created = ComplaintSettings.objects.get_or_create(pk=1)
    return row


def bureau() -> OrgUnit:
    return OrgUnit.objects.get(code=BUREAU)


def normalise_secret(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def format_secret(value: str) -> str:
    return "-".join(value[i : i + 4] for i in range(0, len(value), 4))


def _text(field: str, value: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > LIMITS[field]:
        raise ValidationError({field: _("Keep this under %(limit)d characters.") % {"limit": LIMITS[field]}})
    return value


def _check_files(files: Sequence[Any]) -> list[Any]:
    if len(files) > MAX_FILES:
        raise ValidationError({"attachments": _("Attach at most %(count)d files.") % {"count": MAX_FILES}})
    checked = []
    for upload in files:
        if upload.size and upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                {
                    "attachments": _("%(name)s is larger than %(limit)s.")
                    % {"name": upload.name, "limit": filesizeformat(MAX_FILE_BYTES)}
                }
            )
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as exc:
            raise ValidationError(
                {"attachments": [f"{upload.name}: {message}" for message in exc.messages]}
            ) from exc
    return checked


def _next_number(year: int) -> str:
    prefix = f"{PREFIX}-{year}-"
    numbers = Complaint.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    last = max((int(n.rsplit("-", 1)[1]) for n in numbers), default=0)
    return f"{prefix}{last + 1:04d}"


def _clean_contact(anonymous: bool, name: str, email: str, phone: str) -> tuple[str, str, str]:
    if anonymous:
        return "", "", ""
    name = _text("contact_name", name)
    email = _text("contact_email", email)
    phone = _text("contact_phone", phone)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"contact_email": _("Enter a valid e-mail address.")}) from None
    if phone and not all(ch.isdigit() or ch in "+-() " for ch in phone):
        raise ValidationError({"contact_phone": _("A phone number holds digits, spaces, +, - and ().")})
    return name, email, phone


def track_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("complaints:track")


@transaction.atomic
def complaint_receive(
    *,
    kind: str,
    subject: str,
    text: str,
    standard: ServiceStandard | None = None,
    unit: OrgUnit | None = None,
    anonymous: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    attachments: Sequence[Any] = (),
    channel: str = Channel.WEB,
    received_at: datetime.datetime | None = None,
    actor: Any = None,
) -> Received:
    """A complaint from the web form (no actor) or recorded by an officer from another channel."""
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": _("Choose a complaint, a suggestion or feedback.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    unit = unit or bureau()
    if not unit.is_active:
        raise ValidationError({"unit": _("This unit no longer exists.")})
    now = timezone.now()
    if actor is None:
        if channel != Channel.WEB or received_at is not None:
            raise ValidationError({"channel": _("Only staff record complaints from other channels.")})
    else:
        if not can(actor, Action.SERVE, unit):
            raise PermissionDenied
        if channel == Channel.WEB:
            raise ValidationError({"channel": _("Web complaints arrive through the public form.")})
        if received_at is not None and received_at > now:
            raise ValidationError({"received_at": _("A complaint cannot be received in the future.")})
    received = received_at or now
    subject = _text("subject", subject, required=True)
    text = _text("text", text, required=True)
    name, email, phone = _clean_contact(anonymous, contact_name, contact_email, contact_phone)
    files = _check_files(attachments)
    secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
    due = answer_due(received, settings_get().answer_days)
    year = timezone.localtime(received).year
    for _attempt in range(5):
        try:
            with transaction.atomic():
                complaint = Complaint(
                    number=_next_number(year),
                    secret_hash=make_password(secret),
                    kind=kind,
                    channel=channel,
                    standard=standard,
                    unit=unit,
                    subject=subject,
                    text=text,
                    anonymous=anonymous,
                    contact_name=name,
                    contact_email=email,
                    contact_phone=phone,
                    recorded_by=actor,
                    received_at=received,
                    due_at=due,
                )
                complaint._history_user = actor  # type: ignore[attr-defined]
                complaint.save()
                break
        except IntegrityError:
            continue
    else:
        raise ValidationError({"__all__": _("The register is busy; try again.")})
    for upload, checked in files:
        ComplaintAttachment.objects.create(
            complaint=complaint,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
    if email:
        email_after_commit(
            subject=_("Your %(kind)s %(number)s was received")
            % {"kind": complaint.get_kind_display().lower(), "number": complaint.number},
            body=_(
                'Biro Perencanaan received your message "%(subject)s".\n\n'
                "Tracking number: %(number)s\nSecret: %(secret)s\n\n"
                "Keep both: you need them to follow your message at %(url)s. We answer by %(due)s."
            )
            % {
                "subject": subject,
                "number": complaint.number,
                "secret": format_secret(secret),
                "url": track_url(),
                "due": timezone.localtime(due).strftime("%d-%m-%Y %H:%M"),
            },
            to=[email],
        )
    transaction.on_commit(lambda: events.notify_received(complaint))
    return Received(complaint, secret)


def complaint_lookup(*, number: str, secret: str) -> Complaint | None:
    """The complaint when number and secret match; None otherwise, with the same work either way."""
    found = Complaint.objects.filter(number=number.strip().upper()).select_related("standard").first()
    typed = normalise_secret(secret)
    if found is None:
        # A missing number still hashes, so the answer takes as long as for a wrong secret.
        make_password(typed)
        return None
    return found if check_password(typed, found.secret_hash) else None


def _require_handler(actor: Any, complaint: Complaint) -> None:
    if not can(actor, Action.SERVE, complaint.unit):
        raise PermissionDenied


def _require_state(complaint: Complaint, allowed: Sequence[str], action: str) -> None:
    if complaint.state not in allowed:
        raise ValidationError(
            {
                "state": _("A complaint that is %(state)s cannot be %(action)s.")
                % {"state": complaint.get_state_display().lower(), "action": action}
            }
        )


def _save(complaint: Complaint, *, actor: Any, expected_version: int, fields: dict[str, Any]) -> Complaint:
    complaint._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(complaint, expected_version=expected_version, fields=fields)


def _check_handler(handler: Any, complaint: Complaint) -> None:
    if handler is not None and not (handler.is_active and can(handler, Action.SERVE, complaint.unit)):
        raise ValidationError({"handler": _("The handler must be an officer who serves this unit.")})


@transaction.atomic
def complaint_triage(
    *,
    actor: Any,
    complaint: Complaint,
    expected_version: int,
    kind: str,
    standard: ServiceStandard | None,
    handler: Any,
) -> Complaint:
    """Confirm the kind and the service and name the handler; an open complaint may be reassigned."""
    _require_handler(actor, complaint)
    _require_state(complaint, OPEN_STATES, _("triaged"))
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": _("Choose a complaint, a suggestion or feedback.")})
    if handler is None:
        raise ValidationError({"handler": _("Name the officer who handles it.")})
    _check_handler(handler, complaint)
    previous = complaint.handler_id
    fields: dict[str, Any] = {"kind": kind, "standard": standard, "handler": handler}
    if complaint.state == ComplaintState.RECEIVED:
        fields.update(state=ComplaintState.TRIAGED, triaged_at=timezone.now())
    complaint = _save(complaint, actor=actor, expected_version=expected_version, fields=fields)
    if handler.pk != previous:
        transaction.on_commit(lambda: events.notify_assigned(complaint))
    return complaint


@transaction.atomic
def complaint_start(*, actor: Any, complaint: Complaint, expected_version: int) -> Complaint:
    """The handler takes up the follow-up."""
    _require_handler(actor, complaint)
    _require_state(complaint, [ComplaintState.TRIAGED], _("taken up"))
    return _save(
        complaint,
        actor=actor,
        expected_version=expected_version,
        fields={"state": ComplaintState.IN_PROGRESS, "started_at": timezone.now()},
    )


@transaction.atomic
def complaint_note_add(*, actor: Any, complaint: Complaint, text: str) -> ComplaintNote:
    """An internal note on the follow-up; notes are kept even after the complaint is closed."""
    _require_handler(actor, complaint)
    return ComplaintNote.objects.create(
        complaint=complaint, author=actor, text=_text("note", text, required=True)
    )


@transaction.atomic
def complaint_answer(*, actor: Any, complaint: Complaint, expected_version: int, answer: str) -> Complaint:
    """The public answer; the complainant who left an address is mailed once it commits."""
    _require_handler(actor, complaint)
    _require_state(complaint, [ComplaintState.TRIAGED, ComplaintState.IN_PROGRESS], _("answered"))
    answer = _text("answer", answer, required=True)
    now = timezone.now()
    seconds = service_seconds(calendar_between(complaint.received_at, now), complaint.received_at, now)
    complaint = _save(
        complaint,
        actor=actor,
        expected_version=expected_version,
        fields={
            "state": ComplaintState.ANSWERED,
            "answer": answer,
            "answered_at": now,
            "answer_seconds": seconds,
        },
    )
    if complaint.contact_email:
        email_after_commit(
            subject=_("Answer to %(number)s") % {"number": complaint.number},
            body=_(
                'Biro Perencanaan answered your message "%(subject)s":\n\n%(answer)s\n\nFollow it at %(url)s.'
            )
            % {"subject": complaint.subject, "answer": answer, "url": track_url()},
            to=[complaint.contact_email],
        )
    return complaint


@transaction.atomic
def complaint_close(*, actor: Any, complaint: Complaint, expected_version: int) -> Complaint:
    _require_handler(actor, complaint)
    _require_state(complaint, [ComplaintState.ANSWERED], _("closed"))
    return _save(
        complaint,
        actor=actor,
        expected_version=expected_version,
        fields={"state": ComplaintState.CLOSED, "closed_at": timezone.now()},
    )


@transaction.atomic
def complaint_reject(*, actor: Any, complaint: Complaint, expected_version: int, reason: str) -> Complaint:
    """Spam or abuse: set aside with a reason, which the complainant sees."""
    _require_handler(actor, complaint)
    _require_state(complaint, OPEN_STATES, _("rejected"))
    return _save(
        complaint,
        actor=actor,
        expected_version=expected_version,
        fields={
            "state": ComplaintState.REJECTED,
            "reject_reason": _text("reason", reason, required=True),
            "rejected_at": timezone.now(),
        },
    )


@transaction.atomic
def settings_update(*, actor: Any, expected_version: int, answer_days: int) -> ComplaintSettings:
    """Change the answer deadline; complaints already received keep the deadline they were given."""
    if not is_administrator(actor):
        raise PermissionDenied
    row = settings_get()
    row._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(row, expected_version=expected_version, fields={"answer_days": answer_days})
