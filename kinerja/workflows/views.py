"""Pages of the request register: the queue, a request with its clock, and the officers' actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can, is_administrator, restrict, scope_for
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors, posted_action
from kinerja.core.history import history_entries
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .clock import request_clock
from .evaluation import may_see_evaluation
from .forms import (
    CompensationForm,
    InvitationForm,
    OpenForm,
    PortfolioForm,
    ReasonForm,
    ReassignForm,
    ReviewForm,
    TickForm,
    VersionedForm,
)
from .hooks import hooks_for
from .letters import owes_written_apology
from .models import Portfolio, ServiceKind, ServiceRequest, ServiceStandard


def may_serve(user: Any) -> bool:
    return scope_for(user, Action.SERVE).everything


QUEUE_LABELS = {
    "open": _lazy("Open"),
    "mine": _lazy("My queue"),
    "team": _lazy("My team's queue"),
    "late": _lazy("Over the limit"),
    "all": _lazy("All"),
}


def _register_table(rows: list[Any], *, queue: str, kind: str, year: str) -> Table:
    from .templatetags.workflows_ui import compensation_label

    chosen = [str(QUEUE_LABELS.get(queue, queue))]
    if kind:
        chosen.append(str(ServiceKind(kind).label))
    if year.isdigit():
        chosen.append(_("Year %(year)s") % {"year": year})
    return Table(
        title=_("Services of Biro Perencanaan"),
        filters=" · ".join(chosen),
        columns=[
            Column(_("Number")),
            Column(_("Service")),
            Column(_("Unit")),
            Column(_("Year")),
            Column(_("Quarter")),
            Column(_("Status")),
            Column(_("Officer")),
            Column(_("Service hours")),
            Column(_("Time limit (hours)")),
            Column(_("Compensation")),
        ],
        rows=[
            [
                row.request.number,
                row.request.get_kind_display(),
                row.request.unit.short_name,
                row.request.year,
                row.request.quarter or "",
                row.request.get_status_display(),
                str(row.request.assigned_to) if row.request.assigned_to else "",
                row.clock.hours,
                row.clock.limit_hours,
                compensation_label(row.clock.compensation) if row.clock.started else "",
            ]
            for row in rows
        ],
        filename="register-layanan",
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    queue = request.GET.get("queue", "open")
    if queue not in selectors.QUEUES:
        queue = "open"
    requests = selectors.request_list(user=user).filter(selectors.queue_filter(queue, user))
    kind = request.GET.get("kind", "")
    if kind in ServiceKind.values:
        requests = requests.filter(kind=kind)
    year = request.GET.get("year", "")
    if year.isdigit():
        requests = requests.filter(year=int(year))
    rows = selectors.with_clocks(list(requests[:300]))
    if queue == "late":
        rows = [row for row in rows if row.clock.late]
    if fmt := requested_format(request):
        return export_response(request, _register_table(rows, queue=queue, kind=kind, year=year), fmt)
    return render(
        request,
        "workflows/request_list.html",
        {
            "rows": rows,
            "queue": queue,
            "kind": kind,
            "year": year,
            "kinds": ServiceKind.choices,
            "may_serve": may_serve(user),
            "may_evaluate": may_see_evaluation(user),
            "may_open": may_serve(user) or bool(_openable_units(user).exists()),
            "standards": ServiceStandard.objects.all(),
        },
    )


def _detail_context(request: HttpRequest, service_request: ServiceRequest) -> dict[str, Any]:
    user = request.user
    can_serve = can(user, Action.SERVE, service_request.unit)
    can_change = can(user, Action.CHANGE, service_request.unit)
    context: dict[str, Any] = {
        "request_obj": service_request,
        "clock": request_clock(service_request, events=list(service_request.clock_events.all())),
        "requirements": services.requirements_of(service_request),
        "events": list(service_request.clock_events.all()),
        "reviews": list(service_request.reviews.select_related("reviewer")),
        "blocker": services.quality_blocker(service_request),
        "can_serve": can_serve,
        "can_change": can_change,
        "is_qc": services.is_quality_control(user),
        "version_form": VersionedForm(initial={"row_version": service_request.row_version}),
        "reason_form": ReasonForm(initial={"row_version": service_request.row_version}),
        "reassign_form": ReassignForm(
            initial={"row_version": service_request.row_version, "officer": service_request.assigned_to_id}
        ),
        "compensation_form": CompensationForm(initial={"row_version": service_request.row_version}),
        "review_form": ReviewForm(),
        "history": history_entries(service_request),
        "standard": ServiceStandard.objects.filter(code=service_request.kind).first(),
        "written_apology": owes_written_apology(service_request),
    }
    panel = hooks_for(service_request.kind).panel
    if panel is not None:
        context["panel_template"] = panel.template
        context.update(panel.context(service_request, user))
    return context


@login_required
def request_detail(request: HttpRequest, number: str) -> HttpResponse:
    service_request = selectors.request_get(user=request.user, number=number)
    return render(request, "workflows/request_detail.html", _detail_context(request, service_request))


@login_required
def request_clock_partial(request: HttpRequest, number: str) -> HttpResponse:
    """The clock card alone, which the page refreshes every minute while the clock runs."""
    service_request = selectors.request_get(user=request.user, number=number)
    clock = request_clock(service_request, events=list(service_request.clock_events.all()))
    return render(request, "workflows/_clock.html", {"request_obj": service_request, "clock": clock})


def _act(
    request: HttpRequest,
    number: str,
    form_class: type,
    action: Callable[[ServiceRequest, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Run one service on the request from a posted form; errors come back as messages."""
    service_request = selectors.request_get(user=request.user, number=number)
    posted_action(request, form_class, lambda data: action(service_request, data), done)
    return redirect("workflows:detail", number=number)


