"""Writes of the worksheet as versioned data: import a regulation's LKE, copy a version to amend it,
put a version in force, complete a criterion's text.

A worksheet is amended only as a DRAFT that no evaluation uses: an evaluation keeps the version it
started with, so changing that version would change signed scores. Only administrators write;
`actor=None` is the server itself (the `kinerja lke_load` command, run by whoever holds the server).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kinerja.accounts.access import is_administrator

from . import worksheet as lke
from .models import (
    AnswerOption,
    AnswerScale,
    Component,
    Criterion,
    Evaluation,
    GradeBand,
    SubComponent,
    Worksheet,
    WorksheetStatus,
)

MODELS = {
    model.__name__: model
    for model in (Worksheet, AnswerScale, AnswerOption, GradeBand, Component, SubComponent, Criterion)
}
YEARS = range(2000, 2201)


def _require_administrator(actor: Any) -> None:
    if actor is not None and not is_administrator(actor):
        raise PermissionDenied(_("Only an administrator changes the evaluation worksheet."))


def _check_new(data: dict[str, Any]) -> None:
    lke.worksheet_check(data)
    if int(data["valid_from"]) not in YEARS:
        raise ValidationError({"valid_from": _("Give a year from 2000 to 2200.")})
    if Worksheet.objects.filter(code=data["code"]).exists():
        raise ValidationError(
            {"code": _("A worksheet with the code %(code)s exists already.") % {"code": data["code"]}}
        )


def _require_amendable(worksheet: Worksheet, field: str) -> None:
    if worksheet.status != WorksheetStatus.DRAFT:
        raise ValidationError(
            {
                field: _("The worksheet %(code)s is not a draft: copy it to a new version to amend it.")
                % {"code": worksheet.code}
            }
        )
    if Evaluation.objects.filter(worksheet=worksheet).exists():
        raise ValidationError(
            {
                field: _("The worksheet %(code)s is used by an evaluation and can no longer change.")
                % {"code": worksheet.code}
            }
        )


def worksheet_data(worksheet: Worksheet) -> dict[str, Any]:
    """The worksheet in the JSON shape `lke_load` reads, so a copy goes through the one writer."""
    scales = AnswerScale.objects.filter(worksheet=worksheet).prefetch_related("options")
    components = Component.objects.filter(worksheet=worksheet).prefetch_related(
        "subcomponents__criteria__scale"
    )
    return {
        "code": worksheet.code,
        "title": worksheet.title,
        "regulation": worksheet.regulation,
        "valid_from": worksheet.valid_from,
        "note": worksheet.note,
        "scales": [
            {
                "code": scale.code,
                "name": scale.name,
                "options": [
                    {"code": o.code, "label": o.label, "value": str(o.value)} for o in scale.options.all()
                ],
            }
            for scale in scales
        ],
        "grades": [
            {"grade": g.grade, "above": None if g.above is None else str(g.above), "label": g.label}
            for g in GradeBand.objects.filter(worksheet=worksheet).order_by(F("above").desc(nulls_last=True))
        ],
        "components": [
            {
                "code": component.code,
                "name": component.name,
                "weight": str(component.weight),
                "subcomponents": [
                    {
                        "code": sub.code,
                        "kind": sub.kind,
                        "name": sub.name,
                        "weight": str(sub.weight),
                        "criteria": [
                            {
                                "code": c.code,
                                "text": c.text,
                                "guidance": c.guidance,
                                "scale": c.scale.code,
                                "proof": c.proof,
                            }
                            for c in sub.criteria.all()
                        ],
                    }
                    for sub in component.subcomponents.all()
                ],
            }
            for component in components
        ],
    }


@transaction.atomic
def worksheet_import(*, actor: Any, data: dict[str, Any]) -> Worksheet:
    """A regulation's LKE from its JSON, as a DRAFT: it is checked and read before it is in force."""
    _require_administrator(actor)
    _check_new(data)
    worksheet: Worksheet = lke.worksheet_write(data, models=MODELS, status=WorksheetStatus.DRAFT)
    return worksheet


@transaction.atomic
def worksheet_copy(*, actor: Any, worksheet: Worksheet, code: str, title: str, valid_from: int) -> Worksheet:
    """A new DRAFT version with everything of `worksheet`, to amend (texts, weights by re-import)."""
    _require_administrator(actor)
    if not code.strip():
        raise ValidationError({"code": _("Give the new version a code.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the new version a title.")})
    data = {
        **worksheet_data(worksheet),
        "code": code.strip(),
        "title": title.strip(),
        "valid_from": valid_from,
    }
    _check_new(data)
    copy: Worksheet = lke.worksheet_write(data, models=MODELS, status=WorksheetStatus.DRAFT)
    return copy


@transaction.atomic
def worksheet_activate(*, actor: Any, worksheet: Worksheet) -> Worksheet:
    """Put a DRAFT in force; the version in force from the same year is retired (evaluations that
    started with it keep it)."""
    _require_administrator(actor)
    worksheet = Worksheet.objects.select_for_update(of=("self",)).get(pk=worksheet.pk)
    if worksheet.status != WorksheetStatus.DRAFT:
        raise ValidationError(
            {
                "status": _("Only a draft is put in force; %(code)s is %(status)s.")
                % {"code": worksheet.code, "status": worksheet.get_status_display()}
            }
        )
    texts = Criterion.objects.filter(subcomponent__component__worksheet=worksheet).values_list("code", "text")
    for code, text in texts:
        if not text.strip():
            raise ValidationError({"text": _("The criterion %(code)s has no text yet.") % {"code": code}})
    for previous in Worksheet.objects.select_for_update(of=("self",)).filter(
        status=WorksheetStatus.ACTIVE, valid_from=worksheet.valid_from
    ):
        previous.status = WorksheetStatus.RETIRED
        previous.save(update_fields=["status"])
    worksheet.status = WorksheetStatus.ACTIVE
    worksheet.save(update_fields=["status"])
    return worksheet


@transaction.atomic
def criterion_update(*, actor: Any, criterion: Criterion, text: str, guidance: str) -> Criterion:
    """An administrator completes a draft's criterion text and guidance."""
    _require_administrator(actor)
    criterion = (
        Criterion.objects.select_for_update(of=("self",))
        .select_related("subcomponent__component__worksheet")
        .get(pk=criterion.pk)
    )
    _require_amendable(criterion.subcomponent.component.worksheet, "text")
    if not text.strip():
        raise ValidationError({"text": _("A criterion needs a text.")})
    criterion.text = text.strip()
    criterion.guidance = guidance.strip()
    criterion.full_clean()
    criterion.save(update_fields=["text", "guidance"])
    return criterion
