"""A verification of Stasiun PSDKP Tarakan's TW1 2026: IK-02 and IK-09 entered with their evidence
and submitted inside the window (10 April); the tests then run after entry closed (20 April)."""

import datetime

import pytest
import time_machine

from kinerja.signatures.services import certificate_demo_create
from kinerja.workflows.models import ServiceRequest
from kinerja.workflows.services import invitation_send, request_submit
from tests.performance.conftest import _english, plan  # noqa: F401 (fixtures)
from tests.performance.test_submissions import complete_tw1, submit

# Monday 20 April 2026, 10:00 WIB: TW1's entry closed on 15 April.
AFTER_ENTRY = datetime.datetime(2026, 4, 20, 3, 0, tzinfo=datetime.UTC)
IN_ENTRY = datetime.datetime(2026, 4, 10, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def submitted(plan, actors):  # noqa: F811
    """TW1 complete and submitted by the operator."""
    complete_tw1(plan, actors["operator_a"])
    submit(plan, actors["operator_a"])
    return plan


@pytest.fixture
def after_entry():
    with time_machine.travel(AFTER_ENTRY, tick=False) as traveller:
        yield traveller


def invite(actor, unit):
    invitation_send(
        actor=actor, kind="verifikasi", year=2026, quarter="TW1", units=[unit], title="Verifikasi TW1 2026"
    )
    return ServiceRequest.objects.get(kind="verifikasi", unit=unit, year=2026, quarter="TW1")


@pytest.fixture
def in_service(submitted, actors, after_entry):
    """The planner invited Tarakan and the operator declared the request complete: the clock runs."""
    request = invite(actors["planner"], submitted["unit"])
    return request_submit(actor=actors["operator_a"], request=request, expected_version=request.row_version)


@pytest.fixture
def certificate(db):
    return certificate_demo_create()
