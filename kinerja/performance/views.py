"""Pages of the realisation entry: a unit's quarter, one indicator's period, evidence, the submission."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can
from kinerja.catalog.editor import text_value
from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.catalog.services import problem_text
from kinerja.catalog.trypanel import T, TryPanel
from kinerja.core.exports import Column, Table, export_response, figure, requested_format
from kinerja.core.history import history_entries
from kinerja.formula import Problem
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import ALL_PERIODS, QUARTER_OF, QUARTERS
from kinerja.planning.schedule import YearDefinition, year_definition

from . import feeds, selectors, services, submissions
from .forms import BudgetSpendingForm, EvidenceForm, RealisationForm, ReasonForm, VersionForm
from .models import Evidence, RealisationState, SubmissionStatus


# --- helpers -------------------------------------------------------------------------------------
def _quarter(quarter: str) -> str:
    if quarter not in QUARTERS:
        raise Http404(quarter)
    return quarter


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _quarter_url(unit: OrgUnit, year: int, quarter: str) -> str:
    return reverse("performance:quarter", kwargs={"code": unit.code, "year": year, "quarter": quarter})


def _realisation_url(unit: OrgUnit, year: int, period: str, indicator: Indicator) -> str:
    return reverse(
        "performance:realisation",
        kwargs={"code": unit.code, "year": year, "period": period, "indicator": indicator.pk},
    )


def _entry(
    request: HttpRequest, code: str, year: int, period: str, indicator: int
) -> tuple[OrgUnit, Indicator, YearDefinition]:
    """The unit (404 if not visible), a PK indicator and its definition, for one of its entry periods."""
    if period not in ALL_PERIODS:
        raise Http404(period)
    unit = selectors.unit_get(user=request.user, code=code)
    found = selectors.planned_indicator_get(unit=unit, year=year, pk=indicator)
    yd = year_definition(found, year)
    if yd is None or period not in selectors.indicator_periods(yd, QUARTER_OF[period]):
        raise Http404(period)
    return unit, found, yd


def panel_data(inputs: dict[str, Any] | None, period: str) -> dict[str, str]:
    """Stored inputs as the generated form's posted fields, so the form shows what was saved."""
    data = {f"{T}period": period}
    for name, value in (inputs or {}).items():
        if isinstance(value, list):
            for index, row in enumerate(value):
                data[f"{T}row-{name}-{index}"] = "1"
                for column, cell in (row or {}).items():
                    if cell is True:
                        data[f"{T}in-{name}-{index}-{column}"] = "on"
                    elif cell is not None and cell is not False:
                        data[f"{T}in-{name}-{index}-{column}"] = text_value(cell)
        elif value is True:
            data[f"{T}in-{name}"] = "on"
        elif value is not None and value is not False:
            data[f"{T}in-{name}"] = text_value(value)
    return data


def panel_inputs(panel: TryPanel) -> dict[str, Any]:
    inputs: dict[str, Any] = panel.payload()["periods"][panel.period]["inputs"]
    return inputs


def entry_inputs(
    panel: TryPanel, *, unit: OrgUnit, indicator: Indicator, year: int, period: str
) -> dict[str, Any]:
    """The typed inputs, with those another module feeds taken as stored: their fields are shown
    read-only, so the browser does not send them."""
    inputs = panel_inputs(panel)
    fed = feeds.fed_inputs(unit=unit, indicator=indicator, year=year)
    if fed:
        existing = selectors.realisation_find(unit=unit, indicator=indicator, year=year, period=period)
        stored = (existing.inputs or {}) if existing is not None else {}
        inputs.update({name: stored[name] for name in fed if name in stored})
    return inputs


def located_problems(panel: TryPanel, problems: tuple[Problem, ...]) -> list[dict[str, str]]:
    """Each engine problem with the form field it belongs to (empty when it names no one field)."""
    rows_of = {item["spec"].name: item.get("rows", []) for item in panel.fields}
    located = []
    for problem in problems:
        table, _sep, column = problem.field.partition(".")
        name = ""
        if column and problem.row and problem.row <= len(rows_of.get(table, [])):
            name = f"{T}in-{table}-{rows_of[table][problem.row - 1]['index']}-{column}"
        elif not column and table in rows_of and not problem.row:
            name = f"{T}in-{table}"
        located.append({"name": name, "label": panel.field_label(problem), "message": problem_text(problem)})
    return located


