"""Recursive-descent (Pratt) parser: formula text -> :class:`Module`.

Each line is parsed on its own, so a syntax error in one binding does not hide problems in the
others. Nesting depth, node count and text length are limited before anything can recurse deeply.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from kinerja.formula.errors import FormulaCheckError, Problem
from kinerja.formula.lexer import EOF, KEYWORDS, NAME, NEWLINE, NUM, OP, STR, Token, tokenize
from kinerja.formula.limits import MAX_DEPTH, MAX_FORMULA_LENGTH, MAX_NODES
from kinerja.formula.messages import Bi
from kinerja.formula.nodes import (
    Aggregate,
    Binary,
    Binding,
    Bool,
    Call,
    Column,
    Module,
    Name,
    Node,
    Num,
    Str,
    Unary,
)

AGGREGATES: Final = frozenset({"sum", "mean", "count", "min", "max", "all", "any"})
COMPARISONS: Final = frozenset({"==", "!=", "<", "<=", ">", ">="})

_BINARY_POWER: Final = {
    "or": 10,
    "and": 20,
    "==": 40,
    "!=": 40,
    "<": 40,
    "<=": 40,
    ">": 40,
    ">=": 40,
    "+": 50,
    "-": 50,
    "*": 60,
    "/": 60,
    "^": 80,
    ".": 90,
}
_EXPECTED: Final = {
    "value": Bi("sebuah nilai (angka, nama, teks, fungsi atau '(')", "a value"),
    "end": Bi("akhir baris atau operator", "end of line or an operator"),
    "next": Bi("',' atau ')'", "',' or ')'"),
    "column": Bi("tabel.kolom", "column"),
}
_NOT_POWER: Final = 30
_NEG_POWER: Final = 70


class _Abort(Exception):
    """Stops parsing the current statement (or, with ``fatal``, the whole formula)."""

    def __init__(self, problem: Problem, fatal: bool = False, silent: bool = False) -> None:
        super().__init__(problem.code)
        self.problem = problem
        self.fatal = fatal
        self.silent = silent


class _Counter:
    __slots__ = ("nodes",)

    def __init__(self) -> None:
        self.nodes = 0


class _StatementParser:
    def __init__(self, tokens: list[Token], counter: _Counter) -> None:
        self.tokens = tokens
        self.pos = 0
        self.level = 0
        self.open = 0
        self.counter = counter

    # -- helpers ----------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        index = self.pos + offset
        if index < len(self.tokens):
            return self.tokens[index]
        return self.tokens[-1]

    def advance(self) -> Token:
        token = self.peek()
        if self.pos < len(self.tokens) - 1:
            self.pos += 1
        return token

    def fail(self, token: Token, expected: str | Bi) -> _Abort:
        if isinstance(expected, str):
            expected = _EXPECTED.get(expected) or Bi(expected, expected)
        if token.kind == EOF and self.open > 0:
            return _Abort(Problem.make("unclosed_paren", token.line, token.column))
        return _Abort(
            Problem.make(
                "unexpected_token",
                token.line,
                token.column,
                found=token.describe(),
                expected=expected,
            )
        )

    def expect(self, text: str) -> Token:
        token = self.peek()
        if token.kind != OP or token.text != text:
            raise self.fail(token, repr(text))
        return self.advance()

    def node(self, node: Node) -> Node:
        self.counter.nodes += 1
        if self.counter.nodes > MAX_NODES:
            raise _Abort(Problem.make("too_many_nodes", node.line, node.col, limit=MAX_NODES), fatal=True)
        if node.depth > MAX_DEPTH:
            raise _Abort(Problem.make("too_deep", node.line, node.col, limit=MAX_DEPTH))
        return node

    # -- statements -------------------------------------------------------------------------
    def statement(self) -> Binding | Node:
        first, second = self.peek(), self.peek(1)
        if first.kind == NAME and first.text not in KEYWORDS and second.kind == OP:
            if second.text == "=":
                self.pos += 2
                return Binding(first.text, None, self.full_expression(), first.line, first.column)
            third, fourth = self.peek(2), self.peek(3)
            if (
                second.text == "."
                and third.kind == NAME
                and third.text not in KEYWORDS
                and fourth.kind == OP
                and fourth.text == "="
            ):
                self.pos += 4
                expr = self.full_expression()
                return Binding(third.text, first.text, expr, third.line, third.column)
        return self.full_expression()

    def full_expression(self) -> Node:
        expr = self.expression(0)
        token = self.peek()
        if token.kind != EOF:
            raise self.fail(token, "end")
        return expr

    # -- expressions (Pratt) ----------------------------------------------------------------
    def expression(self, min_power: int) -> Node:
        self.level += 1
        if self.level > MAX_DEPTH:
            token = self.peek()
            raise _Abort(Problem.make("too_deep", token.line, token.column, limit=MAX_DEPTH))
        left = self.prefix()
        while True:
            token = self.peek()
            if token.kind == OP or (token.kind == NAME and token.text in ("and", "or")):
                op = token.text
            else:
                break
            power = _BINARY_POWER.get(op)
            if power is None or power <= min_power:
                break
            self.advance()
            if op == ".":
                left = self.column(left, token)
                continue
            right = self.expression(power - 1 if op == "^" else power)
            left = self.node(Binary(token.line, token.column, op, left, right))
            if op in COMPARISONS:
                nxt = self.peek()
                if nxt.kind == OP and nxt.text in COMPARISONS:
                    raise _Abort(Problem.make("comparison_chain", nxt.line, nxt.column))
        self.level -= 1
        return left

    def column(self, left: Node, dot: Token) -> Node:
        name = self.peek()
        if not isinstance(left, Name) or name.kind != NAME or name.text in KEYWORDS:
            raise self.fail(dot if not isinstance(left, Name) else name, "column")
        self.advance()
        return self.node(Column(left.line, left.col, left.name, name.text))

    def prefix(self) -> Node:
        token = self.advance()
        if token.kind == NUM:
            if not isinstance(token.value, Decimal):  # the lexer already reported it
                raise _Abort(Problem.make("bad_number", token.line, token.column), silent=True)
            return self.node(Num(token.line, token.column, token.value))
        if token.kind == STR:
            if token.value is None:  # the lexer already reported it
                raise _Abort(Problem.make("unterminated_string", token.line, token.column), silent=True)
            return self.node(Str(token.line, token.column, str(token.value)))
        if token.kind == NAME:
            word = token.text
            if word == "true" or word == "false":
                return self.node(Bool(token.line, token.column, word == "true"))
            if word == "not":
                operand = self.expression(_NOT_POWER)
                return self.node(Unary(token.line, token.column, "not", operand))
            if word in KEYWORDS:
                raise self.fail(token, "value")
            nxt = self.peek()
            if nxt.kind == OP and nxt.text == "(":
                self.advance()
                return self.call(token)
            return self.node(Name(token.line, token.column, word))
        if token.kind == OP:
            if token.text == "-":
                operand = self.expression(_NEG_POWER)
                return self.node(Unary(token.line, token.column, "-", operand))
            if token.text == "(":
                self.open += 1
                inner = self.expression(0)
                self.expect(")")
                self.open -= 1
                return inner
        raise self.fail(token, "value")

    def call(self, name: Token) -> Node:
        func = name.text
        line, col = name.line, name.column
        self.open += 1
        if func == "weighted":
            weights: list[Node] = []
            args: list[Node] = []
            while True:
                weights.append(self.expression(0))
                self.expect(":")
                args.append(self.expression(0))
                token = self.advance()
                if token.kind == OP and token.text == ")":
                    break
                if not (token.kind == OP and token.text == ","):
                    raise self.fail(token, "next")
            self.open -= 1
            return self.node(Call(line, col, func, args, weights))
        args = []
        token = self.peek()
        if token.kind == OP and token.text == ")":
            self.advance()
            self.open -= 1
            return self.node(Call(line, col, func, args))
        first = self.expression(0)
        token = self.peek()
        if (token.kind == OP and token.text == ":") or (token.kind == NAME and token.text == "where"):
            if func not in AGGREGATES:
                raise _Abort(Problem.make("aggregate_form", token.line, token.column))
            body: Node | None = None
            where: Node | None = None
            if token.text == ":":
                self.advance()
                body = self.expression(0)
                token = self.peek()
            if token.kind == NAME and token.text == "where":
                self.advance()
                where = self.expression(0)
            self.expect(")")
            self.open -= 1
            return self.node(Aggregate(line, col, func, first, body, where))
        args.append(first)
        while True:
            token = self.advance()
            if token.kind == OP and token.text == ")":
                break
            if not (token.kind == OP and token.text == ","):
                raise self.fail(token, "next")
            args.append(self.expression(0))
        self.open -= 1
        if func in AGGREGATES and len(args) == 1:
            return self.node(Aggregate(line, col, func, args[0], None, None))
        return self.node(Call(line, col, func, args))


def parse_module(text: str) -> tuple[Module, list[Problem], bool]:
    """Parse ``text``; returns the module, the problems, and whether the last line failed."""
    if not isinstance(text, str):
        return Module([], None, 0), [Problem.make("formula_empty")], False
    if len(text) > MAX_FORMULA_LENGTH:
        problem = Problem.make("formula_too_long", 1, 1, length=len(text), limit=MAX_FORMULA_LENGTH)
        return Module([], None, 0), [problem], True
    tokens, problems = tokenize(text)
    statements: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.kind in (NEWLINE, EOF):
            if current:
                current.append(Token(EOF, "", token.line, token.column))
                statements.append(current)
                current = []
            continue
        current.append(token)
    counter = _Counter()
    bindings: list[Binding] = []
    result: Node | None = None
    last_failed = False
    result_seen_at: tuple[int, int] | None = None
    for index, stmt_tokens in enumerate(statements):
        is_last = index == len(statements) - 1
        parser = _StatementParser(stmt_tokens, counter)
        try:
            parsed = parser.statement()
        except _Abort as abort:
            if not abort.silent:
                problems.append(abort.problem)
            if is_last:
                last_failed = True
            first, second = stmt_tokens[0], stmt_tokens[1] if len(stmt_tokens) > 1 else None
            if first.kind == NAME and second is not None and second.kind == OP:
                if second.text == "=":
                    bindings.append(Binding(first.text, None, None, first.line, first.column))
                elif second.text == "." and len(stmt_tokens) > 3 and stmt_tokens[2].kind == NAME:
                    third = stmt_tokens[2]
                    bindings.append(Binding(third.text, first.text, None, third.line, third.column))
            if abort.fatal:
                last_failed = True
                break
            continue
        if isinstance(parsed, Binding):
            bindings.append(parsed)
            continue
        if not is_last:
            problems.append(Problem.make("expression_not_last", parsed.line, parsed.col))
            continue
        result = parsed
        result_seen_at = (parsed.line, parsed.col)
    if not statements and not problems:
        problems.append(Problem.make("formula_empty", 1, 1))
        last_failed = True
    has_value = any(b.name == "value" and b.table is None for b in bindings)
    if result is not None and has_value and result_seen_at is not None:
        problems.append(Problem.make("value_twice", result_seen_at[0], result_seen_at[1]))
    return Module(bindings, result, counter.nodes), problems, last_failed


def parse(text: str) -> Module:
    """Parse a formula or raise :class:`FormulaCheckError` listing every syntax problem."""
    module, problems, _ = parse_module(text)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise FormulaCheckError(errors)
    return module
