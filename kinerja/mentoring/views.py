"""Pages of the mentoring service: ask for it, bring the files, record the findings, issue the worksheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can, restrict, scope_for
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors, flash_errors
from kinerja.core.history import history_entries
from kinerja.organization.models import OrgUnit
from kinerja.workflows import services as workflows
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest

from . import selectors, services
from .forms import FindingForm, NewRequestForm, UploadForm, VersionForm, WorksheetForm
from .hooks import requirements


def _detail(request: ServiceRequest) -> str:
    return reverse("workflows:detail", kwargs={"number": request.number})


def _openable_units(user: Any) -> QuerySet[OrgUnit]:
    """Units the user may ask mentoring for: their own (unit staff) or any (officers)."""
    active = OrgUnit.objects.filter(is_active=True)
    if scope_for(user, Action.SERVE).everything:
        return active.order_by("path")
    serving = restrict(active, user, Action.SERVE).values("pk")
    changing = restrict(active, user, Action.CHANGE).values("pk")
    return active.filter(Q(pk__in=serving) | Q(pk__in=changing)).order_by("path")


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    """The unit asks for mentoring of its LKj; an officer may open the request on its behalf."""
    units = _openable_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = NewRequestForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = workflows.request_open(
                actor=request.user,
                kind=ServiceKind.PENDAMPINGAN,
                unit=data["unit"],
                year=data["year"],
                subject=data["subject"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Request %(number)s opened. Upload the draft LKj and the verification results.")
                % {"number": opened.number},
            )
            return redirect("mentoring:uploads", number=opened.number)
    return render(request, "mentoring/request_new.html", {"form": form})


# --- the unit's files ----------------------------------------------------------------------------


def _uploads_page(request: HttpRequest, found: ServiceRequest, form: UploadForm) -> HttpResponse:
    uploads = list(selectors.upload_list(user=request.user, request=found))
    may_change = can(request.user, Action.CHANGE, found.unit) and found.status in services.WITH_THE_UNIT
    return render(
        request,
        "mentoring/uploads.html",
        {
            "service_request": found,
            "uploads": uploads,
            "form": form if may_change else None,
            "may_change": may_change,
            "requirements": requirements(found),
        },
    )


@login_required
def uploads(request: HttpRequest, number: str) -> HttpResponse:
    found = selectors.request_get(user=request.user, number=number)
    if request.method != "POST":
        return _uploads_page(request, found, UploadForm())
    if not can(request.user, Action.CHANGE, found.unit):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_add(
                actor=request.user,
                request=found,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("File uploaded."))
            return redirect("mentoring:uploads", number=found.number)
    return _uploads_page(request, found, form)


@login_required
def upload_download(request: HttpRequest, pk: int) -> FileResponse:
    """The unit's files are streamed after the access check; they have no public address."""
    upload = selectors.upload_get(user=request.user, pk=pk)
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.original_name,
        content_type=upload.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def upload_delete(request: HttpRequest, pk: int) -> HttpResponse:
    upload = selectors.upload_get(user=request.user, pk=pk)
    try:
        services.upload_delete(actor=request.user, upload=upload)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("File removed."))
    return redirect("mentoring:uploads", number=upload.request.number)


# --- the mentor's findings -----------------------------------------------------------------------


def _findings_page(request: HttpRequest, found: ServiceRequest, form: FindingForm) -> HttpResponse:
    findings = list(selectors.finding_list(user=request.user, request=found))
    serving = can(request.user, Action.SERVE, found.unit)
    in_service = found.status == RequestStatus.IN_SERVICE
    if request.method == "GET" and (fmt := requested_format(request)):
        table = Table(
            title=f"{_('Mentoring findings')} · {found.number}",
            filters=f"{found.unit.name} · {found.year}",
            columns=[
                Column(_("Chapter")),
                Column(_("Finding")),
                Column(_("Regulation")),
                Column(_("Recommendation")),
            ],
            rows=[
                [chapter, f.finding, f.get_regulation_display(), f.recommendation]
                for chapter, rows in selectors.findings_by_chapter(findings)
                for f in rows
            ],
            filename=f"temuan-{found.number}",
        )
        return export_response(request, table, fmt)
    people = selectors.representatives(found, timezone.localdate())
    return render(
        request,
        "mentoring/findings.html",
        {
            "service_request": found,
            "groups": selectors.findings_by_chapter(findings),
            "finding_count": len(findings),
            "uploads": list(selectors.upload_list(user=request.user, request=found)),
            "form": form if serving and in_service else None,
            "may_edit": serving and in_service,
            "worksheet_form": WorksheetForm(initial={"row_version": found.row_version}, people=people)
            if serving and in_service and findings
            else None,
        },
    )


@login_required
def findings(request: HttpRequest, number: str) -> HttpResponse:
    found = selectors.request_get(user=request.user, number=number)
    if request.method != "POST":
        return _findings_page(request, found, FindingForm())
    if not can(request.user, Action.SERVE, found.unit):
        raise PermissionDenied
    form = FindingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_save(
                actor=request.user,
                request=found,
                chapter=data["chapter"],
                regulation=data["regulation"],
                finding=data["finding"],
                recommendation=data["recommendation"],
                sort_order=data["sort_order"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Finding recorded."))
            return redirect("mentoring:findings", number=found.number)
    return _findings_page(request, found, form)


@login_required
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, pk=pk)
    found = finding.request
    if not can(request.user, Action.SERVE, found.unit):
        raise PermissionDenied
    form = FindingForm(request.POST) if request.method == "POST" else FindingForm.of(finding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_save(
                actor=request.user,
                request=found,
                existing=finding,
                expected_version=data["row_version"] or 0,
                chapter=data["chapter"],
                regulation=data["regulation"],
                finding=data["finding"],
                recommendation=data["recommendation"],
                sort_order=data["sort_order"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Finding saved."))
            return redirect("mentoring:findings", number=found.number)
    return render(
        request,
        "mentoring/finding_edit.html",
        {
            "service_request": found,
            "finding": finding,
            "form": form,
            "may_edit": found.status == RequestStatus.IN_SERVICE,
            "history": history_entries(finding, limit=20),
        },
    )


@login_required
@require_POST
def finding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, pk=pk)
    form = VersionForm(request.POST)
    number = finding.request.number
    if not form.is_valid():
        messages.error(request, _("The form is out of date; reload the page."))
        return redirect("mentoring:findings", number=number)
    try:
        services.finding_delete(
            actor=request.user, finding=finding, expected_version=form.cleaned_data["row_version"]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Finding deleted."))
    return redirect("mentoring:findings", number=number)


# --- the worksheet -------------------------------------------------------------------------------


@login_required
@require_POST
def worksheet_issue(request: HttpRequest, number: str) -> HttpResponse:
    found = selectors.request_get(user=request.user, number=number)
    if not can(request.user, Action.SERVE, found.unit):
        raise PermissionDenied
    people = selectors.representatives(found, timezone.localdate())
    form = WorksheetForm(request.POST, people=people)
    if not form.is_valid():
        messages.error(request, _("Choose the unit's representative who signs the worksheet."))
        return redirect("mentoring:findings", number=found.number)
    representative = next(p for p in people if str(p.pk) == form.cleaned_data["representative"])
    try:
        services.mentoring_worksheet_issue(
            actor=request.user,
            request=found,
            representative=representative,
            expected_version=form.cleaned_data["row_version"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("mentoring:findings", number=found.number)
    messages.success(request, _("The worksheet is out for signature by you and the unit's representative."))
    return redirect(_detail(found))
