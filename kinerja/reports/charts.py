"""Charts for the printed reports: readable on a black-and-white printout, identical on every run.

A printed LKj is often photocopied, so no chart relies on colour: each series has its own hatching
and shade of grey, every bar carries its figure, and the 100 % line is labelled. The same chart is
drawn as SVG (inline in the PDF, its text stays text) and as PNG at 200 dpi (the DOCX).
Output is deterministic (fixed font, fixed SVG id salt, no date in the metadata), so two renders
of the same data give the same bytes. matplotlib is imported inside the functions: only the
processes that print a report pay for it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Format = Literal["svg", "png"]
PNG_DPI = 200

#: Fills that stay apart on a photocopy: (face colour, hatch, edge colour). The first two (white
#: outline, dark grey) need no pattern; patterns are costly to draw in the PDF, so only the third has one.
SERIES_STYLES = (("#ffffff", "", "#000000"), ("#555555", "", "#000000"), ("#bbbbbb", "..", "#000000"))
#: The achievement bands of the status (green ≥ 100, yellow ≥ 80, red below) as patterns, not colours.
#: A white box behind each figure, so the dashed 100 % line never runs through a number.
LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "#ffffff", "edgecolor": "none"}
STATUS_STYLES = {
    "green": ("#444444", ""),
    "yellow": ("#bbbbbb", "..."),
    "red": ("#ffffff", "xxx"),
    "": ("#ffffff", ""),
}


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | None]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "svg.fonttype": "none",  # text stays text: searchable and sharp in the PDF
            "svg.hashsalt": "kinerja",
            "hatch.linewidth": 0.6,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return pyplot


def _save(figure: Any, fmt: Format) -> str | bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    figure.clear()
    _pyplot().close(figure)
    if fmt == "png":
        return buffer.getvalue()
    svg = buffer.getvalue().decode()
    # Inline in HTML: only the <svg> element, without the XML prolog and DOCTYPE.
    return svg[svg.index("<svg") :]


def grouped_bars(
    *,
    categories: Sequence[str],
    series: Sequence[Series],
    label: Callable[[Decimal], str],
    y_label: str,
    fmt: Format,
    reference: tuple[Decimal, str] | None = None,
    width_cm: float = 16,
    height_cm: float = 6,
) -> str | bytes:
    """Vertical bars per category, one per series (e.g. target and realisation per quarter)."""
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
    count = max(len(series), 1)
    bar = 0.8 / count
    top = max((float(v) for s in series for v in s.values if v is not None), default=0.0)
    if reference is not None:
        top = max(top, float(reference[0]))
    for index, item in enumerate(series):
        face, hatch, edge = SERIES_STYLES[index % len(SERIES_STYLES)]
        xs = [i + (index - (count - 1) / 2) * bar for i in range(len(categories))]
        heights = [0.0 if v is None else float(v) for v in item.values]
        bars = axes.bar(xs, heights, bar * 0.92, color=face, hatch=hatch, edgecolor=edge, linewidth=0.6)
        bars.set_label(item.label)
        for rect, value in zip(bars, item.values, strict=True):
            text = "—" if value is None else label(value)
            axes.annotate(
                text,
                (rect.get_x() + rect.get_width() / 2, rect.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=6.5 if count > 1 else 7.5,
                bbox=LABEL_BOX,
            )
    if reference is not None:
        axes.axhline(float(reference[0]), color="#000000", linewidth=0.8, linestyle="--", label=reference[1])
    axes.set_xticks(range(len(categories)), list(categories))
    axes.set_ylabel(y_label)
    axes.set_ylim(0, top * 1.18 if top > 0 else 1)
    if len(series) > 1 or reference is not None:
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series) + 1, frameon=False)
    figure.tight_layout()
    return _save(figure, fmt)


def achievement_bars(
    *,
    labels: Sequence[str],
    achievements: Sequence[Decimal | None],
    statuses: Sequence[str],
    status_names: dict[str, str],
    label: Callable[[Decimal], str],
    x_label: str,
    reference_label: str,
    fmt: Format,
    width_cm: float = 16,
) -> str | bytes:
    """Horizontal bars of achievement (%) per indicator, patterned by status, with the 100 % line."""
    from matplotlib.patches import Patch

    pyplot = _pyplot()
    height_cm = 2.6 + 0.55 * max(len(labels), 1)
    figure, axes = pyplot.subplots(figsize=(width_cm / 2.54, height_cm / 2.54))
    ys = list(range(len(labels)))[::-1]
    for y, value, state in zip(ys, achievements, statuses, strict=True):
        face, hatch = STATUS_STYLES.get(state, STATUS_STYLES[""])
        width = 0.0 if value is None else float(value)
        axes.barh(y, width, 0.7, color=face, hatch=hatch, edgecolor="#000000", linewidth=0.6)
        axes.annotate(
            "—" if value is None else label(value),
            (width, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            bbox=LABEL_BOX,
        )
    reference = axes.axvline(100, color="#000000", linewidth=0.8, linestyle="--", label=reference_label)
    axes.set_yticks(ys, list(labels))
    axes.set_xlim(0, 135)
    axes.set_xlabel(x_label)
    shown = [s for s in ("green", "yellow", "red") if s in statuses]
    handles = [
        reference,
        *(
            Patch(
                facecolor=STATUS_STYLES[s][0],
                hatch=STATUS_STYLES[s][1],
                edgecolor="#000000",
                label=status_names[s],
            )
            for s in shown
        ),
    ]
    axes.legend(
        handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles), frameon=False
    )
    figure.tight_layout()
    return _save(figure, fmt)
