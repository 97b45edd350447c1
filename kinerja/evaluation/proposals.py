"""Answers the system proposes for the self-assessment, from the unit's own data.

A criterion whose `proof` names a rule gets a proposal: the option the data proves, whether the
criterion is met, the facts behind it (and what is missing) and the page where the unit can see
or fix them. Each rule states a finding once; the criterion's scale turns it into an option
(Y/T, or A–E graded by a share through `grade_for_share`). A rule that cannot decide proposes no
option and says why, rather than guessing. The rules are described in docs/evaluation-proposals.md.

An evaluation of year Y reads, as IK-16 does (assessment/checks.py, reused here), the planning
and measurement of Y as far as they are due, the LKj of Y−1 (written and published in Y), and
the unit's evaluation of Y−1 with its recommendations.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.assessment.checks import Item, listed, self_assessment
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import (
    Basis,
    Realisation,
    RealisationState,
    Result,
    Submission,
    SubmissionStatus,
)
from kinerja.planning.models import (
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementStatus,
    DeadlineExtension,
    FrozenDefinition,
    PeriodWindow,
    Renstra,
    RenstraIndicator,
)
from kinerja.planning.periods import ALL_PERIODS, LAST_MONTH, QUARTER_OF, QUARTERS
from kinerja.planning.targets import parse_target
from kinerja.reports.models import DraftState, LkjDraft, LkjIndicatorNote
from kinerja.transparency.models import Publication, PublicationKind, PublicationStatus

from .models import AnswerOption, Criterion, Evaluation, EvaluationState, RecommendationStatus

#: The PK is due, and the LKj of the year before, by the end of February: one month after the
#: budget (DIPA) of January for the PK, two months after the year for the LKj (Perpres 29/2014).
DUE_MONTH, DUE_DAY = 2, 28


@dataclass(frozen=True)
class Proposal:
    """What the data proves for one criterion; `option_code` None when it cannot decide."""

    option_code: str | None
    met: bool
    reason: str
    url: str


@dataclass(frozen=True)
class Finding:
    """A rule's verdict before a scale reads it: a share (0–1) of what should be there, or None
    when the data cannot decide."""

    share: Decimal | None
    reason: str
    url: str


def grade_for_share(share: Decimal, options: list[AnswerOption]) -> AnswerOption:
    """The best option whose value the share reaches: on A–E (1, .75, .5, .25, 0) 100 % → A,
    ≥ 75 % → B, ≥ 50 % → C, ≥ 25 % → D, else E; on Y/T only 100 % is Y."""
    ranked = sorted(options, key=lambda option: option.value, reverse=True)
    return next((option for option in ranked if share >= option.value), ranked[-1])


def _share(part: int, whole: int) -> Decimal:
    return Decimal(part) / Decimal(whole)


def _tally(total: int, missing: list[str], said: str, lacking: str, url: str, **values: Any) -> Finding:
    """A share of `total` with the ones missing named: `said` takes %(count)d of %(total)d,
    `lacking` the %(codes)s; both any other `values`."""
    count = total - len(missing)
    reason = said % {"count": count, "total": total, **values}
    if missing:
        reason += " " + lacking % {"codes": listed(missing), **values}
    return Finding(_share(count, total), reason, url)


def _day(moment: datetime.date | datetime.datetime | None) -> str:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return date_format(moment, "DATE_FORMAT") if moment else "—"


def _due(year: int) -> datetime.date:
    return datetime.date(year, DUE_MONTH, DUE_DAY)


def _item(item: Item, fallback: str) -> Finding:
    return Finding(Decimal(1) if item.passed else Decimal(0), item.reason, item.link or fallback)


def _assessment_quarter(year: int, today: datetime.date) -> str:
    """The quarter IK-16 is read at: the year's last for a past year, today's in the year."""
    if today.year > year:
        return "TW4"
    if today.year < year:
        return "TW1"
    return next(q for q in QUARTERS if today.month <= LAST_MONTH[q])


@dataclass(frozen=True)
class _Quarter:
    quarter: str
    entry_closes: datetime.date
    review_closes: datetime.date
    submission: Submission | None


def _quarter_states(unit: OrgUnit, year: int) -> list[_Quarter]:
    """Each scheduled quarter's deadlines (the unit's extension counts) and its submission."""
    windows = {w.quarter: w for w in PeriodWindow.objects.filter(year__year=year)}
    extended = dict(
        DeadlineExtension.objects.filter(window__year__year=year, unit=unit).values_list(
            "window__quarter", "closes_on"
        )
    )
    submissions = {s.quarter: s for s in Submission.objects.filter(unit=unit, year=year)}
    return [
        _Quarter(
            q,
            extended.get(q, windows[q].entry_closes),
            max(windows[q].review_closes, extended.get(q, windows[q].review_closes)),
            submissions.get(q),
        )
        for q in QUARTERS
        if q in windows
    ]


@dataclass
class _Facts:
    """Everything the rules read, loaded once per call."""

    unit: OrgUnit
    year: int
    today: datetime.date
    items: dict[str, Item]
    agreements: list[Agreement]  # of the year, every revision
    rows: list[AgreementIndicator]  # of the current PK
    previous_rows: list[AgreementIndicator]  # of the current PK of the year before
    draft: LkjDraft | None  # the LKj of the year before
    notes: dict[int, LkjIndicatorNote]
    publication: Publication | None  # the LKj of the year before, published

    @cached_property
    def quarters(self) -> list[_Quarter]:
        return _quarter_states(self.unit, self.year)

    @cached_property
    def expected_rows(self) -> list[AgreementIndicator]:
        """The PK indicators with a target for a period whose entry deadline has passed."""
        due = {q.quarter for q in self.quarters if q.entry_closes < self.today}
        return [
            row
            for row in self.rows
            if any(
                QUARTER_OF.get(period) in due and parse_target(target) is not None
                for period, target in (row.period_targets or {}).items()
            )
        ]

    def nothing_due(self, link: str) -> Finding:
        if not self.rows:
            return Finding(Decimal(0), _("The PK has no indicators."), self.agreement_link())
        reason = _("No PK indicator of %(year)d has a target whose entry deadline has passed.") % {
            "year": self.year
        }
        return Finding(None, reason, link)

    @property
    def previous(self) -> int:
        return self.year - 1

    @property
    def current(self) -> Agreement | None:
        return next((a for a in self.agreements if a.is_current), None)

    @property
    def first_signed(self) -> Agreement | None:
        signed = [a for a in self.agreements if a.status == AgreementStatus.SIGNED]
        return min(signed, key=lambda a: a.revision) if signed else None

    def agreement_link(self) -> str:
        current = self.current
        if current is None:
            return reverse("planning:agreement_list")
        return reverse("planning:agreement_detail", args=[current.pk])

    def quarter_link(self, quarter: str) -> str:
        return reverse("performance:quarter", args=[self.unit.code, self.year, quarter])

    def lkj_link(self) -> str:
        return reverse("reports:lkj", args=[self.unit.code, self.previous])

    def portal_link(self) -> str:
        return reverse("transparency:publication_manage", args=[self.unit.code])

    def lkj_unreadable(self) -> Finding | None:
        """Why the content of the LKj of the year before cannot be read, if it cannot."""
        if self.draft is None:
            reason = _(
                "The LKj %(year)d was not written in Kinerja, so its content cannot be read from the "
                "data: the evaluator reads the document."
            ) % {"year": self.previous}
            return Finding(None, reason, self.lkj_link())
        if not self.previous_rows:
            reason = _("There is no PK %(year)d for the LKj %(year)d to report on.") % {"year": self.previous}
            return Finding(None, reason, reverse("planning:agreement_list"))
        return None


def _load(evaluation: Evaluation, today: datetime.date) -> _Facts:
    unit, year = evaluation.unit, evaluation.year
    assessment = self_assessment(unit=unit, year=year, quarter=_assessment_quarter(year, today))
    agreements = list(Agreement.objects.filter(unit=unit, year=year).order_by("revision"))
    current = next((a for a in agreements if a.is_current), None)
    rows = list(
        AgreementIndicator.objects.filter(agreement=current)
        .select_related("indicator", "indicator__parent_indicator")
        .order_by("sort_order", "indicator__code")
        if current
        else []
    )
    previous_rows = list(
        AgreementIndicator.objects.filter(
            agreement__unit=unit, agreement__year=year - 1, agreement__is_current=True
        )
        .select_related("indicator")
        .order_by("sort_order", "indicator__code")
    )
    draft = LkjDraft.objects.filter(unit=unit, year=year - 1).first()
    notes = {n.indicator_id: n for n in LkjIndicatorNote.objects.filter(draft=draft)} if draft else {}
    publication = Publication.objects.filter(
        unit=unit, kind=PublicationKind.LKJ, year=year - 1, status=PublicationStatus.PUBLISHED
    ).first()
    return _Facts(
        unit=unit,
        year=year,
        today=today,
        items={item.key: item for item in assessment.items},
        agreements=agreements,
        rows=rows,
        previous_rows=previous_rows,
        draft=draft,
        notes=notes,
        publication=publication,
    )


# --- planning -------------------------------------------------------------------------------------


def _renstra(f: _Facts) -> Finding:
    plan = (
        Renstra.objects.filter(unit=f.unit, is_active=True, start_year__lte=f.year, end_year__gte=f.year)
        .order_by("-start_year")
        .first()
    )
    if plan is None:
        reason = _("No active Renstra of the unit covers %(year)d.") % {"year": f.year}
        return Finding(Decimal(0), reason, reverse("planning:renstra_list"))
    reason = _("The Renstra “%(title)s” (%(start)d–%(end)d) is in force for %(year)d.") % {
        "title": plan.title,
        "start": plan.start_year,
        "end": plan.end_year,
        "year": f.year,
    }
    return Finding(Decimal(1), reason, reverse("planning:renstra_detail", args=[plan.pk]))


def _pk_signed(f: _Facts) -> Finding:
    return _item(f.items["pk"], f.agreement_link())


def _pk_published(f: _Facts) -> Finding:
    """The portal shows a PK as soon as it is signed, so its first signing is its publication."""
    signed = f.first_signed
    if signed is None:
        reason = _("The PK %(year)d is not signed, so it is not on the transparency portal.") % {
            "year": f.year
        }
        return Finding(Decimal(0), reason, f.agreement_link())
    due = _due(f.year)
    reason = _("The PK %(year)d was signed on %(date)s and is on the transparency portal") % {
        "year": f.year,
        "date": _day(signed.signed_on),
    }
    if signed.signed_on is not None and signed.signed_on <= due:
        reason += " " + _("(due by %(due)s).") % {"due": _day(due)}
        return Finding(Decimal(1), reason, reverse("transparency:unit", args=[f.unit.code]))
    reason += " " + _("late: it was due by %(due)s.") % {"due": _day(due)}
    return Finding(Decimal("0.5"), reason, reverse("transparency:unit", args=[f.unit.code]))


def _action_plan(f: _Facts) -> Finding:
    return _item(f.items["rencana_aksi"], f.agreement_link())


def _budget_plan(f: _Facts) -> Finding:
    current = f.current
    if current is None:
        return Finding(Decimal(0), _("There is no PK for %(year)d.") % {"year": f.year}, f.agreement_link())
    totals = AgreementBudget.objects.filter(agreement=current, ceiling__gt=0).aggregate(
        count=Count("pk"), ceiling=Sum("ceiling")
    )
    if not totals["count"]:
        reason = _("The PK %(year)d lists no programme with a budget ceiling.") % {"year": f.year}
        return Finding(Decimal(0), reason, f.agreement_link())
    reason = ngettext(
        "The PK %(year)d lists %(count)d programme with a ceiling of Rp %(ceiling)s.",
        "The PK %(year)d lists %(count)d programmes with a ceiling of Rp %(ceiling)s in total.",
        totals["count"],
    ) % {
        "year": f.year,
        "count": totals["count"],
        "ceiling": f"{totals['ceiling']:,.0f}".replace(",", "."),
    }
    return Finding(Decimal(1), reason, f.agreement_link())


def _manual_iku(f: _Facts) -> Finding:
    """IK-16's check (every indicator defined, its formula frozen), graded by the share that is."""
    item = f.items["manual_iku"]
    if item.passed or not f.rows:
        return _item(item, f.agreement_link())
    frozen = set(
        FrozenDefinition.objects.filter(
            year__year=f.year, indicator_id__in=[row.indicator_id for row in f.rows]
        ).values_list("indicator_id", flat=True)
    )
    good = sum(1 for row in f.rows if row.indicator_id in frozen and row.indicator.definition.strip())
    reason = _("%(good)d of %(total)d PK indicators are defined with a frozen formula.") % {
        "good": good,
        "total": len(f.rows),
    }
    return Finding(_share(good, len(f.rows)), reason + " " + item.reason, item.link or f.agreement_link())


