"""Reads of the realisation entry: a unit's quarter, what is missing, and whether it may be edited.

Every read starts from `restrict()`; the services call the same `entry_access` that the pages use
to show a form or a read-only view, so the page and the rule cannot disagree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can, restrict
from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.formula.indicator import Target
from kinerja.organization.models import OrgUnit
from kinerja.planning.models import Agreement, AgreementBudget
from kinerja.planning.periods import QUARTER_OF, entry_periods, periods_in_quarter
from kinerja.planning.schedule import Entry, EntryState, YearDefinition, entry_for, year_definitions
from kinerja.planning.targets import UnitPlan, unit_plans

from .models import (
    Basis,
    Evidence,
    Realisation,
    RealisationState,
    Result,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)

NOT_APPLICABLE = "not_applicable"


def today() -> datetime.date:
    return timezone.localdate()


# --- units and rows ------------------------------------------------------------------------------
def entry_units(*, user: Any, year: int) -> QuerySet[OrgUnit]:
    """Units the user may see that have a Perjanjian Kinerja for the year."""
    with_pk = Agreement.objects.filter(year=year, is_current=True).values("unit_id")
    return restrict(OrgUnit.objects.filter(is_active=True, pk__in=with_pk), user, Action.VIEW).order_by(
        "path"
    )


def unit_get(*, user: Any, code: str) -> OrgUnit:
    unit = restrict(OrgUnit.objects.all(), user, Action.VIEW).filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit


def planned_indicator_get(*, unit: OrgUnit, year: int, pk: int) -> Indicator:
    """An indicator of the unit's current PK for the year (the unit has been access-checked)."""
    plan = unit_plans([unit.pk], year).get(unit.pk)
    if plan is None or pk not in plan.indicators:
        raise Http404(str(pk))
    return Indicator.objects.select_related("current_version", "unit").get(pk=pk)


def realisation_find(*, unit: OrgUnit, indicator: Indicator, year: int, period: str) -> Realisation | None:
    return (
        Realisation.objects.filter(unit=unit, indicator=indicator, year=year, period=period)
        .select_related("updated_by")
        .first()
    )


def submission_find(*, unit: OrgUnit, year: int, quarter: str) -> Submission | None:
    return (
        Submission.objects.filter(unit=unit, year=year, quarter=quarter)
        .select_related("submitted_by", "reviewed_by")
        .first()
    )


def submission_list(*, user: Any, year: int, unit_ids: list[int]) -> QuerySet[Submission]:
    return restrict(Submission.objects.filter(year=year, unit_id__in=unit_ids), user, Action.VIEW)


def evidence_list(
    *, user: Any, unit: OrgUnit, indicator: Indicator, year: int, period: str
) -> QuerySet[Evidence]:
    return restrict(
        Evidence.objects.filter(unit=unit, indicator=indicator, year=year, period=period), user, Action.VIEW
    ).select_related("created_by", "requirement", "corrects")


def evidence_get(*, user: Any, pk: int) -> Evidence:
    evidence = restrict(Evidence.objects.select_related("unit"), user, Action.VIEW).filter(pk=pk).first()
    if evidence is None:
        raise Http404(str(pk))
    return evidence


def budget_get(*, user: Any, pk: int) -> AgreementBudget:
    budget = (
        restrict(AgreementBudget.objects.select_related("agreement__unit"), user, Action.VIEW)
        .filter(pk=pk, agreement__is_current=True)
        .first()
    )
    if budget is None:
        raise Http404(str(pk))
    return budget


def budget_rows(*, unit: OrgUnit, year: int, quarter: str) -> list[dict[str, Any]]:
    """The programmes of the current PK with their ceiling and the spending entered for the quarter."""
    rows = []
    for budget in AgreementBudget.objects.filter(
        agreement__unit=unit, agreement__year=year, agreement__is_current=True
    ).prefetch_related("spending"):
        spending = next((s for s in budget.spending.all() if s.quarter == quarter), None)
        rows.append({"budget": budget, "spending": spending})
    return rows


