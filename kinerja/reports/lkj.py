"""The annual Laporan Kinerja (LKj) draft of a unit, in the structure of PermenPANRB 53/2014.

`lkj_data` gathers every figure the document prints from the dashboard's own reads
(`performance.dashboards.unit_dashboard` over the stored results), so each number equals the
dashboard's; the written parts come from the unit's `LkjDraft`. `lkj_pdf` and `lkj_docx` only lay
that out. The verified basis is the default: the LKj reports what was verified.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kinerja.formula import FormulaError
from kinerja.formula.indicator import achievement
from kinerja.organization.models import OrgUnit
from kinerja.performance.dashboards import Cell, IndicatorRow
from kinerja.performance.models import Basis, BudgetSpending, Realisation, UnitScore
from kinerja.planning.models import Agreement, AgreementBudget, RenstraIndicator
from kinerja.planning.periods import QUARTERS
from kinerja.planning.targets import parse_target

from . import charts
from .docx_build import DocxBuilder
from .models import LkjDraft, LkjIndicatorNote, LkjSection, Section
from .pk_docx import PkTable, pk_table, write_pk_table
from .printing import (
    PLACEHOLDER,
    board,
    document_time,
    money,
    number,
    pdf,
    percent,
    svg,
    target_text,
    verified_snapshots,
)

#: How many earlier years Chapter III compares with (those the system holds).
EARLIER_YEARS = 4


# --- the data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterScore:
    quarter: str
    value: Decimal | None
    status: str


@dataclass(frozen=True)
class QuarterFigure:
    """One indicator at one quarter, as the dashboard's cell shows it."""

    quarter: str
    period: str | None
    applicable: bool
    target: Decimal | None
    target_high: Decimal | None
    reported: Decimal | None
    achievement: Decimal | None
    status: str


@dataclass(frozen=True)
class EarlierYear:
    year: int
    quarter: str | None  # the quarter the year's figure is from (TW4 for a complete year)
    realisation: Decimal | None
    achievement: Decimal | None


@dataclass(frozen=True)
class Narrative:
    """What the unit wrote with one realisation: the fallback of an indicator's analysis."""

    period: str
    progress: str
    obstacles: str
    follow_up: str


@dataclass(frozen=True)
class Analysis:
    analysis: str
    solutions: str
    efficiency: str
    programmes: str

    @property
    def written(self) -> bool:
        return any(text.strip() for text in (self.analysis, self.solutions, self.efficiency, self.programmes))


@dataclass(frozen=True)
class IndicatorFigures:
    indicator_id: int
    code: str
    name: str
    measure: str
    polarity: str
    annual_target: Decimal | None
    annual_target_high: Decimal | None
    # The year's figure: the latest quarter with a result (TW4 once the year is complete).
    quarter: str | None
    period: str | None
    target: Decimal | None
    target_high: Decimal | None
    realisation: Decimal | None
    achievement: Decimal | None
    status: str
    category: str
    quarters: tuple[QuarterFigure, ...]
    earlier: tuple[EarlierYear, ...]
    baseline: Decimal | None
    baseline_year: int | None
    renstra_target: str  # this year's Renstra target as written ("" when the Renstra has none)
    renstra_end_year: int | None
    renstra_end_target: str
    renstra_progress: Decimal | None  # the realisation against the Renstra's final target, by polarity
    analysis: Analysis
    narratives: tuple[Narrative, ...]


@dataclass(frozen=True)
class SasaranFigures:
    code: str
    name: str
    npss: tuple[QuarterScore, ...]
    indicators: tuple[IndicatorFigures, ...]


@dataclass(frozen=True)
class KeyFigures:
    nko: Decimal | None
    nko_quarter: str | None
    indicators: int
    achieved: int  # green
    nearly: int  # yellow
    not_achieved: int  # red
    no_figure: int


@dataclass(frozen=True)
class BudgetLine:
    code: str
    name: str
    ceiling: Decimal
    spent: tuple[tuple[str, Decimal | None], ...]  # cumulative spending up to each quarter's end
    year_spent: Decimal | None  # the latest quarter's cumulative spending
    percent: Decimal | None