def _cascading(f: _Facts) -> Finding:
    """An indicator is aligned when it is cascaded from an indicator that is itself in a PK of
    the year (the unit above measures what this one contributes to)."""
    if not f.rows:
        return Finding(Decimal(0), _("The PK has no indicators."), f.agreement_link())
    if f.unit.parent_id is None:
        reason = _("The unit is at the top of the organisation: there is no level above to align with.")
        return Finding(None, reason, f.agreement_link())
    parents = {row.indicator.parent_indicator_id for row in f.rows if row.indicator.parent_indicator_id}
    planned = set(
        AgreementIndicator.objects.filter(
            agreement__year=f.year, agreement__is_current=True, indicator_id__in=parents
        ).values_list("indicator_id", flat=True)
    )
    loose = [
        row.indicator.code
        for row in f.rows
        if row.indicator.parent_indicator_id is None or row.indicator.parent_indicator_id not in planned
    ]
    return _tally(
        len(f.rows),
        loose,
        _("%(count)d of %(total)d PK indicators are cascaded from an indicator in a PK %(year)d above."),
        _("Not cascaded: %(codes)s."),
        f.agreement_link(),
        year=f.year,
    )


def _subtree(unit: OrgUnit) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(path__startswith=unit.path, is_active=True)
        .exclude(pk=unit.pk)
        .order_by("path")
    )


