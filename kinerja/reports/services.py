"""Writes of the LKj draft: what the unit writes, and the planner's review of it.

The unit's staff (Action.CHANGE on the unit) write the chapters and the indicator analyses while
the draft is being written or has been returned, and submit it. A planner (Action.SERVE: the review
is part of Biro Perencanaan's pendampingan service, not the verification of a quarter) returns it
with a note or marks it reviewed; a reviewed draft can still be returned. Every write locks the
draft row first, so a chapter cannot change while the draft is being submitted or reviewed, and
every edit names the `row_version` it started from.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.catalog.models import Indicator
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.organization.models import OrgUnit

from . import events, selectors
from .models import DraftState, LkjDraft, LkjIndicatorNote, LkjSection, Section

EDITABLE = (DraftState.WRITING, DraftState.RETURNED)
MAX_TEXT = 50_000  # characters per text field: a chapter of some twenty pages
NOTE_FIELDS = ("analysis", "solutions", "efficiency", "programmes")


def _require_unit_staff(actor: Any, unit: OrgUnit) -> None:
    if not can(actor, Action.CHANGE, unit):
        raise PermissionDenied


def _require_reviewer(actor: Any, unit: OrgUnit) -> None:
    if not can(actor, Action.SERVE, unit):
        raise PermissionDenied


def _locked(draft: LkjDraft) -> LkjDraft:
    locked: LkjDraft = LkjDraft.objects.select_for_update().select_related("unit").get(pk=draft.pk)
    return locked


def _require_editable(draft: LkjDraft) -> None:
    if draft.state not in EDITABLE:
        raise ValidationError(
            {
                "state": _("The draft is %(state)s: it can be changed again only after a planner returns it.")
                % {"state": draft.get_state_display().lower()}
            }
        )


def _clean_text(field: str, value: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {
                field: _("At most %(limit)d characters (this text has %(length)d).")
                % {"limit": MAX_TEXT, "length": len(text)}
            }
        )
    return text


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Give the year the report covers.")})


@transaction.atomic
def lkj_draft_get_or_create(*, actor: Any, unit: OrgUnit, year: int) -> LkjDraft:
    """The unit's draft of the year, created on the first write (readers never create one)."""
    existing = LkjDraft.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing
    _require_unit_staff(actor, unit)
    _check_year(year)
    draft = LkjDraft(unit=unit, year=year)
    draft._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:  # another editor created it a moment ago
        return LkjDraft.objects.get(unit=unit, year=year)
    return draft


@transaction.atomic
def lkj_section_save(
    *, actor: Any, draft: LkjDraft, section: str, text: str, expected_version: int
) -> LkjSection:
    """Write one chapter; `expected_version` 0 means the editor saw no text yet."""
    draft = _locked(draft)
    _require_unit_staff(actor, draft.unit)
    if section not in Section.values:
        raise ValidationError({"section": _("Unknown chapter.")})
    _require_editable(draft)
    text = _clean_text("text", text)
    row = LkjSection.objects.filter(draft=draft, section=section).first()
    if row is None:
        if expected_version:
            raise ConcurrentEditError()
        row = LkjSection(draft=draft, section=section, text=text, updated_by=actor)
        row._history_user = actor  # type: ignore[attr-defined]
        row.save()
        return row
    row._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        row, expected_version=expected_version, fields={"text": text, "updated_by": actor}
    )


@transaction.atomic
def lkj_indicator_note_save(
    *,
    actor: Any,
    draft: LkjDraft,
    indicator: Indicator,
    expected_version: int,
    analysis: str = "",
    solutions: str = "",
    efficiency: str = "",
    programmes: str = "",
) -> LkjIndicatorNote:
    """Write the analysis of one indicator of the year's PK; `expected_version` 0: no analysis yet."""
    draft = _locked(draft)
    _require_unit_staff(actor, draft.unit)
    if indicator.pk not in {i.pk for i in selectors.draft_indicators(unit=draft.unit, year=draft.year)}:
        raise ValidationError({"indicator": _("This indicator is not in the unit's PK of the year.")})
    _require_editable(draft)
    values = {
        name: _clean_text(name, value)
        for name, value in zip(NOTE_FIELDS, (analysis, solutions, efficiency, programmes), strict=True)
    }
    row = LkjIndicatorNote.objects.filter(draft=draft, indicator=indicator).first()
    if row is None:
        if expected_version:
            raise ConcurrentEditError()
        row = LkjIndicatorNote(draft=draft, indicator=indicator, updated_by=actor, **values)
        row._history_user = actor  # type: ignore[attr-defined]
        row.save()
        return row
    row._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(row, expected_version=expected_version, fields={**values, "updated_by": actor})


@transaction.atomic
def lkj_draft_submit(*, actor: Any, draft: LkjDraft, expected_version: int) -> LkjDraft:
    """The unit sends its draft for review; every chapter must have been written."""
    draft = _locked(draft)
    _require_unit_staff(actor, draft.unit)
    _require_editable(draft)
    written = set(LkjSection.objects.filter(draft=draft).exclude(text="").values_list("section", flat=True))
    missing = [str(label) for value, label in Section.choices if value not in written]
    if missing:
        raise ValidationError(
            {
                "sections": _("Write these chapters before submitting: %(chapters)s.")
                % {"chapters": "; ".join(missing)}
            }
        )
    draft._history_user = actor  # type: ignore[attr-defined]
    draft = update_versioned(
        draft,
        expected_version=expected_version,
        fields={"state": DraftState.SUBMITTED, "submitted_by": actor, "submitted_at": timezone.now()},
    )
    events.notify_lkj_submitted(draft)
    return draft


def _require_not_own(actor: Any, draft: LkjDraft) -> None:
    if draft.submitted_by_id is not None and draft.submitted_by_id == actor.pk:
        raise ValidationError({"state": _("You submitted this draft; another planner reviews it.")})


@transaction.atomic
def lkj_draft_return(*, actor: Any, draft: LkjDraft, note: str, expected_version: int) -> LkjDraft:
    """A planner sends the draft back to the unit, saying what to change (a reviewed one too)."""
    draft = _locked(draft)
    _require_reviewer(actor, draft.unit)
    if draft.state not in (DraftState.SUBMITTED, DraftState.REVIEWED):
        raise ValidationError({"state": _("Only a submitted or reviewed draft can be returned.")})
    _require_not_own(actor, draft)
    note = _clean_text("note", note)
    if not note:
        raise ValidationError({"note": _("Say what the unit should change.")})
    draft._history_user = actor  # type: ignore[attr-defined]
    draft = update_versioned(
        draft,
        expected_version=expected_version,
        fields={
            "state": DraftState.RETURNED,
            "review_note": note,
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )
    events.notify_lkj_returned(draft)
    return draft


@transaction.atomic
def lkj_draft_review(*, actor: Any, draft: LkjDraft, expected_version: int, note: str = "") -> LkjDraft:
    """A planner accepts the submitted draft; the note (optional) is kept for the unit."""
    draft = _locked(draft)
    _require_reviewer(actor, draft.unit)
    if draft.state != DraftState.SUBMITTED:
        raise ValidationError({"state": _("Only a submitted draft can be marked reviewed.")})
    _require_not_own(actor, draft)
    draft._history_user = actor  # type: ignore[attr-defined]
    draft = update_versioned(
        draft,
        expected_version=expected_version,
        fields={
            "state": DraftState.REVIEWED,
            "review_note": _clean_text("note", note),
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )
    events.notify_lkj_reviewed(draft)
    return draft
