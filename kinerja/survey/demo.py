"""Demo of the survey: the bureau's three services, an answer for each delivered demo request, and
Stasiun PSDKP Tarakan's two services feeding its IK-20.

The performance demo typed IK-20's questionnaires into Tarakan's quarters; here the same rows
become survey responses dated inside those quarters, so the published index and the dashboard's
IK-20 agree. A few answers fall in the current quarter. Idempotent: a unit that already has
responses is left alone.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from kinerja.calendar.clock import WIB
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Realisation
from kinerja.planning.periods import QUARTERS
from kinerja.workflows.models import RequestStatus, ServiceRequest

from . import services
from .feed import feed_refresh, period_instants, quarter_of
from .models import Education, Occupation, ServicePopulation, Sex, SurveyFeed, SurveyResponse, SurveyService

TARAKAN = "PSDKP-TARAKAN"
TARAKAN_SERVICES = (
    ("penanganan-pelanggaran", "Penanganan pelanggaran", "Handling of violations"),
    ("informasi-pengawasan", "Layanan informasi pengawasan", "Surveillance information service"),
)
SUGGESTIONS = (
    "Petugas ramah dan cepat.",
    "Mohon informasi persyaratan dipasang di ruang tunggu.",
    "",
    "",
    "Pelayanan sudah baik, pertahankan.",
)


def _profile(rng: random.Random) -> dict[str, Any]:
    age = rng.randint(19, 60)
    return {
        "age": str(age),
        "sex": rng.choice(Sex.values),
        "education": rng.choice(Education.values),
        "occupation": rng.choice(
            [Occupation.PRIVATE, Occupation.SELF_EMPLOYED, Occupation.PNS, Occupation.OTHER]
        ),
        "suggestion": rng.choice(SUGGESTIONS),
    }


def _moments(year: int, period: str, count: int, until: datetime.datetime) -> list[datetime.datetime]:
    """`count` working-hour instants spread over the quarter, none after `until`."""
    start, end = period_instants(year, period)
    end = min(end, until)
    span = max(int((end - start).total_seconds()) - 9 * 3600, 3600)
    return [start + datetime.timedelta(seconds=9 * 3600 + span * i // max(count, 1)) for i in range(count)]


def _bureau(say: Callable[[str], object]) -> None:
    bureau = services.bureau_services_ensure()
    rng = random.Random(14)  # noqa: S311 - demo data
    answered = 0
    for request in ServiceRequest.objects.filter(status=RequestStatus.DELIVERED).order_by("pk"):
        services.survey_invite_for_request(request=request)
        invitation = getattr(request, "survey_invitation", None)
        if invitation is None or SurveyResponse.objects.filter(request=request).exists():
            continue
        scores = {f"u{i}": rng.choice([3, 3, 4]) for i in range(1, 10)}
        at = (request.delivered_at or timezone.now()) + datetime.timedelta(hours=2)
        services.response_submit(
            service=invitation.service,
            answers={**scores, **_profile(rng), "occupation": Occupation.PNS},
            invitation=invitation,
            at=min(at, timezone.now()),
        )
        answered += 1
    say(f"Survey: {len(bureau)} services of Biro Perencanaan; {answered} delivered requests rated")


def _tarakan(say: Callable[[str], object]) -> None:
    tarakan = OrgUnit.objects.filter(code=TARAKAN).first()
    indicator = Indicator.objects.filter(unit__code=TARAKAN, code="IK-20").first()
    if tarakan is None or indicator is None:
        say("Survey: Tarakan or its IK-20 missing, no unit services loaded")
        return
    own = []
    for code, name, name_en in TARAKAN_SERVICES:
        service, _created = SurveyService.objects.get_or_create(
            code=code, defaults={"unit": tarakan, "name": name, "name_en": name_en}
        )
        own.append(service)
    feed, _created = SurveyFeed.objects.get_or_create(
        unit=tarakan, indicator=indicator, input_name="responden"
    )
    feed.services.set(own)
    if SurveyResponse.objects.filter(service__in=own).exists():
        return
    rng = random.Random(2017)  # noqa: S311 - demo data
    now = timezone.now()
    rows: list[SurveyResponse] = []
    quarters = []
    for realisation in Realisation.objects.filter(unit=tarakan, indicator=indicator).order_by(
        "year", "period"
    ):
        typed = (realisation.inputs or {}).get("responden") or []
        if realisation.period not in QUARTERS or not typed:
            continue
        quarters.append((realisation.year, realisation.period))
        for index, (row, at) in enumerate(
            zip(typed, _moments(realisation.year, realisation.period, len(typed), now), strict=True)
        ):
            rows.append(_response(own[index % 2], row, at, rng))
    # The open quarter: a handful of answers so far, which the feed will carry into IK-20.
    year, quarter = quarter_of(now)
    if (year, quarter) not in quarters:
        for index, at in enumerate(_moments(year, quarter, 6, now - datetime.timedelta(hours=1))):
            scores = {f"u{i}": rng.choice([3, 3, 4, 4]) for i in range(1, 10)}
            rows.append(_response(own[index % 2], scores, at, rng))
        quarters.append((year, quarter))
    # Demo rows in bulk; the feed is refreshed once per quarter below instead of once per answer.
    SurveyResponse.objects.bulk_create(rows)
    for service_year in {y for y, _q in quarters}:
        for service in own:
            for period in QUARTERS:
                population = len(
                    [r for r in rows if r.service_id == service.pk and _in(r, service_year, period)]
                )
                if population:
                    ServicePopulation.objects.update_or_create(
                        service=service,
                        year=service_year,
                        period=period,
                        defaults={"population": population + population // 5},
                    )
    written = 0
    for feed_year, period in quarters:
        outcomes = feed_refresh(unit=tarakan, year=feed_year, period=period)
        written += sum(1 for _feed, outcome in outcomes if outcome.written)
    say(
        f"Survey: Tarakan's {len(own)} services, {len(rows)} answers"
        f" in {len(quarters)} quarters ({written} fed)"
    )


def _in(response: SurveyResponse, year: int, period: str) -> bool:
    start, end = period_instants(year, period)
    return start <= response.submitted_at < end


def _response(
    service: SurveyService, scores: dict[str, Any], at: datetime.datetime, rng: random.Random
) -> Any:
    cleaned = services.clean_answers({**scores, **_profile(rng)})
    return SurveyResponse(service=service, submitted_at=at.astimezone(WIB), **cleaned)


def load(say: Callable[[str], object]) -> None:
    _bureau(say)
    _tarakan(say)
