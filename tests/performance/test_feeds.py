"""Inputs filled by another module: the same storage and locks as the entry page, no person."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.performance import feeds, services
from kinerja.performance.models import Realisation, Result, Submission
from tests.formula.helpers import WORKED_VESSEL as VESSEL

from .conftest import AFTER_TW1, IN_TW1

pytestmark = pytest.mark.django_db


def feed(plan, rows, *, today=IN_TW1, period="TW1"):
    return feeds.realisation_feed(
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period=period,
        input_name="kapal",
        rows=rows,
        source="test feed",
        today=today,
    )


@pytest.fixture
def fed_kapal(monkeypatch):
    monkeypatch.setattr(feeds, "_SOURCES", [])

    def source(unit, indicator, year, definition):
        return {"kapal": "the test feed"} if indicator.code == "IK-02" else {}

    feeds.register_source(source)
    feeds.register_source(source)
    assert len(feeds._SOURCES) == 1


def test_a_feed_writes_the_rows_and_the_results_follow(plan):
    outcome = feed(plan, [VESSEL])
    assert outcome == feeds.FeedOutcome(True)
    realisation = Realisation.objects.get(indicator=plan["ik02"], period="TW1")
    assert (realisation.value, realisation.updated_by) == (Decimal("87.67"), None)
    assert realisation.history.latest().history_change_reason == "feed: test feed"
    result = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="working")
    assert result.value == Decimal("87.67")


def test_the_same_rows_again_change_nothing_and_no_rows_leave_an_empty_period_alone(plan):
    assert feed(plan, []).written is False
    assert not Realisation.objects.exists()
    feed(plan, [VESSEL])
    version = Realisation.objects.get().row_version
    outcome = feed(plan, [VESSEL])
    assert (outcome.written, outcome.reason) == (False, "Unchanged.")
    assert Realisation.objects.get().row_version == version


def test_the_narrative_and_other_inputs_are_kept(plan, actors):
    services.realisation_save(
        actor=actors["operator_a"],
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period="TW1",
        inputs={"kapal": []},
        expected_version=0,
        progress="Patroli berjalan",
        today=IN_TW1,
    )
    assert feed(plan, [VESSEL]).written
    realisation = Realisation.objects.get()
    assert (realisation.progress, realisation.value) == ("Patroli berjalan", Decimal("87.67"))


def test_a_submitted_or_closed_quarter_is_left_alone(plan, actors):
    feed(plan, [VESSEL])
    Submission.objects.create(unit=plan["unit"], year=2026, quarter="TW1", status="submitted")
    outcome = feed(plan, [VESSEL, VESSEL])
    assert outcome.written is False
    assert "submitted" in outcome.reason
    Submission.objects.all().delete()
    outcome = feed(plan, [VESSEL, VESSEL], today=AFTER_TW1)
    assert (outcome.written, "closed" in outcome.reason) == (False, True)
    assert Realisation.objects.get().inputs["kapal"] == [VESSEL]


def test_an_operator_may_not_type_over_a_fed_input(plan, actors, fed_kapal):
    feed(plan, [VESSEL])
    realisation = Realisation.objects.get()
    with pytest.raises(ValidationError) as refused:
        services.realisation_save(
            actor=actors["operator_a"],
            unit=plan["unit"],
            indicator=plan["ik02"],
            year=2026,
            period="TW1",
            inputs={"kapal": [VESSEL, VESSEL]},
            expected_version=realisation.row_version,
            today=IN_TW1,
        )
    assert refused.value.message_dict == {
        "kapal": ["kapal is filled from the test feed and cannot be changed here."]
    }
    # The narrative with the same rows is the operator's to write.
    services.realisation_save(
        actor=actors["operator_a"],
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period="TW1",
        inputs={"kapal": [VESSEL]},
        expected_version=realisation.row_version,
        obstacles="Cuaca buruk",
        today=IN_TW1,
    )
    assert Realisation.objects.get().obstacles == "Cuaca buruk"


def test_the_entry_page_shows_a_fed_table_read_only_and_keeps_it_on_save(
    plan, actors, fed_kapal, client, clock
):
    from .test_views import realisation_url

    feed(plan, [VESSEL])
    client.force_login(actors["operator_a"])
    page = client.get(realisation_url(plan)).content.decode()
    assert "disabled data-fed" in page
    assert "Filled from the test feed (1 row)" in page
    # A disabled fieldset sends nothing: the stored rows are kept, the narrative is saved.
    version = Realisation.objects.get().row_version
    response = client.post(
        realisation_url(plan), {"t-period": "TW1", "row_version": version, "progress": "Survei berjalan"}
    )
    assert response.status_code == 302
    realisation = Realisation.objects.get()
    assert (realisation.progress, realisation.inputs["kapal"], realisation.value) == (
        "Survei berjalan",
        [VESSEL],
        Decimal("87.67"),
    )
    preview = client.post(realisation_url(plan) + "preview/", {"t-period": "TW1"}).content.decode()
    assert "87.67" in preview
