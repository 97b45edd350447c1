"""Throughput of the formula engine on the 25 Tarakan indicators, against plain Python.

Run from the repository root::

    .venv/bin/python benchmarks/formula_throughput.py [--units 400] [--repeat 3] [--seed 7]

It builds a synthetic year for many units (3-6 vessels, 10-30 employees, 30-100 respondents,
...), validates every period's input once (timed separately), then times, on one core:

* the engine: ``Program.evaluate`` of the pre-parsed formulas on the validated inputs;
* plain Python: the same 25 computations hand-written as Python functions with the same
  Decimal arithmetic, on the same inputs;

and prints indicator-periods per second for both, and their ratio. The results of both are
compared, so the two sides provably do the same work.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kinerja.catalog.samples import make_inputs  # noqa: E402
from kinerja.formula import (  # noqa: E402
    CONTEXT,
    NO_ROWS,
    IndicatorDefinition,
    compute_periods,
    load_definitions,
)

CATALOG = ROOT / "kinerja" / "catalog" / "data" / "tarakan_formulas.json"

D = Decimal
ZERO, ONE, HUNDRED = D(0), D(1), D(100)


def input_periods(definition: IndicatorDefinition) -> tuple[str, ...]:
    if definition.assessment_period is not None:
        return (definition.assessment_period,)
    return definition.periods


# ---------------------------------------------------------------------------------------------
# The same computations as plain Python (what a developer would hard-code), Decimal throughout
# ---------------------------------------------------------------------------------------------
def _r(actual: Decimal, target: Decimal) -> Decimal:
    if not target:
        raise ZeroDivisionError
    q = actual / target
    return q if q < ONE else ONE


def _rs(actual: Decimal, target: Decimal) -> Decimal:
    if not target:
        return ONE
    q = actual / target
    return q if q < ONE else ONE


W = {k: D(k) for k in ("0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.40", "0.50", "0.60", "0.70")}


def _vessel(
    rows: list[dict[str, Any]], w_pk: Decimal, w_pkl: Decimal, w3: tuple[Decimal, Decimal, Decimal]
) -> Any:
    if not rows:
        return NO_ROWS
    total = ZERO
    for v in rows:
        idx = HUNDRED * (
            W["0.40"]
            * (
                w_pk * _r(v["periksa_kapal_realisasi"], v["periksa_kapal_target"])
                + w_pkl * _r(v["periksa_kelautan_realisasi"], v["periksa_kelautan_target"])
            )
            + W["0.40"] * _r(v["cakupan_realisasi"], v["cakupan_target"])
            + W["0.15"]
            * (
                W["0.60"] * _r(v["intercept_realisasi"], v["intercept_target"])
                + W["0.40"] * _rs(v["sar_realisasi"], v["sar_target"])
            )
            + W["0.05"]
            * (
                w3[0] * _rs(v["sita_alat_realisasi"], v["sita_alat_target"])
                + w3[1] * _rs(v["rumpon_realisasi"], v["rumpon_target"])
                + w3[2] * _rs(v["ops_bersama_realisasi"], v["ops_bersama_target"])
            )
        )
        total += idx
    return total / len(rows)


def p01(i: dict[str, Any], t: Any) -> Any:
    return (
        W["0.20"] * i["rencana_kerja"]
        + W["0.30"] * i["pendataan_keaktifan"]
        + W["0.50"] * i["pelaksanaan_pembinaan"]
    )


def p02(i: dict[str, Any], t: Any) -> Any:
    return _vessel(i["kapal"], W["0.70"], W["0.30"], (W["0.30"], W["0.30"], W["0.40"]))


def p03(i: dict[str, Any], t: Any) -> Any:
    return _vessel(i["speedboat"], W["0.50"], W["0.50"], (W["0.40"], W["0.40"], W["0.20"]))


_LOG = (
    ("bbm", D("0.30")),
    ("pelumas", D("0.20")),
    ("bahan_makanan", D("0.25")),
    ("air_bersih", D("0.15")),
    ("alat_pelayanan", D("0.05")),
    ("senjata_api", D("0.05")),
)


def p04(i: dict[str, Any], t: Any) -> Any:
    total = ZERO
    for item, w in _LOG:
        x = (
            HUNDRED
            if i[item + "_stok_tersedia"]
            else HUNDRED * _r(i[item + "_realisasi"], i[item + "_target"])
        )
        total += w * x
    return total


def p05(i: dict[str, Any], t: Any) -> Any:
    rows = i["paket"]
    if not rows:
        return NO_ROWS
    return sum(r["progres"] for r in rows) / len(rows)


_PREV = ("harwat_rutin", "docking", "servis_berkala", "analisis_teknis", "cek_kondisi")
_PRED = ("overhaul", "kalibrasi", "suku_cadang", "perlengkapan", "repowering")


def p06(i: dict[str, Any], t: Any) -> Any:
    rows = i["sarana"]
    if not rows:
        return NO_ROWS
    total = ZERO
    for r in rows:
        prev = sum(HUNDRED * _rs(r[k + "_realisasi"], r[k + "_target"]) for k in _PREV) / 5
        pred = sum(HUNDRED * _rs(r[k + "_realisasi"], r[k + "_target"]) for k in _PRED) / 5
        emer = HUNDRED * _rs(r["darurat_realisasi"], r["darurat_target"])
        total += W["0.50"] * prev + W["0.40"] * pred + W["0.10"] * emer
    return total / len(rows)


def p07(i: dict[str, Any], t: Any) -> Any:
    rows = i["pemeriksaan"]
    if not rows:
        return NO_ROWS
    return sum(r["persiapan"] + r["pelaksanaan"] + r["laporan"] for r in rows) / len(rows)


def p09(i: dict[str, Any], t: Any) -> Any:
    b = i["kasus_ditangani"]
    return t if b == 0 else i["sanksi_ditetapkan"] / b * HUNDRED


_IK10 = ((D(50), D(40)), (D(75), D(60)))


def p10(i: dict[str, Any], t: Any) -> Any:
    p = i["selesai_diperiksa"] / i["laporan_indikasi"] * HUNDRED
    if p < 50:
        return D(40)
    if p < 75:
        return D(60)
    if p <= 100:
        return D(80)
    return D(100)


def p11(i: dict[str, Any], t: Any) -> Any:
    b = i["kasus_disidik"]
    return t if b == 0 else i["kasus_selesai"] / b * HUNDRED


def p12(i: dict[str, Any], t: Any) -> Any:
    value = i["nilai_pengungkit"] + i["nilai_hasil"]
    areas = i["area_pengungkit"]
    ok = (
        value >= 75
        and i["nilai_pengungkit"] >= 40
        and len(areas) > 0
        and all(a["persen"] >= 60 for a in areas)
        and i["nilai_bersih_kkn"] >= D("18.50")
        and i["nilai_spak"] >= D("13.5")
        and i["nilai_tlhp"] >= D("5.0")
        and i["nilai_pelayanan_publik"] >= 15
    )
    _ = "Memenuhi syarat WBK" if ok else "Belum memenuhi syarat WBK"
    return value


def p13(i: dict[str, Any], t: Any) -> Any:
    return i["dokumen_dipenuhi"] / i["dokumen_wajib"] * HUNDRED


def p14(i: dict[str, Any], t: Any) -> Any:
    return i["nilai_audit"]


_EDU = {
    "S3": D(25),
    "S2": D(20),
    "S1": D(15),
    "D4": D(15),
    "D3": D(10),
    "D2": D(5),
    "D1": D(5),
    "SMA": D(5),
    "SMP": D(1),
    "SD": D(1),
}
_DIS = {"tidak_pernah": D(5), "ringan": D(3), "sedang": D(2), "berat": D(1)}
_C15, _C10, _C225, _C175 = D(15), D(10), D("22.5"), D("17.5")


def p15(i: dict[str, Any], t: Any) -> Any:
    rows = i["pegawai"]
    if not rows:
        return NO_ROWS
    total = ZERO
    for r in rows:
        j = r["jabatan"]
        if j == "struktural":
            comp = (
                (_C15 if r["diklatpim"] else ZERO)
                + (_C15 if r["diklat_20jp"] else ZERO)
                + (_C10 if r["seminar"] else ZERO)
            )
        elif j == "fungsional":
            comp = (
                (_C15 if r["diklat_fungsional"] else ZERO)
                + (_C15 if r["diklat_20jp"] else ZERO)
                + (_C10 if r["seminar"] else ZERO)
            )
        else:
            comp = (_C225 if r["diklat_20jp"] else ZERO) + (_C175 if r["seminar"] else ZERO)
        skp = r["nilai_skp"]
        perf = (
            D(30)
            if skp >= 91
            else D(25)
            if skp >= 76
            else D(15)
            if skp >= 61
            else D(5)
            if skp >= 51
            else D(1)
        )
        total += _EDU[r["pendidikan"]] + comp + perf + _DIS[r["hukuman_disiplin"]]
    return total / len(rows)


_DOCS = ("pk", "manual_iku", "rincian_target", "rencana_aksi", "lkj", "data_dukung_lkj")
_MATCH = tuple(f"kesesuaian_{c}" for c in "abcdefgh")


def p16(i: dict[str, Any], t: Any) -> Any:
    docs = D(sum(1 for k in _DOCS if i[k]))
    match = D(sum(1 for k in _MATCH if i[k]))
    npss = i["npss"]
    return 30 * docs / 6 + 30 * match / 8 + 40 * (sum(r["nilai"] for r in npss) / len(npss)) / 120


def p17(i: dict[str, Any], t: Any) -> Any:
    return i["rekomendasi_ditindaklanjuti"] / i["rekomendasi_total"] * HUNDRED


def p18(i: dict[str, Any], t: Any) -> Any:
    return sum((i[f"u{k}"] for k in range(1, 13)), ZERO)


def p19(i: dict[str, Any], t: Any) -> Any:
    return D(sum(1 for r in i["inovasi"] if r["diusulkan"]))


_U = tuple(f"u{k}" for k in range(1, 10))


def p20(i: dict[str, Any], t: Any) -> Any:
    rows = i["responden"]
    if not rows:
        return NO_ROWS
    n = len(rows)
    return 25 * sum(sum(r[u] for r in rows) / n for u in _U) / 9


_SIX = D(6)


def p21(i: dict[str, Any], t: Any) -> Any:
    return (
        HUNDRED * _r(i["dokumen_tersedia"], i["dokumen_wajib"])
        + HUNDRED * _r(i["peserta_tergabung"], i["peserta_wajib"])
        + HUNDRED * _r(i["unggahan"], _SIX)
    ) / 3


def p22(i: dict[str, Any], t: Any) -> Any:
    return i["unsur_1"] + i["unsur_2"] + i["unsur_3"] + i["unsur_4"] + i["unsur_5"]


def p23(i: dict[str, Any], t: Any) -> Any:
    return (
        W["0.20"] * i["sirup"]
        + W["0.30"] * i["spse"]
        + W["0.20"] * i["laporan_pbj"]
        + W["0.30"] * i["kesesuaian_tahapan"]
    )


def p24(i: dict[str, Any], t: Any) -> Any:
    rows = [r for r in i["komponen"] if r["ada_data"]]
    if not rows:
        return NO_ROWS
    return sum(r["nilai"] * r["bobot"] for r in rows) / sum(r["bobot"] for r in rows)


_W25 = (D("0.435"), D("0.286"), D("0.182"), D("0.097"))


def p25(i: dict[str, Any], t: Any) -> Any:
    return (
        _W25[0] * i["capaian_ro"]
        + _W25[1] * i["efisiensi"]
        + _W25[2] * i["konsistensi_penyerapan"]
        + _W25[3] * i["penyerapan"]
    )


PLAIN: dict[str, Callable[[dict[str, Any], Any], Any]] = {
    "IK-01": p01, "IK-02": p02, "IK-03": p03, "IK-04": p04, "IK-05": p05, "IK-06": p06,
    "IK-07": p07, "IK-08": p07, "IK-09": p09, "IK-10": p10, "IK-11": p11, "IK-12": p12,
    "IK-13": p13, "IK-14": p14, "IK-15": p15, "IK-16": p16, "IK-17": p17, "IK-18": p18,
    "IK-19": p19, "IK-20": p20, "IK-21": p21, "IK-22": p22, "IK-23": p23, "IK-24": p24,
    "IK-25": p25,
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
def _expand(
    payloads: list[tuple[IndicatorDefinition, dict[str, Any]]],
) -> list[tuple[IndicatorDefinition, dict[str, Any]]]:
    """One entry per indicator-period, in the order the jobs are built."""
    return [(d, p) for d, p in payloads for _period in p["periods"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--per-indicator", action="store_true", help="time each indicator apart")
    args = parser.parse_args()

    definitions = load_definitions(json.loads(CATALOG.read_text(encoding="utf-8")))
    rng = random.Random(args.seed)

    # Raw payloads, one per unit and indicator (the kinerja compute input shape).
    payloads: list[tuple[IndicatorDefinition, dict[str, Any]]] = []
    for _unit in range(args.units):
        for definition in definitions:
            periods = {
                period: {"inputs": make_inputs(definition.code, rng), "target": 80}
                for period in input_periods(definition)
            }
            payloads.append((definition, {"year": 2024, "periods": periods}))

    # Validation (raw JSON -> typed values), timed separately.
    t0 = time.perf_counter()
    jobs: list[tuple[Any, dict[str, Any], Decimal, Callable[[dict[str, Any], Any], Any]]] = []
    for definition, payload in payloads:
        entries = definition.validate_payload(payload)
        program = definition.ensure_valid()
        for entry in entries.values():
            assert entry.inputs is not None
            jobs.append((program, entry.inputs, entry.target, PLAIN[definition.code]))  # type: ignore[arg-type]
    validation_seconds = time.perf_counter() - t0
    count = len(jobs)

    def run_engine() -> list[Any]:
        return [program.evaluate(inputs, target=target) for program, inputs, target, _ in jobs]

    def run_plain() -> list[Any]:
        with localcontext(CONTEXT):
            return [plain(inputs, target) for _, inputs, target, plain in jobs]

    # Same results, compared at the output precision.
    q = D("0.01")
    engine_out, plain_out = run_engine(), run_plain()
    mismatches = 0
    for a, b in zip(engine_out, plain_out, strict=True):
        if a is NO_ROWS or b is NO_ROWS:
            mismatches += a is not b
        elif a.quantize(q, ROUND_HALF_UP) != b.quantize(q, ROUND_HALF_UP):
            mismatches += 1
    engine_best = plain_best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        run_engine()
        engine_best = min(engine_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_plain()
        plain_best = min(plain_best, time.perf_counter() - t0)

    # End to end: validation + compute_periods (all outputs) per indicator-year.
    t0 = time.perf_counter()
    for definition, payload in payloads:
        compute_periods(definition, payload)
    end_to_end = time.perf_counter() - t0

    figures = {
        "units": args.units,
        "indicator_periods": count,
        "engine_per_second": round(count / engine_best),
        "plain_per_second": round(count / plain_best),
        "ratio_engine_over_plain_time": round(engine_best / plain_best, 2),
        "validation_per_second": round(count / validation_seconds),
        "compute_periods_per_second": round(count / end_to_end),
        "mismatches": mismatches,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"indicator-periods per run:        {count:>10,}  ({args.units} units x 25 indicators)")
    print(f"engine (pre-parsed formulas):     {figures['engine_per_second']:>10,} /s")
    print(f"plain Python (hand-written):      {figures['plain_per_second']:>10,} /s")
    print(f"engine time / plain time:         {figures['ratio_engine_over_plain_time']:>10}x")
    print(f"validation of raw input:          {figures['validation_per_second']:>10,} /s")
    print(f"compute_periods end to end:       {figures['compute_periods_per_second']:>10,} /s")
    print(f"result mismatches engine/plain:   {mismatches:>10}")
    if args.per_indicator:
        print("\nper indicator (microseconds per indicator-period, best of the repeats):")
        print(f"{'code':6} {'periods':>8} {'engine':>9} {'plain':>9} {'ratio':>6}")
        by_code: dict[str, list[Any]] = {}
        for (definition, _payload), job in zip(_expand(payloads), jobs, strict=True):
            by_code.setdefault(definition.code, []).append(job)
        for code, code_jobs in by_code.items():
            engine_t = plain_t = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                for program, inputs, target, _plain in code_jobs:
                    program.evaluate(inputs, target=target)
                engine_t = min(engine_t, time.perf_counter() - t0)
                t0 = time.perf_counter()
                with localcontext(CONTEXT):
                    for _program, inputs, target, plain in code_jobs:
                        plain(inputs, target)
                plain_t = min(plain_t, time.perf_counter() - t0)
            n = len(code_jobs)
            print(
                f"{code:6} {n:>8} {engine_t / n * 1e6:>9.1f} {plain_t / n * 1e6:>9.1f}"
                f" {engine_t / plain_t:>6.2f}"
            )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
