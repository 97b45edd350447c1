"""The SAKIP self-assessment (Penilaian Mandiri SAKIP, IK-16) read from a unit's own data.

Six documents and eight comparisons are checked against what Kinerja holds (the PK, the frozen
catalogue, the realisations, submissions, evidence, the published LKj), and the quarterly scores
come from the stored verified results. Each item says why it passed or failed and where to fix
it, so the figure a unit reports for IK-16 can be argued item by item. Reads only; the rules and
the reasons behind them are in docs/self-assessment.md.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.catalog.models import Indicator
from kinerja.formula import IndicatorDefinition, compute_periods, load_definitions
from kinerja.formula.decimals import CONTEXT, round_half_up
from kinerja.formula.indicator import TargetRange
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import (
    Basis,
    Evidence,
    Realisation,
    RealisationState,
    Result,
    Submission,
    SubmissionStatus,
    UnitScore,
)
from kinerja.performance.selectors import EntryRow, quarter_rows
from kinerja.planning.models import ActionStep, Agreement, AgreementIndicator, AgreementStatus
from kinerja.planning.periods import QUARTER_OF, QUARTERS, entry_periods, quarters_up_to
from kinerja.planning.schedule import YearDefinition, year_definitions
from kinerja.planning.targets import parse_target
from kinerja.reports.models import LkjDraft
from kinerja.transparency.models import Publication, PublicationKind, PublicationStatus

DOCUMENTS = ("pk", "manual_iku", "rincian_target", "rencana_aksi", "lkj", "data_dukung_lkj")
COMPARISONS = tuple(f"kesesuaian_{letter}" for letter in "abcdefgh")
#: The quarters whose quarterly reports comparisons D, E and F look at.
REPORT_QUARTERS = {"kesesuaian_d": "TW1", "kesesuaian_e": "TW2", "kesesuaian_f": "TW3"}
#: How many offending items a reason names before it says "and N more".
NAMED = 8
CATALOG_FILE = Path(__file__).resolve().parents[1] / "catalog" / "data" / "tarakan_formulas.json"


def is_self_assessment(definition: Mapping[str, Any]) -> bool:
    """An indicator whose formula takes IK-16's inputs (the fourteen yes/no items and the NPSS
    table): recognised by its inputs, as the survey recognises IK-20 by its u1…u9 table."""
    specs = {spec.get("name"): spec for spec in definition.get("inputs", [])}
    if any(specs.get(name, {}).get("type") != "boolean" for name in DOCUMENTS + COMPARISONS):
        return False
    npss = specs.get("npss", {})
    return npss.get("type") == "table" and "nilai" in {c.get("name") for c in npss.get("columns", [])}


@cache
def catalogue_definition() -> IndicatorDefinition:
    """IK-16 as the indicator manual defines it (the catalogue's data), computed by the engine."""
    items = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    (definition,) = load_definitions(item for item in items if item["code"] == "IK-16")
    return definition


def formula_value(inputs: Mapping[str, Any]) -> Decimal | None:
    """The engine's IK-16 value for these inputs (None without an NPSS value: the formula needs one)."""
    if not inputs.get("npss"):
        return None
    definition = catalogue_definition()
    period = definition.assessment_period or "TW3"
    return compute_periods(definition, {"year": 2000, "periods": {period: {"inputs": dict(inputs)}}})[
        period
    ].value


@dataclass(frozen=True)
class Item:
    """One document or comparison: the input it feeds, whether it holds, why, and where to fix it."""

    key: str
    label: str
    passed: bool
    reason: str
    link: str | None = None


@dataclass(frozen=True)
class QuarterScore:
    quarter: str
    npss: Decimal


@dataclass(frozen=True)
class Assessment:
    unit: OrgUnit
    year: int
    quarter: str
    documents: tuple[Item, ...]
    comparisons: tuple[Item, ...]
    npss: tuple[QuarterScore, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return self.documents + self.comparisons

    @property
    def documents_present(self) -> int:
        return sum(item.passed for item in self.documents)

    @property
    def comparisons_matched(self) -> int:
        return sum(item.passed for item in self.comparisons)

    @property
    def npss_mean(self) -> Decimal | None:
        if not self.npss:
            return None
        with localcontext(CONTEXT):
            return sum((s.npss for s in self.npss), Decimal(0)) / len(self.npss)

    @property
    def documents_part(self) -> Decimal:
        with localcontext(CONTEXT):
            return round_half_up(Decimal(30) * self.documents_present / 6)

    @property
    def comparisons_part(self) -> Decimal:
        with localcontext(CONTEXT):
            return round_half_up(Decimal(30) * self.comparisons_matched / 8)

    @property
    def npss_part(self) -> Decimal | None:
        mean = self.npss_mean
        if mean is None:
            return None
        with localcontext(CONTEXT):
            return round_half_up(Decimal(40) * mean / 120)

    @property
    def inputs(self) -> dict[str, Any]:
        """IK-16's inputs as the engine (and the feed) takes them."""
        return {
            **{item.key: item.passed for item in self.items},
            "npss": [{"nilai": score.npss} for score in self.npss],
        }

    @property
    def value(self) -> Decimal | None:
        return formula_value(self.inputs)


def listed(items: list[str]) -> str:
    shown = ", ".join(items[:NAMED])
    if len(items) > NAMED:
        shown += " " + _("and %(count)d more") % {"count": len(items) - NAMED}
    return shown


def _day(moment: Any) -> str:
    """A date or a moment as the reader's calendar day (a moment in the site's time zone)."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATE_FORMAT") if moment else "—"


@dataclass
class _Data:
    """What the checks read, loaded once."""

    unit: OrgUnit
    year: int
    quarter: str
    agreement: Agreement | None
    signed: Agreement | None
    rows: list[AgreementIndicator]
    definitions: dict[int, YearDefinition]
    assessed_ids: set[int]
    submissions: dict[str, Submission]

    def quarter_link(self, quarter: str) -> str:
        return reverse("performance:quarter", args=[self.unit.code, self.year, quarter])

    def agreement_link(self) -> str:
        if self.agreement is None:
            return reverse("planning:agreement_list")
        return reverse("planning:agreement_detail", args=[self.agreement.pk])

    def open_rows(self, quarter: str) -> list[EntryRow]:
        """The quarter's entries still empty, leaving out the self-assessment indicator itself."""
        return [
            row
            for row in quarter_rows(unit=self.unit, year=self.year, quarter=quarter)
            if row.is_missing and row.indicator.pk not in self.assessed_ids
        ]


def _load(unit: OrgUnit, year: int, quarter: str) -> _Data:
    agreement = Agreement.objects.filter(unit=unit, year=year, is_current=True).first()
    signed = (
        Agreement.objects.filter(unit=unit, year=year, status=AgreementStatus.SIGNED)
        .order_by("-revision")
        .first()
    )
    rows = list(
        AgreementIndicator.objects.filter(agreement=agreement)
        .select_related("indicator", "indicator__current_version")
        .order_by("indicator__code")
        if agreement
        else []
    )
    definitions = year_definitions(year, [row.indicator for row in rows])
    assessed = {pk for pk, yd in definitions.items() if is_self_assessment(yd.version.definition or {})}
    submissions = {s.quarter: s for s in Submission.objects.filter(unit=unit, year=year)}
    return _Data(unit, year, quarter, agreement, signed, rows, definitions, assessed, submissions)


# --- the six documents ----------------------------------------------------------------------------


def _pk(d: _Data) -> Item:
    label = _("Perjanjian Kinerja (signed)")
    if d.agreement is None:
        return Item(
            "pk", label, False, _("There is no PK for %(year)d.") % {"year": d.year}, d.agreement_link()
        )
    if d.signed is None:
        return Item(
            "pk",
            label,
            False,
            _("The PK %(year)d is a draft: record its signing.") % {"year": d.year},
            d.agreement_link(),
        )
    reason = _("Revision %(revision)d was signed on %(date)s.") % {
        "revision": d.signed.revision,
        "date": _day(d.signed.signed_on),
    }
    if d.agreement.pk != d.signed.pk:
        reason += " " + _("Revision %(revision)d is being drafted.") % {"revision": d.agreement.revision}
    return Item("pk", label, True, reason, d.agreement_link())


def _manual(d: _Data) -> Item:
    label = _("Manual IKU (indicator definitions, formulas frozen for the year)")
    if not d.rows:
        return Item("manual_iku", label, False, _("The PK has no indicators."), d.agreement_link())
    unfrozen = [
        row.indicator.code
        for row in d.rows
        if row.indicator.pk not in d.definitions or not d.definitions[row.indicator.pk].frozen
    ]
    if unfrozen:
        reason = _("%(count)d of %(total)d indicators have no formula frozen for %(year)d: %(codes)s.") % {
            "count": len(unfrozen),
            "total": len(d.rows),
            "year": d.year,
            "codes": listed(unfrozen),
        }
        return Item("manual_iku", label, False, reason, reverse("planning:year_detail", args=[d.year]))
    undefined = [row for row in d.rows if not row.indicator.definition.strip()]
    if undefined:
        reason = _("%(count)d of %(total)d indicators have no definition in the catalogue: %(codes)s.") % {
            "count": len(undefined),
            "total": len(d.rows),
            "codes": listed([row.indicator.code for row in undefined]),
        }
        return Item(
            "manual_iku",
            label,
            False,
            reason,
            reverse("catalog:indicator_detail", args=[undefined[0].indicator.pk]),
        )
    reason = _(
        "All %(total)d PK indicators have a catalogue definition and a formula frozen for %(year)d."
    ) % {
        "total": len(d.rows),
        "year": d.year,
    }
    return Item("manual_iku", label, True, reason, reverse("planning:year_detail", args=[d.year]))


def _due_periods(yd: YearDefinition) -> list[str]:
    definition = yd.definition
    periods = entry_periods(definition.periodicity, definition.assessment_period)
    return [p for p in periods if yd.applies_to(QUARTER_OF[p])]


def _targets(d: _Data) -> Item:
    label = _("Rincian target (targets per period)")
    if not d.rows:
        return Item("rincian_target", label, False, _("The PK has no indicators."), d.agreement_link())
    lacking = []
    for row in d.rows:
        yd = d.definitions.get(row.indicator.pk)
        if yd is None:
            lacking.append(f"{row.indicator.code} ({_('no formula')})")
            continue
        missing = [p for p in _due_periods(yd) if parse_target((row.period_targets or {}).get(p)) is None]
        if missing:
            lacking.append(f"{row.indicator.code} ({', '.join(missing)})")
    if lacking:
        reason = _("%(count)d of %(total)d indicators have no target for a period: %(items)s.") % {
            "count": len(lacking),
            "total": len(d.rows),
            "items": listed(lacking),
        }
        return Item("rincian_target", label, False, reason, d.agreement_link())
    reason = _("Every one of the %(total)d PK indicators has a target for each of its periods.") % {
        "total": len(d.rows)
    }
    return Item("rincian_target", label, True, reason, d.agreement_link())


def _action_plan(d: _Data) -> Item:
    label = _("Rencana aksi (action plan per quarter)")
    if d.agreement is None:
        return Item(
            "rencana_aksi",
            label,
            False,
            _("There is no PK for %(year)d.") % {"year": d.year},
            d.agreement_link(),
        )
    counts = defaultdict(int)
    for quarter in ActionStep.objects.filter(agreement_indicator__agreement=d.agreement).values_list(
        "quarter", flat=True
    ):
        counts[quarter] += 1
    missing = [q for q in QUARTERS if not counts[q]]
    if missing:
        reason = _("The action plan has no step for %(quarters)s.") % {"quarters": ", ".join(missing)}
        return Item("rencana_aksi", label, False, reason, d.agreement_link())
    reason = _("Steps are planned for every quarter (%(count)d steps).") % {"count": sum(counts.values())}
    return Item("rencana_aksi", label, True, reason, d.agreement_link())


def _published_lkj(unit: OrgUnit, year: int) -> Publication | None:
    return Publication.objects.filter(
        unit=unit, kind=PublicationKind.LKJ, year=year, status=PublicationStatus.PUBLISHED
    ).first()


def _lkj(d: _Data) -> Item:
    label = _("LKj of the previous year (published)")
    link = reverse("transparency:publication_manage", args=[d.unit.code])
    previous = d.year - 1
    publication = _published_lkj(d.unit, previous)
    if publication is None:
        reason = _(
            "No LKj %(year)d is published on the transparency portal (a year's LKj is written in the next)."
        ) % {"year": previous}
        return Item("lkj", label, False, reason, link)
    reason = _("The LKj %(year)d “%(title)s” was published on %(date)s.") % {
        "year": previous,
        "title": publication.title,
        "date": _day(publication.published_at),
    }
    return Item("lkj", label, True, reason, link)


def _verified_snapshot(submission: Submission | None) -> dict[str, Any] | None:
    if submission is None or submission.status != SubmissionStatus.VERIFIED:
        return None
    version = submission.versions.filter(verified=True).order_by("-number").first()
    return version.snapshot if version is not None else None


def _evidence(d: _Data) -> Item:
    label = _("Data dukung (evidence of the verified realisations)")
    quarters = quarters_up_to(d.quarter)
    verified, lacking = [], []
    for quarter in quarters:
        snapshot = _verified_snapshot(d.submissions.get(quarter))
        if snapshot is None:
            continue
        verified.append(quarter)
        required: dict[int, list[str]] = defaultdict(list)
        for requirement in snapshot.get("requirements", []):
            if requirement.get("required"):
                required[requirement["indicator"]].append(requirement["name"])
        ids = [item["id"] for item in snapshot.get("evidence", [])]
        present = set(
            Evidence.objects.filter(pk__in=ids).values_list("indicator_id", "period", "requirement_name")
        )
        for item in snapshot.get("realisations", []):
            if item.get("state") != RealisationState.VALUE:
                continue
            for name in required.get(item["indicator"], []):
                if (item["indicator"], item["period"], name) not in present:
                    lacking.append(f"{item['code']} {item['period']}: {name}")
    if not verified:
        reason = _("No quarter of %(year)d up to %(quarter)s is verified yet.") % {
            "year": d.year,
            "quarter": d.quarter,
        }
        return Item("data_dukung_lkj", label, False, reason, d.quarter_link(quarters[0]))
    if lacking:
        reason = _("%(count)d verified realisations lack a required document: %(items)s.") % {
            "count": len(lacking),
            "items": listed(lacking),
        }
        return Item("data_dukung_lkj", label, False, reason, d.quarter_link(verified[0]))
    reason = _("Every verified realisation of %(quarters)s has evidence for each required document.") % {
        "quarters": ", ".join(verified)
    }
    return Item("data_dukung_lkj", label, True, reason, d.quarter_link(verified[-1]))


# --- the eight comparisons ------------------------------------------------------------------------


def _pk_lkj(d: _Data) -> Item:
    label = _("A. PK – LKj")
    previous = d.year - 1
    agreement = Agreement.objects.filter(unit=d.unit, year=previous, is_current=True).first()
    if agreement is None:
        reason = _("There is no PK %(year)d for the LKj %(year)d to report on.") % {"year": previous}
        return Item("kesesuaian_a", label, False, reason, reverse("planning:agreement_list"))
    link = reverse("planning:agreement_detail", args=[agreement.pk])
    draft = LkjDraft.objects.filter(unit=d.unit, year=previous).first()
    if draft is None:
        reason = _("The LKj %(year)d has not been written in Kinerja.") % {"year": previous}
        return Item("kesesuaian_a", label, False, reason, link)
    planned = dict(
        AgreementIndicator.objects.filter(agreement=agreement).values_list("indicator_id", "indicator__code")
    )
    analysed = set(draft.indicator_notes.exclude(analysis="").values_list("indicator_id", flat=True))
    missing = sorted(code for pk, code in planned.items() if pk not in analysed)
    extra = sorted(
        draft.indicator_notes.exclude(analysis="")
        .exclude(indicator_id__in=planned)
        .values_list("indicator__code", flat=True)
    )
    if missing or extra:
        parts = []
        if missing:
            parts.append(_("no analysis of %(codes)s") % {"codes": listed(missing)})
        if extra:
            parts.append(_("analyses of indicators outside the PK: %(codes)s") % {"codes": listed(extra)})
        reason = _("The LKj %(year)d does not match the PK %(year)d: %(what)s.") % {
            "year": previous,
            "what": "; ".join(parts),
        }
        return Item("kesesuaian_a", label, False, reason, link)
    reason = _("The LKj %(year)d analyses exactly the %(count)d indicators of the PK %(year)d.") % {
        "year": previous,
        "count": len(planned),
    }
    return Item("kesesuaian_a", label, True, reason, link)


def _lkj_records(d: _Data) -> Item:
    label = _("B. LKj – recorded achievements")
    previous = d.year - 1
    link = reverse("performance:dashboard_unit", args=[d.unit.code, previous])
    publication = _published_lkj(d.unit, previous)
    if publication is None:
        reason = _("No LKj %(year)d is published to compare with the records.") % {"year": previous}
        return Item(
            "kesesuaian_b",
            label,
            False,
            reason,
            reverse("transparency:publication_manage", args=[d.unit.code]),
        )
    submissions = {s.quarter: s for s in Submission.objects.filter(unit=d.unit, year=previous)}
    unverified = [
        q for q in QUARTERS if q not in submissions or submissions[q].status != SubmissionStatus.VERIFIED
    ]
    if unverified:
        reason = _(
            "%(quarters)s of %(year)d are not verified, so the LKj cannot rest on verified figures."
        ) % {
            "quarters": ", ".join(unverified),
            "year": previous,
        }
        return Item("kesesuaian_b", label, False, reason, link)
    later = [
        q
        for q in QUARTERS
        if submissions[q].reviewed_at
        and publication.published_at
        and submissions[q].reviewed_at > publication.published_at
    ]
    if later:
        reason = _(
            "%(quarters)s of %(year)d were verified again after the LKj was published on %(date)s: "
            "its figures may differ; publish a corrected LKj."
        ) % {"quarters": ", ".join(later), "year": previous, "date": _day(publication.published_at)}
        return Item(
            "kesesuaian_b",
            label,
            False,
            reason,
            reverse("transparency:publication_manage", args=[d.unit.code]),
        )
    reason = _("The LKj %(year)d was published after all four quarters were verified.") % {"year": previous}
    return Item("kesesuaian_b", label, True, reason, link)


def _pk_records(d: _Data) -> Item:
    label = _("C. PK – recorded achievements")
    if not d.rows:
        return Item("kesesuaian_c", label, False, _("The PK has no indicators."), d.agreement_link())
    quarters = quarters_up_to(d.quarter)
    open_rows = [row for quarter in quarters for row in d.open_rows(quarter)]
    if open_rows:
        reason = _("%(count)d entries of the PK indicators are not recorded: %(items)s.") % {
            "count": len(open_rows),
            "items": listed([f"{row.indicator.code} {row.period}" for row in open_rows]),
        }
        return Item("kesesuaian_c", label, False, reason, d.quarter_link(QUARTER_OF[open_rows[0].period]))
    reason = _("Every PK indicator has its achievements recorded for %(quarters)s.") % {
        "quarters": ", ".join(quarters)
    }
    return Item("kesesuaian_c", label, True, reason, d.quarter_link(d.quarter))


def _quarterly_report(d: _Data, key: str) -> Item:
    quarter = REPORT_QUARTERS[key]
    label = _("%(letter)s. Quarterly report %(quarter)s – recorded achievements") % {
        "letter": key[-1].upper(),
        "quarter": quarter,
    }
    link = d.quarter_link(quarter)
    if QUARTERS.index(quarter) > QUARTERS.index(d.quarter):
        reason = _("%(quarter)s is not due at the assessment quarter %(assessed)s.") % {
            "quarter": quarter,
            "assessed": d.quarter,
        }
        return Item(key, label, False, reason, link)
    submission = d.submissions.get(quarter)
    status = submission.status if submission else SubmissionStatus.DRAFT
    late = " " + _("(submitted late)") if submission and submission.late else ""
    if status == SubmissionStatus.VERIFIED:
        reason = _("%(quarter)s was verified on %(date)s.") % {
            "quarter": quarter,
            "date": _day(submission.reviewed_at),
        }
        return Item(key, label, True, reason + late, link)
    if quarter == d.quarter:
        # The assessment quarter is assessed while it is still being entered.
        if status == SubmissionStatus.SUBMITTED:
            reason = _("%(quarter)s was submitted on %(date)s and awaits verification.") % {
                "quarter": quarter,
                "date": _day(submission.submitted_at if submission else None),
            }
            return Item(key, label, True, reason + late, link)
        open_rows = d.open_rows(quarter)
        if not open_rows and d.rows:
            reason = _(
                "Every entry of %(quarter)s is recorded; the quarter is assessed while it is entered."
            ) % {"quarter": quarter}
            return Item(key, label, True, reason, link)
        reason = _("%(quarter)s is not complete: %(items)s.") % {
            "quarter": quarter,
            "items": listed([f"{row.indicator.code} {row.period}" for row in open_rows])
            if open_rows
            else _("the PK has no indicators"),
        }
        return Item(key, label, False, reason, link)
    reason = _("%(quarter)s is not verified (status: %(status)s).") % {
        "quarter": quarter,
        "status": SubmissionStatus(status).label,
    }
    if status == SubmissionStatus.RETURNED and submission is not None:
        reason += " " + _("Returned: %(why)s") % {"why": submission.return_reason}
    return Item(key, label, False, reason, link)


def _manual_records(d: _Data) -> Item:
    label = _("G. Manual IKU – recorded achievements")
    link = reverse("performance:dashboard_unit", args=[d.unit.code, d.year])
    entries = list(
        Realisation.objects.filter(unit=d.unit, year=d.year)
        .exclude(state=RealisationState.EMPTY)
        .select_related("indicator")
        .order_by("indicator__code", "period")
    )
    if not entries:
        reason = _("No achievement is recorded for %(year)d yet.") % {"year": d.year}
        return Item("kesesuaian_g", label, False, reason, d.quarter_link("TW1"))
    planned = {row.indicator.pk for row in d.rows}
    outside = sorted({e.indicator.code for e in entries if e.indicator_id not in planned})
    other_formula = [
        f"{e.indicator.code} {e.period}"
        for e in entries
        if e.indicator_id in d.definitions
        and d.definitions[e.indicator_id].frozen
        and e.state == RealisationState.VALUE
        and e.version_id != d.definitions[e.indicator_id].version.pk
    ]
    if outside or other_formula:
        parts = []
        if outside:
            parts.append(
                _("achievements of indicators outside the PK: %(codes)s") % {"codes": listed(outside)}
            )
        if other_formula:
            parts.append(
                _("computed with another formula than the one frozen for the year: %(items)s")
                % {"items": listed(other_formula)}
            )
        return Item("kesesuaian_g", label, False, "; ".join(parts) + ".", link)
    reason = _(
        "All %(count)d recorded achievements belong to PK indicators and use the formulas frozen for %(year)d"
        "."
    ) % {"count": len(entries), "year": d.year}
    return Item("kesesuaian_g", label, True, reason, link)


def _same_target(stored: Result, planned: Any) -> bool:
    expected = parse_target(planned)
    if expected is None or stored.target is None:
        return False
    if isinstance(expected, TargetRange):
        return stored.target == expected.low and stored.target_high == expected.high
    return stored.target == expected and stored.target_high is None


def _target_records(d: _Data) -> Item:
    label = _("H. Rincian target – recorded achievements")
    periods = {p for q in quarters_up_to(d.quarter) for p in QUARTER_OF if QUARTER_OF[p] == q}
    planned = {row.indicator.pk: row.period_targets or {} for row in d.rows}
    results = list(
        Result.objects.filter(unit=d.unit, year=d.year, period__in=periods, value__isnull=False)
        .select_related("indicator")
        .order_by("indicator__code", "period", "basis")
    )
    if not results:
        reason = _("No achievement is stored for %(year)d up to %(quarter)s yet.") % {
            "year": d.year,
            "quarter": d.quarter,
        }
        return Item("kesesuaian_h", label, False, reason, d.quarter_link("TW1"))
    wrong = sorted(
        {
            f"{r.indicator.code} {r.period}"
            for r in results
            if not _same_target(r, planned.get(r.indicator_id, {}).get(r.period))
        }
    )
    if wrong:
        reason = _(
            "%(count)d achievements were not measured against the PK's target for the period: %(items)s."
        ) % {
            "count": len(wrong),
            "items": listed(wrong),
        }
        return Item("kesesuaian_h", label, False, reason, d.agreement_link())
    reason = _("All %(count)d stored achievements use the PK's target for their period.") % {
        "count": len({(r.indicator_id, r.period) for r in results})
    }
    return Item("kesesuaian_h", label, True, reason, d.agreement_link())


def _npss(d: _Data) -> tuple[QuarterScore, ...]:
    """The unit's verified quarterly score (its NKO: the mean of its NPSS) of each quarter before
    the assessment quarter; the assessment quarter's own score would include IK-16 itself."""
    before = QUARTERS[: QUARTERS.index(d.quarter)]
    scores = dict(
        UnitScore.objects.filter(
            unit=d.unit, year=d.year, basis=Basis.VERIFIED, quarter__in=before, nko__isnull=False
        ).values_list("quarter", "nko")
    )
    return tuple(QuarterScore(q, scores[q]) for q in before if q in scores)


def self_assessment(*, unit: OrgUnit, year: int, quarter: str = "TW3") -> Assessment:
    """The unit's IK-16 for the year as its own data shows it; reads only, no access check (the
    selectors restrict who may see it)."""
    if quarter not in QUARTERS:
        raise ValueError(quarter)
    d = _load(unit, year, quarter)
    documents = (_pk(d), _manual(d), _targets(d), _action_plan(d), _lkj(d), _evidence(d))
    comparisons = (
        _pk_lkj(d),
        _lkj_records(d),
        _pk_records(d),
        *(_quarterly_report(d, key) for key in REPORT_QUARTERS),
        _manual_records(d),
        _target_records(d),
    )
    return Assessment(unit, year, quarter, documents, comparisons, _npss(d))


def assessment_indicators(*, unit: OrgUnit, year: int) -> list[tuple[Indicator, YearDefinition]]:
    """The unit's PK indicators of the year whose formula is the self-assessment's."""
    d = _load(unit, year, "TW3")
    return [
        (row.indicator, d.definitions[row.indicator.pk])
        for row in d.rows
        if row.indicator.pk in d.assessed_ids
    ]
