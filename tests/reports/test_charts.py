"""Print charts: the figures are written on the bars, patterns tell the statuses apart, output repeats."""

from decimal import Decimal

from kinerja.reports import charts


def draw(fmt, values=(Decimal("109.58"), Decimal("62.5"), None)):
    return charts.achievement_bars(
        labels=["IK-01", "IK-02", "IK-03"],
        achievements=list(values),
        statuses=["green", "red", ""],
        status_names={"green": "Hijau · tercapai", "yellow": "Kuning", "red": "Merah · tidak tercapai"},
        label=lambda v: f"{v:.2f}".replace(".", ","),
        x_label="Capaian (%)",
        reference_label="100 %",
        fmt=fmt,
    )


def test_svg_writes_every_figure_as_text_and_repeats():
    svg = draw("svg")
    assert svg.startswith("<svg")  # inline in HTML: no XML prolog
    for text in ("109,58", "62,50", "—", "IK-03", "Hijau · tercapai", "Merah · tidak tercapai", "100 %"):
        assert text in svg, text
    assert "<pattern" in svg  # the red bars are hatched, not only coloured
    assert "Kuning" not in svg  # the legend names only the statuses present
    assert draw("svg") == svg


def test_png_is_high_resolution_and_repeats():
    png = draw("png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width >= 16 / 2.54 * charts.PNG_DPI - 2  # 16 cm at 200 dpi
    assert draw("png") == png
    assert draw("png", (Decimal(100), Decimal(100), Decimal(100))) != png


def test_grouped_bars_label_each_bar():
    svg = charts.grouped_bars(
        categories=["TW1", "TW2"],
        series=[
            charts.Series("Target", [Decimal(80), Decimal(85)]),
            charts.Series("Realisasi", [Decimal("87.67"), None]),
        ],
        label=str,
        y_label="indeks",
        fmt="svg",
    )
    for text in ("80", "85", "87.67", "—", "Target", "Realisasi", "TW2"):
        assert f">{text}<" in svg, text