@dataclass(frozen=True)
class UnitProfile:
    code: str
    name: str
    kind: str
    parents: tuple[str, ...]
    address: str
    phone: str
    email: str
    website: str
    head_name: str
    head_title: str
    sub_units: tuple[str, ...]


@dataclass(frozen=True)
class LkjData:
    unit_code: str
    unit_name: str
    year: int
    basis: str
    verified_quarters: tuple[str, ...]
    draft_state: str
    texts: tuple[tuple[str, str], ...]  # (Section value, text) in the document's order
    profile: UnitProfile
    key: KeyFigures
    nko: tuple[QuarterScore, ...]
    sasaran: tuple[SasaranFigures, ...]
    budget: tuple[BudgetLine, ...]
    budget_ceiling: Decimal
    budget_spent: Decimal | None
    budget_percent: Decimal | None
    pk: PkTable | None

    def text(self, section: str) -> str:
        return dict(self.texts).get(section, "")

    @property
    def indicators(self) -> tuple[IndicatorFigures, ...]:
        return tuple(i for s in self.sasaran for i in s.indicators)


def year_cell(row: IndicatorRow) -> Cell | None:
    """The indicator's figure for the year: its latest quarter with a result (TW4 when complete)."""
    return next((cell for cell in reversed(row.cells) if cell.has_result), None)


def _narratives(unit: OrgUnit, year: int, basis: str) -> dict[int, list[Narrative]]:
    """Per indicator, the year's realisations' written parts, on the document's basis."""
    rows: list[dict[str, str]] = []
    if basis == Basis.VERIFIED:
        for _quarter, snapshot in sorted(verified_snapshots(unit_id=unit.pk, year=year).items()):
            rows.extend(snapshot.get("realisations", []))
    else:
        rows = list(
            Realisation.objects.filter(unit=unit, year=year)
            .order_by("period")
            .values("indicator_id", "period", "progress", "obstacles", "follow_up")
        )
    found: dict[int, list[Narrative]] = {}
    order = {p: i for i, p in enumerate(("TW1", "TW2", "S1", "TW3", "TW4", "S2", "TAHUN"))}
    for row in sorted(rows, key=lambda r: order.get(str(r["period"]), 9)):
        narrative = Narrative(
            period=str(row["period"]),
            progress=str(row.get("progress") or ""),
            obstacles=str(row.get("obstacles") or ""),
            follow_up=str(row.get("follow_up") or ""),
        )
        if narrative.progress or narrative.obstacles or narrative.follow_up:
            key = int(row.get("indicator_id") or row.get("indicator") or 0)  # type: ignore[call-overload]
            found.setdefault(key, []).append(narrative)
    return found


def budget_lines(unit: OrgUnit, year: int, basis: str) -> list[BudgetLine]:
    budgets = list(
        AgreementBudget.objects.filter(agreement__unit=unit, agreement__year=year, agreement__is_current=True)
    )
    spent: dict[tuple[str, str], Decimal | None] = {}
    if basis == Basis.VERIFIED:
        for quarter, snapshot in verified_snapshots(unit_id=unit.pk, year=year).items():
            for item in snapshot.get("budget", []):
                amount = item.get("spent")
                spent[(item["programme_code"], quarter)] = None if amount is None else Decimal(amount)
    else:
        for row in BudgetSpending.objects.filter(budget__in=budgets).values(
            "budget__programme_code", "quarter", "amount"
        ):
            spent[(row["budget__programme_code"], row["quarter"])] = row["amount"]
    lines = []
    for budget in budgets:
        per_quarter = tuple((q, spent.get((budget.programme_code, q))) for q in QUARTERS)
        latest = next((amount for _q, amount in reversed(per_quarter) if amount is not None), None)
        lines.append(
            BudgetLine(
                code=budget.programme_code,
                name=budget.programme_name,
                ceiling=budget.ceiling,
                spent=per_quarter,
                year_spent=latest,
                percent=percent(latest, budget.ceiling),
            )
        )
    return lines


