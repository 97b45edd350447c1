"""The service calendar page: weekly hours, the year's closed days, the administrators' forms and
the service-hours calculator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors
from kinerja.workflows.models import Compensation, ServiceStandard

from . import selectors, services
from .forms import CollectiveLeaveForm, ImportForm, ServiceHoursForm, SlaForm
from .models import CollectiveLeave, Weekday
from .sla import sla_from_text


def _require_admin(user: Any) -> None:
    if not services.may_manage_calendar(user):
        raise PermissionDenied


def _year(request: HttpRequest) -> int:
    """The year asked for with ?year=, or this year when none (or nonsense) is asked."""
    today = timezone.localdate().year
    raw = request.GET.get("year", "")
    if not raw:
        return today
    if raw.isdigit() and selectors.FIRST_YEAR <= int(raw) <= selectors.LAST_YEAR:
        return int(raw)
    messages.error(
        request,
        _("Choose a year from %(first)s to %(last)s.")
        % {"first": selectors.FIRST_YEAR, "last": selectors.LAST_YEAR},
    )
    return today


def _to_year(year: int) -> HttpResponse:
    return redirect(f"{reverse('calendar:index')}?year={year}")


def _hours_id(weekday: int) -> str:
    """Seven forms share the page: each day's fields get their own ids."""
    return f"id_hours_{weekday}_%s"


def _calculator(form: SlaForm | None = None) -> dict[str, Any]:
    """The calculator's context: an empty form, or the measure of a submitted one (or its errors)."""
    context: dict[str, Any] = {"sla_form": form or SlaForm(), "measure": None, "standard": None}
    if form is None or not form.is_valid():
        return context
    data = form.cleaned_data
    try:
        measure = sla_from_text(
            service=data["service"], start=data["start"], end=data["end"], pauses=form.pause_list()
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return context
    return context | {
        "measure": measure,
        "standard": ServiceStandard.objects.get(code=measure.service),
        "compensation_label": Compensation(measure.compensation).label,
    }


def _page(
    request: HttpRequest,
    year: int,
    *,
    calculator: dict[str, Any] | None = None,
    leave_form: CollectiveLeaveForm | None = None,
    hours_forms: dict[int, ServiceHoursForm] | None = None,
) -> HttpResponse:
    is_admin = services.may_manage_calendar(request.user)
    closed = selectors.closed_days(year=year)
    entered = {day.date for day in closed if day.kind == "collective_leave"}
    suggestions = (
        sorted((d, n) for d, n in selectors.suggested_collective_leave(year=year).items() if d not in entered)
        if is_admin
        else []
    )
    week = [
        (
            day,
            row,
            (hours_forms or {}).get(day.value)
            or ServiceHoursForm(
                initial={
                    "weekday": day.value,
                    "opens": row.opens if row else None,
                    "closes": row.closes if row else None,
                },
                auto_id=_hours_id(day.value),
            ),
        )
        for day, row in selectors.weekly_hours()
    ]
    context = {
        "year": year,
        "years": [year - 1, year, year + 1],
        "week": week,
        "closed": closed,
        "suggestions": suggestions,
        "is_admin": is_admin,
        "leave_form": leave_form or CollectiveLeaveForm(initial={"date": f"{year}-01-01"}),
        **(calculator or _calculator()),
    }
    return render(request, "calendar/index.html", context)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    if fmt := requested_format(request):
        table = Table(
            title=_("Days without service in %(year)s") % {"year": year},
            columns=[Column(_("Date")), Column(_("Day")), Column(_("Name")), Column(_("Kind"))],
            rows=[
                [
                    day.date,
                    date_format(day.date, "l"),
                    day.name,
                    _("National holiday")
                    if day.kind == "national_holiday"
                    else _("Collective leave (cuti bersama)"),
                ]
                for day in selectors.closed_days(year=year)
            ],
            filename=f"hari-libur-{year}",
        )
        return export_response(request, table, fmt)
    return _page(request, year)


@login_required
def sla(request: HttpRequest) -> HttpResponse:
    """The calculator: a GET, since it changes nothing; htmx gets only the calculator's panel."""
    calculator = _calculator(SlaForm(request.GET))
    if request.headers.get("HX-Request"):
        return render(request, "calendar/_sla.html", calculator)
    return _page(request, _year(request), calculator=calculator)


@login_required
@require_POST
def leave_add(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = CollectiveLeaveForm(request.POST)
    if form.is_valid():
        try:
            leave = services.collective_leave_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(date)s is now a collective-leave day.") % {"date": leave.date})
            return _to_year(leave.date.year)
    year = form.cleaned_data["date"].year if form.cleaned_data.get("date") else timezone.localdate().year
    return _page(request, year, leave_form=form)


@login_required
@require_POST
def leave_delete(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(CollectiveLeave, pk=pk)
    _require_admin(request.user)
    year = leave.date.year
    services.collective_leave_delete(actor=request.user, leave=leave)
    messages.success(request, _("%(date)s is a service day again.") % {"date": leave.date})
    return _to_year(year)


@login_required
@require_POST
def leave_import(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = ImportForm(request.POST)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    try:
        added = services.collective_leave_import(actor=request.user, year=year)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("calendar:index")
    if added:
        messages.success(request, _("%(count)s collective-leave days entered.") % {"count": len(added)})
    else:
        messages.info(request, _("Every suggested day was already entered."))
    return _to_year(year)


@login_required
@require_POST
def hours_set(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    weekday = request.POST.get("weekday", "")
    if not weekday.isdigit() or int(weekday) not in Weekday.values:
        messages.error(request, _("Choose a day of the week."))
        return redirect("calendar:index")
    form = ServiceHoursForm(request.POST, auto_id=_hours_id(int(weekday)))
    if form.is_valid():
        try:
            services.service_hours_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Service hours saved."))
            return redirect("calendar:index")
    return _page(request, timezone.localdate().year, hours_forms={int(weekday): form})


@login_required
@require_POST
def hours_clear(request: HttpRequest, weekday: int) -> HttpResponse:
    _require_admin(request.user)
    try:
        services.service_hours_clear(actor=request.user, weekday=weekday)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("That day now has no service."))
    return redirect("calendar:index")
