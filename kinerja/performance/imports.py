"""Import of a filled Excel template: every cell checked first, then all saved or nothing.

Each indicator-period goes through `services.realisation_save`, the same write as the entry form,
so access, the entry window, the lock of a submitted quarter and the recompute of results hold
here too. All saves run in one transaction; one refusal rolls every one of them back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.organization.models import OrgUnit

from . import selectors
from .excel import CellProblem, engine_reason, workbook_parse
from .results import recompute_once
from .services import InputsRefused, realisation_save


class ImportRefused(ValidationError):
    """Nothing was saved; `problems` lists every refused cell (sheet, row, column, reason)."""

    def __init__(self, problems: list[CellProblem]) -> None:
        super().__init__([str(p) for p in problems], code="excel_refused")
        self.problems = problems


@dataclass(frozen=True)
class ImportReport:
    saved: list[str] = field(default_factory=list)  # "IK-02 TW1"
    unchanged: list[str] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)  # every input cell empty: left as it was


def _reason(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@transaction.atomic
def realisation_import(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    quarter: str,
    data: bytes,
    today: datetime.date | None = None,
) -> ImportReport:
    """Save every filled indicator of the workbook, or raise ImportRefused and save nothing.

    An indicator whose cells are all empty is left as it is (an upload never clears a value);
    one whose inputs equal those stored is not saved again, so re-uploading a file is harmless.
    """
    access = selectors.entry_access(user=actor, unit=unit, year=year, quarter=quarter, on=today)
    if not access.can_change:
        raise PermissionDenied
    if not access.can_edit:
        raise ImportRefused([CellProblem("", None, "", access.reason)])
    parsed = workbook_parse(data=data, unit=unit, year=year, quarter=quarter)
    if parsed.problems:
        raise ImportRefused(parsed.problems)
    problems: list[CellProblem] = []
    saved: list[str] = []
    unchanged: list[str] = []
    # One recompute of the unit-year at the end, not one per indicator saved.
    with recompute_once():
        for entry in parsed.entries:
            label = entry.item.label
            if entry.unchanged:
                unchanged.append(label)
                continue
            existing = entry.realisation
            try:
                realisation_save(
                    actor=actor,
                    unit=unit,
                    indicator=entry.item.indicator,
                    year=year,
                    period=entry.item.row.period,
                    inputs=entry.inputs,
                    expected_version=entry.expected_version,
                    progress=existing.progress if existing else "",
                    obstacles=existing.obstacles if existing else "",
                    follow_up=existing.follow_up if existing else "",
                    worse_note=existing.worse_note if existing else "",
                    today=today,
                )
            except InputsRefused as exc:
                for problem in exc.problems:
                    where = entry.cells.locate(problem)
                    problems.append(CellProblem(*where, reason=engine_reason(problem), item=label))
            except ConcurrentEditError:
                problems.append(
                    CellProblem(
                        *entry.cells.home,
                        reason=_(
                            "this indicator was changed in Kinerja after the template was downloaded; "
                            "download a new template and enter your values again"
                        ),
                        item=label,
                    )
                )
            except ValidationError as exc:
                problems.append(CellProblem(*entry.cells.home, reason=_reason(exc), item=label))
            else:
                saved.append(label)
        if problems:
            # Raised inside the transaction: every save above is rolled back with it.
            raise ImportRefused(problems)
    return ImportReport(saved=saved, unchanged=unchanged, untouched=parsed.untouched)
