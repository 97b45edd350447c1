"""Writes of the validation service: the matrix, the validators, the verdicts, the worksheet, and
the finish once the worksheet is signed (the catalogue, the PK and the Nota Dinas).

The matrix is the unit's proposal: it is written while the request waits for its requirements
or is back with the unit. Once in service it is frozen and changes are made through verdicts
("diperbaiki" with the agreed text), so the worksheet shows what was proposed and what was agreed.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can, roles_of
from kinerja.accounts.models import Role, RoleAssignment
from kinerja.catalog import services as catalog_services
from kinerja.catalog.models import Indicator, IndicatorKind, Sasaran, SasaranKind, TargetAspect
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.notifications.recipients import unit_staff
from kinerja.notifications.services import notification_send
from kinerja.organization.models import UnitKind
from kinerja.planning import services as planning_services
from kinerja.planning.models import Agreement, AgreementStatus
from kinerja.planning.periods import QUARTERS
from kinerja.workflows import services as workflow_services
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest

from .models import (
    ACCEPTED,
    IndicatorProposal,
    NotaDinas,
    Polarity,
    Validator,
    ValidatorCall,
    ValidatorSide,
    Verdict,
)

WORKSHEET_KIND = "worksheet:validasi"
MATRIX_STATUSES = (RequestStatus.AWAITING, RequestStatus.RETURNED)
VALIDATOR_STATUSES = (RequestStatus.AWAITING, RequestStatus.IN_SERVICE, RequestStatus.RETURNED)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# The classification part of the number (SJ.1: Sekretariat Jenderal, Biro Perencanaan; PR.110:
# perencanaan program). A deployment with another code sets KINERJA_NOTA_DINAS_CODE.
NOTA_DINAS_CODE = "SJ.1/PR.110"
TEXT_LIMIT = 10_000
NAME_LIMIT = 1_000  # the catalogue's indicator name, which the formula engine also reads
SASARAN_KIND = {
    UnitKind.KEMENTERIAN: SasaranKind.STRATEGIS,
    UnitKind.ESELON_1: SasaranKind.PROGRAM,
}
SASARAN_PREFIX = {SasaranKind.STRATEGIS: "SS", SasaranKind.PROGRAM: "SP", SasaranKind.KEGIATAN: "SK"}


# --- who may do what -----------------------------------------------------------------------------


def _require_validasi(request: ServiceRequest) -> None:
    if request.kind != ServiceKind.VALIDASI:
        raise ValidationError({"request": _("This is not a validation request.")})


def writes_matrix(user: Any, request: ServiceRequest) -> bool:
    """The unit's own staff and Biro Perencanaan's officers write the matrix (when it is open)."""
    return can(user, Action.CHANGE, request.unit) or can(user, Action.SERVE, request.unit)


def may_edit_matrix(user: Any, request: ServiceRequest) -> bool:
    return request.status in MATRIX_STATUSES and writes_matrix(user, request)


def is_validator(user: Any, request: ServiceRequest) -> bool:
    return bool(getattr(user, "pk", None)) and request.validators.filter(user=user).exists()


def may_judge(user: Any, request: ServiceRequest) -> bool:
    """Officers and the request's own validators give verdicts; while the request is in service."""
    return can(user, Action.SERVE, request.unit) or is_validator(user, request)


def _require_matrix(actor: Any, request: ServiceRequest) -> None:
    _require_validasi(request)
    if not writes_matrix(actor, request):
        raise PermissionDenied
    if request.status not in MATRIX_STATUSES:
        raise ValidationError(
            {
                "__all__": _(
                    "The matrix is changed while the request waits for its requirements or is back "
                    "with the unit; in service, changes are made through the verdicts."
                )
            }
        )


def _require_serve(actor: Any, request: ServiceRequest) -> None:
    _require_validasi(request)
    if not can(actor, Action.SERVE, request.unit):
        raise PermissionDenied


# --- cleaning what is typed or sent --------------------------------------------------------------


