"""The score: the page's three parts add up to what the formula engine computes with IK-16's
definition in the catalogue, for any count of documents, comparisons and quarterly scores."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.assessment.checks import (
    COMPARISONS,
    DOCUMENTS,
    Assessment,
    Item,
    QuarterScore,
    catalogue_definition,
    is_self_assessment,
)
from kinerja.formula.decimals import round_half_up
from tests.formula.helpers import catalog, run

SCORES = st.decimals(min_value=0, max_value=120, places=2, allow_nan=False, allow_infinity=False)


def assessment(documents: int, comparisons: int, scores: list[Decimal]) -> Assessment:
    docs = tuple(Item(key, key, i < documents, "") for i, key in enumerate(DOCUMENTS))
    comps = tuple(Item(key, key, i < comparisons, "") for i, key in enumerate(COMPARISONS))
    npss = tuple(QuarterScore(q, s) for q, s in zip(("TW1", "TW2", "TW3", "TW4"), scores, strict=False))
    return Assessment(None, 2026, "TW3", docs, comps, npss)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 6), st.integers(0, 8), st.lists(SCORES, min_size=1, max_size=4))
def test_the_value_is_the_engines_and_the_parts_add_up(documents, comparisons, scores):
    a = assessment(documents, comparisons, scores)
    engine = run("IK-16", "TW3", a.inputs).value
    exact = (
        Decimal(30) * documents / 6
        + Decimal(30) * comparisons / 8
        + Decimal(40) * sum(scores) / len(scores) / 120
    )
    assert a.value == engine == round_half_up(exact)
    assert (a.documents_present, a.comparisons_matched) == (documents, comparisons)
    assert abs(a.documents_part + a.comparisons_part + a.npss_part - a.value) <= Decimal("0.02")


def test_edges():
    assert assessment(0, 0, [Decimal(0)]).value == Decimal(0)
    assert assessment(6, 8, [Decimal(120)] * 4).value == Decimal(100)
    assert assessment(6, 8, [Decimal(60)]).value == Decimal(80)
    assert assessment(3, 4, [Decimal(90), Decimal(100)]).value == Decimal("61.67")  # 15 + 15 + 31.67
    empty = assessment(6, 8, [])
    assert (empty.value, empty.npss_part, empty.npss_mean) == (None, None, None)


def test_the_catalogue_definition_is_ik16_and_recognised_by_its_inputs():
    assert catalogue_definition().to_dict() == catalog()["IK-16"].to_dict()
    assert is_self_assessment(catalogue_definition().to_dict())
    assert not is_self_assessment(catalog()["IK-20"].to_dict())
    assert not is_self_assessment({"inputs": [{"name": "pk", "type": "boolean"}]})
