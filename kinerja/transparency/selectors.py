"""Reads of the transparency portal.

The public reads take no user: they return only what has been approved, signed, verified or
published, whoever asks. That rule lives here, once, so the pages, the downloads and the API
cannot disagree about it:

- Renstra: an active plan (the planning app keeps no draft state for a Renstra; a plan that is
  not yet or no longer in force is marked inactive).
- PK: the latest *signed* revision of the year; a draft (or a draft revision) is never public.
- Quarterly achievements: only quarters whose Submission is VERIFIED, read from the stored results
  of basis VERIFIED (the values frozen in the verified submission, not what is being edited).
- Publications (the final LKj): only status PUBLISHED; drafts and withdrawn ones are not public.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.accounts.access import Action, restrict
from kinerja.catalog.models import Indicator, IndicatorKind
from kinerja.evaluation.models import Evaluation, EvaluationState
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Basis, Result, SasaranScore, Submission, SubmissionStatus, UnitScore
from kinerja.performance.results import QUARTER_PERIODS
from kinerja.planning.models import Agreement, AgreementStatus, Renstra
from kinerja.planning.periods import QUARTER_OF, QUARTERS

from .models import DocumentKind, DownloadCount, Publication, PublicationStatus

# --- what is public ------------------------------------------------------------------------------


def public_renstra_qs() -> QuerySet[Renstra]:
    return Renstra.objects.filter(is_active=True)


def signed_agreements_qs() -> QuerySet[Agreement]:
    return Agreement.objects.filter(status=AgreementStatus.SIGNED)


def verified_submissions_qs() -> QuerySet[Submission]:
    return Submission.objects.filter(status=SubmissionStatus.VERIFIED)


def published_qs() -> QuerySet[Publication]:
    return Publication.objects.filter(status=PublicationStatus.PUBLISHED)


def signed_evaluations_qs() -> QuerySet[Evaluation]:
    """SAKIP evaluations whose report every signer has signed; the figures are those signed."""
    return Evaluation.objects.filter(state=EvaluationState.SIGNED)


def evaluation_for(*, unit: OrgUnit, year: int) -> Evaluation | None:
    """The unit's signed SAKIP evaluation of the year, with its report, or None."""
    return signed_evaluations_qs().filter(unit=unit, year=year).select_related("document").first()


def public_units(*, query: str = "") -> QuerySet[OrgUnit]:
    """Active units with at least one public document or verified quarter."""
    units = OrgUnit.objects.filter(is_active=True).filter(
        Exists(public_renstra_qs().filter(unit=OuterRef("pk")))
        | Exists(signed_agreements_qs().filter(unit=OuterRef("pk")))
        | Exists(verified_submissions_qs().filter(unit=OuterRef("pk")))
        | Exists(published_qs().filter(unit=OuterRef("pk")))
        | Exists(signed_evaluations_qs().filter(unit=OuterRef("pk")))
    )
    if query:
        units = units.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__icontains=query)
        )
    return units.order_by("path")


@dataclass
class TreeNode:
    unit: OrgUnit
    public: bool
    children: list[TreeNode] = field(default_factory=list)


def public_tree(*, query: str = "") -> list[TreeNode]:
    """The public units as a tree; their ancestors are included (not linked) to show where they sit."""
    public = list(public_units(query=query))
    public_ids = {u.pk for u in public}
    paths = {u.path[:end] for u in public for end in range(6, len(u.path) + 1, 6)}
    units = OrgUnit.objects.filter(path__in=paths).order_by("path")
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for unit in units:
        node = TreeNode(unit=unit, public=unit.pk in public_ids)
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id or 0)
        (parent.children if parent is not None else roots).append(node)
    return roots


def unit_get(*, code: str) -> OrgUnit:
    unit = OrgUnit.objects.select_related("parent").filter(code=code, is_active=True).first()
    if unit is None:
        raise Http404(code)
    return unit


