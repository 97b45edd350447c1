"""Reads of the dashboards: a unit's indicators × quarters, the ministry's NKO heatmap, traces, what-if.

Everything here reads the stored results (`Result`, `SasaranScore`, `UnitScore`), which
`results.results_recompute` rewrites when an input changes; nothing is computed on page view
except the what-if answer. Each selector starts from `restrict(...)` and reads a fixed number of
queries whatever the number of units or indicators, with `.values()` rows rather than models.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from kinerja.accounts.access import Action, can, restrict, scope_for
from kinerja.catalog.models import EvidenceRequirement
from kinerja.formula.decimals import round_half_up
from kinerja.formula.indicator import PERIODS, Target, TargetRange, status
from kinerja.organization.models import PATH_STEP, OrgUnit, UnitKind
from kinerja.planning.models import AgreementIndicator, FrozenDefinition, PlanningYear, YearStatus
from kinerja.planning.periods import QUARTER_OF, QUARTERS, entry_periods
from kinerja.planning.schedule import Entry, EntryState, entry_for
from kinerja.planning.targets import parse_target

from .models import (
    Basis,
    Evidence,
    Realisation,
    RealisationState,
    Result,
    SasaranScore,
    Submission,
    SubmissionStatus,
    UnitScore,
)
from .results import QUARTER_PERIODS
from .whatif import Answer, Mode, allowed_range, needed_value

UNITS_PER_PAGE = 100


# --- basis and the year ----------------------------------------------------------------------------


def working_allowed(*, user: Any, unit: OrgUnit | None = None) -> bool:
    """Who may read figures not yet verified: the unit's own staff, and planners (who verify)."""
    if unit is None:
        return scope_for(user, Action.VERIFY).everything
    return can(user, Action.CHANGE, unit) or can(user, Action.VERIFY, unit)


def basis_for(*, user: Any, unit: OrgUnit | None, asked: str | None) -> str:
    """The basis shown: as asked when allowed; otherwise working for a unit's own staff on their
    unit's page and verified for everyone else (reports and leadership read verified figures)."""
    allowed = working_allowed(user=user, unit=unit)
    if asked == Basis.VERIFIED or not allowed:
        return Basis.VERIFIED
    if asked == Basis.WORKING:
        return Basis.WORKING
    own_staff = unit is not None and can(user, Action.CHANGE, unit) and not can(user, Action.VERIFY, unit)
    return Basis.WORKING if own_staff else Basis.VERIFIED


def default_year(today: datetime.date) -> int:
    """The latest year that has been opened, else this calendar year."""
    opened = (
        PlanningYear.objects.exclude(status=YearStatus.DRAFT)
        .filter(year__lte=today.year)
        .values_list("year", flat=True)
        .order_by("-year")
        .first()
    )
    return opened or today.year


def home_unit(*, user: Any) -> OrgUnit | None:
    """The unit whose dashboard a user with no ministry-wide reach lands on: their own."""
    if scope_for(user, Action.VIEW).everything:
        return None
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.VIEW).order_by("path").first()


def visible_unit(*, user: Any, code: str) -> OrgUnit:
    unit = restrict(OrgUnit.objects.all(), user, Action.VIEW).filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit


# --- the unit dashboard ----------------------------------------------------------------------------


@dataclass
class QuarterInfo:
    quarter: str
    nko: Decimal | None
    status: str | None
    submission: str  # a SubmissionStatus value, "" when the unit has not started
    verified: bool
    entry: Entry
    days_left: int | None

    @property
    def submission_label(self) -> str:
        return str(SubmissionStatus(self.submission).label) if self.submission else ""


@dataclass
class Cell:
    """One indicator at one quarter: the stored result and what the unit still has to do."""

    quarter: str
    period: str | None  # the engine period shown at this quarter; None: nothing reported then
    applicable: bool = True
    value: Decimal | None = None
    reported: Decimal | None = None
    target: Decimal | None = None
    target_high: Decimal | None = None
    achievement: Decimal | None = None
    status: str = ""
    category: str = ""
    error: str = ""
    evidence: int = 0
    entry_period: str | None = None  # the period the unit enters in this quarter's window
    state: str = ""  # the realisation's state for the entry period
    missing_value: bool = False
    missing_evidence: list[str] = field(default_factory=list)
    missing_target: bool = False

    @property
    def has_result(self) -> bool:
        return self.period is not None and (self.value is not None or self.achievement is not None)


