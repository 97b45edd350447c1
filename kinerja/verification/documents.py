"""The Lembar Kerja Verifikasi Capaian Kinerja as a PDF, in the site's language (it is the
official document, whatever language the officer reads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kinerja.core.pdf import html_to_pdf
from kinerja.workflows.models import ServiceRequest

from . import selectors
from .models import VerificationLine


def worksheet_pdf(
    *,
    request: ServiceRequest,
    lines: Sequence[VerificationLine],
    signers: Sequence[tuple[Any, str]],
    verification: dict[str, Any],
) -> bytes:
    """`verification` is the signatures app's context for its QR block (verify_url, qr_svg, public_id)."""
    rows = {row.line.pk: row for row in selectors.line_rows(request)}
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "verification/worksheet_print.html",
            {
                "request": request,
                "unit": request.unit,
                "rows": [rows[line.pk] for line in lines if line.pk in rows],
                "signers": signers,
                "issued_on": timezone.localdate(),
                **verification,
            },
        )
    return html_to_pdf(html, "verification/worksheet-print.css")
