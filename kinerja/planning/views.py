"""Pages of planning: the year's schedule, the Renstra, and the Perjanjian Kinerja (PK)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can, restrict, scope_for
from kinerja.core.exports import Column, Table, export_response, figure, requested_format
from kinerja.core.forms import add_service_errors as _add_errors
from kinerja.core.forms import flash_errors as _flash
from kinerja.core.history import history_entries
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .documents import agreement_context, agreement_filename, agreement_pdf
from .forms import (
    AgreementForm,
    CloseDayForm,
    CorrectionForm,
    ExtensionForm,
    FrozenAddForm,
    RenstraForm,
    RenstraTable,
    ReviseForm,
    SignForm,
    StepForm,
    StepStatusForm,
    TargetTable,
    VersionForm,
    WindowForm,
    YearForm,
    budget_lines,
)
from .models import Agreement, AgreementStatus, YearStatus
from .periods import ALL_PERIODS, QUARTERS
from .targets import parse_target

# --- helpers -------------------------------------------------------------------------------------


def may_schedule(user: Any) -> bool:
    return scope_for(user, Action.SCHEDULE).everything


def _require_schedule(user: Any) -> None:
    if not may_schedule(user):
        raise PermissionDenied


def _require_change(user: Any, unit: OrgUnit) -> None:
    if not can(user, Action.CHANGE, unit):
        raise PermissionDenied


def _unit_for_writing(user: Any, **lookup: Any) -> OrgUnit:
    """A unit named in a request: invisible → 404, visible but not the user's to write → 403."""
    unit = restrict(OrgUnit.objects.filter(is_active=True), user, Action.VIEW).filter(**lookup).first()
    if unit is None:
        raise Http404(str(lookup))
    _require_change(user, unit)
    return unit


# --- the year's schedule -------------------------------------------------------------------------


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    if fmt := requested_format(request):
        years = selectors.year_list().prefetch_related("windows")
        table = Table(
            title=_("Performance years"),
            columns=[
                Column(_("Year")),
                Column(_("Status")),
                *(Column(f"{_('Entry closes')} {q}") for q in QUARTERS),
                Column(_("Opened")),
            ],
            rows=[
                [
                    y.year,
                    y.get_status_display(),
                    *({w.quarter: w.entry_closes for w in y.windows.all()}.get(q) for q in QUARTERS),
                    y.opened_at,
                ]
                for y in years
            ],
            filename="tahun-kinerja",
        )
        return export_response(request, table, fmt)
    context = {
        "years": selectors.year_list().prefetch_related("windows"),
        "may_schedule": may_schedule(request.user),
        "form": YearForm(initial={"year": timezone.localdate().year + 1}),
    }
    return render(request, "planning/year_list.html", context)


@login_required
@require_POST
def year_create(request: HttpRequest) -> HttpResponse:
    _require_schedule(request.user)
    form = YearForm(request.POST)
    if form.is_valid():
        try:
            planning_year = services.year_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(
                request, _("Year %(year)s created with the default windows.") % {"year": planning_year.year}
            )
            return redirect("planning:year_detail", year=planning_year.year)
    else:
        messages.error(request, _("Check the year and the closing day."))
    return redirect("planning:year_list")


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = selectors.year_get(year=year)
    schedule_rights = may_schedule(request.user)
    context = {
        "planning_year": planning_year,
        "windows": planning_year.windows.order_by("quarter"),
        "extensions": selectors.extension_list(user=request.user, planning_year=planning_year),
        "corrections": selectors.correction_list(user=request.user, planning_year=planning_year),
        "frozen": selectors.frozen_list(user=request.user, planning_year=planning_year),
        "may_schedule": schedule_rights,
        "close_day_form": CloseDayForm(
            initial={
                "entry_close_day": planning_year.entry_close_day,
                "row_version": planning_year.row_version,
            }
        ),
        "unfrozen_count": selectors.unfrozen_indicators(planning_year=planning_year).count()
        if schedule_rights and planning_year.status == YearStatus.OPEN
        else 0,
        "today": timezone.localdate(),
    }
    return render(request, "planning/year_detail.html", context)


