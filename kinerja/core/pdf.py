"""HTML to PDF for the documents Kinerja issues (worksheets, letters).

Self-contained on purpose: no URL protocol is allowed, so nothing a user typed into a document
(a link, an image address) is fetched while rendering. Callers render their template in the site
language themselves; this only turns the HTML into bytes.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders


def html_to_pdf(html: str, stylesheet: str | None = None) -> bytes:
    """The PDF of `html`; `stylesheet` is a static file path (e.g. "mentoring/print.css") or None."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    found = finders.find(stylesheet) if stylesheet else None
    if stylesheet and not found:
        raise FileNotFoundError(stylesheet)
    pdf: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
        stylesheets=[CSS(filename=found, url_fetcher=URLFetcher(allowed_protocols=()))] if found else None
    )
    return pdf
