"""The service evaluation page, its Excel twin, and the written apology letter of a late request."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.exports import neutralise
from kinerja.planning.periods import QUARTERS

from . import selectors
from .evaluation import Evaluation, Period, evaluation, may_see_evaluation
from .letters import apology_filename, apology_pdf, owes_written_apology
from .models import ServiceKind

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(
        label=gettext_lazy("Quarter"),
        required=False,
        choices=[("", gettext_lazy("The whole year")), *((q, q) for q in QUARTERS)],
    )
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    service = forms.ChoiceField(
        label=gettext_lazy("Service"),
        required=False,
        choices=[("", gettext_lazy("All services")), *ServiceKind.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, start, end = data.get("year"), data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both dates of the range, or neither."))
        if start is not None and end is not None:
            if data.get("quarter"):
                raise forms.ValidationError(_("Choose a quarter or a date range, not both."))
            if end < start:
                self.add_error("end", _("The range ends before it starts."))
            elif year is not None and (start.year != year or end.year != year):
                self.add_error("start", _("The dates must fall within %(year)s.") % {"year": year})
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        return Period.of(year=data["year"], quarter=data["quarter"], start=data["start"], end=data["end"])


def _form(request: HttpRequest) -> EvaluationForm:
    """The filters as asked; with none, this year."""
    if not request.GET:
        return EvaluationForm({"year": timezone.localdate().year})
    return EvaluationForm(request.GET)


def _evaluation(request: HttpRequest) -> tuple[EvaluationForm, Evaluation | None]:
    if not may_see_evaluation(request.user):
        raise PermissionDenied
    form = _form(request)
    if not form.is_valid():
        return form, None
    return form, evaluation(user=request.user, period=form.period(), kind=form.cleaned_data["service"])


@login_required
def evaluation_page(request: HttpRequest) -> HttpResponse:
    form, result = _evaluation(request)
    return render(
        request,
        "workflows/evaluation/report.html",
        {
            "form": form,
            "result": result,
            "query": request.GET.urlencode(),
        },
    )


def _period_label(period: Period) -> str:
    return f"{period.start:%d-%m-%Y} – {period.end:%d-%m-%Y}"


def _decimal(value: Any) -> Any:
    return float(value) if value is not None else None


def workbook(result: Evaluation) -> bytes:
    """The page's two tables as sheets, with numbers as numbers so they can be summed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    services = book.active
    assert services is not None
    services.title = _("Per service")[:31]
    bold = Font(bold=True)
    services.append([_("Service evaluation"), _period_label(result.period)])
    services["A1"].font = bold
    services.append([])
    rung_labels = [label for _code, label, _owed, _given in result.total.rungs]
    header = [
        _("Service"),
        _("Requests received"),
        _("Delivered"),
        _("Open"),
        _("Cancelled"),
        _("Median service hours"),
        _("Longest service hours"),
        _("On time"),
        _("On time (%)"),
        *[_("Owed: %(rung)s") % {"rung": label} for label in rung_labels],
        *[_("Given: %(rung)s") % {"rung": label} for label in rung_labels],
        _("Complaints received"),
        _("Complaints open"),
        _("Complaints late"),
        _("Median answer (service hours)"),
        _("Satisfaction index (IKM)"),
        _("IKM grade"),
        _("Respondents"),
    ]
    services.append(header)
    for cell in services[services.max_row]:
        cell.font = bold
    rows = [(s.label, s.figures, s.voice) for s in result.services]
    if len(result.services) > 1:
        rows.append((_("All services"), result.total, result.total_voice))
    for label, f, v in rows:
        services.append(
            [
                label,
                f.received,
                f.delivered,
                f.open,
                f.cancelled,
                _decimal(f.median_hours),
                _decimal(f.longest_hours),
                f.on_time,
                _decimal(f.on_time_percent),
                *[owed for _code, _label, owed, _given in f.rungs],
                *[given for _code, _label, _owed, given in f.rungs],
                v.complaints,
                v.complaints_open,
                v.complaints_overdue,
                _decimal(v.median_answer_hours),
                _decimal(v.satisfaction.ikm),
                v.satisfaction.grade or None,
                v.satisfaction.respondents,
            ]
        )
    officers = book.create_sheet(_("Per officer")[:31])
    officers.append([_("Service performance per officer"), _period_label(result.period)])
    officers["A1"].font = bold
    officers.append([])
    officers.append(
        [_("Officer"), _("Requests"), _("Delivered"), _("Median service hours"), _("On time (%)")]
    )
    for cell in officers[officers.max_row]:
        cell.font = bold
    for row in result.officers:
        officers.append(
            [
                neutralise(row.officer.get_full_name()) if row.officer else _("Not assigned"),
                row.requests,
                row.delivered,
                _decimal(row.median_hours),
                _decimal(row.on_time_percent),
            ]
        )
    for sheet in (services, officers):
        sheet.column_dimensions["A"].width = 48
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@login_required
def evaluation_xlsx(request: HttpRequest) -> HttpResponse:
    form, result = _evaluation(request)
    if result is None:
        return HttpResponse(" ".join(form.errors.as_text().split()), status=400, content_type="text/plain")
    response = HttpResponse(workbook(result), content_type=XLSX_CONTENT_TYPE)
    period = result.period
    filename = f"evaluasi-pelayanan-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def apology_letter(request: HttpRequest, number: str) -> HttpResponse:
    """The written apology of a late request, for whoever may see the request's unit."""
    service_request = selectors.request_get(user=request.user, number=number)
    if not owes_written_apology(service_request):
        raise Http404(number)
    response = HttpResponse(apology_pdf(service_request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{apology_filename(service_request)}"'
    return response
