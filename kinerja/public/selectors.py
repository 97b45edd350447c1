"""Reads of the public pages. Everything here is public: no user, no restriction.

The service figures come from `workflows.ServiceStandard` and the hours from the service calendar,
so the public pages can never disagree with the clock that times the requests.
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.calendar.models import ServiceHours, Weekday
from kinerja.calendar.selectors import ClosedDay, closed_days, weekly_hours
from kinerja.signatures.selectors import document_public
from kinerja.workflows.models import Compensation, ServiceStandard

from .models import PublicProfile, ServiceText, in_language
from .texts import PROFILE, SERVICES

UUID_PATTERN = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)


def profile_get() -> PublicProfile:
    """The stored profile, or the standard's own text while none is stored (nothing is written)."""
    return PublicProfile.objects.filter(pk=1).first() or PublicProfile(pk=1, **PROFILE)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def motto_words(profile: PublicProfile) -> list[tuple[str, str]]:
    """(word, meaning) pairs from the "Word: meaning" lines; a line without a colon is all word."""
    pairs = []
    for line in lines(profile.text("motto")):
        word, _sep, meaning = line.partition(":")
        pairs.append((word.strip(), meaning.strip()))
    return pairs


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest:
        return _("%(hours)d hours %(minutes)d minutes") % {"hours": hours, "minutes": rest}
    return _("%(hours)d hours") % {"hours": hours}


@dataclass(frozen=True)
class Rung:
    code: str
    label: str
    when: str


@dataclass(frozen=True)
class PublicService:
    code: str
    name: str
    summary: str
    eligible: str
    requirements: list[str]
    steps: list[str]
    product: str
    cost: str
    limit_minutes: int
    limit_label: str
    ladder: list[Rung]


def _ladder(standard: ServiceStandard) -> list[Rung]:
    """The compensation ladder as the clock applies it (workflows' Decision in services.md)."""
    limit = duration_label(standard.limit_minutes)
    written = duration_label(standard.written_apology_after_hours * 60)
    in_person = duration_label(standard.in_person_after_hours * 60)
    labels = dict(Compensation.choices)
    return [
        Rung(
            Compensation.TEPAT_WAKTU, str(labels[Compensation.TEPAT_WAKTU]), _("up to %(to)s") % {"to": limit}
        ),
        Rung(
            Compensation.MAAF_LISAN,
            str(labels[Compensation.MAAF_LISAN]),
            _("more than %(from)s, up to %(to)s") % {"from": limit, "to": written},
        ),
        Rung(
            Compensation.MAAF_TERTULIS,
            str(labels[Compensation.MAAF_TERTULIS]),
            _("more than %(from)s, up to %(to)s") % {"from": written, "to": in_person},
        ),
        Rung(
            Compensation.MAAF_TERTULIS_ANTAR_LANGSUNG,
            str(labels[Compensation.MAAF_TERTULIS_ANTAR_LANGSUNG]),
            _("more than %(from)s") % {"from": in_person},
        ),
    ]


def _public(standard: ServiceStandard) -> PublicService:
    text = getattr(standard, "public_text", None) or ServiceText(standard=standard, summary_id="")
    return PublicService(
        code=standard.code,
        name=in_language(standard.name, text.name_en),
        summary=in_language(text.summary_id, text.summary_en),
        eligible=in_language(standard.eligible, text.eligible_en),
        requirements=lines(in_language(standard.requirements, text.requirements_en)),
        steps=lines(in_language(standard.steps, text.steps_en)),
        product=in_language(standard.product, text.product_en),
        cost=in_language(standard.cost, text.cost_en),
        limit_minutes=standard.limit_minutes,
        limit_label=duration_label(standard.limit_minutes),
        ladder=_ladder(standard),
    )


def public_services() -> list[PublicService]:
    return [_public(standard) for standard in ServiceStandard.objects.select_related("public_text")]


def public_service(*, code: str) -> PublicService:
    standard = ServiceStandard.objects.select_related("public_text").filter(code=code).first()
    if standard is None:
        raise Http404("no such service")
    return _public(standard)


def service_text_get(*, code: str) -> tuple[ServiceStandard, ServiceText]:
    """A service's standard and its public texts (the seeded ones while none is stored)."""
    standard = ServiceStandard.objects.select_related("public_text").filter(code=code).first()
    if standard is None:
        raise Http404("no such service")
    text = getattr(standard, "public_text", None)
    if text is None:
        text = ServiceText(standard=standard, **SERVICES.get(code, {"summary_id": standard.name}))
    return standard, text


def opening_hours() -> list[tuple[Weekday, ServiceHours | None]]:
    return weekly_hours()


def closed_days_ahead(*, days: int = 120, today: datetime.date | None = None) -> list[ClosedDay]:
    """Holidays and collective leave from today over the coming months, across a new year."""
    start = today or timezone.localdate()
    end = start + datetime.timedelta(days=days)
    found = [day for year in range(start.year, end.year + 1) for day in closed_days(year=year)]
    return [day for day in found if start <= day.date <= end]


def document_code(text: str) -> uuid.UUID | None:
    """The document's public id in what the visitor typed or pasted (a code or the QR's address)."""
    match = UUID_PATTERN.search(text or "")
    return uuid.UUID(match.group(0)) if match else None


def document_known(*, public_id: uuid.UUID) -> bool:
    try:
        document_public(public_id=public_id)
    except Http404:
        return False
    return True


def optional_url(name: str) -> str | None:
    """The address of a page another app provides, or None while that app does not provide it."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None
