"""The service's documents: the Lembar Kerja Validasi Indikator and the Nota Dinas of the result.

Both are official documents, rendered in the site's language whatever language the reader uses,
and self-contained (kinerja.core.pdf fetches nothing a text names).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kinerja.core.pdf import html_to_pdf
from kinerja.planning.models import Agreement
from kinerja.workflows.models import ServiceRequest

from .models import ACCEPTED, NotaDinas, Verdict

STYLESHEET = "validation/print.css"


def worksheet_pdf(
    request: ServiceRequest, *, signers: Sequence[tuple[Any, str]], verification: dict[str, Any]
) -> bytes:
    """The worksheet: every proposal with its verdict, then who signs, then the QR block."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "validation/worksheet_print.html",
            {
                "val_request": request,
                "unit": request.unit,
                "proposals": list(request.proposals.order_by("sort_order", "pk")),
                "signers": [{"user": user, "capacity": capacity} for user, capacity in signers],
                "today": timezone.localdate(),
                **verification,
            },
        )
    return html_to_pdf(html, STYLESHEET)


def nota_dinas_pdf(nota: NotaDinas, *, agreement: Agreement | None) -> bytes:
    """The Nota Dinas: to the unit's head, from the Head of Biro Perencanaan, listing each result."""
    request = nota.request
    proposals = list(request.proposals.select_related("indicator").order_by("sort_order", "pk"))
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "validation/nota_dinas_print.html",
            {
                "nota": nota,
                "val_request": request,
                "unit": request.unit,
                "proposals": proposals,
                "accepted": [p for p in proposals if p.verdict in ACCEPTED],
                "rejected": [p for p in proposals if p.verdict == Verdict.DITOLAK],
                "agreement": agreement,
                "worksheet": request.worksheet,
                "issued_on": timezone.localtime(nota.issued_at).date(),
            },
        )
    return html_to_pdf(html, STYLESHEET)
