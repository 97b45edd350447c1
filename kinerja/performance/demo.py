"""Demo realisation: a year that has been lived through, and one in progress.

Stasiun PSDKP Tarakan: 2025 with all four quarters entered, evidenced and verified; 2026 with TW1
verified, TW2 submitted late and verified, TW3 returned with a reason, TW4 open. Five other UPTs
of Ditjen PSDKP carry eight of the same indicators so the ministry dashboard has units to compare.
Inputs are seeded random samples (`kinerja.catalog.samples`), not official figures. Idempotent:
a unit-year that already has realisations is left as it is.
"""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.accounts.models import User
from kinerja.catalog.models import Indicator, Sasaran, SasaranKind
from kinerja.catalog.samples import make_inputs
from kinerja.catalog.services import indicator_create, sasaran_create
from kinerja.organization.models import OrgUnit
from kinerja.planning import services as planning
from kinerja.planning.models import Agreement, PlanningYear
from kinerja.planning.periods import LAST_MONTH, QUARTER_OF, QUARTERS, entry_periods
from kinerja.planning.schedule import year_definition

from . import feeds, selectors, services, submissions
from .models import Realisation, Submission
from .results import recompute_once

OTHER_UNITS = ("PSDKP-BITUNG", "PSDKP-BATAM", "PSDKP-JAKARTA", "PSDKP-BENOA", "PSDKP-KUPANG")
SHARED = ("IK-02", "IK-04", "IK-09", "IK-11", "IK-13", "IK-17", "IK-20", "IK-21")
RETURN_REASON = (
    "Data dukung IK-02 belum memuat laporan operasi kapal bulan September; lengkapi dan ajukan kembali."
)

# A minimal, valid one-page PDF: the demo's file evidence (checked by content like any upload).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class _Diligent(random.Random):
    """Samples skewed to the top of each range: a unit that mostly meets its targets, not always."""

    def randint(self, a: int, b: int) -> int:
        return round(a + (b - a) * (0.55 + 0.45 * self.random()))

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * (0.55 + 0.45 * self.random())


def _entry_day(year: int, quarter: str) -> datetime.date:
    """A day inside the quarter's entry window: the 10th of the month after the quarter."""
    month = LAST_MONTH[quarter] + 1
    return datetime.date(year + 1, 1, 10) if month > 12 else datetime.date(year, month, 10)


def _periods_of(indicator: Indicator, year: int, quarter: str) -> list[str]:
    yd = year_definition(indicator, year)
    if yd is None or not yd.applies_to(quarter):
        return []
    spec = yd.definition
    return [p for p in entry_periods(spec.periodicity, spec.assessment_period) if QUARTER_OF[p] == quarter]


def _evidence(
    actor: Any, unit: OrgUnit, indicator: Indicator, year: int, period: str, day: datetime.date
) -> None:
    for requirement in indicator.evidence_requirements.filter(required=True):
        kinds = requirement.kinds or ["file"]
        common: dict[str, Any] = {
            "actor": actor,
            "unit": unit,
            "indicator": indicator,
            "year": year,
            "period": period,
            "requirement": requirement,
            "description": f"{requirement.name} — {period} {year}",
            "today": day,
        }
        if "file" in kinds:
            name = f"{indicator.code}-{period}-{year}.pdf"
            upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
            services.evidence_add(kind="file", upload=upload, **common)
        elif "link" in kinds:
            services.evidence_add(
                kind="link", url=f"https://drive.kkp.go.id/demo/{indicator.code}/{period}", **common
            )
        else:
            services.evidence_add(kind="text", text="Dokumen tersedia di arsip unit (contoh demo).", **common)


def _tarakan_code(code: str) -> str:
    """Other units' copies are coded like BITUNG-IK-02, so `kinerja compute IK-02` stays unambiguous."""
    return code[code.index("IK-") :]


