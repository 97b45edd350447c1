"""Syntax-tree nodes of the formula language (plain classes, no Python ``ast``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


class Node:
    """A node; ``depth`` is computed at construction so limits never need recursion."""

    __slots__ = ("col", "const", "depth", "info", "line", "size", "ty")

    def __init__(self, line: int, col: int, children: tuple[Node | None, ...] = ()) -> None:
        self.line: int = line
        self.col: int = col
        depth: int = 0
        size: int = 1
        child: Node | None
        for child in children:
            if child is not None:
                if child.depth > depth:
                    depth = child.depth
                size += child.size
        self.depth: int = depth + 1
        self.size: int = size
        # Filled by the checker: the static type, a folded constant, and resolution details.
        self.ty: Any = None
        self.const: Any = None
        self.info: Any = None

    def children(self) -> tuple[Node, ...]:
        return ()


class Num(Node):
    __slots__ = ("value",)

    def __init__(self, line: int, col: int, value: Decimal) -> None:
        super().__init__(line, col)
        self.value = value


class Str(Node):
    __slots__ = ("value",)

    def __init__(self, line: int, col: int, value: str) -> None:
        super().__init__(line, col)
        self.value = value


class Bool(Node):
    __slots__ = ("value",)

    def __init__(self, line: int, col: int, value: bool) -> None:
        super().__init__(line, col)
        self.value = value


class Name(Node):
    __slots__ = ("name",)

    def __init__(self, line: int, col: int, name: str) -> None:
        super().__init__(line, col)
        self.name = name


class Column(Node):
    """``table.column``."""

    __slots__ = ("column", "table")

    def __init__(self, line: int, col: int, table: str, column: str) -> None:
        super().__init__(line, col)
        self.table = table
        self.column = column


class Unary(Node):
    """Unary minus or ``not``."""

    __slots__ = ("op", "operand")

    def __init__(self, line: int, col: int, op: str, operand: Node) -> None:
        super().__init__(line, col, (operand,))
        self.op = op
        self.operand = operand

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


class Binary(Node):
    """Arithmetic (``+ - * / ^``), comparison (``== != < <= > >=``) or logic (``and or``)."""

    __slots__ = ("left", "op", "right")

    def __init__(self, line: int, col: int, op: str, left: Node, right: Node) -> None:
        super().__init__(line, col, (left, right))
        self.op = op
        self.left = left
        self.right = right

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


class Call(Node):
    """A function call; ``weights`` is set for ``weighted(w: x, ...)``."""

    __slots__ = ("args", "func", "weights")

    def __init__(
        self,
        line: int,
        col: int,
        func: str,
        args: list[Node],
        weights: list[Node] | None = None,
    ) -> None:
        super().__init__(line, col, tuple(args) + tuple(weights or ()))
        self.func = func
        self.args = args
        self.weights = weights

    def children(self) -> tuple[Node, ...]:
        return tuple(self.args) + tuple(self.weights or ())


class Aggregate(Node):
    """``func(source[: body] [where cond])`` over the rows of a table."""

    __slots__ = ("body", "func", "source", "where")

    def __init__(
        self,
        line: int,
        col: int,
        func: str,
        source: Node,
        body: Node | None,
        where: Node | None,
    ) -> None:
        super().__init__(line, col, (source, body, where))
        self.func = func
        self.source = source
        self.body = body
        self.where = where

    def children(self) -> tuple[Node, ...]:
        return tuple(n for n in (self.source, self.body, self.where) if n is not None)


class Binding:
    """``name = expr`` or, for a row formula, ``table.name = expr``."""

    __slots__ = ("col", "expr", "line", "name", "table")

    def __init__(self, name: str, table: str | None, expr: Node | None, line: int, col: int):
        self.name = name
        self.table = table
        self.expr = expr
        self.line = line
        self.col = col


class Module:
    """A parsed formula: bindings in order, and the final expression (or None)."""

    __slots__ = ("bindings", "node_count", "result")

    def __init__(self, bindings: list[Binding], result: Node | None, node_count: int) -> None:
        self.bindings = bindings
        self.result = result
        self.node_count = node_count


def walk(node: Node) -> list[Node]:
    """All nodes of a tree, iteratively (depth is bounded anyway, but keep it cheap)."""
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(current.children())
    return out
