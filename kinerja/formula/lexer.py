"""Hand-written tokenizer for the formula language.

Only ASCII identifiers, decimal literals without exponent, quoted strings and a fixed set of
operators exist; anything else is reported as a problem (with position) and skipped, so one pass
reports every lexical problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from kinerja.formula.decimals import within_limits
from kinerja.formula.errors import Problem
from kinerja.formula.limits import (
    MAX_MAGNITUDE_DIGITS,
    MAX_NAME_LENGTH,
    MAX_SIGNIFICANT_DIGITS,
    MAX_STRING_LITERAL,
)
from kinerja.formula.messages import Bi

NUM: Final = "number"
STR: Final = "string"
NAME: Final = "name"
OP: Final = "op"
NEWLINE: Final = "newline"
EOF: Final = "end"

KEYWORDS: Final = frozenset({"and", "or", "not", "true", "false", "where"})

_TWO_CHAR_OPS: Final = frozenset({"==", "!=", "<=", ">="})
_ONE_CHAR_OPS: Final = frozenset("+-*/^(),:.=<>")
_NAME_START: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS: Final = _NAME_START | frozenset("0123456789")
_DIGITS: Final = frozenset("0123456789")
_ESCAPES: Final = {"\\": "\\", '"': '"', "'": "'", "n": "\n"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    line: int
    column: int
    value: Decimal | str | None = None

    def describe(self) -> Bi:
        if self.kind == EOF:
            return Bi("akhir baris", "end of line")
        if self.kind == NEWLINE:
            return Bi("akhir baris", "end of line")
        shown = repr(self.text if len(self.text) <= 40 else self.text[:40] + "...")
        return Bi(shown, shown)


def tokenize(text: str) -> tuple[list[Token], list[Problem]]:
    """Split ``text`` into tokens; newlines inside parentheses are not tokens (line joining)."""
    tokens: list[Token] = []
    problems: list[Problem] = []
    pos = 0
    line = 1
    line_start = 0
    depth = 0
    length = len(text)
    while pos < length:
        ch = text[pos]
        col = pos - line_start + 1
        if ch == "\n":
            if depth == 0:
                tokens.append(Token(NEWLINE, "\n", line, col))
            pos += 1
            line += 1
            line_start = pos
            continue
        if ch in " \t\r\f":
            pos += 1
            continue
        if ch == "#":
            end = text.find("\n", pos)
            pos = length if end < 0 else end
            continue
        if ch in _NAME_START:
            end = pos + 1
            while end < length and text[end] in _NAME_CHARS:
                end += 1
            word = text[pos:end]
            if len(word) > MAX_NAME_LENGTH:
                problems.append(Problem.make("name_too_long", line, col, limit=MAX_NAME_LENGTH))
            tokens.append(Token(NAME, word, line, col, word))
            pos = end
            continue
        if ch in _DIGITS:
            end = pos + 1
            while end < length and text[end] in _DIGITS:
                end += 1
            if end + 1 < length and text[end] == "." and text[end + 1] in _DIGITS:
                end += 1
                while end < length and text[end] in _DIGITS:
                    end += 1
            while end < length and (text[end] in _NAME_CHARS or text[end] == "."):
                end += 1
            literal = text[pos:end]
            pos = end
            number = _number(literal, line, col, problems)
            tokens.append(Token(NUM, literal, line, col, number))
            continue
        if ch in "\"'":
            value, end, problem = _string(text, pos, line, col)
            if problem is not None:
                problems.append(problem)
            tokens.append(Token(STR, text[pos:end], line, col, value))
            pos = end
            continue
        two = text[pos : pos + 2]
        if two in _TWO_CHAR_OPS:
            tokens.append(Token(OP, two, line, col))
            pos += 2
            continue
        if ch in _ONE_CHAR_OPS:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            tokens.append(Token(OP, ch, line, col))
            pos += 1
            continue
        shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
        problems.append(Problem.make("bad_character", line, col, char=repr(shown)))
        pos += 1
    tokens.append(Token(EOF, "", line, pos - line_start + 1))
    return tokens, problems


def _number(literal: str, line: int, col: int, problems: list[Problem]) -> Decimal | None:
    if len(literal) > 80 or not all(c in _DIGITS or c == "." for c in literal):
        problems.append(Problem.make("bad_number", line, col, text=repr(literal[:40])))
        return None
    if literal.count(".") > 1 or literal.endswith("."):
        problems.append(Problem.make("bad_number", line, col, text=repr(literal)))
        return None
    try:
        number = Decimal(literal)
    except InvalidOperation:  # pragma: no cover - the character check above prevents it
        problems.append(Problem.make("bad_number", line, col, text=repr(literal)))
        return None
    if not within_limits(number):
        if number.adjusted() >= MAX_MAGNITUDE_DIGITS:
            problems.append(Problem.make("number_too_large", line, col, limit=MAX_MAGNITUDE_DIGITS))
        else:
            problems.append(Problem.make("too_many_digits", line, col, limit=MAX_SIGNIFICANT_DIGITS))
        return None
    return number


def _string(text: str, pos: int, line: int, col: int) -> tuple[str | None, int, Problem | None]:
    quote = text[pos]
    chars: list[str] = []
    i = pos + 1
    length = len(text)
    while i < length:
        ch = text[i]
        if ch == quote:
            if len(chars) > MAX_STRING_LITERAL:
                return (
                    None,
                    i + 1,
                    Problem.make("string_too_long", line, col, limit=MAX_STRING_LITERAL),
                )
            return "".join(chars), i + 1, None
        if ch == "\n":
            break
        if ch == "\\" and i + 1 < length and text[i + 1] in _ESCAPES:
            chars.append(_ESCAPES[text[i + 1]])
            i += 2
            continue
        chars.append(ch)
        i += 1
    return None, i, Problem.make("unterminated_string", line, col)
