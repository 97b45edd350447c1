"""Demo planning data: years 2025 and 2026 opened, the Renstra 2025–2029 and the PK 2025 (signed)
and 2026 (draft) of Stasiun PSDKP Tarakan with all 25 indicators. Figures are plausible examples,
not official KKP data. Idempotent: what exists is left as it is."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from kinerja.accounts.models import User
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit

from . import services
from .models import Agreement, AgreementStatus, PlanningYear, Renstra, YearStatus

UNIT = "PSDKP-TARAKAN"
# Annual target for 2025 per indicator; 2026 adds the step (capped at the scale's top).
TARGETS: dict[str, tuple[str, str, str]] = {
    # code: (2025 target, yearly step, top of the scale)
    "IK-01": ("80", "1", "100"),
    "IK-02": ("85", "1", "100"),
    "IK-03": ("85", "1", "100"),
    "IK-04": ("90", "1", "100"),
    "IK-05": ("100", "0", "100"),
    "IK-06": ("90", "1", "100"),
    "IK-07": ("80", "1", "100"),
    "IK-08": ("80", "1", "100"),
    "IK-09": ("80", "2", "100"),
    "IK-10": ("80", "0", "100"),
    "IK-11": ("75", "2", "100"),
    "IK-12": ("75", "1", "100"),
    "IK-13": ("100", "0", "100"),
    "IK-14": ("80", "2", "100"),
    "IK-15": ("75", "1", "100"),
    "IK-16": ("80", "2", "100"),
    "IK-17": ("90", "2", "100"),
    "IK-18": ("30", "1", "38"),
    "IK-19": ("1", "0", "10"),
    "IK-20": ("82", "0.5", "100"),
    "IK-21": ("80", "2", "100"),
    "IK-22": ("85", "2", "100"),
    "IK-23": ("90", "1", "100"),
    "IK-24": ("93", "1", "100"),
    "IK-25": ("85", "1", "100"),
}
PROGRAMME = ("DL", "Pengawasan Sumber Daya Kelautan dan Perikanan")
CEILING = {2025: Decimal("4850000000"), 2026: Decimal("5100000000")}
HEADER = {
    "first_party_name": "Yusuf Kepala Stasiun Tarakan (fiktif)",
    "first_party_title": "Kepala Stasiun Pengawasan SDKP Tarakan",
    "second_party_name": "Hendra Sekretaris Ditjen PSDKP (fiktif)",
    "second_party_title": "Direktur Jenderal Pengawasan Sumber Daya Kelautan dan Perikanan",
    "place": "Tarakan",
}
PERSPECTIVES = {"SK-06": "Tata kelola internal"}
STEPS = {
    "IK-02": [
        ("TW1", "Menyusun rencana operasi kapal pengawas dan jadwal patroli", "25%"),
        ("TW2", "Melaksanakan operasi pengawasan bersama dan pemeriksaan kapal", "50%"),
        ("TW3", "Evaluasi capaian operasi dan tindak lanjut intercept", "75%"),
        ("TW4", "Menyusun laporan kinerja operasi kapal pengawas", "100%"),
    ],
    "IK-20": [
        ("TW1", "Menyebarkan kuesioner SKM kepada pengguna layanan", "25%"),
        ("TW2", "Mengolah hasil survei dan menyusun rencana perbaikan layanan", "50%"),
    ],
    "IK-25": [("TW4", "Rekonsiliasi capaian RO dan penyerapan anggaran", "100%")],
}


def _target(code: str, year: int) -> Decimal:
    first, step, top = (Decimal(v) for v in TARGETS[code])
    return min(first + step * (year - 2025), top)


def _rows(indicators: list[Indicator], year: int) -> list[dict[str, object]]:
    rows = []
    for indicator in indicators:
        periods, _stabilize = services.agreement_periods(indicator, year)
        target = str(_target(indicator.code, year))
        rows.append(
            {"indicator": indicator, "target": target, "period_targets": dict.fromkeys(periods, target)}
        )
    return rows


def _open_year(year: int, planner: User | None) -> None:
    planning_year = PlanningYear.objects.filter(year=year).first() or services.year_create(
        actor=planner, year=year
    )
    if planning_year.status == YearStatus.DRAFT:
        services.year_open(
            actor=planner, planning_year=planning_year, expected_version=planning_year.row_version
        )


def load(say: Callable[[str], None]) -> None:
    unit = OrgUnit.objects.filter(code=UNIT).first()
    if unit is None:
        say("planning: unit PSDKP-TARAKAN missing, nothing loaded")
        return
    planner = User.objects.filter(username="perencana").first()
    operator = User.objects.filter(username="operator.tarakan").first()
    for year in (2025, 2026):
        _open_year(year, planner)
    indicators = list(Indicator.objects.filter(unit=unit, code__in=TARGETS).order_by("code"))
    sasaran = {i.sasaran.code: i.sasaran_id for i in indicators}
    settings = {
        sasaran[code]: {"perspective": text} for code, text in PERSPECTIVES.items() if code in sasaran
    }
    if not Renstra.objects.filter(unit=unit, start_year=2025).exists():
        services.renstra_create(
            actor=operator,
            unit=unit,
            title="Rencana Strategis Stasiun PSDKP Tarakan 2025–2029 (contoh demo)",
            start_year=2025,
            end_year=2029,
            regulation="Rencana Strategis Ditjen PSDKP 2025–2029 (contoh demo)",
            rows=[
                {
                    "indicator": indicator,
                    "baseline": str(_target(indicator.code, 2025) - Decimal(TARGETS[indicator.code][1])),
                    "baseline_year": 2024,
                    "yearly_targets": {str(y): str(_target(indicator.code, y)) for y in range(2025, 2030)},
                }
                for indicator in indicators
            ],
        )
    created = 0
    for year in (2025, 2026):
        if Agreement.objects.filter(unit=unit, year=year).exists():
            continue
        agreement = services.agreement_create(
            actor=operator,
            unit=unit,
            year=year,
            rows=_rows(indicators, year),
            budget=[
                {"programme_code": PROGRAMME[0], "programme_name": PROGRAMME[1], "ceiling": CEILING[year]}
            ],
            sasaran_settings=settings,
            **HEADER,
        )
        items = {item.indicator.code: item for item in agreement.indicator_rows.select_related("indicator")}
        for code, steps in STEPS.items():
            for quarter, description, cumulative in steps:
                if code in items:
                    services.action_step_create(
                        actor=operator,
                        agreement_indicator=items[code],
                        quarter=quarter,
                        description=description,
                        cumulative_target=cumulative,
                    )
        if year == 2025:
            services.agreement_sign(
                actor=operator,
                agreement=agreement,
                expected_version=agreement.row_version,
                signed_on=datetime.date(2025, 1, 31),
            )
        created += 1
    signed = Agreement.objects.filter(unit=unit, status=AgreementStatus.SIGNED).count()
    say(f"planning: years 2025 and 2026 open; {created} PK created ({signed} signed) for {UNIT}")