def _subunits_pk(f: _Facts) -> Finding:
    """The unit and every active unit below it have a signed PK for the year."""
    units = [f.unit, *_subtree(f.unit)]
    signed = set(
        Agreement.objects.filter(unit__in=units, year=f.year, status=AgreementStatus.SIGNED).values_list(
            "unit_id", flat=True
        )
    )
    return _tally(
        len(units),
        [u.code for u in units if u.pk not in signed],
        _("%(count)d of %(total)d units (the unit and those below it) signed a PK %(year)d."),
        _("Without a signed PK: %(codes)s."),
        reverse("planning:agreement_list"),
        year=f.year,
    )


def _period_key(period: str) -> tuple[int, int]:
    return QUARTERS.index(QUARTER_OF[period]), ALL_PERIODS.index(period)


def _targets_on_track(f: _Facts) -> Finding:
    """Per PK indicator with a target due, its latest verified achievement: 100 % or more is on
    track; one not verified yet is not."""
    link = reverse("performance:dashboard_unit", args=[f.unit.code, f.year])
    expected = f.expected_rows
    if not expected:
        return f.nothing_due(link)
    latest: dict[int, Result] = {}
    for result in Result.objects.filter(
        unit=f.unit,
        year=f.year,
        basis=Basis.VERIFIED,
        achievement__isnull=False,
        indicator_id__in=[row.indicator_id for row in expected],
    ).select_related("indicator"):
        kept = latest.get(result.indicator_id)
        if kept is None or _period_key(result.period) > _period_key(kept.period):
            latest[result.indicator_id] = result
    behind = sorted(
        f"{r.indicator.code} {r.period} ({r.achievement} %)" for r in latest.values() if r.achievement < 100
    )
    unmeasured = [row.indicator.code for row in expected if row.indicator_id not in latest]
    on_track = len(latest) - len(behind)
    reason = _(
        "%(on_track)d of %(total)d PK indicators with a target due reached it at their latest verified "
        "period."
    ) % {"on_track": on_track, "total": len(expected)}
    if behind:
        reason += " " + _("Behind: %(items)s.") % {"items": listed(behind)}
    if unmeasured:
        reason += " " + _("Not verified yet: %(codes)s.") % {"codes": listed(unmeasured)}
    return Finding(_share(on_track, len(expected)), reason, link)


