"""Writes of the realisation entry: values, evidence and budget spending of a unit's quarter.

Every write checks the same three things through `selectors.entry_access`: the role (unit staff
and administrators), the lock of a submitted or verified quarter, and the entry window (which
binds units, not planners). Results are recomputed in the same transaction, so a page never
shows a value beside a stale achievement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kinerja.catalog.models import EvidenceKind, EvidenceRequirement, Indicator
from kinerja.catalog.services import problem_text
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.formula import FormulaError, InputError, PeriodResult, Problem
from kinerja.organization.models import OrgUnit
from kinerja.planning.models import AgreementBudget
from kinerja.planning.periods import QUARTER_OF, QUARTERS
from kinerja.planning.schedule import YearDefinition, year_definition
from kinerja.planning.targets import PlannedIndicator, unit_plans

from . import feeds, selectors
from .models import Basis, BudgetSpending, Evidence, Realisation, RealisationState, Result
from .results import Entered, results_recompute, year_payload
from .uploads import check_upload, row_save_with_file


class InputsRefused(ValidationError):
    """The engine refused some inputs; `problems` locate each one (table, row, column)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__({"inputs": [problem_text(p) for p in problems]})
        self.problems = problems


def _require_edit(*, actor: Any, unit: OrgUnit, year: int, quarter: str, today: datetime.date | None) -> None:
    access = selectors.entry_access(user=actor, unit=unit, year=year, quarter=quarter, on=today)
    if not access.can_change:
        raise PermissionDenied
    if not access.can_edit:
        raise ValidationError({"__all__": access.reason})


def _definition(
    *, unit: OrgUnit, indicator: Indicator, year: int, period: str
) -> tuple[YearDefinition, PlannedIndicator]:
    """The year's definition of a PK indicator, for one of its entry periods that applies, and the
    PK row with its targets."""
    plan = unit_plans([unit.pk], year).get(unit.pk)
    if plan is None or indicator.pk not in plan.indicators:
        raise ValidationError(
            {"indicator": _("This indicator is not in the unit's PK for %(year)s.") % {"year": year}}
        )
    yd = year_definition(indicator, year)
    if yd is None:
        raise ValidationError({"indicator": _("This indicator has no formula yet.")})
    if period not in selectors.indicator_periods(yd, QUARTER_OF.get(period, "")):
        raise ValidationError(
            {
                "period": _("%(code)s is not entered for %(period)s.")
                % {"code": indicator.code, "period": period}
            }
        )
    if not yd.applies_to(QUARTER_OF[period]):
        raise ValidationError(
            {
                "period": _("%(code)s does not apply to %(period)s (not applicable).")
                % {"code": indicator.code, "period": period}
            }
        )
    return yd, plan.indicators[indicator.pk]