def unit_years(*, unit: OrgUnit) -> list[int]:
    """The years for which the unit has something public, newest first."""
    years: set[int] = set()
    years.update(signed_agreements_qs().filter(unit=unit).values_list("year", flat=True))
    years.update(verified_submissions_qs().filter(unit=unit).values_list("year", flat=True))
    years.update(published_qs().filter(unit=unit).values_list("year", flat=True))
    years.update(signed_evaluations_qs().filter(unit=unit).values_list("year", flat=True))
    this_year = timezone.localdate().year
    for start, end in public_renstra_qs().filter(unit=unit).values_list("start_year", "end_year"):
        years.update(range(start, min(end, this_year) + 1))
    return sorted(years, reverse=True)


def renstra_for(*, unit: OrgUnit, year: int) -> Renstra | None:
    return (
        public_renstra_qs()
        .filter(unit=unit, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )


def renstra_rows(*, renstra: Renstra, year: int) -> list[dict[str, Any]]:
    rows = renstra.indicators.select_related("indicator", "indicator__sasaran").order_by("indicator__code")
    return [
        {"item": row, "indicator": row.indicator, "target": (row.yearly_targets or {}).get(str(year), "")}
        for row in rows
    ]


def agreement_for(*, unit: OrgUnit, year: int) -> Agreement | None:
    """The PK in force for the public: the latest signed revision (a draft revision stays internal)."""
    return signed_agreements_qs().filter(unit=unit, year=year).order_by("-revision").first()


def agreement_rows(*, agreement: Agreement) -> QuerySet[Any]:
    return agreement.indicator_rows.select_related("indicator", "sasaran_row__sasaran").order_by(
        "sasaran_row__sort_order", "sort_order", "indicator__code"
    )


def publications(*, unit: OrgUnit, year: int | None = None) -> QuerySet[Publication]:
    rows = published_qs().filter(unit=unit)
    return rows.filter(year=year) if year is not None else rows


def publication_public_get(*, unit: OrgUnit, pk: int) -> Publication:
    found = publications(unit=unit).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def key_indicators(indicators: list[Indicator]) -> list[Indicator]:
    """The IKU among the indicators of the unit's public plans."""
    return [i for i in indicators if i.kind == IndicatorKind.IKU]


def plan_indicators(*, unit: OrgUnit, year: int) -> list[Indicator]:
    """The indicators named by the unit's public Renstra and signed PK for the year."""
    ids: set[int] = set()
    renstra = renstra_for(unit=unit, year=year)
    if renstra is not None:
        ids.update(renstra.indicators.values_list("indicator_id", flat=True))
    agreement = agreement_for(unit=unit, year=year)
    if agreement is not None:
        ids.update(agreement.indicator_rows.values_list("indicator_id", flat=True))
    return list(
        Indicator.objects.filter(pk__in=ids)
        .select_related("unit", "sasaran", "parent_indicator__unit")
        .order_by("kind", "code")
    )


# --- verified achievements -----------------------------------------------------------------------


@dataclass
class QuarterAchievements:
    quarter: str
    rows: list[Result]
    npss: list[SasaranScore]
    nko: Decimal | None


def verified_quarters(*, unit: OrgUnit, year: int) -> list[str]:
    found = set(verified_submissions_qs().filter(unit=unit, year=year).values_list("quarter", flat=True))
    return [q for q in QUARTERS if q in found]


def achievements(*, unit: OrgUnit, year: int) -> list[QuarterAchievements]:
    """Per verified quarter: the verified results of the periods reported in it, NPSS and NKO."""
    quarters = verified_quarters(unit=unit, year=year)
    if not quarters:
        return []
    # One row per indicator and quarter, the period the NPSS counts (TW2 before S1, TW4 before TAHUN).
    chosen: dict[tuple[str, int], Result] = {}
    for result in Result.objects.filter(
        unit=unit, year=year, basis=Basis.VERIFIED, value__isnull=False
    ).select_related("indicator"):
        quarter = QUARTER_OF[result.period]
        key = (quarter, result.indicator_id)
        rank = QUARTER_PERIODS[quarter].index
        if key not in chosen or rank(result.period) < rank(chosen[key].period):
            chosen[key] = result
    results: dict[str, list[Result]] = defaultdict(list)
    for (quarter, _indicator), result in sorted(
        chosen.items(), key=lambda kv: (kv[0][0], kv[1].indicator.code)
    ):
        results[quarter].append(result)
    scores: dict[str, list[SasaranScore]] = defaultdict(list)
    for score in (
        SasaranScore.objects.filter(
            unit=unit, year=year, basis=Basis.VERIFIED, quarter__in=quarters, npss__isnull=False
        )
        .select_related("sasaran")
        .order_by("sasaran__sort_order", "sasaran__code")
    ):
        scores[score.quarter].append(score)
    nko = dict(
        UnitScore.objects.filter(
            unit=unit, year=year, basis=Basis.VERIFIED, quarter__in=quarters
        ).values_list("quarter", "nko")
    )
    return [QuarterAchievements(q, results.get(q, []), scores.get(q, []), nko.get(q)) for q in quarters]


ACHIEVEMENT_COLUMNS = [
    "unit",
    "year",
    "quarter",
    "indicator",
    "name",
    "period",
    "target",
    "target_high",
    "realisation",
    "achievement",
    "status",
]


def achievement_table(*, unit: OrgUnit, year: int) -> list[list[Any]]:
    """The verified achievements as table rows: the CSV download and the API share them."""
    rows = []
    for quarter in achievements(unit=unit, year=year):
        for result in quarter.rows:
            rows.append(
                [
                    unit.code,
                    year,
                    quarter.quarter,
                    result.indicator.code,
                    result.indicator.name,
                    result.period,
                    result.target,
                    result.target_high,
                    result.reported if result.reported is not None else result.value,
                    result.achievement,
                    result.status,
                ]
            )
    return rows


# --- the cascade ---------------------------------------------------------------------------------


@dataclass
class CascadeItem:
    indicator: Indicator
    above: list[Indicator]
    below: list[Indicator]


def cascade(indicators: list[Indicator]) -> list[CascadeItem]:
    """Each public indicator of the unit with the chain it cascades from and what cascades from it."""
    below: dict[int, list[Indicator]] = defaultdict(list)
    for child in (
        Indicator.objects.filter(parent_indicator__in=[i.pk for i in indicators], is_active=True)
        .select_related("unit")
        .order_by("unit__path", "code")
    ):
        below[child.parent_indicator_id or 0].append(child)
    items = []
    for indicator in indicators:
        above: list[Indicator] = []
        step = indicator.parent_indicator
        while step is not None and step not in above and step != indicator:
            above.insert(0, step)
            step = (
                Indicator.objects.select_related("unit", "parent_indicator__unit")
                .get(pk=step.pk)
                .parent_indicator
            )
        items.append(CascadeItem(indicator, above, below.get(indicator.pk, [])))
    return items


def public_unit_ids(units: list[OrgUnit]) -> set[int]:
    return set(public_units().filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True))


