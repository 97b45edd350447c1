"""A small layer over python-docx for the reports' Word files: A4, headings, tables, images.

Shared by the LKj, the quarterly report and the PK, so the three look alike: tables repeat their
header row on every page and never split a row, pages are numbered in the footer, and the file is
byte-for-byte repeatable (fixed core properties, fixed ZIP entry dates), so the web download and
`kinerja report` give the same file.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

FONT = "Arial"
#: ZIP entries carry this date instead of the time of writing.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
HEADER_FILL = "E6E6E6"


def _field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader's word processor fills in."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _shade(cell: object, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _row_flag(row: object, name: str) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


class DocxBuilder:
    """One document being written, top to bottom."""

    def __init__(
        self, *, title: str, created: datetime.datetime, footer: str, landscape: bool = False
    ) -> None:
        self.document = Document()
        properties = self.document.core_properties
        properties.title = title
        properties.author = "Kinerja"
        properties.last_modified_by = "Kinerja"
        properties.created = properties.modified = created
        properties.revision = 1
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        for level in range(1, 4):
            style = self.document.styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.size = Pt({1: 14, 2: 12, 3: 10.5}[level])
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        label = paragraph.add_run(f"{footer} · ")
        label.font.size = Pt(8)
        _field(paragraph, "PAGE")

    @property
    def text_width_cm(self) -> float:
        section = self.document.sections[0]
        return float((section.page_width - section.left_margin - section.right_margin) / Cm(1))

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        center: bool = False,
    ) -> None:
        paragraph = self.document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)

    def text(self, text: str, *, placeholder: str) -> None:
        """What a person wrote, a paragraph per blank-line block; the placeholder when it is empty."""
        blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
        if not blocks:
            self.paragraph(placeholder, italic=True)
            return
        for block in blocks:
            paragraph = self.document.add_paragraph()
            lines = block.split("\n")
            for index, line in enumerate(lines):
                run = paragraph.add_run(line)
                if index < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)

    def labelled(self, label: str, text: str, *, placeholder: str) -> None:
        self.paragraph(label, bold=True)
        self.text(text, placeholder=placeholder)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths_cm: Sequence[float] | None = None,
        numeric: Sequence[int] = (),
        size: float = 8.5,
        bold_last: bool = False,
    ) -> Table:
        """A grid whose header row repeats on every page; rows do not break across pages."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _row_flag(table.rows[0], "w:tblHeader")
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(size)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _shade(cell, HEADER_FILL)
        for index, values in enumerate(rows):
            row = table.add_row()
            _row_flag(row, "w:cantSplit")
            for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(size)
                run.bold = bold_last and index == len(rows) - 1
                if column in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if widths_cm:
            # Word reads the cells' widths, LibreOffice the grid's: set both, and keep them fixed.
            table.autofit = False
            for column, width in zip(table.columns, widths_cm, strict=True):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm, strict=True):
                    cell.width = Cm(width)
        self.document.add_paragraph()
        return table

    def image(self, png: bytes, *, width_cm: float | None = None, caption: str = "") -> None:
        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm or self.text_width_cm))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if caption:
            self.paragraph(caption, italic=True, size=8.5, center=True)

    def page_break(self) -> None:
        self.document.add_page_break()

    def to_bytes(self) -> bytes:
        raw = io.BytesIO()
        self.document.save(raw)
        return repeatable_zip(raw.getvalue())


def repeatable_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated `ZIP_DATE`: python-docx stamps the time of writing."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
