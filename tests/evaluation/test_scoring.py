"""The LKE arithmetic: criteria → sub-components → components → total → grade, by hand.

The specs are read straight from the shipped JSON (no database), so the hypothesis properties run
over the real 80-criterion worksheet of PermenPANRB 88/2021.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.evaluation import scoring, worksheet
from kinerja.evaluation.scoring import Band, ComponentSpec, SubSpec, grade_of, score, shown

DATA = worksheet.shipped_data()
COMPONENTS = [
    ComponentSpec(
        c["code"],
        Decimal(c["weight"]),
        [
            SubSpec(s["code"], Decimal(s["weight"]), [k["code"] for k in s["criteria"]])
            for s in c["subcomponents"]
        ],
    )
    for c in DATA["components"]
]
BANDS = [Band(g["grade"], None if g["above"] is None else Decimal(g["above"])) for g in DATA["grades"]]
SCALES = {s["code"]: [Decimal(o["value"]) for o in s["options"]] for s in DATA["scales"]}
OPTIONS = {s["code"]: {o["code"]: Decimal(o["value"]) for o in s["options"]} for s in DATA["scales"]}
CRITERIA = [k for c in DATA["components"] for s in c["subcomponents"] for k in s["criteria"]]
CODES = {
    s["code"]: [k["code"] for k in s["criteria"]] for c in DATA["components"] for s in c["subcomponents"]
}


def answers(sub: str, scale: str, letters: str) -> dict[str, Decimal]:
    """answers("1.a", "YT", "YYYTYT") → the option values of the sub-component's criteria, in order."""
    assert len(letters) == len(CODES[sub])
    return {code: OPTIONS[scale][letter] for code, letter in zip(CODES[sub], letters, strict=True)}


def top() -> dict[str, Decimal]:
    return {k["code"]: max(SCALES[k["scale"]]) for k in CRITERIA}


def one() -> list[ComponentSpec]:
    """A one-criterion worksheet worth 100: its total is 100 × the answer's value."""
    return [ComponentSpec("1", Decimal(100), [SubSpec("1.a", Decimal(100), ["x"])])]


# --- hand-computed cases ---------------------------------------------------------------------------


def test_perencanaan_pemenuhan_counts_the_yes_answers():
    result = score(COMPONENTS, answers("1.a", "YT", "YYYTYT"), BANDS)
    part = result.component("1").parts[0]
    assert part.code == "1.a"
    assert part.exact == Fraction(4)  # 6 × 4/6
    assert part.score == Decimal("4.00")
    assert part.percent == Decimal("66.67")
    assert (part.answered, part.criteria) == (6, 6)


def test_perencanaan_kualitas_is_nine_times_the_mean_shown_half_up():
    # A A A A A B B C C D E → 5 + 1.5 + 1 + 0.25 + 0 = 7.75; 9 × 7.75 / 11 = 6.3409…
    result = score(COMPONENTS, answers("1.b", "AE", "AAAAABBCCDE"), BANDS)
    part = result.component("1").parts[1]
    assert part.exact == Fraction(9) * Fraction(775, 100) / 11
    assert part.score == Decimal("6.34")


def test_a_component_is_the_sum_of_its_subcomponents_and_the_total_of_the_components():
    values = {
        **answers("1.a", "YT", "YYYTYT"),  # 4
        **answers("1.b", "AE", "AAAAABBCCDE"),  # 69.75/11
        **answers("1.c", "AE", "ABCDEABC"),  # 15 × 4.75/8 = 8.90625
        **answers("3.a", "YT", "YYYYYY"),  # 3
    }
    result = score(COMPONENTS, values, BANDS)
    component = result.component("1")
    assert component.exact == 4 + Fraction(6975, 1100) + Fraction(7125, 800)
    assert component.score == Decimal("19.25")  # 19.2471…
    assert result.component("3").score == Decimal("3.00")
    assert result.exact == component.exact + 3
    assert result.total == Decimal("22.25")
    assert result.grade == "D"
    assert (result.answered, result.criteria) == (31, 80)


def test_unanswered_criteria_count_zero():
    values = {code: Decimal(1) for code in CODES["1.c"][:4]}  # 4 of 8 answered A, 4 unanswered
    values[CODES["1.c"][4]] = None  # an explicit None is also unanswered
    part = score(COMPONENTS, values, BANDS).component("1").parts[2]
    assert part.exact == Fraction(15) * 4 / 8
    assert (part.answered, part.criteria) == (4, 8)
    assert score(COMPONENTS, {}, BANDS).total == Decimal("0.00")
    assert score(COMPONENTS, {}, BANDS).grade == "D"


