"""The service-clock watch: one warning at the standard's mark, one notice once late, never twice."""

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_assign, user_create
from kinerja.notifications.models import Notification
from kinerja.workflows import services
from kinerja.workflows.models import Portfolio, ServiceStandard, ServiceTeam
from kinerja.workflows.tasks import watch_service_clocks_task
from kinerja.workflows.watch import service_clocks_watch

from .conftest import wib
from .helpers import fresh, tick_and_submit

pytestmark = pytest.mark.django_db

# A validation (24 service hours) received on Monday 2 March 2026 at 07:30, a week without holidays.
# Monday and Tuesday give 8.5 h each: 75 % (18 h) is reached on Wednesday at 08:30, 100 % at 14:30.
RECEIVED = wib(2026, 3, 2, 7, 30)
WARN = wib(2026, 3, 4, 8, 30)
LIMIT = wib(2026, 3, 4, 14, 30)
NOTHING = {"warned": 0, "late": 0}


@pytest.fixture
def request_in_service(actors, org, plain_hooks):
    Portfolio.objects.create(planner=actors["planner"], unit=org["PSDKP-TARAKAN"], is_lead=True)
    request = services.request_open(
        actor=actors["planner"], kind="validasi", unit=org["PSDKP-TARAKAN"], year=2026
    )
    assert request.limit_minutes == 24 * 60
    return tick_and_submit(request, actors["planner"], at=RECEIVED)


def clock_keys(user):
    return set(
        Notification.objects.filter(user=user, event_key__startswith="request-clock").values_list(
            "event_key", flat=True
        )
    )


@override_settings(LANGUAGE_CODE="en")
def test_warned_once_at_the_mark_and_once_when_late(actors, request_in_service):
    planner, pk = actors["planner"], request_in_service.pk
    assert service_clocks_watch(now=wib(2026, 3, 3, 16, 0)) == NOTHING  # 17 h
    assert service_clocks_watch(now=wib(2026, 3, 4, 8, 29)) == NOTHING  # 17 h 59 min
    assert clock_keys(planner) == set()

    assert service_clocks_watch(now=WARN) == {"warned": 1, "late": 0}
    warning = Notification.objects.get(user=planner, event_key=f"request-clock-75:{pk}")
    assert warning.title == f"{request_in_service.number} is nearing its time limit"
    assert "has used 75% of its time limit" in warning.body
    assert warning.level == "warning"
    assert warning.url == f"/services/{request_in_service.number}/"
    assert service_clocks_watch(now=wib(2026, 3, 4, 10, 0)) == NOTHING
    assert service_clocks_watch(now=LIMIT) == NOTHING  # exactly at the limit is on time

    assert service_clocks_watch(now=wib(2026, 3, 4, 14, 31)) == {"warned": 0, "late": 1}
    late = Notification.objects.get(user=planner, event_key=f"request-clock-100:{pk}")
    assert late.title == f"{request_in_service.number} has passed its time limit"
    assert late.level == "danger"
    assert service_clocks_watch(now=wib(2026, 3, 5, 9, 0)) == NOTHING
    assert clock_keys(planner) == {f"request-clock-75:{pk}", f"request-clock-100:{pk}"}
    # The unit is not told: the warning is for those who serve the request.
    assert clock_keys(actors["operator_a"]) == set()


def test_the_supervisor_hears_too(actors, request_in_service):
    team = ServiceTeam.objects.create(name="Tim Evaluasi", supervisor=actors["admin"])
    team.members.add(actors["planner"])
    service_clocks_watch(now=WARN)
    assert clock_keys(actors["admin"]) == {f"request-clock-75:{request_in_service.pk}"}


def test_a_returned_request_is_not_warned_until_its_clock_runs_again(actors, request_in_service):
    planner = actors["planner"]
    returned = services.request_return(
        actor=planner,
        request=request_in_service,
        reason="Matriks belum lengkap",
        expected_version=request_in_service.row_version,
        at=wib(2026, 3, 4, 8, 0),  # 17.5 h
    )
    assert service_clocks_watch(now=wib(2026, 3, 5, 10, 0)) == NOTHING
    resumed = services.request_submit(
        actor=actors["operator_a"],
        request=returned,
        expected_version=returned.row_version,
        at=wib(2026, 3, 6, 8, 0),
    )
    assert service_clocks_watch(now=wib(2026, 3, 6, 8, 29)) == NOTHING
    assert service_clocks_watch(now=wib(2026, 3, 6, 8, 30)) == {"warned": 1, "late": 0}
    assert clock_keys(planner) == {f"request-clock-75:{resumed.pk}"}


