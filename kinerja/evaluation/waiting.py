"""Placeholder: filled by the workflow helper."""

from typing import Any


def evaluations_waiting(user: Any) -> list[Any]:
    return []
