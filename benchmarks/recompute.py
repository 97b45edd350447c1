"""Full recompute of a synthetic ministry against its I/O floor, and the dashboards on that data.

Run from the repository root (PostgreSQL; the database ``kinerja_bench`` is created if missing,
migrated and flushed, and no other database is ever touched)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench \\
        .venv/bin/python benchmarks/recompute.py --units 1000 --indicators 30

Without ``DATABASE_URL`` it runs on SQLite in ``var/kinerja_bench.sqlite3`` (a smoke run: use a
small ``--units``).

It generates, with ``bulk_create`` and a fixed seed, ``--units`` units under a few Eselon I
parents, each with its own 30 indicators (the 25 Tarakan definitions and 5 simple ones, including
minimize, stabilize and sum), a frozen definition each, an open year, one signed PK per unit
(4-6 sasaran, period targets, weights on every third unit) and a filled realisation for every entry
period of every indicator. Then, in one run and after a warm-up, it times ``--repeat`` times:

* **recompute**: ``results_recompute(unit_ids=batch, year=..., basis="working")`` for every batch
  of ``--batch`` units (the whole ministry);
* **floor**: per batch, the same reads (``unit_plans``, the indicators, ``year_definitions``,
  ``working_inputs``), the same deletes and the ``bulk_create`` of the same Result, SasaranScore and
  UnitScore rows, their values copied from the warm-up's output (no engine call);

and prints rows written, seconds (best and median), rows/s and the ratio recompute/floor, the
peak memory of one batch of each (tracemalloc) and the process's peak RSS. When the dashboard URLs
``performance:dashboard_ministry`` and ``performance:dashboard_unit`` resolve, it then measures them
with Django's test client as an administrator (``DEBUG`` off): p50/p95/max server time of
``--requests`` requests each, and their query counts.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

YEAR = 2026
SEED = 11
CATALOG = ROOT / "kinerja" / "catalog" / "data" / "tarakan_formulas.json"

# Five simple definitions beside the 25 Tarakan ones: a ratio, minimize (last and cumulative),
# stabilize and a running sum.
SIMPLE: list[dict[str, Any]] = [
    {
        "code": "IK-26",
        "name": "Persentase laporan tepat waktu",
        "unit": "%",
        "periodicity": "quarter",
        "aggregation": "cumulative_mean",
        "polarity": "maximize",
        "inputs": [
            {"name": "tepat_waktu", "label_id": "Laporan tepat waktu", "label_en": "Reports on time",
             "type": "integer", "min": 0},
            {"name": "laporan", "label_id": "Laporan wajib", "label_en": "Reports due", "type": "integer",
             "min": 0, "min_exclusive": True},
        ],
        "constraints": [{"rule": "tepat_waktu <= laporan", "message_id": "a <= b", "message_en": "a <= b"}],
        "formula": "value = tepat_waktu / laporan * 100\n",
    },
    {
        "code": "IK-27",
        "name": "Rata-rata hari penyelesaian pengaduan",
        "unit": "hari",
        "periodicity": "quarter",
        "aggregation": "last",
        "polarity": "minimize",
        "inputs": [{"name": "hari", "label_id": "Hari", "label_en": "Days", "type": "number", "min": 0}],
        "formula": "value = hari\n",
    },
    {
        "code": "IK-28",
        "name": "Persentase temuan berulang",
        "unit": "%",
        "periodicity": "quarter",
        "aggregation": "cumulative_mean",
        "polarity": "minimize",
        "inputs": [
            {"name": "berulang", "label_id": "Temuan berulang", "label_en": "Repeated findings",
             "type": "integer", "min": 0},
            {"name": "temuan", "label_id": "Temuan", "label_en": "Findings", "type": "integer", "min": 0,
             "min_exclusive": True},
        ],
        "constraints": [{"rule": "berulang <= temuan", "message_id": "a <= b", "message_en": "a <= b"}],
        "formula": "value = berulang / temuan * 100\n",
    },
    {
        "code": "IK-29",
        "name": "Penyerapan anggaran terhadap rencana",
        "unit": "%",
        "periodicity": "quarter",
        "aggregation": "last",
        "polarity": "stabilize",
        "inputs": [
            {"name": "realisasi", "label_id": "Realisasi", "label_en": "Spent", "type": "number", "min": 0},
            {"name": "rencana", "label_id": "Rencana", "label_en": "Planned", "type": "number", "min": 0,
             "min_exclusive": True},
        ],
        "formula": "value = realisasi / rencana * 100\n",
    },
    {
        "code": "IK-30",
        "name": "Jumlah kegiatan sosialisasi",
        "unit": "kegiatan",
        "periodicity": "quarter",
        "aggregation": "sum",
        "polarity": "maximize",
        "inputs": [
            {"name": "kegiatan", "label_id": "Kegiatan", "label_en": "Events", "type": "table",
             "min_rows": 0, "max_rows": 100, "if_empty": "evaluate",
             "columns": [{"name": "peserta", "label_id": "Peserta", "label_en": "Participants",
                          "type": "integer", "min": 0}]},
        ],
        "formula": "value = count(kegiatan)\n",
    },
]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Database: only ever kinerja_bench (or another name containing "bench")
# ---------------------------------------------------------------------------------------------
def prepare_database() -> str:
    url = os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'kinerja_bench.sqlite3'}")
    parts = urlsplit(url)
    name = Path(parts.path).name if parts.scheme.startswith("sqlite") else parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to use database {name!r}: the benchmark flushes it; name it kinerja_bench")
    if parts.scheme.startswith("postgres"):
        import psycopg
        from psycopg import sql

        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"created database {name}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ.setdefault("KINERJA_ALLOW_INSECURE_KEY", "1")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("KINERJA_MANIFEST_STATIC", "0")
    os.environ["DB_CONN_MAX_AGE"] = "0"
    return name


# ---------------------------------------------------------------------------------------------
# Synthetic ministry
# ---------------------------------------------------------------------------------------------
def definitions_catalog(count: int) -> list[dict[str, Any]]:
    tarakan = json.loads(CATALOG.read_text(encoding="utf-8"))
    items = [*tarakan, *SIMPLE]
    if not 1 <= count <= len(items):
        sys.exit(f"--indicators must be between 1 and {len(items)}")
    return items[:count]


def simple_inputs(code: str, rng: random.Random) -> dict[str, Any]:
    if code == "IK-26":
        due = rng.randint(1, 12)
        return {"tepat_waktu": rng.randint(max(0, due - 3), due), "laporan": due}
    if code == "IK-27":
        return {"hari": round(rng.uniform(3, 20), 1)}
    if code == "IK-28":
        found = rng.randint(1, 20)
        return {"berulang": rng.randint(0, found * 2 // 5), "temuan": found}
    if code == "IK-29":
        plan = rng.randint(100, 5000) * 1_000_000
        return {"realisasi": round(plan * rng.uniform(0.7, 1.3)), "rencana": plan}
    if code == "IK-30":
        return {"kegiatan": [{"peserta": rng.randint(10, 80)} for _ in range(rng.randint(0, 6))]}
    raise KeyError(code)


#: Annual-scale targets per code (others: an index target around 80).
TARGETS = {"IK-12": 75, "IK-15": 70, "IK-18": 30, "IK-19": 2, "IK-26": 90, "IK-27": 10, "IK-28": 20}


def period_targets(item: dict[str, Any], periods: tuple[str, ...], rng: random.Random) -> dict[str, Any]:
    code = item["code"]
    if item.get("polarity") == "stabilize":
        return {p: {"low": "90", "high": "110"} for p in periods}
    if item.get("aggregation") == "sum":
        return {p: str(3 * (i + 1)) for i, p in enumerate(periods)}
    base = TARGETS.get(code) or rng.choice([75, 80, 80, 85, 90])
    return {p: str(base) for p in periods}


def generate(args: argparse.Namespace) -> dict[str, Any]:
    """Everything with bulk_create; returns the ids the timed part needs."""
    from django.db import transaction
    from formula_throughput import make_inputs

    from kinerja.accounts.models import Role
    from kinerja.accounts.services import role_assign, user_create
    from kinerja.catalog.models import Indicator, IndicatorVersion, Sasaran
    from kinerja.organization.models import PATH_STEP, OrgUnit, UnitKind
    from kinerja.organization.services import unit_create
    from kinerja.performance.models import Realisation, Submission
    from kinerja.planning.models import (
        Agreement,
        AgreementIndicator,
        AgreementSasaran,
        FrozenDefinition,
        PeriodWindow,
        PlanningYear,
    )
    from kinerja.planning.periods import QUARTERS, entry_periods
    from kinerja.planning.schedule import default_windows

    rng = random.Random(args.seed)
    catalog = definitions_catalog(args.indicators)
    computations = [
        {k: v for k, v in item.items() if k not in ("code", "name", "name_en", "decisions")}
        for item in catalog
    ]
    entry = [entry_periods(item["periodicity"], item.get("assessment_period")) for item in catalog]
    target_periods = []
    for item, periods in zip(catalog, entry, strict=True):
        assessed = item.get("assessment_period")
        if assessed:  # IK-16 at TW3 carries to TW4; IK-22 at TW4
            target_periods.append(QUARTERS[QUARTERS.index(assessed) :])
        else:
            target_periods.append(periods)

    t0 = time.perf_counter()
    with transaction.atomic():
        ministry = unit_create(
            code="KKP", name="Kementerian (benchmark)", short_name="KKP", kind=UnitKind.KEMENTERIAN
        )
        parents = [
            unit_create(
                code=f"E1-{i:02d}", name=f"Eselon I {i}", short_name=f"E1 {i}", kind=UnitKind.ESELON_1,
                parent=ministry, sort_order=i,
            )
            for i in range(1, args.parents + 1)
        ]  # fmt: skip
        units = OrgUnit.objects.bulk_create(
            OrgUnit(
                code=f"UPT-{n:04d}",
                name=f"Unit Pelaksana Teknis {n:04d}",
                short_name=f"UPT {n:04d}",
                kind=UnitKind.UPT,
                parent=parents[n % len(parents)],
                sort_order=n,
            )
            for n in range(1, args.units + 1)
        )
        for unit in units:
            unit.path = unit.parent.path + str(unit.pk).zfill(PATH_STEP)
        OrgUnit.objects.bulk_update(units, ["path"], batch_size=1000)
        admin = user_create(
            username="bench.admin",
            full_name="Bench Admin",
            password="Correct-Horse-42-bench",  # noqa: S106
        )
        role_assign(user=admin, role=Role.ADMIN, unit=ministry)

        year = PlanningYear.objects.create(year=YEAR, status="open")
        PeriodWindow.objects.bulk_create(
            PeriodWindow(year=year, quarter=q, entry_opens=o, entry_closes=c, review_closes=r)
            for q, (o, c, r) in default_windows(YEAR).items()
        )

        sasaran_of: dict[int, list[Sasaran]] = {}
        rows = []
        for unit in units:
            count = rng.randint(4, 6)
            own = [
                Sasaran(
                    unit=unit, code=f"SK-{k:02d}", name=f"Sasaran kegiatan {k}", kind="kegiatan", sort_order=k
                )
                for k in range(1, count + 1)
            ]
            sasaran_of[unit.pk] = own
            rows.extend(own)
        Sasaran.objects.bulk_create(rows, batch_size=2000)

        indicators = Indicator.objects.bulk_create(
            (
                Indicator(
                    unit=unit, sasaran=sasaran_of[unit.pk][i % len(sasaran_of[unit.pk])],
                    code=item["code"], name=item["name"], kind="IK",
                )
                for unit in units
                for i, item in enumerate(catalog)
            ),
            batch_size=2000,
        )  # fmt: skip
        versions = IndicatorVersion.objects.bulk_create(
            (
                IndicatorVersion(
                    indicator=ind, number=1, definition=computations[i % len(catalog)], reason="bench"
                )
                for i, ind in enumerate(indicators)
            ),
            batch_size=2000,
        )
        for ind, version in zip(indicators, versions, strict=True):
            ind.current_version = version
        Indicator.objects.bulk_update(indicators, ["current_version"], batch_size=2000)
        FrozenDefinition.objects.bulk_create(
            (FrozenDefinition(year=year, indicator=ind, version=ind.current_version) for ind in indicators),
            batch_size=2000,
        )

        agreements = Agreement.objects.bulk_create(
            Agreement(unit=unit, year=YEAR, status="signed", is_current=True) for unit in units
        )
        weighted = {unit.pk for n, unit in enumerate(units) if n % 3 == 0}
        agreement_sasaran = AgreementSasaran.objects.bulk_create(
            (
                AgreementSasaran(
                    agreement=agreement, sasaran=s, sort_order=k,
                    weight=Decimal(rng.randint(1, 3)) if agreement.unit_id in weighted else None,
                )
                for agreement in agreements
                for k, s in enumerate(sasaran_of[agreement.unit_id])
            ),
            batch_size=2000,
        )  # fmt: skip

        def targets_of(i: int) -> dict[str, Any]:
            return period_targets(catalog[i % len(catalog)], target_periods[i % len(catalog)], rng)

        row_of = {(r.agreement_id, r.sasaran_id): r for r in agreement_sasaran}
        agreement_of = {a.unit_id: a for a in agreements}
        AgreementIndicator.objects.bulk_create(
            (
                AgreementIndicator(
                    agreement=agreement_of[ind.unit_id],
                    sasaran_row=row_of[(agreement_of[ind.unit_id].pk, ind.sasaran_id)],
                    indicator=ind,
                    period_targets=(pt := targets_of(i)),
                    target=None if isinstance(last := list(pt.values())[-1], dict) else Decimal(last),
                    weight=Decimal(rng.randint(1, 4)) if ind.unit_id in weighted else None,
                    sort_order=i % len(catalog),
                )
                for i, ind in enumerate(indicators)
            ),
            batch_size=2000,
        )  # fmt: skip
        Submission.objects.bulk_create(
            Submission(unit=unit, year=YEAR, quarter=q, status="verified") for unit in units for q in QUARTERS
        )

    # Realisations in chunks of units, so the generator's memory stays bounded.
    realisations = 0
    per_unit = len(catalog)
    zero = Decimal(0)
    for start in range(0, len(indicators), per_unit * 100):
        chunk = []
        for i, ind in enumerate(indicators[start : start + per_unit * 100], start=start):
            item = catalog[i % per_unit]
            make = simple_inputs if item["code"] in {s["code"] for s in SIMPLE} else make_inputs
            for period in entry[i % per_unit]:
                chunk.append(
                    Realisation(
                        unit_id=ind.unit_id, indicator=ind, year=YEAR, period=period, state="value",
                        inputs=make(item["code"], rng), value=zero, version=ind.current_version,
                    )
                )  # fmt: skip
        with transaction.atomic():
            Realisation.objects.bulk_create(chunk, batch_size=2000)
        realisations += len(chunk)
    print(
        f"generated {len(units):,} units, {len(indicators):,} indicators, {realisations:,} realisations"
        f" in {time.perf_counter() - t0:.1f} s"
    )
    return {
        "unit_ids": [u.pk for u in units],
        "unit_codes": [u.code for u in units],
        "admin_id": admin.pk,
        "realisations": realisations,
        "indicators": len(indicators),
    }


# ---------------------------------------------------------------------------------------------
# The two sides
# ---------------------------------------------------------------------------------------------
RESULT_FIELDS = (
    "unit_id", "indicator_id", "period", "value", "reported", "category", "target", "target_high",
    "achievement", "status", "error",
)  # fmt: skip
SASARAN_FIELDS = ("unit_id", "sasaran_id", "quarter", "npss", "indicator_count")
UNIT_FIELDS = ("unit_id", "quarter", "nko", "sasaran_count")


def snapshot(unit_ids: list[int]) -> dict[str, dict[int, list[tuple[Any, ...]]]]:
    """The stored output of a recompute, per unit, as plain tuples (what the floor writes back)."""
    from kinerja.performance.models import Result, SasaranScore, UnitScore

    out: dict[str, dict[int, list[tuple[Any, ...]]]] = {}
    for key, model, fields in (
        ("result", Result, RESULT_FIELDS),
        ("sasaran", SasaranScore, SASARAN_FIELDS),
        ("unit", UnitScore, UNIT_FIELDS),
    ):
        by_unit: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in model.objects.filter(year=YEAR, basis="working").order_by().values_list(*fields):
            by_unit[row[0]].append(row)
        out[key] = by_unit
    return out


def same_rows(
    a: dict[str, dict[int, list[tuple[Any, ...]]]], b: dict[str, dict[int, list[tuple[Any, ...]]]]
) -> bool:
    return all(
        {u: Counter(rows) for u, rows in a[key].items()} == {u: Counter(rows) for u, rows in b[key].items()}
        for key in ("result", "sasaran", "unit")
    )


FLOOR_PHASES: dict[str, float] = defaultdict(float)


def floor_batch(ids: list[int], copied: dict[str, dict[int, list[tuple[Any, ...]]]]) -> int:
    """results_recompute without the engine: same reads, same deletes, same rows written."""
    from django.db import transaction

    from kinerja.catalog.models import Indicator
    from kinerja.performance.models import Result, SasaranScore, UnitScore
    from kinerja.performance.results import working_inputs
    from kinerja.planning.schedule import year_definitions
    from kinerja.planning.targets import unit_plans

    clock = time.perf_counter
    with transaction.atomic():
        t0 = clock()
        plans = unit_plans(ids, YEAR)
        indicator_ids = {i for plan in plans.values() for i in plan.indicators}
        indicators = list(Indicator.objects.filter(pk__in=indicator_ids).select_related("current_version"))
        t1 = clock()
        year_definitions(YEAR, indicators)
        t2 = clock()
        entered = working_inputs(ids, YEAR)
        t3 = clock()
        result_rows, sasaran_rows, unit_rows = [], [], []
        for unit_id in ids:
            if unit_id not in plans:
                continue
            _inputs = entered.get(unit_id, [])
            for row in copied["result"].get(unit_id, ()):
                values = dict(zip(RESULT_FIELDS, row, strict=True))
                result_rows.append(Result(year=YEAR, basis="working", **values))
            for row in copied["sasaran"].get(unit_id, ()):
                values = dict(zip(SASARAN_FIELDS, row, strict=True))
                sasaran_rows.append(SasaranScore(year=YEAR, basis="working", **values))
            for row in copied["unit"].get(unit_id, ()):
                values = dict(zip(UNIT_FIELDS, row, strict=True))
                unit_rows.append(UnitScore(year=YEAR, basis="working", **values))
        t4 = clock()
        for model in (Result, SasaranScore, UnitScore):
            model.objects.filter(unit_id__in=ids, year=YEAR, basis="working").delete()
        t5 = clock()
        Result.objects.bulk_create(result_rows, batch_size=2000)
        SasaranScore.objects.bulk_create(sasaran_rows, batch_size=2000)
        UnitScore.objects.bulk_create(unit_rows, batch_size=2000)
        t6 = clock()
    for phase, seconds in (
        ("plans and indicators", t1 - t0),
        ("year_definitions", t2 - t1),
        ("working_inputs", t3 - t2),
        ("model objects", t4 - t3),
        ("delete", t5 - t4),
        ("bulk_create", t6 - t5),
    ):
        FLOOR_PHASES[phase] += seconds
    return len(result_rows)


def compute_batch(ids: list[int]) -> int:
    from kinerja.performance.results import results_recompute

    return results_recompute(unit_ids=ids, year=YEAR, basis="working")


def batches(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def run_all(side: Callable[[list[int]], int], groups: list[list[int]]) -> tuple[float, list[float], int]:
    per_batch = []
    rows = 0
    gc.collect()
    start = time.perf_counter()
    for ids in groups:
        t0 = time.perf_counter()
        rows += side(ids)
        per_batch.append(time.perf_counter() - t0)
    return time.perf_counter() - start, per_batch, rows


def traced_peak(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def row_counts() -> dict[str, int]:
    from kinerja.performance.models import Result, SasaranScore, UnitScore

    return {
        m.__name__: m.objects.filter(year=YEAR, basis="working").count()
        for m in (Result, SasaranScore, UnitScore)
    }


# ---------------------------------------------------------------------------------------------
# Dashboards
# ---------------------------------------------------------------------------------------------
def copy_to_verified() -> None:
    """The dashboards read the verified basis: give them the same figures there."""
    from django.db import transaction

    from kinerja.performance.models import Result, SasaranScore, UnitScore

    with transaction.atomic():
        for model in (Result, SasaranScore, UnitScore):
            model.objects.filter(year=YEAR, basis="verified").delete()
            fields = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", "basis")]
            rows = [
                model(basis="verified", **values)
                for values in model.objects.filter(year=YEAR, basis="working").values(*fields)
            ]
            model.objects.bulk_create(rows, batch_size=2000)


def measure_dashboards(ctx: dict[str, Any], requests: int, rng: random.Random) -> dict[str, Any] | None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from kinerja.accounts.models import User

    try:
        ministry_url = reverse("performance:dashboard_ministry", kwargs={"year": YEAR})
        reverse("performance:dashboard_unit", kwargs={"code": ctx["unit_codes"][0], "year": YEAR})
    except NoReverseMatch:
        print("\ndashboards: performance:dashboard_ministry / dashboard_unit do not resolve yet; skipped")
        return None
    copy_to_verified()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(pk=ctx["admin_id"]))
    figures: dict[str, Any] = {}
    targets = {
        "ministry": lambda: ministry_url,
        "unit": lambda: reverse(
            "performance:dashboard_unit", kwargs={"code": rng.choice(ctx["unit_codes"]), "year": YEAR}
        ),
    }
    for name, url_of in targets.items():
        for _ in range(5):  # warm-up: templates, caches, connection
            response = client.get(url_of(), secure=True)
            if response.status_code != 200:
                print(f"dashboard {name}: HTTP {response.status_code} at {response.request['PATH_INFO']}")
                return None
        queries = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                client.get(url_of(), secure=True)
            queries.append(len(captured))
        times = []
        for _ in range(requests):
            url = url_of()
            t0 = time.perf_counter()
            response = client.get(url, secure=True)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        figures[name] = {
            "requests": requests,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "max_ms": round(times[-1], 1),
            "queries": f"{min(queries)}-{max(queries)}" if min(queries) != max(queries) else str(queries[0]),
            "bytes": len(response.content),
        }
    return figures


# ---------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--parents", type=int, default=5, help="Eselon I units above the units")
    parser.add_argument("--batch", type=int, default=100, help="units per results_recompute call")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200, help="requests per dashboard")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="cProfile one recompute batch, top N"
    )
    parser.add_argument("--skip-dashboards", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()

    db_name = prepare_database()
    import logging
    import warnings

    import django

    django.setup()
    for name in ("axes", "kinerja.request", "django.request"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    print(f"database {connection.vendor} {db_name}: migrated and flushed in {time.perf_counter() - t0:.1f} s")
    ctx = generate(args)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    groups = batches(ctx["unit_ids"], args.batch)

    # Warm-up: one full recompute (its output is what the floor copies), then one floor.
    t0 = time.perf_counter()
    run_all(compute_batch, groups)
    print(f"warm-up recompute: {time.perf_counter() - t0:.1f} s")
    counts = row_counts()
    copied = snapshot(ctx["unit_ids"])
    run_all(lambda ids: floor_batch(ids, copied), groups)
    assert row_counts() == counts, "the floor must write the same rows"

    FLOOR_PHASES.clear()
    compute_runs, floor_runs = [], []
    compute_batches: list[float] = []
    for _ in range(args.repeat):
        total, per_batch, _rows = run_all(compute_batch, groups)
        compute_runs.append(total)
        compute_batches.extend(per_batch)
        total, _per, _rows = run_all(lambda ids: floor_batch(ids, copied), groups)
        floor_runs.append(total)
    assert same_rows(snapshot(ctx["unit_ids"]), copied), "recompute must give the same rows every run"

    compute_peak = traced_peak(lambda: compute_batch(groups[0]))
    floor_peak = traced_peak(lambda: floor_batch(groups[0], copied))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    written = sum(counts.values())
    best_c, best_f = min(compute_runs), min(floor_runs)
    med_c, med_f = statistics.median(compute_runs), statistics.median(floor_runs)
    figures: dict[str, Any] = {
        "database": connection.vendor,
        "units": len(ctx["unit_ids"]),
        "indicators": ctx["indicators"],
        "realisations": ctx["realisations"],
        "rows": counts,
        "rows_written": written,
        "batch": args.batch,
        "repeat": args.repeat,
        "recompute_best_s": round(best_c, 2),
        "recompute_median_s": round(med_c, 2),
        "floor_best_s": round(best_f, 2),
        "floor_median_s": round(med_f, 2),
        "ratio_best": round(best_c / best_f, 2),
        "ratio_median": round(med_c / med_f, 2),
        "recompute_batch_median_s": round(statistics.median(compute_batches), 3),
        "recompute_batch_max_s": round(max(compute_batches), 3),
        "recompute_batch_peak_mib": round(compute_peak, 1),
        "floor_batch_peak_mib": round(floor_peak, 1),
        "max_rss_mib": round(rss),
        "python": platform.python_version(),
    }
    print(
        f"\nrows per run: {written:,} (Result {counts['Result']:,}, SasaranScore {counts['SasaranScore']:,},"
        f" UnitScore {counts['UnitScore']:,}) from {ctx['realisations']:,} realisations;"
        f" {len(groups)} batches of {args.batch} units"
    )
    print(f"{'':28}{'best':>10}{'median':>10}{'rows/s (best)':>16}")
    print(f"{'recompute (engine)':28}{best_c:>9.2f}s{med_c:>9.2f}s{written / best_c:>16,.0f}")
    print(f"{'floor (I/O, no engine)':28}{best_f:>9.2f}s{med_f:>9.2f}s{written / best_f:>16,.0f}")
    print(f"{'recompute / floor':28}{best_c / best_f:>9.2f}x{med_c / med_f:>9.2f}x")
    print(
        f"recompute per batch of {args.batch}: median {figures['recompute_batch_median_s']:.3f} s,"
        f" max {figures['recompute_batch_max_s']:.3f} s"
    )
    print(
        f"peak traced memory of one batch: recompute {compute_peak:.1f} MiB, floor {floor_peak:.1f} MiB;"
        f" process max RSS {rss:.0f} MiB"
    )

    print("floor phases (share of the floor's time, all runs):")
    total_phases = sum(FLOOR_PHASES.values())
    for phase, seconds in FLOOR_PHASES.items():
        print(f"  {phase:22}{seconds / args.repeat:>8.2f} s/run {seconds / total_phases:>6.0%}")
    figures["floor_phases_s"] = {k: round(v / args.repeat, 2) for k, v in FLOOR_PHASES.items()}

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        compute_batch(groups[0])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)

    if not args.skip_dashboards:
        dash = measure_dashboards(ctx, args.requests, random.Random(args.seed))
        if dash:
            figures["dashboards"] = dash
            print(f"\n{'dashboard':12}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}")
            for name, d in dash.items():
                print(
                    f"{name:12}{d['requests']:>9}{d['p50_ms']:>9}{d['p95_ms']:>9}{d['max_ms']:>9}{d['queries']:>9}"
                )
    if args.json:
        print(json.dumps(figures, default=str))


if __name__ == "__main__":
    main()