def json_inputs(value: Any) -> Any:
    """Inputs as JSON numbers: the engine takes ints and floats (read back by their shortest repr)."""
    if isinstance(value, dict):
        return {str(k): json_inputs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_inputs(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True)
class Preview:
    """What the engine makes of typed inputs: the period's result, or the problems that stop it."""

    result: PeriodResult | None
    input_problems: tuple[Problem, ...] = ()
    problem: Problem | None = None


def realisation_preview(
    *, unit: OrgUnit, indicator: Indicator, year: int, period: str, inputs: dict[str, Any]
) -> Preview:
    """Compute one period from typed inputs with the year's frozen definition and the PK targets.

    The unit's other saved periods take part, so a cumulative mean shows what will be reported;
    `ref()` reads the other indicators' stored working values. Nothing is written.
    """
    yd, planned = _definition(unit=unit, indicator=indicator, year=year, period=period)
    return _preview(
        unit=unit, indicator=indicator, year=year, period=period, inputs=inputs, yd=yd, planned=planned
    )


def _preview(
    *,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    inputs: dict[str, Any],
    yd: YearDefinition,
    planned: PlannedIndicator,
) -> Preview:
    others = Realisation.objects.filter(
        unit=unit, indicator=indicator, year=year, state=RealisationState.VALUE
    ).exclude(period=period)
    entered = [Entered(indicator.pk, o.period, o.state, o.inputs) for o in others]
    entered.append(Entered(indicator.pk, period, RealisationState.VALUE, json_inputs(inputs)))
    payload = year_payload(year, yd, entered, planned.targets)

    def resolve(code: str, p: str) -> Decimal | None:
        row = Result.objects.filter(
            unit=unit, year=year, period=p, basis=Basis.WORKING, indicator__code=code
        ).first()
        return row.value if row is not None else None

    try:
        results = yd.definition.compute(payload, ref_resolver=resolve if yd.definition.refs else None)
    except InputError as exc:
        own = tuple(p for p in exc.problems if p.period in ("", period))
        return Preview(None, input_problems=own or exc.problems)
    except FormulaError as exc:
        return Preview(None, problem=exc.problems[0])
    result = results.get(period)
    return Preview(result, problem=result.error if result is not None else None)


def is_worse(new: Decimal, old: Decimal, polarity: str) -> bool:
    """Maximize: lower is worse; minimize: higher is worse; a range has no simple "worse"."""
    if polarity == "maximize":
        return new < old
    if polarity == "minimize":
        return new > old
    return False


@transaction.atomic
def realisation_save(
    *,
    actor: Any,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    inputs: dict[str, Any] | None,
    expected_version: int,
    progress: str = "",
    obstacles: str = "",
    follow_up: str = "",
    worse_note: str = "",
    not_computable_reason: str | None = None,
    today: datetime.date | None = None,
) -> Realisation:
    """Save the inputs and narrative of one indicator and period; the value is the engine's.

    Three states stay apart: no inputs is "not filled"; inputs with a value (even 0) is "filled";
    no value (the engine gives none, or the operator declares it with a reason) is "not computable".
    `expected_version` is the row_version the editor loaded (0 for a row that did not exist).
    """
    if period not in QUARTER_OF:
        raise ValidationError({"period": _("Unknown period.")})
    _require_edit(actor=actor, unit=unit, year=year, quarter=QUARTER_OF[period], today=today)
    if inputs is not None:
        _refuse_fed_changes(unit=unit, indicator=indicator, year=year, period=period, inputs=inputs)
    return realisation_write(
        actor=actor,
        unit=unit,
        indicator=indicator,
        year=year,
        period=period,
        inputs=inputs,
        expected_version=expected_version,
        narrative={
            "progress": progress,
            "obstacles": obstacles,
            "follow_up": follow_up,
            "worse_note": worse_note,
        },
        not_computable_reason=not_computable_reason,
    )


def _refuse_fed_changes(
    *, unit: OrgUnit, indicator: Indicator, year: int, period: str, inputs: dict[str, Any]
) -> None:
    """An input another module fills (IK-20's questionnaires) is not typed over by hand: the next
    feed would silently undo the edit."""
    fed = feeds.fed_inputs(unit=unit, indicator=indicator, year=year)
    if not fed:
        return
    existing = selectors.realisation_find(unit=unit, indicator=indicator, year=year, period=period)
    stored = (existing.inputs or {}) if existing is not None else {}
    for name, source in fed.items():
        if (json_inputs(inputs.get(name)) or None) != (json_inputs(stored.get(name)) or None):
            message = _("%(name)s is filled from %(source)s and cannot be changed here.")
            raise ValidationError({name: message % {"name": name, "source": source}})


def realisation_write(
    *,
    actor: Any,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    inputs: dict[str, Any] | None,
    expected_version: int,
    narrative: dict[str, str],
    not_computable_reason: str | None = None,
    change_reason: str | None = None,
) -> Realisation:
    """Store one period's inputs after the caller has decided who may write them; `actor` is None
    for a feed. Must run inside the caller's transaction."""
    yd, planned = _definition(unit=unit, indicator=indicator, year=year, period=period)
    progress, obstacles = narrative["progress"], narrative["obstacles"]
    follow_up, worse_note = narrative["follow_up"], narrative["worse_note"]

    fields: dict[str, Any] = {
        "progress": progress.strip(),
        "obstacles": obstacles.strip(),
        "follow_up": follow_up.strip(),
        "worse_note": worse_note.strip(),
        "version": yd.version,
        "updated_by": actor,
    }
    if not_computable_reason is not None:
        reason = not_computable_reason.strip()
        if not reason:
            raise ValidationError({"reason": _("Say why the value cannot be calculated.")})
        stored = json_inputs(inputs) if inputs else None
        fields.update(state=RealisationState.NOT_COMPUTABLE, inputs=stored, value=None, reason=reason)
    elif inputs is None:
        fields.update(state=RealisationState.EMPTY, inputs=None, value=None, reason="")
    else:
        stored = json_inputs(inputs)
        preview = _preview(
            unit=unit, indicator=indicator, year=year, period=period, inputs=stored, yd=yd, planned=planned
        )
        if preview.input_problems:
            raise InputsRefused(preview.input_problems)
        problem = preview.problem
        # The value alone decides the state: an error of the reported figure (an earlier
        # period's) or of the achievement (the target) does not make this period's value go away.
        value = preview.result.value if preview.result is not None else None
        if value is None:
            reason = (
                problem_text(problem)
                if problem is not None
                else _("The formula gives no value for these inputs (for example, a table without rows).")
            )
            fields.update(state=RealisationState.NOT_COMPUTABLE, inputs=stored, value=None, reason=reason)
        else:
            fields.update(state=RealisationState.VALUE, inputs=stored, value=value, reason="")
            old = selectors.last_verified_value(unit=unit, indicator=indicator, year=year, period=period)
            if old is not None and is_worse(value, old, yd.definition.polarity) and not fields["worse_note"]:
                raise ValidationError(
                    {
                        "worse_note": _("The value %(new)s is worse than the last verified %(old)s: say why.")
                        % {"new": value, "old": old}
                    }
                )

    existing = selectors.realisation_find(unit=unit, indicator=indicator, year=year, period=period)
    if existing is None:
        if expected_version:
            raise ConcurrentEditError()
        realisation = Realisation(unit=unit, indicator=indicator, year=year, period=period, **fields)
        realisation._history_user = actor  # type: ignore[attr-defined]
        realisation._change_reason = change_reason  # type: ignore[attr-defined]
        realisation.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                realisation.save()
        except IntegrityError as exc:
            # Two first saves of the same row: the second is told, as with any other edit.
            raise ConcurrentEditError() from exc
    else:
        existing._history_user = actor  # type: ignore[attr-defined]
        existing._change_reason = change_reason  # type: ignore[attr-defined]
        realisation = update_versioned(existing, expected_version=expected_version, fields=fields)
    results_recompute(unit_ids=[unit.pk], year=year, basis=Basis.WORKING)
    return realisation


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    unit: OrgUnit,
    indicator: Indicator,
    year: int,
    period: str,
    kind: str,
    description: str,
    requirement: EvidenceRequirement | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    text: str = "",
    corrects: Evidence | None = None,
    today: datetime.date | None = None,
) -> Evidence:
    """Add one piece of evidence; a file is checked by its content and stored through the storage API."""
    if period not in QUARTER_OF:
        raise ValidationError({"period": _("Unknown period.")})
    _require_edit(actor=actor, unit=unit, year=year, quarter=QUARTER_OF[period], today=today)
    _definition(unit=unit, indicator=indicator, year=year, period=period)
    if kind not in EvidenceKind.values:
        raise ValidationError({"kind": _("Evidence is a file, a link or a text.")})
    if requirement is not None:
        if requirement.indicator_id != indicator.pk:
            raise ValidationError({"requirement": _("This document is not required for this indicator.")})
        if kind not in (requirement.kinds or [EvidenceKind.FILE]):
            raise ValidationError(
                {"kind": _("“%(name)s” is not accepted as this kind.") % {"name": requirement.name}}
            )
    if corrects is not None and (
        corrects.unit_id,
        corrects.indicator_id,
        corrects.year,
        corrects.period,
    ) != (unit.pk, indicator.pk, year, period):
        raise ValidationError({"corrects": _("A correction must belong to the same indicator and period.")})
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe the evidence.")})
    evidence = Evidence(
        unit=unit,
        indicator=indicator,
        year=year,
        period=period,
        requirement=requirement,
        requirement_name=requirement.name if requirement else "",
        kind=kind,
        description=description[:500],
        corrects=corrects,
        created_by=actor,
    )
    evidence._history_user = actor  # type: ignore[attr-defined]
    if kind == EvidenceKind.FILE:
        if upload is None:
            raise ValidationError({"file": _("Choose a file.")})
        checked = check_upload(upload)
        evidence.original_name = PurePath(upload.name or "").name[:255]
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        row_save_with_file(evidence, upload, extension=PurePath(evidence.original_name).suffix.lower())
        return evidence
    if kind == EvidenceKind.LINK:
        evidence.url = url.strip()
    else:
        evidence.text = text.strip()
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence, today: datetime.date | None = None) -> None:
    """Delete evidence of a draft or returned quarter; evidence frozen in a verified version stays."""
    quarter = QUARTER_OF[evidence.period]
    _require_edit(actor=actor, unit=evidence.unit, year=evidence.year, quarter=quarter, today=today)
    if evidence.pk in selectors.verified_evidence_ids(
        unit_id=evidence.unit_id, year=evidence.year, quarter=quarter
    ):
        raise ValidationError(
            {
                "__all__": _(
                    "This evidence belongs to a verified period and is kept; add a correction beside it."
                )
            }
        )
    if evidence.corrections.exists():
        raise ValidationError({"__all__": _("This evidence has a correction beside it and is kept.")})
    name = evidence.file.name if evidence.kind == EvidenceKind.FILE else ""
    storage = evidence.file.storage
    evidence._history_user = actor  # type: ignore[attr-defined]
    evidence.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def budget_spending_set(
    *,
    actor: Any,
    budget: AgreementBudget,
    quarter: str,
    amount: Decimal,
    expected_version: int,
    today: datetime.date | None = None,
) -> BudgetSpending:
    """The budget spent on a PK programme up to the quarter's end (cumulative, as DIPA reports it)."""
    if quarter not in QUARTERS:
        raise ValidationError({"quarter": _("Unknown quarter.")})
    unit = budget.agreement.unit
    _require_edit(actor=actor, unit=unit, year=budget.agreement.year, quarter=quarter, today=today)
    if amount < 0:
        raise ValidationError({"amount": _("Spending cannot be negative.")})
    existing = BudgetSpending.objects.filter(budget=budget, quarter=quarter).first()
    if existing is None:
        if expected_version:
            raise ConcurrentEditError()
        spending = BudgetSpending(budget=budget, quarter=quarter, amount=amount)
        spending._history_user = actor  # type: ignore[attr-defined]
        spending.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                spending.save()
        except IntegrityError as exc:
            raise ConcurrentEditError() from exc
        return spending
    existing._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(existing, expected_version=expected_version, fields={"amount": amount})
