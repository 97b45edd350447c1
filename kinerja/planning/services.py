"""Writes of the planning domain: Renstra, the year's schedule, and the Perjanjian Kinerja.

Access is checked by the adapters (views, API) with `can()`, as in the catalogue; these functions
hold the rules that must be true whoever calls them (the demo loader and commands included).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from kinerja.catalog.models import Indicator, Sasaran
from kinerja.core.concurrency import update_versioned
from kinerja.organization.models import OrgUnit
from kinerja.performance.results import results_recompute

from . import schedule
from .models import (
    ActionStep,
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementSasaran,
    AgreementStatus,
    CorrectionSession,
    DeadlineExtension,
    FrozenDefinition,
    PeriodWindow,
    PlanningYear,
    Renstra,
    RenstraIndicator,
    StepStatus,
    YearStatus,
)
from .periods import QUARTERS, entry_periods

HEADER_FIELDS = (
    "first_party_name",
    "first_party_title",
    "second_party_name",
    "second_party_title",
    "place",
)


def _decimal(value: Any, *, field: str, label: str) -> Decimal | None:
    """A target as typed or sent: empty is no target; anything else must be a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError(
            {field: _("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": value}}
        )
    return number


# --- Renstra -------------------------------------------------------------------------------------


def _check_renstra_overlap(renstra: Renstra) -> None:
    if not renstra.is_active:
        return
    clash = (
        Renstra.objects.filter(unit=renstra.unit, is_active=True)
        .filter(start_year__lte=renstra.end_year, end_year__gte=renstra.start_year)
        .exclude(pk=renstra.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "start_year": _("The unit already has an active Renstra for these years: %(other)s.")
                % {"other": clash}
            }
        )


def _renstra_rows(renstra: Renstra, rows: Iterable[Mapping[str, Any]]) -> list[RenstraIndicator]:
    years = range(renstra.start_year, renstra.end_year + 1)
    result: list[RenstraIndicator] = []
    seen: set[int] = set()
    for row in rows:
        indicator: Indicator = row["indicator"]
        if indicator.unit_id != renstra.unit_id:
            raise ValidationError(
                {"indicators": _("%(code)s belongs to another unit.") % {"code": indicator.code}}
            )
        if indicator.pk in seen:
            raise ValidationError({"indicators": _("%(code)s is listed twice.") % {"code": indicator.code}})
        seen.add(indicator.pk)
        targets: dict[str, str] = {}
        for key, value in (row.get("yearly_targets") or {}).items():
            if not str(key).isdigit() or int(key) not in years:
                raise ValidationError(
                    {
                        "yearly_targets": _("%(code)s: %(year)s is outside the plan's years.")
                        % {"code": indicator.code, "year": key}
                    }
                )
            number = _decimal(value, field="yearly_targets", label=f"{indicator.code} {key}")
            if number is not None:
                targets[str(key)] = str(number)
        result.append(
            RenstraIndicator(
                renstra=renstra,
                indicator=indicator,
                baseline=_decimal(row.get("baseline"), field="baseline", label=indicator.code),
                baseline_year=row.get("baseline_year") or None,
                yearly_targets=targets,
            )
        )
    return result


@transaction.atomic
def renstra_create(
    *,
    actor: Any,
    unit: OrgUnit,
    title: str,
    start_year: int,
    end_year: int,
    regulation: str,
    rows: Iterable[Mapping[str, Any]] = (),
    is_active: bool = True,
) -> Renstra:
    """A new strategic plan; two active plans of one unit may not cover the same year."""
    renstra = Renstra(
        unit=unit,
        title=title.strip(),
        start_year=start_year,
        end_year=end_year,
        regulation=regulation.strip(),
        is_active=is_active,
    )
    renstra.full_clean()
    _check_renstra_overlap(renstra)
    renstra.save()
    bulk_create_with_history(_renstra_rows(renstra, rows), RenstraIndicator)
    return renstra


