"""Recommendations of the SAKIP evaluation and the unit's follow-up (issue 8, part 4).

The evaluator writes recommendations per component while scoring; they reach the unit when the
report is fully signed (`recommendations_issue`, called by the signature hook); the unit follows
them up with documents and submits; the evaluator accepts (done: counted in IK-17) or reopens
with a note. Every write is here, so the pages, the API and the hook apply the same rules; the
reads they need are here too, restricted like every selector. docs/recommendations.md.
"""

from __future__ import annotations

import datetime
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, active_assignments, can, is_administrator, restrict, scope_for
from kinerja.accounts.models import Role
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.notifications.recipients import unit_staff
from kinerja.notifications.services import notification_send
from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import check_upload, row_save_with_file

from . import feed
from .models import (
    Component,
    Evaluation,
    EvaluationState,
    FollowUp,
    Recommendation,
    RecommendationStatus,
)

# --- reads ---------------------------------------------------------------------------------------


def recommendation_list(*, user: Any) -> QuerySet[Recommendation]:
    """What the user may see: the recommendations of units they may view, once issued (the report
    signed); evaluators also see the ones still being written."""
    rows = restrict(
        Recommendation.objects.select_related("evaluation__unit", "component", "owner", "created_by"),
        user,
        Action.VIEW,
    )
    if scope_for(user, Action.EVALUATE).everything:
        return rows
    drafts = restrict(Recommendation.objects.all(), user, Action.EVALUATE).values("pk")
    return rows.filter(Q(evaluation__state=EvaluationState.SIGNED) | Q(pk__in=drafts))


def recommendation_get(*, user: Any, pk: int) -> Recommendation:
    """404 for a recommendation the user may not see, so its existence is not revealed."""
    return get_object_or_404(recommendation_list(user=user), pk=pk)


def followup_get(*, user: Any, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("recommendation").filter(
            recommendation__in=recommendation_list(user=user)
        ),
        pk=pk,
    )


def overdue(rows: QuerySet[Recommendation], today: datetime.date | None = None) -> QuerySet[Recommendation]:
    return rows.exclude(status=RecommendationStatus.DONE).filter(due_date__lt=today or timezone.localdate())


def is_overdue(recommendation: Recommendation, today: datetime.date | None = None) -> bool:
    """Not done and past its due date: shown with a badge, counted on the home page."""
    return (
        recommendation.status != RecommendationStatus.DONE
        and recommendation.due_date is not None
        and recommendation.due_date < (today or timezone.localdate())
    )


def unit_people(unit: OrgUnit, today: datetime.date | None = None) -> list[Any]:
    """Who may be made responsible: the unit's operators and head, with roles in force."""
    return list(unit_staff([unit.pk], today or timezone.localdate()).get(unit.pk, []))


def is_unit_head(user: Any, unit: OrgUnit) -> bool:
    return any(a.role == Role.UNIT_HEAD and a.unit_id == unit.pk for a in active_assignments(user))


def may_assign(user: Any, recommendation: Recommendation) -> bool:
    """The unit's head (or an administrator) names the person responsible; so may an evaluator."""
    unit = recommendation.evaluation.unit
    return can(user, Action.EVALUATE, unit) or is_administrator(user) or is_unit_head(user, unit)


def issue_date(evaluation: Evaluation) -> datetime.date:
    """The day the recommendations reach the unit: the report's signing, or today while it is
    still being scored (a due date cannot come before either)."""
    return timezone.localdate(evaluation.signed_at) if evaluation.signed_at else timezone.localdate()


# --- checks shared by the writes -----------------------------------------------------------------


def _fresh(recommendation: Recommendation) -> Recommendation:
    """The row as stored now, locked until the transaction ends, so a status is read once."""
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("evaluation__unit", "component")
        .get(pk=recommendation.pk)
    )


def _expect(row: Recommendation, expected_version: int) -> None:
    if row.row_version != expected_version:
        raise ConcurrentEditError()


def _require_evaluator(actor: Any, unit: OrgUnit) -> None:
    if not can(actor, Action.EVALUATE, unit):
        raise PermissionDenied