def _profile(unit: OrgUnit, agreement: Agreement | None) -> UnitProfile:
    parents = []
    parent = unit.parent
    while parent is not None:
        parents.append(parent.name)
        parent = parent.parent
    return UnitProfile(
        code=unit.code,
        name=unit.name,
        kind=unit.get_kind_display(),
        parents=tuple(parents),
        address=unit.address,
        phone=unit.phone,
        email=unit.email,
        website=unit.website,
        head_name=agreement.first_party_name if agreement else "",
        head_title=agreement.first_party_title if agreement else "",
        sub_units=tuple(
            OrgUnit.objects.filter(parent=unit, is_active=True)
            .order_by("sort_order", "name")
            .values_list("name", flat=True)
        ),
    )


def _renstra(unit: OrgUnit, year: int) -> dict[int, RenstraIndicator]:
    rows = RenstraIndicator.objects.filter(
        renstra__unit=unit,
        renstra__is_active=True,
        renstra__start_year__lte=year,
        renstra__end_year__gte=year,
    ).select_related("renstra")
    return {row.indicator_id: row for row in rows}


def _target_words(raw: object) -> str:
    parsed = parse_target(raw)
    if parsed is None:
        return ""
    return number(parsed) if isinstance(parsed, Decimal) else target_text(parsed.low, parsed.high)


def lkj_data(*, unit: OrgUnit, year: int, basis: str = Basis.VERIFIED) -> LkjData:
    """Every figure and text of the LKj; numbers are the unit dashboard's on `basis`."""
    with translation.override(settings.LANGUAGE_CODE):
        return _lkj_data(unit, year, basis)


