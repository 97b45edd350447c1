"""Pages of the Excel round trip: download a quarter's template, upload it back."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.accounts.access import Action, can
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTERS

from . import excel, selectors, uploads
from .imports import ImportRefused, realisation_import

YEARS = range(2000, 2201)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled template (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


def _unit_quarter(request: HttpRequest, code: str, year: int, quarter: str) -> OrgUnit:
    """The unit if the user may see it (404 otherwise: its existence is not revealed)."""
    if quarter not in QUARTERS or year not in YEARS:
        raise Http404(quarter)
    return selectors.unit_get(user=request.user, code=code)


@login_required
@require_GET
def excel_template(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    unit = _unit_quarter(request, code, year, quarter)
    data = excel.template_build(unit=unit, year=year, quarter=quarter, user=request.user)
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    filename = f"realisasi-{unit.code}-{year}-{quarter}.xlsx".replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def excel_upload(request: HttpRequest, code: str, year: int, quarter: str) -> HttpResponse:
    unit = _unit_quarter(request, code, year, quarter)
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    problems: list[excel.CellProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = uploads.max_bytes()
        if upload.size > limit:
            form.add_error("file", _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
        else:
            try:
                report = realisation_import(
                    actor=request.user, unit=unit, year=year, quarter=quarter, data=upload.read()
                )
            except ImportRefused as exc:
                problems = exc.problems
            except ValidationError as exc:
                form.add_error(None, exc)
    access = selectors.entry_access(user=request.user, unit=unit, year=year, quarter=quarter)
    context = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "form": form,
        "report": report,
        "problems": problems,
        "access": access,
        "max_size": uploads.max_bytes(),
    }
    return render(request, "performance/excel_upload.html", context)