def _require_scoring(evaluation: Evaluation) -> None:
    if evaluation.state != EvaluationState.SUBMITTED:
        raise ValidationError(
            {
                "evaluation": _(
                    "Recommendations are written while the evaluation is being scored (submitted to "
                    "the Inspectorate); this one is “%(state)s”."
                )
                % {"state": evaluation.get_state_display()}
            }
        )


def _require_not_done(row: Recommendation) -> None:
    if row.status == RecommendationStatus.DONE:
        raise ValidationError({"status": _("This recommendation is completed and no longer changes.")})


def _check_owner(errors: dict[str, str], unit: OrgUnit, owner: Any) -> None:
    if owner is not None and owner.pk not in {person.pk for person in unit_people(unit)}:
        errors["owner"] = _("%(name)s holds no active operator or unit head role in %(unit)s.") % {
            "name": owner.get_full_name() or owner.get_username(),
            "unit": unit.name,
        }


def _check_due(errors: dict[str, str], evaluation: Evaluation, due_date: datetime.date | None) -> None:
    first = issue_date(evaluation)
    if due_date is not None and due_date < first:
        errors["due_date"] = _("The due date cannot be before %(date)s, when the report is issued.") % {
            "date": date_format(first, "DATE_FORMAT")
        }


def _content(
    errors: dict[str, str], evaluation: Evaluation, component_code: str, text: str
) -> tuple[Component | None, str]:
    component = Component.objects.filter(
        worksheet_id=evaluation.worksheet_id, code=(component_code or "").strip()
    ).first()
    if component is None:
        errors["component_code"] = _("Choose a component of the worksheet “%(worksheet)s”.") % {
            "worksheet": evaluation.worksheet
        }
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write the recommendation.")
    return component, text


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# --- the evaluator writes them while scoring -----------------------------------------------------


@transaction.atomic
def recommendation_add(
    *,
    actor: Any,
    evaluation: Evaluation,
    component_code: str,
    text: str,
    owner: Any = None,
    due_date: datetime.date | None = None,
) -> Recommendation:
    # Locks the evaluation, so it cannot move to signing while a recommendation is being added.
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("unit", "worksheet")
        .get(pk=evaluation.pk)
    )
    _require_evaluator(actor, evaluation.unit)
    _require_scoring(evaluation)
    errors: dict[str, str] = {}
    component, text = _content(errors, evaluation, component_code, text)
    _check_owner(errors, evaluation.unit, owner)
    _check_due(errors, evaluation, due_date)
    _raise(errors)
    row = Recommendation(
        evaluation=evaluation,
        component=component,
        text=text,
        owner=owner,
        due_date=due_date,
        created_by=actor,
    )
    row._history_user = actor  # type: ignore[attr-defined]
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def recommendation_update(
    *,
    actor: Any,
    recommendation: Recommendation,
    component_code: str,
    text: str,
    owner: Any = None,
    due_date: datetime.date | None = None,
    expected_version: int,
) -> Recommendation:
    """Change a recommendation while the evaluation is being scored; an owner or due date kept
    as it was is not checked again (a role may have ended since)."""
    row = _fresh(recommendation)
    evaluation = row.evaluation
    _require_evaluator(actor, evaluation.unit)
    _require_scoring(evaluation)
    _expect(row, expected_version)
    errors: dict[str, str] = {}
    component, text = _content(errors, evaluation, component_code, text)
    if owner != row.owner:
        _check_owner(errors, evaluation.unit, owner)
    if due_date != row.due_date:
        _check_due(errors, evaluation, due_date)
    _raise(errors)
    row._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        row,
        expected_version=expected_version,
        fields={"component": component, "text": text, "owner": owner, "due_date": due_date},
    )


@transaction.atomic
def recommendation_delete(*, actor: Any, recommendation: Recommendation, expected_version: int) -> None:
    row = _fresh(recommendation)
    _require_evaluator(actor, row.evaluation.unit)
    _require_scoring(row.evaluation)
    _expect(row, expected_version)
    row._history_user = actor  # type: ignore[attr-defined]
    row.delete()


