"""Hard limits of the formula engine.

Formulas are typed by planners in a web form, so every resource a formula can consume is bounded
here. The numbers are documented in ``docs/formula-language.md``; change both together.
"""

from __future__ import annotations

from typing import Final

#: Longest formula text accepted, in characters (checked before tokenizing).
MAX_FORMULA_LENGTH: Final = 20_000
#: Deepest expression tree (and deepest parenthesis nesting) accepted.
MAX_DEPTH: Final = 64
#: Most syntax-tree nodes in one formula.
MAX_NODES: Final = 5_000
#: Numbers (literals, inputs, intermediate results) must satisfy |x| < 10**MAX_MAGNITUDE_DIGITS.
MAX_MAGNITUDE_DIGITS: Final = 18
#: Most significant digits of a literal or an input number; also the working precision.
MAX_SIGNIFICANT_DIGITS: Final = 28
#: Largest |exponent| accepted by the power operator; the exponent must be an integer.
MAX_EXPONENT: Final = 12
#: Most evaluation steps (syntax nodes visited, counted per row for aggregates) per evaluation.
MAX_STEPS: Final = 1_000_000
#: Most rows in one table input.
MAX_ROWS: Final = 10_000
#: Longest text input and longest string literal.
MAX_TEXT_LENGTH: Final = 2_000
MAX_STRING_LITERAL: Final = 500
#: Longest identifier.
MAX_NAME_LENGTH: Final = 64
#: Most decimals accepted by round(x, n).
MAX_ROUND_DIGITS: Final = 10
#: Most problems reported for one formula (the rest are summarised in one extra problem).
MAX_PROBLEMS: Final = 100
