"""Tarakan's IK-20 `responden` filled from the survey: after each answer, and from the button."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.performance import feeds
from kinerja.performance.models import Realisation, Submission
from kinerja.survey import feed, services
from kinerja.survey.models import SurveyFeed

from .conftest import SCORES, answers, wib

pytestmark = pytest.mark.django_db

IN_TW1 = wib(2026, 4, 10, 10)  # inside TW1's entry window (1 January – 15 April 2026)


@pytest.fixture
def survey_feed(ik20_plan, actors, tarakan_service):
    other = services.service_create(
        actor=actors["operator_a"], unit=ik20_plan["unit"], code="informasi", name="Layanan informasi"
    )
    services.service_create(
        actor=actors["operator_a"], unit=ik20_plan["unit"], code="lain", name="Tidak dihitung"
    )
    return services.feed_set(
        actor=actors["operator_a"],
        unit=ik20_plan["unit"],
        indicator=ik20_plan["ik20"],
        services=[tarakan_service, other],
    )


def test_each_answer_refreshes_the_quarter(
    survey_feed, ik20_plan, tarakan_service, django_capture_on_commit_callbacks
):
    with time_machine.travel(IN_TW1, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 2, 3, 9))
        with django_capture_on_commit_callbacks(execute=True):
            services.response_submit(
                service=tarakan_service, answers=answers(**dict.fromkeys(SCORES, 3)), at=wib(2026, 3, 3, 9)
            )
    realisation = Realisation.objects.get(indicator=ik20_plan["ik20"], period="TW1")
    assert realisation.inputs["responden"] == [SCORES, dict.fromkeys(SCORES, 3)]
    assert str(realisation.value) == "87.5000"
    assert realisation.history.latest().history_change_reason == "feed: survey"


def test_only_the_feeds_services_and_the_quarter_count(survey_feed, ik20_plan, tarakan_service):
    other = services.bureau_services_ensure()[0]
    lain = survey_feed.unit.surveyed_services.get(code="lain")
    services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 1, 5, 9))
    services.response_submit(service=lain, answers=answers(u1=1), at=wib(2026, 1, 5, 9))
    services.response_submit(service=other, answers=answers(u1=1), at=wib(2026, 1, 5, 9))
    services.response_submit(service=tarakan_service, answers=answers(u2=1), at=wib(2026, 4, 1, 0, 30))
    assert feed.feed_rows(survey_feed, 2026, "TW1") == [SCORES]


def test_a_locked_quarter_is_left_untouched(survey_feed, ik20_plan, tarakan_service):
    services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 2, 3, 9))
    with time_machine.travel(IN_TW1, tick=False):
        ((_feed, first),) = feed.feed_refresh(unit=ik20_plan["unit"], year=2026, period="TW1")
        assert first.written
        Submission.objects.create(unit=ik20_plan["unit"], year=2026, quarter="TW1", status="submitted")
        services.response_submit(service=tarakan_service, answers=answers(u1=1), at=wib(2026, 2, 4, 9))
        ((_feed, second),) = feed.feed_refresh(unit=ik20_plan["unit"], year=2026, period="TW1")
    assert (second.written, "submitted" in second.reason) == (False, True)
    assert Realisation.objects.get(indicator=ik20_plan["ik20"]).inputs["responden"] == [SCORES]


def test_the_entry_page_is_told_the_input_is_fed(survey_feed, ik20_plan):
    assert feed.fed_source in feeds._SOURCES
    fed = feeds.fed_inputs(unit=ik20_plan["unit"], indicator=ik20_plan["ik20"], year=2026)
    assert fed == {"responden": "Filled from the satisfaction survey"}


def test_the_refresh_button(login, actors, survey_feed, ik20_plan, tarakan_service):
    services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 2, 3, 9))
    url = reverse("survey:feed_refresh", kwargs={"pk": survey_feed.pk})
    assert login(actors["planner"]).post(url, {"year": 2026, "period": "TW1"}).status_code == 403
    assert login(actors["operator_b"]).post(url, {"year": 2026, "period": "TW1"}).status_code == 404
    with time_machine.travel(IN_TW1, tick=False):
        done = login(actors["operator_a"]).post(url, {"year": 2026, "period": "TW1"}, follow=True)
    assert "IK-20 TW1 2026: filled from the survey." in done.text
    assert Realisation.objects.get(indicator=ik20_plan["ik20"]).inputs["responden"] == [SCORES]
    assert SurveyFeed.objects.count() == 1


def test_the_staff_set_up_the_feed(login, actors, ik20_plan, tarakan_service, catalog):
    client = login(actors["operator_a"])
    page = client.get(reverse("survey:manage"))
    assert "Fill an indicator from the survey" in page.text
    done = client.post(
        reverse("survey:feed_create"), {"indicator": ik20_plan["ik20"].pk, "services": [tarakan_service.pk]}
    )
    assert done.status_code == 302
    survey_feed = SurveyFeed.objects.get()
    assert (survey_feed.input_name, list(survey_feed.services.all())) == ("responden", [tarakan_service])
    # An indicator without a questionnaire table is not offered, and the service refuses it.
    ik02 = catalog[("PSDKP-TARAKAN", "IK-02")]
    refused = client.post(
        reverse("survey:feed_create"), {"indicator": ik02.pk, "services": [tarakan_service.pk]}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    with pytest.raises(ValidationError) as wrong:
        services.feed_set(actor=actors["operator_a"], unit=ik20_plan["unit"], indicator=ik02, services=[])
    assert "indicator" in wrong.value.message_dict


def test_the_results_page_shows_what_fills_the_indicator(client, survey_feed, ik20_plan, tarakan_service):
    other = survey_feed.services.get(code="informasi")
    services.response_submit(service=tarakan_service, answers=answers(), at=wib(2026, 2, 3, 9))
    threes = answers(**dict.fromkeys(SCORES, 3))
    services.response_submit(service=other, answers=threes, at=wib(2026, 2, 4, 9))
    page = client.get(reverse("survey:results") + "?year=2026&period=TW1")
    assert 'data-feed-result="IK-20"' in page.text
    assert "data-feed-ikm>87.50<" in page.text  # both services pooled, as IK-20 computes them