def _enter_quarter(
    actor: Any, unit: OrgUnit, indicators: list[Indicator], year: int, quarter: str, rng: random.Random
) -> None:
    day = _entry_day(year, quarter)
    for indicator in indicators:
        for period in _periods_of(indicator, year, quarter):
            if feeds.fed_inputs(unit=unit, indicator=indicator, year=year):
                # What another module fills (IK-16 from the self-assessment) arrives through its door.
                inputs = make_inputs(_tarakan_code(indicator.code), rng)
                feeds.realisation_feed_inputs(
                    unit=unit,
                    indicator=indicator,
                    year=year,
                    period=period,
                    inputs=inputs,
                    source="demo",
                    today=day,
                )
            else:
                services.realisation_save(
                    actor=actor,
                    unit=unit,
                    indicator=indicator,
                    year=year,
                    period=period,
                    inputs=make_inputs(_tarakan_code(indicator.code), rng),
                    expected_version=0,
                    progress=f"Kegiatan {indicator.code} {period} berjalan sesuai rencana aksi.",
                    obstacles="Cuaca buruk membatasi hari operasi."
                    if indicator.code.endswith("IK-02")
                    else "",
                    follow_up="Menjadwalkan ulang operasi pada minggu berikutnya."
                    if indicator.code.endswith("IK-02")
                    else "",
                    worse_note="Penurunan karena keterbatasan hari operasi (contoh demo).",
                    today=day,
                )
            _evidence(actor, unit, indicator, year, period, day)
    _spend(actor, unit, year, quarter, day)


#: Cumulative share of the ceiling spent by the end of each quarter (a plausible DIPA curve).
SPENT_SHARE = {"TW1": Decimal("0.18"), "TW2": Decimal("0.43"), "TW3": Decimal("0.71"), "TW4": Decimal("0.96")}


def _spend(actor: Any, unit: OrgUnit, year: int, quarter: str, day: datetime.date) -> None:
    """The budget spent so far on each programme of the PK, entered with the quarter's figures."""
    for row in selectors.budget_rows(unit=unit, year=year, quarter=quarter):
        budget = row["budget"]
        services.budget_spending_set(
            actor=actor,
            budget=budget,
            quarter=quarter,
            amount=(budget.ceiling * SPENT_SHARE[quarter]).quantize(Decimal("1")),
            expected_version=row["spending"].row_version if row["spending"] else 0,
            today=day,
        )


def _submit(
    actor: Any,
    planner: Any,
    unit: OrgUnit,
    year: int,
    quarter: str,
    *,
    late: bool = False,
    verify: bool = True,
) -> Submission:
    day = _entry_day(year, quarter) + datetime.timedelta(days=10 if late else 1)
    submission = submissions.submission_submit(
        actor=actor, unit=unit, year=year, quarter=quarter, expected_version=0, today=day
    )
    if verify:
        submission = submissions.submission_verify(
            actor=planner, submission=submission, expected_version=submission.row_version, today=day
        )
    return submission


def _other_unit_indicators(unit: OrgUnit, planner: Any, tarakan: list[Indicator]) -> list[Indicator]:
    existing = list(Indicator.objects.filter(unit=unit, code__contains="-IK-").order_by("code"))
    if existing:
        return existing
    sasaran = {
        "SK-01": Sasaran.objects.filter(unit=unit, code="SK-01").first()
        or sasaran_create(
            unit=unit, code="SK-01", name="Meningkatnya kepatuhan pelaku usaha KP", kind=SasaranKind.KEGIATAN
        ),
        "SK-02": Sasaran.objects.filter(unit=unit, code="SK-02").first()
        or sasaran_create(
            unit=unit, code="SK-02", name="Terwujudnya tata kelola unit yang baik", kind=SasaranKind.KEGIATAN
        ),
    }
    created = []
    for source in tarakan:
        if source.code not in SHARED:
            continue
        created.append(
            indicator_create(
                actor=planner,
                unit=unit,
                sasaran=sasaran["SK-01" if source.code < "IK-13" else "SK-02"],
                code=f"{unit.code.removeprefix('PSDKP-')}-{source.code}",
                name=source.name,
                computation=source.computation,
                kind=source.kind,
                notes="Contoh demo: definisi sama dengan Stasiun PSDKP Tarakan.",
            )
        )
    for year in (2025, 2026):
        planning_year = PlanningYear.objects.get(year=year)
        for indicator in created:
            planning.frozen_definition_add(
                actor=planner, planning_year=planning_year, indicator=indicator, start_quarter="TW1"
            )
    return created