def _lkj_data(unit: OrgUnit, year: int, basis: str) -> LkjData:
    dash = board(unit, year, basis)
    earlier_years = list(
        UnitScore.objects.filter(unit=unit, basis=basis, year__lt=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()[:EARLIER_YEARS]
    )
    earlier: dict[int, dict[int, Cell | None]] = {
        y: {row.indicator_id: year_cell(row) for row in board(unit, y, basis).indicators}
        for y in sorted(earlier_years)
    }
    draft = LkjDraft.objects.filter(unit=unit, year=year).first()
    texts = dict(LkjSection.objects.filter(draft=draft).values_list("section", "text")) if draft else {}
    notes = {n.indicator_id: n for n in LkjIndicatorNote.objects.filter(draft=draft)} if draft else {}
    narratives = _narratives(unit, year, basis)
    renstra = _renstra(unit, year)
    agreement = Agreement.objects.filter(unit=unit, year=year, is_current=True).first()

    sasaran = []
    for group in dash.sasaran:
        indicators = []
        for row in group.indicators:
            cell = year_cell(row)
            plan = renstra.get(row.indicator_id)
            end_year = plan.renstra.end_year if plan else None
            end_target = parse_target(plan.yearly_targets.get(str(end_year))) if plan else None
            try:
                progress = achievement(cell.reported if cell else None, end_target, row.polarity)
            except FormulaError:
                progress = None
            note = notes.get(row.indicator_id)
            indicators.append(
                IndicatorFigures(
                    indicator_id=row.indicator_id,
                    code=row.code,
                    name=row.name,
                    measure=row.measure,
                    polarity=row.polarity,
                    annual_target=row.annual_target,
                    annual_target_high=row.annual_target_high,
                    quarter=cell.quarter if cell else None,
                    period=cell.period if cell else None,
                    target=cell.target if cell else None,
                    target_high=cell.target_high if cell else None,
                    realisation=cell.reported if cell else None,
                    achievement=cell.achievement if cell else None,
                    status=(cell.status or "") if cell else "",
                    category=cell.category if cell else "",
                    quarters=tuple(
                        QuarterFigure(
                            c.quarter,
                            c.period,
                            c.applicable,
                            c.target,
                            c.target_high,
                            c.reported,
                            c.achievement,
                            c.status or "",
                        )
                        for c in row.cells
                    ),
                    earlier=tuple(
                        EarlierYear(
                            y,
                            cells[row.indicator_id].quarter,  # type: ignore[union-attr]
                            cells[row.indicator_id].reported,  # type: ignore[union-attr]
                            cells[row.indicator_id].achievement,  # type: ignore[union-attr]
                        )
                        if cells.get(row.indicator_id) is not None
                        else EarlierYear(y, None, None, None)
                        for y, cells in earlier.items()
                    ),
                    baseline=plan.baseline if plan else None,
                    baseline_year=plan.baseline_year if plan else None,
                    renstra_target=_target_words(plan.yearly_targets.get(str(year))) if plan else "",
                    renstra_end_year=end_year,
                    renstra_end_target=_target_words(plan.yearly_targets.get(str(end_year))) if plan else "",
                    renstra_progress=progress,
                    analysis=Analysis(
                        note.analysis if note else "",
                        note.solutions if note else "",
                        note.efficiency if note else "",
                        note.programmes if note else "",
                    ),
                    narratives=tuple(narratives.get(row.indicator_id, ())),
                )
            )
        sasaran.append(
            SasaranFigures(
                code=group.code,
                name=group.name,
                npss=tuple(QuarterScore(q, v, s or "") for q, v, s in group.scores),
                indicators=tuple(indicators),
            )
        )
    figures = [i for s in sasaran for i in s.indicators]
    last_nko = next((q for q in reversed(dash.quarters) if q.nko is not None), None)
    budget = budget_lines(unit, year, basis)
    ceiling = sum((line.ceiling for line in budget), start=Decimal(0))
    spent_lines = [line.year_spent for line in budget if line.year_spent is not None]
    spent = sum(spent_lines, start=Decimal(0)) if spent_lines else None
    return LkjData(
        unit_code=unit.code,
        unit_name=unit.name,
        year=year,
        basis=basis,
        verified_quarters=tuple(q.quarter for q in dash.quarters if q.verified),
        draft_state=draft.get_state_display() if draft else "",
        texts=tuple((s.value, texts.get(s.value, "")) for s in Section),
        profile=_profile(unit, agreement),
        key=KeyFigures(
            nko=last_nko.nko if last_nko else None,
            nko_quarter=last_nko.quarter if last_nko else None,
            indicators=len(figures),
            achieved=sum(i.status == "green" for i in figures),
            nearly=sum(i.status == "yellow" for i in figures),
            not_achieved=sum(i.status == "red" for i in figures),
            no_figure=sum(not i.status for i in figures),
        ),
        nko=tuple(QuarterScore(q.quarter, q.nko, q.status or "") for q in dash.quarters),
        sasaran=tuple(sasaran),
        budget=tuple(budget),
        budget_ceiling=ceiling,
        budget_spent=spent,
        budget_percent=percent(spent, ceiling),
        pk=pk_table(agreement) if agreement else None,
    )


# --- the charts ------------------------------------------------------------------------------------


def status_names() -> dict[str, str]:
    return {
        "green": _("Green · achieved"),
        "yellow": _("Yellow · nearly achieved"),
        "red": _("Red · not achieved"),
    }


def nko_chart(data: LkjData, fmt: charts.Format) -> str | bytes:
    return charts.grouped_bars(
        categories=[q.quarter for q in data.nko],
        series=[charts.Series(_("NKO"), [q.value for q in data.nko])],
        label=number,
        y_label=_("NKO"),
        reference=(Decimal(100), _("100 (achieved)")),
        fmt=fmt,
        width_cm=12,
        height_cm=5,
    )


def achievement_chart(items: tuple[IndicatorFigures, ...], fmt: charts.Format) -> str | bytes:
    return charts.achievement_bars(
        labels=[i.code for i in items],
        achievements=[i.achievement for i in items],
        statuses=[i.status for i in items],
        status_names=status_names(),
        label=number,
        x_label=_("Achievement (%)"),
        reference_label=_("100 % (achieved)"),
        fmt=fmt,
    )


def indicator_chart(item: IndicatorFigures, fmt: charts.Format) -> str | bytes:
    return charts.grouped_bars(
        categories=[q.quarter for q in item.quarters],
        series=[
            charts.Series(_("Target"), [q.target for q in item.quarters]),
            charts.Series(_("Realisation"), [q.reported for q in item.quarters]),
        ],
        label=number,
        y_label=item.measure,
        fmt=fmt,
        width_cm=12,
        height_cm=4.5,
    )


# --- the documents ---------------------------------------------------------------------------------


def lkj_pdf(*, unit: OrgUnit, year: int, basis: str = Basis.VERIFIED) -> bytes:
    data = lkj_data(unit=unit, year=year, basis=basis)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "data": data,
            "sections": Section,
            "placeholder": PLACEHOLDER,
            "status_names": status_names(),
            "nko_chart": svg(nko_chart(data, "svg")),
            "achievement_chart": svg(achievement_chart(data.indicators, "svg")),
            "texts": dict(data.texts),
            "groups": [
                (g, [(i, svg(indicator_chart(i, "svg"))) for i in g.indicators]) for g in data.sasaran
            ],
        }
        html = render_to_string("reports/print/lkj.html", context)
    return pdf(html)


