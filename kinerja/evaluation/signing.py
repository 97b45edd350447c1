"""Placeholder: filled by the workflow helper."""

from typing import Any

REPORT_KIND = "lke_report"


def on_report_signed(document: Any, actor: Any) -> None:
    return None
