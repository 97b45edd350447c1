"""The periodic evaluation of the service (evaluasi pelayanan): requests, time used, lateness, compensation.

A request belongs to the period in which it was opened (in WIB): every request of the period is
counted once, as delivered, still open or cancelled, so the three add up to the requests received.
Service hours are the stored `service_seconds` of delivered requests (the clock replayed at
delivery); the median is taken on seconds and only then turned into hours, rounded as the contract
prints hours. Beside them stand the voice of the public: the complaints received in the period
(those about no particular service count only in the total) and the satisfaction index (IKM) of
the survey answers submitted in it, read from the complaints and survey modules.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kinerja.accounts.access import Action, restrict, roles_of, scope_for
from kinerja.accounts.models import Role, User
from kinerja.calendar.clock import WIB, hours
from kinerja.complaints.selectors import complaint_counts
from kinerja.survey.selectors import Summary, ikm_summary

from .models import OPEN_STATUSES, Compensation, RequestStatus, ServiceKind, ServiceRequest

LATE_RUNGS = (
    Compensation.MAAF_LISAN,
    Compensation.MAAF_TERTULIS,
    Compensation.MAAF_TERTULIS_ANTAR_LANGSUNG,
)
QUARTER_MONTHS = {"TW1": (1, 3), "TW2": (4, 6), "TW3": (7, 9), "TW4": (10, 12)}


def may_see_evaluation(user: Any) -> bool:
    """The bureau's officers, the inspectors and the leadership: the ministry-wide readers."""
    serve = scope_for(user, Action.SERVE)
    if serve.everything or serve.unit_ids or serve.subtree_paths:
        return True
    return bool({Role.INSPECTOR, Role.LEADERSHIP} & roles_of(user))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    year: int
    quarter: str = ""

    @classmethod
    def of(
        cls,
        *,
        year: int,
        quarter: str = "",
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> Period:
        """The whole year, one quarter of it, or the days from start to end."""
        if start is not None and end is not None:
            return cls(start=start, end=end, year=year)
        if quarter:
            first, last = QUARTER_MONTHS[quarter]
            following = datetime.date(year + 1, 1, 1) if last == 12 else datetime.date(year, last + 1, 1)
            return cls(
                start=datetime.date(year, first, 1),
                end=following - datetime.timedelta(days=1),
                year=year,
                quarter=quarter,
            )
        return cls(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), year=year)

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as instants: the period's days in Jakarta."""
        opens = datetime.datetime.combine(self.start, datetime.time(), tzinfo=WIB)
        closes = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time(), tzinfo=WIB)
        return opens, closes


def median_hours(seconds: Sequence[int]) -> Decimal | None:
    """The median on seconds (half a second when the count is even), then hours."""
    if not seconds:
        return None
    middle = statistics.median(seconds)  # a float with half a second when the count is even
    return hours(middle)  # type: ignore[arg-type]  # Decimal(middle) inside hours() is exact for halves