@transaction.atomic
def renstra_update(
    *,
    actor: Any,
    renstra: Renstra,
    expected_version: int,
    rows: Iterable[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Renstra:
    """Change the plan's header and, when given, replace its indicators with their targets."""
    unknown = set(fields) - {"title", "start_year", "end_year", "regulation", "is_active"}
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(renstra, name, value)
    _check_renstra_overlap(renstra)
    renstra = update_versioned(renstra, expected_version=expected_version, fields=fields)
    if rows is not None:
        new_rows = _renstra_rows(renstra, rows)
        renstra.indicators.all().delete()
        bulk_create_with_history(new_rows, RenstraIndicator)
    return renstra


# --- the year and its schedule -------------------------------------------------------------------


def _set_default_windows(planning_year: PlanningYear) -> None:
    for quarter, (opens, closes, review) in schedule.default_windows(
        planning_year.year, planning_year.entry_close_day
    ).items():
        PeriodWindow.objects.update_or_create(
            year=planning_year,
            quarter=quarter,
            defaults={"entry_opens": opens, "entry_closes": closes, "review_closes": review},
        )


@transaction.atomic
def year_create(*, actor: Any, year: int, entry_close_day: int = 15) -> PlanningYear:
    """A year being prepared, with the default window of each quarter (editable until and after opening)."""
    if PlanningYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("The year %(year)s already exists.") % {"year": year}})
    planning_year = PlanningYear(year=year, entry_close_day=entry_close_day)
    planning_year.full_clean()
    planning_year.save()
    _set_default_windows(planning_year)
    return planning_year


@transaction.atomic
def year_set_close_day(
    *, actor: Any, planning_year: PlanningYear, expected_version: int, entry_close_day: int
) -> PlanningYear:
    """Change the default closing day; every window is reset to the default dates of the new day."""
    if planning_year.status == YearStatus.CLOSED:
        raise ValidationError({"entry_close_day": _("The year is closed.")})
    planning_year = update_versioned(
        planning_year, expected_version=expected_version, fields={"entry_close_day": entry_close_day}
    )
    _set_default_windows(planning_year)
    return planning_year


