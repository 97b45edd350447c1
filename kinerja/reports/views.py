"""The reports page: the documents of one unit and year, and their downloads.

Downloads are generated on request by `documents.document_render`, the function the API and the
`kinerja report` command use too. A unit the user may not read is a 404; a document the unit has
no data for (no signed PK, a quarter without entries) is a 404 as well.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from . import selectors
from .documents import BadArgument, Document, DocumentError, document_render
from .models import DraftState


def document_response(document: Document) -> HttpResponse:
    """The document as an attachment; its name is already reduced to safe characters."""
    response = HttpResponse(document.content, content_type=document.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=document.filename)
    response["Content-Disposition"] = disposition or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("unit", "")
    unit = (
        selectors.unit_get(user=request.user, code=code) if code else selectors.home_unit(user=request.user)
    )
    years = selectors.unit_years(unit=unit) if unit is not None else []
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2200 else selectors.default_year(years)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    draft = selectors.draft_find(unit=unit, year=year) if unit is not None else None
    context = {
        "units": selectors.unit_list(user=request.user),
        "unit": unit,
        "years": years,
        "year": year,
        "documents": selectors.available_documents(unit=unit, year=year) if unit is not None else [],
        "draft": draft,
        "draft_state": draft.get_state_display() if draft else DraftState.WRITING.label,
        "waiting": list(selectors.drafts_waiting_review(user=request.user)[:50]),
    }
    return render(request, "reports/index.html", context)


@login_required
@require_GET
def download(request: HttpRequest, kind: str, code: str, year: int, fmt: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    try:
        document = document_render(
            kind=kind, unit=unit, year=year, period=request.GET.get("period") or None, fmt=fmt
        )
    except BadArgument as exc:
        return HttpResponseBadRequest(exc.message)
    except DocumentError as exc:
        raise Http404(exc.message) from None
    return document_response(document)