def number(value: Any, *, field: str, label: str) -> Decimal | None:
    """A target as typed, sent or read from a cell: empty is none; otherwise a number above zero."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        parsed = Decimal("NaN")
    else:
        try:
            parsed = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            parsed = Decimal("NaN")
    if not parsed.is_finite() or abs(parsed) >= Decimal(10) ** 15:
        raise ValidationError(
            {field: _("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": value}}
        )
    if parsed <= 0:
        raise ValidationError(
            {
                field: _(
                    "%(label)s must be above zero: the achievement is the realisation measured against it."
                )
                % {"label": label}
            }
        )
    return parsed.quantize(Decimal("0.0001"))


def _quarters(value: Any, *, field: str) -> dict[str, str]:
    if value in (None, "", {}):
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError({field: _("Give the quarterly targets as TW1 to TW4.")})
    unknown = sorted(str(key) for key in value if key not in QUARTERS)
    if unknown:
        raise ValidationError(
            {field: _("Quarters are TW1 to TW4, not %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    result = {}
    for quarter in QUARTERS:
        parsed = number(value.get(quarter), field=field, label=quarter)
        if parsed is not None:
            result[quarter] = _plain(parsed)
    return result


def _plain(value: Decimal) -> str:
    """80, not 80.0000: how a target is stored in JSON and shown."""
    return f"{value.normalize():f}"


def _text(value: Any, *, field: str, label: str, required: bool = False, limit: int = TEXT_LIMIT) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s is required.") % {"label": label}})
    if len(text) > limit:
        raise ValidationError(
            {field: _("%(label)s is longer than %(limit)s characters.") % {"label": label, "limit": limit}}
        )
    return text


def _choice(value: Any, choices: Iterable[str], *, field: str, label: str, blank: bool = False) -> str:
    text = str(value or "").strip()
    if blank and not text:
        return ""
    allowed = list(choices)
    if text not in allowed:
        raise ValidationError(
            {
                field: _("%(label)s must be one of: %(choices)s.")
                % {"label": label, "choices": ", ".join(allowed)}
            }
        )
    return text


def proposal_clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of one proposal, checked; errors name the field. The import uses it per row."""
    return {
        "sasaran": _text(values.get("sasaran"), field="sasaran", label=_("Objective"), required=True),
        "kind": _choice(
            values.get("kind") or IndicatorKind.IK, IndicatorKind.values, field="kind", label=_("Kind")
        ),
        "name": _text(
            values.get("name"), field="name", label=_("Indicator"), required=True, limit=NAME_LIMIT
        ),
        "definition": _text(values.get("definition"), field="definition", label=_("Definition")),
        "formula": _text(values.get("formula"), field="formula", label=_("Formula")),
        "measure_unit": _text(
            values.get("measure_unit"), field="measure_unit", label=_("Unit of measure"), limit=100
        ),
        "target": number(values.get("target"), field="target", label=_("Target")),
        "quarter_targets": _quarters(values.get("quarter_targets"), field="quarter_targets"),
        "polarity": _choice(
            values.get("polarity") or Polarity.MAXIMIZE,
            Polarity.values,
            field="polarity",
            label=_("Polarity"),
        ),
        "target_aspect": _choice(
            values.get("target_aspect"),
            TargetAspect.values,
            field="target_aspect",
            label=_("Target aspect"),
            blank=True,
        ),
    }


# --- the matrix ----------------------------------------------------------------------------------


def _history(instance: Any, actor: Any) -> None:
    instance._history_user = actor if getattr(actor, "pk", None) else None


@transaction.atomic
def proposal_save(
    *,
    actor: Any,
    request: ServiceRequest,
    proposal: IndicatorProposal | None = None,
    expected_version: int | None = None,
    **values: Any,
) -> IndicatorProposal:
    """Add a row to the matrix, or change one (naming the row_version the editor loaded)."""
    _require_matrix(actor, request)
    unknown = set(values) - {
        "sasaran",
        "kind",
        "name",
        "definition",
        "formula",
        "measure_unit",
        "target",
        "quarter_targets",
        "polarity",
        "target_aspect",
    }
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    cleaned = proposal_clean(values)
    if proposal is None:
        last = request.proposals.aggregate(last=Max("sort_order"))["last"] or 0
        proposal = IndicatorProposal(request=request, sort_order=last + 1, **cleaned)
        proposal.full_clean()
        _history(proposal, actor)
        proposal.save()
        return proposal
    if proposal.request_id != request.pk:
        raise PermissionDenied
    if expected_version is None:
        raise ValidationError({"row_version": _("Name the version of the row you edited.")})
    _history(proposal, actor)
    return update_versioned(proposal, expected_version=expected_version, fields=cleaned)


