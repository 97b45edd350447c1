"""What happens when the evaluation report is signed: on the last signature the evaluation is
signed (its figures become public on the portal), its recommendations are issued to the unit,
and the unit is told. Runs inside the signature's transaction (signatures.hooks), so a failure
here undoes the signature too."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

REPORT_KIND = "lke_report"


def on_report_signed(document: Any, actor: Any) -> None:
    from kinerja.core.concurrency import update_versioned
    from kinerja.signatures.models import DocumentStatus

    from .models import Evaluation, EvaluationState
    from .recommendations import recommendations_issue
    from .services import notify_unit

    if document.status != DocumentStatus.COMPLETE:
        return
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(document_id=document.pk)
        .first()
    )
    if evaluation is None or evaluation.state != EvaluationState.SIGNING:
        return
    evaluation._history_user = actor  # type: ignore[attr-defined]
    evaluation = update_versioned(
        evaluation,
        expected_version=evaluation.row_version,
        fields={"state": EvaluationState.SIGNED, "signed_at": timezone.now()},
    )
    recommendations_issue(evaluation=evaluation)
    notify_unit(
        evaluation,
        key="signed",
        title=_lazy("The SAKIP evaluation %(year)s of %(unit)s is signed"),
        body=_lazy(
            "The Inspectorate's report is signed and the result is published on the transparency "
            "portal. Follow up its recommendations."
        ),
        extra=f"{evaluation.grade} ({evaluation.total})",
        level="success",
    )