# --- measurement ----------------------------------------------------------------------------------


def _quarters_reported(f: _Facts) -> Finding:
    """Of the quarters whose entry has closed, those submitted by the deadline."""
    due = [q for q in f.quarters if q.entry_closes < f.today]
    link = f.quarter_link(due[-1].quarter if due else "TW1")
    if not due:
        reason = _("No quarter of %(year)d has reached its entry deadline yet.") % {"year": f.year}
        return Finding(None, reason, link)
    on_time = [q for q in due if q.submission and q.submission.submitted_at and not q.submission.late]
    reason = _("%(count)d of %(total)d due quarters were submitted on time.") % {
        "count": len(on_time),
        "total": len(due),
    }
    missing = [q for q in due if q not in on_time]
    if missing:
        parts = [
            _("%(quarter)s submitted late") % {"quarter": q.quarter}
            if q.submission and q.submission.submitted_at
            else _("%(quarter)s not submitted") % {"quarter": q.quarter}
            for q in missing
        ]
        reason += " " + "; ".join(parts) + "."
    return Finding(_share(len(on_time), len(due)), reason, link)


def _quarters_verified(f: _Facts) -> Finding:
    """Of the quarters whose review has closed, those verified by the review deadline."""
    due = [q for q in f.quarters if q.review_closes < f.today]
    link = f.quarter_link(due[-1].quarter if due else "TW1")
    if not due:
        reason = _("No quarter of %(year)d has reached its review deadline yet.") % {"year": f.year}
        return Finding(None, reason, link)

    def verified_on(q: _Quarter) -> datetime.date | None:
        s = q.submission
        if s is None or s.status != SubmissionStatus.VERIFIED or s.reviewed_at is None:
            return None
        return timezone.localtime(s.reviewed_at).date()

    on_time = [q for q in due if (day := verified_on(q)) is not None and day <= q.review_closes]
    reason = _("%(count)d of %(total)d due quarters were verified on time.") % {
        "count": len(on_time),
        "total": len(due),
    }
    parts = []
    for q in due:
        if q in on_time:
            continue
        day = verified_on(q)
        if day is None:
            parts.append(_("%(quarter)s not verified") % {"quarter": q.quarter})
        else:
            parts.append(
                _("%(quarter)s verified on %(date)s, after %(due)s")
                % {"quarter": q.quarter, "date": _day(day), "due": _day(q.review_closes)}
            )
    if parts:
        reason += " " + "; ".join(parts) + "."
    return Finding(_share(len(on_time), len(due)), reason, link)


