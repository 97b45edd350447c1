"""Demo SAKIP evaluations, made through the same services as the pages.

Stasiun PSDKP Tarakan has signed evaluations of 2024 (grade B) and 2025 (grade BB); the 2025
recommendations are partly completed, one awaits the evaluator, one is open. Pangkalan PSDKP Bitung
and Ditjen PSDKP have signed evaluations of 2025, so the comparison page has neighbours. Tarakan's
2026 self-assessment is in progress: the answers the system can prove are filled from its
proposals. Scores are chosen per component by a level (the mean share of the A–E criteria), so the
totals land near the figures named here; the exact totals are the scoring's.

Idempotent: a unit-year that already has an evaluation is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit

from .models import Answer, Evaluation, RecommendationStatus
from .proposals import propose
from .recommendations import followup_add, recommendation_accept, recommendation_add
from .services import answer_save, evaluation_issue, evaluation_open, evaluation_submit, score_save
from .worksheet import shipped_worksheet

TARAKAN = "PSDKP-TARAKAN"
IN_PROGRESS = 2026

#: (unit, year, the unit's account, level per component, letter number): the level is the mean
#: share earned on the A–E criteria of the component; the Y/T criteria earn a little more.
SIGNED: list[tuple[str, int, str, dict[str, float], str]] = [
    (TARAKAN, 2024, "operator.tarakan", {"1": 0.62, "2": 0.6, "3": 0.62, "4": 0.5}, "LHE-12/ITJEN/2024"),
    (TARAKAN, 2025, "operator.tarakan", {"1": 0.72, "2": 0.68, "3": 0.72, "4": 0.6}, "LHE-31/ITJEN/2025"),
    (
        "PSDKP-BITUNG",
        2025,
        "operator.bitung",
        {"1": 0.62, "2": 0.58, "3": 0.55, "4": 0.45},
        "LHE-32/ITJEN/2025",
    ),
    ("DJPSDKP", 2025, "kepala.psdkp", {"1": 0.8, "2": 0.75, "3": 0.78, "4": 0.7}, "LHE-33/ITJEN/2025"),
]

#: Per signed evaluation: (component, recommendation, days to the due date, what happens).
RECOMMENDATIONS: dict[tuple[str, int], list[tuple[str, str, int, str]]] = {
    (TARAKAN, 2024): [
        ("1", "Tetapkan rincian target triwulan untuk seluruh indikator Perjanjian Kinerja.", 60, "done"),
        ("3", "Publikasikan Laporan Kinerja paling lambat akhir Februari.", 90, "done"),
    ],
    (TARAKAN, 2025): [
        ("1", "Selaraskan indikator kinerja dengan indikator Ditjen PSDKP (cascading).", 60, "done"),
        ("2", "Lengkapi data dukung setiap realisasi sebelum verifikasi triwulan.", 45, "done"),
        (
            "3",
            "Sajikan perbandingan capaian dengan target jangka menengah Renstra dalam LKj.",
            90,
            "followed_up",
        ),
        ("4", "Laksanakan evaluasi internal atas capaian kinerja setiap semester.", 120, "open"),
    ],
    ("PSDKP-BITUNG", 2025): [
        ("2", "Manfaatkan hasil pengukuran kinerja dalam penyesuaian kegiatan.", 90, "open"),
    ],
    ("DJPSDKP", 2025): [
        ("4", "Perluas evaluasi akuntabilitas kinerja internal ke seluruh UPT.", 120, "followed_up"),
    ],
}

#: For the criteria the system cannot prove, the option the unit chose while it is in progress.
DRAFT_ANSWERS = {"1.a.1": "Y", "1.a.2": "Y", "1.b.3": "B", "2.a.1": "Y", "2.b.1": "B"}

VALUES = {"Y": 1.0, "T": 0.0, "A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0}


def _options(levels: dict[str, float], answers: list[Answer]) -> dict[int, str]:
    """An option per answer so that each sub-component's mean lands near its component's level:
    each criterion takes the option that keeps the running mean closest (error diffusion)."""
    chosen: dict[int, str] = {}
    earned: dict[int, float] = {}
    counted: dict[int, int] = {}
    for answer in answers:
        criterion = answer.criterion
        sub = criterion.subcomponent
        level = levels[sub.component.code]
        codes = ("Y", "T") if criterion.scale.code == "YT" else ("A", "B", "C", "D", "E")
        if criterion.scale.code == "YT":
            level = min(1.0, level + 0.3)
        so_far, count = earned.get(sub.pk, 0.0), counted.get(sub.pk, 0)
        code = min(codes, key=lambda c: abs(so_far + VALUES[c] - level * (count + 1)))
        chosen[answer.pk] = code
        earned[sub.pk], counted[sub.pk] = so_far + VALUES[code], count + 1
    return chosen


def _answers(evaluation: Evaluation) -> list[Answer]:
    return list(
        evaluation.answers.select_related("criterion__scale", "criterion__subcomponent__component").order_by(
            "criterion__subcomponent__component__order", "criterion__subcomponent__order", "criterion__order"
        )
    )


def _signed(
    unit: OrgUnit,
    year: int,
    operator: User,
    inspector: User,
    levels: dict[str, float],
    letter: str,
) -> Evaluation:
    from kinerja.signatures.services import document_sign

    evaluation = evaluation_open(actor=inspector, unit=unit, year=year)
    answers = _answers(evaluation)
    scores = _options(levels, answers)
    for answer in answers:
        # The unit rates itself a notch higher than the evaluator on the A–E criteria.
        own = scores[answer.pk]
        if answer.criterion.scale.code == "AE" and own != "A":
            own = "ABCDE"["ABCDE".index(own) - 1]
        answer_save(
            actor=operator,
            answer=answer,
            option_code=own,
            note="Sesuai dokumen yang dilampirkan.",
            evidence_link="",
            expected_version=answer.row_version,
        )
    evaluation = evaluation_submit(
        actor=operator, evaluation=evaluation, expected_version=evaluation.row_version
    )
    for answer in _answers(evaluation):
        score_save(
            actor=inspector,
            answer=answer,
            option_code=scores[answer.pk],
            note="" if scores[answer.pk] in ("A", "Y") else "Bukti belum sepenuhnya mendukung.",
            expected_version=answer.row_version,
        )
    today = timezone.localdate()
    for component, text, days, _outcome in RECOMMENDATIONS.get((unit.code, year), []):
        recommendation_add(
            actor=inspector,
            evaluation=evaluation,
            component_code=component,
            text=text,
            owner=operator,
            due_date=today + datetime.timedelta(days=days),
        )
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    evaluation = evaluation_issue(
        actor=inspector,
        evaluation=evaluation,
        letter_number=letter,
        summary=(
            f"Implementasi SAKIP {unit.short_name} tahun {year} telah berjalan; perbaikan diperlukan pada "
            "pemanfaatan hasil pengukuran dan evaluasi internal."
        ),
        signers=[inspector],
        expected_version=evaluation.row_version,
    )
    document = evaluation.document
    assert document is not None  # issued just now
    document_sign(
        actor=inspector,
        document=document,
        password=settings.KINERJA_DEMO_PASSWORD,
        expected_version=document.row_version,
    )
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    for recommendation, (_c, _t, _d, outcome) in zip(
        evaluation.recommendations.order_by("pk"), RECOMMENDATIONS.get((unit.code, year), []), strict=True
    ):
        if outcome == RecommendationStatus.OPEN:
            continue
        followup_add(
            actor=operator,
            recommendation=recommendation,
            note="Telah ditindaklanjuti; dokumen pendukung disampaikan.",
            submit=True,
        )
        if outcome == RecommendationStatus.DONE:
            recommendation.refresh_from_db()
            recommendation_accept(
                actor=inspector,
                recommendation=recommendation,
                note="Tindak lanjut diterima.",
                expected_version=recommendation.row_version,
            )
    return evaluation


def _in_progress(unit: OrgUnit, operator: User) -> tuple[Evaluation, int]:
    """Tarakan's open self-assessment: the system's proposals taken where it proves something,
    a few other criteria answered by hand, the rest still open."""
    evaluation = evaluation_open(actor=operator, unit=unit, year=IN_PROGRESS)
    with translation.override(settings.LANGUAGE_CODE):
        proposals = propose(evaluation=evaluation)
    answered = 0
    for answer in _answers(evaluation):
        code = answer.criterion.code
        proposal = proposals.get(code)
        if proposal is not None and proposal.option_code is not None:
            option, note = proposal.option_code, proposal.reason
        elif code in DRAFT_ANSWERS:
            option, note = DRAFT_ANSWERS[code], "Pedoman dan dokumen tersedia di unit."
        else:
            continue
        answer_save(
            actor=operator,
            answer=answer,
            option_code=option,
            note=note,
            evidence_link="",
            expected_version=answer.row_version,
        )
        answered += 1
    return evaluation, answered


def load(write: Callable[[str], Any]) -> None:
    shipped_worksheet()
    accounts = {account for _u, _y, account, _l, _n in SIGNED} | {"inspektur"}
    people = {u.username: u for u in User.objects.filter(username__in=accounts)}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={code for code, *_rest in SIGNED})}
    if len(people) < len(accounts) or TARAKAN not in units or len(units) < 3:
        write("evaluation: demo units or accounts missing, nothing loaded")
        return
    inspector = people["inspektur"]
    for code, year, account, levels, letter in SIGNED:
        if Evaluation.objects.filter(unit=units[code], year=year).exists():
            continue
        evaluation = _signed(units[code], year, people[account], inspector, levels, letter)
        write(f"evaluation: {code} {year} signed, {evaluation.total} ({evaluation.grade})")
    if not Evaluation.objects.filter(unit=units[TARAKAN], year=IN_PROGRESS).exists():
        _evaluation, answered = _in_progress(units[TARAKAN], people["operator.tarakan"])
        write(f"evaluation: {TARAKAN} {IN_PROGRESS} self-assessment in progress, {answered} answers")