def _freeze(
    planning_year: PlanningYear, indicator: Indicator, *, actor: Any, start_quarter: str
) -> FrozenDefinition:
    assert indicator.current_version is not None
    return FrozenDefinition.objects.create(
        year=planning_year,
        indicator=indicator,
        version=indicator.current_version,
        start_quarter=start_quarter,
        frozen_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def year_open(*, actor: Any, planning_year: PlanningYear, expected_version: int) -> list[FrozenDefinition]:
    """Open the year and freeze the formula version of every active indicator that has one.

    A formula changed in the catalogue afterwards applies from the next year on; an indicator
    added during the year is frozen with `frozen_definition_add` and a start quarter.
    """
    if planning_year.status != YearStatus.DRAFT:
        raise ValidationError({"status": _("Only a year being prepared can be opened.")})
    update_versioned(
        planning_year,
        expected_version=expected_version,
        fields={"status": YearStatus.OPEN, "opened_at": timezone.now(), "opened_by": actor},
    )
    done = set(FrozenDefinition.objects.filter(year=planning_year).values_list("indicator_id", flat=True))
    indicators = Indicator.objects.filter(is_active=True, current_version__isnull=False).exclude(pk__in=done)
    return [
        _freeze(planning_year, indicator, actor=actor, start_quarter="TW1")
        for indicator in indicators.select_related("current_version")
    ]


@transaction.atomic
def year_close(*, actor: Any, planning_year: PlanningYear, expected_version: int) -> PlanningYear:
    """Close the year: no entry, no reopening except inside a correction session."""
    if planning_year.status != YearStatus.OPEN:
        raise ValidationError({"status": _("Only an open year can be closed.")})
    return update_versioned(
        planning_year,
        expected_version=expected_version,
        fields={"status": YearStatus.CLOSED, "closed_at": timezone.now(), "closed_by": actor},
    )


@transaction.atomic
def frozen_definition_add(
    *, actor: Any, planning_year: PlanningYear, indicator: Indicator, start_quarter: str
) -> FrozenDefinition:
    """Bring an indicator made during the year into it from a quarter; earlier quarters do not apply."""
    if planning_year.status != YearStatus.OPEN:
        raise ValidationError({"indicator": _("Indicators are added to an open year only.")})
    if start_quarter not in QUARTERS:
        raise ValidationError({"start_quarter": _("Choose a quarter, TW1 to TW4.")})
    if indicator.current_version is None:
        raise ValidationError({"indicator": _("This indicator has no formula yet.")})
    if FrozenDefinition.objects.filter(year=planning_year, indicator=indicator).exists():
        raise ValidationError(
            {
                "indicator": _("%(code)s is already part of %(year)s.")
                % {"code": indicator.code, "year": planning_year.year}
            }
        )
    return _freeze(planning_year, indicator, actor=actor, start_quarter=start_quarter)


@transaction.atomic
def window_update(
    *,
    actor: Any,
    window: PeriodWindow,
    entry_opens: datetime.date,
    entry_closes: datetime.date,
    review_closes: datetime.date,
) -> PeriodWindow:
    if window.year.status == YearStatus.CLOSED:
        raise ValidationError({"entry_closes": _("The year is closed.")})
    window.entry_opens, window.entry_closes, window.review_closes = entry_opens, entry_closes, review_closes
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def extension_grant(
    *, actor: Any, window: PeriodWindow, unit: OrgUnit, closes_on: datetime.date, reason: str
) -> DeadlineExtension:
    """A later deadline for one unit; a second grant for the same quarter replaces the first."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the deadline is extended; the reason is kept.")})
    if window.year.status != YearStatus.OPEN:
        raise ValidationError({"closes_on": _("Deadlines are extended in an open year only.")})
    if closes_on <= window.entry_closes:
        raise ValidationError(
            {
                "closes_on": _("The new deadline must come after %(date)s.")
                % {"date": window.entry_closes.isoformat()}
            }
        )
    extension, _created = DeadlineExtension.objects.update_or_create(
        window=window,
        unit=unit,
        defaults={"closes_on": closes_on, "reason": reason.strip(), "created_by": actor},
    )
    return extension


@transaction.atomic
def correction_open(
    *,
    actor: Any,
    planning_year: PlanningYear,
    unit: OrgUnit | None,
    quarters: Sequence[str],
    ends_on: datetime.date,
    reason: str,
    today: datetime.date | None = None,
) -> CorrectionSession:
    """A correction session of a closed year: it permits planners to reopen verified submissions in
    its scope until its end date; it never reopens entry for units by itself."""
    today = today or timezone.localdate()
    if planning_year.status != YearStatus.CLOSED:
        raise ValidationError(
            {"year": _("Corrections are for a closed year; an open year is still being entered.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the year is reopened for corrections.")})
    chosen = [q for q in QUARTERS if q in set(quarters)]
    if not chosen or len(chosen) != len(set(quarters)):
        raise ValidationError({"quarters": _("Choose one or more quarters, TW1 to TW4.")})
    if ends_on < today:
        raise ValidationError({"ends_on": _("The end date cannot be in the past.")})
    session = CorrectionSession(
        year=planning_year,
        unit=unit,
        quarters=chosen,
        ends_on=ends_on,
        reason=reason.strip(),
        opened_by=actor if getattr(actor, "pk", None) else None,
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def correction_close(*, actor: Any, session: CorrectionSession) -> CorrectionSession:
    """End a session before its end date."""
    if session.closed_at is None:
        session.closed_at = timezone.now()
        session.save(update_fields=["closed_at"])
    return session


# --- the Perjanjian Kinerja ----------------------------------------------------------------------


def _period_target(value: Any, *, stabilize: bool, label: str) -> Any:
    """A period target in the stored form: a decimal string, or {"low", "high"} for stabilize."""
    if stabilize:
        if value in (None, "", {}):
            return None
        if not isinstance(value, Mapping):
            raise ValidationError(
                {"period_targets": _("%(label)s: give a range, low and high.") % {"label": label}}
            )
        low = _decimal(value.get("low"), field="period_targets", label=label)
        high = _decimal(value.get("high"), field="period_targets", label=label)
        if low is None and high is None:
            return None
        if low is None or high is None:
            raise ValidationError(
                {"period_targets": _("%(label)s: give both ends of the range.") % {"label": label}}
            )
        if low > high:
            raise ValidationError(
                {"period_targets": _("%(label)s: the low end is above the high end.") % {"label": label}}
            )
        return {"low": str(low), "high": str(high)}
    if isinstance(value, Mapping):
        raise ValidationError(
            {"period_targets": _("%(label)s: give one number, not a range.") % {"label": label}}
        )
    number = _decimal(value, field="period_targets", label=label)
    return None if number is None else str(number)


def _weight(value: Any, *, label: str) -> Decimal | None:
    number = _decimal(value, field="weight", label=label)
    if number is not None and number <= 0:
        raise ValidationError({"weight": _("%(label)s: a weight must be above zero.") % {"label": label}})
    return number


def agreement_periods(indicator: Indicator, year: int) -> tuple[tuple[str, ...], bool]:
    """The periods a PK sets targets for (the indicator's entry periods in the year) and whether
    the indicator is stabilize (a range)."""
    found = schedule.year_definition(indicator, year)
    if found is None:
        raise ValidationError({"indicator": _("%(code)s has no formula yet.") % {"code": indicator.code}})
    definition = found.definition
    return entry_periods(
        definition.periodicity, definition.assessment_period
    ), definition.polarity == "stabilize"


def _check_rows(unit: OrgUnit, year: int, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    checked: list[dict[str, Any]] = []
    seen: set[int] = set()
    for row in rows:
        indicator: Indicator = row["indicator"]
        code = indicator.code
        if indicator.unit_id != unit.pk:
            raise ValidationError({"indicator": _("%(code)s belongs to another unit.") % {"code": code}})
        if not indicator.is_active:
            raise ValidationError({"indicator": _("%(code)s is no longer active.") % {"code": code}})
        if indicator.pk in seen:
            raise ValidationError({"indicator": _("%(code)s is listed twice.") % {"code": code}})
        seen.add(indicator.pk)
        periods, stabilize = agreement_periods(indicator, year)
        raw_periods = dict(row.get("period_targets") or {})
        extra = sorted(set(raw_periods) - set(periods))
        if extra:
            raise ValidationError(
                {
                    "period_targets": _("%(code)s is reported for %(periods)s, not %(extra)s.")
                    % {"code": code, "periods": ", ".join(periods), "extra": ", ".join(extra)}
                }
            )
        period_targets = {}
        for period in periods:
            value = _period_target(raw_periods.get(period), stabilize=stabilize, label=f"{code} {period}")
            if value is not None:
                period_targets[period] = value
        target = _decimal(row.get("target"), field="target", label=code)
        target_high = _decimal(row.get("target_high"), field="target_high", label=code)
        if stabilize:
            if (target is None) != (target_high is None):
                raise ValidationError(
                    {"target_high": _("%(code)s: give both ends of the annual range.") % {"code": code}}
                )
            if target is not None and target_high is not None and target > target_high:
                raise ValidationError(
                    {"target_high": _("%(code)s: the low end is above the high end.") % {"code": code}}
                )
        elif target_high is not None:
            raise ValidationError(
                {
                    "target_high": _("%(code)s: only a stabilize indicator has an upper bound.")
                    % {"code": code}
                }
            )
        checked.append(
            {
                "indicator": indicator,
                "target": target,
                "target_high": target_high,
                "period_targets": period_targets,
                "weight": _weight(row.get("weight"), label=code),
            }
        )
    return checked


def _check_budget(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    checked = []
    codes: set[str] = set()
    for row in rows:
        code = str(row.get("programme_code", "")).strip()
        name = str(row.get("programme_name", "")).strip()
        if not code or not name:
            raise ValidationError({"budget": _("Each programme needs a code and a name.")})
        if code in codes:
            raise ValidationError({"budget": _("Programme %(code)s is listed twice.") % {"code": code}})
        codes.add(code)
        ceiling = _decimal(row.get("ceiling"), field="budget", label=code)
        if ceiling is None or ceiling < 0:
            raise ValidationError(
                {"budget": _("%(code)s: the ceiling (pagu) must be zero or more.") % {"code": code}}
            )
        checked.append({"programme_code": code, "programme_name": name, "ceiling": ceiling})
    return checked


def _write_rows(
    agreement: Agreement,
    rows: list[dict[str, Any]],
    sasaran_settings: Mapping[int, Mapping[str, Any]],
) -> None:
    """Make the PK's sasaran and indicators those of `rows`, updating in place so the action
    steps (and history) of indicators that stay are kept."""
    wanted = {row["indicator"].sasaran_id for row in rows}
    order = {s.pk: (s.sort_order, s.code) for s in Sasaran.objects.filter(pk__in=wanted)}
    existing = {row.sasaran_id: row for row in agreement.sasaran_rows.all()}
    sasaran_rows: dict[int, AgreementSasaran] = {}
    for index, sasaran_id in enumerate(sorted(wanted, key=lambda pk: order[pk])):
        extra = sasaran_settings.get(sasaran_id, {})
        row = existing.get(sasaran_id) or AgreementSasaran(agreement=agreement, sasaran_id=sasaran_id)
        row.weight = _weight(extra.get("weight"), label=_("objective weight"))
        row.perspective = str(extra.get("perspective") or "").strip()[:100]
        row.sort_order = index
        row.save()
        sasaran_rows[sasaran_id] = row
    items = {item.indicator_id: item for item in agreement.indicator_rows.all()}
    keep = {row["indicator"].pk for row in rows}
    AgreementIndicator.objects.filter(agreement=agreement).exclude(indicator_id__in=keep).delete()
    for index, values in enumerate(sorted(rows, key=lambda r: r["indicator"].code)):
        item = items.get(values["indicator"].pk) or AgreementIndicator(agreement=agreement)
        for name, value in values.items():
            setattr(item, name, value)
        item.sasaran_row = sasaran_rows[values["indicator"].sasaran_id]
        item.sort_order = index
        item.save()
    AgreementSasaran.objects.filter(agreement=agreement).exclude(sasaran_id__in=wanted).delete()


def _write_budget(agreement: Agreement, budget: list[dict[str, Any]]) -> None:
    AgreementBudget.objects.filter(agreement=agreement).delete()
    AgreementBudget.objects.bulk_create(AgreementBudget(agreement=agreement, **row) for row in budget)


def _header(fields: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    return {name: str(value or "").strip() for name, value in fields.items()}


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    rows: Iterable[Mapping[str, Any]],
    budget: Iterable[Mapping[str, Any]] = (),
    sasaran_settings: Mapping[int, Mapping[str, Any]] | None = None,
    **header: Any,
) -> Agreement:
    """The unit's first PK of the year (revision 0).

    `rows`: one mapping per indicator: `indicator`, `target`, `target_high` (stabilize), the
    `period_targets` keyed by the indicator's entry periods, `weight`. `sasaran_settings` maps a
    sasaran id to its `weight` and `perspective`. Lower targets than last year's only warn:
    see `selectors.target_warnings`.
    """
    if Agreement.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(unit)s already has a PK for %(year)s; revise it instead.")
                % {"unit": unit.code, "year": year}
            }
        )
    checked = _check_rows(unit, year, rows)
    if not checked:
        raise ValidationError({"indicator": _("Choose at least one indicator.")})
    checked_budget = _check_budget(budget)
    agreement = Agreement(
        unit=unit, year=year, created_by=actor if getattr(actor, "pk", None) else None, **_header(header)
    )
    agreement.full_clean()
    agreement.save()
    _write_rows(agreement, checked, sasaran_settings or {})
    _write_budget(agreement, checked_budget)
    _recompute(agreement)
    return agreement


def _recompute(agreement: Agreement) -> None:
    """Targets and weights feed the stored achievements, NPSS and NKO of both bases."""
    for basis in ("working", "verified"):
        results_recompute(unit_ids=[agreement.unit_id], year=agreement.year, basis=basis)


def _require_draft(agreement: Agreement) -> None:
    if not agreement.is_current:
        raise ValidationError({"status": _("This is an earlier revision; it stays as it was.")})
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError({"status": _("A signed PK is changed only through a revision.")})


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    expected_version: int,
    rows: Iterable[Mapping[str, Any]] | None = None,
    budget: Iterable[Mapping[str, Any]] | None = None,
    sasaran_settings: Mapping[int, Mapping[str, Any]] | None = None,
    **header: Any,
) -> Agreement:
    """Change a draft PK (a signed one only through `agreement_revise`)."""
    _require_draft(agreement)
    checked = _check_rows(agreement.unit, agreement.year, rows) if rows is not None else None
    if checked is not None and not checked:
        raise ValidationError({"indicator": _("Choose at least one indicator.")})
    checked_budget = _check_budget(budget) if budget is not None else None
    agreement = update_versioned(agreement, expected_version=expected_version, fields=_header(header))
    if checked is not None:
        _write_rows(agreement, checked, sasaran_settings or _sasaran_settings_of(agreement))
    elif sasaran_settings is not None:
        for row in agreement.sasaran_rows.all():
            extra = sasaran_settings.get(row.sasaran_id, {})
            row.weight = _weight(extra.get("weight"), label=_("objective weight"))
            row.perspective = str(extra.get("perspective") or "").strip()[:100]
            row.save()
    if checked_budget is not None:
        _write_budget(agreement, checked_budget)
    _recompute(agreement)
    return agreement


def _sasaran_settings_of(agreement: Agreement) -> dict[int, dict[str, Any]]:
    return {
        row.sasaran_id: {"weight": row.weight, "perspective": row.perspective}
        for row in agreement.sasaran_rows.all()
    }


def _rows_of(agreement: Agreement) -> list[dict[str, Any]]:
    return [
        {
            "indicator": item.indicator,
            "target": item.target,
            "target_high": item.target_high,
            "period_targets": item.period_targets,
            "weight": item.weight,
        }
        for item in agreement.indicator_rows.select_related("indicator")
    ]


@transaction.atomic
def agreement_revise(
    *,
    actor: Any,
    agreement: Agreement,
    reason: str,
    rows: Iterable[Mapping[str, Any]] | None = None,
    budget: Iterable[Mapping[str, Any]] | None = None,
    sasaran_settings: Mapping[int, Mapping[str, Any]] | None = None,
    **header: Any,
) -> Agreement:
    """A new revision of a signed PK: the old one is kept unchanged and stops being current; every
    row (sasaran, indicators, budget, action plan) is copied, then the given changes applied."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the PK is revised; the reason is kept with it.")})
    if not agreement.is_current:
        raise ValidationError({"status": _("Only the current PK can be revised.")})
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError({"status": _("A draft PK is edited directly; revise it once it is signed.")})
    old = Agreement.objects.select_for_update().get(pk=agreement.pk)
    old.is_current = False
    old.save(update_fields=["is_current"])
    values = {name: getattr(old, name) for name in HEADER_FIELDS}
    values.update(_header(header))
    new = Agreement(
        unit=old.unit,
        year=old.year,
        revision=old.revision + 1,
        supersedes=old,
        reason=reason.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **values,
    )
    new.full_clean(exclude=["supersedes"])
    new.save()
    checked = _check_rows(old.unit, old.year, rows if rows is not None else _rows_of(old))
    if not checked:
        raise ValidationError({"indicator": _("Choose at least one indicator.")})
    _write_rows(new, checked, sasaran_settings if sasaran_settings is not None else _sasaran_settings_of(old))
    _copy_steps(old, new)
    _write_budget(
        new,
        _check_budget(
            budget
            if budget is not None
            else old.budget_rows.values("programme_code", "programme_name", "ceiling")
        ),
    )
    _recompute(new)
    return new