def _evidence_kept(f: _Facts) -> Finding:
    return _item(f.items["data_dukung_lkj"], f.quarter_link("TW1"))


def _data_in_system(f: _Facts) -> Finding:
    """The PK indicators with a target due that have an achievement recorded in Kinerja."""
    link = reverse("performance:dashboard_unit", args=[f.unit.code, f.year])
    expected = f.expected_rows
    if not expected:
        return f.nothing_due(link)
    recorded = set(
        Realisation.objects.filter(
            unit=f.unit, year=f.year, indicator_id__in=[row.indicator_id for row in expected]
        )
        .exclude(state=RealisationState.EMPTY)
        .values_list("indicator_id", flat=True)
    )
    return _tally(
        len(expected),
        [row.indicator.code for row in expected if row.indicator_id not in recorded],
        _(
            "%(count)d of %(total)d PK indicators with a target due have achievements recorded in "
            "Kinerja for %(year)d."
        ),
        _("Nothing recorded for %(codes)s."),
        link,
        year=f.year,
    )


# --- reporting (the LKj of the year before) -------------------------------------------------------


def _lkj_written(f: _Facts) -> Finding:
    if f.draft is not None:
        reason = _("The LKj %(year)d is written in Kinerja (%(state)s).") % {
            "year": f.previous,
            "state": DraftState(f.draft.state).label,
        }
        return Finding(Decimal(1), reason, f.lkj_link())
    if f.publication is not None:
        reason = _("The LKj %(year)d “%(title)s” is published on the transparency portal.") % {
            "year": f.previous,
            "title": f.publication.title,
        }
        return Finding(Decimal(1), reason, f.portal_link())
    reason = _("No LKj %(year)d is written in Kinerja or published on the portal.") % {"year": f.previous}
    return Finding(Decimal(0), reason, f.lkj_link())


