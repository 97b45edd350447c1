"""Sample inputs for the 25 Tarakan indicators: plausible raw values as a form or the CLI sends them.

Used by the demo data and the benchmarks, so that both exercise every input type of the manual.
"""

import random
from typing import Any


def _pair(rng: random.Random, low: int, high: int, situational: bool = False) -> tuple[int, int]:
    if situational and rng.random() < 0.4:
        return 0, 0
    target = rng.randint(max(low, 1), high)
    return target, rng.randint(0, int(target * 1.2))


def _vessel_row(rng: random.Random) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for item, low, high, situational in (
        ("periksa_kapal", 50, 300, False),
        ("periksa_kelautan", 1, 5, False),
        ("cakupan", 5000, 40000, False),
        ("intercept", 1, 8, False),
        ("sar", 1, 3, True),
        ("sita_alat", 1, 4, True),
        ("rumpon", 1, 4, True),
        ("ops_bersama", 1, 3, True),
    ):
        target, actual = _pair(rng, low, high, situational)
        row[f"{item}_target"] = target
        row[f"{item}_realisasi"] = actual
    return row


def _score(rng: random.Random, top: int) -> float:
    return round(rng.uniform(0, top), 2)


def make_inputs(code: str, rng: random.Random) -> dict[str, Any]:
    if code == "IK-01":
        return {
            k: _score(rng, 100) for k in ("rencana_kerja", "pendataan_keaktifan", "pelaksanaan_pembinaan")
        }
    if code in ("IK-02", "IK-03"):
        table = "kapal" if code == "IK-02" else "speedboat"
        return {table: [_vessel_row(rng) for _ in range(rng.randint(3, 6))]}
    if code == "IK-04":
        out: dict[str, Any] = {}
        for item in (
            "bbm",
            "pelumas",
            "bahan_makanan",
            "air_bersih",
            "alat_pelayanan",
            "senjata_api",
        ):
            stock = rng.random() < 0.2
            target = rng.randint(1, 5000)
            out[f"{item}_target"] = target
            out[f"{item}_realisasi"] = rng.randint(0, int(target * 1.1))
            out[f"{item}_stok_tersedia"] = stock
        return out
    if code == "IK-05":
        return {"paket": [{"progres": _score(rng, 100)} for _ in range(rng.randint(2, 6))]}
    if code == "IK-06":
        items = [
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
        rows = []
        for _ in range(rng.randint(3, 6)):
            row: dict[str, Any] = {}
            for item in items:
                target, actual = _pair(rng, 1, 6, situational=True)
                row[f"{item}_target"] = target
                row[f"{item}_realisasi"] = actual
            rows.append(row)
        return {"sarana": rows}
    if code in ("IK-07", "IK-08"):
        return {
            "pemeriksaan": [
                {
                    "persiapan": _score(rng, 10),
                    "pelaksanaan": _score(rng, 70),
                    "laporan": _score(rng, 20),
                }
                for _ in range(rng.randint(4, 15))
            ]
        }
    if code in ("IK-09", "IK-11", "IK-13", "IK-17"):
        names = {
            "IK-09": ("sanksi_ditetapkan", "kasus_ditangani"),
            "IK-11": ("kasus_selesai", "kasus_disidik"),
            "IK-13": ("dokumen_dipenuhi", "dokumen_wajib"),
            "IK-17": ("rekomendasi_ditindaklanjuti", "rekomendasi_total"),
        }[code]
        b = rng.randint(1 if code in ("IK-13", "IK-17") else 0, 20)
        return {names[0]: rng.randint(0, b), names[1]: b}
    if code == "IK-10":
        b = rng.randint(1, 30)
        return {"selesai_diperiksa": rng.randint(0, int(b * 1.3)), "laporan_indikasi": b}
    if code == "IK-12":
        return {
            "nilai_pengungkit": _score(rng, 60),
            "nilai_hasil": _score(rng, 40),
            "area_pengungkit": [{"persen": _score(rng, 100)} for _ in range(6)],
            "nilai_bersih_kkn": _score(rng, 22.5),
            "nilai_spak": _score(rng, 17.5),
            "nilai_tlhp": _score(rng, 5),
            "nilai_pelayanan_publik": _score(rng, 17.5),
        }
    if code == "IK-14":
        return {"nilai_audit": _score(rng, 100)}
    if code == "IK-15":
        rows = []
        for _ in range(rng.randint(10, 30)):
            rows.append(
                {
                    "jabatan": rng.choice(["struktural", "fungsional", "staf", "staf"]),
                    "pendidikan": rng.choice(["S3", "S2", "S1", "D4", "D3", "D2", "D1", "SMA", "SMP"]),
                    "diklatpim": rng.random() < 0.3,
                    "diklat_fungsional": rng.random() < 0.3,
                    "diklat_20jp": rng.random() < 0.6,
                    "seminar": rng.random() < 0.5,
                    "nilai_skp": _score(rng, 120),
                    "hukuman_disiplin": rng.choice(["tidak_pernah"] * 8 + ["ringan", "sedang", "berat"]),
                }
            )
        return {"pegawai": rows}
    if code == "IK-16":
        out = {
            k: rng.random() < 0.8
            for k in (
                "pk",
                "manual_iku",
                "rincian_target",
                "rencana_aksi",
                "lkj",
                "data_dukung_lkj",
            )
        }
        out.update({f"kesesuaian_{c}": rng.random() < 0.8 for c in "abcdefgh"})
        out["npss"] = [{"nilai": _score(rng, 120)} for _ in range(3)]
        return out
    if code == "IK-18":
        maxima = [6, 12, 2, 2, 2, 3, 1, 1, 1, 3, 2, 3]
        return {f"u{i}": _score(rng, m) for i, m in enumerate(maxima, start=1)}
    if code == "IK-19":
        return {
            "inovasi": [
                {
                    "judul": f"Inovasi {i}",
                    "kelompok": rng.choice(["umum", "khusus"]),
                    "diusulkan": rng.random() < 0.5,
                }
                for i in range(rng.randint(0, 4))
            ]
        }
    if code == "IK-20":
        return {
            "responden": [
                {f"u{i}": rng.choice([2, 3, 3, 3, 4, 4]) for i in range(1, 10)}
                for _ in range(rng.randint(30, 100))
            ]
        }
    if code == "IK-21":
        dw, pw = rng.randint(1, 10), rng.randint(5, 40)
        return {
            "dokumen_tersedia": rng.randint(0, dw),
            "dokumen_wajib": dw,
            "peserta_tergabung": rng.randint(0, pw),
            "peserta_wajib": pw,
            "unggahan": rng.randint(0, 10),
        }
    if code == "IK-22":
        return {f"unsur_{i}": _score(rng, 20) for i in range(1, 6)}
    if code == "IK-23":
        return {k: _score(rng, 100) for k in ("sirup", "spse", "laporan_pbj", "kesesuaian_tahapan")}
    if code == "IK-24":
        return {
            "komponen": [
                {
                    "nama": f"Indikator {i}",
                    "nilai": _score(rng, 100),
                    "bobot": rng.choice([5, 10, 15, 20]),
                    "ada_data": rng.random() < 0.9,
                }
                for i in range(1, 9)
            ]
        }
    if code == "IK-25":
        return {
            k: _score(rng, 100) for k in ("capaian_ro", "efisiensi", "konsistensi_penyerapan", "penyerapan")
        }
    raise KeyError(code)
