"""The comparisons: a unit's signed evaluations across years, and the units of a year, with exact
figures worked out by hand; who sees what; the API.

Three units: A = Stasiun PSDKP Tarakan (operator_a, unit_head), B = Pangkalan PSDKP Bitung
(operator_b), C = Pangkalan PSDKP Batam. With Y on every pemenuhan criterion:

- all B on the A–E criteria: components 6 + 9×0.75 + 15×0.75 = 24, 24, 3 + 4.5×0.75 + 7.5×0.75 = 12
  and 5 + 7.5×0.75 + 12.5×0.75 = 20: total 80.00, which is BB (the edge belongs below);
- all C: 18, 18, 9 and 15: total 60.00 (CC).
"""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.evaluation import compare
from kinerja.evaluation.models import Answer, AnswerOption, EvaluationState

A, B, C = "PSDKP-TARAKAN", "PSDKP-BITUNG", "PSDKP-BATAM"


def fill(evaluation, ae, changes=None, *, total, grade, state=EvaluationState.SIGNED):
    """Every pemenuhan criterion Y, every other criterion `ae`; `changes` maps criterion codes to
    an option code or None (unanswered). The stored total and grade are what the report said."""
    options = {
        (o.scale.code, o.code): o
        for o in AnswerOption.objects.filter(scale__worksheet=evaluation.worksheet).select_related("scale")
    }
    changes = changes or {}
    for answer in Answer.objects.filter(evaluation=evaluation).select_related("criterion__scale"):
        scale = answer.criterion.scale.code
        code = changes.get(answer.criterion.code, "Y" if scale == "YT" else ae)
        answer.score_option = None if code is None else options[(scale, code)]
        answer.save()
    evaluation.state = state
    evaluation.total = Decimal(total)
    evaluation.grade = grade
    evaluation.save()
    return evaluation


@pytest.fixture
def evaluations(make_evaluation):
    """A: 2024 78.00 BB, 2025 80.00 BB; B: 2025 66.64 B (2024 only submitted); C: 2025 94.84 AA."""
    return {
        # Two T in 1.a: component 1 = 6 × 4/6 + 6.75 + 11.25 = 22.
        (A, 2024): fill(
            make_evaluation(A, 2024), "B", {"1.a.4": "T", "1.a.6": "T"}, total="78.00", grade="BB"
        ),
        (A, 2025): fill(make_evaluation(A, 2025), "B", total="80.00", grade="BB"),
        # All C, one A in 2.b (+ 9 × 0.5 / 7), component 3 all A: 18 + 18.642857 + 15 + 15.
        (B, 2025): fill(
            make_evaluation(B, 2025),
            "C",
            {"2.b.1": "A", **{f"3.{s}.{i}": "A" for s in "bc" for i in range(1, 10)}},
            total="66.64",
            grade="B",
        ),
        (B, 2024): fill(
            make_evaluation(B, 2024), "A", total="100.00", grade="AA", state=EvaluationState.SUBMITTED
        ),
        # All A; 1.b A A A A A B B C C D E (9 × 7.75 / 11 = 6.340909); 4.c.1 unanswered (12.5 × 4/5).
        (C, 2025): fill(
            make_evaluation(C, 2025),
            "A",
            {
                **dict(zip([f"1.b.{i}" for i in range(1, 12)], "AAAAABBCCDE", strict=True)),
                "4.c.1": None,
            },
            total="94.84",
            grade="AA",
        ),
    }


def figures(row):
    return [cell.score if cell else None for cell in row.cells], row.total, row.grade


def test_a_units_signed_evaluations_across_years(actors, evaluations):
    comparison = compare.unit_comparison(user=actors["inspector"], code=A)
    assert [h.code for h in comparison.heads] == ["1", "2", "3", "4"]
    assert [r.year for r in comparison.rows] == [2024, 2025]
    first, second = comparison.rows
    assert figures(first) == (
        [Decimal("22.00"), Decimal(24), Decimal(12), Decimal(20)],
        Decimal("78.00"),
        "BB",
    )
    assert figures(second) == ([Decimal(24), Decimal(24), Decimal(12), Decimal(20)], Decimal("80.00"), "BB")
    assert [c.percent for c in first.cells] == [Decimal("73.33"), Decimal(80), Decimal(80), Decimal(80)]
    assert first.change is None
    assert second.change == Decimal("2.00")
    assert all(row.matches_stored and row.total == row.evaluation.total for row in comparison.rows)