@transaction.atomic
def proposal_delete(*, actor: Any, proposal: IndicatorProposal) -> None:
    request = proposal.request
    _require_matrix(actor, request)
    _history(proposal, actor)
    proposal.delete()
    for index, row in enumerate(request.proposals.order_by("sort_order", "pk"), start=1):
        if row.sort_order != index:
            IndicatorProposal.objects.filter(pk=row.pk).update(sort_order=index)


@transaction.atomic
def proposals_import(
    *, actor: Any, request: ServiceRequest, file: IO[bytes] | bytes
) -> list[IndicatorProposal]:
    """Replace the matrix with the rows of a filled template: all of them, or none.

    Every refused cell is reported (sheet, row, column and why) under `file`.
    """
    from .excel import matrix_parse

    _require_matrix(actor, request)
    data = file if isinstance(file, bytes) else file.read()
    rows, problems = matrix_parse(data)
    if problems:
        raise ValidationError({"file": problems})
    if not rows:
        raise ValidationError({"file": _("The file has no proposal rows.")})
    for old in request.proposals.all():
        _history(old, actor)
        old.delete()
    created = []
    for index, values in enumerate(rows, start=1):
        proposal = IndicatorProposal(request=request, sort_order=index, **values)
        proposal.full_clean()
        _history(proposal, actor)
        proposal.save()
        created.append(proposal)
    return created


def missing_fields(proposal: IndicatorProposal) -> list[str]:
    """What the matrix still lacks in a row, for the requirement's detail."""
    labels = {
        "name": _("indicator"),
        "definition": _("definition"),
        "formula": _("formula"),
        "target": _("target"),
    }
    return [
        str(label)
        for name, label in labels.items()
        if getattr(proposal, name) in (None, "") or str(getattr(proposal, name)).strip() == ""
    ]


# --- validators ----------------------------------------------------------------------------------


def inspectors() -> list[Any]:
    """The Inspectorate General's inspectors in post today; Biro Perencanaan asks them for validators."""
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(
            role=Role.INSPECTOR, is_active=True, user__is_active=True, unit__is_active=True
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("user")
    )
    return list({a.user_id: a.user for a in assignments}.values())


def _validators_url(request: ServiceRequest) -> str:
    return reverse("validation:validators", kwargs={"number": request.number})


@transaction.atomic
def validators_request(*, actor: Any, request: ServiceRequest, note: str = "") -> ValidatorCall:
    """Biro Perencanaan asks the Inspectorate General to name validators; its inspectors are told."""
    _require_serve(actor, request)
    if request.status not in VALIDATOR_STATUSES:
        raise ValidationError({"__all__": _("Validators are asked for before the worksheet goes out.")})
    call = ValidatorCall(request=request, asked_by=actor, note=_text(note, field="note", label=_("Note")))
    _history(call, actor)
    call.save()
    with translation.override(settings.LANGUAGE_CODE):
        values = {"number": request.number, "unit": request.unit.name, "year": request.year}
        body = (
            _("Biro Perencanaan asks the Inspectorate General to name validators for %(unit)s (%(year)s).")
            % values
        )
        if call.note:
            body += "\n" + call.note
        notification_send(
            users=inspectors(),
            event_key=f"validasi-validators:{call.pk}",
            title=_("Validators asked for %(number)s") % values,
            body=body,
            url=_validators_url(request),
        )
    return call


