"""Display helpers of the realisation entry."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from kinerja.performance.models import RealisationState, SubmissionStatus
from kinerja.performance.selectors import NOT_APPLICABLE

register = template.Library()

STATES: dict[str, Any] = {
    **dict(RealisationState.choices),
    NOT_APPLICABLE: _("Not applicable"),
}
STATE_CLASSES = {
    RealisationState.EMPTY: "text-bg-warning",
    RealisationState.VALUE: "text-bg-success",
    RealisationState.NOT_COMPUTABLE: "text-bg-secondary",
    NOT_APPLICABLE: "text-bg-light border",
}
SUBMISSION_CLASSES = {
    SubmissionStatus.DRAFT: "text-bg-light border",
    SubmissionStatus.SUBMITTED: "text-bg-info",
    SubmissionStatus.VERIFIED: "text-bg-success",
    SubmissionStatus.RETURNED: "text-bg-danger",
}


@register.filter
def two(value: Any) -> str:
    """A stored figure with the two decimals the engine rounds to ("87.67", never "87,6700")."""
    if value is None or value == "":
        return "—"
    return str(Decimal(value).quantize(Decimal("0.01")))


@register.filter
def state_label(state: str) -> Any:
    return STATES.get(state, state)


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "text-bg-secondary")


@register.filter
def submission_label(status: str) -> Any:
    return dict(SubmissionStatus.choices).get(status, status)


@register.filter
def submission_class(status: str) -> str:
    return SUBMISSION_CLASSES.get(status, "text-bg-secondary")