# --- who is responsible, by when -----------------------------------------------------------------


@transaction.atomic
def recommendation_assign(
    *,
    actor: Any,
    recommendation: Recommendation,
    owner: Any,
    due_date: datetime.date | None,
    expected_version: int,
) -> Recommendation:
    """The unit head (or an administrator) names the person responsible and the due date once
    the recommendation is issued; an evaluator may set them any time before it is completed."""
    row = _fresh(recommendation)
    evaluation = row.evaluation
    if not may_assign(actor, row):
        raise PermissionDenied
    if not can(actor, Action.EVALUATE, evaluation.unit) and evaluation.state != EvaluationState.SIGNED:
        raise ValidationError({"evaluation": _("The recommendations are issued when the report is signed.")})
    _require_not_done(row)
    _expect(row, expected_version)
    errors: dict[str, str] = {}
    if owner is None:
        errors["owner"] = _("Choose the person responsible.")
    if due_date is None:
        errors["due_date"] = _("Give the due date.")
    _check_owner(errors, evaluation.unit, owner)
    _check_due(errors, evaluation, due_date)
    _raise(errors)
    changed = owner != row.owner or due_date != row.due_date
    row._history_user = actor  # type: ignore[attr-defined]
    row = update_versioned(
        row, expected_version=expected_version, fields={"owner": owner, "due_date": due_date}
    )
    if changed and evaluation.state == EvaluationState.SIGNED:
        _notify_assigned(row)
    return row


# --- issue, follow-up, review --------------------------------------------------------------------


@transaction.atomic
def recommendations_issue(*, evaluation: Evaluation) -> int:
    """Called by the signature hook once the report is fully signed (the evaluation already marked
    signed): tells the unit's staff and the owners, and refreshes IK-17 of the signing year.
    Returns how many recommendations were issued."""
    if evaluation.state != EvaluationState.SIGNED or evaluation.signed_at is None:
        raise ValidationError({"evaluation": _("The recommendations are issued when the report is signed.")})
    rows = list(Recommendation.objects.filter(evaluation=evaluation).select_related("owner"))
    if rows:
        people = unit_people(evaluation.unit) + [row.owner for row in rows if row.owner is not None]
        with translation.override(settings.LANGUAGE_CODE):
            values = {"unit": evaluation.unit.name, "year": evaluation.year, "count": len(rows)}
            notification_send(
                users=people,
                event_key=f"recommendations-issued:{evaluation.pk}",
                title=_("Recommendations of the SAKIP evaluation %(year)s of %(unit)s") % values,
                body=_(
                    "The evaluation report was signed with %(count)d recommendations. Follow each of "
                    "them up with its documents before its due date."
                )
                % values,
                url=f"{reverse('evaluation:recommendations')}?unit={evaluation.unit.code}",
                level="warning",
            )
    feed.feed_refresh(unit=evaluation.unit, year=timezone.localdate(evaluation.signed_at).year)
    return len(rows)


@transaction.atomic
def followup_add(
    *,
    actor: Any,
    recommendation: Recommendation,
    note: str,
    file: UploadedFile | None = None,
    submit: bool,
) -> FollowUp:
    """The unit records what it did, with its document; `submit` sends the recommendation to
    the evaluator for acceptance (open → followed up)."""
    row = _fresh(recommendation)
    if not can(actor, Action.CHANGE, row.evaluation.unit):
        raise PermissionDenied
    if row.evaluation.state != EvaluationState.SIGNED:
        raise ValidationError({"recommendation": _("Follow-up starts once the report is signed.")})
    _require_not_done(row)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was done.")})
    follow_up = FollowUp(recommendation=row, note=note, created_by=actor)
    follow_up._history_user = actor  # type: ignore[attr-defined]
    if file is not None:
        check_upload(file)
        follow_up.file_name = PurePath(file.name or "").name[:255]
    if submit and row.status == RecommendationStatus.OPEN:
        row._history_user = actor  # type: ignore[attr-defined]
        update_versioned(
            row, expected_version=row.row_version, fields={"status": RecommendationStatus.FOLLOWED_UP}
        )
        _notify_submitted(row)
    # The file is written last: a refused row takes its file with it, and nothing after it fails.
    if file is not None:
        row_save_with_file(follow_up, file, extension=PurePath(follow_up.file_name).suffix.lower())
    else:
        follow_up.full_clean()
        follow_up.save()
    return follow_up


