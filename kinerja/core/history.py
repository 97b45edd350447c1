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


def _shown(field: Any, value: Any) -> Any:
    """A foreign key is shown as the object it names (a person's name, not their id)."""
    if value is None or not field.is_relation:
        return value
    target = field.related_model._default_manager.filter(pk=value).first()
    return target if target is not None else value


def _change(instance: Model, name: str, old: Any, new: Any) -> Change:
    field = instance._meta.get_field(name)
    label = getattr(field, "verbose_name", name)
    return Change(field=str(label), old=_shown(field, old), new=_shown(field, new))


def history_entries(instance: Model, limit: int = 50) -> list[HistoryEntry]:
    records = list(instance.history.select_related("history_user").order_by("-history_date")[: limit + 1])  # type: ignore[attr-defined]
    entries: list[HistoryEntry] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes: list[Change] = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [_change(newer.instance, c.field, c.old, c.new) for c in delta.changes]
        entries.append(
            HistoryEntry(
                when=newer.history_date, who=newer.history_user, kind=newer.history_type, changes=changes
            )
        )
    return entries