# --- may this quarter be edited? ----------------------------------------------------------------
@dataclass(frozen=True)
class EntryAccess:
    """Whether `user` may change the unit's entries of a quarter today, and if not, why."""

    can_change: bool  # the role allows it at all
    can_edit: bool  # ...and the window, the lock and the schedule allow it now
    reason: str
    entry: Entry
    submission: Submission | None


def entry_access(
    *, user: Any, unit: OrgUnit, year: int, quarter: str, on: datetime.date | None = None
) -> EntryAccess:
    entry = entry_for(unit=unit, year=year, quarter=quarter, today=on or today())
    submission = submission_find(unit=unit, year=year, quarter=quarter)
    if not can(user, Action.CHANGE, unit):
        return EntryAccess(
            False, False, _("You may read this unit's entries but not change them."), entry, submission
        )
    reason = _lock_reason(entry=entry, submission=submission, year=year, quarter=quarter)
    return EntryAccess(True, not reason, reason, entry, submission)


def entry_lock(*, unit: OrgUnit, year: int, quarter: str, on: datetime.date | None = None) -> str:
    """Why nobody may change the quarter now ("" when it is open): the rule without the person, for
    inputs that another module feeds."""
    entry = entry_for(unit=unit, year=year, quarter=quarter, today=on or today())
    submission = submission_find(unit=unit, year=year, quarter=quarter)
    return _lock_reason(entry=entry, submission=submission, year=year, quarter=quarter)


def _lock_reason(*, entry: Entry, submission: Submission | None, year: int, quarter: str) -> str:
    if submission is not None and submission.status == SubmissionStatus.SUBMITTED:
        return _("The quarter has been submitted and is locked while a planner reviews it.")
    if submission is not None and submission.status == SubmissionStatus.VERIFIED:
        return _("The quarter is verified and locked; only a planner can reopen it.")
    # A planner who returns or reopens a quarter after the deadline must get it back: the
    # deadline binds the first entry, not the corrections a planner asks for.
    sent_back = submission is not None and (
        submission.status == SubmissionStatus.RETURNED
        or (submission.status == SubmissionStatus.DRAFT and submission.reopen_reason)
    )
    if entry.state in (EntryState.NOT_SCHEDULED, EntryState.NOT_YET):
        return _("Entry for %(quarter)s %(year)s is not open yet.") % {"quarter": quarter, "year": year}
    if entry.is_open or sent_back:
        return ""
    if entry.state == EntryState.YEAR_CLOSED:
        return _("The year %(year)s is closed.") % {"year": year}
    return _("Entry for %(quarter)s closed on %(date)s.") % {
        "quarter": quarter,
        "date": entry.deadline.isoformat() if entry.deadline else "",
    }


# --- the quarter's rows ----------------------------------------------------------------------------
@dataclass
class EntryRow:
    """One PK indicator and one of its entry periods in a quarter, as the quarter page lists it."""

    indicator: Indicator
    period: str
    definition: YearDefinition | None
    target: Target | None
    applicable: bool
    realisation: Realisation | None = None
    result: Result | None = None
    evidence_count: int = 0
    missing_evidence: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        if not self.applicable:
            return NOT_APPLICABLE
        return self.realisation.state if self.realisation else RealisationState.EMPTY

    @property
    def is_missing(self) -> bool:
        return self.applicable and self.state == RealisationState.EMPTY


def indicator_periods(definition: YearDefinition, quarter: str) -> list[str]:
    """The periods of an indicator whose entry belongs to the quarter's window."""
    d = definition.definition
    periods = entry_periods(d.periodicity, d.assessment_period)
    return [p for p in periods if p in periods_in_quarter(quarter)]


