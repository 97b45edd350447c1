"""Demo catalogue: the whole indicator manual of Stasiun PSDKP Tarakan, and a small cascade above it.

The data files are the manual as received: `data/tarakan_sheets.json` (every field of each sheet,
cleaned of OCR noise, with notes where the OCR was unclear) and `data/tarakan_formulas.json` (the
computation of each indicator per `../shared/spec/indicators.md`, with the decisions we took).
"""

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit

from .models import CascadingMethod, Indicator, IndicatorKind, Sasaran, SasaranKind
from .services import evidence_requirements_set, indicator_create, pic_assign

DATA = Path(__file__).resolve().parent / "data"
CASCADING = {
    "Buat Baru": CascadingMethod.BUAT_BARU,
    "Adopsi Langsung": CascadingMethod.ADOPSI_LANGSUNG,
    "Lingkup Dipersempit": CascadingMethod.LINGKUP_DIPERSEMPIT,
    "Komponen Pembentuk": CascadingMethod.KOMPONEN_PEMBENTUK,
}
DEMO_NOTE = (
    "Contoh demo: indikator induk fiktif untuk memperlihatkan pohon cascading; bukan data resmi KKP.\n"
    "Demo example: a made-up parent indicator to show the cascade tree; not official KKP data."
)
# (unit, sasaran code, sasaran name, indicator code, name, the Tarakan computation it reuses, child code)
CASCADE = [
    (
        "KKP",
        "SS-01",
        "Terwujudnya tata kelola pemerintahan yang baik",
        "IKU-KKP-01",
        "Indeks Kepuasan Masyarakat atas layanan KKP",
        "IK-20",
        None,
    ),
    (
        "DJPSDKP",
        "SP-01",
        "Terwujudnya tata kelola pemerintahan yang baik lingkup Ditjen PSDKP",
        "IKU-PSDKP-01",
        "Indeks Kepuasan Masyarakat atas layanan Ditjen PSDKP",
        "IK-20",
        "IKU-KKP-01",
    ),
    (
        "KKP",
        "SS-01",
        "Terwujudnya tata kelola pemerintahan yang baik",
        "IKU-KKP-02",
        "Nilai Kinerja Anggaran KKP",
        "IK-25",
        None,
    ),
    (
        "DJPSDKP",
        "SP-01",
        "Terwujudnya tata kelola pemerintahan yang baik lingkup Ditjen PSDKP",
        "IKU-PSDKP-02",
        "Nilai Kinerja Anggaran Ditjen PSDKP",
        "IK-25",
        "IKU-KKP-02",
    ),
]
CASCADED = {"IK-20": "IKU-PSDKP-01", "IK-25": "IKU-PSDKP-02"}


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _notes(decisions: list[str]) -> str:
    if not decisions:
        return ""
    pairs = zip(decisions[0::2], decisions[1::2], strict=False)
    return "Keputusan tafsir manual / Decisions:\n" + "\n".join(f"- {ind}\n  ({en})" for ind, en in pairs)


def _computation(formula: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in formula.items() if key not in {"code", "name", "decisions"}}


def _sasaran(unit: OrgUnit, code: str, name: str, kind: str, **extra: Any) -> Sasaran:
    sasaran, _created = Sasaran.objects.get_or_create(
        unit=unit, code=code, defaults={"name": name, "kind": kind, **extra}
    )
    return sasaran


def load(say: Callable[[str], None]) -> None:
    """Create the catalogue once; indicators that exist (by unit and code) are left as they are."""
    formulas = {item["code"]: item for item in _load("tarakan_formulas.json")}
    sheets = _load("tarakan_sheets.json")
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=["KKP", "DJPSDKP", "PSDKP-TARAKAN"])}
    planner = User.objects.filter(username="perencana").first()
    created = 0

    parents: dict[str, Indicator] = {}
    for unit_code, s_code, s_name, code, name, reuse, parent_code in CASCADE:
        unit = units[unit_code]
        existing = Indicator.objects.filter(unit=unit, code=code).first()
        if existing is None:
            kind = SasaranKind.STRATEGIS if unit_code == "KKP" else SasaranKind.PROGRAM
            existing = indicator_create(
                actor=planner,
                unit=unit,
                sasaran=_sasaran(unit, s_code, s_name, kind),
                code=code,
                name=name,
                computation=_computation(formulas[reuse]),
                kind=IndicatorKind.IKU,
                notes=DEMO_NOTE,
                parent_indicator=parents.get(parent_code or ""),
                cascading_method=CascadingMethod.ADOPSI_LANGSUNG if parent_code else "",
            )
            created += 1
        parents[code] = existing

    tarakan = units["PSDKP-TARAKAN"]
    sasaran = {
        item["code"]: _sasaran(
            tarakan,
            item["code"],
            item["name"],
            item["kind"],
            is_placeholder=item.get("placeholder", False),
            note=item.get("note", ""),
            sort_order=index,
        )
        for index, item in enumerate(sheets["sasaran"])
    }
    pic = User.objects.filter(username="kepala.tarakan").first()
    for sheet in sheets["indicators"]:
        code = sheet["code"]
        if Indicator.objects.filter(unit=tarakan, code=code).exists():
            continue
        formula = formulas[code]
        parent = parents.get(CASCADED.get(code, ""))
        indicator = indicator_create(
            actor=planner,
            unit=tarakan,
            sasaran=sasaran[sheet["sasaran_code"]],
            code=code,
            name=sheet["name"],
            computation=_computation(formula),
            reason="Manual IKU Stasiun PSDKP Tarakan",
            kind=sheet["kind"],
            definition=sheet["definition"],
            description=sheet["description"],
            manual_formula_text=sheet["manual_formula_text"],
            target_aspect=sheet["target_aspect"] or "",
            validity=sheet["validity"] or "",
            data_source=sheet["data_source"],
            calculation_note=sheet["calculation_note"],
            responsible_unit=sheet["responsible_unit"],
            data_status=sheet["data_status"],
            cascading_method=CascadingMethod.ADOPSI_LANGSUNG
            if parent
            else CASCADING.get(sheet["cascading_method"], ""),
            parent_indicator=parent,
            notes=_notes(formula.get("decisions", [])),
            source_notes=sheet.get("ocr_notes", []),
        )
        evidence_requirements_set(
            indicator=indicator, items=[{"name": name, "kinds": ["file"]} for name in sheet["evidence"]]
        )
        if pic is not None:
            pic_assign(indicator=indicator, user=pic, start_date=datetime.date(2025, 1, 1))
        created += 1
    say(f"catalogue: {created} indicators created")
