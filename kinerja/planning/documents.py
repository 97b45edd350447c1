"""The Perjanjian Kinerja as a document: the two parties' statement and the attached table.

`agreement_pdf` needs no request, so the `kinerja report pk` command renders the same file as the
download button. The document is the official one: it is rendered in the site's language
(Indonesian), whatever language the reader uses.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from kinerja.core.pdf import html_to_pdf

from . import selectors
from .models import Agreement


def agreement_context(agreement: Agreement) -> dict[str, Any]:
    """The PK's table grouped by sasaran, and its budget, as the page and the PDF show them."""
    items = list(selectors.agreement_items(agreement=agreement))
    groups = [
        (sasaran_row, list(rows)) for sasaran_row, rows in groupby(items, key=lambda item: item.sasaran_row)
    ]
    budget = list(agreement.budget_rows.all())
    return {
        "agreement": agreement,
        "unit": agreement.unit,
        "groups": groups,
        "budget": budget,
        "budget_total": sum((row.ceiling for row in budget), start=0),
    }


def agreement_pdf(agreement: Agreement) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("planning/agreement_print.html", agreement_context(agreement))
    return html_to_pdf(html, "planning/agreement-print.css")


def agreement_filename(agreement: Agreement) -> str:
    suffix = f"-rev{agreement.revision}" if agreement.revision else ""
    return f"PK-{agreement.unit.code}-{agreement.year}{suffix}.pdf".replace('"', "")