def test_all_top_answers_score_100_aa():
    result = score(COMPONENTS, top(), BANDS)
    assert result.total == Decimal("100.00")
    assert result.grade == "AA"
    assert [c.score for c in result.components] == [Decimal(30), Decimal(30), Decimal(15), Decimal(25)]
    assert all(c.percent == Decimal("100.00") for c in result.components)


def test_all_b_and_yes_is_exactly_80_which_is_bb():
    values = {k["code"]: OPTIONS[k["scale"]]["Y" if k["scale"] == "YT" else "B"] for k in CRITERIA}
    result = score(COMPONENTS, values, BANDS)
    assert [c.score for c in result.components] == [Decimal(24), Decimal(24), Decimal(12), Decimal(20)]
    assert result.exact == 80
    assert result.grade == "BB"


# --- grades ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100.00", "AA"),
        ("90.01", "AA"),
        ("90.00", "A"),
        ("80.01", "A"),
        ("80.00", "BB"),
        ("70.01", "BB"),
        ("70.00", "B"),
        ("60.01", "B"),
        ("60.00", "CC"),
        ("50.01", "CC"),
        ("50.00", "C"),
        ("30.01", "C"),
        ("30.00", "D"),
        ("0.00", "D"),
    ],
)
def test_grade_edges_belong_to_the_band_below(total, grade):
    assert grade_of(Decimal(total), BANDS) == grade
    # The same through the whole arithmetic: one criterion worth 100.
    assert score(one(), {"x": Decimal(total) / 100}, BANDS).grade == grade


def test_the_bands_order_does_not_matter():
    assert grade_of(Decimal("85"), list(reversed(BANDS))) == "A"
    assert grade_of(Decimal("10"), list(reversed(BANDS))) == "D"


def test_rounding_is_half_up_and_the_grade_is_read_from_the_shown_total():
    # 100 × 0.90005 = 90.005 exactly: shown 90.01, so AA (the reader sees 90,01 and AA).
    up = score(one(), {"x": Decimal("0.90005")}, BANDS)
    assert up.exact == Fraction(90005, 1000)
    assert up.total == Decimal("90.01")
    assert up.grade == "AA"
    # 90.0049… is above 90 but shows 90.00: graded A, so nobody reads 90,00 next to AA.
    down = score(one(), {"x": Decimal("0.900049")}, BANDS)
    assert down.exact > 90
    assert down.total == Decimal("90.00")
    assert down.grade == "A"


def test_shown_rounds_half_up_not_to_even():
    assert shown(Fraction(1, 200)) == Decimal("0.01")  # 0.005
    assert shown(Fraction(2025, 1000)) == Decimal("2.03")  # banker's rounding would give 2.02
    assert shown(Fraction(2, 3)) == Decimal("0.67")
    assert shown(Fraction(1, 3)) == Decimal("0.33")


def test_a_component_without_weight_shows_zero_percent():
    empty = scoring.Scored("x", Decimal(0), Fraction(0), 0, 0)
    assert empty.percent == Decimal("0.00")


# --- properties over the shipped worksheet ---------------------------------------------------------


def answer_sets():
    """Any mix of answers (or none) on the shipped worksheet's own scales."""
    return st.fixed_dictionaries(
        {k["code"]: st.one_of(st.none(), st.sampled_from(SCALES[k["scale"]])) for k in CRITERIA}
    )


@settings(deadline=None)  # a loaded CI machine must not fail an exact property on time
@given(answer_sets())
def test_the_total_is_the_sum_of_the_components_exact_values_and_lies_in_0_100(values):
    result = score(COMPONENTS, values, BANDS)
    assert result.exact == sum((c.exact for c in result.components), Fraction(0))
    for component in result.components:
        assert component.exact == sum((p.exact for p in component.parts), Fraction(0))
        assert 0 <= component.exact <= Fraction(component.weight)
    assert 0 <= result.exact <= 100
    assert Decimal(0) <= result.total <= Decimal(100)
    assert result.grade == grade_of(result.total, BANDS)


@settings(deadline=None)
@given(answer_sets(), st.sampled_from(CRITERIA), st.data())
def test_raising_one_answer_never_lowers_the_total(values, criterion, data):
    before = score(COMPONENTS, values, BANDS)
    current = values[criterion["code"]]
    higher = [v for v in SCALES[criterion["scale"]] if current is None or v >= current]
    raised = {**values, criterion["code"]: data.draw(st.sampled_from(higher))}
    after = score(COMPONENTS, raised, BANDS)
    assert after.exact >= before.exact
    assert after.total >= before.total
    ranks = [b.grade for b in BANDS]
    assert ranks.index(after.grade) <= ranks.index(before.grade)
