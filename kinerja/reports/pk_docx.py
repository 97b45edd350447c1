"""The Perjanjian Kinerja as a Word file: the same statement and table as `agreement_pdf`.

The content comes from `planning.documents.agreement_context`, so the PDF and the DOCX cannot
disagree; `pk_table` is also the PK that the LKj prints in Chapter II and in its appendix.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.translation import gettext as _

from kinerja.planning.documents import agreement_context
from kinerja.planning.models import Agreement
from kinerja.planning.templatetags.planning_ui import annual_target

from .docx_build import DocxBuilder
from .printing import document_time, money

BLANK = "……………………"


@dataclass(frozen=True)
class PkItem:
    code: str
    name: str
    target: str  # as the PK document prints it (80, 7,5 or 10–20)
    measure: str


@dataclass(frozen=True)
class PkGroup:
    name: str
    items: tuple[PkItem, ...]


@dataclass(frozen=True)
class PkTable:
    year: int
    revision: int
    signed: bool
    place: str
    signed_on: datetime.date | None
    first_party_name: str
    first_party_title: str
    second_party_name: str
    second_party_title: str
    groups: tuple[PkGroup, ...]
    budget: tuple[tuple[str, str, Decimal], ...]  # (programme code, name, ceiling)
    budget_total: Decimal


def pk_table(agreement: Agreement) -> PkTable:
    """The PK's attached table and parties, from the context the PK page and PDF use."""
    context = agreement_context(agreement)
    return PkTable(
        year=agreement.year,
        revision=agreement.revision,
        signed=agreement.status == "signed",
        place=agreement.place,
        signed_on=agreement.signed_on,
        first_party_name=agreement.first_party_name,
        first_party_title=agreement.first_party_title,
        second_party_name=agreement.second_party_name,
        second_party_title=agreement.second_party_title,
        groups=tuple(
            PkGroup(
                sasaran_row.sasaran.name,
                tuple(
                    PkItem(
                        item.indicator.code,
                        item.indicator.name,
                        annual_target(item),
                        str(item.indicator.computation.get("unit", "")),
                    )
                    for item in rows
                ),
            )
            for sasaran_row, rows in context["groups"]
        ),
        budget=tuple((row.programme_code, row.programme_name, row.ceiling) for row in context["budget"]),
        budget_total=Decimal(context["budget_total"]),
    )


def _place_date(table: PkTable) -> str:
    day = date_filter(table.signed_on, "j F Y") if table.signed_on else f"………… {table.year}"
    return f"{table.place or '…………'}, {day}"


def write_pk_table(doc: DocxBuilder, table: PkTable, *, signatures: bool = False) -> None:
    """The PK's table of objectives, indicators and targets, then programme and budget."""
    rows = []
    for number, group in enumerate(table.groups, start=1):
        for index, item in enumerate(group.items):
            first = index == 0
            rows.append(
                [
                    str(number) if first else "",
                    group.name if first else "",
                    f"{item.code} {item.name}",
                    f"{item.target} {item.measure}".strip(),
                ]
            )
    doc.table(
        [_("No."), _("Objective (sasaran)"), _("Performance indicator"), _("Target")],
        rows,
        widths_cm=[1, 5, 8, 3],
        numeric=(3,),
    )
    if table.budget:
        budget_rows = [
            [str(n), f"{code} {name}", money(ceiling)]
            for n, (code, name, ceiling) in enumerate(table.budget, start=1)
        ]
        if len(table.budget) > 1:
            budget_rows.append(["", _("Total"), money(table.budget_total)])
        doc.table(
            [_("No."), _("Programme"), _("Budget (pagu)")],
            budget_rows,
            widths_cm=[1, 11, 5],
            numeric=(2,),
            bold_last=len(table.budget) > 1,
        )
    if signatures:
        _signatures(doc, table)


def _signatures(doc: DocxBuilder, table: PkTable) -> None:
    doc.paragraph(_place_date(table))
    grid = doc.document.add_table(rows=3, cols=2)
    heads = (
        f"{_('Second party (Pihak Kedua),')}\n{table.second_party_title}",
        f"{_('First party (Pihak Pertama),')}\n{table.first_party_title}",
    )
    names = (table.second_party_name or BLANK, table.first_party_name or BLANK)
    for column in range(2):
        grid.cell(0, column).text = heads[column]
        grid.cell(1, column).text = "\n\n\n"
        grid.cell(2, column).text = names[column]
        for row in range(3):
            grid.cell(row, column).paragraphs[0].alignment = 1  # centred
        grid.cell(2, column).paragraphs[0].runs[0].bold = True
        grid.cell(2, column).paragraphs[0].runs[0].underline = True


def agreement_docx(agreement: Agreement) -> bytes:
    """The PK as a DOCX, in the site language (the official document), like `agreement_pdf`."""
    with translation.override(settings.LANGUAGE_CODE):
        table = pk_table(agreement)
        unit = agreement.unit
        title = _("PERFORMANCE AGREEMENT FOR THE YEAR %(year)s") % {"year": agreement.year}
        doc = DocxBuilder(
            title=f"{title} · {unit.name}",
            created=document_time(agreement.signed_on or datetime.date(agreement.year, 1, 1)),
            footer=f"PK {agreement.year} · {unit.name}",
        )
        doc.paragraph(title, bold=True, size=12, center=True)
        doc.paragraph(unit.name.upper(), bold=True, center=True)
        if agreement.revision:
            doc.paragraph(_("Revision %(number)s") % {"number": agreement.revision}, size=9, center=True)
        doc.paragraph(
            _(
                "In order to achieve effective, transparent and accountable government management "
                "oriented to results, we, the undersigned:"
            )
        )
        doc.paragraph(f"{_('Name')}\t: {agreement.first_party_name or BLANK}")
        doc.paragraph(f"{_('Position')}\t: {agreement.first_party_title or BLANK}")
        doc.paragraph(_("hereinafter referred to as the first party (Pihak Pertama);"))
        doc.paragraph(f"{_('Name')}\t: {agreement.second_party_name or BLANK}")
        doc.paragraph(f"{_('Position')}\t: {agreement.second_party_title or BLANK}")
        doc.paragraph(
            _("as the first party's superior, hereinafter referred to as the second party (Pihak Kedua).")
        )
        doc.paragraph(
            _(
                "The first party undertakes to achieve the performance targets set out in the attachment "
                "to this agreement, in order to reach the medium-term targets laid down in the planning "
                "documents. Success or failure in achieving these targets is our responsibility."
            )
        )
        doc.paragraph(
            _(
                "The second party will provide the supervision needed, evaluate the performance achieved "
                "under this agreement, and take the measures needed to reward or sanction."
            )
        )
        _signatures(doc, table)
        doc.page_break()
        doc.paragraph(title, bold=True, size=12, center=True)
        doc.paragraph(unit.name.upper(), bold=True, center=True)
        write_pk_table(doc, table, signatures=True)
        return doc.to_bytes()
