"""Writes of the survey: the surveyed services, populations, invitations and responses.

A response is taken from three doors (the open link of a service, the one-time link of a delivered
request, and the unit's staff signed in) and all three end in `response_submit`, which checks the
scores and the profile and holds the one-answer-per-request rule; the database's unique
constraints hold it too when two submits race.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.core.concurrency import update_versioned
from kinerja.core.notify import email_after_commit
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest

from .ikm import ELEMENTS, ScoreError, parse_score
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
    age_band,
)

BUREAU = "ROREN"  # Biro Perencanaan, which owns the three services of the standard
PERIODS = ("TW1", "TW2", "TW3", "TW4", "TAHUN")
SUGGESTION_MAX = 2000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_change(actor: Any, unit: OrgUnit) -> None:
    if not can(actor, Action.CHANGE, unit):
        raise PermissionDenied


@transaction.atomic
def bureau_services_ensure() -> list[SurveyService]:
    """The standard's three services as surveyed services of Biro Perencanaan (idempotent)."""
    from kinerja.workflows.models import ServiceStandard
    from kinerja.workflows.services import standards_ensure

    standards_ensure()
    bureau = OrgUnit.objects.filter(code=BUREAU).first()
    if bureau is None:
        return []
    rows = []
    for standard in ServiceStandard.objects.all():
        with translation.override("en"):
            name_en = str(ServiceKind(standard.code).label)
        row, _created = SurveyService.objects.get_or_create(
            standard=standard,
            defaults={"unit": bureau, "code": standard.code, "name": standard.name, "name_en": name_en},
        )
        rows.append(row)
    return rows


def _clean_service(code: str, name: str, name_en: str) -> tuple[str, str, str]:
    code, name, name_en = code.strip().lower(), name.strip(), name_en.strip()
    if not code:
        raise ValidationError({"code": _("Give the service a short code.")})
    if not name:
        raise ValidationError({"name": _("Give the service a name.")})
    return code, name[:200], name_en[:200]


@transaction.atomic
def service_create(*, actor: Any, unit: OrgUnit, code: str, name: str, name_en: str = "") -> SurveyService:
    """A unit registers one of its own services for the survey."""
    _require_change(actor, unit)
    code, name, name_en = _clean_service(code, name, name_en)
    service = SurveyService(unit=unit, code=code, name=name, name_en=name_en)
    service.full_clean()  # names a code that is taken or not a slug
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError:
        raise ValidationError({"code": _("Another service already uses this code.")}) from None
    return service


@transaction.atomic
def service_update(
    *, actor: Any, service: SurveyService, name: str, name_en: str, is_active: bool, expected_version: int
) -> SurveyService:
    _require_change(actor, service.unit)
    _code, name, name_en = _clean_service(service.code, name, name_en)
    return update_versioned(
        service,
        expected_version=expected_version,
        fields={"name": name, "name_en": name_en, "is_active": is_active},
    )


@transaction.atomic
def population_set(
    *, actor: Any, service: SurveyService, year: int, period: str, population: int
) -> ServicePopulation:
    """The people a unit's own service served; the bureau's count themselves from delivered requests."""
    _require_change(actor, service.unit)
    if service.standard_id is not None:
        raise ValidationError(
            {"population": _("The population of this service is the number of requests delivered.")}
        )
    if period not in PERIODS:
        raise ValidationError({"period": _("Choose TW1 to TW4 or the whole year.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Choose a year from 2000 to 2100.")})
    if population < 0:
        raise ValidationError({"population": _("The population cannot be negative.")})
    row, _created = ServicePopulation.objects.update_or_create(
        service=service, year=year, period=period, defaults={"population": population}
    )
    return row


def questionnaire_inputs(indicator: Any) -> list[str]:
    """The indicator's table inputs with a column for each of the nine elements (IK-20's `responden`)."""
    names = []
    for spec in (indicator.computation or {}).get("inputs", []):
        columns = {column.get("name") for column in spec.get("columns", [])}
        if spec.get("type") == "table" and set(ELEMENTS) <= columns:
            names.append(spec["name"])
    return names


@transaction.atomic
def feed_set(
    *, actor: Any, unit: OrgUnit, indicator: Any, services: list[SurveyService], input_name: str = "responden"
) -> SurveyFeed:
    """Name which of the unit's surveyed services fill one table input of its indicator."""
    _require_change(actor, unit)
    if indicator.unit_id != unit.pk:
        raise ValidationError({"indicator": _("Choose an indicator of the unit.")})
    if input_name not in questionnaire_inputs(indicator):
        raise ValidationError(
            {"indicator": _("This indicator has no table input with the columns u1 to u9 to fill.")}
        )
    if any(service.unit_id != unit.pk for service in services):
        raise ValidationError({"services": _("Only the unit's own services can feed its indicator.")})
    feed, _created = SurveyFeed.objects.get_or_create(
        unit=unit, indicator=indicator, input_name=input_name, defaults={"created_by": actor}
    )
    feed.services.set(services)
    return feed