def _year_transition(request: HttpRequest, year: int, service: Any, done: str) -> HttpResponse:
    _require_schedule(request.user)
    planning_year = selectors.year_get(year=year)
    form = VersionForm(request.POST)
    version = form.cleaned_data["row_version"] if form.is_valid() else planning_year.row_version
    try:
        service(actor=request.user, planning_year=planning_year, expected_version=version)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, done)
    return redirect("planning:year_detail", year=year)


@login_required
@require_POST
def year_open(request: HttpRequest, year: int) -> HttpResponse:
    return _year_transition(
        request, year, services.year_open, _("The year is open; the indicators' formulas are frozen for it.")
    )


@login_required
@require_POST
def year_close(request: HttpRequest, year: int) -> HttpResponse:
    return _year_transition(request, year, services.year_close, _("The year is closed."))


@login_required
@require_POST
def year_close_day(request: HttpRequest, year: int) -> HttpResponse:
    _require_schedule(request.user)
    planning_year = selectors.year_get(year=year)
    form = CloseDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The closing day must be between 1 and 28."))
        return redirect("planning:year_detail", year=year)
    try:
        services.year_set_close_day(
            actor=request.user,
            planning_year=planning_year,
            expected_version=form.cleaned_data["row_version"],
            entry_close_day=form.cleaned_data["entry_close_day"],
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Every window now follows the new closing day."))
    return redirect("planning:year_detail", year=year)


@login_required
def window_edit(request: HttpRequest, year: int, quarter: str) -> HttpResponse:
    planning_year = selectors.year_get(year=year)
    window = planning_year.windows.filter(quarter=quarter).first()
    if window is None:
        raise Http404(quarter)
    _require_schedule(request.user)
    if request.method == "POST":
        form = WindowForm(request.POST)
        if form.is_valid():
            try:
                services.window_update(actor=request.user, window=window, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Window %(quarter)s saved.") % {"quarter": quarter})
                return redirect("planning:year_detail", year=year)
    else:
        form = WindowForm(
            initial={
                "entry_opens": window.entry_opens,
                "entry_closes": window.entry_closes,
                "review_closes": window.review_closes,
            }
        )
    context = {
        "planning_year": planning_year,
        "form": form,
        "title": _("Window %(quarter)s") % {"quarter": quarter},
    }
    return render(request, "planning/schedule_form.html", context)


@login_required
def extension_create(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = selectors.year_get(year=year)
    _require_schedule(request.user)
    units = selectors.schedulable_units()
    form = ExtensionForm(
        request.POST or None, units=units, initial={"quarter": request.GET.get("quarter", "TW1")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.extension_grant(
                actor=request.user,
                window=planning_year.windows.get(quarter=data["quarter"]),
                unit=data["unit"],
                closes_on=data["closes_on"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Deadline extended for %(unit)s.") % {"unit": data["unit"].short_name}
            )
            return redirect("planning:year_detail", year=year)
    context = {"planning_year": planning_year, "form": form, "title": _("Extend a deadline for one unit")}
    return render(request, "planning/schedule_form.html", context)


@login_required
def correction_create(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = selectors.year_get(year=year)
    _require_schedule(request.user)
    form = CorrectionForm(request.POST or None, units=selectors.schedulable_units())
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_open(actor=request.user, planning_year=planning_year, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Correction session opened."))
            return redirect("planning:year_detail", year=year)
    context = {
        "planning_year": planning_year,
        "form": form,
        "title": _("Reopen the year for corrections"),
        "intro": _(
            "A correction session lets planners reopen verified submissions in its scope until its end "
            "date. It does not reopen entry for the units by itself."
        ),
    }
    return render(request, "planning/schedule_form.html", context)


@login_required
@require_POST
def correction_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.correction_get(user=request.user, pk=pk)
    _require_schedule(request.user)
    services.correction_close(actor=request.user, session=session)
    messages.success(request, _("Correction session ended."))
    return redirect("planning:year_detail", year=session.year.year)


@login_required
def frozen_add(request: HttpRequest, year: int) -> HttpResponse:
    planning_year = selectors.year_get(year=year)
    _require_schedule(request.user)
    form = FrozenAddForm(
        request.POST or None, indicators=selectors.unfrozen_indicators(planning_year=planning_year)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.frozen_definition_add(
                actor=request.user, planning_year=planning_year, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The indicator is part of the year from the chosen quarter."))
            return redirect("planning:year_detail", year=year)
    context = {
        "planning_year": planning_year,
        "form": form,
        "title": _("Add an indicator made during the year"),
        "intro": _("Its formula is frozen now; quarters before the chosen one show “not applicable”."),
    }
    return render(request, "planning/schedule_form.html", context)


# --- Renstra -------------------------------------------------------------------------------------


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.renstra_list(user=request.user).order_by("unit__path", "-start_year")
    if fmt := requested_format(request):
        table = Table(
            title=_("Strategic plans (Renstra)"),
            columns=[
                Column(_("Unit")),
                Column(_("Title")),
                Column(_("From")),
                Column(_("To")),
                Column(_("Regulation")),
                Column(_("Status")),
            ],
            rows=[
                [
                    r.unit.short_name,
                    r.title,
                    r.start_year,
                    r.end_year,
                    r.regulation,
                    _("Active") if r.is_active else _("Inactive"),
                ]
                for r in plans.select_related("unit")
            ],
            filename="renstra",
        )
        return export_response(request, table, fmt)
    context = {
        "plans": plans,
        "may_create": selectors.writable_units(user=request.user).exists(),
    }
    return render(request, "planning/renstra_list.html", context)


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = selectors.renstra_get(user=request.user, pk=pk)
    years = list(range(renstra.start_year, renstra.end_year + 1))
    rows = renstra.indicators.select_related("indicator", "indicator__sasaran").order_by(
        "indicator__sasaran__sort_order", "indicator__code"
    )
    if fmt := requested_format(request):
        table = Table(
            title=renstra.title,
            filters=f"{renstra.unit.name} · {renstra.start_year}–{renstra.end_year} · {renstra.regulation}",
            columns=[
                Column(_("Objective (sasaran)")),
                Column(_("Code")),
                Column(_("Indicator")),
                Column(_("Baseline")),
                Column(_("Baseline year")),
                *(Column(str(y)) for y in years),
            ],
            rows=[
                [
                    f"{row.indicator.sasaran.code} {row.indicator.sasaran.name}",
                    row.indicator.code,
                    row.indicator.name,
                    figure(parse_target(row.baseline)),
                    row.baseline_year,
                    *(figure(parse_target((row.yearly_targets or {}).get(str(y)))) for y in years),
                ]
                for row in rows
            ],
            filename=f"renstra-{renstra.unit.code}-{renstra.start_year}",
        )
        return export_response(request, table, fmt)
    context = {
        "renstra": renstra,
        "years": years,
        "rows": rows,
        "may_change": can(request.user, Action.CHANGE, renstra.unit),
        "history": history_entries(renstra, limit=20),
    }
    return render(request, "planning/renstra_detail.html", context)


def _renstra_years(form: RenstraForm, fallback: range) -> range:
    data = form.data
    try:
        start, end = int(data.get("start_year", "")), int(data.get("end_year", ""))
    except ValueError:
        return fallback
    return range(start, end + 1) if 0 <= end - start <= 10 else fallback


@login_required
def renstra_create(request: HttpRequest) -> HttpResponse:
    units = selectors.writable_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    start = timezone.localdate().year
    if request.method == "POST":
        form = RenstraForm(request.POST, units=units)
        unit_pk = request.POST.get("unit", "")
        unit = _unit_for_writing(request.user, pk=int(unit_pk)) if unit_pk.isdigit() else None
        years = _renstra_years(form, range(start, start + 5))
        table = RenstraTable(selectors.unit_indicators(unit=unit) if unit else [], years, request.POST)  # type: ignore[arg-type]
        if form.is_valid():
            data = form.cleaned_data
            try:
                renstra = services.renstra_create(
                    actor=request.user,
                    unit=data["unit"],
                    title=data["title"],
                    start_year=data["start_year"],
                    end_year=data["end_year"],
                    regulation=data["regulation"],
                    is_active=data["is_active"],
                    rows=table.service_rows(),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Renstra saved."))
                return redirect("planning:renstra_detail", pk=renstra.pk)
    else:
        unit = units.filter(code=request.GET.get("unit", "")).first() or units.first()
        form = RenstraForm(
            units=units,
            initial={"unit": unit, "start_year": start, "end_year": start + 4, "is_active": True},
        )
        table = RenstraTable(selectors.unit_indicators(unit=unit), range(start, start + 5))  # type: ignore[arg-type]
    return render(request, "planning/renstra_form.html", {"form": form, "table": table, "creating": True})


@login_required
def renstra_edit(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = selectors.renstra_get(user=request.user, pk=pk)
    _require_change(request.user, renstra.unit)
    units = OrgUnit.objects.filter(pk=renstra.unit_id)
    indicators = selectors.unit_indicators(unit=renstra.unit)
    if request.method == "POST":
        form = RenstraForm(request.POST, units=units)
        table = RenstraTable(
            indicators, _renstra_years(form, range(renstra.start_year, renstra.end_year + 1)), request.POST
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.renstra_update(
                    actor=request.user,
                    renstra=renstra,
                    expected_version=data["row_version"] or 0,
                    title=data["title"],
                    start_year=data["start_year"],
                    end_year=data["end_year"],
                    regulation=data["regulation"],
                    is_active=data["is_active"],
                    rows=table.service_rows(),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Renstra saved."))
                return redirect("planning:renstra_detail", pk=pk)
    else:
        form = RenstraForm(
            units=units,
            initial={
                "unit": renstra.unit,
                "title": renstra.title,
                "start_year": renstra.start_year,
                "end_year": renstra.end_year,
                "regulation": renstra.regulation,
                "is_active": renstra.is_active,
                "row_version": renstra.row_version,
            },
        )
        table = RenstraTable(
            indicators, range(renstra.start_year, renstra.end_year + 1), existing=renstra.indicators.all()
        )
    return render(request, "planning/renstra_form.html", {"form": form, "table": table, "renstra": renstra})


# --- the Perjanjian Kinerja ----------------------------------------------------------------------


def _year_param(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    agreements = selectors.agreement_list(user=request.user, year=year)
    if fmt := requested_format(request):
        table = Table(
            title=_("Performance agreements (PK) %(year)s") % {"year": year},
            columns=[
                Column(_("Unit")),
                Column(_("Code")),
                Column(_("Revision")),
                Column(_("Status")),
                Column(_("Signed on")),
            ],
            rows=[
                [a.unit.name, a.unit.code, a.revision, a.get_status_display(), a.signed_on]
                for a in agreements
            ],
            filename=f"pk-{year}",
        )
        return export_response(request, table, fmt)
    have = set(agreements.values_list("unit_id", flat=True))
    context = {
        "year": year,
        "years": sorted({*selectors.year_list().values_list("year", flat=True), year}, reverse=True),
        "agreements": agreements,
        "missing": [u for u in selectors.writable_units(user=request.user) if u.pk not in have],
    }
    return render(request, "planning/agreement_list.html", context)


def _save_agreement(
    request: HttpRequest, form: AgreementForm, table: TargetTable, call: Any
) -> tuple[Agreement | None, bool]:
    if not form.is_valid():
        return None, False
    try:
        agreement = call(
            rows=table.service_rows(),
            budget=form.cleaned_data["budget"],
            sasaran_settings=table.sasaran_settings(),
            **form.header(),
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return None, False
    for warning in selectors.target_warnings(agreement):
        messages.warning(request, warning.message)
    return agreement, True


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    units = selectors.writable_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    code = params.get("unit", "")
    unit = _unit_for_writing(request.user, code=code) if code else units.first()
    assert unit is not None
    year = int(params["year"]) if params.get("year", "").isdigit() else _year_param(request)
    existing = Agreement.objects.filter(unit=unit, year=year, is_current=True).first()
    if existing is not None:
        return redirect("planning:agreement_detail", pk=existing.pk)
    indicators = selectors.unit_indicators(unit=unit)
    if request.method == "POST":
        form = AgreementForm(request.POST)
        table = TargetTable(indicators, year, request.POST)
        agreement, ok = _save_agreement(
            request,
            form,
            table,
            lambda **kw: services.agreement_create(actor=request.user, unit=unit, year=year, **kw),
        )
        if ok and agreement is not None:
            messages.success(request, _("PK %(year)s saved as a draft.") % {"year": year})
            return redirect("planning:agreement_detail", pk=agreement.pk)
    else:
        form = AgreementForm()
        table = TargetTable(indicators, year)
    context = {"form": form, "table": table, "unit": unit, "year": year, "units": units, "creating": True}
    return render(request, "planning/agreement_form.html", context)


def _agreement_table(agreement: Agreement, groups: list[Any]) -> Table:
    """The PK page's table of objectives, indicators and targets."""
    used = {p for _row, rows in groups for item in rows for p in (item.period_targets or {})}
    periods = [p for p in ALL_PERIODS if p in used]
    return Table(
        title=f"{_('Performance agreement (PK)')} {agreement.unit.name} {agreement.year}",
        filters=f"{_('Revision')} {agreement.revision} · {agreement.get_status_display()}",
        columns=[
            Column(_("Objective (sasaran)")),
            Column(_("Code")),
            Column(_("Indicator")),
            Column(_("Unit of measure")),
            Column(_("Annual target")),
            *(Column(p) for p in periods),
            Column(_("Weight")),
        ],
        rows=[
            [
                f"{sasaran_row.sasaran.code} {sasaran_row.sasaran.name}",
                item.indicator.code,
                item.indicator.name,
                item.indicator.computation.get("unit") or "",
                figure(parse_target({"low": item.target, "high": item.target_high}))
                if item.target_high is not None
                else item.target,
                *(figure(parse_target((item.period_targets or {}).get(p))) for p in periods),
                figure(parse_target(item.weight)),
            ]
            for sasaran_row, rows in groups
            for item in rows
        ],
        filename=f"pk-{agreement.unit.code}-{agreement.year}-r{agreement.revision}",
    )


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    may_change = can(request.user, Action.CHANGE, agreement.unit)
    context = agreement_context(agreement)
    is_draft = agreement.status == AgreementStatus.DRAFT and agreement.is_current
    items = [item for _row, rows in context["groups"] for item in rows]
    if fmt := requested_format(request):
        return export_response(request, _agreement_table(agreement, context["groups"]), fmt)
    context.update(
        {
            "may_change": may_change,
            "is_draft": is_draft,
            "warnings": selectors.target_warnings(agreement),
            "revisions": selectors.agreement_revisions(agreement=agreement),
            "sign_form": SignForm(
                initial={"signed_on": timezone.localdate(), "row_version": agreement.row_version}
            ),
            "quarters": QUARTERS,
            "plan": [
                (
                    item,
                    [(step, StepStatusForm.for_step(step)) for step in item.steps.all()],
                )
                for item in items
            ],
            "step_form": StepForm() if may_change and is_draft else None,
            "history": history_entries(agreement, limit=20),
        }
    )
    return render(request, "planning/agreement_detail.html", context)


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    _require_change(request.user, agreement.unit)
    if agreement.status != AgreementStatus.DRAFT or not agreement.is_current:
        messages.info(request, _("A signed PK is changed only through a revision."))
        return redirect("planning:agreement_detail", pk=pk)
    indicators = selectors.unit_indicators(unit=agreement.unit)
    if request.method == "POST":
        form = AgreementForm(request.POST)
        table = TargetTable(indicators, agreement.year, request.POST)
        version = form.data.get("row_version", "")
        _saved, ok = _save_agreement(
            request,
            form,
            table,
            lambda **kw: services.agreement_update(
                actor=request.user,
                agreement=agreement,
                expected_version=int(version) if str(version).isdigit() else 0,
                **kw,
            ),
        )
        if ok:
            messages.success(request, _("PK saved."))
            return redirect("planning:agreement_detail", pk=pk)
    else:
        form = AgreementForm(initial=_agreement_initial(agreement))
        table = TargetTable(indicators, agreement.year, agreement=agreement)
    context = {
        "form": form,
        "table": table,
        "unit": agreement.unit,
        "year": agreement.year,
        "agreement": agreement,
    }
    return render(request, "planning/agreement_form.html", context)


def _agreement_initial(agreement: Agreement) -> dict[str, Any]:
    return {
        "first_party_name": agreement.first_party_name,
        "first_party_title": agreement.first_party_title,
        "second_party_name": agreement.second_party_name,
        "second_party_title": agreement.second_party_title,
        "place": agreement.place,
        "budget": budget_lines(agreement.budget_rows.all()),
        "row_version": agreement.row_version,
    }


@login_required
def agreement_revise(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    _require_change(request.user, agreement.unit)
    if agreement.status != AgreementStatus.SIGNED or not agreement.is_current:
        messages.info(request, _("Only the current, signed PK is revised; a draft is edited directly."))
        return redirect("planning:agreement_detail", pk=pk)
    indicators = selectors.unit_indicators(unit=agreement.unit)
    if request.method == "POST":
        form = ReviseForm(request.POST)
        table = TargetTable(indicators, agreement.year, request.POST)
        new, ok = _save_agreement(
            request,
            form,
            table,
            lambda **kw: services.agreement_revise(
                actor=request.user, agreement=agreement, reason=form.cleaned_data["reason"], **kw
            ),
        )
        if ok and new is not None:
            messages.success(request, _("Revision %(number)s saved as a draft.") % {"number": new.revision})
            return redirect("planning:agreement_detail", pk=new.pk)
    else:
        form = ReviseForm(initial=_agreement_initial(agreement))
        table = TargetTable(indicators, agreement.year, agreement=agreement)
    context = {
        "form": form,
        "table": table,
        "unit": agreement.unit,
        "year": agreement.year,
        "agreement": agreement,
        "revising": True,
    }
    return render(request, "planning/agreement_form.html", context)


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    _require_change(request.user, agreement.unit)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of signing."))
        return redirect("planning:agreement_detail", pk=pk)
    try:
        services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            expected_version=form.cleaned_data["row_version"],
            signed_on=form.cleaned_data["signed_on"],
        )
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The PK is signed; it now changes only through a revision."))
    return redirect("planning:agreement_detail", pk=pk)


@login_required
def agreement_download(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{agreement_filename(agreement)}"'
    return response


# --- the action plan -----------------------------------------------------------------------------


@login_required
@require_POST
def step_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.agreement_item_get(user=request.user, pk=pk)
    _require_change(request.user, item.agreement.unit)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.action_step_create(actor=request.user, agreement_indicator=item, **form.cleaned_data)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Step added to the action plan."))
    else:
        messages.error(request, _("Describe the step and choose its quarter."))
    return redirect(f"{_detail_url(item.agreement_id)}#plan-{item.pk}")


def _detail_url(pk: int) -> str:
    return reverse("planning:agreement_detail", kwargs={"pk": pk})


@login_required
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a step's status (htmx: answers with the step's row)."""
    step = selectors.step_get(user=request.user, pk=pk)
    agreement = step.agreement_indicator.agreement
    may_change = can(request.user, Action.CHANGE, agreement.unit)
    if request.method == "POST":
        _require_change(request.user, agreement.unit)
        form = StepStatusForm.for_step(step, request.POST)
        if form.is_valid():
            try:
                step = services.action_step_update(
                    actor=request.user,
                    step=step,
                    expected_version=form.cleaned_data["row_version"],
                    status=form.cleaned_data["status"],
                    justification=form.cleaned_data["justification"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if not request.htmx:
                    messages.success(request, _("Step saved."))
                    return redirect(f"{_detail_url(agreement.pk)}#step-{step.pk}")
                form = StepStatusForm.for_step(step)
                form.saved = True  # type: ignore[attr-defined]
    else:
        form = StepStatusForm.for_step(step)
    context = {"step": step, "status_form": form, "may_change": may_change, "agreement": agreement}
    template = "planning/_step_row.html" if request.htmx else "planning/step_edit.html"
    return render(request, template, context)


@login_required
@require_POST
def step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    step = selectors.step_get(user=request.user, pk=pk)
    agreement = step.agreement_indicator.agreement
    _require_change(request.user, agreement.unit)
    try:
        services.action_step_delete(actor=request.user, step=step)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Step removed."))
    return redirect(_detail_url(agreement.pk))
