"""The 25 Tarakan indicators, each with hand-computed cases (worked out in the comments)."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.formula import InputError, check_catalog
from tests.formula.helpers import WORKED_VESSEL, D, catalog, respondents, run, run_year, vessel

CODES = [f"IK-{i:02d}" for i in range(1, 26)]


def refused(code: str, period: str, inputs: dict[str, Any], target: Any = None) -> list[Any]:
    with pytest.raises(InputError) as info:
        run(code, period, inputs, target)
    return list(info.value.problems)


# --- the catalogue as a whole ------------------------------------------------------------
def test_catalogue_is_complete_and_clean() -> None:
    definitions = catalog()
    assert list(definitions) == CODES
    for code, definition in definitions.items():
        assert definition.check() == [], code  # no errors and no warnings
        assert definition.polarity == "maximize"
        data = definition.to_dict()
        assert all(isinstance(i, str) for i in data.get("decisions", []))
        for spec in definition.inputs:
            assert spec.label_id
            assert spec.label_en
    assert check_catalog(definitions.values()) == []


@pytest.mark.parametrize(
    ("code", "unit", "periodicity", "aggregation"),
    [
        ("IK-01", "indeks", "semester", "last"),
        ("IK-02", "indeks", "quarter", "cumulative_mean"),
        ("IK-03", "indeks", "quarter", "cumulative_mean"),
        ("IK-04", "%", "quarter", "cumulative_mean"),
        ("IK-05", "%", "year", "last"),
        ("IK-06", "%", "year", "last"),
        ("IK-07", "nilai", "quarter", "cumulative_mean"),
        ("IK-08", "nilai", "quarter", "cumulative_mean"),
        ("IK-09", "indeks", "quarter", "last"),
        ("IK-10", "indeks", "quarter", "last"),
        ("IK-11", "indeks", "quarter", "last"),
        ("IK-12", "nilai", "year", "last"),
        ("IK-13", "%", "quarter", "cumulative_mean"),
        ("IK-14", "nilai", "year", "last"),
        ("IK-15", "indeks", "semester", "last"),
        ("IK-16", "nilai", "year", "last"),
        ("IK-17", "%", "quarter", "cumulative_mean"),
        ("IK-18", "nilai", "year", "last"),
        ("IK-19", "inovasi", "year", "last"),
        ("IK-20", "indeks", "quarter", "cumulative_mean"),
        ("IK-21", "%", "quarter", "cumulative_mean"),
        ("IK-22", "%", "year", "last"),
        ("IK-23", "%", "year", "last"),
        ("IK-24", "nilai", "semester", "last"),
        ("IK-25", "nilai", "year", "last"),
    ],
)
def test_units_periods_and_aggregation(code: str, unit: str, periodicity: str, aggregation: str) -> None:
    definition = catalog()[code]
    assert (definition.unit, definition.periodicity, definition.aggregation) == (
        unit,
        periodicity,
        aggregation,
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("IK-01", ["20/30/50"]),
        ("IK-02", ["capped at 1"]),
        ("IK-10", ["< 50%", "75%–100%"]),
        ("IK-15", ["divides competence by 3", "the weight wins"]),
        ("IK-17", ["TW4 reported value"]),
        ("IK-21", ["weigh equally"]),
    ],
)
def test_spec_decisions_are_repeated(code: str, words: list[str]) -> None:
    decisions = catalog()[code].decisions
    # Alternating items: the Indonesian sentence, then the same decision in English.
    assert decisions
    assert len(decisions) % 2 == 0
    english = " ".join(decisions[1::2])
    for word in words:
        assert word in english


# --- IK-01 -------------------------------------------------------------------------------
def test_ik01() -> None:
    # 0.20*80 + 0.30*70 + 0.50*90 = 16 + 21 + 45 = 82
    inputs = {"rencana_kerja": 80, "pendataan_keaktifan": 70, "pelaksanaan_pembinaan": 90}
    result = run("IK-01", "S1", inputs, target=80)
    assert (result.value, result.reported, result.achievement, result.status) == (
        82,
        82,
        102.5,
        "green",
    )
    full = dict.fromkeys(inputs, 100)
    assert run("IK-01", "S2", full).value == 100
    (problem,) = refused("IK-01", "S1", {**inputs, "rencana_kerja": 101})
    assert (problem.code, problem.field) == ("input_above_max", "rencana_kerja")
    assert refused("IK-01", "TW1", inputs)[0].code == "input_unknown_period"


# --- IK-02 -------------------------------------------------------------------------------
def test_ik02_worked_example() -> None:
    # r = 2/3, 1, 1 (30000/25000 capped), 0.75, 1 (sar 0/0 situational), 0.5, 1 (0/0), 1
    # 100 * [0.40*(0.70*0.6667 + 0.30) + 0.40 + 0.15*(0.60*0.75 + 0.40) + 0.05*(0.15 + 0.30 + 0.40)]
    # = 100 * [0.30667 + 0.40 + 0.1275 + 0.0425] = 87.67; 87.666.../80 = 109.58 green
    result = run("IK-02", "TW1", {"kapal": [WORKED_VESSEL]}, target=80)
    assert result.to_json() == {
        "value": 87.67,
        "reported": 87.67,
        "category": None,
        "target": 80,
        "achievement": 109.58,
        "status": "green",
    }


def test_ik02_cumulative_mean_across_the_year() -> None:
    # TW1: the worked example, 87.6667. TW2: a vessel at every target, 100.
    # TW3: no vessel rows -> no value. TW4: no non-situational item done and all situational
    # targets 0 -> 100 * [0 + 0 + 0.15*(0 + 0.40*1) + 0.05*(1)] = 11.
    zero = vessel(
        periksa_kapal_realisasi=0,
        periksa_kelautan_realisasi=0,
        cakupan_realisasi=0,
        intercept_realisasi=0,
        sar_target=0,
        sar_realisasi=0,
        sita_alat_target=0,
        sita_alat_realisasi=0,
        rumpon_target=0,
        rumpon_realisasi=0,
        ops_bersama_target=0,
        ops_bersama_realisasi=0,
    )
    out = run_year(
        "IK-02",
        {
            "TW1": {"inputs": {"kapal": [WORKED_VESSEL]}, "target": 80},
            "TW2": {"inputs": {"kapal": [vessel()]}, "target": 80},
            "TW3": {"inputs": {"kapal": []}, "target": 80},
            "TW4": {"inputs": {"kapal": [zero]}, "target": 80},
        },
    )
    values = [out[p].value for p in ("TW1", "TW2", "TW3", "TW4")]
    assert values == [D("87.67"), 100, None, 11]
    # reported: 87.67; (87.6667+100)/2 = 93.83; TW3 keeps 93.83; (87.6667+100+11)/3 = 66.22
    assert [float(out[p].reported) for p in out] == [87.67, 93.83, 93.83, 66.22]
    # achievement vs 80: 109.58, 117.29, 117.29, 82.78 (yellow)
    assert [float(out[p].achievement) for p in out] == [109.58, 117.29, 117.29, 82.78]
    assert [out[p].status for p in out] == ["green", "green", "green", "yellow"]


def test_ik02_mean_of_vessels_and_edges() -> None:
    # (87.6667 + 100) / 2 = 93.83
    assert float(run("IK-02", "TW1", {"kapal": [WORKED_VESSEL, vessel()]}).value) == 93.83
    # A situational item with target 0 counts as achieved: still 100.
    assert run("IK-02", "TW1", {"kapal": [vessel(sar_target=0, sar_realisasi=0)]}).value == 100
    # Over-achievement in one item cannot hide a shortfall: cakupan 10/1 capped at 1,
    # intercept 0/1 -> 100 * (1 - 0.15*0.60) = 91.
    row = vessel(cakupan_realisasi=10, intercept_realisasi=0)
    assert run("IK-02", "TW1", {"kapal": [row]}).value == 91
    # An empty table gives no value.
    empty = run("IK-02", "TW1", {"kapal": []}, target=80)
    assert (empty.value, empty.reported, empty.achievement, empty.status) == (
        None,
        None,
        None,
        None,
    )
    # A target of 0 on a non-situational item is an input error naming the row.
    (problem,) = refused("IK-02", "TW3", {"kapal": [vessel(), vessel(periksa_kapal_target=0)]})
    assert (problem.code, problem.indicator, problem.period, problem.field, problem.row) == (
        "input_not_above_min",
        "IK-02",
        "TW3",
        "kapal.periksa_kapal_target",
        2,
    )
    assert "IK-02 TW3, tabel kapal baris 2 kolom periksa_kapal_target" in problem.message_id
    assert "IK-02 TW3, table kapal row 2 column periksa_kapal_target" in problem.message_en
    # A string where a number belongs, and a missing item.
    row = vessel()
    row["sar_target"] = "nol"  # type: ignore[assignment]
    assert refused("IK-02", "TW1", {"kapal": [row]})[0].code == "input_not_number"
    row = vessel()
    del row["rumpon_realisasi"]
    assert refused("IK-02", "TW1", {"kapal": [row]})[0].code == "input_missing"


# --- IK-03 -------------------------------------------------------------------------------
def test_ik03() -> None:
    # Same r as the worked example, speedboat weights:
    # 100 * [0.40*(0.50*0.6667 + 0.50) + 0.40 + 0.15*(0.45 + 0.40) + 0.05*(0.40*0.5 + 0.40 + 0.20)]
    # = 100 * [0.33333 + 0.40 + 0.1275 + 0.04] = 90.08
    result = run("IK-03", "TW1", {"speedboat": [WORKED_VESSEL]}, target=95)
    assert float(result.value) == 90.08
    assert (float(result.achievement), result.status) == (94.82, "yellow")  # 90.0833/95
    assert run("IK-03", "TW2", {"speedboat": []}).value is None


# --- IK-04 -------------------------------------------------------------------------------
def ik04(**overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    for item in ("bbm", "pelumas", "bahan_makanan", "air_bersih", "alat_pelayanan", "senjata_api"):
        inputs |= {f"{item}_target": 100, f"{item}_realisasi": 100, f"{item}_stok_tersedia": False}
    inputs.update(overrides)
    return inputs


def test_ik04() -> None:
    # bbm: stock on board -> 100 (target 0 allowed); pelumas 80/100 -> 80; bahan makanan 100;
    # air bersih 50/100 -> 50; alat pelayanan 120/100 capped -> 100; senjata api 0/10 -> 0.
    # 0.30*100 + 0.20*80 + 0.25*100 + 0.15*50 + 0.05*100 + 0.05*0 = 30+16+25+7.5+5+0 = 83.5
    inputs = ik04(
        bbm_target=0,
        bbm_realisasi=0,
        bbm_stok_tersedia=True,
        pelumas_realisasi=80,
        air_bersih_realisasi=50,
        alat_pelayanan_realisasi=120,
        senjata_api_target=10,
        senjata_api_realisasi=0,
    )
    assert run("IK-04", "TW1", inputs).value == 83.5
    # Stock on board counts as fulfilled whatever was bought.
    assert run("IK-04", "TW1", ik04(bbm_realisasi=0, bbm_stok_tersedia=True)).value == 100
    assert run("IK-04", "TW1", ik04(bbm_realisasi=0)).value == 70
    # A target of 0 without stock on board is refused, naming both fields.
    (problem,) = refused("IK-04", "TW2", ik04(bbm_target=0))
    assert (problem.code, problem.field) == ("constraint_failed", "bbm_stok_tersedia, bbm_target")
    assert "IK-04 TW2" in problem.message_id
    assert "stock is still on board" in problem.message_en


# --- IK-05 -------------------------------------------------------------------------------
def test_ik05() -> None:
    # (100 + 50 + 25) / 3 = 58.33
    rows = [{"progres": 100}, {"progres": 50}, {"progres": 25}]
    assert float(run("IK-05", "TAHUN", {"paket": rows}).value) == 58.33
    assert run("IK-05", "TAHUN", {"paket": []}).value is None
    assert refused("IK-05", "TAHUN", {"paket": [{"progres": 100.5}]})[0].code == "input_above_max"


# --- IK-06 -------------------------------------------------------------------------------
ITEMS_06 = [
    "harwat_rutin",
    "docking",
    "servis_berkala",
    "analisis_teknis",
    "cek_kondisi",
    "overhaul",
    "kalibrasi",
    "suku_cadang",
    "perlengkapan",
    "repowering",
    "darurat",
]


def sarana(**pairs: tuple[int, int]) -> dict[str, int]:
    row: dict[str, int] = {}
    for item in ITEMS_06:
        target, actual = pairs.get(item, (0, 0))
        row |= {f"{item}_target": target, f"{item}_realisasi": actual}
    return row


def test_ik06() -> None:
    # preventive: harwat 2/2=100, docking 0/0=100 (situational), servis 1/2=50, analisis 0/1=0,
    #   cek 3/2 -> 100; mean 70
    # predictive: overhaul 0/0=100, kalibrasi 1/4=25, others 0/0=100; mean 85
    # emergency: 0/0 = 100
    # row 1 = 0.50*70 + 0.40*85 + 0.10*100 = 35 + 34 + 10 = 79; row 2 (nothing planned) = 100
    # value = (79 + 100) / 2 = 89.5
    row1 = sarana(
        harwat_rutin=(2, 2),
        servis_berkala=(2, 1),
        analisis_teknis=(1, 0),
        cek_kondisi=(2, 3),
        kalibrasi=(4, 1),
    )
    assert run("IK-06", "TAHUN", {"sarana": [row1]}).value == 79
    assert run("IK-06", "TAHUN", {"sarana": [row1, sarana()]}).value == 89.5
    # emergency repairs not done: 0.10 * 0 -> 90
    assert run("IK-06", "TAHUN", {"sarana": [sarana(darurat=(1, 0))]}).value == 90
    assert run("IK-06", "TAHUN", {"sarana": []}).value is None


# --- IK-07 and IK-08 ---------------------------------------------------------------------
@pytest.mark.parametrize("code", ["IK-07", "IK-08"])
def test_ik07_ik08(code: str) -> None:
    # rows: 10+70+20 = 100, 5+35+10 = 50, 8+60+15 = 83 -> 233/3 = 77.67
    rows = [
        {"persiapan": 10, "pelaksanaan": 70, "laporan": 20},
        {"persiapan": 5, "pelaksanaan": 35, "laporan": 10},
        {"persiapan": 8, "pelaksanaan": 60, "laporan": 15},
    ]
    out = run_year(
        code,
        {
            "TW1": {"inputs": {"pemeriksaan": rows}, "target": 80},
            "TW2": {"inputs": {"pemeriksaan": rows[:1]}, "target": 80},
        },
    )
    assert float(out["TW1"].value) == 77.67
    assert (float(out["TW1"].achievement), out["TW1"].status) == (97.08, "yellow")  # 77.6667/80
    # TW2 value 100; reported (77.6667 + 100) / 2 = 88.83
    assert (out["TW2"].value, float(out["TW2"].reported)) == (100, 88.83)
    (problem,) = refused(code, "TW1", {"pemeriksaan": [{"persiapan": 11, "pelaksanaan": 0, "laporan": 0}]})
    assert (problem.code, problem.field, problem.row) == (
        "input_above_max",
        "pemeriksaan.persiapan",
        1,
    )


# --- IK-09 and IK-11 ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "a", "b"),
    [
        ("IK-09", "sanksi_ditetapkan", "kasus_ditangani"),
        ("IK-11", "kasus_selesai", "kasus_disidik"),
    ],
)
def test_ik09_ik11(code: str, a: str, b: str) -> None:
    assert run(code, "TW1", {a: 3, b: 4}).value == 75  # 3/4 * 100
    assert run(code, "TW1", {a: 0, b: 5}).value == 0
    # b = 0: no case handled, the target counts as achieved: value = target = 90
    result = run(code, "TW2", {a: 0, b: 0}, target=90)
    assert (result.value, result.achievement, result.status, result.error) == (
        90,
        100,
        "green",
        None,
    )
    # ... and without a target that is an error of this cell, not an exception
    result = run(code, "TW2", {a: 0, b: 0})
    assert result.value is None
    assert result.error is not None
    assert result.error.code == "target_missing"
    assert (result.error.indicator, result.error.period) == (code, "TW2")
    # a <= b
    (problem,) = refused(code, "TW3", {a: 5, b: 4})
    assert (problem.code, problem.field) == ("constraint_failed", ", ".join(sorted([a, b])))
    assert refused(code, "TW1", {a: 1.5, b: 4})[0].code == "input_not_integer"
    assert refused(code, "TW1", {a: -1, b: 4})[0].code == "input_below_min"


# --- IK-10 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("done", "reports", "value", "category"),
    [
        (4999, 10000, 40, "Kurang"),  # p = 49.99
        (50, 100, 60, "Cukup"),  # p = 50: the overlapping edge goes to the higher band
        (7499, 10000, 60, "Cukup"),  # p = 74.99
        (75, 100, 80, "Baik"),  # p = 75
        (100, 100, 80, "Baik"),  # p = 100: the manual puts 100 in "75%-100%"
        (10001, 10000, 100, "Sangat Baik"),  # p = 100.01
        (0, 5, 40, "Kurang"),
    ],
)
def test_ik10_band_edges(done: int, reports: int, value: int, category: str) -> None:
    result = run("IK-10", "TW1", {"selesai_diperiksa": done, "laporan_indikasi": reports})
    assert (result.value, result.category) == (value, category)


def test_ik10_needs_reports() -> None:
    (problem,) = refused("IK-10", "TW1", {"selesai_diperiksa": 1, "laporan_indikasi": 0})
    assert (problem.code, problem.field) == ("input_not_above_min", "laporan_indikasi")


# --- IK-12 -------------------------------------------------------------------------------
WBK = {
    "nilai_pengungkit": 50,
    "nilai_hasil": 30,
    "area_pengungkit": [{"persen": 65}, {"persen": 70}, {"persen": 60}],
    "nilai_bersih_kkn": 18.50,
    "nilai_spak": 13.5,
    "nilai_tlhp": 5.0,
    "nilai_pelayanan_publik": 15,
}


def test_ik12_meets_wbk_at_every_threshold() -> None:
    # value = 50 + 30 = 80; every criterion sits exactly on its threshold (inclusive)
    result = run("IK-12", "TAHUN", WBK, target=75)
    assert (result.value, result.category, result.status) == (80, "Memenuhi syarat WBK", "green")
    edge = run("IK-12", "TAHUN", {**WBK, "nilai_pengungkit": 40, "nilai_hasil": 35})  # 75 total
    assert (edge.value, edge.category) == (75, "Memenuhi syarat WBK")


@pytest.mark.parametrize(
    "change",
    [
        {"nilai_pengungkit": 45, "nilai_hasil": 29.99},  # total 74.99 < 75
        {"nilai_pengungkit": 39.99, "nilai_hasil": 40},  # pengungkit < 40 (total 79.99)
        {"area_pengungkit": [{"persen": 100}, {"persen": 59.99}]},  # one area < 60
        {"area_pengungkit": []},  # no lever area at all
        {"nilai_bersih_kkn": 18.49},
        {"nilai_spak": 13.49},
        {"nilai_tlhp": 4.99},
        {"nilai_pelayanan_publik": 14.99},
    ],
)
def test_ik12_each_threshold_missed(change: dict[str, Any]) -> None:
    result = run("IK-12", "TAHUN", {**WBK, **change})
    assert result.category == "Belum memenuhi syarat WBK"
    assert result.value is not None  # the value is computed regardless


def test_ik12_ranges() -> None:
    assert refused("IK-12", "TAHUN", {**WBK, "nilai_pengungkit": 61})[0].code == "input_above_max"
    assert refused("IK-12", "TAHUN", {**WBK, "nilai_hasil": 41})[0].code == "input_above_max"


# --- IK-13 -------------------------------------------------------------------------------
def test_ik13() -> None:
    out = run_year(
        "IK-13",
        {
            "TW1": {"inputs": {"dokumen_dipenuhi": 3, "dokumen_wajib": 4}},  # 75
            "TW2": {"inputs": {"dokumen_dipenuhi": 4, "dokumen_wajib": 4}},  # 100
        },
    )
    assert (out["TW1"].value, out["TW2"].value, out["TW2"].reported) == (75, 100, 87.5)
    assert refused("IK-13", "TW1", {"dokumen_dipenuhi": 0, "dokumen_wajib": 0})[0].code == (
        "input_not_above_min"
    )
    assert refused("IK-13", "TW1", {"dokumen_dipenuhi": 5, "dokumen_wajib": 4})[0].code == (
        "constraint_failed"
    )


# --- IK-14 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "category"),
    [
        (100, "AA Sangat Memuaskan"),
        (90.01, "AA Sangat Memuaskan"),
        (90, "A Memuaskan"),  # "> 90": 90 itself is A
        (80.01, "A Memuaskan"),
        (80, "BB Sangat Baik"),
        (70.01, "BB Sangat Baik"),
        (70, "B Baik"),
        (60.01, "B Baik"),
        (60, "CC Cukup"),
        (50.01, "CC Cukup"),
        (50, "C Kurang"),
        (30.01, "C Kurang"),
        (30, "D Sangat Kurang"),
        (0, "D Sangat Kurang"),
    ],
)
def test_ik14_band_edges(score: float, category: str) -> None:
    result = run("IK-14", "TAHUN", {"nilai_audit": score})
    assert (float(result.value), result.category) == (score, category)


# --- IK-15 -------------------------------------------------------------------------------
def employee(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "jabatan": "staf",
        "pendidikan": "SD",
        "nilai_skp": 0,
        "hukuman_disiplin": "tidak_pernah",
    }
    row.update(overrides)
    return row


def score_of(**overrides: Any) -> float:
    return float(run("IK-15", "S1", {"pegawai": [employee(**overrides)]}).value)


def test_ik15_by_position() -> None:
    # struktural, S2 20; diklatpim 15 + 20 JP 15 + no seminar 0 = 30; SKP 95 -> 30;
    #   never disciplined 5: 20 + 30 + 30 + 5 = 85
    # fungsional, S1 15; diklat fungsional 15 + no 20 JP + seminar 10 = 25 (diklatpim does not
    #   apply: 0); SKP 80 -> 25; ringan 3: 15 + 25 + 25 + 3 = 68
    # staf, SMA 5; 20 JP 22.5 + seminar 17.5 = 40 (diklatpim, fungsional do not apply);
    #   SKP 60 -> 5; berat 1: 5 + 40 + 5 + 1 = 51
    # value = (85 + 68 + 51) / 3 = 68
    rows = [
        employee(jabatan="struktural", pendidikan="S2", diklatpim=True, diklat_20jp=True, nilai_skp=95),
        employee(
            jabatan="fungsional",
            pendidikan="S1",
            diklatpim=True,
            diklat_fungsional=True,
            seminar=True,
            nilai_skp=80,
            hukuman_disiplin="ringan",
        ),
        employee(
            pendidikan="SMA",
            diklatpim=True,
            diklat_fungsional=True,
            diklat_20jp=True,
            seminar=True,
            nilai_skp=60,
            hukuman_disiplin="berat",
        ),
    ]
    assert [score_of(**r) for r in rows] == [85, 68, 51]
    assert run("IK-15", "S1", {"pegawai": rows}).value == 68
    # The competence weight wins (40, not 40/3): a complete struktural employee scores 100.
    best = employee(
        jabatan="struktural",
        pendidikan="S3",
        diklatpim=True,
        diklat_20jp=True,
        seminar=True,
        nilai_skp=120,
    )
    assert score_of(**best) == 100
    assert run("IK-15", "S2", {"pegawai": []}).value is None


@pytest.mark.parametrize(
    ("education", "points"),
    [
        ("S3", 25),
        ("S2", 20),
        ("S1", 15),
        ("D4", 15),
        ("D3", 10),
        ("D2", 5),
        ("D1", 5),
        ("SMA", 5),
        ("SMP", 1),
        ("SD", 1),
    ],
)
def test_ik15_qualification_table(education: str, points: int) -> None:
    # staf without courses 0, SKP 0 -> 1, never disciplined 5
    assert score_of(pendidikan=education) == points + 1 + 5


@pytest.mark.parametrize(
    ("skp", "points"),
    [
        (120, 30),
        (91, 30),
        (90.99, 25),
        (76, 25),
        (75.99, 15),
        (61, 15),
        (60.99, 5),
        (51, 5),
        (50.99, 1),
        (0, 1),
    ],
)
def test_ik15_performance_table(skp: float, points: int) -> None:
    assert score_of(nilai_skp=skp) == 1 + points + 5  # SD 1, no courses, never disciplined 5


@pytest.mark.parametrize(
    ("sanction", "points"), [("tidak_pernah", 5), ("ringan", 3), ("sedang", 2), ("berat", 1)]
)
def test_ik15_discipline_table(sanction: str, points: int) -> None:
    assert score_of(hukuman_disiplin=sanction) == 1 + 1 + points  # SD 1, SKP 0 -> 1


@pytest.mark.parametrize(
    ("position", "courses", "points"),
    [
        ("struktural", {"diklatpim": True}, 15),
        ("struktural", {"diklat_20jp": True}, 15),
        ("struktural", {"seminar": True}, 10),
        ("struktural", {"diklat_fungsional": True}, 0),
        ("fungsional", {"diklat_fungsional": True}, 15),
        ("fungsional", {"diklat_20jp": True}, 15),
        ("fungsional", {"seminar": True}, 10),
        ("fungsional", {"diklatpim": True}, 0),
        ("staf", {"diklat_20jp": True}, 22.5),
        ("staf", {"seminar": True}, 17.5),
        ("staf", {"diklatpim": True, "diklat_fungsional": True}, 0),
    ],
)
def test_ik15_competence_rule(position: str, courses: dict[str, bool], points: float) -> None:
    assert score_of(jabatan=position, **courses) == 1 + points + 1 + 5


def test_ik15_bad_choice() -> None:
    (problem,) = refused("IK-15", "S1", {"pegawai": [employee(pendidikan="S4")]})
    assert (problem.code, problem.field, problem.row) == (
        "input_bad_choice",
        "pegawai.pendidikan",
        1,
    )
    assert "S3, S2, S1" in problem.message_en
    assert refused("IK-15", "S1", {"pegawai": [employee(nilai_skp=121)]})[0].code == "input_above_max"


# --- IK-16 -------------------------------------------------------------------------------
IK16 = {
    "pk": True,
    "manual_iku": True,
    "rincian_target": True,
    "rencana_aksi": True,
    "lkj": True,
    "data_dukung_lkj": False,
    **{f"kesesuaian_{c}": c != "h" for c in "abcdefgh"},
    "npss": [{"nilai": 100}, {"nilai": 110}],
}


def test_ik16_assessed_at_tw3_and_carried_to_tw4() -> None:
    # 30 * 5/6 + 30 * 7/8 + 40 * mean(100, 110)/120 = 25 + 26.25 + 35 = 86.25
    out = run_year("IK-16", {"TW3": {"inputs": IK16, "target": 80}, "TW4": {"target": 85}})
    assert list(out) == ["TW3", "TW4", "TAHUN"]
    assert [out[p].value for p in out] == [86.25, 86.25, 86.25]
    # TW4 keeps its own target; TAHUN takes the assessment's
    assert [out[p].target for p in out] == [80, 85, 80]
    assert [float(out[p].achievement) for p in out] == [107.81, 101.47, 107.81]
    # The year value may also be given under TAHUN.
    assert run("IK-16", "TAHUN", IK16).value == 86.25
    full = {**{k: True for k in IK16 if k != "npss"}, "npss": [{"nilai": 120}]}
    assert run("IK-16", "TW3", full).value == 100


def test_ik16_refusals() -> None:
    assert refused("IK-16", "TW4", IK16)[0].code == "input_not_assessed"
    assert refused("IK-16", "TW1", IK16)[0].code == "input_unknown_period"
    assert refused("IK-16", "TW3", {**IK16, "npss": []})[0].code == "input_row_count"
    assert refused("IK-16", "TW3", {**IK16, "npss": [{"nilai": 1}] * 5})[0].code == "input_row_count"
    with pytest.raises(InputError) as info:
        run_year("IK-16", {"TW3": {"inputs": IK16}, "TAHUN": {"inputs": IK16}})
    assert info.value.code == "input_assessed_twice"


# --- IK-17 -------------------------------------------------------------------------------
def test_ik17() -> None:
    # TW1 9/12 = 75; TW2 10/10 = 100 -> reported 87.5; TW4 5/10 = 50 -> (75+100+50)/3 = 75
    out = run_year(
        "IK-17",
        {
            "TW1": {"inputs": {"rekomendasi_ditindaklanjuti": 9, "rekomendasi_total": 12}},
            "TW2": {"inputs": {"rekomendasi_ditindaklanjuti": 10, "rekomendasi_total": 10}},
            "TW4": {
                "inputs": {"rekomendasi_ditindaklanjuti": 5, "rekomendasi_total": 10},
                "target": 90,
            },
        },
    )
    assert [out[p].reported for p in out] == [75, 87.5, 75]
    # The year's figure is the TW4 reported value: 75 vs 90 -> 83.33 yellow
    assert (float(out["TW4"].achievement), out["TW4"].status) == (83.33, "yellow")
    assert refused("IK-17", "TW1", {"rekomendasi_ditindaklanjuti": 0, "rekomendasi_total": 0})[0].field == (
        "rekomendasi_total"
    )


# --- IK-18 -------------------------------------------------------------------------------
MAXIMA_18 = [6, 12, 2, 2, 2, 3, 1, 1, 1, 3, 2, 3]


def test_ik18() -> None:
    full = {f"u{i}": m for i, m in enumerate(MAXIMA_18, start=1)}
    assert run("IK-18", "TAHUN", full).value == 38  # the sum of the maxima
    half = {f"u{i}": m / 2 for i, m in enumerate(MAXIMA_18, start=1)}
    assert run("IK-18", "TAHUN", half).value == 19
    (problem,) = refused("IK-18", "TAHUN", {**full, "u1": 6.5})
    assert (problem.code, problem.field) == ("input_above_max", "u1")


# --- IK-19 -------------------------------------------------------------------------------
def test_ik19() -> None:
    rows = [
        {"judul": "Layanan daring", "kelompok": "umum", "diusulkan": True},
        {"judul": "Antar jemput dokumen", "kelompok": "khusus", "diusulkan": False},
        {"judul": "Klinik konsultasi", "kelompok": "khusus", "diusulkan": True},
    ]
    assert run("IK-19", "TAHUN", {"inovasi": rows}).value == 2
    # No rows gives 0, not null.
    empty = run("IK-19", "TAHUN", {"inovasi": []}, target=1)
    assert (empty.value, empty.achievement, empty.status) == (0, 0, "red")
    bad = [{"judul": "X", "kelompok": "lain", "diusulkan": True}]
    assert refused("IK-19", "TAHUN", {"inovasi": bad})[0].code == "input_bad_choice"


# --- IK-20 -------------------------------------------------------------------------------
def test_ik20_ordinary_case() -> None:
    # One respondent answering 4 everywhere, one answering 3: every NRR is 3.5,
    # value = 25 * 9 * 3.5 / 9 = 87.5 -> "B Baik"
    rows = [{f"u{i}": 4 for i in range(1, 10)}, {f"u{i}": 3 for i in range(1, 10)}]
    result = run("IK-20", "TW1", {"responden": rows}, target=80)
    assert (result.value, result.category, result.status) == (87.5, "B Baik", "green")
    assert run("IK-20", "TW2", {"responden": []}).value is None
    bad = [{f"u{i}": 5 if i == 3 else 4 for i in range(1, 10)}]
    (problem,) = refused("IK-20", "TW1", {"responden": bad})
    assert (problem.code, problem.field, problem.row) == ("input_above_max", "responden.u3", 1)


@pytest.mark.parametrize(
    ("n", "total", "value", "category"),
    [
        # value = 25 * total / (9 n); the category is taken from the value rounded to 2 decimals
        (43, 1367, 88.31, "A Sangat Baik"),  # 88.3075 -> 88.31 >= 88.31
        (19, 604, 88.30, "B Baik"),  # 88.3041 -> 88.30
        (19, 524, 76.61, "B Baik"),  # 76.6082 -> 76.61 >= 76.61
        (26, 717, 76.60, "C Kurang Baik"),  # 76.6026 -> 76.60
        (5, 117, 65.00, "C Kurang Baik"),  # exactly 65
        (113, 2644, 65.00, "C Kurang Baik"),  # 64.9951 -> 65.00
        (58, 1357, 64.99, "D Tidak Baik"),  # 64.9904 -> 64.99
    ],
)
def test_ik20_category_edges(n: int, total: int, value: float, category: str) -> None:
    result = run("IK-20", "TW1", {"responden": respondents(n, total)})
    assert (float(result.value), result.category) == (value, category)


def test_ik20_category_follows_the_cumulative_reported_value() -> None:
    # TW1 value 87.5 (B); TW2 value 100 (A); reported TW2 = 93.75 -> A
    out = run_year(
        "IK-20",
        {
            "TW1": {
                "inputs": {
                    "responden": [
                        {f"u{i}": 4 for i in range(1, 10)},
                        {f"u{i}": 3 for i in range(1, 10)},
                    ]
                }
            },
            "TW2": {"inputs": {"responden": [{f"u{i}": 4 for i in range(1, 10)}]}},
        },
    )
    assert (out["TW1"].category, out["TW2"].reported, out["TW2"].category) == (
        "B Baik",
        93.75,
        "A Sangat Baik",
    )


# --- IK-21 -------------------------------------------------------------------------------
def test_ik21() -> None:
    # documents 3/4 = 75, participants 20/20 = 100, uploads 3/6 = 50 -> (75 + 100 + 50)/3 = 75
    inputs = {
        "dokumen_tersedia": 3,
        "dokumen_wajib": 4,
        "peserta_tergabung": 20,
        "peserta_wajib": 20,
        "unggahan": 3,
    }
    assert run("IK-21", "TW1", inputs).value == 75
    # 9 uploads are capped at 6: (75 + 100 + 100)/3 = 91.67
    assert float(run("IK-21", "TW1", {**inputs, "unggahan": 9}).value) == 91.67
    assert refused("IK-21", "TW1", {**inputs, "peserta_wajib": 0})[0].field == "peserta_wajib"


# --- IK-22 -------------------------------------------------------------------------------
def test_ik22_assessed_at_tw4() -> None:
    inputs = {"unsur_1": 20, "unsur_2": 20, "unsur_3": 18, "unsur_4": 15, "unsur_5": 10}
    out = run_year("IK-22", {"TW4": {"inputs": inputs, "target": 80}})
    assert [(p, out[p].value) for p in out] == [("TW4", 83), ("TAHUN", 83)]  # the sum
    assert run("IK-22", "TAHUN", inputs).value == 83
    assert refused("IK-22", "TW3", inputs)[0].code == "input_unknown_period"


# --- IK-23 -------------------------------------------------------------------------------
def test_ik23() -> None:
    # 0.20*90 + 0.30*80 + 0.20*100 + 0.30*70 = 18 + 24 + 20 + 21 = 83
    inputs = {"sirup": 90, "spse": 80, "laporan_pbj": 100, "kesesuaian_tahapan": 70}
    assert run("IK-23", "TAHUN", inputs).value == 83
    assert refused("IK-23", "TAHUN", {**inputs, "spse": -0.01})[0].code == "input_below_min"


# --- IK-24 -------------------------------------------------------------------------------
def test_ik24() -> None:
    # rows with data: 100 x 20 + 90 x 30 = 4700; weights 50 -> 94 "Baik";
    # the row without data (nilai 0, bobot 50) does not count
    rows = [
        {"nama": "Revisi DIPA", "nilai": 100, "bobot": 20, "ada_data": True},
        {"nama": "Penyerapan", "nilai": 90, "bobot": 30},  # ada_data defaults to true
        {"nama": "Kontraktual", "nilai": 0, "bobot": 50, "ada_data": False},
    ]
    result = run("IK-24", "S1", {"komponen": rows})
    assert (result.value, result.category) == (94, "Baik")
    assert run("IK-24", "S1", {"komponen": []}).value is None
    nothing = run("IK-24", "S2", {"komponen": [{**rows[2]}]})
    assert (nothing.value, nothing.category, nothing.error) == (None, None, None)


@pytest.mark.parametrize(
    ("score", "category"),
    [
        (100, "Sangat Baik"),
        (95, "Sangat Baik"),
        (94.99, "Baik"),
        (89, "Baik"),
        (88.99, "Cukup"),
        (70, "Cukup"),
        (69.99, "Kurang"),
        (0, "Kurang"),
    ],
)
def test_ik24_band_edges(score: float, category: str) -> None:
    rows = [{"nama": "X", "nilai": score, "bobot": 10, "ada_data": True}]
    result = run("IK-24", "S1", {"komponen": rows})
    assert (float(result.value), result.category) == (score, category)


# --- IK-25 -------------------------------------------------------------------------------
def test_ik25() -> None:
    # 0.435*90 + 0.286*80 + 0.182*70 + 0.097*60 = 39.15 + 22.88 + 12.74 + 5.82 = 80.59 -> "Baik"
    inputs = {"capaian_ro": 90, "efisiensi": 80, "konsistensi_penyerapan": 70, "penyerapan": 60}
    result = run("IK-25", "TAHUN", inputs)
    assert (float(result.value), result.category) == (80.59, "Baik")


@pytest.mark.parametrize(
    ("score", "category"),
    [
        (100, "Sangat Baik"),
        (90.01, "Sangat Baik"),
        (90, "Baik"),
        (80.01, "Baik"),
        (80, "Cukup"),
        (60.01, "Cukup"),
        (60, "Kurang"),
        (50.01, "Kurang"),
        (50, "Sangat Kurang"),
        (0, "Sangat Kurang"),
    ],
)
def test_ik25_band_edges(score: float, category: str) -> None:
    # The weights add up to 1, so four equal components give the value itself.
    inputs = dict.fromkeys(("capaian_ro", "efisiensi", "konsistensi_penyerapan", "penyerapan"), score)
    result = run("IK-25", "TAHUN", inputs)
    assert (float(result.value), result.category) == (score, category)
