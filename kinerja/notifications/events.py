"""Notifications the submission workflow sends at once, from inside its own transaction.

The rows are part of the caller's transaction (a rollback removes them) and the e-mail is queued
only when it commits. The event key names the submission and its `row_version`, which every
transition raises: a second return of the same submission notifies again, a retried call for the
same return does not.
"""

from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kinerja.performance.models import Submission

from .models import Notification
from .recipients import planners, unit_staff
from .services import notification_send


def _values(submission: Submission) -> dict[str, Any]:
    return {"unit": submission.unit.name, "quarter": submission.quarter, "year": submission.year}


def _name(user: Any, fallback: str) -> str:
    return user.get_full_name() if user is not None else fallback


def notify_submission_returned(submission: Submission, *, url: str = "") -> list[Notification]:
    """Tell the person who submitted and the unit's operators and heads, with the reason."""
    today = timezone.localdate()
    people = list(unit_staff([submission.unit_id], today).get(submission.unit_id, []))
    if submission.submitted_by is not None:
        people.append(submission.submitted_by)
    with translation.override(settings.LANGUAGE_CODE):
        values = {**_values(submission), "reviewer": _name(submission.reviewed_by, _("a planner"))}
        body = _("Returned by %(reviewer)s. Reason:") % values
        return notification_send(
            users=people,
            event_key=f"submission-returned:{submission.pk}:v{submission.row_version}",
            title=_("%(quarter)s %(year)s of %(unit)s was returned") % values,
            body=f"{body}\n{submission.return_reason}\n\n"
            + _("Correct the entries and submit the quarter again."),
            url=url,
            level="warning",
        )


def notify_submission_submitted(submission: Submission, *, url: str = "") -> list[Notification]:
    """Tell the planners that a quarter waits for their verification."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            **_values(submission),
            "person": _name(submission.submitted_by, submission.unit.name),
            "when": formats.date_format(
                timezone.localtime(submission.submitted_at or timezone.now()), "DATETIME_FORMAT"
            ),
        }
        body = _("Submitted by %(person)s on %(when)s; it is waiting for your verification.") % values
        if submission.late:
            body += " " + _("It was submitted after the deadline.")
        return notification_send(
            users=planners(timezone.localdate()),
            event_key=f"submission-submitted:{submission.pk}:v{submission.row_version}",
            title=_("%(unit)s submitted %(quarter)s %(year)s") % values,
            body=body,
            url=url,
        )
