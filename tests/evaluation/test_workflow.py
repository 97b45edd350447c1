"""The evaluation's services: who may do what in which state, locking, messages, and the score the
report carries (computed through the services, checked against hand arithmetic)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.evaluation import services
from kinerja.evaluation.models import Answer, AnswerOption, Evaluation, EvaluationState
from kinerja.evaluation.results import evaluation_result
from kinerja.notifications.models import Notification
from kinerja.signatures.models import SignedDocument
from tests.conftest import PASSWORD

from .workflow_world import answer_all, issued, score_all, signed, submitted

pytestmark = pytest.mark.django_db


def _answer(evaluation, code):
    return Answer.objects.select_related("criterion").get(evaluation=evaluation, criterion__code=code)


def _save(actor, answer, code, **extra):
    return services.answer_save(
        actor=actor,
        answer=answer,
        option_code=code,
        note=extra.get("note", ""),
        evidence_link=extra.get("evidence_link", ""),
        evidence_file=extra.get("evidence_file"),
        expected_version=extra.get("expected_version", answer.row_version),
    )


# --- opening ------------------------------------------------------------------------------------


def test_unit_staff_and_evaluators_open_one_evaluation_per_unit_year(actors, org, worksheet, english):
    evaluation = services.evaluation_open(actor=actors["operator_a"], unit=org["PSDKP-TARAKAN"], year=2025)
    assert evaluation.worksheet == worksheet
    assert evaluation.state == EvaluationState.SELF_ASSESSMENT
    assert evaluation.answers.count() == 80
    assert evaluation.history.count() == 1
    assert Answer.history.filter(evaluation_id=evaluation.pk).count() == 80
    with pytest.raises(ValidationError) as exc:
        services.evaluation_open(actor=actors["inspector"], unit=org["PSDKP-TARAKAN"], year=2025)
    assert "already has an evaluation of 2025" in exc.value.message_dict["year"][0]
    assert services.evaluation_open(actor=actors["inspector"], unit=org["PSDKP-BITUNG"], year=2025)


@pytest.mark.parametrize("name", ["operator_b", "planner", "leadership"])
def test_others_may_not_open(actors, org, name):
    with pytest.raises(PermissionDenied):
        services.evaluation_open(actor=actors[name], unit=org["PSDKP-TARAKAN"], year=2025)


@pytest.mark.parametrize(
    ("year", "words"), [(2020, "No evaluation worksheet"), (2999, "cannot be evaluated yet")]
)
def test_year_must_be_sensible(actors, org, english, year, words):
    with pytest.raises(ValidationError) as exc:
        services.evaluation_open(actor=actors["operator_a"], unit=org["PSDKP-TARAKAN"], year=year)
    assert words in exc.value.message_dict["year"][0]


# --- the unit's answers -------------------------------------------------------------------------


def test_unit_answers_with_evidence_and_history(actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.b.1")
    upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    saved = _save(
        actors["operator_a"],
        answer,
        "B",
        note="Sebagian besar",
        evidence_link="https://example.org/bukti",
        evidence_file=upload,
    )
    assert saved.self_option.code == "B"
    assert saved.evidence_name == "bukti.pdf"
    assert saved.evidence_file.name.endswith(".pdf")
    assert "bukti" not in saved.evidence_file.name
    assert saved.row_version == 2
    assert saved.history.first().history_user == actors["operator_a"]


def test_option_must_belong_to_the_criterion_scale(actors, make_evaluation, english):
    evaluation = make_evaluation()
    with pytest.raises(ValidationError) as exc:
        _save(actors["operator_a"], _answer(evaluation, "1.a.1"), "A")  # 1.a.1 is answered Y/T
    assert "choose one of Y, T" in exc.value.message_dict["option"][0]


def test_bad_evidence_file_and_link_are_refused(actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.a.1")
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        _save(actors["operator_a"], answer, "Y", evidence_file=fake)
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _save(actors["operator_a"], answer, "Y", evidence_link="not a link")
    assert "evidence_link" in exc.value.message_dict
    assert Answer.objects.get(pk=answer.pk).self_option is None


def test_a_stale_version_is_refused(actors, make_evaluation):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.a.1")
    _save(actors["operator_a"], answer, "Y")
    with pytest.raises(ConcurrentEditError):
        _save(actors["unit_head"], answer, "T", expected_version=1)
    assert Answer.objects.get(pk=answer.pk).self_option.code == "Y"


@pytest.mark.parametrize(("name", "error"), [("inspector", PermissionDenied), ("planner", PermissionDenied)])
def test_only_the_unit_answers(actors, make_evaluation, name, error):
    with pytest.raises(error):
        _save(actors[name], _answer(make_evaluation(), "1.a.1"), "Y")


def test_submit_lists_the_missing_criteria_and_then_locks_the_answers(actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer_all(evaluation)
    Answer.objects.filter(evaluation=evaluation, criterion__code__in=["2.a.3", "4.c.5"]).update(
        self_option=None
    )
    with pytest.raises(ValidationError) as exc:
        services.evaluation_submit(actor=actors["operator_a"], evaluation=evaluation, expected_version=1)
    assert exc.value.message_dict["answers"] == ["2 criteria have no answer yet: 2.a.3, 4.c.5."]
    _save(actors["operator_a"], _answer(evaluation, "2.a.3"), "Y")
    _save(actors["operator_a"], _answer(evaluation, "4.c.5"), "C")
    with pytest.raises(ConcurrentEditError):
        services.evaluation_submit(actor=actors["operator_a"], evaluation=evaluation, expected_version=0)
    evaluation = services.evaluation_submit(
        actor=actors["operator_a"], evaluation=evaluation, expected_version=1
    )
    assert evaluation.state == EvaluationState.SUBMITTED
    assert evaluation.submitted_by == actors["operator_a"]
    with pytest.raises(ValidationError) as exc:
        _save(actors["operator_a"], _answer(evaluation, "1.a.1"), "T")
    assert "only during the self-assessment" in exc.value.messages[0]


# --- the Inspectorate ---------------------------------------------------------------------------


def test_return_needs_a_note_and_reopens_the_answers(actors, make_evaluation, english):
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    with pytest.raises(PermissionDenied):
        services.evaluation_return(
            actor=actors["unit_head"],
            evaluation=evaluation,
            note="x",
            expected_version=evaluation.row_version,
        )
    with pytest.raises(ValidationError) as exc:
        services.evaluation_return(
            actor=actors["inspector"],
            evaluation=evaluation,
            note="  ",
            expected_version=evaluation.row_version,
        )
    assert "note" in exc.value.message_dict
    evaluation = services.evaluation_return(
        actor=actors["inspector"],
        evaluation=evaluation,
        note="Lengkapi bukti 1.a",
        expected_version=evaluation.row_version,
    )
    assert evaluation.state == EvaluationState.RETURNED
    assert Notification.objects.filter(
        user=actors["operator_a"], event_key__startswith="evaluation-returned"
    ).exists()
    assert _save(actors["operator_a"], _answer(evaluation, "1.a.1"), "T").self_option.code == "T"
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    evaluation = services.evaluation_submit(
        actor=actors["operator_a"], evaluation=evaluation, expected_version=evaluation.row_version
    )
    assert evaluation.state == EvaluationState.SUBMITTED


def test_scoring_is_for_evaluators_while_submitted(actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.b.2")
    with pytest.raises(ValidationError):
        services.score_save(
            actor=actors["inspector"], answer=answer, option_code="A", note="", expected_version=1
        )
    submitted(evaluation, actors["operator_a"])
    with pytest.raises(PermissionDenied):
        services.score_save(
            actor=actors["operator_a"], answer=answer, option_code="A", note="", expected_version=1
        )
    with pytest.raises(ValidationError) as exc:
        services.score_save(
            actor=actors["inspector"], answer=answer, option_code="Y", note="", expected_version=1
        )
    assert "option" in exc.value.message_dict
    scored = services.score_save(
        actor=actors["inspector"], answer=answer, option_code="C", note="Bukti kurang", expected_version=1
    )
    assert (scored.score_option.code, scored.score_note, scored.scored_by) == (
        "C",
        "Bukti kurang",
        actors["inspector"],
    )
    with pytest.raises(ConcurrentEditError):
        services.score_save(
            actor=actors["admin"], answer=answer, option_code="A", note="", expected_version=1
        )


def _issue(actors, evaluation, **overrides):
    values = {
        "actor": actors["inspector"],
        "evaluation": evaluation,
        "letter_number": "700/ITJEN/2026/001",
        "summary": "",
        "signers": [actors["inspector"]],
        "expected_version": evaluation.row_version,
        **overrides,
    }
    return services.evaluation_issue(**values)


def test_issue_needs_every_score_a_letter_number_and_inspectors_as_signers(actors, make_evaluation, english):
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    score_all(evaluation, actors["inspector"])
    Answer.objects.filter(evaluation=evaluation, criterion__code="3.c.7").update(score_option=None)
    with pytest.raises(ValidationError) as exc:
        _issue(actors, evaluation)
    assert "3.c.7" in exc.value.message_dict["answers"][0]
    score_all(evaluation, actors["inspector"])
    with pytest.raises(ValidationError) as exc:
        _issue(actors, evaluation, letter_number=" ")
    assert "letter_number" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _issue(actors, evaluation, signers=[actors["planner"]])
    assert "only active inspectors" in exc.value.message_dict["signers"][0]
    with pytest.raises(PermissionDenied):
        _issue(actors, evaluation, actor=actors["unit_head"])
    assert SignedDocument.objects.count() == 0
    assert Evaluation.objects.get(pk=evaluation.pk).state == EvaluationState.SUBMITTED


def test_all_best_answers_give_100_and_aa(actors, make_evaluation):
    evaluation = issued(make_evaluation(), actors)
    assert evaluation.state == EvaluationState.SIGNING
    assert (evaluation.total, evaluation.grade) == (Decimal("100.00"), "AA")
    assert evaluation.document.kind == "lke_report"
    assert list(evaluation.document.signers.values_list("user__username", flat=True)) == ["inspector"]


def test_a_mixed_answer_set_scores_as_computed_by_hand(actors, make_evaluation):
    """1.a all Y (6); 1.b ten A and one B of 11 (9 × 10.75/11 = 8.7954…); 1.c all C (15 × 0.5 = 7.5);
    2.a Y, Y, T (6 × 2/3 = 4); everything else T or E (0). Total 26.2954… → 26.30, grade D."""
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    score_all(evaluation, actors["inspector"], yt="T", ae="E")

    def set_(codes, code):
        option = AnswerOption.objects.get(
            scale__worksheet=evaluation.worksheet, scale__code=("YT" if code in "YT" else "AE"), code=code
        )
        Answer.objects.filter(evaluation=evaluation, criterion__code__in=codes).update(score_option=option)

    set_([f"1.a.{i}" for i in range(1, 7)], "Y")
    set_([f"1.b.{i}" for i in range(1, 12)], "A")
    set_(["1.b.11"], "B")
    set_([f"1.c.{i}" for i in range(1, 9)], "C")
    set_(["2.a.1", "2.a.2"], "Y")
    evaluation = _issue(actors, Evaluation.objects.get(pk=evaluation.pk))
    assert (evaluation.total, evaluation.grade) == (Decimal("26.30"), "D")
    result = evaluation_result(evaluation)
    assert result.component("1").score == Decimal("22.30")
    assert result.component("1").parts[1].score == Decimal("8.80")
    assert result.component("2").score == Decimal("4.00")
    # The unit's own estimate is read from its answers (all Y/A here).
    assert evaluation_result(evaluation, "self").total == Decimal("100.00")


def test_the_signed_report_signs_the_evaluation_and_tells_the_unit(actors, make_evaluation):
    evaluation = signed(make_evaluation(), actors, PASSWORD)
    assert evaluation.signed_at is not None
    assert Notification.objects.filter(
        user=actors["operator_a"], event_key__startswith="evaluation-signed"
    ).exists()
    # A second issue is refused once signed.
    with pytest.raises(ValidationError):
        _issue(actors, evaluation, letter_number="other")


def test_a_withdrawn_report_may_be_issued_again(actors, make_evaluation):
    from kinerja.signatures.services import document_void

    evaluation = issued(make_evaluation(), actors)
    document_void(actor=actors["inspector"], document=evaluation.document, reason="Salah nomor")
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    again = _issue(actors, evaluation, letter_number="700/ITJEN/2026/002")
    assert again.letter_number == "700/ITJEN/2026/002"
    assert SignedDocument.objects.count() == 2


def test_letter_numbers_are_not_reused(actors, make_evaluation, english):
    issued(make_evaluation(), actors)
    other = submitted(make_evaluation(code="PSDKP-BITUNG"), actors["admin"])
    score_all(other, actors["inspector"])
    with pytest.raises(ValidationError) as exc:
        _issue(actors, other)
    assert "already used" in exc.value.message_dict["letter_number"][0]