def _copy_steps(old: Agreement, new: Agreement) -> None:
    """The action plan of every indicator that stays in the new revision."""
    items = {item.indicator_id: item for item in new.indicator_rows.all()}
    bulk_create_with_history(
        [
            ActionStep(
                agreement_indicator=items[step.agreement_indicator.indicator_id],
                quarter=step.quarter,
                description=step.description,
                cumulative_target=step.cumulative_target,
                status=step.status,
                justification=step.justification,
            )
            for step in ActionStep.objects.filter(agreement_indicator__agreement=old).select_related(
                "agreement_indicator"
            )
            if step.agreement_indicator.indicator_id in items
        ],
        ActionStep,
    )


@transaction.atomic
def agreement_sign(
    *, actor: Any, agreement: Agreement, expected_version: int, signed_on: datetime.date
) -> Agreement:
    """Record the signing; from then on the PK changes only through a revision."""
    _require_draft(agreement)
    missing = [
        str(getattr(Agreement._meta.get_field(name), "verbose_name", name))
        for name in (
            "first_party_name",
            "first_party_title",
            "second_party_name",
            "second_party_title",
            "place",
        )
        if not getattr(agreement, name).strip()
    ]
    if missing:
        raise ValidationError(
            {"signed_on": _("Fill in before signing: %(fields)s.") % {"fields": ", ".join(missing)}}
        )
    if not agreement.indicator_rows.exists():
        raise ValidationError({"signed_on": _("A PK without indicators cannot be signed.")})
    return update_versioned(
        agreement,
        expected_version=expected_version,
        fields={"status": AgreementStatus.SIGNED, "signed_on": signed_on},
    )


