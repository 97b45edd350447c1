"""The Laporan Hasil Evaluasi: a PDF in the site language with the letter number, the grade and its
meaning, the scores per component and the recommendations; the same evaluation renders the same text."""

import io

import pytest
from pypdf import PdfReader

from kinerja.evaluation import documents
from kinerja.evaluation.models import Component, Recommendation

from .workflow_world import issued

pytestmark = pytest.mark.django_db


def _text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_report_pdf_holds_the_letter_number_grade_and_recommendations(actors, make_evaluation):
    evaluation = make_evaluation()
    Recommendation.objects.create(
        evaluation=evaluation,
        component=Component.objects.get(worksheet=evaluation.worksheet, code="2"),
        text="Susun rencana aksi atas target triwulanan.",
        created_by=actors["inspector"],
    )
    evaluation = issued(evaluation, actors, letter="700/ITJEN/2026/042")
    with evaluation.document.file.open("rb") as handle:
        data = handle.read()
    text = _text(data)
    assert "700/ITJEN/2026/042" in text
    assert "AA" in text
    assert "Sangat Memuaskan" in text
    assert "100,00" in text  # Indonesian decimals: the report is rendered in the site language
    assert "Perencanaan Kinerja" in text
    assert "Susun rencana aksi atas target triwulanan." in text
    assert evaluation.unit.name in text
    assert "Document ID" in text or "ID Dokumen" in text or str(evaluation.document.public_id) in text


def test_the_same_evaluation_renders_the_same_text(actors, make_evaluation):
    evaluation = issued(make_evaluation(), actors)
    signers = [(actors["inspector"], "Evaluator")]
    context = {
        **documents.report_context(evaluation=evaluation, signers=signers),
        "verify_url": "x",
        "qr_svg": "",
        "public_id": "p",
    }
    assert _text(documents.report_pdf(context)) == _text(documents.report_pdf(context))
