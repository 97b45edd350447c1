"""What the validation service plugs into the common request: its requirement and its panel."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.signatures.models import Signer
from kinerja.workflows.hooks import Requirement
from kinerja.workflows.models import RequestStatus, ServiceRequest

from .models import NotaDinas, ValidatorSide, Verdict
from .services import is_validator, may_edit_matrix, may_judge, missing_fields, worksheet_problems


def requirements(request: ServiceRequest) -> list[Requirement]:
    """The matrix is filled: at least one proposal, each with indicator, definition, formula, target."""
    proposals = list(request.proposals.order_by("sort_order", "pk"))
    gaps = []
    for proposal in proposals:
        missing = missing_fields(proposal)
        if missing:
            gaps.append(
                _("no. %(row)s lacks %(fields)s") % {"row": proposal.sort_order, "fields": ", ".join(missing)}
            )
    detail = "; ".join(gaps) if proposals else _("The matrix has no proposal yet.")
    return [
        Requirement(
            key="matrix",
            label=_("The indicator proposal matrix is filled"),
            met=bool(proposals) and not gaps,
            detail=detail,
        )
    ]


def panel_context(request: ServiceRequest, user: Any) -> dict[str, Any]:
    proposals = list(request.proposals.all())
    validators = list(request.validators.select_related("user").order_by("side", "pk"))
    serving = can(user, Action.SERVE, request.unit)
    signature = None
    if request.worksheet_id is not None and request.status == RequestStatus.SIGNING:
        signature = Signer.objects.filter(document_id=request.worksheet_id, user=user, signed_at=None).first()
    return {
        "validation": {
            "number": request.number,
            "total": len(proposals),
            "counts": [
                (value, label, sum(1 for p in proposals if p.verdict == value))
                for value, label in Verdict.choices
            ],
            "biro": [v for v in validators if v.side == ValidatorSide.BIRO],
            "itjen": [v for v in validators if v.side == ValidatorSide.ITJEN],
            "last_call": request.validator_calls.select_related("asked_by").first(),
            "nota": NotaDinas.objects.filter(request=request).first(),
            "may_edit": may_edit_matrix(user, request),
            "may_judge": request.status == RequestStatus.IN_SERVICE and may_judge(user, request),
            "is_validator": is_validator(user, request),
            "may_serve": serving,
            "may_issue": serving and request.status == RequestStatus.IN_SERVICE,
            "problems": worksheet_problems(request)
            if serving and request.status == RequestStatus.IN_SERVICE
            else [],
            "signature": signature,
            "worksheet": request.worksheet,
        }
    }
