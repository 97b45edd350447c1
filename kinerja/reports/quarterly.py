"""The quarterly performance report of a unit: one quarter of the dashboard, with what was written.

Per indicator reported in the quarter: target, realisation, achievement and status (the unit
dashboard's cell), the entry's narrative (progress, obstacles, follow-up), its evidence list; then
the quarter's NPSS and NKO and the budget spent. On the verified basis (the default) the narrative,
evidence and spending are those frozen in the quarter's verified submission, like the figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Basis, Evidence, Realisation
from kinerja.planning.periods import LAST_MONTH, QUARTERS, periods_in_quarter

from . import charts
from .docx_build import DocxBuilder
from .lkj import BudgetLine, Narrative, QuarterScore, budget_lines, status_names
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


@dataclass(frozen=True)
class EvidenceItem:
    requirement: str
    description: str
    kind: str


@dataclass(frozen=True)
class QuarterIndicator:
    indicator_id: int
    code: str
    name: str
    measure: str
    period: str  # the period shown at this quarter (S1 at TW2 for a semester indicator)
    applicable: bool
    target: Decimal | None
    target_high: Decimal | None
    value: Decimal | None
    reported: Decimal | None
    achievement: Decimal | None
    status: str
    category: str
    narrative: Narrative | None
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class QuarterSasaran:
    code: str
    name: str
    npss: Decimal | None
    status: str
    indicators: tuple[QuarterIndicator, ...]


@dataclass(frozen=True)
class QuarterBudget:
    code: str
    name: str
    ceiling: Decimal
    spent: Decimal | None  # cumulative to the quarter's end
    percent: Decimal | None


@dataclass(frozen=True)
class QuarterlyData:
    unit_code: str
    unit_name: str
    year: int
    quarter: str
    basis: str
    submission: str  # the submission's status label, "" when not started
    verified: bool
    nko: QuarterScore
    sasaran: tuple[QuarterSasaran, ...]
    not_reported: tuple[str, ...]  # codes of indicators that report nothing this quarter
    budget: tuple[QuarterBudget, ...]

    @property
    def indicators(self) -> tuple[QuarterIndicator, ...]:
        return tuple(i for s in self.sasaran for i in s.indicators)


def _written(unit: OrgUnit, year: int, quarter: str, basis: str) -> tuple[dict, dict]:
    """Narratives and evidence per (indicator, period), from the verified snapshot or as entered."""
    periods = periods_in_quarter(quarter)
    if basis == Basis.VERIFIED:
        snapshot = verified_snapshots(unit_id=unit.pk, year=year).get(quarter, {})
        rows = [
            {
                "indicator_id": r["indicator"],
                **{k: r.get(k) or "" for k in ("period", "progress", "obstacles", "follow_up")},
            }
            for r in snapshot.get("realisations", [])
        ]
        evidence = Evidence.objects.filter(pk__in=[e["id"] for e in snapshot.get("evidence", [])])
    else:
        rows = list(
            Realisation.objects.filter(unit=unit, year=year, period__in=periods).values(
                "indicator_id", "period", "progress", "obstacles", "follow_up"
            )
        )
        evidence = Evidence.objects.filter(unit=unit, year=year, period__in=periods)
    narratives = {
        (r["indicator_id"], r["period"]): Narrative(
            r["period"], r["progress"], r["obstacles"], r["follow_up"]
        )
        for r in rows
    }
    items: dict[tuple[int, str], list[EvidenceItem]] = {}
    for e in evidence.order_by("pk").values(
        "indicator_id", "period", "requirement_name", "description", "kind"
    ):
        items.setdefault((e["indicator_id"], e["period"]), []).append(
            EvidenceItem(e["requirement_name"], e["description"], str(Evidence.Kind(e["kind"]).label))
        )
    return narratives, items


def quarterly_data(*, unit: OrgUnit, year: int, quarter: str, basis: str = Basis.VERIFIED) -> QuarterlyData:
    """Every figure and text of the quarterly report; numbers are the unit dashboard's on `basis`."""
    if quarter not in QUARTERS:
        raise ValueError(quarter)
    with translation.override(settings.LANGUAGE_CODE):
        dash = board(unit, year, basis)
        index = QUARTERS.index(quarter)
        info = dash.quarters[index]
        narratives, evidence = _written(unit, year, quarter, basis)
        groups, not_reported = [], []
        for group in dash.sasaran:
            rows = []
            for row in group.indicators:
                cell = row.cells[index]
                if cell.period is None:
                    not_reported.append(row.code)
                    continue
                key = (row.indicator_id, cell.entry_period or "")
                rows.append(
                    QuarterIndicator(
                        indicator_id=row.indicator_id,
                        code=row.code,
                        name=row.name,
                        measure=row.measure,
                        period=cell.period,
                        applicable=cell.applicable,
                        target=cell.target,
                        target_high=cell.target_high,
                        value=cell.value,
                        reported=cell.reported,
                        achievement=cell.achievement,
                        status=cell.status or "",
                        category=cell.category,
                        narrative=narratives.get(key),
                        evidence=tuple(evidence.get(key, ())),
                    )
                )
            _q, npss, state = group.scores[index]
            groups.append(QuarterSasaran(group.code, group.name, npss, state or "", tuple(rows)))
        lines: list[BudgetLine] = budget_lines(unit, year, basis)
        budget = []
        for line in lines:
            spent = dict(line.spent)[quarter]
            budget.append(
                QuarterBudget(line.code, line.name, line.ceiling, spent, percent(spent, line.ceiling))
            )
        return QuarterlyData(
            unit_code=unit.code,
            unit_name=unit.name,
            year=year,
            quarter=quarter,
            basis=basis,
            submission=info.submission_label,
            verified=info.verified,
            nko=QuarterScore(quarter, info.nko, info.status or ""),
            sasaran=tuple(groups),
            not_reported=tuple(not_reported),
            budget=tuple(budget),
        )


