"""Optimistic locking: an edit names the version it started from, so a second editor is told
instead of silently overwriting the first."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


class ConcurrentEditError(ValidationError):
    """Raised when the row changed since the editor loaded it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this record after you opened it. Reload the page to see "
                "their changes; nothing of yours was saved."
            ),
            code="concurrent_edit",
        )


def update_versioned(instance: M, *, expected_version: int, fields: dict[str, Any]) -> M:
    """Apply `fields`, validate, and save only if `row_version` still equals `expected_version`.

    The compare-and-set is a single UPDATE ... WHERE row_version = N, so it holds across
    processes and app servers, not only within one.
    """
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=["path"] if hasattr(instance, "path") else None)
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, row_version=expected_version).update(
        row_version=models.F("row_version") + 1
    )
    if not updated:
        raise ConcurrentEditError()
    instance.row_version = expected_version + 1  # type: ignore[attr-defined]
    # save() writes the fields and records the history entry (django-simple-history).
    instance.save(update_fields=[*fields.keys(), "row_version"] if fields else ["row_version"])
    return instance
