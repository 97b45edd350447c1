"""The self-assessment pages: choose a unit, read its assessment, feed it into IK-16."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.accounts.access import Action, can
from kinerja.performance.dashboards import default_year

from . import selectors, services

YEARS = range(2000, 2201)


def _year(year: int) -> int:
    if year not in YEARS:
        raise Http404(str(year))
    return year


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in YEARS else default_year(timezone.localdate())
    units = selectors.assessed_units(user=request.user, year=year)
    return render(request, "assessment/index.html", {"year": year, "units": units})


@login_required
@require_GET
def unit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    assessment = selectors.assessment_get(user=request.user, code=code, year=_year(year))
    context = {"a": assessment, "may_refresh": can(request.user, Action.CHANGE, assessment.unit)}
    return render(request, "assessment/unit.html", context)


@login_required
@require_POST
def refresh(request: HttpRequest, code: str, year: int) -> HttpResponse:
    target = selectors.unit_get(user=request.user, code=code)
    outcomes = services.assessment_refresh(actor=request.user, unit=target, year=_year(year))
    if not outcomes:
        messages.info(
            request, _("The PK of %(year)d has no self-assessment indicator to fill.") % {"year": year}
        )
    for indicator, outcome in outcomes:
        label = f"{indicator.code} {year}"
        if outcome.written:
            messages.success(request, _("%(what)s: filled from the self-assessment.") % {"what": label})
        else:
            messages.info(request, f"{label}: {outcome.reason}")
    return redirect("assessment:unit", code=target.code, year=year)