@transaction.atomic
def survey_invite_for_request(*, request: ServiceRequest) -> str | None:
    """Ask the requesting unit to rate a delivered service: a one-time link by e-mail to its staff,
    an in-app notice that opens the same questionnaire for them signed in. Returns the token (only
    here, never stored) or None when the request was already invited or is not a surveyed service."""
    from kinerja.notifications.recipients import unit_staff
    from kinerja.notifications.services import notification_send

    if request.status != RequestStatus.DELIVERED:
        return None
    if SurveyInvitation.objects.filter(request=request).exists():
        return None
    service = SurveyService.objects.filter(standard__code=request.kind, is_active=True).first()
    if service is None:
        service = next((s for s in bureau_services_ensure() if s.code == request.kind and s.is_active), None)
    if service is None:
        return None
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            SurveyInvitation.objects.create(request=request, service=service, token_hash=token_hash(token))
    except IntegrityError:
        return None  # invited meanwhile by another process
    staff = unit_staff([request.unit_id], timezone.localdate()).get(request.unit_id, [])
    link = settings.SITE_URL.rstrip("/") + reverse("survey:token", kwargs={"token": token})
    with translation.override(settings.LANGUAGE_CODE):
        values = {"number": request.number, "service": service.name}
        title = _("How was our service? (%(number)s)") % values
        notification_send(
            users=staff,
            event_key=f"survey-invitation:{request.pk}",
            title=title,
            body=_("Please rate %(service)s for request %(number)s: nine questions, two minutes.") % values,
            url=reverse("survey:request", kwargs={"number": request.number}),
            email=False,
        )
        body = (
            _("Biro Perencanaan has delivered %(service)s for request %(number)s.") % values
            + "\n"
            + _("Please rate the service (one answer per request; no sign-in needed):")
            + f"\n\n{link}\n"
        )
    for person in staff:
        if person.email:
            email_after_commit(subject=f"[Kinerja] {title}", body=body, to=[person.email])
    return token


def _choice(answers: dict[str, Any], field: str, choices: Any, message: str) -> str:
    value = str(answers.get(field) or "").strip()
    if value not in choices.values:
        raise ValidationError({field: message})
    return value


def clean_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Scores and profile checked field by field; each refusal names its field."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for key in ELEMENTS:
        try:
            cleaned[key] = parse_score(key, answers.get(key))
        except ScoreError:
            errors[key] = _("Choose a score from 1 to 4.")
    raw_age = str(answers.get("age") or "").strip()
    band = str(answers.get("age_band") or "").strip()
    if raw_age:
        if not raw_age.isdigit() or not 10 <= int(raw_age) <= 120:
            errors["age"] = _("Give an age in years from 10 to 120.")
        else:
            cleaned["age"] = int(raw_age)
            cleaned["age_band"] = age_band(int(raw_age))
    elif band in AgeBand.values:
        cleaned["age"], cleaned["age_band"] = None, band
    else:
        errors["age"] = _("Give your age or choose an age group.")
    for field, choices, message in (
        ("sex", Sex, _("Choose your sex.")),
        ("education", Education, _("Choose your education.")),
        ("occupation", Occupation, _("Choose your occupation.")),
    ):
        try:
            cleaned[field] = _choice(answers, field, choices, message)
        except ValidationError as exc:
            errors[field] = exc.message_dict[field][0]
    suggestion = str(answers.get("suggestion") or "").strip()
    if len(suggestion) > SUGGESTION_MAX:
        errors["suggestion"] = _("Keep the suggestion under %(max)s characters.") % {"max": SUGGESTION_MAX}
    cleaned["suggestion"] = suggestion
    if errors:
        raise ValidationError(errors)
    return cleaned


def already_answered_message() -> str:
    return _("This request has already been rated. Thank you: one answer per request is counted.")


@transaction.atomic
def response_submit(
    *,
    service: SurveyService,
    answers: dict[str, Any],
    invitation: SurveyInvitation | None = None,
    at: datetime.datetime | None = None,
) -> SurveyResponse:
    """Record one questionnaire; a request's second answer is refused, also when two race."""
    if not service.is_active:
        raise ValidationError(_("This service is not being surveyed."))
    cleaned = clean_answers(answers)
    if invitation is not None and SurveyResponse.objects.filter(request_id=invitation.request_id).exists():
        raise ValidationError(already_answered_message())
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                service=service,
                invitation=invitation,
                request_id=invitation.request_id if invitation else None,
                submitted_at=at or timezone.now(),
                **cleaned,
            )
    except IntegrityError:
        raise ValidationError(already_answered_message()) from None
    _feed_after_commit(response)
    return response


def _feed_after_commit(response: SurveyResponse) -> None:
    """Refresh the indicators this service feeds, for the quarter the answer falls in."""
    from .feed import quarter_of
    from .tasks import feed_refresh_task

    year, quarter = quarter_of(response.submitted_at)
    units = set(SurveyFeed.objects.filter(services=response.service_id).values_list("unit_id", flat=True))
    for unit_id in sorted(units):
        transaction.on_commit(partial(feed_refresh_task.enqueue, unit_id=unit_id, year=year, period=quarter))