@transaction.atomic
def validator_assign(*, actor: Any, request: ServiceRequest, user: Any, side: str) -> Validator:
    """Name a validator: an inspector for the Itjen side, a planner for Biro Perencanaan's."""
    _require_serve(actor, request)
    if request.status not in VALIDATOR_STATUSES:
        raise ValidationError({"__all__": _("Validators are named before the worksheet goes out.")})
    side = _choice(side, ValidatorSide.values, field="side", label=_("Side"))
    if user is None or not user.is_active:
        raise ValidationError({"user": _("Choose an active person.")})
    needed = Role.INSPECTOR if side == ValidatorSide.ITJEN else Role.PLANNER
    if needed not in roles_of(user):
        raise ValidationError(
            {
                "user": _("An Itjen validator must be an inspector.")
                if side == ValidatorSide.ITJEN
                else _("A Biro Perencanaan validator must be a planner.")
            }
        )
    if request.validators.filter(user=user).exists():
        raise ValidationError(
            {"user": _("%(name)s is already a validator of this request.") % {"name": user}}
        )
    validator = Validator(request=request, user=user, side=side, assigned_by=actor)
    _history(validator, actor)
    validator.save()
    with translation.override(settings.LANGUAGE_CODE):
        values = {"number": request.number, "unit": request.unit.name}
        notification_send(
            users=[user],
            event_key=f"validasi-validator:{validator.pk}",
            title=_("You validate %(number)s") % values,
            body=_("You are a validator of the indicators proposed by %(unit)s.") % values,
            url=reverse("validation:session", kwargs={"number": request.number}),
        )
    return validator


@transaction.atomic
def validator_remove(*, actor: Any, validator: Validator) -> None:
    request = validator.request
    _require_serve(actor, request)
    if request.status not in VALIDATOR_STATUSES:
        raise ValidationError(
            {"__all__": _("The validators sign the worksheet; they are fixed once it is out.")}
        )
    _history(validator, actor)
    validator.delete()


# --- verdicts ------------------------------------------------------------------------------------


def _same(agreed: Any, proposed: Any) -> bool:
    if isinstance(agreed, str):
        return " ".join(agreed.split()) == " ".join(str(proposed or "").split())
    return bool(agreed == proposed)


@transaction.atomic
def proposal_verdict(
    *,
    actor: Any,
    proposal: IndicatorProposal,
    verdict: str,
    expected_version: int,
    agreed_name: str = "",
    agreed_definition: str = "",
    agreed_formula: str = "",
    agreed_measure_unit: str = "",
    agreed_target: Any = None,
    agreed_quarter_targets: Mapping[str, Any] | None = None,
    reason: str = "",
) -> IndicatorProposal:
    """The session's word on one proposal. "diperbaiki" keeps only what differs from the proposal;
    "ditolak" needs a reason."""
    request = proposal.request
    _require_validasi(request)
    if not may_judge(actor, request):
        raise PermissionDenied
    if request.status != RequestStatus.IN_SERVICE:
        raise ValidationError({"verdict": _("Verdicts are given while the request is in service.")})
    verdict = _choice(verdict, Verdict.values, field="verdict", label=_("Verdict"))
    reason = _text(reason, field="reason", label=_("Reason"))
    agreed: dict[str, Any] = {
        "agreed_name": "",
        "agreed_definition": "",
        "agreed_formula": "",
        "agreed_measure_unit": "",
        "agreed_target": None,
        "agreed_quarter_targets": {},
    }
    if verdict == Verdict.DIPERBAIKI:
        given = {
            "agreed_name": _text(
                agreed_name, field="agreed_name", label=_("Agreed indicator"), limit=NAME_LIMIT
            ),
            "agreed_definition": _text(
                agreed_definition, field="agreed_definition", label=_("Agreed definition")
            ),
            "agreed_formula": _text(agreed_formula, field="agreed_formula", label=_("Agreed formula")),
            "agreed_measure_unit": _text(
                agreed_measure_unit, field="agreed_measure_unit", label=_("Agreed unit of measure"), limit=100
            ),
            "agreed_target": number(agreed_target, field="agreed_target", label=_("Agreed target")),
            "agreed_quarter_targets": _quarters(agreed_quarter_targets, field="agreed_quarter_targets"),
        }
        for name, value in given.items():
            if value not in ("", None, {}) and not _same(
                value, getattr(proposal, name.removeprefix("agreed_"))
            ):
                agreed[name] = value
        if all(value in ("", None, {}) for value in agreed.values()):
            raise ValidationError(
                {
                    "agreed_name": _(
                        "Give the agreed text: what differs from the proposal (indicator, definition, "
                        "formula, unit of measure or target). Nothing differs? Then it is accepted as "
                        "proposed."
                    )
                }
            )
    if verdict == Verdict.DITOLAK and not reason:
        raise ValidationError({"reason": _("Say why the proposal is rejected.")})
    judged = verdict != Verdict.PENDING
    _history(proposal, actor)
    return update_versioned(
        proposal,
        expected_version=expected_version,
        fields={
            "verdict": verdict,
            **agreed,
            "reason": reason,
            "verdict_by": actor if judged else None,
            "verdict_at": timezone.now() if judged else None,
        },
    )


