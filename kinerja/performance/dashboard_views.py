"""Dashboard pages: the unit's year, the ministry's heatmap, and the panels they open with htmx."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinerja.catalog.templatetags.catalog_ui import label_of
from kinerja.core.exports import Column, Table, export_response, figure, requested_format
from kinerja.formula.indicator import TargetRange

from . import dashboards
from .models import Basis
from .whatif import Mode

YEARS = range(2000, 2201)


def _year(year: int) -> int:
    if year not in YEARS:
        raise Http404(str(year))
    return year


def _partial(request: HttpRequest, page: str, partial: str) -> str:
    """The whole page, or only one partial of it when htmx asks for a fragment."""
    return f"{page}#{partial}" if request.htmx and not request.htmx.boosted else page


@login_required
@require_GET
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """The menu's "Dashboard": one's own unit, or the ministry for those who read every unit."""
    year = dashboards.default_year(timezone.localdate())
    unit = dashboards.home_unit(user=request.user)
    if unit is not None:
        return redirect("performance:dashboard_unit", code=unit.code, year=year)
    return redirect("performance:dashboard_ministry", year=year)


def _basis_label(basis: str) -> str:
    return str(Basis(basis).label) if basis in Basis.values else basis


def _cell_target(cell: dashboards.Cell) -> Any:
    if cell.target is not None and cell.target_high is not None:
        return figure(TargetRange(cell.target, cell.target_high))
    return cell.target


def _status_words(status: str | None) -> str:
    return str(label_of(status, "status")) if status else ""


def ministry_table(data: dashboards.MinistryDashboard) -> Table:
    """The heatmap as the page shows it: the same units (same filter, order and page), NKO per
    quarter with its status in words."""
    choice = next((name for code, name in data.eselon1_choices if code == data.eselon1), "")
    filters = [
        _("Year %(year)s") % {"year": data.year},
        f"{_('Echelon I')}: {choice or _('All units')}",
        f"{_('Figures')}: {_basis_label(data.basis)}",
    ]
    if data.sort != "tree":
        order = _("Lowest NKO first") if data.sort == "weakest" else _("Highest NKO first")
        filters.append(f"{_('Order')}: {order} ({data.sort_quarter})")
    if data.page.paginator.num_pages > 1:
        filters.append(
            _("Page %(number)s of %(total)s")
            % {"number": data.page.number, "total": data.page.paginator.num_pages}
        )
    columns = [Column(_("Unit")), Column(_("Code"))]
    for summary in data.summary:
        columns += [Column(f"{_('NKO')} {summary.quarter}"), Column(f"{_('Status')} {summary.quarter}")]
    rows = []
    for row in data.rows:
        cells: list[Any] = [row.name, row.code]
        for _quarter, value, status in row.scores:
            cells += [value, _status_words(status)]
        rows.append(cells)
    return Table(
        title=_("Performance of the units, %(year)s") % {"year": data.year},
        filters=" · ".join(filters),
        columns=columns,
        rows=rows,
        filename=f"nko-{data.year}",
    )


def unit_table(data: dashboards.UnitDashboard) -> Table:
    """The unit page's indicator table, one row per indicator and quarter (the page's cells)."""
    columns = [
        Column(_("Objective")),
        Column(_("Code")),
        Column(_("Indicator")),
        Column(_("Quarter")),
        Column(_("Period")),
        Column(_("Reported")),
        Column(_("Target")),
        Column(_("Achievement (%)")),
        Column(_("Status")),
        Column(_("Evidence")),
        Column(_("What is missing")),
    ]
    rows: list[list[Any]] = []
    for group in data.sasaran:
        for indicator in group.indicators:
            for cell in indicator.cells:
                missing = []
                if cell.missing_value:
                    missing.append(_("no value yet"))
                missing += [
                    _("missing evidence: %(name)s") % {"name": name} for name in cell.missing_evidence
                ]
                if cell.missing_target:
                    missing.append(_("no target in the PK"))
                reported = cell.period is not None and cell.applicable
                rows.append(
                    [
                        f"{group.code} {group.name}",
                        indicator.code,
                        indicator.name,
                        cell.quarter,
                        cell.period if reported else (_("not applicable") if not cell.applicable else ""),
                        cell.reported if reported else None,
                        _cell_target(cell) if reported else None,
                        cell.achievement if reported else None,
                        _status_words(cell.status) if reported else "",
                        cell.evidence if cell.entry_period else None,
                        "; ".join(missing),
                    ]
                )
    return Table(
        title=f"{data.unit.name} · {data.year}",
        filters=f"{_('Figures')}: {_basis_label(data.basis)}",
        columns=columns,
        rows=rows,
        filename=f"dasbor-{data.unit.code}-{data.year}",
    )


@login_required
@require_GET
def dashboard_ministry(request: HttpRequest, year: int) -> HttpResponse:
    data = dashboards.ministry_dashboard(
        user=request.user,
        year=_year(year),
        basis=request.GET.get("basis"),
        eselon1=request.GET.get("eselon1", "")[:40],
        sort=request.GET.get("sort", "tree"),
        sort_quarter=request.GET.get("q", ""),
        page=request.GET.get("page", 1),
    )
    if fmt := requested_format(request):
        return export_response(request, ministry_table(data), fmt)
    context: dict[str, Any] = {"dash": data, "basis_choices": Basis.choices}
    return render(request, _partial(request, "performance/dashboard_ministry.html", "heatmap"), context)


@login_required
@require_GET
def dashboard_unit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    data = dashboards.unit_dashboard(
        user=request.user,
        unit_code=code,
        year=_year(year),
        basis=request.GET.get("basis"),
        today=timezone.localdate(),
    )
    if fmt := requested_format(request):
        return export_response(request, unit_table(data), fmt)
    return render(request, "performance/dashboard_unit.html", {"dash": data, "basis_choices": Basis.choices})


@login_required
@require_GET
def dashboard_unit_drill(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The ministry heatmap's drill-down: a unit's NPSS per sasaran and, below each, its indicators."""
    data = dashboards.unit_dashboard(
        user=request.user,
        unit_code=code,
        year=_year(year),
        basis=request.GET.get("basis"),
        today=timezone.localdate(),
    )
    return render(request, "performance/_drill.html", {"dash": data})


@login_required
@require_GET
def dashboard_trace(request: HttpRequest, code: str, year: int, indicator: int, period: str) -> HttpResponse:
    trace = dashboards.result_trace(
        user=request.user,
        unit_code=code,
        year=_year(year),
        indicator_id=indicator,
        period=period,
        basis=request.GET.get("basis"),
    )
    template = "performance/_trace.html" if request.htmx else "performance/dashboard_trace.html"
    return render(request, template, {"trace": trace})


@login_required
@require_GET
def dashboard_whatif(request: HttpRequest, code: str, year: int, indicator: int) -> HttpResponse:
    panel = dashboards.whatif(
        user=request.user,
        unit_code=code,
        year=_year(year),
        indicator_id=indicator,
        basis=request.GET.get("basis"),
        mode=request.GET.get("mode", Mode.NEXT),
    )
    template = "performance/_whatif.html" if request.htmx else "performance/dashboard_whatif.html"
    return render(request, template, {"panel": panel, "modes": Mode})
