"""Issue 8's acceptance: Stasiun PSDKP Tarakan self-assesses its 2025 SAKIP evaluation and submits it,
the Inspectorate scores it, issues the report and signs it with the password, and the grade, the total
and the letter number appear on the unit's page of the transparency portal for anyone."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kinerja.evaluation import scoring, services, worksheet
from kinerja.evaluation.models import Answer, AnswerOption, Evaluation, EvaluationState
from kinerja.signatures.services import certificate_demo_create
from tests.conftest import PASSWORD
from tests.evaluation.workflow_world import answer_all, score_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTER = "700/ITJEN/2026/088"


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).not_to_have_url("/accounts/login/")


def choose(page, select_id, code, answer):
    """Pick an option in one criterion's form, save it, and wait for htmx to swap the row back."""
    row = page.locator(f"#answer-{answer.pk}")
    row.locator(f"#{select_id}-{answer.pk}").select_option(code)
    with page.expect_response(lambda r: r.request.method == "POST" and f"/answers/{answer.pk}/" in r.url):
        row.locator("form button[type=submit]:not([name])").first.click()
    expect(page.locator(f"#answer-{answer.pk} [role=status]")).to_be_visible()


def expected_result(evaluation, values):
    components, bands = worksheet.specs(evaluation.worksheet)
    return scoring.score(components, values, bands)


def test_a_unit_self_assesses_an_inspector_scores_and_signs_the_grade_is_public(page, actors):
    worksheet.shipped_worksheet()
    certificate_demo_create()
    operator, inspector = actors["operator_a"], actors["inspector"]
    unit = operator.role_assignments.get().unit
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The unit's self-assessment: every criterion but two is answered through the model (speed).
    evaluation = services.evaluation_open(actor=operator, unit=unit, year=2025)
    answer_all(evaluation, yt="Y", ae="B")
    answers = Answer.objects.filter(evaluation=evaluation).select_related("criterion__scale")
    yes_no = answers.filter(criterion__scale__code="YT").order_by("criterion__code").first()
    graded = answers.filter(criterion__scale__code="AE").order_by("criterion__code").last()
    answers.filter(pk__in=[yes_no.pk, graded.pk]).update(self_option=None)

    # The operator answers the last two on the page and submits.
    log_in(page, operator.username)
    page.goto(reverse("evaluation:detail", kwargs={"pk": evaluation.pk}))
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "self")
    choose(page, "option", "T", yes_no)
    choose(page, "option", "A", graded)
    assert Answer.objects.get(pk=yes_no.pk).self_option.code == "T"
    assert Answer.objects.get(pk=graded.pk).self_option.code == "A"
    with page.expect_navigation():
        page.locator(
            f"form[action='{reverse('evaluation:submit', kwargs={'pk': evaluation.pk})}'] button"
        ).click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "submitted")

    # The Inspectorate scores all but one criterion (Y for yes/no, B on the A–E scale) ...
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    score_all(evaluation, inspector, yt="Y", ae="B")
    Answer.objects.filter(pk=graded.pk).update(score_option=None, scored_by=None)
    log_in(page, inspector.username)
    page.goto(reverse("evaluation:detail", kwargs={"pk": evaluation.pk}))
    # ... scores the last one on the page: C.
    choose(page, "score", "C", graded)
    expect(page.locator("#score-total")).to_contain_text("79,38")
    expect(page.locator("#score-total")).to_contain_text("BB")
    assert Answer.objects.get(pk=graded.pk).score_option.code == "C"

    options = {
        (scale, code): v
        for scale, code, v in AnswerOption.objects.filter(scale__worksheet=evaluation.worksheet).values_list(
            "scale__code", "code", "value"
        )
    }
    values = {
        a.criterion.code: options[("YT", "Y")] if a.criterion.scale.code == "YT" else options[("AE", "B")]
        for a in answers
    }
    values[graded.criterion.code] = options[("AE", "C")]
    expected = expected_result(evaluation, values)

    # ... issues the report, choosing themselves as the signer, and signs it with the password.
    page.locator("#issue-letter").fill(LETTER)
    page.locator("#issue-summary").fill("Akuntabilitas kinerja baik; perkuat pemantauan capaian triwulan.")
    page.locator("#issue-evaluators").select_option(str(inspector.pk))
    with page.expect_navigation():
        page.locator("#issue-form button[type=submit]").click()
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert evaluation.state == EvaluationState.SIGNING
    expect(page).to_have_url(re.compile(rf"/signatures/d/{evaluation.document.public_id}/sign\?next="))
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('input[name="password"]').press("Enter")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "signed")
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    assert evaluation.state == EvaluationState.SIGNED
    # Every yes/no criterion 1, every A–E one 0.75 but one at 0.5: 79.38, BB (above 70, not above 80).
    assert (expected.total, expected.grade) == (Decimal("79.38"), "BB")
    assert (evaluation.total, evaluation.grade) == (expected.total, expected.grade)
    assert evaluation.letter_number == LETTER

    # Anyone reads the grade, the total (Indonesian decimal comma) and the letter on the portal.
    page.context.clear_cookies()
    page.goto(reverse("transparency:unit", kwargs={"code": "PSDKP-TARAKAN"}) + "?year=2025")
    section = page.locator("#evaluation")
    expect(section.locator("[data-grade]")).to_have_attribute("data-grade", expected.grade)
    expect(section.locator("[data-grade]")).to_have_text(expected.grade)
    expect(section).to_contain_text("79,38")
    expect(section).to_contain_text(LETTER)
    assert errors == []
