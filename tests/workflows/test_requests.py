import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_assign, user_create
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.workflows import services
from kinerja.workflows.clock import request_clock
from kinerja.workflows.models import (
    ClockEventKind,
    Portfolio,
    RequestStatus,
    ServiceRequest,
    ServiceTeam,
)

from ..conftest import PASSWORD
from .conftest import wib
from .helpers import fresh, issue, sign_all, tick_and_submit

pytestmark = pytest.mark.django_db


def open_mentoring(actors, org, year=2025):
    return services.request_open(
        actor=actors["operator_a"], kind="pendampingan", unit=org["PSDKP-TARAKAN"], year=year
    )


def test_invitation_creates_one_request_per_unit_with_the_portfolio_officer(actors, org, plain_hooks):
    Portfolio.objects.create(planner=actors["planner"], unit=org["PSDKP-TARAKAN"], is_lead=True)
    invitation = services.invitation_send(
        actor=actors["planner"],
        kind="validasi",
        year=2026,
        units=[org["PSDKP-TARAKAN"], org["PSDKP-BITUNG"]],
        title="Validasi indikator 2026",
    )
    requests = {r.unit.code: r for r in invitation.requests.all()}
    assert sorted(r.number for r in requests.values()) == ["VAL-2026-0001", "VAL-2026-0002"]
    assert requests["PSDKP-TARAKAN"].assigned_to == actors["planner"]
    assert requests["PSDKP-TARAKAN"].limit_minutes == 24 * 60
    assert requests["PSDKP-TARAKAN"].status == RequestStatus.AWAITING
    again = services.invitation_send(
        actor=actors["planner"], kind="validasi", year=2026, units=[org["PSDKP-TARAKAN"]], title="Pengingat"
    )
    assert again.requests.count() == 0  # the open request is reused, not duplicated
    assert ServiceRequest.objects.filter(kind="validasi").count() == 2


def test_officer_is_inherited_from_the_nearest_unit_above(actors, org):
    tarakan = org["PSDKP-TARAKAN"]
    parent = tarakan.parent
    Portfolio.objects.create(planner=actors["planner"], unit=parent, is_lead=True)
    assert services.officer_for(tarakan) == actors["planner"]


def test_only_officers_invite(actors, org, plain_hooks):
    for name in ("operator_a", "unit_head", "inspector", "leadership"):
        with pytest.raises(PermissionDenied):
            services.invitation_send(
                actor=actors[name], kind="validasi", year=2026, units=[org["PSDKP-TARAKAN"]], title="x"
            )


def test_invitation_input_errors_name_the_field(actors, org, plain_hooks):
    planner, unit = actors["planner"], org["PSDKP-TARAKAN"]
    cases = [
        ({"kind": "verifikasi", "quarter": ""}, "quarter"),
        ({"kind": "validasi", "quarter": "TW1"}, "quarter"),
        ({"kind": "validasi", "title": "  "}, "title"),
        ({"kind": "validasi", "units": []}, "units"),
        ({"kind": "nothing"}, "kind"),
    ]
    for changes, field in cases:
        arguments = {"actor": planner, "kind": "validasi", "year": 2026, "units": [unit], "title": "Undangan"}
        arguments.update(changes)
        with pytest.raises(ValidationError) as caught:
            services.invitation_send(**arguments)
        assert field in caught.value.message_dict


def test_a_unit_asks_for_mentoring_but_not_for_the_other_services(actors, org, plain_hooks):
    request = open_mentoring(actors, org)
    assert request.origin == "unit_request"
    assert request.number == "PDP-2025-0001"
    with pytest.raises(PermissionDenied):
        services.request_open(
            actor=actors["operator_a"], kind="validasi", unit=org["PSDKP-TARAKAN"], year=2025
        )
    with pytest.raises(PermissionDenied):
        services.request_open(
            actor=actors["operator_b"], kind="pendampingan", unit=org["PSDKP-TARAKAN"], year=2025
        )
    with pytest.raises(ValidationError) as caught:
        open_mentoring(actors, org)
    assert "unit" in caught.value.message_dict