def test_only_signed_evaluations_count(actors, evaluations):
    comparison = compare.unit_comparison(user=actors["inspector"], code=B)
    assert [r.year for r in comparison.rows] == [2025]
    assert figures(comparison.rows[0]) == (
        [Decimal(18), Decimal("18.64"), Decimal(15), Decimal(15)],
        Decimal("66.64"),
        "B",
    )


def test_the_units_of_a_year_ranked_with_exact_figures(actors, evaluations):
    comparison = compare.year_comparison(user=actors["inspector"], year=2025)
    assert [(r.rank, r.unit.code) for r in comparison.rows] == [(1, C), (2, A), (3, B)]
    c_row = comparison.rows[0]
    assert figures(c_row) == (
        [Decimal("27.34"), Decimal(30), Decimal(15), Decimal("22.50")],
        Decimal("94.84"),
        "AA",
    )
    assert c_row.result.component("4").answered == 12  # 13 criteria, one unanswered
    # The stored figures of every signed report equal the recomputed ones.
    for row in comparison.rows:
        assert row.total == row.evaluation.total
        assert row.grade == row.evaluation.grade
        assert row.matches_stored


def test_the_year_table_sorts_by_unit_or_component(actors, evaluations, org):
    by_path = sorted((A, B, C), key=lambda code: org[code].path)
    rows = compare.year_comparison(user=actors["admin"], year=2025, sort="unit").rows
    assert [r.unit.code for r in rows] == by_path
    # Component 3: B 15 and C 15 (tie, tree order), then A 12.
    rows = compare.year_comparison(user=actors["admin"], year=2025, sort="c3").rows
    assert [r.unit.code for r in rows] == [*sorted((B, C), key=lambda code: org[code].path), A]
    assert [r.rank for r in rows][-1] == 2  # the rank stays the total's
    assert compare.year_comparison(user=actors["admin"], year=2025, sort="nonsense").sort == "rank"


def test_ties_share_a_rank(actors, make_evaluation):
    fill(make_evaluation(A, 2025), "B", total="80.00", grade="BB")
    fill(make_evaluation(B, 2025), "B", total="80.00", grade="BB")
    fill(make_evaluation(C, 2025), "C", total="60.00", grade="CC")
    ranks = [r.rank for r in compare.year_comparison(user=actors["admin"], year=2025).rows]
    assert ranks == [1, 1, 3]


def test_a_stored_total_that_differs_is_flagged(actors, login, make_evaluation, english):
    fill(make_evaluation(A, 2025), "B", total="81.00", grade="A")
    row = compare.unit_comparison(user=actors["admin"], code=A).rows[0]
    assert not row.matches_stored
    page = login(actors["admin"]).get(reverse("evaluation:compare_unit", kwargs={"code": A}))
    assert "stored 81.00" in page.content.decode()