def quarter_chart(data: QuarterlyData, fmt: charts.Format) -> str | bytes:
    items = data.indicators
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


def _last_day(year: int, quarter: str) -> datetime.date:
    month = LAST_MONTH[quarter]
    return (
        datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
        if month < 12
        else datetime.date(year, 12, 31)
    )


def quarterly_pdf(*, unit: OrgUnit, year: int, quarter: str, basis: str = Basis.VERIFIED) -> bytes:
    data = quarterly_data(unit=unit, year=year, quarter=quarter, basis=basis)
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "reports/print/quarterly.html",
            {
                "data": data,
                "placeholder": PLACEHOLDER,
                "status_names": status_names(),
                "chart": svg(quarter_chart(data, "svg")) if data.indicators else "",
            },
        )
    return pdf(html)


def quarterly_docx(*, unit: OrgUnit, year: int, quarter: str, basis: str = Basis.VERIFIED) -> bytes:
    data = quarterly_data(unit=unit, year=year, quarter=quarter, basis=basis)
    with translation.override(settings.LANGUAGE_CODE):
        return _quarterly_docx(data)


def _quarterly_docx(data: QuarterlyData) -> bytes:
    names = status_names()
    title = _("Quarterly performance report %(quarter)s %(year)s") % {
        "quarter": data.quarter,
        "year": data.year,
    }
    doc = DocxBuilder(
        title=f"{title} · {data.unit_name}",
        created=document_time(_last_day(data.year, data.quarter)),
        footer=f"{data.quarter} {data.year} · {data.unit_name}",
    )
    doc.paragraph(title.upper(), bold=True, size=14, center=True)
    doc.paragraph(data.unit_name.upper(), bold=True, size=12, center=True)
    doc.paragraph(_basis_line(data), italic=True, size=9, center=True)
    doc.heading(_("Summary"), 2)
    doc.table(
        [_("Objective (sasaran)"), _("NPSS"), _("Status")],
        [
            *([f"{s.code} {s.name}", number(s.npss), names.get(s.status, "—")] for s in data.sasaran),
            [_("NKO"), number(data.nko.value), names.get(data.nko.status, "—")],
        ],
        widths_cm=[10, 3, 4],
        numeric=(1,),
        bold_last=True,
    )
    if data.indicators:
        doc.image(quarter_chart(data, "png"), caption=_("Achievement per indicator"))  # type: ignore[arg-type]
    doc.heading(_("Indicators"), 2)
    doc.table(
        [_("Indicator"), _("Period"), _("Target"), _("Realisation"), _("Achievement (%)"), _("Status")],
        [
            [
                f"{i.code} {i.name}",
                i.period,
                target_text(i.target, i.target_high),
                number(i.reported),
                number(i.achievement),
                names.get(i.status, "—"),
            ]
            for i in data.indicators
        ],
        widths_cm=[6.5, 1.5, 2.2, 2.2, 2.2, 2.4],
        numeric=(2, 3, 4),
    )
    if data.not_reported:
        doc.paragraph(
            _("Not reported in this quarter: %(codes)s") % {"codes": ", ".join(data.not_reported)}, size=9
        )
    doc.heading(_("Notes and evidence per indicator"), 2)
    for item in data.indicators:
        doc.heading(f"{item.code} {item.name}", 3)
        narrative = item.narrative or Narrative(item.period, "", "", "")
        doc.labelled(_("Progress"), narrative.progress, placeholder=PLACEHOLDER)
        doc.labelled(_("Obstacles"), narrative.obstacles, placeholder=PLACEHOLDER)
        doc.labelled(_("Follow-up"), narrative.follow_up, placeholder=PLACEHOLDER)
        doc.paragraph(_("Evidence"), bold=True)
        if item.evidence:
            doc.table(
                [_("Required document"), _("Description"), _("Kind")],
                [[e.requirement or _("Other evidence"), e.description, e.kind] for e in item.evidence],
                widths_cm=[6, 8.5, 2.5],
                size=8,
            )
        else:
            doc.paragraph(_("No evidence."), italic=True, size=9)
    doc.heading(_("Budget"), 2)
    doc.table(
        [_("Programme"), _("Budget (pagu)"), _("Spent to %(q)s") % {"q": data.quarter}, _("Realisation (%)")],
        [
            [
                f"{b.code} {b.name}",
                money(b.ceiling),
                money(b.spent) if b.spent is not None else "—",
                number(b.percent),
            ]
            for b in data.budget
        ],
        widths_cm=[7, 3.5, 3.5, 3],
        numeric=(1, 2, 3),
    )
    return doc.to_bytes()


def _basis_line(data: QuarterlyData) -> str:
    if data.basis == Basis.VERIFIED and not data.verified:
        return _("This quarter has not been verified: it has no verified figures yet.")
    if data.basis == Basis.VERIFIED:
        return _("Verified figures")
    return _("Working figures (status: %(status)s)") % {"status": data.submission or _("not started")}