def _quarterly_reports(f: _Facts) -> Finding:
    """IK-16's comparisons D–F: each quarterly report (TW1–TW3) due matches verified records."""
    keys = ("kesesuaian_d", "kesesuaian_e", "kesesuaian_f")
    items = [f.items[key] for key in keys]
    failed = [item for item in items if not item.passed]
    reason = " ".join(item.reason for item in items)
    link = (failed[0] if failed else items[-1]).link or f.quarter_link("TW1")
    return Finding(Decimal(0) if failed else Decimal(1), reason, link)


def _lkj_reviewed(f: _Facts) -> Finding:
    if f.draft is None:
        reason = _("The LKj %(year)d was not written in Kinerja, so no review is recorded.") % {
            "year": f.previous
        }
        return Finding(Decimal(0), reason, f.lkj_link())
    if f.draft.state != DraftState.REVIEWED:
        reason = _("The LKj %(year)d is not reviewed (state: %(state)s).") % {
            "year": f.previous,
            "state": DraftState(f.draft.state).label,
        }
        return Finding(Decimal(0), reason, f.lkj_link())
    reason = _("The LKj %(year)d was reviewed.") % {"year": f.previous}
    if f.draft.reviewed_at:
        reason = _("The LKj %(year)d was reviewed on %(date)s.") % {
            "year": f.previous,
            "date": _day(f.draft.reviewed_at),
        }
    return Finding(Decimal(1), reason, f.lkj_link())


def _lkj_published(f: _Facts) -> Finding:
    return _item(f.items["lkj"], f.portal_link())


def _lkj_on_time(f: _Facts) -> Finding:
    due = _due(f.year)
    if f.publication is None:
        reason = _("No LKj %(year)d is published on the transparency portal (due by %(due)s).") % {
            "year": f.previous,
            "due": _day(due),
        }
        return Finding(Decimal(0), reason, f.portal_link())
    published = f.publication.published_at
    on_time = published is not None and timezone.localtime(published).date() <= due
    reason = _("The LKj %(year)d was published on %(date)s; it was due by %(due)s.") % {
        "year": f.previous,
        "date": _day(published),
        "due": _day(due),
    }
    return Finding(Decimal(1) if on_time else Decimal(0), reason, f.portal_link())


def _lkj_share(f: _Facts, written: Callable[[LkjIndicatorNote], bool], what: str) -> Finding:
    """The share of the PK indicators of the LKj's year whose note in the LKj holds `what`."""
    if (unreadable := f.lkj_unreadable()) is not None:
        return unreadable
    return _tally(
        len(f.previous_rows),
        [
            row.indicator.code
            for row in f.previous_rows
            if row.indicator_id not in f.notes or not written(f.notes[row.indicator_id])
        ],
        _("The LKj %(year)d gives %(what)s for %(count)d of the %(total)d PK indicators."),
        _("Missing for %(codes)s."),
        f.lkj_link(),
        year=f.previous,
        what=what,
    )


def _lkj_all_indicators(f: _Facts) -> Finding:
    return _lkj_share(f, lambda note: bool(note.analysis.strip()), _("an analysis"))


def _lkj_analysis(f: _Facts) -> Finding:
    return _lkj_share(
        f,
        lambda note: bool(note.analysis.strip() and note.solutions.strip()),
        _("the causes of success or failure and the follow-up"),
    )