# --- download counts -----------------------------------------------------------------------------


def download_counts(*, unit: OrgUnit, year: int) -> dict[tuple[str, int], int]:
    """(document kind, object id) -> downloads, for the unit's year."""
    return {
        (document, object_id): count
        for document, object_id, count in DownloadCount.objects.filter(unit=unit, year=year).values_list(
            "document", "object_id", "count"
        )
    }


def download_count(*, document: DocumentKind, unit: OrgUnit, year: int, object_id: int = 0) -> int:
    row = DownloadCount.objects.filter(document=document, unit=unit, year=year, object_id=object_id).first()
    return row.count if row is not None else 0


# --- the unit's own management of its publications (staff) --------------------------------------


def publication_list(*, user: Any, unit: OrgUnit | None = None) -> QuerySet[Publication]:
    """Every publication the user may see, drafts and withdrawn ones included."""
    rows = restrict(Publication.objects.select_related("unit", "uploaded_by"), user, Action.VIEW)
    return rows.filter(unit=unit) if unit is not None else rows


def publication_get(*, user: Any, pk: int) -> Publication:
    found = publication_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def staff_unit_get(*, user: Any, code: str) -> OrgUnit:
    unit = restrict(OrgUnit.objects.filter(is_active=True), user, Action.VIEW).filter(code=code).first()
    if unit is None:
        raise Http404(code)
    return unit
