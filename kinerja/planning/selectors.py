"""Reads of the planning domain, restricted to what the viewer may see.

The schedule (years, windows) is ministry-wide and readable by everyone logged in; what names a
unit (extensions, correction sessions of one unit, frozen definitions) follows the unit's reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, restrict, scope_for
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit

from . import schedule
from .models import (
    ActionStep,
    Agreement,
    AgreementIndicator,
    CorrectionSession,
    DeadlineExtension,
    FrozenDefinition,
    PlanningYear,
    Renstra,
)
from .targets import parse_target

# --- the schedule --------------------------------------------------------------------------------


def year_list() -> QuerySet[PlanningYear]:
    return PlanningYear.objects.order_by("-year")


def year_get(*, year: int) -> PlanningYear:
    found = PlanningYear.objects.filter(year=year).first()
    if found is None:
        raise Http404(str(year))
    return found


def extension_list(*, user: Any, planning_year: PlanningYear) -> QuerySet[DeadlineExtension]:
    qs = DeadlineExtension.objects.filter(window__year=planning_year).select_related(
        "unit", "window", "created_by"
    )
    return restrict(qs, user, Action.VIEW)


def correction_list(*, user: Any, planning_year: PlanningYear) -> QuerySet[CorrectionSession]:
    """Sessions for every unit are public; a session of one unit follows that unit's reach."""
    qs = CorrectionSession.objects.filter(year=planning_year).select_related("unit", "opened_by")
    scope = scope_for(user, Action.VIEW)
    if scope.everything:
        return qs
    condition = scope.q("unit")
    return (
        qs.filter(Q(unit__isnull=True) | condition) if condition is not None else qs.filter(unit__isnull=True)
    )


def correction_get(*, user: Any, pk: int) -> CorrectionSession:
    session = CorrectionSession.objects.filter(pk=pk).select_related("year").first()
    if session is None or not correction_list(user=user, planning_year=session.year).filter(pk=pk).exists():
        raise Http404(str(pk))
    return session


def frozen_list(*, user: Any, planning_year: PlanningYear) -> QuerySet[FrozenDefinition]:
    qs = FrozenDefinition.objects.filter(year=planning_year).select_related(
        "indicator", "indicator__unit", "version", "frozen_by"
    )
    return restrict(qs, user, Action.READ_CATALOG).order_by("indicator__unit__path", "indicator__code")


def unfrozen_indicators(*, planning_year: PlanningYear) -> QuerySet[Indicator]:
    """Active indicators with a formula that the year does not have yet (made during the year)."""
    return (
        Indicator.objects.filter(is_active=True, current_version__isnull=False)
        .exclude(frozen__year=planning_year)
        .select_related("unit")
        .order_by("unit__path", "code")
    )


def schedulable_units() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(is_active=True).order_by("path")


# --- Renstra -------------------------------------------------------------------------------------


def renstra_list(*, user: Any, unit_code: str = "", action: Action = Action.VIEW) -> QuerySet[Renstra]:
    qs = restrict(Renstra.objects.select_related("unit"), user, action)
    return qs.filter(unit__code=unit_code) if unit_code else qs


def renstra_get(*, user: Any, pk: int) -> Renstra:
    renstra = renstra_list(user=user).filter(pk=pk).first()
    if renstra is None:
        raise Http404(str(pk))
    return renstra


def writable_units(*, user: Any) -> QuerySet[OrgUnit]:
    """Units whose Renstra and PK the user writes (their own unit; administrators every unit)."""
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.CHANGE).order_by("path")


def unit_indicators(*, unit: OrgUnit) -> QuerySet[Indicator]:
    """The unit's own catalogue indicators a PK or Renstra chooses from."""
    return (
        Indicator.objects.filter(unit=unit, is_active=True, current_version__isnull=False)
        .select_related("sasaran", "parent_indicator", "parent_indicator__unit", "current_version")
        .order_by("sasaran__sort_order", "sasaran__code", "code")
    )


# --- the Perjanjian Kinerja ----------------------------------------------------------------------


def agreement_list(
    *, user: Any, year: int | None = None, unit_code: str = "", current_only: bool = True
) -> QuerySet[Agreement]:
    qs = restrict(Agreement.objects.select_related("unit"), user, Action.VIEW)
    if current_only:
        qs = qs.filter(is_current=True)
    if year:
        qs = qs.filter(year=year)
    if unit_code:
        qs = qs.filter(unit__code=unit_code)
    return qs.order_by("-year", "unit__path", "-revision")


