"""What the unit's printed reports share: how they read the data, how numbers read, the PDF step.

The document functions take no user: the caller (the download view, `kinerja report`) has already
decided that its user may read the unit and on which basis. The documents then read through the
dashboard's own selectors as `READER`, a reader who sees every unit, so every figure is the
dashboard's figure and the web download and the command give the same file.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe

from kinerja.core.pdf import html_to_pdf
from kinerja.formula.decimals import round_half_up
from kinerja.performance.dashboards import UnitDashboard, unit_dashboard
from kinerja.performance.models import Submission, SubmissionStatus
from kinerja.planning.templatetags.planning_ui import rupiah

#: Not a person and never logged in: read as an administrator by `access.roles_of`.
READER = SimpleNamespace(is_authenticated=False, is_active=True, is_superuser=True, pk=None)

STYLESHEET = "reports/print.css"
PLACEHOLDER = "[Belum ditulis]"


def number(value: Any) -> str:
    """A figure as the dashboard prints it: two decimals, the language's decimal mark (87,67)."""
    return "—" if value is None else str(floatformat(value, 2))


def target_text(low: Any, high: Any = None) -> str:
    """A target, or a stabilize range "10,00–20,00", as the dashboard prints it."""
    if low is None:
        return "—"
    return f"{number(low)}–{number(high)}" if high is not None else number(low)


def money(value: Any) -> str:
    return rupiah(value)


def svg(markup: str | bytes) -> SafeString:
    """A chart drawn by `charts` (from figures and codes, escaped by matplotlib) for inline HTML."""
    return mark_safe(markup if isinstance(markup, str) else markup.decode())


def pdf(html: str) -> bytes:
    return html_to_pdf(html, STYLESHEET)


def verified_snapshots(*, unit_id: int, year: int) -> dict[str, dict[str, Any]]:
    """Per verified quarter, the latest verified version's snapshot: what the verified basis reads.

    The same rule as `results.verified_inputs` (a reopened quarter leaves the verified basis).
    """
    snapshots: dict[str, dict[str, Any]] = {}
    for submission in Submission.objects.filter(
        unit_id=unit_id, year=year, status=SubmissionStatus.VERIFIED
    ).prefetch_related("versions"):
        versions = [v for v in submission.versions.all() if v.verified]
        if versions:
            snapshots[submission.quarter] = max(versions, key=lambda v: v.number).snapshot
    return snapshots


def document_time(day: datetime.date) -> datetime.datetime:
    """The DOCX's creation time: a date the data fixes (the period's end), so output is repeatable."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def board(unit: Any, year: int, basis: str) -> UnitDashboard:
    """The unit dashboard the documents print from (`today` only moves entry deadlines, never printed)."""
    return unit_dashboard(
        user=READER, unit_code=unit.code, year=year, basis=basis, today=datetime.date(year, 12, 31)
    )


def percent(part: Decimal | None, whole: Decimal) -> Decimal | None:
    """part / whole × 100, rounded half up to 2 decimals like every other figure."""
    if part is None or not whole:
        return None
    return round_half_up(part / whole * 100)
