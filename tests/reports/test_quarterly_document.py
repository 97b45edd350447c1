"""The quarterly report: one quarter of the verified dashboard, with the entries' notes and spending."""

import datetime
import io
from decimal import Decimal

import docx
import pypdf
import pytest

from kinerja.performance.dashboards import unit_dashboard
from kinerja.reports import printing, quarterly

from .document_world import YEAR, world_fixture  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_figures_notes_and_budget_of_the_quarter(world, actors):
    data = quarterly.quarterly_data(unit=world["unit"], year=YEAR, quarter="TW1")
    dash = unit_dashboard(
        user=actors["planner"],
        unit_code="PSDKP-TARAKAN",
        year=YEAR,
        basis="verified",
        today=datetime.date(2026, 5, 10),
    )
    assert data.verified
    assert data.nko.value == dash.quarters[0].nko
    assert [(i.code, i.target, i.reported, i.achievement, i.status) for i in data.indicators] == [
        (row.code, row.cells[0].target, row.cells[0].reported, row.cells[0].achievement, row.cells[0].status)
        for row in dash.indicators
    ]
    assert [s.npss for s in data.sasaran] == [s.scores[0][1] for s in dash.sasaran]
    ik02 = data.indicators[0]
    assert (ik02.narrative.progress, ik02.narrative.obstacles, ik02.narrative.follow_up) == (
        "Patroli berjalan",
        "Cuaca buruk",
        "Jadwal ulang",
    )
    (line,) = data.budget
    assert (line.spent, line.percent) == (Decimal("1234567.50"), Decimal("30.86"))


def test_a_quarter_not_verified_has_no_verified_figures(world):
    data = quarterly.quarterly_data(unit=world["unit"], year=YEAR, quarter="TW2")
    assert not data.verified
    assert data.nko.value is None
    assert all(i.achievement is None for i in data.indicators)
    with pytest.raises(ValueError, match="TW5"):
        quarterly.quarterly_data(unit=world["unit"], year=YEAR, quarter="TW5")


def test_pdf_and_docx(world):
    content = quarterly.quarterly_pdf(unit=world["unit"], year=YEAR, quarter="TW1")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    for expected in ("109,58", "Cuaca buruk", "Jadwal ulang", "Rp 1.234.568", "30,86", printing.PLACEHOLDER):
        assert expected in text, expected
    assert quarterly.quarterly_pdf(unit=world["unit"], year=YEAR, quarter="TW1") == content  # repeatable
    document_bytes = quarterly.quarterly_docx(unit=world["unit"], year=YEAR, quarter="TW1")
    document = docx.Document(io.BytesIO(document_bytes))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"109,58", "62,50", "50,00", "30,86"} <= cells
    assert "Kasus menumpuk" in "\n".join(p.text for p in document.paragraphs)
    assert quarterly.quarterly_docx(unit=world["unit"], year=YEAR, quarter="TW1") == document_bytes
