"""The Lembar Kerja Pendampingan Penyusunan Laporan Kinerja as a PDF.

Rendered once, in the site language, when the officer issues it; the signatures app adds the
signatures to that file, so what the unit signs is what the page showed.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from kinerja.core.pdf import html_to_pdf
from kinerja.workflows.models import ServiceRequest
from kinerja.workflows.services import standard_of

from .models import MentoringFinding, MentoringUpload, Regulation
from .selectors import findings_by_chapter


def worksheet_context(
    *,
    request: ServiceRequest,
    findings: list[MentoringFinding],
    uploads: list[MentoringUpload],
    mentor: Any,
    representative: Any,
) -> dict[str, Any]:
    return {
        "request": request,
        "unit": request.unit,
        "standard": standard_of(request.kind),
        "uploads": uploads,
        "groups": findings_by_chapter(findings),
        "regulations": [label for _value, label in Regulation.choices],
        "mentor": mentor,
        "representative": representative,
        "issued_on": timezone.localdate(),
    }


def worksheet_pdf(context: dict[str, Any]) -> bytes:
    """`context` is worksheet_context() plus the signatures app's verification block values."""
    html = render_to_string("mentoring/worksheet_print.html", context)
    return html_to_pdf(html, "mentoring/worksheet-print.css")
