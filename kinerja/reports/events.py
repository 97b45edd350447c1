"""Notifications of the LKj draft's review, sent from inside the service's transaction.

As for quarterly submissions (`kinerja.notifications.events`): the rows roll back with the
change, the e-mail leaves on commit, and the event key names the draft's `row_version`, which
every transition raises, so a second submission notifies again and a retried call does not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.notifications.models import Notification
from kinerja.notifications.recipients import planners, unit_staff
from kinerja.notifications.services import notification_send

from .models import LkjDraft


def _url(draft: LkjDraft) -> str:
    return reverse("reports:lkj", kwargs={"code": draft.unit.code, "year": draft.year})


def _values(draft: LkjDraft) -> dict[str, Any]:
    return {"unit": draft.unit.name, "year": draft.year}


def _reviewer(draft: LkjDraft) -> str:
    return draft.reviewed_by.get_full_name() if draft.reviewed_by is not None else _("a planner")


def _unit_people(draft: LkjDraft) -> list[Any]:
    people = list(unit_staff([draft.unit_id], timezone.localdate()).get(draft.unit_id, []))
    if draft.submitted_by is not None:
        people.append(draft.submitted_by)
    return people


def notify_lkj_submitted(draft: LkjDraft) -> list[Notification]:
    """Tell the planners that a draft waits for their review."""
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(draft)
        return notification_send(
            users=planners(timezone.localdate()),
            event_key=f"lkj-submitted:{draft.pk}:v{draft.row_version}",
            title=_("%(unit)s submitted its LKj %(year)s draft") % values,
            body=_("The written parts of the LKj %(year)s are waiting for your review.") % values,
            url=_url(draft),
        )


def notify_lkj_returned(draft: LkjDraft) -> list[Notification]:
    """Tell the unit's staff and the person who submitted, with the planner's note."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {**_values(draft), "reviewer": _reviewer(draft)}
        return notification_send(
            users=_unit_people(draft),
            event_key=f"lkj-returned:{draft.pk}:v{draft.row_version}",
            title=_("The LKj %(year)s draft of %(unit)s was returned") % values,
            body=_("Returned by %(reviewer)s. Note:") % values + f"\n{draft.review_note}",
            url=_url(draft),
            level="warning",
        )


def notify_lkj_reviewed(draft: LkjDraft) -> list[Notification]:
    with translation.override(settings.LANGUAGE_CODE):
        values = {**_values(draft), "reviewer": _reviewer(draft)}
        body = _("Reviewed by %(reviewer)s.") % values
        return notification_send(
            users=_unit_people(draft),
            event_key=f"lkj-reviewed:{draft.pk}:v{draft.row_version}",
            title=_("The LKj %(year)s draft of %(unit)s was reviewed") % values,
            body=f"{body}\n{draft.review_note}".strip(),
            url=_url(draft),
            level="success",
        )
