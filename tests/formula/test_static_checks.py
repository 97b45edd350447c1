"""Static checks on save: every problem, with position, machine code and both languages."""

from __future__ import annotations

import pytest

from kinerja.formula import BandTable, Field, Problem, Schema, check_formula
from kinerja.formula.limits import MAX_DEPTH, MAX_FORMULA_LENGTH
from tests.formula.helpers import SCHEMA


def problems(text: str, result: str = "any") -> list[tuple[str, int, int]]:
    """(code, line, column) of the errors of ``text``."""
    found = check_formula(text, SCHEMA, result=result)  # type: ignore[arg-type]
    for p in found:
        assert (p.message_id and p.message_en and p.message_id != p.message_en) or p.code in {
            "unknown_name",
            "unknown_function",
        }
    return [(p.code, p.line, p.column) for p in found if p.is_error]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # syntax
        ("a +", ("unexpected_token", 1, 4)),
        ("(a + b", ("unclosed_paren", 1, 7)),
        ("a $ b", ("bad_character", 1, 3)),
        ("1.2.3", ("bad_number", 1, 1)),
        ("12abc", ("bad_number", 1, 1)),
        ('"open', ("unterminated_string", 1, 1)),
        ("1 < 2 < 3", ("comparison_chain", 1, 7)),
        ("a\nb", ("expression_not_last", 1, 1)),
        ("value = 1\n2", ("value_twice", 2, 1)),
        ("x = 1", ("missing_value", 0, 0)),
        ("", ("formula_empty", 1, 1)),
        ("1" * 19 + "", ("number_too_large", 1, 1)),
        ("0." + "1" * 29, ("too_many_digits", 1, 1)),
        ("sqrt(a where 1)", ("aggregate_form", 1, 8)),
        # names
        ("a + zz", ("unknown_name", 1, 5)),
        ("y = x\nx = 1\ny", ("used_before_definition", 1, 5)),
        ("foo(1)", ("unknown_function", 1, 1)),
        ("a(1)", ("not_a_function", 1, 1)),
        ("a = 1\n2", ("binding_shadows_input", 1, 1)),
        ("x = 1\nx = 2\nx", ("duplicate_binding", 2, 1)),
        ("target = 1\n2", ("reserved_name", 1, 1)),
        ("a.b", ("unknown_table", 1, 1)),
        ("sum(rows.nope)", ("unknown_column", 1, 5)),
        ("rows.x", ("column_outside_aggregate", 1, 1)),
        ("rows + 1", ("table_as_value", 1, 1)),
        ("mean(rows)", ("aggregate_needs_column", 1, 1)),
        ("count(rows.x)", ("count_form", 1, 1)),
        ("sum(a)", ("unknown_table", 1, 5)),
        ("rows.x = 1\n2", ("duplicate_binding", 1, 6)),
        ("nope.x = 1\n2", ("unknown_table", 1, 6)),
        # arguments and types
        ("min(a)", ("wrong_arg_count", 1, 1)),
        ("clamp(a, 1)", ("wrong_arg_count", 1, 1)),
        ("if(a, 1, 2)", ("condition_not_boolean", 1, 4)),
        ('"x" + 1', ("type_mismatch", 1, 1)),
        ("a + flag", ("type_mismatch", 1, 5)),
        ("not a", ("condition_not_boolean", 1, 5)),
        ('if(flag, 1, "x")', ("type_mismatch", 1, 13)),
        ("a == flag", ("type_mismatch", 1, 3)),
        ("sum(rows: ok)", ("type_mismatch", 1, 1)),
        ("count(rows where x)", ("condition_not_boolean", 1, 18)),
        ("score(a)", ("score_needs_choice", 1, 7)),
        ("score(plain)", ("choice_without_score", 1, 7)),
        ('level == "S9"', ("unknown_choice_value", 1, 10)),
        ('count(rows where kind == "X")', ("unknown_choice_value", 1, 26)),
        ("weighted(0.5: a, 0.4: b)", ("weights_sum", 1, 1)),
        ("weighted(a: a, 0.4: b)", ("weight_not_literal", 1, 10)),
        ('band(a, "nope")', ("unknown_band_table", 1, 9)),
        ("band(a, note)", ("literal_required", 1, 9)),
        ("ref(note)", ("literal_required", 1, 5)),
        ("round(a, 11)", ("round_digits", 1, 10)),
        ("round(a, b)", ("round_digits", 1, 10)),
        ("a ^ 13", ("exponent_too_large", 1, 5)),
        ("a ^ 0.5", ("exponent_too_large", 1, 5)),
        ("a / 0", ("division_by_zero", 1, 3)),
        ("ratio(a, 0)", ("ratio_zero_target", 1, 10)),
        ("1 / (2 - 2)", ("division_by_zero", 1, 3)),  # constant folding reports it
        ("10 ^ 12 * 10 ^ 12", ("overflow", 1, 9)),
        ("clamp(1, 3, 2)", ("clamp_bounds", 1, 1)),
        ("flag", None),  # result kind "any": fine
    ],
)
def test_each_static_problem_has_its_position(text: str, expected: tuple[str, int, int] | None) -> None:
    found = problems(text)
    if expected is None:
        assert found == []
    else:
        assert expected in found, found


