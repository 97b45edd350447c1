"""Reads of the request register, restricted to what the user may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.accounts.access import Action, restrict

from .clock import Clock, calendar_for, request_clock
from .models import OPEN_STATUSES, ClockEvent, ServiceRequest, ServiceTeam


def request_list(*, user: Any) -> QuerySet[ServiceRequest]:
    return (
        restrict(ServiceRequest.objects.all(), user, Action.VIEW)
        .select_related("unit", "assigned_to", "invitation")
        .prefetch_related(Prefetch("clock_events", queryset=ClockEvent.objects.order_by("at", "pk")))
    )


def request_get(*, user: Any, number: str) -> ServiceRequest:
    request = request_list(user=user).filter(number=number).first()
    if request is None:
        raise Http404(number)
    return request


def team_members(supervisor: Any) -> list[int]:
    return [
        member
        for member in ServiceTeam.objects.filter(supervisor=supervisor).values_list("members", flat=True)
        if member is not None
    ]


QUEUES = ("all", "open", "mine", "team", "late")


def queue_filter(queue: str, user: Any) -> Q:
    """The register's tabs: open requests, my queue, my team's queue."""
    if queue == "open" or queue == "late":
        return Q(status__in=OPEN_STATUSES)
    if queue == "mine":
        return Q(assigned_to=user, status__in=OPEN_STATUSES)
    if queue == "team":
        return Q(assigned_to__in=team_members(user), status__in=OPEN_STATUSES)
    return Q()


@dataclass(frozen=True)
class Row:
    request: ServiceRequest
    clock: Clock


def with_clocks(requests: list[ServiceRequest], now: datetime.datetime | None = None) -> list[Row]:
    """Each request with its clock at one instant, on one calendar built for the whole page."""
    moment = now or timezone.now()
    calendar = calendar_for(requests, moment)
    return [
        Row(r, request_clock(r, now=moment, calendar=calendar, events=list(r.clock_events.all())))
        for r in requests
    ]