def test_the_clock_starts_only_when_the_requirements_are_complete(actors, org, plain_hooks):
    request = open_mentoring(actors, org)
    with pytest.raises(ValidationError) as caught:
        services.request_submit(actor=actors["operator_a"], request=request, expected_version=1)
    assert "Request letter" in " ".join(caught.value.messages)
    with pytest.raises(PermissionDenied):
        services.requirement_tick(actor=actors["operator_a"], request=request, key="letter", met=True)
    with pytest.raises(ValidationError):
        services.requirement_tick(actor=actors["planner"], request=request, key="auto", met=True)
    services.requirement_tick(actor=actors["planner"], request=request, key="letter", met=True)
    plain_hooks["met"] = False
    with pytest.raises(ValidationError) as caught:
        services.request_submit(actor=actors["operator_a"], request=request, expected_version=1)
    assert "Automatic requirement" in " ".join(caught.value.messages)
    plain_hooks["met"] = True
    started = services.request_submit(actor=actors["operator_a"], request=request, expected_version=1)
    assert started.status == RequestStatus.IN_SERVICE
    assert started.received_at is not None
    assert [e.kind for e in started.clock_events.all()] == [ClockEventKind.START]


def test_a_return_needs_a_reason_and_pauses_the_clock(actors, org, plain_hooks, certificate):
    request = open_mentoring(actors, org)
    planner = actors["planner"]
    request = tick_and_submit(request, planner, at=wib(2025, 3, 6, 15, 0))
    with pytest.raises(ValidationError) as caught:
        services.request_return(
            actor=planner, request=request, reason="  ", expected_version=request.row_version
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.request_return(
            actor=actors["operator_a"], request=request, reason="x", expected_version=request.row_version
        )
    request = services.request_return(
        actor=planner,
        request=request,
        reason="Draft LKj belum memuat Bab III",
        expected_version=request.row_version,
        at=wib(2025, 3, 7, 10, 0),
    )
    assert request.status == RequestStatus.RETURNED
    paused = request_clock(request, now=wib(2025, 3, 7, 16, 0))
    assert (paused.seconds, paused.running) == (int(3.5 * 3600), False)
    request = services.request_submit(
        actor=actors["operator_a"],
        request=request,
        expected_version=request.row_version,
        at=wib(2025, 3, 10, 8, 0),
    )
    request = issue(request, planner, [planner, actors["unit_head"]])
    with time_machine.travel(wib(2025, 3, 10, 9, 30), tick=False):
        request = sign_all(request, [planner, actors["unit_head"]])
    # Thu 15:00–16:00 + Fri 07:30–10:00 + Mon 08:00–09:30: the weekend and the pause do not count.
    assert request.status == RequestStatus.DELIVERED
    assert request.service_seconds == 5 * 3600
    assert request.compensation == "tepat_waktu"
    assert plain_hooks["finished"] == [request.number]
    kinds = [e.kind for e in request.clock_events.all()]
    assert kinds == ["start", "pause", "resume", "stop"]


def test_a_late_request_owes_compensation_until_it_is_given(actors, org, plain_hooks, certificate):
    planner = actors["planner"]
    request = tick_and_submit(open_mentoring(actors, org), planner, at=wib(2025, 3, 3, 7, 30))
    request = issue(request, planner, [planner])
    with time_machine.travel(wib(2025, 3, 13, 16, 0), tick=False):
        request = sign_all(request, [planner])
    # Two weeks of service days: 4 × 8.5 h + 9 h, then 4 × 8.5 h = 77 h > 72 h.
    assert request.service_seconds == 77 * 3600
    assert request.compensation == "maaf_tertulis_antar_langsung"
    with pytest.raises(PermissionDenied):
        services.compensation_give(
            actor=actors["operator_a"], request=request, note="x", expected_version=request.row_version
        )
    with pytest.raises(ValidationError) as caught:
        services.compensation_give(
            actor=planner, request=request, note="", expected_version=request.row_version
        )
    assert "note" in caught.value.message_dict
    request = services.compensation_give(
        actor=planner,
        request=request,
        note="Surat permohonan maaf dan LKP diantar ke Tarakan",
        expected_version=request.row_version,
    )
    assert request.compensation_given_at is not None
    with pytest.raises(ValidationError):
        services.compensation_give(
            actor=planner, request=request, note="again", expected_version=request.row_version
        )


def test_on_time_requests_owe_nothing(actors, org, plain_hooks, certificate):
    planner = actors["planner"]
    request = tick_and_submit(open_mentoring(actors, org), planner, at=wib(2025, 3, 6, 15, 0))
    request = issue(request, planner, [planner])
    with time_machine.travel(wib(2025, 3, 10, 9, 0), tick=False):
        request = sign_all(request, [planner])
    assert request.service_seconds == int(11.5 * 3600)  # the standard's worked example
    with pytest.raises(ValidationError):
        services.compensation_give(
            actor=planner, request=request, note="x", expected_version=request.row_version
        )


def test_a_stale_version_is_refused(actors, org, plain_hooks):
    planner = actors["planner"]
    request = tick_and_submit(open_mentoring(actors, org), planner)
    with pytest.raises(ConcurrentEditError):
        services.request_return(
            actor=planner, request=request, reason="x", expected_version=request.row_version - 1
        )
    assert fresh(request).status == RequestStatus.IN_SERVICE


def test_quality_control_holds_the_worksheet_back_until_a_later_ok(actors, org, plain_hooks, certificate):
    planner = actors["planner"]
    reviewer = user_create(
        username="qc", full_name="Tim Kendali Mutu", password=PASSWORD, email="qc@x.invalid"
    )
    role_assign(user=reviewer, role=Role.PLANNER, unit=org["ROREN"])
    team = ServiceTeam.objects.create(name="Tim kendali mutu", supervisor=reviewer, is_quality_control=True)
    team.members.add(reviewer)
    request = tick_and_submit(open_mentoring(actors, org), planner)
    with pytest.raises(PermissionDenied):
        services.quality_review_add(actor=planner, request=request, verdict="ok", note="")
    with pytest.raises(ValidationError) as caught:
        services.quality_review_add(actor=reviewer, request=request, verdict="needs_changes", note="")
    assert "note" in caught.value.message_dict
    services.quality_review_add(
        actor=reviewer, request=request, verdict="needs_changes", note="Temuan Bab II kurang"
    )
    with pytest.raises(ValidationError) as caught:
        issue(fresh(request), planner, [planner])
    assert "Temuan Bab II kurang" in " ".join(caught.value.messages)
    services.quality_review_add(actor=reviewer, request=request, verdict="ok", note="")
    assert issue(fresh(request), planner, [planner]).status == RequestStatus.SIGNING


def test_withdrawing_a_worksheet_voids_it(actors, org, plain_hooks, certificate):
    planner = actors["planner"]
    request = issue(
        tick_and_submit(open_mentoring(actors, org), planner), planner, [planner, actors["unit_head"]]
    )
    document = request.worksheet
    with pytest.raises(ValidationError):
        services.request_worksheet_withdraw(
            actor=planner, request=request, reason="", expected_version=request.row_version
        )
    request = services.request_worksheet_withdraw(
        actor=planner, request=request, reason="Salah tahun", expected_version=request.row_version
    )
    document.refresh_from_db()
    assert (request.status, request.worksheet, document.status) == (RequestStatus.IN_SERVICE, None, "void")


def test_cancel_and_reassign(actors, org, plain_hooks):
    planner = actors["planner"]
    request = open_mentoring(actors, org)
    with pytest.raises(ValidationError):
        services.request_reassign(
            actor=planner, request=request, officer=actors["inspector"], expected_version=request.row_version
        )
    request = services.request_reassign(
        actor=planner, request=request, officer=planner, expected_version=request.row_version
    )
    assert request.assigned_to == planner
    with pytest.raises(ValidationError) as caught:
        services.request_cancel(
            actor=planner, request=request, reason="", expected_version=request.row_version
        )
    assert "reason" in caught.value.message_dict
    request = services.request_cancel(
        actor=planner, request=request, reason="Diajukan ganda", expected_version=request.row_version
    )
    assert request.status == RequestStatus.CANCELLED
    # A cancelled request frees the period for a new one.
    assert open_mentoring(actors, org).number == "PDP-2025-0002"


def test_notifications_reach_the_unit_and_the_officer(
    actors, org, plain_hooks, django_capture_on_commit_callbacks
):
    from kinerja.notifications.models import Notification

    Portfolio.objects.create(planner=actors["planner"], unit=org["PSDKP-TARAKAN"], is_lead=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(
            actor=actors["planner"],
            kind="validasi",
            year=2026,
            units=[org["PSDKP-TARAKAN"]],
            title="Undangan",
        )
    assert Notification.objects.filter(user=actors["operator_a"], title__contains="VAL-2026-0001").exists()
    request = ServiceRequest.objects.get()
    services.requirement_tick(actor=actors["planner"], request=request, key="letter", met=True)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_submit(actor=actors["operator_a"], request=request, expected_version=1)
    assert Notification.objects.filter(
        user=actors["planner"], event_key__startswith="request-received"
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_return(
            actor=actors["planner"], request=request, reason="Matriks belum lengkap", expected_version=2
        )
    returned = Notification.objects.get(user=actors["operator_a"], event_key__startswith="request-returned")
    assert "Matriks belum lengkap" in returned.body
