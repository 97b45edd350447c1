"""The worksheet pages (the LKE's structure) and the comparisons of signed evaluations."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinerja.accounts.access import is_administrator
from kinerja.core.exports import Column, Table, export_response, requested_format

from . import compare
from .compare import Head, YearComparison, criterion_points


@login_required
@require_GET
def worksheets(request: HttpRequest) -> HttpResponse:
    context = {
        "worksheets": compare.worksheet_list(user=request.user),
        "administrator": is_administrator(request.user),
    }
    return render(request, "evaluation/worksheets.html", context)


@login_required
@require_GET
def worksheet(request: HttpRequest, code: str) -> HttpResponse:
    sheet = compare.worksheet_get(user=request.user, code=code)
    components = [
        {
            "component": component,
            "subcomponents": [
                {
                    "sub": sub,
                    "criteria": list(sub.criteria.all()),
                    "points": criterion_points(sub.weight, len(sub.criteria.all())),
                }
                for sub in component.subcomponents.all()
            ],
        }
        for component in sheet.components.all()
    ]
    criteria = sum(len(s["criteria"]) for c in components for s in c["subcomponents"])
    context = {"sheet": sheet, "components": components, "criteria": criteria}
    return render(request, "evaluation/worksheet.html", context)


@login_required
@require_GET
def compare_unit(request: HttpRequest, code: str) -> HttpResponse:
    comparison = compare.unit_comparison(user=request.user, code=code)
    return render(
        request, "evaluation/compare_unit.html", {"c": comparison, "chart": comparison.chart_data()}
    )


def _year_table(comparison: YearComparison) -> Table:
    def head(h: Head) -> Column:
        return Column(f"{h.code}. {h.name}")

    return Table(
        title=_("SAKIP evaluation results %(year)s") % {"year": comparison.year},
        columns=[
            Column(_("Rank")),
            Column(_("Unit code")),
            Column(_("Unit")),
            *(head(h) for h in comparison.heads),
            Column(_("Total")),
            Column(_("Grade")),
        ],
        rows=[
            [
                row.rank,
                row.unit.code,
                row.unit.name,
                *(cell.score if cell else None for cell in row.cells),
                row.total,
                row.grade,
            ]
            for row in comparison.rows
        ],
        filters=_("Signed evaluations of %(year)s") % {"year": comparison.year},
        filename=f"evaluasi-akip-{comparison.year}",
    )


@login_required
@require_GET
def compare_year(request: HttpRequest, year: int) -> HttpResponse:
    comparison = compare.year_comparison(user=request.user, year=year, sort=request.GET.get("sort", ""))
    if fmt := requested_format(request):
        return export_response(request, _year_table(comparison), fmt)
    return render(request, "evaluation/compare_year.html", {"c": comparison})


urlpatterns = [
    path("worksheets/", worksheets, name="worksheets"),
    path("worksheets/<slug:code>/", worksheet, name="worksheet"),
    path("compare/unit/<str:code>/", compare_unit, name="compare_unit"),
    path("compare/year/<int:year>/", compare_year, name="compare_year"),
]