def test_a_return_or_a_reassignment_does_not_repeat_the_warning(actors, org, request_in_service):
    planner = actors["planner"]
    assert service_clocks_watch(now=WARN) == {"warned": 1, "late": 0}
    request = services.request_return(
        actor=planner,
        request=fresh(request_in_service),
        reason="Lampiran kurang",
        expected_version=request_in_service.row_version,
        at=wib(2026, 3, 4, 9, 0),
    )
    request = services.request_submit(
        actor=planner, request=request, expected_version=request.row_version, at=wib(2026, 3, 4, 10, 0)
    )
    assert service_clocks_watch(now=wib(2026, 3, 4, 11, 0)) == NOTHING
    assert Notification.objects.filter(event_key__startswith="request-clock").count() == 1

    colleague = user_create(username="planner_2", full_name="Planner Two")
    role_assign(user=colleague, role=Role.PLANNER, unit=org["ROREN"])
    services.request_reassign(
        actor=planner, request=request, officer=colleague, expected_version=request.row_version
    )
    # The new officer is told once; the first one is not told again.
    assert service_clocks_watch(now=wib(2026, 3, 4, 11, 30)) == {"warned": 1, "late": 0}
    assert service_clocks_watch(now=wib(2026, 3, 4, 12, 0)) == NOTHING
    assert clock_keys(colleague) == {f"request-clock-75:{request.pk}"}
    assert Notification.objects.filter(user=planner, event_key__startswith="request-clock").count() == 1


def test_the_mark_comes_from_the_standard(actors, request_in_service):
    ServiceStandard.objects.filter(code="validasi").update(warn_at_percent=50)
    # 12 h: Monday's 8.5 h and Tuesday 07:30–11:00.
    assert service_clocks_watch(now=wib(2026, 3, 3, 10, 59)) == NOTHING
    assert service_clocks_watch(now=wib(2026, 3, 3, 11, 0)) == {"warned": 1, "late": 0}
    assert clock_keys(actors["planner"]) == {f"request-clock-50:{request_in_service.pk}"}


def test_a_request_first_seen_late_is_reported_late_only(actors, request_in_service):
    assert service_clocks_watch(now=wib(2026, 3, 5, 9, 0)) == {"warned": 0, "late": 1}
    assert clock_keys(actors["planner"]) == {f"request-clock-100:{request_in_service.pk}"}


def test_awaiting_and_delivered_requests_are_not_watched(actors, org, plain_hooks):
    services.request_open(actor=actors["planner"], kind="validasi", unit=org["PSDKP-TARAKAN"], year=2026)
    assert service_clocks_watch(now=wib(2026, 3, 20, 9, 0)) == NOTHING


def test_without_now_the_watch_looks_at_the_present(actors, request_in_service):
    with time_machine.travel(wib(2026, 3, 4, 9, 0), tick=False):
        assert service_clocks_watch() == {"warned": 1, "late": 0}


def test_the_command_prints_counts_and_refuses_a_bad_instant(actors, request_in_service):
    out = StringIO()
    call_command("watch_service_clocks", "--now", "2026-03-04T08:30", stdout=out)
    assert json.loads(out.getvalue()) == {"now": "2026-03-04T08:30:00+07:00", "warned": 1, "late": 0}
    out = StringIO()
    with time_machine.travel(wib(2026, 3, 4, 15, 0), tick=False):
        call_command("watch_service_clocks", stdout=out)
    assert json.loads(out.getvalue()) == {"now": "2026-03-04T15:00:00+07:00", "warned": 0, "late": 1}
    with pytest.raises(CommandError, match="--now") as caught:
        call_command("watch_service_clocks", "--now", "Wednesday 9am")
    assert caught.value.returncode == 2


def test_the_task_runs_the_same_watch(actors, request_in_service):
    result = watch_service_clocks_task.enqueue(now="2026-03-04T01:30:00+00:00")  # 08:30 WIB
    assert result.return_value == {"warned": 1, "late": 0}
