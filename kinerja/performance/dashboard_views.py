"""Dashboard pages: the unit's year, the ministry's heatmap, and the panels they open with htmx."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

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