def plan_definitions(
    *, unit: OrgUnit, year: int
) -> tuple[UnitPlan | None, list[Indicator], dict[int, YearDefinition]]:
    """The unit's current PK of the year, its indicators by code, and their definitions for the
    year (the frozen one once the year is open)."""
    plan = unit_plans([unit.pk], year).get(unit.pk)
    if plan is None:
        return None, [], {}
    indicators = list(
        Indicator.objects.filter(pk__in=plan.indicators).select_related("current_version").order_by("code")
    )
    return plan, indicators, year_definitions(year, indicators)


def quarter_rows(*, unit: OrgUnit, year: int, quarter: str) -> list[EntryRow]:
    plan, indicators, definitions = plan_definitions(unit=unit, year=year)
    if plan is None:
        return []
    quarter_periods = periods_in_quarter(quarter)
    realisations = {
        (r.indicator_id, r.period): r
        for r in Realisation.objects.filter(unit=unit, year=year, period__in=quarter_periods)
    }
    results = {
        (r.indicator_id, r.period): r
        for r in Result.objects.filter(unit=unit, year=year, period__in=quarter_periods, basis=Basis.WORKING)
    }
    evidence: dict[tuple[int, str], dict[int | None, int]] = defaultdict(dict)
    for row in (
        Evidence.objects.filter(unit=unit, year=year, period__in=quarter_periods)
        .values("indicator_id", "period", "requirement_id")
        .annotate(n=Count("pk"))
    ):
        evidence[(row["indicator_id"], row["period"])][row["requirement_id"]] = row["n"]
    requirements: dict[int, list[EvidenceRequirement]] = defaultdict(list)
    for requirement in EvidenceRequirement.objects.filter(indicator__in=indicators):
        requirements[requirement.indicator_id].append(requirement)

    rows = []
    for indicator in indicators:
        yd = definitions.get(indicator.pk)
        if yd is None:
            continue
        for period in indicator_periods(yd, quarter):
            key = (indicator.pk, period)
            counts = evidence.get(key, {})
            rows.append(
                EntryRow(
                    indicator=indicator,
                    period=period,
                    definition=yd,
                    target=plan.indicators[indicator.pk].targets.get(period),
                    applicable=yd.applies_to(QUARTER_OF[period]),
                    realisation=realisations.get(key),
                    result=results.get(key),
                    evidence_count=sum(counts.values()),
                    missing_evidence=[
                        r.name for r in requirements[indicator.pk] if r.required and not counts.get(r.pk)
                    ],
                )
            )
    return rows


def missing_items(rows: list[EntryRow]) -> list[str]:
    """What keeps a quarter from being submitted, one line per missing item."""
    missing = []
    for row in rows:
        if not row.applicable:
            continue
        label = f"{row.indicator.code} {row.period}"
        if row.state == RealisationState.EMPTY:
            missing.append(_("%(item)s: no realisation entered") % {"item": label})
        for name in row.missing_evidence:
            missing.append(_("%(item)s: evidence “%(name)s” missing") % {"item": label, "name": name})
    return missing


# --- verified values -----------------------------------------------------------------------------
def last_verified_value(*, unit: OrgUnit, indicator: Indicator, year: int, period: str) -> Decimal | None:
    """The value of the indicator/period in the latest verified version of its quarter, if any."""
    version = (
        SubmissionVersion.objects.filter(
            submission__unit=unit,
            submission__year=year,
            submission__quarter=QUARTER_OF[period],
            verified=True,
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    for item in version.snapshot.get("realisations", []):
        if item.get("indicator") == indicator.pk and item.get("period") == period:
            value = item.get("value")
            return (
                Decimal(value) if item.get("state") == RealisationState.VALUE and value is not None else None
            )
    return None


def verified_evidence_ids(*, unit_id: int, year: int, quarter: str) -> set[int]:
    """Evidence frozen in any verified version of the quarter: it is never deleted."""
    ids: set[int] = set()
    for snapshot in SubmissionVersion.objects.filter(
        submission__unit_id=unit_id, submission__year=year, submission__quarter=quarter, verified=True
    ).values_list("snapshot", flat=True):
        ids.update(item["id"] for item in snapshot.get("evidence", []))
    return ids
