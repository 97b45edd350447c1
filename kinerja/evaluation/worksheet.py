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


def worksheet_check(data: dict[str, Any]) -> None:
    """Refuse a worksheet whose weights do not add up or whose criteria name an unknown scale."""
    for key in ("code", "title", "regulation", "valid_from", "scales", "grades", "components"):
        if key not in data:
            raise ValidationError({key: _("Missing.")})
    scales = {}
    for scale in data["scales"]:
        values = [_decimal(o["value"], f"scales.{scale['code']}") for o in scale["options"]]
        if not values or any(v > 1 for v in values):
            raise ValidationError({f"scales.{scale['code']}": _("Option values lie between 0 and 1.")})
        scales[scale["code"]] = values
    floors = [g["above"] for g in data["grades"]]
    if floors.count(None) != 1:
        raise ValidationError({"grades": _("Exactly one grade has no floor (the lowest).")})
    total = Decimal(0)
    for component in data["components"]:
        where = f"components.{component['code']}"
        weight = _decimal(component["weight"], where)
        total += weight
        subs = component["subcomponents"]
        if sum((_decimal(s["weight"], where) for s in subs), Decimal(0)) != weight:
            raise ValidationError({where: _("The sub-components' weights do not add up to the component's.")})
        for sub in subs:
            if sub["kind"] not in KINDS:
                raise ValidationError(
                    {f"{where}.{sub['code']}": _("Unknown kind %(kind)s.") % {"kind": sub["kind"]}}
                )
            if not sub["criteria"]:
                raise ValidationError({f"{where}.{sub['code']}": _("A sub-component needs criteria.")})
            for criterion in sub["criteria"]:
                if criterion["scale"] not in scales:
                    raise ValidationError(
                        {
                            criterion["code"]: _("Unknown answer scale %(scale)s.")
                            % {"scale": criterion["scale"]}
                        }
                    )
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
