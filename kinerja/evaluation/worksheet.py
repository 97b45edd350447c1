"""The worksheet as data: read a regulation's LKE from JSON, check it, write it, and read it back
as the pure specs `scoring` works on.

`worksheet_write` takes the model classes as arguments so the data migration that ships
PermenPANRB 88/2021 and the `kinerja lke_load` command share one writer.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import scoring

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = DATA / "permenpanrb-88-2021.json"
KINDS = ("pemenuhan", "kualitas", "pemanfaatan")


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({where: _("Not a number: %(value)s") % {"value": value}}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({where: _("Not a number: %(value)s") % {"value": value}})
    return number


def _field(item: Any, key: str, where: str) -> Any:
    """item[key], or a refusal naming where it is missing (a hand-edited file may lack anything)."""
    if not isinstance(item, dict) or key not in item:
        raise ValidationError({f"{where}.{key}" if where else key: _("Missing.")})
    return item[key]


def _list(item: Any, key: str, where: str) -> list[Any]:
    value = _field(item, key, where)
    if not isinstance(value, list):
        raise ValidationError({f"{where}.{key}" if where else key: _("A list is expected.")})
    return value


def _unique(codes: list[str], where: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ValidationError({where: _("The code %(code)s is used twice.") % {"code": code}})
        seen.add(code)


def worksheet_check(data: dict[str, Any]) -> None:
    """Refuse a worksheet whose weights do not add up, whose criteria name an unknown scale or
    whose codes repeat (scores are keyed by criterion code across the whole worksheet)."""
    if not isinstance(data, dict):
        raise ValidationError({"worksheet": _("A JSON object is expected.")})
    for key in ("code", "title", "regulation", "valid_from"):
        _field(data, key, "")
    try:
        int(data["valid_from"])
    except (TypeError, ValueError):
        raise ValidationError({"valid_from": _("A year is expected.")}) from None
    scales = {}
    for scale in _list(data, "scales", ""):
        where = f"scales.{_field(scale, 'code', 'scales')}"
        _field(scale, "name", where)
        options = _list(scale, "options", where)
        for option in options:
            _field(option, "label", where)
        values = [_decimal(_field(o, "value", where), where) for o in options]
        if not values or any(v > 1 for v in values):
            raise ValidationError({where: _("Option values lie between 0 and 1.")})
        _unique([_field(o, "code", where) for o in options], where)
        scales[scale["code"]] = values
    _unique([s["code"] for s in data["scales"]], "scales")
    grades = _list(data, "grades", "")
    floors = [_field(g, "above", "grades") for g in grades]
    if floors.count(None) != 1:
        raise ValidationError({"grades": _("Exactly one grade has no floor (the lowest).")})
    for floor in floors:
        if floor is not None:
            _decimal(floor, "grades")
    _unique([_field(g, "grade", "grades") for g in grades], "grades")
    total = Decimal(0)
    criteria_codes: list[str] = []
    components = _list(data, "components", "")
    _unique([_field(c, "code", "components") for c in components], "components")
    for component in components:
        where = f"components.{component['code']}"
        _field(component, "name", where)
        weight = _decimal(_field(component, "weight", where), where)
        total += weight
        subs = _list(component, "subcomponents", where)
        _unique([_field(s, "code", where) for s in subs], where)
        if sum((_decimal(_field(s, "weight", where), where) for s in subs), Decimal(0)) != weight:
            raise ValidationError({where: _("The sub-components' weights do not add up to the component's.")})
        for sub in subs:
            sub_where = f"{where}.{sub['code']}"
            _field(sub, "name", sub_where)
            if _field(sub, "kind", sub_where) not in KINDS:
                raise ValidationError({sub_where: _("Unknown kind %(kind)s.") % {"kind": sub["kind"]}})
            if not _list(sub, "criteria", sub_where):
                raise ValidationError({sub_where: _("A sub-component needs criteria.")})
            for criterion in sub["criteria"]:
                code = _field(criterion, "code", sub_where)
                _field(criterion, "text", f"{sub_where}.{code}")
                if _field(criterion, "scale", f"{sub_where}.{code}") not in scales:
                    raise ValidationError(
                        {code: _("Unknown answer scale %(scale)s.") % {"scale": criterion["scale"]}}
                    )
                criteria_codes.append(code)
    _unique(criteria_codes, "criteria")
    if total != 100:
        raise ValidationError(
            {"components": _("The components' weights add up to %(total)s, not 100.") % {"total": total}}
        )


def worksheet_write(data: dict[str, Any], *, models: dict[str, Any], status: str) -> Any:
    """Create the worksheet and everything in it; `models` maps model names to classes."""
    worksheet_check(data)
    worksheet = models["Worksheet"].objects.create(
        code=data["code"],
        title=data["title"],
        regulation=data["regulation"],
        valid_from=int(data["valid_from"]),
        status=status,
        note=data.get("note", ""),
    )
    scales = {}
    for scale in data["scales"]:
        row = models["AnswerScale"].objects.create(
            worksheet=worksheet, code=scale["code"], name=scale["name"]
        )
        for order, option in enumerate(scale["options"]):
            models["AnswerOption"].objects.create(
                scale=row,
                code=option["code"],
                label=option["label"],
                value=Decimal(str(option["value"])),
                order=order,
            )
        scales[scale["code"]] = row
    for grade in data["grades"]:
        above = grade["above"]
        models["GradeBand"].objects.create(
            worksheet=worksheet,
            grade=grade["grade"],
            above=None if above is None else Decimal(str(above)),
            label=grade.get("label", ""),
        )
    for c_order, component in enumerate(data["components"]):
        c_row = models["Component"].objects.create(
            worksheet=worksheet,
            code=component["code"],
            name=component["name"],
            weight=Decimal(str(component["weight"])),
            order=c_order,
        )
        for s_order, sub in enumerate(component["subcomponents"]):
            s_row = models["SubComponent"].objects.create(
                component=c_row,
                code=sub["code"],
                kind=sub["kind"],
                name=sub["name"],
                weight=Decimal(str(sub["weight"])),
                order=s_order,
            )
            models["Criterion"].objects.bulk_create(
                models["Criterion"](
                    subcomponent=s_row,
                    code=criterion["code"],
                    text=criterion["text"],
                    guidance=criterion.get("guidance", ""),
                    scale=scales[criterion["scale"]],
                    proof=criterion.get("proof", ""),
                    order=k_order,
                )
                for k_order, criterion in enumerate(sub["criteria"])
            )
    return worksheet


def shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return data


MODEL_NAMES = (
    "Worksheet",
    "AnswerScale",
    "AnswerOption",
    "GradeBand",
    "Component",
    "SubComponent",
    "Criterion",
)


def shipped_worksheet() -> Any:
    """The worksheet the migration ships, written again where it is missing (a test database that
    a transactional test flushed), so the demo and the browser tests can rely on it."""
    from . import models

    data = shipped_data()
    found = models.Worksheet.objects.filter(code=data["code"]).first()
    if found is not None:
        return found
    return worksheet_write(data, models={n: getattr(models, n) for n in MODEL_NAMES}, status="active")


def specs(worksheet: Any) -> tuple[list[scoring.ComponentSpec], list[scoring.Band]]:
    """The worksheet as `scoring` reads it (three queries)."""
    from .models import Criterion, GradeBand, SubComponent

    criteria: dict[int, list[str]] = {}
    for sub_id, code in Criterion.objects.filter(subcomponent__component__worksheet=worksheet).values_list(
        "subcomponent_id", "code"
    ):
        criteria.setdefault(sub_id, []).append(code)
    by_component: dict[int, list[scoring.SubSpec]] = {}
    weights: dict[int, tuple[int, str, Decimal]] = {}
    for sub in SubComponent.objects.filter(component__worksheet=worksheet).select_related("component"):
        by_component.setdefault(sub.component_id, []).append(
            scoring.SubSpec(sub.code, sub.weight, criteria.get(sub.pk, []))
        )
        weights[sub.component_id] = (sub.component.order, sub.component.code, sub.component.weight)
    components = [
        scoring.ComponentSpec(weights[cid][1], weights[cid][2], subs)
        for cid, subs in sorted(by_component.items(), key=lambda item: weights[item[0]])
    ]
    bands = [scoring.Band(b.grade, b.above) for b in GradeBand.objects.filter(worksheet=worksheet)]
    return components, bands