@login_required
@require_POST
def request_submit(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        VersionedForm,
        lambda r, data: services.request_submit(
            actor=request.user, request=r, expected_version=data["row_version"]
        ),
        _("The request is complete; the service clock runs."),
    )


@login_required
@require_POST
def request_return(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        ReasonForm,
        lambda r, data: services.request_return(
            actor=request.user, request=r, reason=data["reason"], expected_version=data["row_version"]
        ),
        _("The request went back to the unit; the clock is paused."),
    )


@login_required
@require_POST
def request_cancel(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        ReasonForm,
        lambda r, data: services.request_cancel(
            actor=request.user, request=r, reason=data["reason"], expected_version=data["row_version"]
        ),
        _("The request was cancelled."),
    )


@login_required
@require_POST
def worksheet_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        ReasonForm,
        lambda r, data: services.request_worksheet_withdraw(
            actor=request.user, request=r, reason=data["reason"], expected_version=data["row_version"]
        ),
        _("The worksheet was withdrawn; its signatures are void."),
    )


@login_required
@require_POST
def request_reassign(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        ReassignForm,
        lambda r, data: services.request_reassign(
            actor=request.user, request=r, officer=data["officer"], expected_version=data["row_version"]
        ),
        _("The request was reassigned."),
    )


@login_required
@require_POST
def compensation_give(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        CompensationForm,
        lambda r, data: services.compensation_give(
            actor=request.user, request=r, note=data["note"], expected_version=data["row_version"]
        ),
        _("The compensation is recorded as given."),
    )


@login_required
@require_POST
def quality_review(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        ReviewForm,
        lambda r, data: services.quality_review_add(
            actor=request.user, request=r, verdict=data["verdict"], note=data["note"]
        ),
        _("The review was recorded."),
    )


@login_required
@require_POST
def requirement_tick(request: HttpRequest, number: str) -> HttpResponse:
    return _act(
        request,
        number,
        TickForm,
        lambda r, data: services.requirement_tick(
            actor=request.user, request=r, key=data["key"], met=data["met"]
        ),
        _("The requirement was updated."),
    )


@login_required
def invitation_create(request: HttpRequest) -> HttpResponse:
    if not may_serve(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_send(
                actor=request.user,
                kind=data["kind"],
                year=data["year"],
                quarter=data["quarter"],
                units=list(data["units"]),
                title=data["title"],
                message=data["message"],
                meeting_at=data["meeting_at"],
                place=data["place"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            count = invitation.requests.count()
            messages.success(
                request, _("Invitation sent; %(count)d request(s) in the register.") % {"count": count}
            )
            return redirect(f"{reverse('workflows:index')}?queue=open&kind={invitation.kind}")
    return render(request, "workflows/invitation_form.html", {"form": form})


def _openable_units(user: Any) -> Any:
    return restrict(OrgUnit.objects.filter(is_active=True), user, Action.CHANGE).order_by("path")


@login_required
def request_open(request: HttpRequest) -> HttpResponse:
    """Officers open any service for a unit; a unit asks for mentoring itself."""
    serving = may_serve(request.user)
    units = (
        OrgUnit.objects.filter(is_active=True).order_by("path") if serving else _openable_units(request.user)
    )
    if not serving and not units.exists():
        raise PermissionDenied
    kinds = list(ServiceKind.values) if serving else [ServiceKind.PENDAMPINGAN]
    form = OpenForm(
        request.POST or None,
        units=units,
        kinds=kinds,
        initial={"year": timezone.localdate().year, "kind": kinds[-1], "unit": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = services.request_open(
                actor=request.user,
                kind=data["kind"],
                unit=data["unit"],
                year=data["year"],
                quarter=data["quarter"],
                subject=data["subject"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Request %(number)s opened.") % {"number": opened.number})
            return redirect("workflows:detail", number=opened.number)
    return render(request, "workflows/open_form.html", {"form": form})


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    """Who serves whom: every planner's units; administrators change them."""
    if not may_serve(request.user) and not is_administrator(request.user):
        raise PermissionDenied
    admin = is_administrator(request.user)
    form = PortfolioForm(request.POST or None) if admin else None
    if request.method == "POST":
        if not admin:
            raise PermissionDenied
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.portfolio_set(
                    actor=request.user,
                    planner=data["planner"],
                    units=list(data["units"]),
                    lead=list(data["lead"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The portfolio was saved."))
                return redirect("workflows:portfolio")
    rows = Portfolio.objects.select_related("planner", "unit").order_by("planner__full_name", "unit__path")
    if request.method == "GET" and (fmt := requested_format(request)):
        table = Table(
            title=_("Who serves whom"),
            columns=[Column(_("Planner")), Column(_("Unit")), Column(_("Code")), Column(_("Lead officer"))],
            rows=[
                [str(row.planner), row.unit.short_name, row.unit.code, _("yes") if row.is_lead else ""]
                for row in rows
            ],
            filename="portofolio",
        )
        return export_response(request, table, fmt)
    return render(request, "workflows/portfolio.html", {"rows": rows, "form": form})
