"""IK-16 filled from the self-assessment through the performance app's feed door."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from kinerja.assessment.checks import self_assessment
from kinerja.assessment.feed import fed_source, feed_refresh
from kinerja.assessment.tasks import assessment_refresh_task
from kinerja.performance.feeds import fed_inputs, year_formula
from kinerja.performance.models import Realisation, Result, Submission

from .conftest import YEAR

pytestmark = pytest.mark.usefixtures("english")


def test_the_feed_writes_the_assessment_into_ik16_at_tw3(unit_data):
    unit, ik16 = unit_data["unit"], unit_data["ik16"]
    [(indicator, outcome)] = feed_refresh(unit=unit, year=YEAR)
    assert (indicator, outcome.written) == (ik16, True)
    stored = Realisation.objects.get(unit=unit, indicator=ik16, year=YEAR, period="TW3")
    a = self_assessment(unit=unit, year=YEAR)
    assert stored.state == "value"
    assert stored.value == a.value
    assert stored.inputs["kesesuaian_c"] is True
    assert stored.inputs["npss"] == [{"nilai": 100}, {"nilai": 100}]
    assert stored.history.first().history_change_reason == "feed: assessment"
    result = Result.objects.get(unit=unit, indicator=ik16, year=YEAR, period="TW3", basis="working")
    assert result.value == a.value
    # A second refresh with nothing changed writes nothing.
    assert feed_refresh(unit=unit, year=YEAR)[0][1].reason == "Unchanged."


def test_the_feed_keeps_the_narrative_and_follows_a_change(unit_data):
    unit, ik16 = unit_data["unit"], unit_data["ik16"]
    feed_refresh(unit=unit, year=YEAR)
    Realisation.objects.filter(indicator=ik16).update(progress="Dinilai mandiri")
    Submission.objects.filter(year=YEAR, quarter="TW1").update(status="returned", return_reason="x")
    assert feed_refresh(unit=unit, year=YEAR)[0][1].written
    stored = Realisation.objects.get(indicator=ik16, year=YEAR, period="TW3")
    assert stored.inputs["kesesuaian_d"] is False
    assert stored.progress == "Dinilai mandiri"


def test_a_submitted_quarter_is_left_alone(unit_data):
    Submission.objects.create(unit=unit_data["unit"], year=YEAR, quarter="TW3", status="submitted")
    [(_indicator, outcome)] = feed_refresh(unit=unit_data["unit"], year=YEAR)
    assert not outcome.written
    assert outcome.reason
    assert not Realisation.objects.filter(indicator=unit_data["ik16"]).exists()


def test_a_closed_window_is_left_alone(unit_data):
    [(_indicator, outcome)] = feed_refresh(
        unit=unit_data["unit"], year=YEAR, today=datetime.date(2026, 11, 1)
    )
    assert not outcome.written


def test_no_verified_score_no_feed(unit_data):
    Submission.objects.filter(year=YEAR).delete()
    from kinerja.performance.results import results_recompute

    results_recompute(unit_ids=[unit_data["unit"].pk], year=YEAR, basis="verified")
    [(_indicator, outcome)] = feed_refresh(unit=unit_data["unit"], year=YEAR)
    assert not outcome.written
    assert outcome.reason == "No verified quarterly score yet."


def test_fed_inputs_are_declared_for_ik16_only(unit_data):
    unit = unit_data["unit"]
    fed = fed_inputs(unit=unit, indicator=unit_data["ik16"], year=YEAR)
    assert set(fed) >= {"pk", "kesesuaian_h", "npss"}
    assert fed["npss"] == "Filled from the SAKIP self-assessment"
    assert fed_source(unit, unit_data["ik13"], YEAR, year_formula(unit_data["ik13"], YEAR)) == {}


def test_task_and_command(unit_data):
    assert assessment_refresh_task.call(unit_id=unit_data["unit"].pk, year=YEAR) == ["IK-16: written"]
    out = StringIO()
    call_command("assessment_refresh", "--year", str(YEAR), "--unit", "PSDKP-TARAKAN", stdout=out)
    assert out.getvalue() == "PSDKP-TARAKAN IK-16 2026: Unchanged.\n"