def test_queries_do_not_grow_with_the_units(
    actors, evaluations, make_evaluation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        compare.year_comparison(user=actors["admin"], year=2025)
    fill(make_evaluation("PSDKP-BENOA", 2025), "D", total="40.00", grade="C")
    with django_assert_max_num_queries(8):
        assert len(compare.year_comparison(user=actors["admin"], year=2025).rows) == 4


# --- who sees what -----------------------------------------------------------------------------------


def test_operator_b_does_not_see_unit_a(actors, login, evaluations):
    client = login(actors["operator_b"])
    assert client.get(reverse("evaluation:compare_unit", kwargs={"code": A})).status_code == 404
    assert client.get(reverse("evaluation:compare_unit", kwargs={"code": B})).status_code == 200


@pytest.mark.parametrize(
    ("actor", "units"),
    [
        ("operator_b", [B]),
        ("operator_a", [A]),
        ("unit_head", [A]),
        ("inspector", [C, A, B]),
        ("leadership", [C, A, B]),
    ],
)
def test_the_year_table_shows_only_visible_units(actors, login, evaluations, actor, units):
    assert [r.unit.code for r in compare.year_comparison(user=actors[actor], year=2025).rows] == units
    html = (
        login(actors[actor]).get(reverse("evaluation:compare_year", kwargs={"year": 2025})).content.decode()
    )
    for code in (A, B, C):
        assert (f'data-unit="{code}"' in html) is (code in units)


def test_the_unit_page_shows_the_figures_and_the_chart(actors, login, evaluations, english):
    page = login(actors["operator_a"]).get(reverse("evaluation:compare_unit", kwargs={"code": A}))
    html = page.content.decode()
    assert page.status_code == 200
    for text in ('data-year="2024"', 'data-year="2025"', "78.00", "80.00", "+2.00", "73.33% of 30.00"):
        assert text in html
    assert 'id="dash-chart-data"' in html
    assert 'data-dash-chart="indicator"' in html
    assert page.context["chart"]["nko"] == [78.0, 80.0]
    assert page.context["chart"]["indicators"][0]["achievement"] == [73.33, 80.0]
    assert "<script>" not in html  # no inline script: the data is a json_script


def test_the_unit_page_without_signed_evaluations(actors, login, english):
    page = login(actors["operator_a"]).get(reverse("evaluation:compare_unit", kwargs={"code": A}))
    assert "The unit has no signed SAKIP evaluation yet." in page.content.decode()


def test_the_year_page_sorts_and_exports(actors, login, evaluations, english):
    client = login(actors["inspector"])
    url = reverse("evaluation:compare_year", kwargs={"year": 2025})
    html = client.get(url, {"sort": "c3"}).content.decode()
    assert html.index(f'data-unit="{A}"') > html.index(f'data-unit="{B}"')
    assert "export=xlsx" in html
    export = client.get(url, {"export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith('attachment; filename="evaluasi-akip-2025-')
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[1], float(r[-2]), r[-1]) for r in rows] == [
        (1, C, 94.84, "AA"),
        (2, A, 80.0, "BB"),
        (3, B, 66.64, "B"),
    ]
    assert client.get(reverse("evaluation:compare_year", kwargs={"year": 1999})).status_code == 404


# --- the API -----------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as


def test_api_worksheet_structure(actors, api, worksheet):
    client = api(actors["operator_a"])
    listing = client.get("/api/evaluation-worksheets/").json()["results"]
    assert [w["code"] for w in listing] == ["permenpanrb-88-2021"]
    detail = client.get("/api/evaluation-worksheets/permenpanrb-88-2021/").json()
    assert [c["weight"] for c in detail["components"]] == ["30.00", "30.00", "15.00", "25.00"]
    assert [g["grade"] for g in detail["grades"]] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert sum(len(s["criteria"]) for c in detail["components"] for s in c["subcomponents"]) == 80
    first = detail["components"][0]["subcomponents"][0]["criteria"][2]
    assert (first["code"], first["scale"], first["proof"]) == ("1.a.3", "YT", "renstra")
    assert client.get("/api/evaluation-worksheets/nothing/").status_code == 404


def test_api_comparisons(actors, api, evaluations):
    client = api(actors["inspector"])
    unit = client.get(f"/api/evaluation-comparison/units/{A}/").json()
    assert [(e["year"], e["total"], e["grade"], e["change"]) for e in unit["evaluations"]] == [
        (2024, "78.00", "BB", None),
        (2025, "80.00", "BB", "2.00"),
    ]
    assert [c["score"] for c in unit["evaluations"][0]["components"]] == ["22.00", "24.00", "12.00", "20.00"]
    year = client.get("/api/evaluation-comparison/years/2025/", {"sort": "unit"}).json()
    assert year["sort"] == "unit"
    assert {u["unit"]: (u["rank"], u["total"], u["stored_total"]) for u in year["units"]} == {
        A: (2, "80.00", "80.00"),
        B: (3, "66.64", "66.64"),
        C: (1, "94.84", "94.84"),
    }
    mine = api(actors["operator_b"])
    assert mine.get(f"/api/evaluation-comparison/units/{A}/").status_code == 404
    assert [u["unit"] for u in mine.get("/api/evaluation-comparison/years/2025/").json()["units"]] == [B]