# --- the action plan (rencana aksi) --------------------------------------------------------------


def _require_current(item: AgreementIndicator) -> None:
    if not item.agreement.is_current:
        raise ValidationError({"status": _("This is an earlier revision; it stays as it was.")})


def _check_justification(status: str, justification: str) -> None:
    if status not in StepStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status in (StepStatus.NOT_DONE, StepStatus.POSTPONED) and not justification.strip():
        raise ValidationError({"justification": _("A step not done or postponed needs a justification.")})


@transaction.atomic
def action_step_create(
    *,
    actor: Any,
    agreement_indicator: AgreementIndicator,
    quarter: str,
    description: str,
    cumulative_target: str = "",
) -> ActionStep:
    """A step of the plan; the plan is part of the PK, so it is written while the PK is a draft."""
    _require_draft(agreement_indicator.agreement)
    if not description.strip():
        raise ValidationError({"description": _("Describe the step.")})
    step = ActionStep(
        agreement_indicator=agreement_indicator,
        quarter=quarter,
        description=description.strip(),
        cumulative_target=cumulative_target.strip(),
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def action_step_update(
    *,
    actor: Any,
    step: ActionStep,
    expected_version: int,
    status: str | None = None,
    justification: str | None = None,
    description: str | None = None,
    cumulative_target: str | None = None,
    quarter: str | None = None,
) -> ActionStep:
    """Report a step's progress (any time on the current PK) or change the step (draft PK only)."""
    item = step.agreement_indicator
    _require_current(item)
    fields: dict[str, Any] = {}
    plan = {"description": description, "cumulative_target": cumulative_target, "quarter": quarter}
    plan = {name: value for name, value in plan.items() if value is not None and value != getattr(step, name)}
    if plan:
        _require_draft(item.agreement)
        if "description" in plan and not str(plan["description"]).strip():
            raise ValidationError({"description": _("Describe the step.")})
        fields.update({name: str(value).strip() for name, value in plan.items()})
    new_status = status if status is not None else step.status
    new_justification = (justification if justification is not None else step.justification).strip()
    _check_justification(new_status, new_justification)
    fields["status"], fields["justification"] = new_status, new_justification
    return update_versioned(step, expected_version=expected_version, fields=fields)


@transaction.atomic
def action_step_delete(*, actor: Any, step: ActionStep) -> None:
    _require_draft(step.agreement_indicator.agreement)
    step.delete()
