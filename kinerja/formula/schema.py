"""What a formula may read: typed fields (inputs, table columns) and band tables.

The engine only needs kinds, choice scores and table columns; labels, ranges and the rest of an
input spec live in the indicator layer (:mod:`kinerja.formula.indicator`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Literal

from kinerja.formula.bands import BandTable

FieldKind = Literal["number", "boolean", "choice", "text", "table"]


@dataclass(frozen=True)
class Field:
    """The static type of an input or a table column."""

    kind: FieldKind
    #: For choices: option value -> score (None when the option carries no score).
    scores: Mapping[str, Decimal | None] = dc_field(default_factory=dict)
    #: For tables: column name -> field (never a table).
    columns: Mapping[str, Field] = dc_field(default_factory=dict)
    #: A situational target: 0 means "not assigned", counted as achieved by ``ratio_s``.
    situational: bool = False

    @classmethod
    def number(cls, *, situational: bool = False) -> Field:
        return cls("number", situational=situational)

    @classmethod
    def boolean(cls) -> Field:
        return cls("boolean")

    @classmethod
    def text(cls) -> Field:
        return cls("text")

    @classmethod
    def choice(cls, scores: Mapping[str, Decimal | int | None]) -> Field:
        return cls(
            "choice",
            scores={
                k: (None if v is None else v if isinstance(v, Decimal) else Decimal(v))
                for k, v in scores.items()
            },
        )

    @classmethod
    def table(cls, columns: Mapping[str, Field]) -> Field:
        return cls("table", columns=dict(columns))


@dataclass(frozen=True)
class Schema:
    """The names a formula can use, with their types, and the band tables it can look up."""

    fields: Mapping[str, Field] = dc_field(default_factory=dict)
    bands: Mapping[str, BandTable] = dc_field(default_factory=dict)