def agreement_get(*, user: Any, pk: int) -> Agreement:
    agreement = (
        agreement_list(user=user, current_only=False)
        .select_related("unit__parent", "supersedes", "created_by")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404(str(pk))
    return agreement


def agreement_revisions(*, agreement: Agreement) -> QuerySet[Agreement]:
    return Agreement.objects.filter(unit=agreement.unit, year=agreement.year).order_by("-revision")


def agreement_items(*, agreement: Agreement) -> QuerySet[AgreementIndicator]:
    return agreement.indicator_rows.select_related(
        "indicator",
        "indicator__parent_indicator",
        "indicator__parent_indicator__unit",
        "sasaran_row",
        "sasaran_row__sasaran",
    ).order_by("sasaran_row__sort_order", "sort_order")


def agreement_item_get(*, user: Any, pk: int) -> AgreementIndicator:
    item = (
        restrict(AgreementIndicator.objects.select_related("agreement", "agreement__unit", "indicator"), user)
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404(str(pk))
    return item


def step_get(*, user: Any, pk: int) -> ActionStep:
    step = (
        restrict(
            ActionStep.objects.select_related(
                "agreement_indicator",
                "agreement_indicator__agreement",
                "agreement_indicator__agreement__unit",
            ),
            user,
        )
        .filter(pk=pk)
        .first()
    )
    if step is None:
        raise Http404(str(pk))
    return step


@dataclass(frozen=True)
class TargetWarning:
    code: str
    period: str  # "" for the annual target
    before: str
    now: str
    message: str


def _lower(now: Any, before: Any, polarity: str) -> bool:
    """Whether `now` asks less than `before`: lower for maximize, higher for minimize, a narrower
    demand (a lower low end) for stabilize."""
    new, old = parse_target(now), parse_target(before)
    if new is None or old is None:
        return False
    if isinstance(new, Decimal) and isinstance(old, Decimal):
        return new > old if polarity == "minimize" else new < old
    if not isinstance(new, Decimal) and not isinstance(old, Decimal):
        return new.low < old.low
    return False


def baseline_agreement(agreement: Agreement) -> Agreement | None:
    """What a PK's targets are compared with: the revision it supersedes, or for revision 0 the
    current PK of the unit's previous year."""
    if agreement.supersedes_id:
        return agreement.supersedes
    return Agreement.objects.filter(unit=agreement.unit, year=agreement.year - 1, is_current=True).first()


def target_warnings(agreement: Agreement) -> list[TargetWarning]:
    """Targets lower than the previous revision's (or last year's PK): a warning, never a refusal."""
    base = baseline_agreement(agreement)
    if base is None:
        return []
    previous = {item.indicator_id: item for item in base.indicator_rows.all()}
    items = list(agreement_items(agreement=agreement))
    definitions = schedule.year_definitions(agreement.year, [item.indicator for item in items])
    source = (
        _("revision %(number)s") % {"number": base.revision}
        if agreement.supersedes_id
        else _("the PK of %(year)s") % {"year": base.year}
    )
    warnings = []
    for item in items:
        old = previous.get(item.indicator_id)
        found = definitions.get(item.indicator_id)
        if old is None or found is None:
            continue
        polarity = found.definition.polarity
        pairs = [("", _range(item.target, item.target_high), _range(old.target, old.target_high))]
        if agreement.supersedes_id:  # period targets only compare within one year
            pairs += [(p, v, old.period_targets.get(p)) for p, v in sorted(item.period_targets.items())]
        for period, now, before in pairs:
            if _lower(now, before, polarity):
                label = f"{item.indicator.code} {period}".strip()
                warnings.append(
                    TargetWarning(
                        item.indicator.code,
                        period,
                        _show(before),
                        _show(now),
                        _("%(label)s: the target %(now)s is lower than %(before)s in %(source)s.")
                        % {"label": label, "now": _show(now), "before": _show(before), "source": source},
                    )
                )
    return warnings


def _range(low: Decimal | None, high: Decimal | None) -> Any:
    if low is None:
        return None
    return {"low": str(low), "high": str(high)} if high is not None else str(low)


def _show(value: Any) -> str:
    target = parse_target(value)
    if target is None:
        return "—"
    if isinstance(target, Decimal):
        return f"{target.normalize():f}"
    return f"{target.low.normalize():f}–{target.high.normalize():f}"