def _lkj_renstra(f: _Facts) -> Finding:
    """The LKj Kinerja prints sets each indicator beside its Renstra target for the year."""
    if (unreadable := f.lkj_unreadable()) is not None:
        return unreadable
    planned = {
        row.indicator_id
        for row in RenstraIndicator.objects.filter(
            renstra__unit=f.unit,
            renstra__is_active=True,
            renstra__start_year__lte=f.previous,
            renstra__end_year__gte=f.previous,
            indicator_id__in=[row.indicator_id for row in f.previous_rows],
        )
        if str(f.previous) in (row.yearly_targets or {})
    }
    return _tally(
        len(f.previous_rows),
        [row.indicator.code for row in f.previous_rows if row.indicator_id not in planned],
        _("The LKj %(year)d compares %(count)d of the %(total)d PK indicators with their Renstra target."),
        _("No Renstra target for %(year)d: %(codes)s."),
        reverse("planning:renstra_list"),
        year=f.previous,
    )


def _previous_years(f: _Facts) -> Finding:
    """The LKj Kinerja prints compares each indicator with the verified figures of earlier years."""
    if (unreadable := f.lkj_unreadable()) is not None:
        return unreadable
    earlier = f.previous - 1
    known = set(
        Result.objects.filter(
            unit=f.unit,
            year=earlier,
            basis=Basis.VERIFIED,
            value__isnull=False,
            indicator_id__in=[row.indicator_id for row in f.previous_rows],
        ).values_list("indicator_id", flat=True)
    )
    return _tally(
        len(f.previous_rows),
        [row.indicator.code for row in f.previous_rows if row.indicator_id not in known],
        _(
            "The LKj %(year)d compares %(count)d of the %(total)d PK indicators with verified figures "
            "of %(earlier)d."
        ),
        _("No verified figure of %(earlier)d for %(codes)s."),
        f.lkj_link(),
        year=f.previous,
        earlier=earlier,
    )


# --- internal evaluation --------------------------------------------------------------------------


def _internal_evaluation(f: _Facts) -> Finding:
    """The units below with a PK of the year that have their own evaluation of it in Kinerja."""
    below = _subtree(f.unit)
    with_pk = set(
        Agreement.objects.filter(unit__in=below, year=f.year, is_current=True).values_list(
            "unit_id", flat=True
        )
    )
    units = [u for u in below if u.pk in with_pk]
    if not units:
        reason = _(
            "No unit below this one has a PK %(year)d to evaluate: the evaluator judges the internal "
            "evaluation."
        ) % {"year": f.year}
        return Finding(None, reason, reverse("evaluation:index"))
    evaluated = set(
        Evaluation.objects.filter(unit__in=units, year=f.year)
        .exclude(state=EvaluationState.SELF_ASSESSMENT)
        .values_list("unit_id", flat=True)
    )
    return _tally(
        len(units),
        [u.code for u in units if u.pk not in evaluated],
        _("%(count)d of %(total)d units below were evaluated for %(year)d in Kinerja."),
        _("Not evaluated: %(codes)s."),
        reverse("evaluation:index"),
        year=f.year,
    )


def _signed(unit: OrgUnit, years: list[int]) -> dict[int, Evaluation]:
    return {
        e.year: e for e in Evaluation.objects.filter(unit=unit, year__in=years, state=EvaluationState.SIGNED)
    }


def _recommendations_done(f: _Facts) -> Finding:
    previous = _signed(f.unit, [f.previous]).get(f.previous)
    if previous is None:
        reason = _(
            "There is no signed evaluation of %(year)d whose recommendations could be followed up."
        ) % {"year": f.previous}
        return Finding(None, reason, reverse("evaluation:recommendations"))
    link = reverse("evaluation:detail", args=[previous.pk])
    statuses = list(previous.recommendations.values_list("status", flat=True))
    if not statuses:
        reason = _("The evaluation of %(year)d made no recommendation.") % {"year": f.previous}
        return Finding(None, reason, link)
    done = statuses.count(RecommendationStatus.DONE)
    waiting = statuses.count(RecommendationStatus.FOLLOWED_UP)
    reason = _("%(done)d of %(total)d recommendations of the evaluation of %(year)d are completed.") % {
        "done": done,
        "total": len(statuses),
        "year": f.previous,
    }
    if waiting:
        reason += " " + ngettext(
            "%(count)d awaits the evaluator's acceptance.",
            "%(count)d await the evaluator's acceptance.",
            waiting,
        ) % {"count": waiting}
    still_open = len(statuses) - done - waiting
    if still_open:
        reason += " " + ngettext("%(count)d is still open.", "%(count)d are still open.", still_open) % {
            "count": still_open
        }
    return Finding(_share(done, len(statuses)), reason, link)


