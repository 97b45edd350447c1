"""Shared steps of the workflow tests: answer and score every criterion quickly (one UPDATE per
option), and take an evaluation through to a signed report."""

from kinerja.evaluation import services
from kinerja.evaluation.models import Answer, AnswerOption, Evaluation, EvaluationState


def _set_all(evaluation, field, codes):
    """`codes` maps a scale code (YT, AE) to the option every criterion of that scale gets."""
    for scale, code in codes.items():
        option = AnswerOption.objects.get(scale__worksheet=evaluation.worksheet, scale__code=scale, code=code)
        Answer.objects.filter(evaluation=evaluation, criterion__scale=option.scale).update(**{field: option})


def answer_all(evaluation, yt="Y", ae="A"):
    _set_all(evaluation, "self_option", {"YT": yt, "AE": ae})


def score_all(evaluation, inspector, yt="Y", ae="A"):
    _set_all(evaluation, "score_option", {"YT": yt, "AE": ae})
    Answer.objects.filter(evaluation=evaluation).update(scored_by=inspector)


def submitted(evaluation, operator):
    answer_all(evaluation)
    return services.evaluation_submit(
        actor=operator, evaluation=evaluation, expected_version=evaluation.row_version
    )


def issued(evaluation, actors, letter="700/ITJEN/2026/001"):
    evaluation = submitted(evaluation, actors["operator_a"])
    score_all(evaluation, actors["inspector"])
    return services.evaluation_issue(
        actor=actors["inspector"],
        evaluation=evaluation,
        letter_number=letter,
        summary="Ringkasan hasil evaluasi.",
        signers=[actors["inspector"]],
        expected_version=evaluation.row_version,
    )


def signed(evaluation, actors, password):
    from kinerja.signatures.services import certificate_demo_create, document_sign

    certificate_demo_create()
    evaluation = issued(evaluation, actors)
    document_sign(
        actor=actors["inspector"],
        document=evaluation.document,
        password=password,
        expected_version=evaluation.document.row_version,
    )
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert evaluation.state == EvaluationState.SIGNED
    return evaluation
