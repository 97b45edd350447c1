"""Survey pages: the public questionnaire (open link and one-time link), the published results, and
the staff page where a unit registers its services, enters populations and refreshes its feed."""

from __future__ import annotations

import csv
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from kinerja.accounts.access import Action, can, restrict
from kinerja.catalog.models import Indicator
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors, flash_errors
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceRequest

from . import selectors, services
from .feed import feed_refresh
from .forms import (
    FeedForm,
    PopulationForm,
    RefreshForm,
    ResponseForm,
    ResultsFilter,
    ServiceEditForm,
    ServiceForm,
)
from .ikm import ELEMENTS
from .models import SurveyFeed, SurveyInvitation, SurveyService

#: Per client address, across every process (the cache is the shared database cache).
RATE = "10/m"


def client_address(group: str, request: HttpRequest) -> str:
    """The address django-axes sees, so a reverse proxy (AXES_PROXY_COUNT) is not one client."""
    return get_client_ip_address(request) or "unknown"


def _limited(request: HttpRequest) -> bool:
    return bool(getattr(request, "limited", False))


def _questionnaire(
    request: HttpRequest,
    *,
    service: SurveyService,
    invitation: SurveyInvitation | None,
    done_url: str,
    **context: Any,
) -> HttpResponse:
    """Shared by the three doors: show the form, or take one answer and go to `done_url`."""
    form = ResponseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _limited(request):
            form.add_error(None, _("Too many answers from your address; please try again in a minute."))
            status = 429
        elif form.is_robot():
            return redirect(done_url)  # a robot is thanked and nothing is recorded
        elif form.is_valid():
            try:
                services.response_submit(service=service, answers=form.cleaned_data, invitation=invitation)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your answer has been recorded."))
                return redirect(done_url)
    return render(
        request,
        "survey/questionnaire.html",
        {"form": form, "service": service, "invitation": invitation, **context},
        status=status,
    )


@ratelimit(key=client_address, rate=RATE, method="POST", block=False)
def open_form(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone who used the service may answer; nothing ties an answer to a person."""
    service = selectors.service_by_code(code)
    if request.GET.get("thanks"):
        return render(request, "survey/thanks.html", {"service": service})
    return _questionnaire(
        request,
        service=service,
        invitation=None,
        done_url=reverse("survey:open", kwargs={"code": code}) + "?thanks=1",
    )


@ratelimit(key=client_address, rate=RATE, method="POST", block=False)
def token_form(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    if selectors.is_answered(invitation):
        return render(
            request, "survey/thanks.html", {"service": invitation.service, "invitation": invitation}
        )
    return _questionnaire(
        request,
        service=invitation.service,
        invitation=invitation,
        done_url=reverse("survey:token", kwargs={"token": token}),
    )


@login_required
def request_form(request: HttpRequest, number: str) -> HttpResponse:
    """The requesting unit's staff, signed in, answer for their request without the e-mailed link."""
    service_request = get_object_or_404(restrict(ServiceRequest.objects.all(), request.user), number=number)
    if not can(request.user, Action.CHANGE, service_request.unit):
        raise PermissionDenied
    invitation = SurveyInvitation.objects.filter(request=service_request).select_related("service").first()
    if invitation is None:
        raise Http404
    if selectors.is_answered(invitation):
        return render(
            request, "survey/thanks.html", {"service": invitation.service, "invitation": invitation}
        )
    return _questionnaire(
        request,
        service=invitation.service,
        invitation=invitation,
        done_url=reverse("survey:request", kwargs={"number": number}),
    )


def _results_table(rows: Any, *, year: int, period: str) -> Table:
    return Table(
        title=_("Public satisfaction index (IKM)"),
        filters=f"{period} {year}",
        columns=[
            Column(_("Service")),
            Column(_("Unit")),
            Column(_("Respondents")),
            *(Column(f"NRR {key.upper()}") for key in ELEMENTS),
            Column(_("IKM")),
            Column(_("Grade")),
            Column(_("Population served")),
            Column(_("Sample needed (Krejcie–Morgan)")),
        ],
        rows=[
            [
                row.service.name,
                row.service.unit.name,
                row.result.respondents,
                *(row.result.nrr.get(key) for key in ELEMENTS),
                row.result.ikm,
                f"{row.result.grade} {row.result.label}".strip(),
                row.population,
                row.sample_size,
            ]
            for row in rows
        ],
        filename=f"ikm-{year}-{period}",
    )


def results(request: HttpRequest) -> HttpResponse:
    """Published for everyone as soon as answers exist; computed live from the responses."""
    services_list = list(selectors.public_services())
    form = ResultsFilter(request.GET or None, services=services_list)
    code, year, period = form.values()
    rows = selectors.results(year=year, period=period, code=code)
    # Exports are for signed-in staff, as the CSV: a PDF is too costly to render for anyone asking.
    if request.user.is_authenticated and (fmt := requested_format(request)):
        return export_response(request, _results_table(rows, year=year, period=period), fmt)
    return render(
        request,
        "survey/results.html",
        {
            "form": form,
            "year": year,
            "period": period,
            "rows": rows,
            "feed_rows": [] if code else selectors.feed_results(year=year, period=period),
        },
    )


@login_required
def results_csv(request: HttpRequest) -> HttpResponse:
    """The published figures as CSV, for staff who report them elsewhere."""
    form = ResultsFilter(request.GET or None, services=list(selectors.public_services()))
    code, year, period = form.values()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ikm-{year}-{period}.csv"'
    writer = csv.writer(response)
    header = ["service", "name", "unit", "year", "period", "respondents", *ELEMENTS, "ikm", "grade", "label"]
    writer.writerow([*header, "population", "sample_size"])
    for row in selectors.results(year=year, period=period, code=code):
        result = row.result
        writer.writerow(
            [
                row.service.code,
                row.service.name,
                row.service.unit.code,
                year,
                period,
                result.respondents,
                *[result.nrr.get(key, "") for key in ELEMENTS],
                "" if result.ikm is None else result.ikm,
                result.grade,
                result.label,
                "" if row.population is None else row.population,
                "" if row.sample_size is None else row.sample_size,
            ]
        )
    return response


def _units(user: Any) -> Any:
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.CHANGE).order_by("path")


