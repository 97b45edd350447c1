"""The PK as DOCX: the statement, the table and the budget of `agreement_context`, repeatable."""

import io

import docx
import pytest

from kinerja.reports.pk_docx import agreement_docx

from .lkj_world import build_agreement

pytestmark = pytest.mark.django_db


def test_pk_docx_has_the_parties_the_table_and_the_budget(catalog):
    agreement = build_agreement()
    agreement.budget_rows.create(programme_code="DL", programme_name="Pengawasan SDKP", ceiling=4850000000)
    content = agreement_docx(agreement)
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kepala Stasiun Uji" in text
    assert "Direktur Jenderal PSDKP" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(c.startswith("IK-02 ") for c in cells)
    assert any(c.startswith("IK-03 ") for c in cells)
    assert "85 indeks" in cells
    assert "Rp 4.850.000.000" in cells
    assert any("31 Januari 2025" in p.text for p in document.paragraphs)  # site language: Indonesian
    assert document.core_properties.created.date() == agreement.signed_on
    assert agreement_docx(agreement) == content