# --- the worksheet -------------------------------------------------------------------------------


def representatives(request: ServiceRequest) -> list[Any]:
    """Who may sign for the unit: its operators and unit heads in post today."""
    return unit_staff([request.unit_id], timezone.localdate()).get(request.unit_id, [])


def capacity(side: str, request: ServiceRequest) -> str:
    """How each signer is named on the worksheet (in the site language, as the document is)."""
    with translation.override(settings.LANGUAGE_CODE):
        if side == ValidatorSide.BIRO:
            return _("Validator, Biro Perencanaan")
        if side == ValidatorSide.ITJEN:
            return _("Validator, Inspectorate General")
        return _("Representative of %(unit)s") % {"unit": request.unit.name}


def worksheet_problems(request: ServiceRequest) -> list[str]:
    """What still stands in the way of the worksheet (the page shows it before the officer tries)."""
    problems = []
    proposals = list(request.proposals.all())
    if not proposals:
        problems.append(_("The matrix has no proposal."))
    pending = [str(p.sort_order) for p in proposals if p.verdict == Verdict.PENDING]
    if pending:
        problems.append(
            _("These proposals have no verdict yet: no. %(rows)s.") % {"rows": ", ".join(pending)}
        )
    unitless = [str(p.sort_order) for p in proposals if p.verdict in ACCEPTED and not p.final_measure_unit]
    if unitless:
        problems.append(
            _(
                "Accepted proposals no. %(rows)s have no unit of measure (satuan); give it through the "
                "verdict “diperbaiki”."
            )
            % {"rows": ", ".join(unitless)}
        )
    untargeted = [str(p.sort_order) for p in proposals if p.verdict in ACCEPTED and p.final_target is None]
    if untargeted:
        problems.append(
            _("Accepted proposals no. %(rows)s have no target.") % {"rows": ", ".join(untargeted)}
        )
    sides = set(request.validators.values_list("side", flat=True))
    if ValidatorSide.BIRO not in sides:
        problems.append(_("Name at least one validator of Biro Perencanaan."))
    if ValidatorSide.ITJEN not in sides:
        problems.append(_("Name at least one validator of the Inspectorate General."))
    return problems


@transaction.atomic
def validation_worksheet_issue(
    *, actor: Any, request: ServiceRequest, representative: Any, expected_version: int
) -> ServiceRequest:
    """Render the Lembar Kerja Validasi Indikator and send it out for signature: the validators of
    Biro Perencanaan, those of Itjen, then the unit's representative."""
    from kinerja.signatures.services import document_create

    from .documents import worksheet_pdf

    _require_serve(actor, request)
    if request.status != RequestStatus.IN_SERVICE:
        raise ValidationError({"__all__": _("The worksheet is issued while the request is in service.")})
    if request.row_version != expected_version:
        raise ConcurrentEditError()
    problems = worksheet_problems(request)
    if problems:
        raise ValidationError({"__all__": problems})
    if representative is None or representative.pk not in {u.pk for u in representatives(request)}:
        raise ValidationError(
            {
                "representative": _("The unit's representative is an operator or the head of %(unit)s.")
                % {"unit": request.unit.name}
            }
        )
    validators = list(request.validators.select_related("user").order_by("side", "pk"))
    signers = [
        (v.user, capacity(v.side, request))
        for side in (ValidatorSide.BIRO, ValidatorSide.ITJEN)
        for v in validators
        if v.side == side
    ]
    signers.append((representative, capacity("unit", request)))
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Indicator validation worksheet %(number)s — %(unit)s") % {
            "number": request.number,
            "unit": request.unit.name,
        }
    document = document_create(
        actor=actor,
        kind=WORKSHEET_KIND,
        title=title,
        unit=request.unit,
        render=lambda verification: worksheet_pdf(request, signers=signers, verification=verification),
        signers=signers,
    )
    return workflow_services.request_worksheet_issue(
        actor=actor, request=request, document=document, expected_version=expected_version
    )


