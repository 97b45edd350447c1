"""Pages of the verification session: the lines with their evidence, one line's verdict, the worksheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.accounts.access import Action, can
from kinerja.accounts.models import User
from kinerja.catalog.services import problem_text
from kinerja.catalog.trypanel import TryPanel
from kinerja.core.forms import add_service_errors, flash_errors
from kinerja.core.history import history_entries
from kinerja.notifications.recipients import unit_staff
from kinerja.performance.services import realisation_preview
from kinerja.performance.views import located_problems, panel_data, panel_inputs
from kinerja.planning.schedule import year_definition
from kinerja.workflows import services as workflow_services
from kinerja.workflows.forms import planners
from kinerja.workflows.models import RequestStatus, ServiceRequest

from . import selectors, services
from .forms import LineCheckForm, ReturnForm, WorksheetForm
from .models import Verdict, VerificationLine


def _session_url(request: ServiceRequest) -> str:
    return reverse("verification:session", kwargs={"number": request.number})


def _require_serve(user: Any, request: ServiceRequest) -> None:
    if not can(user, Action.SERVE, request.unit):
        raise PermissionDenied


def _worksheet_form(request: ServiceRequest, user: Any, data: Any = None) -> WorksheetForm:
    staff = unit_staff([request.unit_id], timezone.localdate()).get(request.unit_id, [])
    return WorksheetForm(
        data,
        officers=User.objects.filter(Q(pk__in=planners()) | Q(pk=user.pk)).order_by("full_name", "username"),
        staff=User.objects.filter(pk__in=[person.pk for person in staff]).order_by("full_name", "username"),
        initial={
            "row_version": request.row_version,
            "verifiers": [user.pk],
            "representative": staff[0].pk if staff else None,
        },
    )


# --- the session ---------------------------------------------------------------------------------
@login_required
def session(http: HttpRequest, number: str) -> HttpResponse:
    """Every claimed line with its target and evidence; the officer's verdicts and the worksheet."""
    request = selectors.verification_get(user=http.user, number=number)
    can_serve = can(http.user, Action.SERVE, request.unit)
    working = can_serve and request.status == RequestStatus.IN_SERVICE
    if working:
        try:
            services.lines_build(actor=http.user, request=request)
        except ValidationError as exc:
            flash_errors(http, exc)
    rows = selectors.line_rows(request)
    counts = selectors.counts(request)
    return render(
        http,
        "verification/session.html",
        {
            "request_obj": request,
            "rows": rows,
            "counts": counts,
            "can_serve": can_serve,
            "working": working,
            "worksheet_form": _worksheet_form(request, http.user) if working else None,
            "return_form": ReturnForm(initial={"row_version": request.row_version}) if working else None,
            "quarter_url": reverse(
                "performance:quarter",
                kwargs={"code": request.unit.code, "year": request.year, "quarter": request.quarter},
            ),
        },
    )


def _panel(line: VerificationLine, data: Any = None) -> TryPanel | None:
    yd = year_definition(line.indicator, line.request.year)
    if yd is None:
        return None
    if data is None:
        inputs = line.corrected_inputs if line.corrected_inputs is not None else line.claimed_inputs
        data = panel_data(inputs, line.period) if inputs is not None else None
    return TryPanel(yd.definition, data)


@login_required
@require_http_methods(["GET", "POST"])
def line(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    """One claim beside its evidence: "sesuai", or the corrected inputs with a note."""
    request = selectors.verification_get(user=http.user, number=number)
    found = selectors.line_get(request=request, pk=pk)
    working = can(http.user, Action.SERVE, request.unit) and request.status == RequestStatus.IN_SERVICE
    problems: list[dict[str, str]] = []
    if http.method == "POST":
        _require_serve(http.user, request)
        form = LineCheckForm(http.POST)
        panel = _panel(found, http.POST)
        if form.is_valid():
            data = form.cleaned_data
            correcting = data["verdict"] == Verdict.DIKOREKSI
            try:
                services.line_check(
                    actor=http.user,
                    line=found,
                    verdict=data["verdict"],
                    corrected_inputs=panel_inputs(panel) if correcting and panel is not None else None,
                    note=data["note"],
                    expected_version=data["row_version"],
                )
            except services.CorrectionRefused as exc:
                if panel is not None:
                    problems = located_problems(panel, exc.problems)
                form.add_error(None, exc.messages)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    http, _("%(line)s checked.") % {"line": f"{found.indicator.code} {found.period}"}
                )
                return redirect(f"{_session_url(request)}#line-{found.pk}")
    else:
        form = LineCheckForm(
            initial={
                "row_version": found.row_version,
                "verdict": found.verdict if found.verdict != Verdict.PENDING else Verdict.SESUAI,
                "note": found.note,
            }
        )
        panel = _panel(found)
    row = next((r for r in selectors.line_rows(request) if r.line.pk == found.pk), None)
    return render(
        http,
        "verification/line.html",
        {
            "request_obj": request,
            "line": found,
            "row": row,
            "form": form,
            "panel": panel,
            "problems": problems,
            "working": working,
            "history": history_entries(found),
            "session_url": _session_url(request),
        },
    )