def test_result_types() -> None:
    assert ("result_type", 1, 1) in problems("flag", result="number")
    assert problems("flag", result="boolean") == []
    assert ("result_type", 1, 1) in problems("value = a > 1", result="number")


def test_all_problems_are_returned_not_only_the_first() -> None:
    text = "x = a +\ny = foo(1)\nz = zz * 2\nw = weighted(0.5: a, 0.6: b)\nvalue = if(a, 1, 2)"
    found = problems(text)
    assert [code for code, _, _ in found] == [
        "unexpected_token",
        "unknown_function",
        "unknown_name",
        "weights_sum",
        "condition_not_boolean",
    ]
    assert [line for _, line, _ in found] == [1, 2, 3, 4, 5]


def test_warnings() -> None:
    found = check_formula("x = 1\nvalue = a + ratio(b, t0) + ratio_s(b, c)", SCHEMA)
    warnings = {(p.code, p.line, p.column) for p in found if not p.is_error}
    assert ("unused_binding", 1, 1) in warnings
    assert ("ratio_situational", 2, 22) in warnings
    assert ("ratio_not_situational", 2, 39) in warnings
    unused = {p.where for p in found if p.code == "unused_input"}
    assert unused == {"flag", "level", "plain", "rows", "other"}  # text inputs are exempt
    assert all(p.severity == "warning" for p in found)


def test_column_shadowing_warns() -> None:
    schema = Schema({"x": Field.number(), "t": Field.table({"x": Field.number()})})
    found = check_formula("sum(t: x) + x", schema)
    assert [(p.code, p.severity) for p in found] == [("column_shadows_name", "warning")]


def test_limits_are_static_errors() -> None:
    assert problems("1" * (MAX_FORMULA_LENGTH + 1)) == [("formula_too_long", 1, 1)]
    deep = "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    assert problems(deep)[0][0] == "too_deep"
    ok = "(" * (MAX_DEPTH - 2) + "1" + ")" * (MAX_DEPTH - 2)
    assert problems(ok) == []
    long_chain = " + ".join(["a"] * (MAX_DEPTH + 2))
    assert problems(long_chain)[0][0] == "too_deep"


def test_messages_are_bilingual_and_positioned() -> None:
    (problem,) = [p for p in check_formula("x = 1\nvalue = zz", SCHEMA) if p.is_error]
    assert isinstance(problem, Problem)
    assert problem.message_id == "Nama tidak dikenal: zz."
    assert problem.message_en == "Unknown name: zz."
    assert problem.to_dict() == {
        "code": "unknown_name",
        "severity": "error",
        "message_id": "Nama tidak dikenal: zz.",
        "message_en": "Unknown name: zz.",
        "line": 2,
        "column": 9,
    }
    (mismatch,) = [p for p in check_formula('"x" + 1', SCHEMA) if p.is_error]
    assert "diharapkan angka, ditemukan teks" in mismatch.message_id
    assert "expected number, found text" in mismatch.message_en


def test_band_table_checks() -> None:
    def codes(bands: list[dict[str, object]]) -> list[tuple[str, str]]:
        table, structural = BandTable.from_json("t", bands)
        return [(p.code, p.severity) for p in structural + table.check()]

    good = [
        {"lower": None, "upper": 50, "upper_inclusive": False, "label": "a"},
        {"lower": 50, "lower_inclusive": True, "upper": None, "label": "b"},
    ]
    assert codes(good) == []
    overlap = [
        {"lower": None, "upper": 50, "upper_inclusive": True, "label": "a"},
        {"lower": 50, "lower_inclusive": True, "upper": None, "label": "b"},
    ]
    assert codes(overlap) == [("band_overlap", "error")]
    unordered = [
        {"lower": 50, "upper": 60, "label": "b"},
        {"lower": 0, "upper": 10, "label": "a"},
    ]
    assert ("band_unordered", "error") in codes(unordered)
    crossing = [
        {"lower": 0, "upper": 60, "label": "a"},
        {"lower": 50, "upper": 70, "label": "b"},
    ]
    assert ("band_overlap", "error") in codes(crossing)
    gap = [
        {"lower": None, "upper": 50, "upper_inclusive": False, "label": "a"},
        {"lower": 50, "lower_inclusive": False, "upper": None, "label": "b"},
    ]
    assert codes(gap) == [("band_gap", "warning")]
    assert ("band_bad_edge", "error") in codes([{"lower": 5, "upper": 1, "label": "x"}])
    assert ("band_gap_end", "warning") in codes([{"lower": 0, "upper": None, "label": "x"}])
    assert codes([]) == [("band_empty", "error")]
    assert ("spec_invalid", "error") in codes([{"lower": "zero", "label": "x"}])
    assert ("spec_invalid", "error") in codes([{"lower": 0, "colour": "red"}])


def test_band_without_score_or_label() -> None:
    table = BandTable.from_json("t", [{"lower": None, "upper": None, "label": "all"}])[0]
    schema = Schema({"a": Field.number()}, {"t": table})
    assert [p.code for p in check_formula('band(a, "t")', schema)] == ["band_without_score"]
    unlabeled = BandTable.from_json("u", [{"lower": None, "upper": None, "score": 1}])[0]
    schema = Schema({"a": Field.number()}, {"u": unlabeled})
    assert [p.code for p in check_formula('label(a, "u")', schema, result="text")] == ["band_without_label"]
