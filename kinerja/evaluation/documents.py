"""The Laporan Hasil Evaluasi AKIP as a PDF.

Rendered once, in the site language, when an evaluator issues it; the signatures app adds the
signatures to that file. The figures come from `results` (the same as the page), the issue date
is the only clock read, so the same evaluation renders the same text.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from kinerja.core.pdf import html_to_pdf

from .models import Evaluation, Recommendation
from .results import evaluation_tree, grade_label


def report_context(*, evaluation: Evaluation, signers: list[tuple[Any, str]]) -> dict[str, Any]:
    """`evaluation` carries the letter number, summary, total and grade being issued (maybe unsaved)."""
    tree = evaluation_tree(evaluation)
    recommendations: dict[int, list[Recommendation]] = {}
    for row in Recommendation.objects.filter(evaluation=evaluation).select_related("owner"):
        recommendations.setdefault(row.component_id, []).append(row)
    return {
        "evaluation": evaluation,
        "unit": evaluation.unit,
        "worksheet": evaluation.worksheet,
        "tree": tree,
        "result": tree.score_result,
        "grade_label": grade_label(evaluation, evaluation.grade),
        "components": [
            {"row": row, "recommendations": recommendations.get(row.component.pk, [])}
            for row in tree.components
        ],
        "has_recommendations": bool(recommendations),
        "signers": signers,
        "issued_on": timezone.localdate(),
    }


def report_pdf(context: dict[str, Any]) -> bytes:
    """`context` is report_context() plus the signatures app's verification block values."""
    html = render_to_string("evaluation/print/report.html", context)
    return html_to_pdf(html, "evaluation/print.css")
