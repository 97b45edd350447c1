"""The one way a report document is produced: `document_render`.

The download page, the API and the `kinerja report` command all call it, so the command writes
the very bytes the web interface offers. It takes no user: callers check that the user may read
the unit first (the command runs with the server's authority, like `kinerja compute`). The
renderers are imported when called, so this module loads even where a renderer's heavy
dependencies (weasyprint, python-docx, matplotlib) are not needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTERS

from . import selectors

KINDS = ("pk", "lkj", "triwulan")
FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Document:
    content: bytes
    filename: str
    content_type: str


class DocumentError(Exception):
    """A document that cannot be produced; `field` names the argument at fault, if one is."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BadArgument(DocumentError):
    """The request itself is wrong (an unknown kind or format, a missing or stray period)."""


class Unavailable(DocumentError):
    """The request is well formed, but the unit has nothing to make it from (no signed PK, …)."""


def safe_filename(name: str) -> str:
    """Letters, digits, dot, dash and underscore only: safe in a Content-Disposition header and on disk."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", name)).strip("-.") or "document"


def check_arguments(*, kind: str, period: str | None, fmt: str) -> None:
    if kind not in KINDS:
        raise BadArgument(
            _("Unknown document %(kind)r: choose pk, lkj or triwulan.") % {"kind": kind}, "kind"
        )
    if fmt not in FORMATS:
        raise BadArgument(_("Unknown format %(fmt)r: choose pdf or docx.") % {"fmt": fmt}, "format")
    if kind == "triwulan":
        if not period:
            raise BadArgument(_("The quarterly report needs a period (TW1 to TW4)."), "period")
        if period not in QUARTERS:
            raise BadArgument(
                _("Unknown period %(period)r: choose TW1, TW2, TW3 or TW4.") % {"period": period}, "period"
            )
    elif period:
        raise BadArgument(_("Only the quarterly report (triwulan) takes a period."), "period")


def document_render(*, kind: str, unit: OrgUnit, year: int, period: str | None, fmt: str) -> Document:
    """Render one document of one unit and year; raises DocumentError with a message for people."""
    check_arguments(kind=kind, period=period, fmt=fmt)
    if kind == "pk":
        content, stem = _agreement(unit, year, fmt)
    elif kind == "lkj":
        content, stem = _lkj(unit, year, fmt), f"LKj-{unit.code}-{year}"
    else:
        assert period is not None  # checked above
        content, stem = _quarterly(unit, year, period, fmt), f"Laporan-Triwulan-{unit.code}-{year}-{period}"
    return Document(content=content, filename=safe_filename(f"{stem}.{fmt}"), content_type=CONTENT_TYPES[fmt])


def _agreement(unit: OrgUnit, year: int, fmt: str) -> tuple[bytes, str]:
    agreement = selectors.signed_agreement(unit=unit, year=year)
    if agreement is None:
        raise Unavailable(
            _("%(unit)s has no signed Perjanjian Kinerja for %(year)s.") % {"unit": unit.code, "year": year}
        )
    from kinerja.planning.documents import agreement_filename, agreement_pdf

    stem = agreement_filename(agreement).removesuffix(".pdf")  # PK-CODE-YEAR[-revN], as planning names it
    if fmt == "pdf":
        return agreement_pdf(agreement), stem
    from kinerja.reports.pk_docx import agreement_docx

    return agreement_docx(agreement), stem


def _lkj(unit: OrgUnit, year: int, fmt: str) -> bytes:
    if selectors.current_agreement(unit=unit, year=year) is None:
        raise Unavailable(
            _("%(unit)s has no Perjanjian Kinerja for %(year)s, so there is no LKj to draft.")
            % {"unit": unit.code, "year": year}
        )
    from kinerja.reports import lkj

    return lkj.lkj_pdf(unit=unit, year=year) if fmt == "pdf" else lkj.lkj_docx(unit=unit, year=year)


def _quarterly(unit: OrgUnit, year: int, quarter: str, fmt: str) -> bytes:
    if quarter not in selectors.quarters_with_data(unit=unit, year=year):
        raise Unavailable(
            _("%(unit)s has no data for %(quarter)s %(year)s.")
            % {"unit": unit.code, "quarter": quarter, "year": year}
        )
    from kinerja.reports import quarterly

    if fmt == "pdf":
        return quarterly.quarterly_pdf(unit=unit, year=year, quarter=quarter)
    return quarterly.quarterly_docx(unit=unit, year=year, quarter=quarter)
