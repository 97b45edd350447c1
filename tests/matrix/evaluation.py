"""The SAKIP evaluation's workflow URLs and API: whoever reads unit A reads its evaluation; its
own staff (and administrators) open, answer and submit it; evaluators (inspectors and
administrators) open, score, return and issue. prepare() opens Tarakan 2025 with every criterion
answered (the unit may submit it) and Tarakan 2024 submitted and fully scored (an evaluator may
score, return or issue it)."""

from kinerja.accounts.models import User
from kinerja.evaluation import services
from kinerja.evaluation.models import Answer, Evaluation
from kinerja.organization.models import OrgUnit
from tests.evaluation.workflow_world import answer_all, score_all

from .common import ANON, LOGIN, api, everyone, method_not_allowed, unit_a_change, unit_a_view

TARAKAN = "PSDKP-TARAKAN"


def prepare(actors):
    unit = OrgUnit.objects.get(code=TARAKAN)
    answer_all(services.evaluation_open(actor=actors["operator_a"], unit=unit, year=2025))
    submitted = services.evaluation_open(actor=actors["operator_a"], unit=unit, year=2024)
    answer_all(submitted)
    services.evaluation_submit(actor=actors["operator_a"], evaluation=submitted, expected_version=1)
    score_all(submitted, actors["inspector"])


def _evaluation(year):
    return Evaluation.objects.get(unit__code=TARAKAN, year=year)


def _answer(year):
    return Answer.objects.get(evaluation=_evaluation(year), criterion__code="1.a.1")


def _pk(find):
    return lambda _ctx: {"pk": find().pk}


def evaluator(ok):
    # Inspectors and administrators evaluate every unit; the unit and other readers may not.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 403,
        "planner": 403,
        "inspector": ok,
        "leadership": 403,
        "admin": ok,
    }


def opener(ok):
    # The unit's own staff and evaluators open an evaluation of unit A.
    return {**unit_a_change(ok=ok), "inspector": ok}


def _open():
    return {"unit": TARAKAN, "year": 2023}


def _issue():
    return {
        "row_version": _evaluation(2024).row_version,
        "letter_number": "700/ITJEN/2026/099",
        "summary": "Matriks",
        "evaluators": [User.objects.get(username="inspector").pk],
    }


E2025 = _pk(lambda: _evaluation(2025))
E2024 = _pk(lambda: _evaluation(2024))
A2025 = _pk(lambda: _answer(2025))
A2024 = _pk(lambda: _answer(2024))

ROUTES = {
    "evaluation:index": ({}, {"GET": everyone(200)}),
    "evaluation:open": ({}, {"GET": method_not_allowed(everyone(200)), "POST": opener(302)}),
    "evaluation:detail": (E2025, {"GET": unit_a_view()}),
    "evaluation:submit": (E2025, {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)}),
    "evaluation:return": (E2024, {"GET": method_not_allowed(unit_a_view()), "POST": evaluator(302)}),
    "evaluation:issue": (E2024, {"GET": method_not_allowed(unit_a_view()), "POST": evaluator(302)}),
    "evaluation:answer": (A2025, {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)}),
    "evaluation:score": (A2024, {"GET": method_not_allowed(unit_a_view()), "POST": evaluator(302)}),
    "api:evaluation-list": ({}, {"GET": api(everyone(200)), "POST": api(opener(201))}),
    "api:evaluation-detail": (E2025, {"GET": api(unit_a_view())}),
    "api:evaluation-results": (E2025, {"GET": api(unit_a_view())}),
    "api:evaluation-submit": (E2025, {"POST": api(unit_a_change(ok=200))}),
    "api:evaluation-return": (E2024, {"POST": api(evaluator(200))}),
    "api:evaluation-issue": (E2024, {"POST": api(evaluator(200))}),
    "api:evaluation-answer-list": ({}, {"GET": api(everyone(200))}),
    "api:evaluation-answer-detail": (A2025, {"GET": api(unit_a_view()), "PATCH": api(unit_a_change(ok=200))}),
    "api:evaluation-answer-score": (A2024, {"POST": api(evaluator(200))}),
}

POST_DATA = {
    "evaluation:open": _open,
    "evaluation:submit": lambda: {"row_version": _evaluation(2025).row_version},
    "evaluation:return": lambda: {"row_version": _evaluation(2024).row_version, "note": "Lengkapi"},
    "evaluation:issue": _issue,
    "evaluation:answer": lambda: {
        "option_code": "T",
        "note": "Matriks",
        "row_version": _answer(2025).row_version,
    },
    "evaluation:score": lambda: {
        "option_code": "T",
        "note": "Matriks",
        "row_version": _answer(2024).row_version,
    },
    "api:evaluation-list": _open,
    "api:evaluation-submit": lambda: {"row_version": _evaluation(2025).row_version},
    "api:evaluation-return": lambda: {"row_version": _evaluation(2024).row_version, "note": "Lengkapi"},
    "api:evaluation-issue": lambda: {
        "row_version": _evaluation(2024).row_version,
        "letter_number": "700/ITJEN/2026/099",
        "signers": [{"user": "inspector"}],
    },
    "api:evaluation-answer-score": lambda: {
        "option": "T",
        "note": "Matriks",
        "row_version": _answer(2024).row_version,
    },
}

PATCH_DATA = {
    "api:evaluation-answer-detail": lambda: {"option": "T", "row_version": _answer(2025).row_version},
}