# --- the finish: catalogue, PK, Nota Dinas -------------------------------------------------------


def nota_dinas_number(sequence: int, day: datetime.date) -> str:
    code = getattr(settings, "KINERJA_NOTA_DINAS_CODE", NOTA_DINAS_CODE)
    return f"{sequence:03d}/{code}/{ROMAN[day.month - 1]}/{day.year}"


def _nota_allocate(*, request: ServiceRequest, actor: Any, subject: str, at: datetime.datetime) -> NotaDinas:
    """The next number of the year; a number another transaction took first is retried."""
    day = timezone.localtime(at).date()
    for _attempt in range(10):
        last = NotaDinas.objects.filter(year=day.year).aggregate(last=Max("sequence"))["last"] or 0
        try:
            with transaction.atomic():
                nota = NotaDinas(
                    request=request,
                    year=day.year,
                    sequence=last + 1,
                    number=nota_dinas_number(last + 1, day),
                    subject=subject[:255],
                    issued_at=at,
                    issued_by=actor,
                )
                _history(nota, actor)
                nota.save()
                return nota
        except IntegrityError:
            continue
    raise ValidationError({"__all__": _("The Nota Dinas register is busy; try again.")})


def next_code(existing: Iterable[str], prefix: str) -> str:
    """The next free code of a series in a unit: IK-26 after IK-25."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+)\Z")
    numbers = [int(found.group(1)) for code in existing if (found := pattern.match(code))]
    return f"{prefix}-{max(numbers, default=0) + 1:02d}"


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sasaran_for(request: ServiceRequest, text: str, cache: dict[str, Sasaran]) -> Sasaran:
    """The unit's objective the proposal names (by name or code), or a new one of that name."""
    key = _normal(text)
    if key in cache:
        return cache[key]
    unit = request.unit
    for sasaran in Sasaran.objects.filter(unit=unit):
        if _normal(sasaran.name) == key or sasaran.code.casefold() == key:
            cache[key] = sasaran
            return sasaran
    kind = SASARAN_KIND.get(UnitKind(unit.kind), SasaranKind.KEGIATAN)
    codes = Sasaran.objects.filter(unit=unit).values_list("code", flat=True)
    sasaran = catalog_services.sasaran_create(
        unit=unit,
        code=next_code(codes, SASARAN_PREFIX[kind]),
        name=" ".join(text.split()),
        kind=kind,
        note=_("From validation %(number)s.") % {"number": request.number},
    )
    cache[key] = sasaran
    return sasaran


def provisional_computation(proposal: IndicatorProposal) -> dict[str, Any]:
    """A computation the engine accepts until a planner defines the real one in the catalogue:
    the unit reports the indicator's value itself; quarterly when quarterly targets were agreed."""
    return {
        "unit": proposal.final_measure_unit or "-",
        "periodicity": "quarter" if proposal.final_quarter_targets else "year",
        "aggregation": "last",
        "polarity": proposal.polarity,
        "inputs": [
            {
                "name": "realisasi",
                "label_id": "Realisasi",
                "label_en": "Realisation",
                "type": "number",
                "min": 0,
            }
        ],
        "formula": "realisasi",
        "notes": [
            "Rumus sementara dari hasil validasi: unit melaporkan nilai indikator langsung. "
            "Perencana menetapkan rumus terstruktur di katalog.",
            "Provisional computation from the validation: the unit reports the indicator's value "
            "directly. A planner defines the structured formula in the catalogue.",
        ],
    }