def _agreement(actor: Any, unit: OrgUnit, indicators: list[Indicator], year: int, rng: random.Random) -> None:
    if Agreement.objects.filter(unit=unit, year=year).exists():
        return
    rows = []
    for indicator in indicators:
        periods, _stabilize = planning.agreement_periods(indicator, year)
        target = str(Decimal(rng.choice((75, 80, 85, 90))))
        rows.append(
            {"indicator": indicator, "target": target, "period_targets": dict.fromkeys(periods, target)}
        )
    head = f"Kepala {unit.name} (fiktif)"
    agreement = planning.agreement_create(
        actor=actor,
        unit=unit,
        year=year,
        rows=rows,
        budget=[
            {
                "programme_code": "DL",
                "programme_name": "Pengawasan Sumber Daya Kelautan dan Perikanan",
                "ceiling": Decimal("3200000000"),
            }
        ],
        first_party_name=head,
        first_party_title=f"Kepala {unit.name}",
        second_party_name="Direktur Jenderal PSDKP (fiktif)",
        second_party_title="Direktur Jenderal Pengawasan Sumber Daya Kelautan dan Perikanan",
        place=unit.name.split()[-1],
    )
    planning.agreement_sign(
        actor=actor,
        agreement=agreement,
        expected_version=agreement.row_version,
        signed_on=datetime.date(year, 1, 31),
    )


def _sign_current(unit: OrgUnit, year: int, actor: Any) -> None:
    agreement = Agreement.objects.filter(unit=unit, year=year, is_current=True).first()
    if agreement is not None and agreement.status == "draft":
        planning.agreement_sign(
            actor=actor,
            agreement=agreement,
            expected_version=agreement.row_version,
            signed_on=datetime.date(year, 1, 31),
        )


def load(say: Callable[[str], None]) -> None:
    with recompute_once():  # each unit-year once at the end, not once per demo entry
        _load(say)


def _load(say: Callable[[str], None]) -> None:
    tarakan = OrgUnit.objects.filter(code="PSDKP-TARAKAN").first()
    planner = User.objects.filter(username="perencana").first()
    operator = User.objects.filter(username="operator.tarakan").first()
    admin = User.objects.filter(username="admin").first()
    if tarakan is None or planner is None or operator is None or admin is None:
        say("performance: demo units or accounts missing, nothing loaded")
        return
    rng = _Diligent(2025)
    indicators = list(Indicator.objects.filter(unit=tarakan, current_version__isnull=False).order_by("code"))
    indicators = [i for i in indicators if i.code.startswith("IK-")]
    if not Realisation.objects.filter(unit=tarakan).exists():
        _sign_current(tarakan, 2026, operator)
        for quarter in QUARTERS:
            _enter_quarter(operator, tarakan, indicators, 2025, quarter, rng)
            _submit(operator, planner, tarakan, 2025, quarter)
        for quarter in ("TW1", "TW2", "TW3"):
            _enter_quarter(operator, tarakan, indicators, 2026, quarter, rng)
        _submit(operator, planner, tarakan, 2026, "TW1")
        _submit(operator, planner, tarakan, 2026, "TW2", late=True)
        tw3 = _submit(operator, planner, tarakan, 2026, "TW3", verify=False)
        submissions.submission_return(
            actor=planner, submission=tw3, reason=RETURN_REASON, expected_version=tw3.row_version
        )
    others = 0
    for code in OTHER_UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or Realisation.objects.filter(unit=unit).exists():
            continue
        shared = _other_unit_indicators(unit, planner, indicators)
        for year in (2025, 2026):
            _agreement(admin, unit, shared, year, rng)
        quarters = {2025: QUARTERS, 2026: ("TW1", "TW2")}
        for year, done in quarters.items():
            for quarter in done:
                _enter_quarter(admin, unit, shared, year, quarter, rng)
                _submit(admin, planner, unit, year, quarter)
        others += 1
    say(f"performance: Tarakan 2025–2026 entered and reviewed; {others} other units with realisations")
