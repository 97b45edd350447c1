"""Placeholder: filled by the recommendations helper."""

from typing import Any


def recommendations_waiting(user: Any) -> list[Any]:
    return []
