"""Invitations, the one-answer rule, token hashing, validation, populations and the summary."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from kinerja.notifications.models import Notification
from kinerja.survey import selectors, services
from kinerja.survey.models import SurveyInvitation, SurveyResponse
from kinerja.workflows import services as workflows
from kinerja.workflows.models import ClockEvent, RequestStatus, ServiceRequest

from .conftest import answers, wib

pytestmark = pytest.mark.django_db


def test_the_bureau_services_are_ensured_once_under_biro_perencanaan(org, bureau):
    assert set(bureau) == {"validasi", "verifikasi", "pendampingan"}
    assert {s.unit.code for s in bureau.values()} == {"ROREN"}
    assert bureau["validasi"].name_en == "Validation of performance indicators"
    again = services.bureau_services_ensure()
    assert sorted(s.pk for s in again) == sorted(s.pk for s in bureau.values())


def test_delivery_sends_a_one_time_link_and_keeps_only_its_hash(
    delivered, actors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        token = services.survey_invite_for_request(request=delivered)
    invitation = SurveyInvitation.objects.get()
    assert invitation.token_hash == services.token_hash(token) != token
    assert token not in invitation.token_hash
    # Tarakan's operator and head are asked; the e-mail carries the link, the in-app notice does not.
    assert {m.to[0] for m in mail.outbox} == {"operator_a@example.invalid", "unit_head@example.invalid"}
    assert f"/survey/r/{token}/" in mail.outbox[0].body
    notice = Notification.objects.get(user=actors["operator_a"])
    assert notice.url == "/survey/request/PDP-2026-0042/"
    assert token not in notice.body
    assert services.survey_invite_for_request(request=delivered) is None  # once per request
    assert SurveyInvitation.objects.count() == 1


def test_request_deliver_invites(actors, org, bureau):
    request = ServiceRequest.objects.create(
        number="VAL-2026-0009",
        kind="validasi",
        unit=org["PSDKP-TARAKAN"],
        year=2027,
        origin="unit_request",
        status=RequestStatus.SIGNING,
        opened_by=actors["planner"],
        limit_minutes=600,
        received_at=wib(2026, 4, 6, 9),
    )
    ClockEvent.objects.create(request=request, kind="start", at=wib(2026, 4, 6, 9), actor=actors["planner"])
    workflows.request_deliver(actor=actors["planner"], request=request, at=wib(2026, 4, 7, 9))
    assert SurveyInvitation.objects.get().request == request


def test_an_open_request_is_not_invited(delivered):
    ServiceRequest.objects.filter(pk=delivered.pk).update(status=RequestStatus.IN_SERVICE)
    delivered.refresh_from_db()
    assert services.survey_invite_for_request(request=delivered) is None


def test_one_answer_per_request(delivered):
    token = services.survey_invite_for_request(request=delivered)
    invitation = selectors.invitation_by_token(token)
    services.response_submit(service=invitation.service, answers=answers(), invitation=invitation)
    with pytest.raises(ValidationError, match="already been rated"):
        services.response_submit(service=invitation.service, answers=answers(u1=1), invitation=invitation)
    assert SurveyResponse.objects.get().request == delivered


def test_a_race_past_the_check_meets_the_unique_constraint(delivered, monkeypatch):
    """Two submits that both passed the 'already answered?' check: the database keeps one."""
    token = services.survey_invite_for_request(request=delivered)
    invitation = selectors.invitation_by_token(token)
    services.response_submit(service=invitation.service, answers=answers(), invitation=invitation)
    real_filter = SurveyResponse.objects.filter

    class Blind:
        def exists(self):
            return False

    monkeypatch.setattr(
        SurveyResponse.objects,
        "filter",
        lambda *a, **k: Blind() if "request_id" in k else real_filter(*a, **k),
    )
    with pytest.raises(ValidationError, match="already been rated"):
        services.response_submit(service=invitation.service, answers=answers(), invitation=invitation)
    monkeypatch.undo()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_record_one_answer(delivered):
    token = services.survey_invite_for_request(request=delivered)
    invitation = selectors.invitation_by_token(token)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait(timeout=5)
            services.response_submit(service=invitation.service, answers=answers(), invitation=invitation)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert SurveyResponse.objects.filter(request=delivered).count() == 1


def test_a_wrong_token_reveals_nothing(delivered):
    services.survey_invite_for_request(request=delivered)
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.invitation_by_token("not-the-token")
    with pytest.raises(Http404):
        selectors.invitation_by_token(SurveyInvitation.objects.get().token_hash)  # the hash is no token


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"u3": 5}, "u3"),
        ({"u9": "x"}, "u9"),
        ({"u1": None}, "u1"),
        ({"age": 7}, "age"),
        ({"age": "", "age_band": ""}, "age"),
        ({"sex": "X"}, "sex"),
        ({"education": "S4"}, "education"),
        ({"occupation": "astronaut"}, "occupation"),
        ({"suggestion": "x" * 2001}, "suggestion"),
    ],
)
def test_refusals_name_the_field(tarakan_service, change, field):
    with pytest.raises(ValidationError) as refused:
        services.response_submit(service=tarakan_service, answers=answers(**change))
    assert field in refused.value.message_dict
    assert not SurveyResponse.objects.exists()


def test_an_age_band_instead_of_an_age(tarakan_service):
    response = services.response_submit(service=tarakan_service, answers=answers(age="", age_band="50+"))
    assert (response.age, response.age_band) == (None, "50+")
    assert services.response_submit(service=tarakan_service, answers=answers(age=42)).age_band == "40-49"


def test_registration_and_population_need_change_rights(actors, org, tarakan_service):
    for name in ("operator_b", "planner", "inspector"):
        with pytest.raises(PermissionDenied):
            services.service_create(actor=actors[name], unit=org["PSDKP-TARAKAN"], code="x", name="X")
        with pytest.raises(PermissionDenied):
            services.population_set(
                actor=actors[name], service=tarakan_service, year=2026, period="TW1", population=10
            )
    with pytest.raises(ValidationError) as taken:
        services.service_create(
            actor=actors["unit_head"], unit=org["PSDKP-TARAKAN"], code="pelanggaran", name="Y"
        )
    assert "code" in taken.value.message_dict
    services.population_set(
        actor=actors["unit_head"], service=tarakan_service, year=2026, period="TW1", population=100
    )
    assert selectors.population_of(tarakan_service, 2026, "TW1") == 100
    assert selectors.population_of(tarakan_service, 2026, "TAHUN") == 100  # the quarters add up


def test_the_bureau_population_is_the_requests_delivered(delivered, bureau, actors):
    with pytest.raises(ValidationError) as refused:
        services.population_set(
            actor=actors["admin"], service=bureau["pendampingan"], year=2026, period="TW1", population=5
        )
    assert "population" in refused.value.message_dict
    year = delivered.delivered_at.year
    assert selectors.population_of(bureau["pendampingan"], year, "TAHUN") == 1
    assert selectors.population_of(bureau["validasi"], year, "TAHUN") == 0


def test_results_and_the_summary_for_the_evaluation_report(delivered, bureau):
    service = bureau["pendampingan"]
    services.response_submit(service=service, answers=answers(), at=wib(2026, 2, 1, 10))
    services.response_submit(
        service=service, answers=answers(**{f"u{i}": 3 for i in range(1, 10)}), at=wib(2026, 5, 1, 10)
    )
    tw1 = selectors.service_result(service, 2026, "TW1")
    assert (tw1.result.respondents, tw1.result.ikm, tw1.result.grade) == (1, Decimal("100.00"), "A")
    year = selectors.service_result(service, 2026, "TAHUN")
    assert (year.result.respondents, year.result.ikm) == (2, Decimal("87.50"))
    assert dict(year.profile["sex"])["Female"] == 2
    summary = selectors.ikm_summary(
        standard_code="pendampingan", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )
    assert (summary.respondents, summary.ikm, summary.grade, summary.label) == (
        1,
        Decimal("100.00"),
        "A",
        "Sangat Baik",
    )
    empty = selectors.ikm_summary(
        standard_code="validasi", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert (empty.respondents, empty.ikm, empty.grade) == (0, None, "")


def test_the_quarter_is_the_jakarta_date(tarakan_service):
    # 31 March 18:00 UTC is 1 April 01:00 in Jakarta: TW2.
    at = datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)
    services.response_submit(service=tarakan_service, answers=answers(), at=at)
    assert selectors.service_result(tarakan_service, 2026, "TW1").result.respondents == 0
    assert selectors.service_result(tarakan_service, 2026, "TW2").result.respondents == 1