def _status_words(status: str) -> str:
    return status_names().get(status, "—")


def lkj_docx(*, unit: OrgUnit, year: int, basis: str = Basis.VERIFIED) -> bytes:
    data = lkj_data(unit=unit, year=year, basis=basis)
    with translation.override(settings.LANGUAGE_CODE):
        return _lkj_docx(data)


def _lkj_docx(data: LkjData) -> bytes:
    doc = DocxBuilder(
        title=_("Performance report (LKj) %(year)s · %(unit)s") % {"year": data.year, "unit": data.unit_name},
        created=document_time(datetime.date(data.year, 12, 31)),
        footer=_("LKj %(year)s · %(unit)s") % {"year": data.year, "unit": data.unit_name},
    )
    text = data.text
    # Cover
    for _i in range(6):
        doc.paragraph()
    doc.paragraph(_("PERFORMANCE REPORT (LAPORAN KINERJA)"), bold=True, size=18, center=True)
    doc.paragraph(str(data.year), bold=True, size=18, center=True)
    doc.paragraph()
    doc.paragraph(data.unit_name.upper(), bold=True, size=14, center=True)
    for parent in data.profile.parents[:2]:
        doc.paragraph(parent, size=11, center=True)
    doc.paragraph()
    doc.paragraph(_basis_words(data), italic=True, size=9, center=True)
    doc.page_break()

    # Ikhtisar Eksekutif
    doc.heading(_("EXECUTIVE SUMMARY"), 1)
    doc.text(text(Section.EXECUTIVE_SUMMARY), placeholder=PLACEHOLDER)
    doc.heading(_("Key figures"), 2)
    doc.table([_("Figure"), _("Value")], _key_rows(data), widths_cm=[11, 6], numeric=(1,))
    doc.page_break()

    # Bab I
    doc.heading(_("CHAPTER I INTRODUCTION"), 1)
    doc.text(text(Section.INTRODUCTION), placeholder=PLACEHOLDER)
    doc.heading(_("Profile of the unit"), 2)
    doc.table([_("Item"), _("Description")], _profile_rows(data.profile), widths_cm=[5, 12])
    doc.page_break()

    # Bab II
    doc.heading(_("CHAPTER II PERFORMANCE PLANNING"), 1)
    doc.text(text(Section.PLANNING), placeholder=PLACEHOLDER)
    doc.heading(_("Performance agreement %(year)s") % {"year": data.year}, 2)
    if data.pk:
        write_pk_table(doc, data.pk)
        if not data.pk.signed:
            doc.paragraph(_("This performance agreement has not been signed yet."), italic=True)
    else:
        doc.paragraph(_("The unit has no performance agreement (PK) for this year."), italic=True)
    doc.page_break()

    # Bab III A
    doc.heading(_("CHAPTER III PERFORMANCE ACCOUNTABILITY"), 1)
    doc.heading(_("A. Organisational performance"), 2)
    doc.text(text(Section.ACHIEVEMENT), placeholder=PLACEHOLDER)
    doc.heading(_("NKO and NPSS per quarter"), 3)
    doc.table(
        [_("Objective (sasaran)"), *QUARTERS],
        [
            *([f"{s.code} {s.name}", *(number(q.value) for q in s.npss)] for s in data.sasaran),
            [_("NKO"), *(number(q.value) for q in data.nko)],
        ],
        widths_cm=[9, 2, 2, 2, 2],
        numeric=(1, 2, 3, 4),
        bold_last=True,
    )
    doc.image(nko_chart(data, "png"), caption=_("NKO per quarter"))  # type: ignore[arg-type]
    doc.heading(_("Achievement of the indicators in %(year)s") % {"year": data.year}, 3)
    doc.table(
        [_("Indicator"), _("Target"), _("Realisation"), _("Achievement (%)"), _("Status")],
        [
            [
                f"{i.code} {i.name}",
                target_text(i.target, i.target_high),
                number(i.realisation),
                number(i.achievement),
                _status_words(i.status),
            ]
            for i in data.indicators
        ],
        widths_cm=[8, 2.2, 2.2, 2.2, 2.4],
        numeric=(1, 2, 3),
    )
    doc.image(achievement_chart(data.indicators, "png"), caption=_("Achievement per indicator"))  # type: ignore[arg-type]
    for number_s, group in enumerate(data.sasaran, start=1):
        doc.heading(
            _("Objective %(no)s: %(code)s %(name)s")
            % {"no": number_s, "code": group.code, "name": group.name},
            3,
        )
        for item in group.indicators:
            _indicator_docx(doc, data, item)

    # Bab III B
    doc.heading(_("B. Budget realisation"), 2)
    doc.text(text(Section.BUDGET), placeholder=PLACEHOLDER)
    doc.table(
        [
            _("Programme"),
            _("Budget (pagu)"),
            *(_("Spent to %(q)s") % {"q": q} for q in QUARTERS),
            _("Realisation (%)"),
        ],
        _budget_rows(data),
        widths_cm=[4.2, 2.6, 2.1, 2.1, 2.1, 2.1, 1.8],
        numeric=(1, 2, 3, 4, 5, 6),
        size=7.5,
        bold_last=len(data.budget) > 1,
    )
    doc.page_break()

    # Bab IV
    doc.heading(_("CHAPTER IV CLOSING"), 1)
    doc.text(text(Section.CLOSING), placeholder=PLACEHOLDER)
    doc.page_break()

    # Lampiran
    doc.heading(_("APPENDIX: PERFORMANCE AGREEMENT %(year)s") % {"year": data.year}, 1)
    if data.pk:
        write_pk_table(doc, data.pk, signatures=True)
    else:
        doc.paragraph(_("The unit has no performance agreement (PK) for this year."), italic=True)
    return doc.to_bytes()


