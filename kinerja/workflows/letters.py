"""The written apology the service standard promises when a product is late (Jaminan Pelayanan).

Owed only by a delivered request whose service hours reached the written rungs of the ladder
(`maaf_tertulis`, `maaf_tertulis_antar_langsung`). The letter is rendered from the request as it
was delivered, dated on the day of delivery, so it reads the same however often it is downloaded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kinerja.accounts.models import Role, RoleAssignment
from kinerja.calendar.clock import hours
from kinerja.core.pdf import html_to_pdf
from kinerja.organization.models import OrgUnit

from .models import Compensation, RequestStatus, ServiceRequest, ServiceStandard

WRITTEN = (Compensation.MAAF_TERTULIS, Compensation.MAAF_TERTULIS_ANTAR_LANGSUNG)
BUREAU = "ROREN"  # Biro Perencanaan, which signs the letter


def owes_written_apology(request: ServiceRequest) -> bool:
    return request.status == RequestStatus.DELIVERED and request.compensation in WRITTEN


def _head_of(unit: OrgUnit | None) -> Any | None:
    """The unit's head in office today, if Kinerja knows one."""
    if unit is None:
        return None
    today = timezone.localdate()
    assignment = (
        RoleAssignment.objects.filter(unit=unit, role=Role.UNIT_HEAD, is_active=True, user__is_active=True)
        .exclude(start_date__gt=today)
        .exclude(end_date__lt=today)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment is not None else None


def apology_context(request: ServiceRequest) -> dict[str, Any]:
    bureau = OrgUnit.objects.filter(code=BUREAU).first()
    if request.delivered_at is None or request.service_seconds is None:
        raise ValueError(f"{request.number} has not been delivered")
    return {
        "request": request,
        "unit": request.unit,
        "unit_head": _head_of(request.unit),
        "bureau": bureau,
        "bureau_head": _head_of(bureau),
        "standard": ServiceStandard.objects.filter(code=request.kind).first(),
        "received_at": timezone.localtime(request.received_at) if request.received_at else None,
        "delivered_at": timezone.localtime(request.delivered_at),
        "used_hours": hours(request.service_seconds),
        "limit_hours": hours(request.limit_minutes * 60),
        "in_person": request.compensation == Compensation.MAAF_TERTULIS_ANTAR_LANGSUNG,
        "letter_date": timezone.localtime(request.delivered_at).date(),
    }


def apology_pdf(request: ServiceRequest) -> bytes:
    """The letter in the site language (an official letter), whatever language the reader uses."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("workflows/letters/apology.html", apology_context(request))
    return html_to_pdf(html)


def apology_filename(request: ServiceRequest) -> str:
    return f"Surat-Permohonan-Maaf-{request.number}.pdf".replace('"', "")
