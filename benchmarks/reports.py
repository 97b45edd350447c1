"""How long the printed documents take: the LKj, the quarterly report and the PK, PDF and DOCX.

Run on a database that holds the demo (`kinerja migrate && kinerja seed_demo`), e.g.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python benchmarks/reports.py --repeat 3

Each document is generated `--repeat` times through `reports.documents.document_render` (what the
download, the API and `kinerja report` call); the best and the median wall time are printed, with the
size of the file. The charts' share is measured separately (matplotlib alone).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", default="PSDKP-TARAKAN")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--quarter-year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from kinerja.organization.models import OrgUnit
    from kinerja.reports import lkj
    from kinerja.reports.documents import document_render

    unit = OrgUnit.objects.get(code=args.unit)
    cases = [
        ("pk", args.year, None, "pdf"),
        ("pk", args.year, None, "docx"),
        ("lkj", args.year, None, "pdf"),
        ("lkj", args.year, None, "docx"),
        ("triwulan", args.quarter_year, "TW1", "pdf"),
        ("triwulan", args.quarter_year, "TW1", "docx"),
    ]
    print(f"{'document':<22} {'best s':>8} {'median s':>9} {'bytes':>10}")
    for kind, year, period, fmt in cases:
        times = []
        size = 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            document = document_render(kind=kind, unit=unit, year=year, period=period, fmt=fmt)
            times.append(time.perf_counter() - started)
            size = len(document.content)
        name = f"{kind} {year}{' ' + period if period else ''} {fmt}"
        print(f"{name:<22} {min(times):>8.2f} {statistics.median(times):>9.2f} {size:>10}")

    data = lkj.lkj_data(unit=unit, year=args.year)
    started = time.perf_counter()
    for item in data.indicators:
        lkj.indicator_chart(item, "svg")
    elapsed = time.perf_counter() - started
    print(f"{len(data.indicators)} indicator charts (SVG, matplotlib only): {elapsed:.2f} s")


if __name__ == "__main__":
    main()
