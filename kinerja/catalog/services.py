"""Writes to the catalogue. A formula change makes a new immutable version; nothing is edited in place."""

import datetime
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kinerja.core.concurrency import update_versioned
from kinerja.formula import IndicatorDefinition, PeriodResult, Problem, check_catalog
from kinerja.formula.indicator import PeriodRefResolver
from kinerja.organization.models import OrgUnit

from .models import EvidenceKind, EvidenceRequirement, Indicator, IndicatorVersion, PicAssignment, Sasaran

SHEET_FIELDS = (
    "name",
    "kind",
    "sasaran",
    "definition",
    "description",
    "manual_formula_text",
    "target_aspect",
    "validity",
    "data_source",
    "calculation_note",
    "responsible_unit",
    "data_status",
    "cascading_method",
    "parent_indicator",
    "notes",
    "source_notes",
    "is_active",
)
# Keys of the engine's definition that the indicator row owns; the version stores the rest.
OWNED_KEYS = ("code", "name")


def problem_text(problem: Problem) -> str:
    message = problem.message_id if (get_language() or "id").startswith("id") else problem.message_en
    where = _("line %(line)s, column %(column)s: ") % {"line": problem.line, "column": problem.column}
    return (where if problem.line else "") + message


def problems_error(problems: Iterable[Problem], field: str = "computation") -> ValidationError:
    return ValidationError({field: [problem_text(p) for p in problems]})


def engine_definition(*, code: str, name: str, computation: dict[str, Any]) -> IndicatorDefinition:
    data = {key: value for key, value in computation.items() if key not in OWNED_KEYS}
    return IndicatorDefinition.from_dict({**data, "code": code, "name": name})


@lru_cache(maxsize=4096)
def _compiled(content: str, code: str, name: str) -> IndicatorDefinition:
    # Keyed by the definition's content: versions never change, and a ministry's thousands of
    # versions share a few dozen contents, so each is parsed once per process.
    return engine_definition(code=code, name=name, computation=json.loads(content))


def compiled_definition_of_version(version: IndicatorVersion, *, code: str, name: str) -> IndicatorDefinition:
    """A given (e.g. year-frozen) version of an indicator, parsed once per process."""
    return _compiled(json.dumps(version.definition, sort_keys=True), code, name)


def compiled_definition(indicator: Indicator) -> IndicatorDefinition:
    if indicator.current_version is None:
        raise ValidationError({"computation": _("This indicator has no formula yet.")})
    return compiled_definition_of_version(indicator.current_version, code=indicator.code, name=indicator.name)


def definition_problems(
    *, unit: OrgUnit | None, code: str, name: str, computation: dict[str, Any], exclude_pk: int | None = None
) -> list[Problem]:
    """Every static problem of a definition, with references checked against the unit's other
    indicators once a unit is chosen."""
    definition = engine_definition(code=code, name=name, computation=computation)
    problems = definition.check()
    if unit is not None and definition.refs and not any(p.is_error for p in problems):
        others = Indicator.objects.filter(unit=unit, current_version__isnull=False).exclude(code=code)
        if exclude_pk is not None:
            others = others.exclude(pk=exclude_pk)
        siblings = [compiled_definition(other) for other in others]
        problems += [p for p in check_catalog([*siblings, definition]) if p.is_error]
    return problems


def _check_computation(
    *, unit: OrgUnit, code: str, name: str, computation: dict[str, Any], exclude_pk: int | None = None
) -> dict[str, Any]:
    if not isinstance(computation, dict):
        raise ValidationError({"computation": _("The computation must be a JSON object.")})
    errors = [
        p
        for p in definition_problems(
            unit=unit, code=code, name=name, computation=computation, exclude_pk=exclude_pk
        )
        if p.is_error
    ]
    if errors:
        raise problems_error(errors)
    return {key: value for key, value in computation.items() if key not in OWNED_KEYS}


def _check_sheet(indicator: Indicator) -> None:
    if indicator.sasaran_id and indicator.sasaran.unit_id != indicator.unit_id:
        raise ValidationError({"sasaran": _("The objective belongs to another unit.")})
    parent = indicator.parent_indicator
    if parent is not None and (
        parent.pk == indicator.pk
        or parent.unit_id == indicator.unit_id
        or not indicator.unit.path.startswith(parent.unit.path)
    ):
        raise ValidationError(
            {"parent_indicator": _("An indicator cascades from an indicator of a unit above.")}
        )