def _catalogue_entry(
    proposal: IndicatorProposal,
    *,
    actor: Any,
    request: ServiceRequest,
    nota: NotaDinas,
    cache: dict[str, Sasaran],
) -> Indicator:
    unit = request.unit
    codes = Indicator.objects.filter(unit=unit).values_list("code", flat=True)
    values = {"number": nota.number, "request": request.number}
    return catalog_services.indicator_create(
        actor=actor,
        unit=unit,
        sasaran=_sasaran_for(request, proposal.sasaran, cache),
        code=next_code(codes, proposal.kind),
        name=proposal.final_name,
        computation=provisional_computation(proposal),
        reason=_("Validation result %(number)s") % values,
        kind=proposal.kind,
        definition=proposal.final_definition,
        manual_formula_text=proposal.final_formula,
        target_aspect=proposal.target_aspect,
        notes=_(
            "Validated in %(request)s (Nota Dinas %(number)s); the computation is provisional until "
            "a planner defines it."
        )
        % values,
    )


def _pk_row(proposal: IndicatorProposal, indicator: Indicator) -> dict[str, Any]:
    target = proposal.final_target
    quarters = proposal.final_quarter_targets
    periods = dict(quarters) if quarters else ({"TAHUN": _plain(target)} if target is not None else {})
    return {"indicator": indicator, "target": target, "period_targets": periods}


def _agreement_add(
    *, actor: Any, request: ServiceRequest, rows: list[dict[str, Any]], reason: str
) -> Agreement:
    """The new indicators join the unit's PK of the year: a draft gets the rows, a signed one a
    revision, and a unit without a PK gets a draft."""
    current = (
        Agreement.objects.select_for_update()
        .filter(unit=request.unit, year=request.year, is_current=True)
        .first()
    )
    if current is None:
        return planning_services.agreement_create(
            actor=actor, unit=request.unit, year=request.year, rows=rows
        )
    existing = [
        {
            "indicator": item.indicator,
            "target": item.target,
            "target_high": item.target_high,
            "period_targets": item.period_targets,
            "weight": item.weight,
        }
        for item in current.indicator_rows.select_related("indicator")
    ]
    if current.status == AgreementStatus.DRAFT:
        return planning_services.agreement_update(
            actor=actor, agreement=current, expected_version=current.row_version, rows=existing + rows
        )
    return planning_services.agreement_revise(
        actor=actor, agreement=current, reason=reason, rows=existing + rows
    )


def _nota_store(nota: NotaDinas, data: bytes) -> None:
    name = nota.file.field.generate_filename(nota, f"{uuid.uuid4().hex}.pdf")
    saved = default_storage.save(name, ContentFile(data))
    nota.file.name = saved
    nota.sha256 = hashlib.sha256(data).hexdigest()
    nota.save(update_fields=["file", "sha256"])


def validation_finish(request: ServiceRequest, actor: Any) -> None:
    """Once the worksheet carries every signature (inside that signature's transaction): enter the
    accepted indicators into the unit's catalogue and PK, and issue the Nota Dinas of the result."""
    from .documents import nota_dinas_pdf

    if NotaDinas.objects.filter(request=request).exists():
        return
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Result of the validation of performance indicators of %(unit)s, %(year)s") % {
            "unit": request.unit.name,
            "year": request.year,
        }
        nota = _nota_allocate(request=request, actor=actor, subject=subject, at=now)
        reason = _("Validation result %(number)s") % {"number": nota.number}
        cache: dict[str, Sasaran] = {}
        rows = []
        accepted = request.proposals.filter(verdict__in=ACCEPTED).order_by("sort_order", "pk")
        for proposal in accepted:
            indicator = _catalogue_entry(proposal, actor=actor, request=request, nota=nota, cache=cache)
            _history(proposal, actor)
            update_versioned(proposal, expected_version=proposal.row_version, fields={"indicator": indicator})
            rows.append(_pk_row(proposal, indicator))
        agreement = _agreement_add(actor=actor, request=request, rows=rows, reason=reason) if rows else None
        _nota_store(nota, nota_dinas_pdf(nota, agreement=agreement))