def _index_table(year: int, rows: list[dict[str, Any]]) -> Table:
    def status(submission: Any) -> str:
        return str(SubmissionStatus(submission.status).label) if submission else _("Open")

    return Table(
        title=f"{_('Realisation')} {year}",
        filters=_("Year %(year)s") % {"year": year},
        columns=[Column(_("Unit")), Column(_("Code")), *(Column(q) for q in QUARTERS)],
        rows=[
            [row["unit"].name, row["unit"].code, *(status(sub) for _q, sub in row["quarters"])]
            for row in rows
        ],
        filename=f"realisasi-{year}",
    )


def _quarter_table(unit: OrgUnit, year: int, quarter: str, rows: list[selectors.EntryRow]) -> Table:
    from .templatetags.performance_ui import state_label

    return Table(
        title=f"{unit.name} · {quarter} {year}",
        filters=_("Indicators of the PK in this quarter"),
        columns=[
            Column(_("Code")),
            Column(_("Indicator")),
            Column(_("Period")),
            Column(_("State")),
            Column(_("Value")),
            Column(_("Target")),
            Column(_("Achievement (%)")),
            Column(_("Evidence")),
            Column(_("Missing")),
        ],
        rows=[
            [
                row.indicator.code,
                row.indicator.name,
                row.period,
                str(state_label(row.state)),
                row.realisation.value if row.realisation else None,
                figure(row.target),
                row.result.achievement if row.result else None,
                row.evidence_count,
                "; ".join(([_("Realisation")] if row.is_missing else []) + row.missing_evidence)
                if row.applicable
                else "",
            ]
            for row in rows
        ],
        filename=f"realisasi-{unit.code}-{year}-{quarter}",
    )


# --- pages ---------------------------------------------------------------------------------------
@login_required
def index(request: HttpRequest) -> HttpResponse:
    today = selectors.today()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2200 else today.year
    units = list(selectors.entry_units(user=request.user, year=year))
    statuses: dict[tuple[int, str], Any] = {
        (s.unit_id, s.quarter): s
        for s in selectors.submission_list(user=request.user, year=year, unit_ids=[u.pk for u in units])
    }
    rows = [{"unit": unit, "quarters": [(q, statuses.get((unit.pk, q))) for q in QUARTERS]} for unit in units]
    if fmt := requested_format(request):
        return export_response(request, _index_table(year, rows), fmt)
    return render(
        request,
        "performance/index.html",
        {"year": year, "rows": rows, "quarters": QUARTERS, "years": [year - 1, year, year + 1]},
    )


