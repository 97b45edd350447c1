"""The index arithmetic: NRR, IKM, grade edges on the rounded value, Krejcie–Morgan, and agreement
with IK-20's formula in the catalogue."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.survey import ikm
from tests.formula.helpers import run

D = Decimal


def respondents(n: int, total: int) -> list[dict[str, int]]:
    """n respondents whose 9·n scores add up to `total` (as evenly as scores allow)."""
    cells = 9 * n
    base, extra = divmod(total, cells)
    scores = [base + (1 if i < extra else 0) for i in range(cells)]
    return [{f"u{j + 1}": scores[i * 9 + j] for j in range(9)} for i in range(n)]


def test_the_ordinary_case():
    rows = [{f"u{i}": 4 for i in range(1, 10)}, {f"u{i}": 3 for i in range(1, 10)}]
    result = ikm.compute(rows)
    assert result.respondents == 2
    assert result.nrr == {f"u{i}": D("3.50") for i in range(1, 10)}
    assert (result.ikm, result.grade, result.label) == (D("87.50"), "B", "Baik")


def test_nrr_rounds_only_at_the_end():
    # u1 mean 10/3 = 3.333… (shown 3.33); the index uses the exact mean.
    rows = [{**{f"u{i}": 4 for i in range(1, 10)}, "u1": s} for s in (3, 3, 4)]
    result = ikm.compute(rows)
    assert result.nrr["u1"] == D("3.33")
    # 25 × (10/3 + 8·4) / 9 = 98.148… → 98.15; the rounded NRR would have given 98.14.
    assert result.ikm == D("98.15")


def test_no_respondents_no_index():
    result = ikm.compute([])
    assert (result.respondents, result.ikm, result.grade, result.nrr) == (0, None, "", {})


@pytest.mark.parametrize(
    ("n", "total", "value", "grade"),
    [
        (43, 1367, "88.31", "A"),  # 88.3075 → 88.31
        (19, 604, "88.30", "B"),  # 88.3041 → 88.30
        (19, 524, "76.61", "B"),  # 76.6082 → 76.61
        (26, 717, "76.60", "C"),  # 76.6026 → 76.60
        (5, 117, "65.00", "C"),  # exactly 65
        (113, 2644, "65.00", "C"),  # 64.9951 → 65.00
        (58, 1357, "64.99", "D"),  # 64.9904 → 64.99
    ],
)
def test_grade_edges_on_the_rounded_index(n, total, value, grade):
    result = ikm.compute(respondents(n, total))
    assert (result.ikm, result.grade) == (D(value), grade)


@pytest.mark.parametrize(
    ("value", "grade", "label"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.305", "A", "Sangat Baik"),  # rounds half up to 88.31
        ("88.3049", "B", "Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.995", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_grade_of(value, grade, label):
    assert ikm.grade_of(D(value)) == (grade, label)


@pytest.mark.parametrize(
    ("population", "size"),
    # Krejcie & Morgan (1970), rounded up as the brief asks (their Table 1 rounds 44.3 to 44 at 50
    # and 217.5 to 217 at 500; every other value here equals the table).
    [(0, 0), (1, 1), (10, 10), (50, 45), (100, 80), (200, 132), (500, 218), (1000, 278), (10000, 370)],
)
def test_krejcie_morgan(population, size):
    assert ikm.sample_size(population) == size


def test_scores_are_integers_from_1_to_4():
    assert ikm.parse_score("u1", " 4 ") == 4
    for bad in ("0", "5", "3.5", "", "x", None, "-1"):
        with pytest.raises(ikm.ScoreError) as refused:
            ikm.parse_score("u3", bad)
        assert refused.value.column == "u3"


ROWS = st.lists(
    st.fixed_dictionaries({f"u{i}": st.integers(1, 4) for i in range(1, 10)}), min_size=1, max_size=60
)


@settings(max_examples=150, deadline=None)
@given(ROWS)
def test_the_same_index_as_ik20_in_the_catalogue(rows):
    engine = run("IK-20", "TW1", {"responden": rows})
    ours = ikm.compute(rows)
    assert ours.ikm == engine.value
    assert f"{ours.grade} {ours.label}" == engine.category
