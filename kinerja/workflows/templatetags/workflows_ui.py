"""Badges and clock figures of the request register."""

from django import template

register = template.Library()

STATUS_LEVEL = {
    "awaiting": "secondary",
    "in_service": "primary",
    "returned": "warning",
    "signing": "info",
    "delivered": "success",
    "cancelled": "dark",
}

COMPENSATION_LEVEL = {
    "tepat_waktu": "success",
    "maaf_lisan": "warning",
    "maaf_tertulis": "danger",
    "maaf_tertulis_antar_langsung": "danger",
}


@register.filter
def status_level(status: str) -> str:
    return STATUS_LEVEL.get(status, "secondary")


@register.filter
def compensation_level(code: str) -> str:
    return COMPENSATION_LEVEL.get(code, "secondary")


@register.filter
def compensation_label(code: str) -> str:
    from kinerja.workflows.models import Compensation

    return str(Compensation(code).label) if code in Compensation.values else ""
