"""Readable change history (who, when, old → new) from django-simple-history records."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: Any
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[Change]


def history_entries(instance: Model, limit: int = 50) -> list[HistoryEntry]:
    records = list(instance.history.select_related("history_user").order_by("-history_date")[: limit + 1])  # type: ignore[attr-defined]
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes: list[Change] = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [
                Change(field=str(newer.instance._meta.get_field(c.field).verbose_name), old=c.old, new=c.new)
                for c in delta.changes
            ]
        entries.append(
            HistoryEntry(
                when=newer.history_date, who=newer.history_user, kind=newer.history_type, changes=changes
            )
        )
    return entries
