"""Pages of the transparency portal: public, no login, and only what selectors call public.

The publication management pages are for the unit's staff and sit behind login.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinerja.accounts.access import Action, can
from kinerja.core.forms import add_service_errors, posted_action
from kinerja.evaluation.results import grade_label
from kinerja.organization.models import OrgUnit
from kinerja.planning.documents import agreement_filename, agreement_pdf
from kinerja.public.views import public_page  # the citizen layout and its context

from . import selectors, services
from .forms import PublicationForm, PublishForm, WithdrawForm
from .models import DocumentKind, Publication


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query, "tree": selectors.public_tree(query=query)}
    return public_page(request, "transparency/index.html", context)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[0] if years else timezone.localdate().year


@require_GET
def unit(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.unit_get(code=code)
    years = selectors.unit_years(unit=found)
    year = _year(request, years)
    renstra = selectors.renstra_for(unit=found, year=year)
    agreement = selectors.agreement_for(unit=found, year=year)
    indicators = selectors.plan_indicators(unit=found, year=year)
    cascade = selectors.cascade(indicators)
    linked_units: list[OrgUnit] = [i.unit for item in cascade for i in (*item.above, *item.below)]
    counts = selectors.download_counts(unit=found, year=year)
    published = list(selectors.publications(unit=found, year=year))
    evaluation = selectors.evaluation_for(unit=found, year=year)
    for publication in published:
        publication.downloads = counts.get((DocumentKind.PUBLICATION, publication.pk), 0)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "unit": found,
        "years": years,
        "year": year,
        "renstra": renstra,
        "renstra_rows": selectors.renstra_rows(renstra=renstra, year=year) if renstra else [],
        "agreement": agreement,
        "agreement_rows": selectors.agreement_rows(agreement=agreement) if agreement else [],
        "key_indicators": selectors.key_indicators(indicators),
        "achievements": selectors.achievements(unit=found, year=year),
        "publications": published,
        "evaluation": evaluation,
        "evaluation_grade_label": grade_label(evaluation, evaluation.grade) if evaluation else "",
        "cascade": [item for item in cascade if item.above or item.below],
        "cascade_alone": [item.indicator for item in cascade if not (item.above or item.below)],
        "public_unit_ids": selectors.public_unit_ids(linked_units),
        "agreement_downloads": counts.get((DocumentKind.AGREEMENT, agreement.pk), 0) if agreement else 0,
        "csv_downloads": counts.get((DocumentKind.ACHIEVEMENTS, 0), 0),
        "may_publish": request.user.is_authenticated and can(request.user, Action.VIEW, found),
    }
    return public_page(request, "transparency/unit.html", context)


@require_GET
def agreement_download(request: HttpRequest, code: str, year: int) -> HttpResponse:
    found = selectors.unit_get(code=code)
    agreement = selectors.agreement_for(unit=found, year=year)
    if agreement is None:
        raise Http404(str(year))
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{agreement_filename(agreement)}"'
    services.download_record(document=DocumentKind.AGREEMENT, unit=found, year=year, object_id=agreement.pk)
    return response


@require_GET
def achievements_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    found = selectors.unit_get(code=code)
    if not selectors.verified_quarters(unit=found, year=year):
        raise Http404(str(year))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capaian-{found.code}-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(selectors.ACHIEVEMENT_COLUMNS)
    writer.writerows(selectors.achievement_table(unit=found, year=year))
    services.download_record(document=DocumentKind.ACHIEVEMENTS, unit=found, year=year)
    return response


@require_GET
def publication_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    found = selectors.unit_get(code=code)
    publication = selectors.publication_public_get(unit=found, pk=pk)
    services.download_record(
        document=DocumentKind.PUBLICATION, unit=found, year=publication.year, object_id=publication.pk
    )
    return FileResponse(
        publication.file.open("rb"),
        as_attachment=True,
        filename=publication.original_name,
        content_type="application/pdf",
    )


# --- the unit's staff ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publication_manage(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.staff_unit_get(user=request.user, code=code)
    may_change = can(request.user, Action.CHANGE, found)
    form = PublicationForm(initial={"year": timezone.localdate().year - 1})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = PublicationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.publication_upload(
                    actor=request.user,
                    unit=found,
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data.get("file"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Uploaded. Check it, then publish it."))
                return redirect("transparency:publication_manage", code=found.code)
    rows = list(selectors.publication_list(user=request.user, unit=found))
    context = {
        "unit": found,
        "form": form,
        "may_change": may_change,
        "rows": rows,
        "history": _history(rows),
    }
    return render(request, "transparency/manage.html", context)


def _history(rows: list[Publication]) -> list[Any]:
    """The publications' history, newest first: what was public when, and who changed it."""
    return list(
        Publication.history.filter(id__in=[r.pk for r in rows])
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )


def _transition(request: HttpRequest, pk: int, form_class: Any, apply: Any, done: str) -> HttpResponse:
    publication = selectors.publication_get(user=request.user, pk=pk)
    if not can(request.user, Action.CHANGE, publication.unit):
        raise PermissionDenied
    posted_action(request, form_class, lambda data: apply(publication, data), done)
    return redirect("transparency:publication_manage", code=publication.unit.code)


@login_required
@require_POST
def publication_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        PublishForm,
        lambda p, data: services.publication_publish(
            actor=request.user, publication=p, expected_version=data["row_version"]
        ),
        _("Published: the document is now on the transparency portal."),
    )


@login_required
@require_POST
def publication_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        WithdrawForm,
        lambda p, data: services.publication_withdraw(
            actor=request.user, publication=p, reason=data["reason"], expected_version=data["row_version"]
        ),
        _("Withdrawn: the document is no longer public; the history keeps it."),
    )
