"""Display helpers of the catalogue: the computation's settings in words, numbers, formula lines."""

import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

PERIODICITY = {
    "quarter": _("Quarterly (TW1–TW4)"),
    "semester": _("Half-yearly (S1, S2)"),
    "year": _("Yearly"),
}
PERIODICITY_SHORT = {"quarter": _("Quarterly"), "semester": _("Half-yearly"), "year": _("Yearly")}
AGGREGATION = {
    "cumulative_mean": _("Cumulative mean: each period reports the mean of the year's values so far"),
    "last": _("Last value: each period reports its own value"),
    "sum": _("Accumulation: each period reports the sum of the year's values so far"),
}
AGGREGATION_SHORT = {
    "cumulative_mean": _("Cumulative mean"),
    "last": _("Last value"),
    "sum": _("Accumulation (sum)"),
}
POLARITY = {
    "maximize": _("Maximise: the higher, the better"),
    "minimize": _("Minimise: the lower, the better"),
    "stabilize": _("Stabilise: best inside a target range"),
}
POLARITY_SHORT = {"maximize": _("Maximise"), "minimize": _("Minimise"), "stabilize": _("Stabilise")}
INPUT_TYPES = {
    "number": _("number"),
    "integer": _("whole number"),
    "boolean": _("yes/no"),
    "choice": _("choice"),
    "text": _("text"),
    "table": _("table (rows)"),
}
CATEGORY_SOURCES = {
    "reported": _("the band of the reported value"),
    "value": _("the band of the period's own value"),
    "formula": _("set by the formula (category = …)"),
}
STATUS = {
    "green": _("Green · achieved"),
    "yellow": _("Yellow · nearly achieved"),
    "red": _("Red · not achieved"),
}


# The tables a template may name in `value|label_of:"table"`.
LABELS: dict[str, dict[str, Any]] = {
    "periodicity": PERIODICITY,
    "periodicity_short": PERIODICITY_SHORT,
    "aggregation": AGGREGATION,
    "polarity": POLARITY,
    "polarity_short": POLARITY_SHORT,
    "input_type": INPUT_TYPES,
    "category_source": CATEGORY_SOURCES,
    "status": STATUS,
}


@register.filter
def label_of(value: Any, table: str) -> Any:
    """A setting of the computation in words; an unknown value is shown as it is."""
    if not isinstance(value, str):
        return value if value is not None else ""
    return LABELS[table].get(value, value)


@register.filter
def status_class(value: Any) -> str:
    return {"green": "text-bg-success", "yellow": "text-bg-warning", "red": "text-bg-danger"}.get(
        value, "text-bg-secondary"
    )


@register.filter
def num(value: Any) -> str:
    """A number as the manual writes it: no trailing zeros of a JSON float, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float | int | Decimal):
        text = format(Decimal(str(value)).normalize(), "f") if isinstance(value, float) else str(value)
        return text
    return str(value)


@register.filter
def label_in(item: Any, language: str) -> Any:
    """The Indonesian or English label of an input spec (dict), by the active language."""
    if not isinstance(item, dict):
        return ""
    first, second = ("label_id", "label_en") if str(language).startswith("id") else ("label_en", "label_id")
    return item.get(first) or item.get(second) or item.get("label") or item.get("name", "")


@register.filter
def band_range(band: Any) -> str:
    """A band's edges in interval notation, e.g. "[50, 75)"."""
    if not isinstance(band, dict):
        return ""
    lower, upper = band.get("lower"), band.get("upper")
    left = "(−∞" if lower is None else ("[" if band.get("lower_inclusive") else "(") + num(lower)
    right = "+∞)" if upper is None else num(upper) + ("]" if band.get("upper_inclusive") else ")")
    return f"{left}, {right}"


_TOKEN = re.compile(
    r"(?P<comment>#.*$)|(?P<string>\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?)"
    r"|(?P<number>\b\d+(?:\.\d+)?\b)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<call>\s*\()?"
)
_KEYWORDS = frozenset({"and", "or", "not", "true", "false", "where", "target", "value", "category"})


def _highlight(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(line):
        parts.append(escape(line[position : match.start()]))
        kind = match.lastgroup if match.lastgroup != "call" else "name"
        text = match.group(kind or "")
        if kind == "name":
            css = "tok-fn" if match.group("call") else ("tok-kw" if text in _KEYWORDS else "tok-name")
            parts.append(f'<span class="{css}">{escape(text)}</span>')
            position = match.start() + len(text)
            continue
        parts.append(f'<span class="tok-{kind}">{escape(text)}</span>')
        position = match.end()
    parts.append(escape(line[position:]))
    return "".join(parts)


@register.filter
def formula_lines(text: Any) -> list[tuple[int, SafeString]]:
    """The formula as numbered lines with light highlighting (comments, strings, numbers, calls)."""
    if not isinstance(text, str):
        return []
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    return [(number, mark_safe(_highlight(line[:2000]))) for number, line in enumerate(lines, start=1)]


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def split_words(text: str) -> list[str]:
    return text.split()


@register.filter
def field_named(form: Any, name: str) -> Any:
    return form[name]


TICKS = {
    "validity": [
        ("output_kendali_tinggi", _("Output, high control")),
        ("output_kendali_rendah", _("Output, low control")),
        ("outcome", _("Outcome")),
    ],
    "aggregation": [("sum", _("Accumulation")), ("cumulative_mean", _("Average")), ("last", _("Last value"))],
    "polarity": [("maximize", _("Maximise")), ("minimize", _("Minimise")), ("stabilize", _("Stabilise"))],
    "periodicity": [("quarter", _("Quarterly")), ("semester", _("Half-yearly")), ("year", _("Yearly"))],
}


@register.simple_tag
def tick_options(kind: str, value: Any) -> list[tuple[Any, bool]]:
    """The manual's tick boxes: every option of a setting, and whether it is the chosen one."""
    return [(label, key == value) for key, label in TICKS.get(kind, [])]


@register.filter
def range_text(spec: Any) -> str:
    """An input's allowed range as the planner wrote it: "> 0", "0 – 100", "≥ 0", "≤ 120"."""
    if not isinstance(spec, dict):
        return ""
    low, high = spec.get("min"), spec.get("max")
    if low is not None and high is not None:
        return f"{'> ' if spec.get('min_exclusive') else ''}{num(low)} – {num(high)}"
    if low is not None:
        return f"{'>' if spec.get('min_exclusive') else '≥'} {num(low)}"
    if high is not None:
        return f"≤ {num(high)}"
    return ""


@register.filter(name="sorted")
def sorted_filter(items: Any) -> list[Any]:
    return sorted(items or [], key=str)
