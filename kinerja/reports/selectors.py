"""Reads of the reports app, restricted to what the user may see.

The LKj draft, its chapters and analyses are read through `restrict()`; which documents exist for
a unit and year (a signed PK, a PK at all, quarters with data) is decided here once, so the
reports page, the API and the `kinerja report` command offer the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.accounts.access import Action, active_assignments, restrict
from kinerja.catalog.models import Indicator
from kinerja.core.history import HistoryEntry, history_entries
from kinerja.mentoring import selectors as mentoring
from kinerja.mentoring.models import Chapter, MentoringFinding
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Realisation, RealisationState, Submission
from kinerja.planning.models import Agreement
from kinerja.planning.periods import QUARTER_OF, QUARTERS
from kinerja.transparency.selectors import agreement_for
from kinerja.workflows.models import RequestStatus, ServiceKind

from .models import DraftState, LkjDraft, LkjIndicatorNote, LkjSection, Section

# The mentoring findings name the chapters of PermenPANRB 53/2014; Chapter III covers both its
# written parts (A, the organisation's performance, and B, the budget). The appendices (the PK)
# are generated, so findings on them are shown apart from the chapters.
CHAPTER_SECTIONS: dict[str, tuple[str, ...]] = {
    Chapter.SUMMARY: (Section.EXECUTIVE_SUMMARY,),
    Chapter.INTRODUCTION: (Section.INTRODUCTION,),
    Chapter.PLANNING: (Section.PLANNING,),
    Chapter.ACCOUNTABILITY: (Section.ACHIEVEMENT, Section.BUDGET),
    Chapter.CLOSING: (Section.CLOSING,),
    Chapter.APPENDICES: (),
}


# --- units and years -----------------------------------------------------------------------------


def unit_list(*, user: Any) -> QuerySet[OrgUnit]:
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.VIEW).order_by("path")


def unit_get(*, user: Any, code: str) -> OrgUnit:
    """A unit the user may read; any other code is a 404, so its existence is not revealed."""
    unit = unit_list(user=user).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit


def home_unit(*, user: Any) -> OrgUnit | None:
    """The unit of the user's first role that they may read (a planner's is Biro Perencanaan)."""
    visible = unit_list(user=user)
    for assignment in active_assignments(user):
        if visible.filter(pk=assignment.unit_id).exists():
            return assignment.unit
    return visible.first()


def unit_years(*, unit: OrgUnit) -> list[int]:
    """The years the unit has a PK or entered data for, newest first."""
    years: set[int] = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    years.update(Realisation.objects.filter(unit=unit).values_list("year", flat=True))
    years.update(LkjDraft.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years, reverse=True)


def default_year(years: list[int]) -> int:
    """The latest year with data that has begun (next year's PK is signed early)."""
    this_year = timezone.localdate().year
    started = [year for year in years if year <= this_year]
    return (started or years or [this_year])[0]


# --- what can be generated -----------------------------------------------------------------------


def signed_agreement(*, unit: OrgUnit, year: int) -> Agreement | None:
    """The PK as signed: its latest signed revision (a draft revision is not a PK yet)."""
    return agreement_for(unit=unit, year=year)


def current_agreement(*, unit: OrgUnit, year: int) -> Agreement | None:
    """The PK the year is measured against (the dashboard's), signed or a draft revision."""
    return Agreement.objects.filter(unit=unit, year=year, is_current=True).first()


def quarters_with_data(*, unit: OrgUnit, year: int) -> list[str]:
    """Quarters the unit entered something for, or submitted."""
    done = set(Submission.objects.filter(unit=unit, year=year).values_list("quarter", flat=True))
    periods = (
        Realisation.objects.filter(unit=unit, year=year)
        .exclude(state=RealisationState.EMPTY)
        .values_list("period", flat=True)
        .distinct()
    )
    done.update(QUARTER_OF[period] for period in periods)
    return [quarter for quarter in QUARTERS if quarter in done]


@dataclass(frozen=True)
class Available:
    kind: str  # pk, lkj, triwulan
    period: str | None = None
    formats: tuple[str, ...] = ("pdf", "docx")


def available_documents(*, unit: OrgUnit, year: int) -> list[Available]:
    found: list[Available] = []
    if signed_agreement(unit=unit, year=year) is not None:
        found.append(Available("pk"))
    if current_agreement(unit=unit, year=year) is not None:
        found.append(Available("lkj"))
    found.extend(Available("triwulan", quarter) for quarter in quarters_with_data(unit=unit, year=year))
    return found


# --- the LKj draft -------------------------------------------------------------------------------


def draft_list(*, user: Any, action: Action = Action.VIEW) -> QuerySet[LkjDraft]:
    return restrict(LkjDraft.objects.select_related("unit", "submitted_by", "reviewed_by"), user, action)


def draft_get(*, user: Any, pk: int) -> LkjDraft:
    found = draft_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def draft_find(*, unit: OrgUnit, year: int) -> LkjDraft | None:
    """The unit's draft of the year, if anything was written (the unit has been access-checked)."""
    return (
        LkjDraft.objects.select_related("unit", "submitted_by", "reviewed_by")
        .filter(unit=unit, year=year)
        .first()
    )


def drafts_waiting_review(*, user: Any) -> QuerySet[LkjDraft]:
    """Submitted drafts of the units the user reviews, oldest first."""
    return (
        draft_list(user=user, action=Action.SERVE).filter(state=DraftState.SUBMITTED).order_by("submitted_at")
    )


def section_list(*, user: Any) -> QuerySet[LkjSection]:
    rows = LkjSection.objects.select_related("draft__unit", "updated_by").order_by("draft_id", "pk")
    return restrict(rows, user, Action.VIEW)


def section_get(*, user: Any, pk: int) -> LkjSection:
    found = section_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def note_list(*, user: Any) -> QuerySet[LkjIndicatorNote]:
    rows = LkjIndicatorNote.objects.select_related("draft__unit", "indicator", "updated_by")
    return restrict(rows.order_by("draft_id", "indicator__code", "pk"), user, Action.VIEW)


def note_get(*, user: Any, pk: int) -> LkjIndicatorNote:
    found = note_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def draft_indicators(*, unit: OrgUnit, year: int) -> list[Indicator]:
    """The indicators of the year's current PK, in the PK's order: each gets an analysis."""
    agreement = current_agreement(unit=unit, year=year)
    if agreement is None:
        return []
    rows = agreement.indicator_rows.select_related("indicator", "sasaran_row").order_by(
        "sasaran_row__sort_order", "sort_order", "indicator__code"
    )
    return [row.indicator for row in rows]


def draft_indicator_get(*, unit: OrgUnit, year: int, pk: int) -> Indicator:
    found = next((i for i in draft_indicators(unit=unit, year=year) if i.pk == pk), None)
    if found is None:
        raise Http404(str(pk))
    return found


def findings_for(*, user: Any, unit: OrgUnit, year: int) -> QuerySet[MentoringFinding]:
    """What the bureau found in the unit's pendampingan of the year (cancelled requests aside)."""
    return (
        mentoring.finding_list(user=user)
        .filter(
            request__unit=unit,
            request__year=year,
            request__kind=ServiceKind.PENDAMPINGAN,
        )
        .exclude(request__status=RequestStatus.CANCELLED)
    )


def findings_by_section(findings: Any) -> dict[str, list[MentoringFinding]]:
    """Section key → the findings on it, in the report's order; "" for the appendices."""
    grouped: dict[str, list[MentoringFinding]] = {}
    for finding in mentoring.sorted_findings(findings):
        for section in CHAPTER_SECTIONS.get(finding.chapter, ()) or ("",):
            grouped.setdefault(section, []).append(finding)
    return grouped


@dataclass(frozen=True)
class LabelledEntry:
    label: str
    entry: HistoryEntry


@dataclass
class Workspace:
    """Everything the workspace page and the API show of one unit's LKj of one year."""

    draft: LkjDraft | None
    sections: dict[str, LkjSection] = field(default_factory=dict)
    notes: dict[int, LkjIndicatorNote] = field(default_factory=dict)


def workspace(*, unit: OrgUnit, year: int) -> Workspace:
    draft = draft_find(unit=unit, year=year)
    if draft is None:
        return Workspace(draft=None)
    return Workspace(
        draft=draft,
        sections={row.section: row for row in draft.sections.select_related("updated_by")},
        notes={
            row.indicator_id: row for row in draft.indicator_notes.select_related("updated_by", "indicator")
        },
    )


def draft_history(found: Workspace, limit: int = 30) -> list[LabelledEntry]:
    """The changes to the draft, its chapters and its analyses, newest first."""
    if found.draft is None:
        return []
    labelled: list[LabelledEntry] = [
        LabelledEntry(str(found.draft._meta.verbose_name), e) for e in history_entries(found.draft, limit)
    ]
    for section in found.sections.values():
        label = str(section.get_section_display())
        labelled.extend(LabelledEntry(label, e) for e in history_entries(section, limit))
    for note in found.notes.values():
        labelled.extend(LabelledEntry(note.indicator.code, e) for e in history_entries(note, limit))
    labelled.sort(key=lambda item: item.entry.when, reverse=True)
    return labelled[:limit]
