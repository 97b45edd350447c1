"""Shared data of the recommendation tests: Tarakan's evaluation being scored (2025) and, for the
follow-up, the same evaluation marked signed directly on the model (the signing itself is the
workflow's, tested there)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.evaluation.models import Evaluation, EvaluationState, Recommendation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tindak-lanjut.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def wib(*parts):
    return datetime.datetime(*parts, tzinfo=timezone.get_default_timezone())


def sign(evaluation, at=None):
    """Mark the evaluation signed, as the signature hook does."""
    evaluation.state = EvaluationState.SIGNED
    evaluation.signed_at = at or timezone.now()
    evaluation.save()
    return Evaluation.objects.get(pk=evaluation.pk)


def signed_recommendations(evaluation, author, count, signed_at, component_code="1"):
    """`count` open recommendations of an evaluation signed at `signed_at`."""
    component = evaluation.worksheet.components.get(code=component_code)
    rows = [
        Recommendation.objects.create(
            evaluation=evaluation, component=component, text=f"Rekomendasi {n + 1}", created_by=author
        )
        for n in range(count)
    ]
    sign(evaluation, signed_at)
    return rows


def complete(row, at):
    """Accepted by the evaluator at `at` (set directly: the feed reads only status and time)."""
    Recommendation.objects.filter(pk=row.pk).update(status="done", completed_at=at)