def share(part: int, whole: int) -> Decimal | None:
    """A percentage to one decimal place, or None when there is nothing to share."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    """The few columns of a request the report reads."""

    kind: str
    status: str
    service_seconds: int | None
    compensation: str
    compensation_given: bool
    officer_id: int | None


@dataclass(frozen=True)
class Figures:
    received: int
    delivered: int
    open: int
    cancelled: int
    median_hours: Decimal | None
    longest_hours: Decimal | None
    on_time: int
    on_time_percent: Decimal | None
    owed: dict[str, int] = field(default_factory=dict)  # late rung → delivered requests owing it
    given: dict[str, int] = field(default_factory=dict)  # late rung → of those, compensation given

    @property
    def rungs(self) -> list[tuple[str, str, int, int]]:
        """(code, label, owed, given) for each rung of the ladder beyond the time limit."""
        return [
            (rung.value, str(rung.label), self.owed.get(rung, 0), self.given.get(rung, 0))
            for rung in LATE_RUNGS
        ]


def figures(rows: Iterable[Row]) -> Figures:
    rows = list(rows)
    delivered = [r for r in rows if r.status == RequestStatus.DELIVERED]
    seconds = [r.service_seconds for r in delivered if r.service_seconds is not None]
    on_time = sum(1 for r in delivered if r.compensation == Compensation.TEPAT_WAKTU)
    return Figures(
        received=len(rows),
        delivered=len(delivered),
        open=sum(1 for r in rows if r.status in OPEN_STATUSES),
        cancelled=sum(1 for r in rows if r.status == RequestStatus.CANCELLED),
        median_hours=median_hours(seconds),
        longest_hours=hours(max(seconds)) if seconds else None,
        on_time=on_time,
        on_time_percent=share(on_time, len(delivered)),
        owed={rung: sum(1 for r in delivered if r.compensation == rung) for rung in LATE_RUNGS},
        given={
            rung: sum(1 for r in delivered if r.compensation == rung and r.compensation_given)
            for rung in LATE_RUNGS
        },
    )


@dataclass(frozen=True)
class Voice:
    """What the public said in the period: complaints (received, still open, past their deadline,
    median answer in service hours) and the satisfaction index with its respondents."""

    complaints: int
    complaints_open: int
    complaints_overdue: int
    median_answer_hours: Decimal | None
    satisfaction: Summary


def voice(*, standard_code: str | None, period: Period) -> Voice:
    counts = complaint_counts(standard_code=standard_code, start=period.start, end=period.end)
    return Voice(
        complaints=counts["received"],
        complaints_open=counts["open"],
        complaints_overdue=counts["overdue"],
        median_answer_hours=counts["median_answer_hours"],
        satisfaction=ikm_summary(standard_code=standard_code, start=period.start, end=period.end),
    )


@dataclass(frozen=True)
class ServiceFigures:
    kind: str
    label: str
    figures: Figures
    voice: Voice


@dataclass(frozen=True)
class OfficerFigures:
    """Penilaian kinerja pelayanan pada petugas: one officer's requests of the period."""

    officer: User | None  # None: requests nobody was assigned to
    requests: int
    delivered: int
    median_hours: Decimal | None
    on_time_percent: Decimal | None


@dataclass(frozen=True)
class Evaluation:
    period: Period
    services: list[ServiceFigures]
    total: Figures
    total_voice: Voice
    officers: list[OfficerFigures]


def evaluation_rows(*, user: Any, period: Period, kind: str = "") -> list[Row]:
    """The requests of the period the user may see (all of them for those who may see the report)."""
    opens, closes = period.bounds
    requests = restrict(ServiceRequest.objects.all(), user, Action.VIEW).filter(
        opened_at__gte=opens, opened_at__lt=closes
    )
    if kind:
        requests = requests.filter(kind=kind)
    return [
        Row(
            kind=k,
            status=status,
            service_seconds=seconds,
            compensation=compensation,
            compensation_given=given is not None,
            officer_id=officer,
        )
        for k, status, seconds, compensation, given, officer in requests.values_list(
            "kind", "status", "service_seconds", "compensation", "compensation_given_at", "assigned_to_id"
        )
    ]


def _officers(rows: list[Row]) -> list[OfficerFigures]:
    by_officer: dict[int | None, list[Row]] = {}
    for row in rows:
        by_officer.setdefault(row.officer_id, []).append(row)
    people = {
        user.pk: user for user in User.objects.filter(pk__in=[pk for pk in by_officer if pk is not None])
    }
    result = []
    for officer_id, own in by_officer.items():
        counted = figures(own)
        result.append(
            OfficerFigures(
                officer=people.get(officer_id) if officer_id is not None else None,
                requests=counted.received,
                delivered=counted.delivered,
                median_hours=counted.median_hours,
                on_time_percent=counted.on_time_percent,
            )
        )
    # Named officers by name; the requests nobody was assigned to come last.
    return sorted(
        result,
        key=lambda r: (r.officer is None, r.officer.get_full_name().lower() if r.officer else ""),
    )


def evaluation(*, user: Any, period: Period, kind: str = "") -> Evaluation:
    rows = evaluation_rows(user=user, period=period, kind=kind)
    kinds = [ServiceKind(kind)] if kind else list(ServiceKind)
    return Evaluation(
        period=period,
        services=[
            ServiceFigures(
                kind=k.value,
                label=str(k.label),
                figures=figures(r for r in rows if r.kind == k),
                voice=voice(standard_code=k.value, period=period),
            )
            for k in kinds
        ],
        total=figures(rows),
        total_voice=voice(standard_code=kind or None, period=period),
        officers=_officers(rows),
    )
