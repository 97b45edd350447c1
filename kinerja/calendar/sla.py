"""Service hours of one request, measured from text: shared by `kinerja sla`, the calculator and the API.

The three adapters take the same strings (ISO 8601 instants, pauses as START/END), so one function
parses and measures them; a refusal is a ValidationError keyed by the input that caused it
(`service`, `start`, `end`, `pauses`), which each adapter names in its own way.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kinerja.workflows.models import ServiceStandard

from .clock import WIB, Interval, Ladder, elapsed, hours, running
from .selectors import FIRST_YEAR, LAST_YEAR, calendar_between

EXAMPLE = "2025-03-06T15:00 / 2025-03-06T15:00+07:00"


@dataclass(frozen=True)
class Measure:
    service: str
    seconds: int
    limit_minutes: int
    compensation: str

    @property
    def service_hours(self) -> float:
        return float(hours(self.seconds))

    @property
    def limit_hours(self) -> float:
        return float(hours(self.limit_minutes * 60))

    def to_json(self) -> dict[str, Any]:
        """The contract's output (shared/spec/cli.md): hours rounded half-up to 2 decimals."""
        return {
            "service": self.service,
            "service_hours": self.service_hours,
            "limit_hours": self.limit_hours,
            "compensation": self.compensation,
        }


def parse_instant(text: str, *, field: str) -> datetime.datetime:
    """An ISO 8601 instant; one without an offset is WIB (Asia/Jakarta)."""
    try:
        instant = datetime.datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(
            {
                field: _("“%(value)s” is not a date and time in ISO 8601 (e.g. %(example)s).")
                % {"value": text, "example": EXAMPLE}
            }
        ) from None
    instant = instant if instant.tzinfo is not None else instant.replace(tzinfo=WIB)
    if not FIRST_YEAR <= instant.astimezone(WIB).year <= LAST_YEAR:
        raise ValidationError(
            {
                field: _("“%(value)s” is outside the years the calendar knows (%(first)s–%(last)s).")
                % {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    return instant


def parse_pause(text: str, *, field: str = "pauses") -> Interval:
    """A pause written START/END, both ISO 8601 instants, END not before START."""
    parts = str(text).split("/")
    if len(parts) != 2:
        raise ValidationError(
            {
                field: _("“%(value)s” is not a pause written START/END (e.g. %(example)s).")
                % {"value": text, "example": "2025-03-07T08:00/2025-03-07T10:00"}
            }
        )
    start, end = (parse_instant(part, field=field) for part in parts)
    if end < start:
        raise ValidationError({field: _("The pause “%(value)s” ends before it starts.") % {"value": text}})
    return start, end


def sla_measure(
    *,
    service: str,
    start: datetime.datetime,
    end: datetime.datetime,
    pauses: Sequence[Interval] = (),
) -> Measure:
    """Service hours from start to end less the pauses, on the calendar, against the standard's ladder."""
    standard = ServiceStandard.objects.filter(code=service).first()
    if standard is None:
        codes = ", ".join(ServiceStandard.objects.order_by("pk").values_list("code", flat=True))
        raise ValidationError(
            {
                "service": _("“%(value)s” is not a service; choose one of: %(codes)s.")
                % {"value": service, "codes": codes}
            }
        )
    if end < start:
        raise ValidationError({"end": _("The end comes before the start.")})
    calendar = calendar_between(start, end)
    seconds = elapsed(calendar, running(start, end, pauses))
    ladder = Ladder(
        limit_minutes=standard.limit_minutes,
        written_after_hours=standard.written_apology_after_hours,
        in_person_after_hours=standard.in_person_after_hours,
    )
    return Measure(standard.code, seconds, standard.limit_minutes, ladder.compensation(seconds))


def sla_from_text(*, service: str, start: str, end: str, pauses: Sequence[str] = ()) -> Measure:
    """The same measure from the strings a command line, a form or a JSON body carries."""
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Any] = {}
    for field, text in (("start", start), ("end", end)):
        try:
            parsed[field] = parse_instant(text, field=field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    intervals = []
    for text in pauses:
        try:
            intervals.append(parse_pause(text))
        except ValidationError as exc:
            errors.setdefault("pauses", []).extend(exc.message_dict["pauses"])
    if errors:
        raise ValidationError(errors)
    return sla_measure(service=service, start=parsed["start"], end=parsed["end"], pauses=intervals)