@login_required
def quarter_page(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    quarter = _quarter(quarter)
    unit = selectors.unit_get(user=request.user, code=code)
    rows = selectors.quarter_rows(unit=unit, year=year, quarter=quarter)
    if fmt := requested_format(request):
        return export_response(request, _quarter_table(unit, year, quarter, rows), fmt)
    access = selectors.entry_access(user=request.user, unit=unit, year=year, quarter=quarter)
    submission = access.submission
    budget = [
        {
            **item,
            "form": BudgetSpendingForm(
                initial={
                    "amount": item["spending"].amount if item["spending"] else None,
                    "row_version": item["spending"].row_version if item["spending"] else 0,
                },
                prefix=f"b{item['budget'].pk}",
            ),
        }
        for item in selectors.budget_rows(unit=unit, year=year, quarter=quarter)
    ]
    can_submit = access.can_change and (
        submission is None or submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
    )
    return render(
        request,
        "performance/quarter.html",
        {
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "quarters": QUARTERS,
            "rows": rows,
            "access": access,
            "submission": submission,
            "missing": selectors.missing_items(rows),
            "budget": budget,
            "can_submit": can_submit,
            "can_verify": can(request.user, Action.VERIFY, unit),
            "versions": submission.versions.all() if submission else [],
            "history": history_entries(submission) if submission else [],
            "row_version": submission.row_version if submission else 0,
        },
    )


@login_required
def realisation_page(request: HttpRequest, code: str, year: int, period: str, indicator: int) -> HttpResponse:
    unit, found, yd = _entry(request, code, year, period, indicator)
    quarter = QUARTER_OF[period]
    access = selectors.entry_access(user=request.user, unit=unit, year=year, quarter=quarter)
    realisation = selectors.realisation_find(unit=unit, indicator=found, year=year, period=period)
    applicable = yd.applies_to(quarter)
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        if not access.can_change:
            raise PermissionDenied
        form = RealisationForm(request.POST)
        panel = TryPanel(yd.definition, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.realisation_save(
                    actor=request.user,
                    unit=unit,
                    indicator=found,
                    year=year,
                    period=period,
                    inputs=None
                    if "clear" in request.POST
                    else entry_inputs(panel, unit=unit, indicator=found, year=year, period=period),
                    expected_version=data["row_version"],
                    progress=data["progress"],
                    obstacles=data["obstacles"],
                    follow_up=data["follow_up"],
                    worse_note=data["worse_note"],
                    not_computable_reason=data["reason"] if data["not_computable"] else None,
                )
            except services.InputsRefused as exc:
                problems = located_problems(panel, exc.problems)
                form.add_error(None, _("Some inputs are refused; nothing was saved."))
            except ValidationError as exc:
                for key, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                messages.success(request, _("Realisation saved."))
                return redirect(_realisation_url(unit, year, period, found))
    else:
        form = RealisationForm(
            initial={
                "row_version": realisation.row_version if realisation else 0,
                "progress": realisation.progress if realisation else "",
                "obstacles": realisation.obstacles if realisation else "",
                "follow_up": realisation.follow_up if realisation else "",
                "worse_note": realisation.worse_note if realisation else "",
                "not_computable": bool(realisation and realisation.state == RealisationState.NOT_COMPUTABLE),
                "reason": realisation.reason if realisation else "",
            }
        )
        # A new entry starts from the definition's defaults (one empty row per table).
        saved = realisation.inputs if realisation else None
        panel = TryPanel(yd.definition, panel_data(saved, period) if saved is not None else None)
    evidence = list(
        selectors.evidence_list(user=request.user, unit=unit, indicator=found, year=year, period=period)
    )
    frozen = selectors.verified_evidence_ids(unit_id=unit.pk, year=year, quarter=quarter)
    requirements = EvidenceRequirement.objects.filter(indicator=found)
    return render(
        request,
        "performance/realisation.html",
        {
            "unit": unit,
            "indicator": found,
            "definition": yd.definition,
            "year": year,
            "period": period,
            "quarter": quarter,
            "applicable": applicable,
            "access": access,
            "realisation": realisation,
            "form": form,
            "panel": panel,
            "fed": feeds.fed_inputs(unit=unit, indicator=found, year=year),
            "problems": problems,
            "last_verified": selectors.last_verified_value(
                unit=unit, indicator=found, year=year, period=period
            ),
            "evidence": [(e, e.pk in frozen) for e in evidence],
            "requirements": [(r, sum(1 for e in evidence if e.requirement_id == r.pk)) for r in requirements],
            "evidence_form": EvidenceForm(
                requirements=requirements,
                evidence=Evidence.objects.filter(pk__in=[e.pk for e in evidence]),
            ),
            "history": history_entries(realisation) if realisation else [],
            "quarter_url": _quarter_url(unit, year, quarter),
        },
    )


@login_required
@require_POST
def realisation_preview(
    request: HttpRequest, code: str, year: int, period: str, indicator: int
) -> HttpResponse:
    """The live value as the operator types: the engine on the typed inputs, nothing saved."""
    unit, found, yd = _entry(request, code, year, period, indicator)
    panel = TryPanel(yd.definition, request.POST)
    context: dict[str, Any] = {"unit_of_measure": yd.definition.unit}
    try:
        preview = services.realisation_preview(
            unit=unit,
            indicator=found,
            year=year,
            period=period,
            inputs=entry_inputs(panel, unit=unit, indicator=found, year=year, period=period),
        )
    except ValidationError as exc:
        context["problem"] = _errors(exc)
    else:
        context["result"] = preview.result
        context["problems"] = located_problems(panel, preview.input_problems)
        context["problem"] = problem_text(preview.problem) if preview.problem else ""
    return render(request, "performance/_preview.html", context)


# --- evidence ------------------------------------------------------------------------------------
@login_required
@require_POST
def evidence_add(request: HttpRequest, code: str, year: int, period: str, indicator: int) -> HttpResponse:
    unit, found, _yd = _entry(request, code, year, period, indicator)
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    form = EvidenceForm(
        request.POST,
        request.FILES,
        requirements=EvidenceRequirement.objects.filter(indicator=found),
        evidence=Evidence.objects.filter(unit=unit, indicator=found, year=year, period=period),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(
                actor=request.user,
                unit=unit,
                indicator=found,
                year=year,
                period=period,
                kind=data["kind"],
                description=data["description"],
                requirement=data["requirement"],
                upload=data["file"],
                url=data["url"] or "",
                text=data["text"],
                corrects=data["corrects"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Evidence added."))
    else:
        messages.error(
            request,
            " ".join(f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()),
        )
    return redirect(f"{_realisation_url(unit, year, period, found)}#evidence")


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files are streamed after the access check; they have no public address."""
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404(str(pk))
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    target = _realisation_url(evidence.unit, evidence.year, evidence.period, evidence.indicator)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Evidence deleted."))
    return redirect(f"{target}#evidence")


# --- budget --------------------------------------------------------------------------------------
@login_required
@require_POST
def budget_set(request: HttpRequest, pk: int, quarter: str) -> HttpResponse:
    quarter = _quarter(quarter)
    budget = selectors.budget_get(user=request.user, pk=pk)
    unit = budget.agreement.unit
    form = BudgetSpendingForm(request.POST, prefix=f"b{budget.pk}")
    if form.is_valid():
        try:
            services.budget_spending_set(
                actor=request.user,
                budget=budget,
                quarter=quarter,
                amount=form.cleaned_data["amount"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Budget spending saved."))
    else:
        if not can(request.user, Action.CHANGE, unit):
            raise PermissionDenied
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{_quarter_url(unit, budget.agreement.year, quarter)}#budget")


# --- the submission ------------------------------------------------------------------------------
def _submission_action(request: HttpRequest, code: str, year: int, quarter: str, action: str) -> HttpResponse:
    quarter = _quarter(quarter)
    unit = selectors.unit_get(user=request.user, code=code)
    needed = Action.CHANGE if action == "submit" else Action.VERIFY
    if not can(request.user, needed, unit):
        raise PermissionDenied
    submission = selectors.submission_find(unit=unit, year=year, quarter=quarter)
    if action != "submit" and submission is None:
        raise Http404(quarter)
    form = (ReasonForm if action in ("return", "reopen") else VersionForm)(request.POST)
    done = {
        "submit": _("The quarter was submitted for verification."),
        "return": _("The quarter was returned to the unit."),
        "verify": _("The quarter was verified and locked."),
        "reopen": _("The quarter was reopened as a draft."),
    }[action]
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_quarter_url(unit, year, quarter))
    version = form.cleaned_data["row_version"]
    try:
        if action == "submit":
            submissions.submission_submit(
                actor=request.user, unit=unit, year=year, quarter=quarter, expected_version=version
            )
        elif action == "return":
            assert submission is not None
            submissions.submission_return(
                actor=request.user,
                submission=submission,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
        elif action == "verify":
            assert submission is not None
            submissions.submission_verify(actor=request.user, submission=submission, expected_version=version)
        else:
            assert submission is not None
            submissions.submission_reopen(
                actor=request.user,
                submission=submission,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(_quarter_url(unit, year, quarter))


@login_required
@require_POST
def submission_submit(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    return _submission_action(request, code, year, quarter, "submit")


@login_required
@require_POST
def submission_return(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    return _submission_action(request, code, year, quarter, "return")


@login_required
@require_POST
def submission_verify(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    return _submission_action(request, code, year, quarter, "verify")


@login_required
@require_POST
def submission_reopen(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    return _submission_action(request, code, year, quarter, "reopen")
