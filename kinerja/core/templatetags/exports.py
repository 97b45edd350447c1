"""`{% export_buttons %}`: the "Excel" and "PDF" links of a table view."""

from typing import Any

from django import template

from kinerja.core.exports import FORMATS

register = template.Library()


@register.inclusion_tag("core/_export_buttons.html", takes_context=True)
def export_buttons(context: template.Context, oob: bool = False, path: str = "") -> dict[str, Any]:
    """Links to the current URL with `export=xlsx|pdf`, keeping every other query parameter, so
    the export holds exactly the rows the page shows with its filters. `oob=True` in an htmx
    partial replaces the buttons already on the page, whose links still carry the old filters.
    `path` names the table view when the page is rendered by another URL (a form posted back
    with its errors)."""
    request = context["request"]
    links = {}
    for fmt in FORMATS:
        query = request.GET.copy()
        query["export"] = fmt
        links[fmt] = f"{path or request.path}?{query.urlencode()}"
    return {"xlsx_url": links["xlsx"], "pdf_url": links["pdf"], "oob": oob}