@login_required
@require_POST
def line_preview(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    """The corrected value as the officer types: the entry's own preview, nothing saved."""
    request = selectors.verification_get(user=http.user, number=number)
    found = selectors.line_get(request=request, pk=pk)
    _require_serve(http.user, request)
    panel = _panel(found, http.POST)
    context: dict[str, Any] = {"unit_of_measure": str((found.indicator.computation or {}).get("unit", ""))}
    if panel is None:
        context["problem"] = _("This indicator has no formula yet.")
        return render(http, "performance/_preview.html", context)
    try:
        preview = realisation_preview(
            unit=request.unit,
            indicator=found.indicator,
            year=request.year,
            period=found.period,
            inputs=panel_inputs(panel),
        )
    except ValidationError as exc:
        context["problem"] = " ".join(exc.messages)
    else:
        context["result"] = preview.result
        context["problems"] = located_problems(panel, preview.input_problems)
        context["problem"] = problem_text(preview.problem) if preview.problem else ""
    return render(http, "performance/_preview.html", context)


@login_required
@require_POST
def line_check(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    """The session's one-click "sesuai"; with htmx only the line's row comes back."""
    request = selectors.verification_get(user=http.user, number=number)
    found = selectors.line_get(request=request, pk=pk)
    _require_serve(http.user, request)
    form = LineCheckForm(http.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    elif form.cleaned_data["verdict"] != Verdict.SESUAI:
        error = _("A correction is made on the line's own page, with the corrected inputs.")
    else:
        try:
            services.line_check(
                actor=http.user,
                line=found,
                verdict=Verdict.SESUAI,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if http.headers.get("HX-Request"):
        request.refresh_from_db()
        row = next((r for r in selectors.line_rows(request) if r.line.pk == found.pk), None)
        if row is None:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(
            http,
            "verification/_line_row.html",
            {
                "row": row,
                "request_obj": request,
                "working": request.status == RequestStatus.IN_SERVICE,
                "error": error,
                "oob_counts": selectors.counts(request),
            },
        )
    if error:
        messages.error(http, error)
    else:
        messages.success(http, _("%(line)s checked.") % {"line": f"{found.indicator.code} {found.period}"})
    return redirect(f"{_session_url(request)}#line-{found.pk}")


# --- the worksheet and the return ----------------------------------------------------------------
@login_required
@require_POST
def issue(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.verification_get(user=http.user, number=number)
    _require_serve(http.user, request)
    form = _worksheet_form(request, http.user, http.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(http, f"{label}: {error}" if label else str(error))
        return redirect(_session_url(request))
    try:
        services.verification_worksheet_issue(
            actor=http.user,
            request=request,
            verifiers=list(form.cleaned_data["verifiers"]),
            representative=form.cleaned_data["representative"],
            expected_version=form.cleaned_data["row_version"],
        )
    except ValidationError as exc:
        flash_errors(http, exc)
        return redirect(_session_url(request))
    messages.success(http, _("The worksheet went out for signature."))
    return redirect("workflows:detail", number=request.number)


@login_required
@require_POST
def return_(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.verification_get(user=http.user, number=number)
    _require_serve(http.user, request)
    form = ReturnForm(http.POST)
    if not form.is_valid():
        messages.error(http, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(_session_url(request))
    try:
        workflow_services.request_return(
            actor=http.user,
            request=request,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["row_version"],
        )
    except ValidationError as exc:
        flash_errors(http, exc)
        return redirect(_session_url(request))
    messages.success(http, _("The request and the quarter went back to the unit; the clock is paused."))
    return redirect("workflows:detail", number=request.number)
