"""The what-if arithmetic: the answer, fed back through the aggregation and the engine's
achievement, reaches the target; "already reached" and "not reachable" are true statements."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.formula.indicator import TargetRange, achievement
from kinerja.performance.whatif import (
    Mode,
    Outcome,
    ValueRange,
    allowed_range,
    needed_value,
    reported_after,
)

D = Decimal


def reaches(aggregation, polarity, values, target, periods, x):
    reported = reported_after(aggregation, values, [x] * periods)
    return achievement(reported, target, polarity) >= 100


def test_cumulative_mean_next_quarter():
    # 70 and 80 so far, annual target 90: TW3 alone must bring the mean to 90 → 120, beyond 100 %.
    answer = needed_value(
        aggregation="cumulative_mean",
        polarity="maximize",
        values=[D(70), D(80)],
        target=D(90),
        remaining=2,
        allowed=ValueRange(D(0), D(100)),
    )
    assert answer.outcome is Outcome.UNREACHABLE
    # The same question over both remaining quarters: (70 + 80 + 2x) / 4 = 90 → x = 105, still not.
    each = needed_value(
        aggregation="cumulative_mean",
        polarity="maximize",
        values=[D(70), D(80)],
        target=D(90),
        remaining=2,
        mode=Mode.EACH,
        allowed=ValueRange(D(0), D(100)),
    )
    assert each.outcome is Outcome.UNREACHABLE
    # Without the cap, 105 in each of TW3 and TW4.
    uncapped = needed_value(
        aggregation="cumulative_mean",
        polarity="maximize",
        values=[D(70), D(80)],
        target=D(90),
        remaining=2,
        mode=Mode.EACH,
    )
    assert (uncapped.outcome, uncapped.low, uncapped.periods) == (Outcome.NEEDED, D("105.00"), 2)


def test_rounding_goes_the_safe_way():
    # (10 + x) / 2 = 33.333 → x = 56.666…; 56.67 is shown (56.66 would fall short).
    answer = needed_value(
        aggregation="cumulative_mean", polarity="maximize", values=[D(10)], target=D("33.333"), remaining=1
    )
    assert answer.low == D("56.67")
    low = needed_value(
        aggregation="cumulative_mean", polarity="minimize", values=[D(10)], target=D("33.333"), remaining=1
    )
    assert low.high == D("56.66")


def test_last_value_needs_the_target_itself_and_already_reached_and_no_period_left():
    answer = needed_value(aggregation="last", polarity="maximize", values=[D(95)], target=D(90), remaining=1)
    assert (answer.outcome, answer.low, answer.high) == (Outcome.NEEDED, D("90.00"), None)
    reached = needed_value(
        aggregation="cumulative_mean",
        polarity="maximize",
        values=[D(100), D(100), D(100)],
        target=D(75),
        remaining=1,
        allowed=ValueRange(D(0), D(100)),
    )
    assert reached.outcome is Outcome.ALREADY_REACHED  # even 0 at TW4 leaves the mean at 75
    final = needed_value(aggregation="last", polarity="maximize", values=[D(95)], target=D(90), remaining=0)
    assert (final.outcome, final.current) == (Outcome.NO_PERIOD_LEFT, D(95))
    assert needed_value(
        aggregation="last", polarity="maximize", values=[], target=None, remaining=2
    ).outcome is (Outcome.NO_TARGET)


def test_stabilize_gives_a_range():
    answer = needed_value(
        aggregation="cumulative_mean",
        polarity="stabilize",
        values=[D(10)],
        target=TargetRange(D(20), D(30)),
        remaining=1,
    )
    assert (answer.outcome, answer.low, answer.high) == (Outcome.NEEDED, D("30.00"), D("50.00"))


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ({"unit": "%"}, ValueRange(D(0), D(100))),
        ({"unit": "indeks"}, ValueRange(D(0), D(100))),
        ({"unit": "nilai"}, ValueRange(D(0), None)),
        ({"unit": "nilai", "x_value_max": 38}, ValueRange(D(0), D(38))),
        ({"unit": "%", "x_value_max": None, "x_value_min": -5}, ValueRange(D(-5), None)),
    ],
)
def test_allowed_range(definition, expected):
    assert allowed_range(definition) == expected


amounts = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(min_value=D("0.5"), max_value=150, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def questions(draw):
    polarity = draw(st.sampled_from(["maximize", "minimize", "stabilize"]))
    if polarity == "stabilize":
        low = draw(targets)
        target = TargetRange(low, low + draw(st.decimals(min_value=0, max_value=50, places=2)))
    else:
        target = draw(targets)
    capped = draw(st.booleans())
    return {
        "aggregation": draw(st.sampled_from(["cumulative_mean", "last", "sum"])),
        "polarity": polarity,
        "values": draw(st.lists(amounts, max_size=3)),
        "target": target,
        "remaining": draw(st.integers(min_value=1, max_value=4)),
        "mode": draw(st.sampled_from(list(Mode))),
        "allowed": ValueRange(D(0), D(100)) if capped else ValueRange(D(0), None),
    }


@settings(max_examples=400, deadline=None)
@given(questions())
def test_feeding_the_answer_back_reaches_the_target(q):
    answer = needed_value(**q)
    allowed, periods = q["allowed"], answer.periods
    args = (q["aggregation"], q["polarity"], q["values"], q["target"], periods)
    assert periods == (1 if q["mode"] is Mode.NEXT else q["remaining"])
    if answer.outcome is Outcome.NEEDED:
        for x in (answer.low, answer.high):
            if x is not None:
                assert allowed.contains(x)
                assert reaches(*args, x)
        # The figure is the least (or most) that works: a cent less (more) leaves the reported value
        # short of the target (the achievement's own rounding may still show 100.00 for a hair less).
        if q["polarity"] == "maximize" and answer.low - D("0.01") >= allowed.low:
            less = reported_after(q["aggregation"], q["values"], [answer.low - D("0.01")] * periods)
            assert less < q["target"]
        if q["polarity"] == "minimize" and answer.high + D("0.01") <= (allowed.high or D(10**6)):
            more = reported_after(q["aggregation"], q["values"], [answer.high + D("0.01")] * periods)
            assert more > q["target"]
    elif answer.outcome is Outcome.ALREADY_REACHED:
        assert reaches(*args, allowed.low)
        if allowed.high is not None:
            assert reaches(*args, allowed.high)
    else:
        # Not even the best allowed value brings the reported value to the target.
        assert answer.outcome is Outcome.UNREACHABLE
        target = q["target"]
        lowest = reported_after(q["aggregation"], q["values"], [allowed.low] * periods)
        highest = reported_after(q["aggregation"], q["values"], [allowed.high or D(10**6)] * periods)
        if q["polarity"] == "maximize":
            assert highest < target
        elif q["polarity"] == "minimize":
            assert lowest > target
        else:
            assert highest < target.low or lowest > target.high
