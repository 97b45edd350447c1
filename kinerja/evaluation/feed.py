"""Placeholder: filled by the recommendations helper."""

from typing import Any


def fed_source(unit: Any, indicator: Any, year: int) -> dict[str, str]:
    return {}
