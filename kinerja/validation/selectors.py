"""Reads of the validation service, restricted to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict
from kinerja.workflows.models import ServiceKind, ServiceRequest

from .models import IndicatorProposal, NotaDinas, Validator


def request_list(*, user: Any) -> QuerySet[ServiceRequest]:
    return restrict(
        ServiceRequest.objects.filter(kind=ServiceKind.VALIDASI), user, Action.VIEW
    ).select_related("unit", "worksheet")


def request_get(*, user: Any, number: str) -> ServiceRequest:
    """A validation request the user may see, or 404."""
    found = request_list(user=user).filter(number=number).first()
    if found is None:
        raise Http404(number)
    return found


def proposal_list(*, user: Any, request: ServiceRequest) -> QuerySet[IndicatorProposal]:
    return (
        restrict(IndicatorProposal.objects.filter(request=request), user, Action.VIEW)
        .select_related("indicator", "verdict_by")
        .order_by("sort_order", "pk")
    )


def proposal_get(*, user: Any, request: ServiceRequest, pk: int) -> IndicatorProposal:
    found = proposal_list(user=user, request=request).filter(pk=pk).first()
    if found is None:
        raise Http404(str(pk))
    return found


def validator_list(*, user: Any, request: ServiceRequest) -> QuerySet[Validator]:
    return (
        restrict(Validator.objects.filter(request=request), user, Action.VIEW)
        .select_related("user", "assigned_by")
        .order_by("side", "pk")
    )


def nota_dinas_get(*, user: Any, request: ServiceRequest) -> NotaDinas:
    found = restrict(NotaDinas.objects.filter(request=request), user, Action.VIEW).first()
    if found is None or not found.file:
        raise Http404(request.number)
    return found
