"""The Perjanjian Kinerja as a document: the two parties' statement and the attached table.

`agreement_pdf` needs no request, so the `kinerja report pk` command renders the same file as the
download button. The document is the official one: it is rendered in the site's language
(Indonesian), whatever language the reader uses.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

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
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("planning/agreement_print.html", agreement_context(agreement))
    stylesheet = finders.find("planning/agreement-print.css")
    # Self-contained: no protocol is allowed, so nothing a text in the PK names is fetched.
    pdf: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None
    )
    return pdf


def agreement_filename(agreement: Agreement) -> str:
    suffix = f"-rev{agreement.revision}" if agreement.revision else ""
    return f"PK-{agreement.unit.code}-{agreement.year}{suffix}.pdf".replace('"', "")
