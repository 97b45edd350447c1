"""How targets and amounts read on the planning pages and in the PK document."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from kinerja.planning.targets import parse_target

register = template.Library()


def _plain(number: Decimal) -> str:
    # normalize() would print 1E+2 for 100; quantize whole numbers instead.
    shown = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return number_format(shown, use_l10n=True)


@register.filter
def target(value: Any) -> str:
    """A stored target (a number or {"low", "high"}) as it is read: 80, 7,5 or 10–20."""
    parsed = parse_target(value)
    if parsed is None:
        return "—"
    if isinstance(parsed, Decimal):
        return _plain(parsed)
    return f"{_plain(parsed.low)}–{_plain(parsed.high)}"


@register.filter
def annual_target(item: Any) -> str:
    """The annual target of a PK indicator: a range for a stabilize indicator."""
    if item.target is None:
        return "—"
    if item.target_high is not None:
        return f"{_plain(item.target)}–{_plain(item.target_high)}"
    return _plain(item.target)


@register.filter
def rupiah(value: Any) -> str:
    """Rp 4.850.000.000: whole rupiah with the Indonesian thousands separator."""
    if value is None:
        return "—"
    whole = int(Decimal(value).quantize(Decimal(1)))
    return "Rp " + f"{whole:,}".replace(",", ".")


@register.filter
def period_value(targets: dict[str, Any], period: Any) -> Any:
    return (targets or {}).get(str(period))
