"""The LKj: every figure is the verified dashboard's, the written parts and their fallback, the files."""

import datetime
import io
from decimal import Decimal

import docx
import pypdf
import pytest

from kinerja.formula.indicator import achievement
from kinerja.performance.dashboards import unit_dashboard
from kinerja.reports import lkj, printing

from .document_world import SCRIPT, YEAR, world_fixture  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def dashboard(actors, year=YEAR):
    return unit_dashboard(
        user=actors["planner"],
        unit_code="PSDKP-TARAKAN",
        year=year,
        basis="verified",
        today=datetime.date(2026, 5, 10),
    )


def test_every_figure_is_the_verified_dashboards(world, actors):
    data = lkj.lkj_data(unit=world["unit"], year=YEAR)
    dash = dashboard(actors)
    assert data.basis == "verified"
    assert data.verified_quarters == ("TW1",)
    assert (
        [i.code for i in data.indicators] == [r.code for r in dash.indicators] == ["IK-02", "IK-13", "IK-09"]
    )
    for item, row in zip(data.indicators, dash.indicators, strict=True):
        cell = row.cells[0]  # only TW1 is verified: the year's figure is TW1's
        assert (item.quarter, item.target, item.realisation, item.achievement, item.status) == (
            "TW1",
            cell.target,
            cell.reported,
            cell.achievement,
            cell.status,
        )
        assert [(q.reported, q.achievement) for q in item.quarters] == [
            (c.reported, c.achievement) for c in row.cells
        ]
    assert [i.achievement for i in data.indicators] == [Decimal("109.58"), Decimal("62.50"), Decimal("50.00")]
    assert [[q.value for q in s.npss] for s in data.sasaran] == [
        [v for _q, v, _s in s.scores] for s in dash.sasaran
    ]
    assert [q.value for q in data.nko] == [q.nko for q in dash.quarters]
    key = data.key
    assert (key.nko, key.nko_quarter) == (dash.quarters[0].nko, "TW1")
    assert (key.indicators, key.achieved, key.nearly, key.not_achieved, key.no_figure) == (3, 1, 0, 2, 0)


def test_earlier_years_renstra_and_budget(world, actors):
    data = lkj.lkj_data(unit=world["unit"], year=YEAR)
    ik02 = data.indicators[0]
    earlier = dashboard(actors, 2025).indicators[0].cells[0]
    assert [(e.year, e.realisation, e.achievement) for e in ik02.earlier] == [
        (2025, earlier.reported, earlier.achievement)
    ]
    assert (ik02.baseline, ik02.baseline_year, ik02.renstra_end_year) == (Decimal("75.5"), 2024, 2029)
    assert ik02.renstra_target == printing.number(Decimal(85))
    assert ik02.renstra_progress == achievement(ik02.realisation, Decimal(95), "maximize")
    assert data.indicators[1].baseline is None  # IK-13 is not in the Renstra
    (line,) = data.budget
    assert (line.ceiling, dict(line.spent)["TW1"], line.year_spent) == (
        Decimal(4000000),
        Decimal("1234567.50"),
        Decimal("1234567.50"),
    )
    assert line.percent == Decimal("30.86")  # 1 234 567,50 of 4 000 000, half up
    assert data.pk is not None
    assert [i.code for g in data.pk.groups for i in g.items] == [
        "IK-02",
        "IK-13",
        "IK-09",
    ]


def test_written_parts_and_the_fallback_to_the_entries(world):
    data = lkj.lkj_data(unit=world["unit"], year=YEAR)
    assert data.text("ikhtisar") == SCRIPT
    assert data.text("penutup") == ""
    ik02, ik13, ik09 = data.indicators
    assert ik02.analysis.written
    assert ik02.analysis.analysis == "Armada siap"
    # No analysis written for IK-09: the document falls back to what the verified entry said.
    assert not ik09.analysis.written
    assert [(n.period, n.obstacles, n.follow_up) for n in ik09.narratives] == [
        ("TW1", "Kasus menumpuk", "Tambah penyidik")
    ]
    assert ik13.narratives == ()


def test_a_unit_without_verified_figures_prints_none(world, org):
    data = lkj.lkj_data(unit=org["PSDKP-BITUNG"], year=YEAR)
    assert (data.sasaran, data.pk, data.key.nko, data.budget) == ((), None, None, ())


def test_pdf_prints_the_figures_and_escapes_what_people_wrote(world, monkeypatch):
    pages = []
    real = lkj.pdf
    monkeypatch.setattr(lkj, "pdf", lambda html: pages.append(html) or real(html))
    first = lkj.lkj_pdf(unit=world["unit"], year=YEAR)
    html = pages[0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(first)).pages)
    assert "<script>alert('x')</script> Kinerja baik" in text  # printed as text
    for figure in (
        "109,58",
        "62,50",
        "50,00",
        "Rp 1.234.568",
        "30,86",
        "Kasus menumpuk",
        printing.PLACEHOLDER,
    ):
        assert figure in text, figure


def test_docx_has_the_chapters_and_the_same_figures(world):
    content = lkj.lkj_docx(unit=world["unit"], year=YEAR)
    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 6  # Ikhtisar, Bab I–IV, Lampiran
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"109,58", "62,50", "50,00", "30,86", "Rp 4.000.000"} <= cells
    body = "\n".join(p.text for p in document.paragraphs)
    assert SCRIPT in body
    assert "Kasus menumpuk" in body
    assert printing.PLACEHOLDER in body
    assert len(document.inline_shapes) == 2 + 3  # NKO, achievements, one chart per indicator
    assert document.tables[0]._tbl.tr_lst[0].trPr.xpath("./w:tblHeader")  # header row repeats
    assert lkj.lkj_docx(unit=world["unit"], year=YEAR) == content  # repeatable