def _review(
    *,
    actor: Any,
    recommendation: Recommendation,
    expected_version: int,
    fields: dict[str, Any],
) -> Recommendation:
    row = _fresh(recommendation)
    _require_evaluator(actor, row.evaluation.unit)
    _expect(row, expected_version)
    if row.status != RecommendationStatus.FOLLOWED_UP:
        raise ValidationError(
            {
                "status": _(
                    "Only a submitted follow-up can be reviewed; this recommendation is “%(status)s”."
                )
                % {"status": row.get_status_display()}
            }
        )
    row._history_user = actor  # type: ignore[attr-defined]
    row = update_versioned(row, expected_version=expected_version, fields=fields)
    _notify_reviewed(row)
    feed.feed_refresh(unit=row.evaluation.unit, year=timezone.localdate().year)
    return row


@transaction.atomic
def recommendation_accept(
    *, actor: Any, recommendation: Recommendation, note: str = "", expected_version: int
) -> Recommendation:
    """The evaluator accepts the follow-up: done from now on, and counted in IK-17."""
    return _review(
        actor=actor,
        recommendation=recommendation,
        expected_version=expected_version,
        fields={
            "status": RecommendationStatus.DONE,
            "completed_at": timezone.now(),
            "review_note": (note or "").strip(),
        },
    )


@transaction.atomic
def recommendation_reopen(
    *, actor: Any, recommendation: Recommendation, note: str, expected_version: int
) -> Recommendation:
    """The evaluator sends the follow-up back: open again, with what is still missing."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what is still missing.")})
    return _review(
        actor=actor,
        recommendation=recommendation,
        expected_version=expected_version,
        fields={"status": RecommendationStatus.OPEN, "review_note": note},
    )


# --- notifications (rows roll back with the change; e-mail leaves on commit) ---------------------


def _url(row: Recommendation) -> str:
    return reverse("evaluation:recommendation_detail", kwargs={"pk": row.pk})


def _values(row: Recommendation) -> dict[str, Any]:
    return {
        "unit": row.evaluation.unit.name,
        "year": row.evaluation.year,
        "component": row.component.code,
        "text": row.text[:200],
    }


def _notify_assigned(row: Recommendation) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            **_values(row),
            "due": date_format(row.due_date, "DATE_FORMAT") if row.due_date else "—",
        }
        notification_send(
            users=[row.owner] if row.owner is not None else [],
            event_key=f"recommendation-assigned:{row.pk}:v{row.row_version}",
            title=_("You are responsible for a recommendation to %(unit)s, due %(due)s") % values,
            body=_("Component %(component)s: %(text)s") % values,
            url=_url(row),
        )


def _notify_submitted(row: Recommendation) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(row)
        notification_send(
            users=[row.created_by],
            event_key=f"recommendation-followed-up:{row.pk}:v{row.row_version}",
            title=_("%(unit)s followed up a recommendation of the evaluation %(year)s") % values,
            body=_("Component %(component)s: %(text)s") % values,
            url=_url(row),
            level="warning",
        )


def _notify_reviewed(row: Recommendation) -> None:
    done = row.status == RecommendationStatus.DONE
    people = unit_people(row.evaluation.unit) + ([row.owner] if row.owner is not None else [])
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(row)
        title = (
            _("A follow-up of %(unit)s was accepted: the recommendation is completed")
            if done
            else _("A follow-up of %(unit)s was sent back: the recommendation is open again")
        )
        notification_send(
            users=people,
            event_key=f"recommendation-reviewed:{row.pk}:v{row.row_version}",
            title=title % values,
            body=f"{_('Component %(component)s: %(text)s') % values}\n{row.review_note}".strip(),
            url=_url(row),
            level="success" if done else "warning",
        )
