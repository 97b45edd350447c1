"""The export module itself: the neutralising rule, the workbook, the PDF, the download."""

import datetime
import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.core.exports import (
    DANGEROUS_LEADS,
    Column,
    Table,
    export_filename,
    export_response,
    figure,
    neutralise,
    requested_format,
    table_pdf,
    table_xlsx,
)
from kinerja.formula.indicator import TargetRange

HEADER_ROW = 3  # title, filters and time of export above it


@pytest.mark.parametrize("lead", ["=", "+", "-", "\u2212", "@", "\t", "\r"])
def test_text_starting_with_a_formula_character_is_quoted(lead):
    assert neutralise(f"{lead}1+1") == f"'{lead}1+1"


@pytest.mark.parametrize("value", ["Laporan", "1+1", " =spasi", "", "'quoted"])
def test_ordinary_text_is_untouched(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value", [-5, 0, Decimal("-87.67"), None, datetime.date(2026, 1, 1), datetime.datetime(2026, 1, 1, 8)]
)
def test_numbers_dates_and_none_are_untouched(value):
    assert neutralise(value) is value


@given(st.text())
def test_nothing_neutralise_returns_starts_dangerously(text):
    out = neutralise(text)
    assert not out.startswith(DANGEROUS_LEADS)
    assert out.endswith(text)  # only ever a prefix is added


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="row of 1 cells for 2 columns"):
        Table(title="t", columns=[Column("a"), Column("b")], rows=[["only one"]])


def test_figure_writes_a_range_as_text_and_a_number_as_itself():
    assert figure(Decimal("7.5")) == Decimal("7.5")
    assert figure(TargetRange(Decimal(10), Decimal(20))) == "10–20"
    assert figure(None) is None


def sample(**overrides):
    values = {
        "title": "Uji ekspor",
        "filters": "Tahun 2026",
        "columns": [
            Column("Nama"),
            Column("Capaian"),
            Column("Jumlah"),
            Column("Tanggal"),
            Column("Persen", "0.0%"),
        ],
        "rows": [
            [
                '=HYPERLINK("http://evil.invalid","klik")',
                Decimal("87.666"),
                3,
                datetime.date(2026, 4, 15),
                Decimal("0.5"),
            ],
            ["bersih\x01", None, -4, datetime.datetime(2026, 4, 15, 1, 30, tzinfo=datetime.UTC), None],
        ],
        "exported_at": datetime.datetime(2026, 5, 10, 2, 0, tzinfo=datetime.UTC),
    }
    return Table(**{**values, **overrides})


def sheet_of(content):
    return load_workbook(io.BytesIO(content)).active


def test_workbook_keeps_types_formats_and_layout():
    ws = sheet_of(table_xlsx(sample()))
    assert ws["A1"].value == "Uji ekspor"
    assert ws["A2"].value.startswith("Tahun 2026")
    assert [c.value for c in ws[HEADER_ROW]] == ["Nama", "Capaian", "Jumlah", "Tanggal", "Persen"]
    assert all(c.font.bold for c in ws[HEADER_ROW])
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    first, second = ws[HEADER_ROW + 1], ws[HEADER_ROW + 2]
    # A user's formula stays text: quoted, typed as a string, never a formula cell.
    assert first[0].value == '\'=HYPERLINK("http://evil.invalid","klik")'
    assert first[0].data_type == "s"
    assert first[1].value == pytest.approx(87.666)
    assert first[1].data_type == "n"
    assert first[1].number_format == "0.00"
    assert first[2].value == 3
    assert first[2].number_format == "0"
    assert first[3].value == datetime.datetime(2026, 4, 15)
    assert first[3].is_date
    assert first[4].number_format == "0.0%"
    assert second[0].value == "bersih"  # a control character XML forbids is dropped
    assert second[1].value is None
    assert second[2].value == -4  # a negative number is a number, not neutralised text
    assert second[3].value == datetime.datetime(2026, 4, 15, 8, 30)  # Jakarta time, naive
    assert ws.column_dimensions["A"].width > ws.column_dimensions["C"].width


def test_no_cell_of_the_workbook_is_a_formula():
    ws = sheet_of(
        table_xlsx(sample(title="=judul", filters="+filter", columns=[Column("@kolom")], rows=[["-1"]]))
    )
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells
    assert all(c.data_type != "f" for c in cells)
    assert [c.value for c in cells] == ["'=judul", cells[1].value, "'@kolom", "'-1"]
    assert cells[1].value.startswith("'+filter")


def test_pdf_has_the_title_the_filters_and_the_rows():
    reader = PdfReader(io.BytesIO(table_pdf(sample())))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert "Ujiekspor" in text
    assert "Tahun2026" in text
    assert '=HYPERLINK("http://evil.invalid","klik")' in text  # printed as typed: a PDF runs nothing
    assert "87,67" in text or "87.67" in text  # two decimals, rounded half up
    assert "50,0%" in text or "50.0%" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert height > width  # five short columns fit on a portrait page


def test_a_wide_table_is_printed_landscape():
    table = sample(columns=[Column(f"Kolom {i}") for i in range(8)], rows=[list(range(8))])
    page = PdfReader(io.BytesIO(table_pdf(table))).pages[0]
    assert page.mediabox.width > page.mediabox.height


def test_a_narrow_table_is_portrait_and_long_ones_repeat_the_header():
    table = sample(columns=[Column("Kode"), Column("Nilai")], rows=[[f"R{i:03}", i] for i in range(120)])
    reader = PdfReader(io.BytesIO(table_pdf(table)))
    assert len(reader.pages) > 1
    page = reader.pages[1]
    assert page.mediabox.height > page.mediabox.width
    assert "Kode" in page.extract_text()
    assert "Nilai" in page.extract_text()


def test_the_format_is_read_from_the_query_and_unknown_ones_are_ignored(rf):
    assert requested_format(rf.get("/", {"export": "xlsx"})) == "xlsx"
    assert requested_format(rf.get("/", {"export": "pdf"})) == "pdf"
    assert requested_format(rf.get("/", {"export": "csv"})) is None
    assert requested_format(rf.get("/")) is None


def test_the_download_name_is_ascii_and_safe():
    table = sample(title='Capaian "IKU" /../ Tarakan; rm -rf', filename="")
    name = export_filename(table, "xlsx")
    assert name == "capaian-iku-tarakan-rm-rf-20260510.xlsx"
    response = export_response(RequestFactory().get("/"), table, "xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_buttons_keep_the_other_query_parameters():
    request = RequestFactory().get("/x/", {"year": "2026", "export": "pdf", "q": "a&b"})
    html = Template("{% load exports %}{% export_buttons %}").render(Context({"request": request}))
    assert 'href="/x/?year=2026&amp;export=xlsx&amp;q=a%26b"' in html
    assert 'href="/x/?year=2026&amp;export=pdf&amp;q=a%26b"' in html
    assert "hx-swap-oob" not in html
    oob = Template("{% load exports %}{% export_buttons oob=True %}").render(Context({"request": request}))
    assert 'hx-swap-oob="true"' in oob
    assert oob.startswith("<template>")


def test_buttons_can_name_the_table_view_when_another_url_renders_the_page():
    request = RequestFactory().post("/calendar/leave/add/?year=2026")
    html = Template("{% load exports %}{% export_buttons path='/calendar/' %}").render(
        Context({"request": request})
    )
    assert 'href="/calendar/?year=2026&amp;export=xlsx"' in html