def _basis_words(data: LkjData) -> str:
    if data.basis == Basis.VERIFIED:
        quarters = ", ".join(data.verified_quarters) or _("none")
        return _("Verified figures (quarters verified: %(quarters)s)") % {"quarters": quarters}
    return _("Working figures, not all verified")


def _key_rows(data: LkjData) -> list[list[str]]:
    key = data.key
    return [
        [_("NKO (%(quarter)s)") % {"quarter": key.nko_quarter or "—"}, number(key.nko)],
        [_("Indicators in the performance agreement"), str(key.indicators)],
        [_("Achieved (≥ 100 %)"), str(key.achieved)],
        [_("Nearly achieved (80–100 %)"), str(key.nearly)],
        [_("Not achieved (< 80 %)"), str(key.not_achieved)],
        [_("No figure yet"), str(key.no_figure)],
        [_("Budget realisation"), f"{money(data.budget_spent)} ({number(data.budget_percent)} %)"],
    ]


def _profile_rows(profile: UnitProfile) -> list[list[str]]:
    rows = [
        [_("Name"), profile.name],
        [_("Code"), profile.code],
        [_("Kind"), profile.kind],
        [_("Part of"), " · ".join(profile.parents) or "—"],
        [_("Head of the unit"), " · ".join(p for p in (profile.head_name, profile.head_title) if p) or "—"],
        [_("Address"), profile.address or "—"],
        [_("Phone"), profile.phone or "—"],
        [_("E-mail"), profile.email or "—"],
        [_("Website"), profile.website or "—"],
    ]
    if profile.sub_units:
        rows.append([_("Units below it"), ", ".join(profile.sub_units)])
    return rows