def _feed_form(user: Any, data: Any = None) -> FeedForm:
    """Indicators of the user's units that have a questionnaire table; the user's own services."""
    candidates = Indicator.objects.filter(
        unit__in=_units(user), is_active=True, current_version__isnull=False
    ).select_related("current_version", "unit")
    fit = [indicator.pk for indicator in candidates if services.questionnaire_inputs(indicator)]
    return FeedForm(
        data,
        indicators=Indicator.objects.filter(pk__in=fit).select_related("unit").order_by("unit__path", "code"),
        services=selectors.services_to_manage(user).filter(is_active=True),
    )


def _manage_page(
    request: HttpRequest,
    *,
    create_form: ServiceForm | None = None,
    feed_form: FeedForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    own = list(selectors.services_to_manage(request.user))
    return render(
        request,
        "survey/manage.html",
        {
            "services": own,
            "create_form": create_form or ServiceForm(units=_units(request.user)),
            "population_form": PopulationForm(initial={"year": today.year, "period": "TW1"}),
            "refresh_form": RefreshForm(
                initial={"year": today.year, "period": "TW" + str((today.month - 1) // 3 + 1)}
            ),
            "feeds": list(selectors.feeds_to_manage(request.user)),
            "feed_form": feed_form or _feed_form(request.user),
        },
    )


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    return _manage_page(request)


@login_required
@require_POST
def service_create(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST, units=_units(request.user))
    if form.is_valid():
        try:
            service = services.service_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                name_en=form.cleaned_data["name_en"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered for the survey.") % {"name": service.name})
            return redirect("survey:manage")
    return _manage_page(request, create_form=form)


def _own_service(request: HttpRequest, code: str) -> SurveyService:
    """A service the user may see (404 otherwise) and change (403 otherwise)."""
    service = get_object_or_404(
        restrict(SurveyService.objects.select_related("unit"), request.user), code=code
    )
    if not can(request.user, Action.CHANGE, service.unit):
        raise PermissionDenied
    return service


@login_required
def service_edit(request: HttpRequest, code: str) -> HttpResponse:
    service = _own_service(request, code)
    form = ServiceEditForm(
        request.POST or None,
        initial={
            "name": service.name,
            "name_en": service.name_en,
            "is_active": service.is_active,
            "row_version": service.row_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.service_update(
                actor=request.user,
                service=service,
                name=data["name"],
                name_en=data["name_en"],
                is_active=data["is_active"],
                expected_version=data["row_version"],
            )
        except ConcurrentEditError as exc:
            flash_errors(request, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("survey:manage")
    return render(request, "survey/service_edit.html", {"service": service, "form": form})


@login_required
@require_POST
def population_set(request: HttpRequest, code: str) -> HttpResponse:
    service = _own_service(request, code)
    form = PopulationForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            messages.error(request, f"{form.fields[name].label if name in form.fields else ''}: {errors[0]}")
        return redirect("survey:manage")
    try:
        services.population_set(actor=request.user, service=service, **form.cleaned_data)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Population saved."))
    return redirect("survey:manage")


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """Name the services whose answers fill an indicator's questionnaire table (IK-20's `responden`)."""
    form = _feed_form(request.user, request.POST)
    if form.is_valid():
        indicator = form.cleaned_data["indicator"]
        try:
            services.feed_set(
                actor=request.user,
                unit=indicator.unit,
                indicator=indicator,
                services=list(form.cleaned_data["services"]),
                input_name=services.questionnaire_inputs(indicator)[0],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(code)s is now filled from the survey.") % {"code": indicator.code})
            return redirect("survey:manage")
    return _manage_page(request, feed_form=form)


@login_required
@require_POST
def feed_refresh_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's staff pull the survey's answers into the indicator now instead of waiting."""
    feed = get_object_or_404(restrict(SurveyFeed.objects.select_related("unit"), request.user), pk=pk)
    if not can(request.user, Action.CHANGE, feed.unit):
        raise PermissionDenied
    form = RefreshForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year and a quarter."))
        return redirect("survey:manage")
    for done, outcome in feed_refresh(unit=feed.unit, **form.cleaned_data):
        label = f"{done.indicator.code} {form.cleaned_data['period']} {form.cleaned_data['year']}"
        if outcome.written:
            messages.success(request, _("%(what)s: filled from the survey.") % {"what": label})
        else:
            messages.info(request, f"{label}: {outcome.reason}")
    return redirect("survey:manage")