@transaction.atomic
def sasaran_create(
    *, unit: OrgUnit, code: str, name: str, kind: str, parent: Sasaran | None = None, note: str = ""
) -> Sasaran:
    """A new objective of a unit; one it cascades from must belong to a unit above."""
    if parent is not None and (parent.unit_id == unit.pk or not unit.path.startswith(parent.unit.path)):
        raise ValidationError({"parent": _("An objective cascades from an objective of a unit above.")})
    sasaran = Sasaran(
        unit=unit,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        parent=parent,
        note=note,
        sort_order=Sasaran.objects.filter(unit=unit).count(),
    )
    sasaran.full_clean()
    sasaran.save()
    return sasaran


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    unit: OrgUnit,
    sasaran: Sasaran,
    code: str,
    name: str,
    computation: dict[str, Any],
    reason: str = "",
    **sheet: Any,
) -> Indicator:
    unknown = set(sheet) - set(SHEET_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    indicator = Indicator(unit=unit, sasaran=sasaran, code=code.strip(), name=name.strip(), **sheet)
    indicator.full_clean(exclude=["current_version"])
    _check_sheet(indicator)
    stored = _check_computation(unit=unit, code=indicator.code, name=indicator.name, computation=computation)
    indicator.save()
    version = IndicatorVersion.objects.create(
        indicator=indicator,
        number=1,
        definition=stored,
        reason=reason or _("First version."),
        created_by=actor,
    )
    Indicator.objects.filter(pk=indicator.pk).update(current_version=version)
    indicator.current_version = version
    return indicator


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, expected_version: int, **sheet: Any) -> Indicator:
    """Change the sheet (texts, objective, cascade); the formula changes only through indicator_define."""
    unknown = set(sheet) - set(SHEET_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    for name, value in sheet.items():
        setattr(indicator, name, value)
    _check_sheet(indicator)
    return update_versioned(indicator, expected_version=expected_version, fields=sheet)


@transaction.atomic
def indicator_define(
    *, actor: Any, indicator: Indicator, expected_version: int, computation: dict[str, Any], reason: str
) -> IndicatorVersion:
    """Save a new formula version; an unchanged computation keeps the current version."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the formula changes; the reason stays in its history.")})
    stored = _check_computation(
        unit=indicator.unit,
        code=indicator.code,
        name=indicator.name,
        computation=computation,
        exclude_pk=indicator.pk,
    )
    current = indicator.current_version
    if current is not None and current.definition == stored:
        return current
    indicator = update_versioned(indicator, expected_version=expected_version, fields={})
    number = (current.number if current else 0) + 1
    version = IndicatorVersion.objects.create(
        indicator=indicator, number=number, definition=stored, reason=reason.strip(), created_by=actor
    )
    Indicator.objects.filter(pk=indicator.pk).update(current_version=version)
    indicator.current_version = version
    return version


@transaction.atomic
def evidence_requirements_set(
    *, indicator: Indicator, items: list[dict[str, Any]]
) -> list[EvidenceRequirement]:
    """Replace the list of evidence documents; units see the new list from their next entry on."""
    allowed = set(EvidenceKind.values)
    rows = []
    for order, item in enumerate(items):
        kinds = list(item.get("kinds") or [EvidenceKind.FILE])
        if not set(kinds) <= allowed:
            raise ValidationError({"kinds": _("Evidence is accepted as file, link or text.")})
        name = str(item.get("name", "")).strip()
        if not name:
            raise ValidationError({"name": _("Each evidence document needs a name.")})
        rows.append(
            EvidenceRequirement(
                indicator=indicator,
                name=name[:255],
                kinds=kinds,
                required=bool(item.get("required", True)),
                sort_order=order,
            )
        )
    EvidenceRequirement.objects.filter(indicator=indicator).delete()
    return EvidenceRequirement.objects.bulk_create(rows)


@transaction.atomic
def pic_assign(
    *, indicator: Indicator, user: Any, start_date: datetime.date, note: str = ""
) -> PicAssignment:
    """Hand an indicator to a person from a date; the previous person's assignment ends the day before."""
    for previous in PicAssignment.objects.filter(
        indicator=indicator, end_date__isnull=True, start_date__lt=start_date
    ):
        previous.end_date = start_date - datetime.timedelta(days=1)
        previous.save(update_fields=["end_date"])
    assignment = PicAssignment(indicator=indicator, user=user, start_date=start_date, note=note)
    assignment.full_clean()
    assignment.save()
    return assignment


def indicator_compute(
    *, indicator: Indicator, payload: Any, ref_resolver: PeriodRefResolver | None = None
) -> dict[str, PeriodResult]:
    """Compute periods from given inputs with the current formula (engine errors propagate)."""
    return compiled_definition(indicator).compute(payload, ref_resolver=ref_resolver)
