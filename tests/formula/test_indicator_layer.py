"""The indicator layer: definitions as dicts, input validation, periods, achievement, status."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from kinerja.formula import (
    DefinitionError,
    EvaluationError,
    IndicatorDefinition,
    InputError,
    TargetRange,
    achievement,
    check_catalog,
    compute_periods,
    find_ref_cycles,
    status,
)
from tests.formula.helpers import D


def made_up(**overrides: Any) -> dict[str, Any]:
    """A small made-up indicator: value = x (quarterly, cumulative mean, maximize)."""
    data: dict[str, Any] = {
        "code": "X-01",
        "name": "Indikator contoh",
        "name_en": "Example indicator",
        "unit": "nilai",
        "periodicity": "quarter",
        "aggregation": "cumulative_mean",
        "polarity": "maximize",
        "inputs": [
            {"name": "x", "label_id": "Nilai x", "label_en": "Value x", "type": "number", "min": 0},
        ],
        "formula": "value = x\n",
    }
    data.update(overrides)
    return data


def compute(data: dict[str, Any], periods: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    definition = IndicatorDefinition.from_dict(data)
    results = compute_periods(definition, {"year": 2024, "periods": periods}, **kwargs)
    return {period: result.to_json() for period, result in results.items()}


def xs(*values: float | None, target: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for period, value in zip(("TW1", "TW2", "TW3", "TW4"), values, strict=False):
        entry: dict[str, Any] = {"inputs": None if value is None else {"x": value}}
        if target is not None:
            entry["target"] = target
        out[period] = entry
    return out


# --- achievement and status --------------------------------------------------------------
@pytest.mark.parametrize(
    ("reported", "target", "polarity", "expected"),
    [
        # maximize: reported / target x 100, clamped to [0, 120]
        (D(90), D(100), "maximize", D("90.00")),
        (D(150), D(100), "maximize", D("120.00")),
        (D(0), D(100), "maximize", D("0.00")),
        # the worked example: unrounded 87.666... vs 80 -> 109.583 -> 109.58 (not 109.59)
        (D(263) / D(3), D(80), "maximize", D("109.58")),
        # minimize: (2 - reported / target) x 100
        (D(90), D(100), "minimize", D("110.00")),
        (D(50), D(100), "minimize", D("120.00")),  # 150 clamped to 120
        (D(250), D(100), "minimize", D("0.00")),  # -50 clamped to 0
        (D(100), D(100), "minimize", D("100.00")),
        # stabilize [80, 90]: 100 inside, reported/low below, (2 - reported/high) above
        (D(85), TargetRange(D(80), D(90)), "stabilize", D("100.00")),
        (D(80), TargetRange(D(80), D(90)), "stabilize", D("100.00")),
        (D(90), TargetRange(D(80), D(90)), "stabilize", D("100.00")),
        (D(60), TargetRange(D(80), D(90)), "stabilize", D("75.00")),
        (D(99), TargetRange(D(80), D(90)), "stabilize", D("90.00")),
        (D(200), TargetRange(D(80), D(90)), "stabilize", D("0.00")),
        (None, D(80), "maximize", None),
        (D(80), None, "maximize", None),
    ],
)
def test_achievement(reported: Decimal | None, target: Any, polarity: str, expected: Decimal | None) -> None:
    assert achievement(reported, target, polarity) == expected


def test_achievement_refuses_a_target_of_the_wrong_kind() -> None:
    with pytest.raises(EvaluationError):
        achievement(D(1), D(0), "maximize")
    with pytest.raises(EvaluationError):
        achievement(D(1), D(5), "stabilize")
    with pytest.raises(EvaluationError):
        achievement(D(1), TargetRange(D(1), D(2)), "maximize")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("120"), "green"),
        (D("100"), "green"),
        (D("99.99"), "yellow"),
        (D("80"), "yellow"),
        (D("79.99"), "red"),
        (D("0"), "red"),
        (None, None),
    ],
)
def test_status(value: Decimal | None, expected: str | None) -> None:
    assert status(value) == expected


# --- aggregation over periods ------------------------------------------------------------
def test_cumulative_mean_skips_periods_without_value() -> None:
    out = compute(made_up(), xs(80, 90, None, 70, target=80))
    # TW1 80; TW2 (80+90)/2 = 85; TW3 no data: mean of TW1, TW2 = 85; TW4 (80+90+70)/3 = 80
    assert [out[p]["value"] for p in out] == [80, 90, None, 70]
    assert [out[p]["reported"] for p in out] == [80, 85, 85, 80]
    assert [out[p]["achievement"] for p in out] == [100, 106.25, 106.25, 100]
    assert [out[p]["status"] for p in out] == ["green", "green", "green", "green"]


def test_cumulative_mean_uses_unrounded_values() -> None:
    # (1/3 + 1/3 + 1/3) / 3 is 1/3; with rounded values it would still be 0.33, but the
    # achievement vs 0.3 shows the difference: 111.11 (unrounded) vs 110.00 (rounded).
    data = made_up(formula="value = x / 3\n")
    out = compute(data, xs(1, 1, 1, target=0.3))
    assert out["TW3"]["reported"] == 0.33
    assert out["TW3"]["achievement"] == 111.11


def test_last_and_sum_aggregations() -> None:
    last = compute(made_up(aggregation="last"), xs(80, 90, None, 70))
    assert [last[p]["reported"] for p in last] == [80, 90, None, 70]
    running = compute(made_up(aggregation="sum"), xs(1, 2, None, 4))
    assert [running[p]["reported"] for p in running] == [1, 3, 3, 7]


def test_minimize_and_stabilize_indicators() -> None:
    out = compute(made_up(polarity="minimize"), xs(90, 10, target=100))
    # TW1 (2 - 90/100) x 100 = 110 green; TW2 reported 50 -> 150 -> clamped 120
    assert (out["TW1"]["achievement"], out["TW1"]["status"]) == (110, "green")
    assert out["TW2"]["achievement"] == 120
    stable = compute(
        made_up(polarity="stabilize", aggregation="last"),
        xs(85, 60, 99, 200, target={"low": 80, "high": 90}),
    )
    assert [stable[p]["achievement"] for p in stable] == [100, 75, 90, 0]
    assert [stable[p]["status"] for p in stable] == ["green", "red", "yellow", "red"]
    assert stable["TW1"]["target"] == {"low": 80, "high": 90}


def test_outputs_are_rounded_half_up_to_two_decimals() -> None:
    out = compute(made_up(aggregation="last"), xs(2.345, 2.355, target=3))
    assert out["TW1"]["value"] == 2.35
    assert out["TW2"]["value"] == 2.36
    result = compute_periods(IndicatorDefinition(made_up()), {"periods": xs(2.345)})["TW1"]
    assert result.value == D("2.35")
    assert result.value.as_tuple().exponent == -2


def test_an_evaluation_error_is_a_cell_error_and_blocks_later_cumulative_values() -> None:
    data = made_up(formula="value = 100 / x\n")
    out = compute(data, xs(4, 0, 5))
    assert out["TW1"]["value"] == 25
    assert "error" not in out["TW1"]
    assert out["TW2"]["value"] is None
    assert out["TW2"]["error"]["code"] == "division_by_zero"
    assert out["TW2"]["error"]["period"] == "TW2"
    assert out["TW3"]["value"] == 20
    assert out["TW3"]["reported"] is None
    assert out["TW3"]["error"]["code"] == "prior_period_error"


def test_ref_resolver_and_catalog_checks() -> None:
    data = made_up(formula='value = x + ref("Y-01")\n')
    seen: list[tuple[str, str]] = []

    def resolver(code: str, period: str) -> Decimal | None:
        seen.append((code, period))
        return D(10) if period == "TW1" else None

    out = compute(data, xs(1, 2), ref_resolver=resolver)
    assert out["TW1"]["value"] == 11
    assert out["TW2"]["error"]["code"] == "ref_unavailable"
    assert seen == [("Y-01", "TW1"), ("Y-01", "TW2")]
    a = IndicatorDefinition(made_up(code="A", formula='value = x + ref("B")\n'))
    b = IndicatorDefinition(made_up(code="B", formula='value = ref("C")\n'))
    c = IndicatorDefinition(made_up(code="C", formula='value = ref("A") + ref("Z")\n'))
    assert find_ref_cycles([a, b, c]) == [["A", "B", "C", "A"]]
    codes = [(p.code, p.indicator) for p in check_catalog([a, b, c, a])]
    assert ("duplicate_code", "A") in codes
    assert ("ref_unknown", "C") in codes
    assert ("ref_cycle", "A") in codes
    cycle = next(p for p in check_catalog([a, b, c]) if p.code == "ref_cycle")
    assert "A -> B -> C -> A" in cycle.message_en


def test_json_output_shape_matches_the_cli_contract() -> None:
    out = compute(
        made_up(
            category_band={"table": "grade"},
            bands={
                "grade": [
                    {"lower": None, "upper": 50, "upper_inclusive": False, "label": "Kurang"},
                    {"lower": 50, "lower_inclusive": True, "upper": None, "label": "Baik"},
                ]
            },
        ),
        xs(87.666, target=80),
    )
    assert out == {
        "TW1": {
            "value": 87.67,
            "reported": 87.67,
            "category": "Baik",
            "target": 80,
            "achievement": 109.58,
            "status": "green",
        }
    }
    json.dumps(out)  # plain JSON


# --- input validation --------------------------------------------------------------------
def refused(data: dict[str, Any], periods: Any) -> list[Any]:
    with pytest.raises(InputError) as info:
        compute(data, periods)
    return list(info.value.problems)


def test_refused_inputs_name_indicator_period_and_field() -> None:
    (problem,) = refused(made_up(), {"TW2": {"inputs": {"x": -1}}})
    assert (problem.code, problem.indicator, problem.period, problem.field) == (
        "input_below_min",
        "X-01",
        "TW2",
        "x",
    )
    assert problem.message_id.startswith("X-01 TW2, isian x:")
    assert problem.message_en.startswith("X-01 TW2, field x:")
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": "12"}}})] == ["input_not_number"]
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": True}}})] == ["input_not_number"]
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {}}})] == ["input_missing"]
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": 1, "y": 2}}})] == [
        "input_unknown_field"
    ]
    assert [p.code for p in refused(made_up(), {"S1": {"inputs": {"x": 1}}})] == ["input_unknown_period"]
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": float("inf")}}})] == [
        "input_not_number"
    ]
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": 10**18}}})] == ["input_not_number"]


def test_nothing_is_computed_from_half_valid_input() -> None:
    problems = refused(made_up(), {"TW1": {"inputs": {"x": 5}}, "TW2": {"inputs": {"x": "?"}}})
    assert [(p.code, p.period) for p in problems] == [("input_not_number", "TW2")]


def test_bad_targets_and_payloads() -> None:
    assert [p.code for p in refused(made_up(), {"TW1": {"inputs": {"x": 1}, "target": 0}})] == [
        "input_bad_target"
    ]
    assert [p.field for p in refused(made_up(), {"TW1": {"target": {"low": 1, "high": 2}}})] == ["target"]
    stable = made_up(polarity="stabilize")
    assert [p.code for p in refused(stable, {"TW1": {"target": 80}})] == ["input_bad_target"]
    assert [p.code for p in refused(stable, {"TW1": {"target": {"low": 9, "high": 2}}})] == [
        "input_bad_target"
    ]
    with pytest.raises(InputError):
        compute_periods(IndicatorDefinition(made_up()), [])
    with pytest.raises(InputError):
        compute_periods(IndicatorDefinition(made_up()), {"periods": {}, "unit": "x"})
    with pytest.raises(InputError):
        compute_periods(IndicatorDefinition(made_up()), {"periods": {"TW1": {"input": {}}}})


def test_tables_rows_defaults_and_constraints() -> None:
    data = made_up(
        inputs=[
            {
                "name": "t",
                "label_id": "Tabel",
                "label_en": "Table",
                "type": "table",
                "max_rows": 3,
                "columns": [
                    {"name": "n", "label_id": "n", "label_en": "n", "type": "integer", "min": 0},
                    {
                        "name": "on",
                        "label_id": "on",
                        "label_en": "on",
                        "type": "boolean",
                        "required": False,
                        "default": True,
                    },
                    {
                        "name": "c",
                        "label_id": "c",
                        "label_en": "c",
                        "type": "choice",
                        "options": [{"value": "a", "label": "A", "score": 1}],
                    },
                ],
            },
            {
                "name": "total",
                "label_id": "Total",
                "label_en": "Total",
                "type": "integer",
                "min": 0,
            },
        ],
        constraints=[
            {
                "rule": "sum(t.n) <= total",
                "message_id": "Jumlah n melebihi total.",
                "message_en": "The sum of n exceeds the total.",
            },
            {
                "table": "t",
                "rule": "n < 100",
                "message_id": "n terlalu besar.",
                "message_en": "n is too large.",
            },
        ],
        formula="value = sum(t: n where on) / total * 100\n",
        aggregation="last",
    )
    out = compute(
        data,
        {"TW1": {"inputs": {"t": [{"n": 2, "c": "a"}, {"n": 3, "on": False, "c": "a"}], "total": 5}}},
    )
    assert out["TW1"]["value"] == 40  # 2 / 5: the default on=True applies to row 1 only
    problems = refused(
        data, {"TW1": {"inputs": {"t": [{"n": 1.5, "c": "z"}, {"c": "a", "x": 1}], "total": 4}}}
    )
    assert [(p.code, p.field, p.row) for p in problems] == [
        ("input_not_integer", "t.n", 1),
        ("input_bad_choice", "t.c", 1),
        ("input_unknown_field", "t.x", 2),
        ("input_missing", "t.n", 2),
    ]
    assert problems[0].message_en == "X-01 TW1, table t row 1 column n: must be a whole number, not 1.5."
    assert (
        problems[0].message_id == "X-01 TW1, tabel t baris 1 kolom n: harus berupa bilangan bulat, bukan 1.5."
    )
    (too_many,) = refused(data, {"TW1": {"inputs": {"t": [{"n": 1, "c": "a"}] * 4, "total": 9}}})
    assert too_many.code == "input_row_count"
    (constraint,) = refused(data, {"TW1": {"inputs": {"t": [{"n": 5, "c": "a"}], "total": 4}}})
    assert constraint.code == "constraint_failed"
    assert constraint.field == "t, total"
    assert constraint.message_en.endswith("The sum of n exceeds the total.")
    (row_rule,) = refused(
        data, {"TW1": {"inputs": {"t": [{"n": 1, "c": "a"}, {"n": 200, "c": "a"}], "total": 500}}}
    )
    assert (row_rule.code, row_rule.row) == ("constraint_failed", 2)


# --- definitions ---------------------------------------------------------------------------
def test_definition_round_trips_as_json() -> None:
    data = made_up()
    definition = IndicatorDefinition.from_dict(data)
    assert definition.to_dict() == data
    assert json.loads(json.dumps(definition.to_dict())) == data
    assert definition.check() == []
    assert definition.is_valid


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"code": ""}, "code"),
        ({"periodicity": "monthly"}, "periodicity"),
        ({"aggregation": "median"}, "aggregation"),
        ({"polarity": "up"}, "polarity"),
        ({"colour": "red"}, ""),
        ({"assessment_period": "TW3"}, "assessment_period"),  # only for year indicators
        (
            {"inputs": [{"name": "X!", "label_id": "x", "label_en": "x", "type": "number"}]},
            "inputs[0].name",
        ),
        (
            {"inputs": [{"name": "x", "label_id": "x", "label_en": "x", "type": "float"}]},
            "inputs[0](x)",
        ),
        (
            {
                "inputs": [
                    {
                        "name": "x",
                        "label_id": "x",
                        "label_en": "x",
                        "type": "number",
                        "min": 5,
                        "max": 1,
                    }
                ]
            },
            "inputs[0](x).min",
        ),
        (
            {"inputs": [{"name": "x", "label_id": "x", "label_en": "x", "type": "choice", "options": []}]},
            "inputs[0](x).options",
        ),
        (
            {"inputs": [{"name": "target", "label_id": "x", "label_en": "x", "type": "number"}]},
            "inputs[0].name",
        ),
        (
            {"inputs": [{"name": "x", "label_id": "", "label_en": "x", "type": "number"}]},
            "inputs[0](x).label_id",
        ),
        (
            {"inputs": [{"name": "x", "label_id": "x", "label_en": "x", "type": "boolean", "default": 3}]},
            "inputs[0](x).default",
        ),
        ({"category_band": {"table": "nope"}}, "category_band.table"),
        ({"category_band": {"source": "formula"}}, "category_band"),
        (
            {"constraints": [{"rule": "x >", "message_id": "a", "message_en": "b"}]},
            "constraints[0]",
        ),
    ],
)
def test_definition_problems_are_reported_not_raised(change: dict[str, Any], where: str) -> None:
    data = made_up(**change)
    definition = IndicatorDefinition.from_dict(data)
    errors = [p for p in definition.check() if p.is_error]
    assert errors, change
    assert where in [p.where for p in errors]
    assert all(p.message_id and p.message_en for p in errors)
    with pytest.raises(DefinitionError) as info:
        compute_periods(definition, {"periods": {}})
    assert info.value.code == "definition_invalid"


def test_formula_problems_surface_in_definition_check() -> None:
    definition = IndicatorDefinition(made_up(formula="value = x +\ny = zz\n"))
    assert [(p.code, p.line, p.where) for p in definition.check()] == [
        ("unexpected_token", 1, "formula"),
        ("unknown_name", 2, "formula"),
    ]
    unused = IndicatorDefinition(made_up(formula="value = 1\n"))
    assert [(p.code, p.severity) for p in unused.check()] == [("unused_input", "warning")]
    assert unused.is_valid


def test_definition_is_not_shared_with_the_caller() -> None:
    data = made_up()
    definition = IndicatorDefinition(data)
    data["formula"] = "value = x * 2\n"
    saved = definition.to_dict()
    saved["name"] = "changed"
    assert definition.to_dict() == made_up() != copy.deepcopy(data)


def test_input_problems_are_capped() -> None:
    rows = [{"n": "x"}] * 500
    data = made_up(
        inputs=[
            {
                "name": "t",
                "label_id": "t",
                "label_en": "t",
                "type": "table",
                "columns": [{"name": "n", "label_id": "n", "label_en": "n", "type": "number"}],
            }
        ],
        formula="value = sum(t.n)\n",
    )
    problems = refused(data, {"TW1": {"inputs": {"t": rows}}})
    assert len(problems) == 101
    assert problems[-1].code == "too_many_problems"