def _budget_rows(data: LkjData) -> list[list[str]]:
    rows = [
        [
            f"{line.code} {line.name}",
            money(line.ceiling),
            *(money(amount) if amount is not None else "—" for _q, amount in line.spent),
            number(line.percent),
        ]
        for line in data.budget
    ]
    if len(data.budget) > 1:
        rows.append(
            [
                _("Total"),
                money(data.budget_ceiling),
                "",
                "",
                "",
                money(data.budget_spent),
                number(data.budget_percent),
            ]
        )
    return rows


def comparison_rows(data: LkjData, item: IndicatorFigures) -> list[list[str]]:
    """Chapter III's comparison of one indicator: baseline, earlier years, this year, the Renstra."""
    rows = []
    if item.baseline is not None:
        rows.append(
            [
                _("Renstra baseline (%(year)s)") % {"year": item.baseline_year or "—"},
                number(item.baseline),
                "—",
            ]
        )
    for earlier in item.earlier:
        rows.append([str(earlier.year), number(earlier.realisation), number(earlier.achievement)])
    rows.append(
        [
            _("%(year)s (this report)") % {"year": data.year},
            number(item.realisation),
            number(item.achievement),
        ]
    )
    if item.renstra_end_year:
        rows.append(
            [
                _("Renstra target %(year)s (end of the plan)") % {"year": item.renstra_end_year},
                item.renstra_end_target or "—",
                number(item.renstra_progress),
            ]
        )
    return rows


def _indicator_docx(doc: DocxBuilder, data: LkjData, item: IndicatorFigures) -> None:
    doc.paragraph(f"{item.code} {item.name}", bold=True)
    doc.table(
        [_("Measure"), _("Annual target"), _("Target"), _("Realisation"), _("Achievement (%)"), _("Status")],
        [
            [
                item.measure or "—",
                target_text(item.annual_target, item.annual_target_high),
                target_text(item.target, item.target_high),
                number(item.realisation)
                + (f" ({item.quarter})" if item.quarter and item.quarter != "TW4" else ""),
                number(item.achievement),
                _status_words(item.status),
            ]
        ],
        widths_cm=[2.6, 2.6, 2.6, 3, 2.6, 3.6],
        numeric=(1, 2, 3, 4),
    )
    doc.table(
        [_("Quarter"), _("Target"), _("Realisation"), _("Achievement (%)")],
        [
            [q.quarter, target_text(q.target, q.target_high), number(q.reported), number(q.achievement)]
            for q in item.quarters
        ],
        widths_cm=[3, 4, 4, 4],
        numeric=(1, 2, 3),
    )
    doc.image(indicator_chart(item, "png"), width_cm=14)  # type: ignore[arg-type]
    doc.table(
        [_("Comparison"), _("Realisation"), _("Achievement (%)")],
        comparison_rows(data, item),
        widths_cm=[8, 4, 4],
        numeric=(1, 2),
    )
    if item.analysis.written:
        doc.labelled(_("Causes of success or failure"), item.analysis.analysis, placeholder=PLACEHOLDER)
        doc.labelled(_("Solutions and follow-up"), item.analysis.solutions, placeholder=PLACEHOLDER)
        doc.labelled(_("Efficiency of resources"), item.analysis.efficiency, placeholder=PLACEHOLDER)
        doc.labelled(
            _("Supporting programmes and activities"), item.analysis.programmes, placeholder=PLACEHOLDER
        )
    else:
        doc.paragraph(f"{_('Analysis')}: {PLACEHOLDER}", italic=True)
        if item.narratives:
            doc.paragraph(_("From the quarterly entries (obstacles and follow-up as entered):"), italic=True)
            for narrative in item.narratives:
                parts = [
                    f"{label}: {value}"
                    for label, value in (
                        (_("Progress"), narrative.progress),
                        (_("Obstacles"), narrative.obstacles),
                        (_("Follow-up"), narrative.follow_up),
                    )
                    if value.strip()
                ]
                doc.paragraph(f"{narrative.period} — " + " · ".join(parts), size=9)
