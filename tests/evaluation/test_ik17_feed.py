"""IK-17 filled from the recommendations: the exact figures per quarter, the quarters left alone,
the years without recommendations, the command and the task.

Stasiun PSDKP Tarakan's PK 2026 holds IK-17 (quarterly) and IK-13. Its evaluation of 2025 is signed
on 10 February 2026 with four recommendations: one completed on 20 March, two more on 15 June.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from kinerja.evaluation import recommendations as services
from kinerja.evaluation.feed import fed_source, feed_refresh, tally
from kinerja.evaluation.models import EvaluationState, Recommendation
from kinerja.evaluation.tasks import recommendations_feed_task
from kinerja.performance.feeds import fed_inputs, year_formula
from kinerja.performance.models import Realisation, Submission
from tests.dashboards.conftest import agreement_for, open_year

from .recommendation_world import complete, signed_recommendations, wib

pytestmark = pytest.mark.usefixtures("english")

YEAR = 2026
TARGETS = {"TW1": "100", "TW2": "100", "TW3": "100", "TW4": "100"}
APRIL = datetime.date(2026, 4, 5)  # TW1's entry is open until 15 April, TW2's since 1 April


@pytest.fixture
def pk(catalog, org):
    unit = org["PSDKP-TARAKAN"]
    ik17, ik13 = catalog[("PSDKP-TARAKAN", "IK-17")], catalog[("PSDKP-TARAKAN", "IK-13")]
    open_year(YEAR)
    agreement_for(unit, [(ik17, ik17.sasaran, 100, TARGETS), (ik13, ik13.sasaran, 80, TARGETS)])
    return {"unit": unit, "ik17": ik17, "ik13": ik13}


@pytest.fixture
def four(pk, make_evaluation, actors):
    evaluation = make_evaluation(year=2025, state=EvaluationState.SUBMITTED)
    rows = signed_recommendations(evaluation, actors["inspector"], 4, wib(2026, 2, 10, 10, 0))
    complete(rows[0], wib(2026, 3, 20, 14, 0))
    complete(rows[1], wib(2026, 6, 15, 9, 0))
    complete(rows[2], wib(2026, 6, 15, 9, 30))
    return rows


def stored(pk, period):
    return Realisation.objects.get(unit=pk["unit"], indicator=pk["ik17"], year=YEAR, period=period)


def test_each_quarter_gets_its_cumulative_figures(pk, four):
    fed = feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)
    assert [
        (f.indicator.code, f.period, f.tally.followed, f.tally.total, f.outcome.written) for f in fed
    ] == [
        ("IK-17", "TW1", 1, 4, True),
        ("IK-17", "TW2", 3, 4, True),
    ]
    tw1, tw2 = stored(pk, "TW1"), stored(pk, "TW2")
    assert tw1.inputs == {"rekomendasi_ditindaklanjuti": 1, "rekomendasi_total": 4}
    assert (tw1.state, tw1.value) == ("value", Decimal("25.00"))
    assert (tw2.state, tw2.value) == ("value", Decimal("75.00"))
    assert tw1.history.first().history_change_reason == "feed: evaluation"
    # IK-13 takes other inputs and is not touched.
    assert not Realisation.objects.filter(indicator=pk["ik13"]).exists()
    # Nothing changed: nothing written.
    assert {f.outcome.reason for f in feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)} == {"Unchanged."}


def test_the_count_is_taken_at_each_quarters_last_day(pk, four):
    unit = pk["unit"]
    assert tally(unit=unit, year=YEAR, until=datetime.date(2026, 2, 9)).total == 0
    assert tally(unit=unit, year=YEAR, until=datetime.date(2026, 2, 10)).total == 4
    # 15 June 09:00 WIB is 02:00 UTC: the local day counts, not the UTC one.
    assert tally(unit=unit, year=YEAR, until=datetime.date(2026, 6, 14)).followed == 1
    assert tally(unit=unit, year=YEAR, until=datetime.date(2026, 6, 15)).followed == 3


def test_the_quarters_up_to_today_are_fed(pk, four):
    later = feed_refresh(unit=pk["unit"], year=YEAR, today=datetime.date(2026, 7, 3))
    assert [(f.period, f.outcome.written) for f in later] == [("TW1", False), ("TW2", True), ("TW3", True)]
    assert later[0].outcome.reason == "Entry for TW1 closed on 2026-04-15."
    assert stored(pk, "TW3").value == Decimal("75.00")
    assert feed_refresh(unit=pk["unit"], year=YEAR, today=datetime.date(2025, 12, 31)) == []
    # After the year every quarter is tried; the closed ones say why.
    after = feed_refresh(unit=pk["unit"], year=YEAR, today=datetime.date(2027, 3, 1))
    assert [f.period for f in after] == ["TW1", "TW2", "TW3", "TW4"]
    assert [f.outcome.written for f in after] == [False, False, False, False]


def test_a_verified_quarter_is_left_alone_with_the_reason(pk, four):
    feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)
    Submission.objects.create(unit=pk["unit"], year=YEAR, quarter="TW1", status="verified")
    complete(four[3], wib(2026, 3, 25, 8, 0))
    fed = {f.period: f for f in feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)}
    assert (fed["TW1"].tally.followed, fed["TW1"].outcome.written) == (2, False)
    assert fed["TW1"].outcome.reason == "The quarter is verified and locked; only a planner can reopen it."
    assert stored(pk, "TW1").value == Decimal("25.00")
    assert (fed["TW2"].outcome.written, stored(pk, "TW2").value) == (True, Decimal("100.00"))


def test_a_quarter_without_recommendations_is_not_fed(pk, make_evaluation, actors):
    evaluation = make_evaluation(year=2025, state=EvaluationState.SUBMITTED)
    signed_recommendations(evaluation, actors["inspector"], 2, wib(2026, 5, 4, 10, 0))
    fed = feed_refresh(unit=pk["unit"], year=YEAR, today=datetime.date(2026, 5, 10))
    assert [(f.period, f.tally.total, f.outcome.written, f.outcome.reason) for f in fed] == [
        ("TW1", 0, False, "No recommendations yet."),
        ("TW2", 2, True, ""),
    ]
    assert stored(pk, "TW2").value == Decimal("0.00")
    assert not Realisation.objects.filter(indicator=pk["ik17"], period="TW1").exists()


def test_a_year_without_recommendations_is_entered_by_hand(pk, actors):
    fed = feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)
    assert [f.outcome.reason for f in fed] == ["No recommendations yet.", "No recommendations yet."]
    assert not Realisation.objects.filter(indicator=pk["ik17"]).exists()
    assert fed_source(pk["unit"], pk["ik17"], YEAR, year_formula(pk["ik17"], YEAR)) == {}
    assert fed_inputs(unit=pk["unit"], indicator=pk["ik17"], year=YEAR) == {}


def test_older_recommendations_are_carried_over_until_completed(pk, make_evaluation, actors):
    inspector = actors["inspector"]
    old = signed_recommendations(
        make_evaluation(year=2024, state=EvaluationState.SUBMITTED), inspector, 3, wib(2025, 3, 1, 10, 0)
    )
    complete(old[0], wib(2025, 12, 1, 10, 0))  # completed in 2025: not part of 2026
    complete(old[1], wib(2026, 1, 20, 10, 0))  # completed in 2026: counted, and followed
    counts = tally(unit=pk["unit"], year=YEAR, until=datetime.date(2026, 3, 31))
    assert (counts.followed, counts.total) == (1, 2)
    counts = tally(unit=pk["unit"], year=2025, until=datetime.date(2025, 12, 31))
    assert (counts.followed, counts.total) == (1, 3)
    # Another unit's recommendations never count.
    bitung = make_evaluation(code="PSDKP-BITUNG", year=2025, state=EvaluationState.SUBMITTED)
    signed_recommendations(bitung, inspector, 5, wib(2026, 2, 1, 10, 0))
    assert tally(unit=pk["unit"], year=YEAR, until=datetime.date(2026, 3, 31)).total == 2


def test_unsigned_recommendations_do_not_count(pk, make_evaluation, actors):
    evaluation = make_evaluation(year=2025, state=EvaluationState.SUBMITTED)
    services.recommendation_add(
        actor=actors["inspector"], evaluation=evaluation, component_code="1", text="x"
    )
    assert tally(unit=pk["unit"], year=YEAR, until=datetime.date(2026, 12, 31)).total == 0


def test_the_indicator_is_recognised_by_its_inputs_not_its_code(pk, four):
    ik17 = pk["ik17"]
    ik17.code = "IK-71"
    ik17.save(update_fields=["code"])
    fed = feed_refresh(unit=pk["unit"], year=YEAR, today=APRIL)
    assert [(f.indicator.code, f.outcome.written) for f in fed] == [("IK-71", True), ("IK-71", True)]


def test_fed_inputs_are_not_typed_over(pk, four, actors):
    label = "Filled from the SAKIP evaluation's recommendations"
    expected = {"rekomendasi_ditindaklanjuti": label, "rekomendasi_total": label}
    assert fed_source(pk["unit"], pk["ik17"], YEAR, year_formula(pk["ik17"], YEAR)) == expected
    assert fed_inputs(unit=pk["unit"], indicator=pk["ik17"], year=YEAR) == expected
    assert fed_source(pk["unit"], pk["ik13"], YEAR, year_formula(pk["ik13"], YEAR)) == {}
    assert fed_source(pk["unit"], pk["ik17"], 2025, year_formula(pk["ik17"], 2025)) == {}


def test_accepting_a_follow_up_refreshes_the_feed(pk, four, actors):
    row = four[3]
    Recommendation.objects.filter(pk=row.pk).update(status="followed_up")
    with time_machine.travel(wib(2026, 4, 6, 10, 0), tick=False):
        feed_refresh(unit=pk["unit"], year=YEAR)
        assert stored(pk, "TW2").value == Decimal("75.00")
        services.recommendation_accept(
            actor=actors["inspector"], recommendation=row, expected_version=row.row_version
        )
    assert stored(pk, "TW2").value == Decimal("100.00")
    assert stored(pk, "TW1").value == Decimal("25.00")  # accepted after 31 March


def test_issuing_feeds_the_signing_year(pk, make_evaluation, actors):
    evaluation = make_evaluation(year=2025, state=EvaluationState.SUBMITTED)
    services.recommendation_add(
        actor=actors["inspector"], evaluation=evaluation, component_code="1", text="x"
    )
    with time_machine.travel(wib(2026, 2, 10, 10, 0), tick=False):
        evaluation.state, evaluation.signed_at = EvaluationState.SIGNED, wib(2026, 2, 10, 10, 0)
        evaluation.save()
        services.recommendations_issue(evaluation=evaluation)
    tw1 = stored(pk, "TW1")
    assert (tw1.inputs, tw1.value) == (
        {"rekomendasi_ditindaklanjuti": 0, "rekomendasi_total": 1},
        Decimal("0.00"),
    )


def test_the_command_prints_each_quarter(pk, four):
    out = StringIO()
    with time_machine.travel(wib(2026, 4, 5, 10, 0), tick=False):
        call_command("recommendations_feed", unit="PSDKP-TARAKAN", year=YEAR, stdout=out)
        call_command("recommendations_feed", unit="PSDKP-TARAKAN", year=YEAR, stdout=out)
    figures = (
        "rekomendasi_ditindaklanjuti=1 rekomendasi_total=4",
        "rekomendasi_ditindaklanjuti=3 rekomendasi_total=4",
    )
    assert out.getvalue().splitlines() == [
        f"PSDKP-TARAKAN IK-17 2026 TW1: written ({figures[0]})",
        f"PSDKP-TARAKAN IK-17 2026 TW2: written ({figures[1]})",
        f"PSDKP-TARAKAN IK-17 2026 TW1: not written ({figures[0]}): Unchanged.",
        f"PSDKP-TARAKAN IK-17 2026 TW2: not written ({figures[1]}): Unchanged.",
    ]


def test_the_command_says_why_nothing_was_written(pk, org):
    out = StringIO()
    with time_machine.travel(wib(2026, 4, 5, 10, 0), tick=False):
        call_command("recommendations_feed", unit="PSDKP-TARAKAN", year=YEAR, stdout=out)
    assert out.getvalue().splitlines() == [
        "PSDKP-TARAKAN IK-17 2026 TW1: not written: No recommendations yet.",
        "PSDKP-TARAKAN IK-17 2026 TW2: not written: No recommendations yet.",
    ]
    with pytest.raises(CommandError):
        call_command("recommendations_feed", unit="PSDKP-BITUNG", year=YEAR, stdout=StringIO())


def test_the_command_names_a_pk_without_the_indicator(catalog, org):
    ik13 = catalog[("PSDKP-TARAKAN", "IK-13")]
    open_year(YEAR)
    agreement_for(org["PSDKP-TARAKAN"], [(ik13, ik13.sasaran, 80, TARGETS)])
    out = StringIO()
    call_command("recommendations_feed", unit="PSDKP-TARAKAN", year=YEAR, stdout=out)
    assert out.getvalue().strip() == (
        "PSDKP-TARAKAN 2026: no indicator of the PK takes rekomendasi_ditindaklanjuti and rekomendasi_total"
    )


def test_the_task(pk, four):
    with time_machine.travel(wib(2026, 4, 5, 10, 0), tick=False):
        assert recommendations_feed_task.call(unit_id=pk["unit"].pk, year=YEAR) == [
            "IK-17 TW1: written",
            "IK-17 TW2: written",
        ]
