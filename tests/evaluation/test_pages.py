"""The evaluation pages: who sees what, the htmx row save, the conflict message, the actions."""

import pytest
from django.urls import reverse

from kinerja.evaluation.models import Answer, Evaluation, EvaluationState
from kinerja.signatures.models import SignedDocument

from .workflow_world import answer_all, score_all, submitted

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _answer(evaluation, code):
    return Answer.objects.get(evaluation=evaluation, criterion__code=code)


def test_index_lists_what_the_user_sees_and_offers_to_start(login, actors, make_evaluation, english):
    make_evaluation()
    make_evaluation(code="PSDKP-BITUNG")
    page = login(actors["operator_a"]).get(reverse("evaluation:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Stasiun PSDKP Tarakan" in text or "Tarakan" in text
    assert "Bitung" not in text.split("Start a self-assessment")[0]
    assert 'value="PSDKP-TARAKAN"' in text
    assert 'value="PSDKP-BITUNG"' not in text
    page = login(actors["planner"]).get(reverse("evaluation:index"))
    assert "Start a self-assessment" not in page.content.decode()


def test_open_from_the_index(login, actors, org, english):
    client = login(actors["operator_a"])
    response = client.post(reverse("evaluation:open"), {"unit": "PSDKP-TARAKAN", "year": 2025})
    evaluation = Evaluation.objects.get(unit__code="PSDKP-TARAKAN", year=2025)
    assert response["Location"] == reverse("evaluation:detail", kwargs={"pk": evaluation.pk})
    response = client.post(reverse("evaluation:open"), {"unit": "PSDKP-TARAKAN", "year": 2025}, follow=True)
    assert "already has an evaluation of 2025" in response.content.decode()
    assert client.post(reverse("evaluation:open"), {"unit": "PSDKP-BITUNG", "year": 2025}).status_code == 404


def test_detail_shows_criteria_forms_and_hides_the_scores_from_the_unit(
    login, actors, make_evaluation, english
):
    evaluation = make_evaluation()
    url = reverse("evaluation:detail", kwargs={"pk": evaluation.pk})
    text = login(actors["operator_a"]).get(url).content.decode()
    assert text.count('class="evaluation-answer') == 80
    assert reverse("evaluation:answer", kwargs={"pk": _answer(evaluation, "1.a.1").pk}) in text
    assert "Inspectorate's score" not in text
    assert "evaluation:score" not in text
    assert 'id="recommendations"' in text
    assert login(actors["operator_b"]).get(url).status_code == 404
    text = login(actors["inspector"]).get(url).content.decode()
    assert "Inspectorate's score" in text
    assert "Save answer" not in text


def test_htmx_row_save_returns_the_row_and_the_new_totals(login, actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.a.1")
    client = login(actors["operator_a"])
    url = reverse("evaluation:answer", kwargs={"pk": answer.pk})
    response = client.post(
        url, {"option_code": "Y", "note": "Ada", "evidence_link": "", "row_version": 1}, **HTMX
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert f'id="answer-{answer.pk}"' in text
    assert "Saved." in text
    assert 'id="self-total" hx-swap-oob="true">1.00' in text  # 6 × 1/6 of sub-component 1.a
    assert _answer(evaluation, "1.a.1").self_option.code == "Y"
    # The same form posted again is stale: the row says so and nothing changes.
    response = client.post(url, {"option_code": "T", "row_version": 1}, **HTMX)
    assert "Someone else saved this record" in response.content.decode()
    assert _answer(evaluation, "1.a.1").self_option.code == "Y"
    # Accepting the proposal posts the proposed option, which wins over the select.
    client.post(url, {"option_code": "", "proposal": "T", "row_version": 2}, **HTMX)
    assert _answer(evaluation, "1.a.1").self_option.code == "T"
    # A wrong option names the field on the row.
    response = client.post(url, {"option_code": "A", "row_version": 3}, **HTMX)
    assert "is not an answer of criterion 1.a.1" in response.content.decode()


def test_plain_post_redirects_back_to_the_row(login, actors, make_evaluation):
    evaluation = make_evaluation()
    answer = _answer(evaluation, "1.a.2")
    response = login(actors["unit_head"]).post(
        reverse("evaluation:answer", kwargs={"pk": answer.pk}), {"option_code": "Y", "row_version": 1}
    )
    assert response["Location"].endswith(f"#answer-{answer.pk}")


def test_the_unit_may_not_score_and_others_do_not_see(login, actors, make_evaluation):
    evaluation = submitted(make_evaluation(), actors["operator_a"])
    answer = _answer(evaluation, "1.a.1")
    url = reverse("evaluation:score", kwargs={"pk": answer.pk})
    body = {"option_code": "Y", "note": "", "row_version": answer.row_version}
    assert login(actors["operator_a"]).post(url, body).status_code == 403
    assert login(actors["operator_b"]).post(url, body).status_code == 404
    assert login(actors["inspector"]).post(url, body, **HTMX).status_code == 200
    assert _answer(evaluation, "1.a.1").score_option.code == "Y"


def test_submit_return_and_issue_from_the_page(login, actors, make_evaluation, english):
    evaluation = make_evaluation()
    answer_all(evaluation)
    client = login(actors["operator_a"])
    client.post(reverse("evaluation:submit", kwargs={"pk": evaluation.pk}), {"row_version": 1})
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.SUBMITTED
    inspector = login(actors["inspector"])
    response = inspector.post(
        reverse("evaluation:return", kwargs={"pk": evaluation.pk}),
        {"row_version": 2, "note": ""},
        follow=True,
    )
    assert "This field is required" in response.content.decode()
    score_all(evaluation, actors["inspector"])
    page = inspector.get(reverse("evaluation:detail", kwargs={"pk": evaluation.pk})).content.decode()
    assert "Issue the report" in page
    response = inspector.post(
        reverse("evaluation:issue", kwargs={"pk": evaluation.pk}),
        {
            "row_version": 2,
            "letter_number": "700/ITJEN/2026/009",
            "summary": "Baik",
            "evaluators": [actors["inspector"].pk],
        },
    )
    document = SignedDocument.objects.get()
    assert response["Location"].startswith(
        reverse("signatures:sign", kwargs={"public_id": document.public_id})
    )
    evaluation.refresh_from_db()
    assert (evaluation.state, evaluation.letter_number) == (EvaluationState.SIGNING, "700/ITJEN/2026/009")
    page = (
        login(actors["operator_a"])
        .get(reverse("evaluation:detail", kwargs={"pk": evaluation.pk}))
        .content.decode()
    )
    assert reverse("signatures:public", kwargs={"public_id": document.public_id}) in page
