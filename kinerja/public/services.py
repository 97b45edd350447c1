"""Writes of the public pages: seeding the standard's texts and the administrator's edit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kinerja.accounts.access import Action, scope_for
from kinerja.core.concurrency import update_versioned
from kinerja.workflows.models import ServiceStandard

from .models import PublicProfile, ServiceText
from .texts import PROFILE, SERVICES

PROFILE_FIELDS = tuple(PROFILE)
SERVICE_TEXT_FIELDS = tuple(SERVICES["validasi"])


def may_manage(user: Any) -> bool:
    """The profile belongs to no unit: those whose MANAGE reach is everything (administrators)."""
    return scope_for(user, Action.MANAGE).everything


@transaction.atomic
def profile_ensure() -> PublicProfile:
    """Put back the standard's texts where they are missing (a flushed database); never overwrites."""
    profile, _created = PublicProfile.objects.get_or_create(pk=1, defaults=PROFILE)
    for standard in ServiceStandard.objects.filter(code__in=SERVICES):
        ServiceText.objects.get_or_create(standard=standard, defaults=SERVICES[standard.code])
    return profile


@transaction.atomic
def profile_update(*, actor: Any, expected_version: int, **fields: Any) -> PublicProfile:
    """An administrator changes the published texts; a concurrent edit is refused, not overwritten."""
    if not may_manage(actor):
        raise PermissionDenied
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not a profile field: {sorted(unknown)}")
    profile = profile_ensure()
    return update_versioned(profile, expected_version=expected_version, fields=fields)


@transaction.atomic
def service_text_update(
    *, actor: Any, standard: ServiceStandard, expected_version: int, **fields: Any
) -> ServiceText:
    """An administrator changes a service's summary and English texts (the figures stay in workflows)."""
    if not may_manage(actor):
        raise PermissionDenied
    unknown = set(fields) - set(SERVICE_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"not a service text field: {sorted(unknown)}")
    text, _created = ServiceText.objects.get_or_create(
        standard=standard, defaults=SERVICES.get(standard.code, {"summary_id": standard.name})
    )
    return update_versioned(text, expected_version=expected_version, fields=fields)