def _score_improved(f: _Facts) -> Finding:
    """The last two signed evaluations: a higher score after the follow-up is an improvement."""
    link = reverse("evaluation:compare_unit", args=[f.unit.code])
    before, last = f.previous - 1, f.previous
    signed = _signed(f.unit, [before, last])
    if last not in signed or before not in signed or None in (signed[last].total, signed[before].total):
        reason = _("Signed evaluations of both %(before)d and %(last)d are needed to compare scores.") % {
            "before": before,
            "last": last,
        }
        return Finding(None, reason, link)
    old, new = signed[before], signed[last]
    reason = _(
        "The score went from %(old)s (%(old_grade)s) in %(before)d to %(new)s (%(new_grade)s) in %(last)d."
    ) % {
        "old": old.total,
        "old_grade": old.grade,
        "before": before,
        "new": new.total,
        "new_grade": new.grade,
        "last": last,
    }
    return Finding(Decimal(1) if new.total > old.total else Decimal(0), reason, link)


# --- proposing ------------------------------------------------------------------------------------


RULES: dict[str, Callable[[_Facts], Finding]] = {
    "renstra": _renstra,
    "pk_signed": _pk_signed,
    "pk_published": _pk_published,
    "action_plan": _action_plan,
    "budget_plan": _budget_plan,
    "manual_iku": _manual_iku,
    "cascading": _cascading,
    "subunits_pk": _subunits_pk,
    "targets_on_track": _targets_on_track,
    "quarters_reported": _quarters_reported,
    "quarters_verified": _quarters_verified,
    "evidence_kept": _evidence_kept,
    "data_in_system": _data_in_system,
    "lkj_written": _lkj_written,
    "quarterly_reports": _quarterly_reports,
    "lkj_reviewed": _lkj_reviewed,
    "lkj_published": _lkj_published,
    "lkj_on_time": _lkj_on_time,
    "lkj_all_indicators": _lkj_all_indicators,
    "lkj_analysis": _lkj_analysis,
    "lkj_renstra": _lkj_renstra,
    "previous_years": _previous_years,
    "internal_evaluation": _internal_evaluation,
    "recommendations_done": _recommendations_done,
    "score_improved": _score_improved,
}
"""The rule of each proof key a worksheet may name."""


def _proposal(finding: Finding, options: list[AnswerOption]) -> Proposal:
    if finding.share is None:
        return Proposal(None, False, finding.reason, finding.url)
    option = grade_for_share(finding.share, options)
    return Proposal(option.code, finding.share >= 1, finding.reason, finding.url)


def propose(*, evaluation: Evaluation, today: datetime.date | None = None) -> dict[str, Proposal]:
    """A proposal per criterion of the evaluation's worksheet that names a proof rule, keyed by
    criterion code. Reads only; each rule runs once however many criteria name it."""
    criteria = list(
        Criterion.objects.filter(subcomponent__component__worksheet=evaluation.worksheet)
        .exclude(proof="")
        .select_related("scale")
        .prefetch_related("scale__options")
    )
    if not criteria:
        return {}
    facts = _load(evaluation, today or timezone.localdate())
    findings: dict[str, Finding] = {}
    proposals = {}
    for criterion in criteria:
        if criterion.proof not in RULES:
            raise ValueError(f"unknown proof rule {criterion.proof!r} of criterion {criterion.code}")
        if criterion.proof not in findings:
            findings[criterion.proof] = RULES[criterion.proof](facts)
        proposals[criterion.code] = _proposal(findings[criterion.proof], list(criterion.scale.options.all()))
    return proposals