@dataclass
class IndicatorRow:
    indicator_id: int
    code: str
    name: str
    sasaran_id: int
    measure: str
    polarity: str
    aggregation: str
    periodicity: str
    version: int | None
    frozen: bool
    annual_target: Decimal | None
    annual_target_high: Decimal | None
    cells: list[Cell]

    @property
    def missing_count(self) -> int:
        return sum(
            (c.missing_value or bool(c.missing_evidence) or c.missing_target)
            for c in self.cells
            if c.applicable
        )


@dataclass
class SasaranRow:
    sasaran_id: int
    code: str
    name: str
    scores: list[tuple[str, Decimal | None, str | None]]  # (quarter, npss, status)
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class UnitDashboard:
    unit: OrgUnit
    year: int
    basis: str
    may_switch: bool
    quarters: list[QuarterInfo]
    sasaran: list[SasaranRow]
    today: datetime.date

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [row for s in self.sasaran for row in s.indicators]

    def chart_data(self) -> dict[str, Any]:
        """What charts.js draws: NKO per quarter, and every indicator's achievement per quarter."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "labels": list(QUARTERS),
            "nko": [number(q.nko) for q in self.quarters],
            "indicators": [
                {
                    "code": row.code,
                    "name": row.name,
                    "achievement": [number(c.achievement) for c in row.cells],
                }
                for row in self.indicators
            ],
        }


def _plan_rows(unit_id: int, year: int, user: Any) -> list[dict[str, Any]]:
    return list(
        restrict(AgreementIndicator.objects.all(), user, Action.VIEW)
        .filter(agreement__unit_id=unit_id, agreement__year=year, agreement__is_current=True)
        .order_by("sasaran_row__sort_order", "sasaran_row__sasaran__code", "sort_order", "indicator__code")
        .values(
            "indicator_id",
            "indicator__code",
            "indicator__name",
            "sasaran_row__sasaran_id",
            "sasaran_row__sasaran__code",
            "sasaran_row__sasaran__name",
            "target",
            "target_high",
            "period_targets",
            "indicator__current_version__number",
            "indicator__current_version__definition",
        )
    )


def _definitions(
    year: int, plan: list[dict[str, Any]]
) -> dict[int, tuple[dict[str, Any], int | None, str, bool]]:
    """Per indicator: (definition dict, version number, start quarter, frozen) for the year."""
    ids = [row["indicator_id"] for row in plan]
    frozen = {
        row["indicator_id"]: row
        for row in FrozenDefinition.objects.filter(year__year=year, indicator_id__in=ids).values(
            "indicator_id", "version__number", "version__definition", "start_quarter"
        )
    }
    result = {}
    for row in plan:
        entry = frozen.get(row["indicator_id"])
        if entry is not None:
            result[row["indicator_id"]] = (
                entry["version__definition"] or {},
                entry["version__number"],
                entry["start_quarter"],
                True,
            )
        else:
            result[row["indicator_id"]] = (
                row["indicator__current_version__definition"] or {},
                row["indicator__current_version__number"],
                "TW1",
                False,
            )
    return result


def _accepted_periods(definition: dict[str, Any]) -> tuple[str, ...]:
    """The engine periods an indicator reports (the engine's `IndicatorDefinition.periods`)."""
    assessed = definition.get("assessment_period")
    if assessed in QUARTERS:
        return (*QUARTERS[QUARTERS.index(assessed) :], "TAHUN")
    return PERIODS.get(definition.get("periodicity", ""), ())


def _entry_periods(definition: dict[str, Any]) -> tuple[str, ...]:
    periodicity = definition.get("periodicity")
    if periodicity not in PERIODS:
        return ()
    return entry_periods(periodicity, definition.get("assessment_period"))


def _quarter_period(accepted: tuple[str, ...], quarter: str) -> str | None:
    return next((p for p in QUARTER_PERIODS[quarter] if p in accepted), None)


def unit_dashboard(
    *, user: Any, unit_code: str, year: int, basis: str | None = None, today: datetime.date
) -> UnitDashboard:
    """A unit's year: NKO and submission per quarter, NPSS per sasaran, indicators × quarters."""
    unit = visible_unit(user=user, code=unit_code)
    basis = basis_for(user=user, unit=unit, asked=basis)
    plan = _plan_rows(unit.pk, year, user)
    definitions = _definitions(year, plan)
    ids = [row["indicator_id"] for row in plan]

    results = {
        (r["indicator_id"], r["period"]): r
        for r in restrict(Result.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, basis=basis)
        .values(
            "indicator_id",
            "period",
            "value",
            "reported",
            "target",
            "target_high",
            "achievement",
            "status",
            "category",
            "error",
        )
    }
    npss = {
        (s["sasaran_id"], s["quarter"]): s["npss"]
        for s in restrict(SasaranScore.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, basis=basis)
        .values("sasaran_id", "quarter", "npss")
    }
    nko = dict(
        restrict(UnitScore.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, basis=basis)
        .values_list("quarter", "nko")
    )
    submissions = dict(
        restrict(Submission.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year)
        .values_list("quarter", "status")
    )
    states = {
        (r["indicator_id"], r["period"]): r["state"]
        for r in restrict(Realisation.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year)
        .values("indicator_id", "period", "state")
    }
    evidence: dict[tuple[int, str], int] = defaultdict(int)
    covered: set[tuple[int, str, int]] = set()
    for row in (
        restrict(Evidence.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year)
        .order_by()
        .values("indicator_id", "period", "requirement_id")
        .annotate(n=Count("pk"))
    ):
        evidence[(row["indicator_id"], row["period"])] += row["n"]
        if row["requirement_id"] is not None:
            covered.add((row["indicator_id"], row["period"], row["requirement_id"]))
    required: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for req in (
        EvidenceRequirement.objects.filter(indicator_id__in=ids, required=True)
        .order_by("sort_order", "pk")
        .values("pk", "indicator_id", "name")
    ):
        required[req["indicator_id"]].append((req["pk"], req["name"]))

    quarters = []
    for quarter in QUARTERS:
        entry = entry_for(unit=unit, year=year, quarter=quarter, today=today)
        value = nko.get(quarter)
        quarters.append(
            QuarterInfo(
                quarter=quarter,
                nko=value,
                status=status(value),
                submission=submissions.get(quarter, ""),
                verified=submissions.get(quarter) == "verified",
                entry=entry,
                days_left=entry.days_left(today) if entry.state is EntryState.OPEN else None,
            )
        )
    reached = {QUARTER_OF[period] for (_i, period), r in results.items() if r["value"] is not None}
    started = {
        q.quarter for q in quarters if q.entry.state not in (EntryState.NOT_SCHEDULED, EntryState.NOT_YET)
    }

    sasaran: dict[int, SasaranRow] = {}
    for row in plan:
        sasaran_id = row["sasaran_row__sasaran_id"]
        group = sasaran.get(sasaran_id)
        if group is None:
            scores = [(q, npss.get((sasaran_id, q)), status(npss.get((sasaran_id, q)))) for q in QUARTERS]
            group = sasaran[sasaran_id] = SasaranRow(
                sasaran_id, row["sasaran_row__sasaran__code"], row["sasaran_row__sasaran__name"], scores
            )
        indicator_id = row["indicator_id"]
        definition, version, start, frozen = definitions[indicator_id]
        accepted = _accepted_periods(definition)
        entered = _entry_periods(definition)
        targets = row["period_targets"] or {}
        cells = []
        for quarter in QUARTERS:
            period = _quarter_period(accepted, quarter)
            cell = Cell(quarter=quarter, period=period)
            cell.applicable = QUARTERS.index(quarter) >= QUARTERS.index(start)
            stored = results.get((indicator_id, period)) if period else None
            if stored is not None:
                cell.target, cell.target_high = stored["target"], stored["target_high"]
                # As NPSS and NKO: a quarter nobody has entered yet shows no achievement, though
                # the stored cumulative mean carries the earlier quarters forward.
                if quarter in reached:
                    for name in ("value", "reported", "achievement", "status"):
                        setattr(cell, name, stored[name])
                    cell.category, cell.error = stored["category"], stored["error"]
            cell.entry_period = next((p for p in entered if QUARTER_OF[p] == quarter), None)
            if cell.entry_period is not None:
                cell.evidence = evidence.get((indicator_id, cell.entry_period), 0)
                cell.state = states.get((indicator_id, cell.entry_period), RealisationState.EMPTY)
                if cell.applicable and quarter in started:
                    cell.missing_value = cell.state == RealisationState.EMPTY
                    cell.missing_evidence = [
                        name
                        for pk, name in required[indicator_id]
                        if (indicator_id, cell.entry_period, pk) not in covered
                    ]
                    if cell.state == RealisationState.NOT_COMPUTABLE:
                        cell.missing_evidence = []
            if period is not None and cell.applicable:
                cell.missing_target = parse_target(targets.get(period)) is None
            cells.append(cell)
        group.indicators.append(
            IndicatorRow(
                indicator_id=indicator_id,
                code=row["indicator__code"],
                name=row["indicator__name"],
                sasaran_id=sasaran_id,
                measure=definition.get("unit", ""),
                polarity=definition.get("polarity", "maximize"),
                aggregation=definition.get("aggregation", ""),
                periodicity=definition.get("periodicity", ""),
                version=version,
                frozen=frozen,
                annual_target=row["target"],
                annual_target_high=row["target_high"],
                cells=cells,
            )
        )
    return UnitDashboard(
        unit=unit,
        year=year,
        basis=basis,
        may_switch=working_allowed(user=user, unit=unit),
        quarters=quarters,
        sasaran=list(sasaran.values()),
        today=today,
    )


# --- traceability and what-if ----------------------------------------------------------------------


@dataclass
class Trace:
    """Where one achievement comes from: the figures, the rule and the formula version."""

    unit: OrgUnit
    year: int
    basis: str
    indicator_id: int
    code: str
    name: str
    period: str
    result: dict[str, Any]
    earlier: list[tuple[str, Decimal | None]]  # the values the reported figure aggregates
    definition: dict[str, Any]
    version: int | None
    frozen: bool
    evidence: int


def result_trace(
    *, user: Any, unit_code: str, year: int, indicator_id: int, period: str, basis: str | None
) -> Trace:
    unit = visible_unit(user=user, code=unit_code)
    basis = basis_for(user=user, unit=unit, asked=basis)
    plan = [row for row in _plan_rows(unit.pk, year, user) if row["indicator_id"] == indicator_id]
    if not plan:
        raise Http404(str(indicator_id))
    definition, version, _start, frozen = _definitions(year, plan)[indicator_id]
    rows = {
        r["period"]: r
        for r in restrict(Result.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, basis=basis, indicator_id=indicator_id)
        .values(
            "period",
            "value",
            "reported",
            "category",
            "target",
            "target_high",
            "achievement",
            "status",
            "error",
            "computed_at",
        )
    }
    if period not in rows:
        raise Http404(period)
    accepted = _accepted_periods(definition)
    upto = [p for p in accepted if p in rows][: [p for p in accepted if p in rows].index(period) + 1]
    earlier = [(p, rows[p]["value"]) for p in upto] if definition.get("aggregation") != "last" else []
    count = (
        restrict(Evidence.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, indicator_id=indicator_id, period=period)
        .count()
    )
    return Trace(
        unit=unit,
        year=year,
        basis=basis,
        indicator_id=indicator_id,
        code=plan[0]["indicator__code"],
        name=plan[0]["indicator__name"],
        period=period,
        result=rows[period],
        earlier=earlier,
        definition=definition,
        version=version,
        frozen=frozen,
        evidence=count,
    )


@dataclass
class WhatIf:
    unit: OrgUnit
    year: int
    basis: str
    indicator_id: int
    code: str
    name: str
    polarity: str
    aggregation: str
    measure: str
    target: Target | None
    values: list[tuple[str, Decimal]]  # the periods with a value so far
    remaining: list[str]  # the periods still to come
    mode: Mode
    answer: Answer

    @property
    def target_low(self) -> Decimal | None:
        return self.target.low if isinstance(self.target, TargetRange) else self.target

    @property
    def target_high(self) -> Decimal | None:
        return self.target.high if isinstance(self.target, TargetRange) else None

    @property
    def next_period(self) -> str | None:
        return self.remaining[0] if self.remaining else None

    @property
    def periods_asked(self) -> list[str]:
        return self.remaining[: self.answer.periods]


def _annual_target(row: dict[str, Any], polarity: str, entered: tuple[str, ...]) -> Target | None:
    """The PK's annual target; without one, the target of the indicator's last period."""
    if row["target"] is not None:
        if polarity == "stabilize":
            return TargetRange(row["target"], row["target_high"]) if row["target_high"] is not None else None
        return Decimal(row["target"])
    targets = row["period_targets"] or {}
    for period in reversed(entered):
        target = parse_target(targets.get(period))
        if target is not None:
            return target
    return None


def whatif(
    *, user: Any, unit_code: str, year: int, indicator_id: int, basis: str | None, mode: str = Mode.NEXT
) -> WhatIf:
    """What value the coming period(s) need for the indicator to reach its annual target."""
    unit = visible_unit(user=user, code=unit_code)
    basis = basis_for(user=user, unit=unit, asked=basis)
    plan = [row for row in _plan_rows(unit.pk, year, user) if row["indicator_id"] == indicator_id]
    if not plan:
        raise Http404(str(indicator_id))
    row = plan[0]
    definition, _version, start, _frozen = _definitions(year, plan)[indicator_id]
    entered = tuple(
        p for p in _entry_periods(definition) if QUARTERS.index(QUARTER_OF[p]) >= QUARTERS.index(start)
    )
    stored = dict(
        restrict(Result.objects.all(), user, Action.VIEW)
        .filter(unit=unit, year=year, basis=basis, indicator_id=indicator_id, period__in=entered)
        .exclude(value=None)
        .values_list("period", "value")
    )
    values = [(p, stored[p]) for p in entered if p in stored]
    last = max((entered.index(p) for p, _ in values), default=-1)
    remaining = list(entered[last + 1 :])
    polarity = definition.get("polarity", "maximize")
    aggregation = definition.get("aggregation", "last")
    target = _annual_target(row, polarity, entered)
    chosen = Mode(mode) if mode in Mode.__members__.values() else Mode.NEXT
    answer = needed_value(
        aggregation=aggregation,
        polarity=polarity,
        values=[v for _, v in values],
        target=target,
        remaining=len(remaining),
        mode=chosen,
        allowed=allowed_range(definition),
    )
    return WhatIf(
        unit=unit,
        year=year,
        basis=basis,
        indicator_id=indicator_id,
        code=row["indicator__code"],
        name=row["indicator__name"],
        polarity=polarity,
        aggregation=aggregation,
        measure=definition.get("unit", ""),
        target=target,
        values=values,
        remaining=remaining,
        mode=chosen,
        answer=answer,
    )


# --- the ministry dashboard ------------------------------------------------------------------------


@dataclass
class HeatRow:
    unit_id: int
    code: str
    name: str
    kind: str
    depth: int
    scores: list[tuple[str, Decimal | None, str | None]]
    indent: int = 0  # depth below the shallowest unit shown, for the tree view (at most 4)


@dataclass
class QuarterSummary:
    quarter: str
    mean: Decimal | None
    units: int
    green: int
    yellow: int
    red: int


@dataclass
class MinistryDashboard:
    year: int
    basis: str
    may_switch: bool
    eselon1: str
    eselon1_choices: list[tuple[str, str]]
    sort: str
    sort_quarter: str
    page: Page[Any]
    rows: list[HeatRow]
    summary: list[QuarterSummary]

    def chart_data(self) -> dict[str, Any]:
        return {
            "labels": list(QUARTERS),
            "nko": [None if s.mean is None else float(s.mean) for s in self.summary],
        }


SORTS = ("tree", "weakest", "strongest")


def ministry_dashboard(
    *,
    user: Any,
    year: int,
    basis: str | None = None,
    eselon1: str = "",
    sort: str = "tree",
    sort_quarter: str = "",
    page: int | str = 1,
) -> MinistryDashboard:
    """Units × quarters NKO of every unit the user may see, a page at a time, with a summary."""
    basis = basis_for(user=user, unit=None, asked=basis)
    scores = UnitScore.objects.filter(year=year, basis=basis)
    units: QuerySet[OrgUnit] = restrict(OrgUnit.objects.all(), user, Action.VIEW).filter(
        pk__in=scores.values("unit_id")
    )
    choices = list(
        restrict(OrgUnit.objects.filter(kind=UnitKind.ESELON_1, is_active=True), user, Action.VIEW)
        .order_by("path")
        .values_list("code", "short_name", "path")
    )
    chosen = next((c for c in choices if c[0] == eselon1), None)
    if chosen is not None:
        units = units.filter(path__startswith=chosen[2])
    sort = sort if sort in SORTS else "tree"
    sort_quarter = sort_quarter if sort_quarter in QUARTERS else QUARTERS[-1]
    if sort == "tree":
        ordered = units.order_by("path")
    else:
        nko = Subquery(scores.filter(unit=OuterRef("pk"), quarter=sort_quarter).values("nko")[:1])
        key = F("sort_nko").asc(nulls_last=True) if sort == "weakest" else F("sort_nko").desc(nulls_last=True)
        ordered = units.annotate(sort_nko=nko).order_by(key, "path")
    paginator = Paginator(ordered.values("pk", "code", "short_name", "kind", "path"), UNITS_PER_PAGE)
    current = paginator.get_page(page)
    page_units = list(current.object_list)
    by_unit: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for unit_id, quarter, value in scores.filter(unit_id__in=[u["pk"] for u in page_units]).values_list(
        "unit_id", "quarter", "nko"
    ):
        by_unit[unit_id][quarter] = value
    rows = [
        HeatRow(
            unit_id=u["pk"],
            code=u["code"],
            name=u["short_name"],
            kind=u["kind"],
            depth=len(u["path"]) // PATH_STEP - 1,
            scores=[(q, by_unit[u["pk"]].get(q), status(by_unit[u["pk"]].get(q))) for q in QUARTERS],
        )
        for u in page_units
    ]
    totals = {
        row["quarter"]: row
        for row in scores.filter(unit__in=units.values("pk"))
        .order_by()
        .values("quarter")
        .annotate(
            mean=Avg("nko"),
            units=Count("nko"),
            green=Count("pk", filter=Q(nko__gte=100)),
            yellow=Count("pk", filter=Q(nko__gte=80, nko__lt=100)),
            red=Count("pk", filter=Q(nko__lt=80)),
        )
    }
    base = min((r.depth for r in rows), default=0)
    for row in rows:
        row.indent = min(row.depth - base, 4)
    summary = []
    for quarter in QUARTERS:
        total = totals.get(quarter, {})
        mean = total.get("mean")
        summary.append(
            QuarterSummary(
                quarter=quarter,
                mean=None if mean is None else round_half_up(Decimal(str(mean))),
                units=total.get("units", 0),
                green=total.get("green", 0),
                yellow=total.get("yellow", 0),
                red=total.get("red", 0),
            )
        )
    return MinistryDashboard(
        year=year,
        basis=basis,
        may_switch=working_allowed(user=user),
        eselon1=chosen[0] if chosen else "",
        eselon1_choices=[(c[0], c[1]) for c in choices],
        sort=sort,
        sort_quarter=sort_quarter,
        page=current,
        rows=rows,
        summary=summary,
    )
