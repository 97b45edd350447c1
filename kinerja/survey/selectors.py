"""Reads of the survey: published results (public), the staff's own services, and the summary the
service evaluation report takes."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict
from kinerja.calendar.clock import WIB
from kinerja.workflows.models import RequestStatus, ServiceRequest

from . import ikm
from .feed import period_instants
from .models import (
    AgeBand,
    Education,
    Occupation,
    ServicePopulation,
    Sex,
    SurveyFeed,
    SurveyInvitation,
    SurveyResponse,
    SurveyService,
)
from .services import token_hash


def public_services() -> QuerySet[SurveyService]:
    return SurveyService.objects.filter(is_active=True).select_related("unit", "standard")


def service_by_code(code: str) -> SurveyService:
    service = public_services().filter(code=code).first()
    if service is None:
        raise Http404
    return service


def invitation_by_token(token: str) -> SurveyInvitation:
    """A wrong token is a plain 404: it tells nothing about which requests exist."""
    invitation = (
        SurveyInvitation.objects.filter(token_hash=token_hash(token))
        .select_related("request", "service", "service__unit")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def is_answered(invitation: SurveyInvitation) -> bool:
    return SurveyResponse.objects.filter(request_id=invitation.request_id).exists()


def services_to_manage(user: Any) -> QuerySet[SurveyService]:
    return restrict(SurveyService.objects.select_related("unit", "standard"), user, Action.CHANGE)


def feeds_to_manage(user: Any) -> QuerySet[SurveyFeed]:
    return restrict(
        SurveyFeed.objects.select_related("unit", "indicator"), user, Action.CHANGE
    ).prefetch_related("services")


def population_of(service: SurveyService, year: int, period: str) -> int | None:
    """People served in the period: delivered requests for the bureau's services, else as entered."""
    if service.standard is not None:
        start, end = period_instants(year, period)
        return ServiceRequest.objects.filter(
            kind=service.standard.code,
            status=RequestStatus.DELIVERED,
            delivered_at__gte=start,
            delivered_at__lt=end,
        ).count()
    row = ServicePopulation.objects.filter(service=service, year=year, period=period).first()
    if row is not None:
        return row.population
    if period == "TAHUN":
        quarters = ServicePopulation.objects.filter(service=service, year=year, period__startswith="TW")
        if quarters.exists():
            return sum(q.population for q in quarters)
    return None


@dataclass(frozen=True)
class ServiceResult:
    service: SurveyService
    year: int
    period: str
    result: ikm.Result
    population: int | None
    sample_size: int | None
    profile: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def enough(self) -> bool | None:
        if self.sample_size is None:
            return None
        return self.result.respondents >= self.sample_size


def responses_in(service: SurveyService, year: int, period: str) -> QuerySet[SurveyResponse]:
    start, end = period_instants(year, period)
    return SurveyResponse.objects.filter(service=service, submitted_at__gte=start, submitted_at__lt=end)


def _breakdown(rows: list[dict[str, Any]], key: str, choices: Any) -> list[tuple[str, int]]:
    counts = Counter(row[key] for row in rows)
    return [(str(label), counts.get(value, 0)) for value, label in choices.choices]


def service_result(service: SurveyService, year: int, period: str) -> ServiceResult:
    rows = list(
        responses_in(service, year, period).values(
            *ikm.ELEMENTS, "sex", "education", "occupation", "age_band"
        )
    )
    population = population_of(service, year, period)
    return ServiceResult(
        service=service,
        year=year,
        period=period,
        result=ikm.compute(rows),
        population=population,
        sample_size=None if population is None else ikm.sample_size(population),
        profile={
            "sex": _breakdown(rows, "sex", Sex),
            "age_band": _breakdown(rows, "age_band", AgeBand),
            "education": _breakdown(rows, "education", Education),
            "occupation": _breakdown(rows, "occupation", Occupation),
        },
    )


def results(*, year: int, period: str, code: str = "") -> list[ServiceResult]:
    services = public_services()
    if code:
        services = services.filter(code=code)
    return [service_result(service, year, period) for service in services]


@dataclass(frozen=True)
class FeedResult:
    """All the answers that fill a unit's indicator in a period: the quarter's figure is the
    indicator's value for that quarter (the year's pools every answer; the indicator's reported
    year value is the mean of its quarters)."""

    feed: SurveyFeed
    year: int
    period: str
    result: ikm.Result


def feed_results(*, year: int, period: str) -> list[FeedResult]:
    from .feed import feed_rows

    feeds = SurveyFeed.objects.select_related("unit", "indicator").prefetch_related("services")
    return [FeedResult(feed, year, period, ikm.compute(feed_rows(feed, year, period))) for feed in feeds]


@dataclass(frozen=True)
class Summary:
    respondents: int
    ikm: Decimal | None
    grade: str
    label: str


def ikm_summary(*, standard_code: str | None, start: datetime.date, end: datetime.date) -> Summary:
    """The index of one of the bureau's services (None: all three pooled) over [start, end] (WIB
    dates, both inclusive), for the service evaluation report."""
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=WIB)
    stop = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=WIB)
    answers = SurveyResponse.objects.filter(submitted_at__gte=begin, submitted_at__lt=stop)
    if standard_code is None:
        answers = answers.filter(service__standard__isnull=False)
    else:
        answers = answers.filter(service__standard__code=standard_code)
    result = ikm.compute(answers.values(*ikm.ELEMENTS))
    return Summary(result.respondents, result.ikm, result.grade, result.label)
