"""A validation of Stasiun PSDKP Tarakan's indicators for 2026, opened by the planner on a
Tuesday in service hours; the inspector of Itjen and the planner validate, the operator signs for
the unit."""

import datetime

import pytest
import time_machine

from kinerja.signatures.services import certificate_demo_create
from kinerja.validation import services
from kinerja.workflows.services import request_open, request_submit

# Tuesday 10 March 2026, 10:00 WIB.
MOMENT = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC)

ROW = {
    "sasaran": "Meningkatnya kepatuhan pelaku usaha perikanan",
    "kind": "IK",
    "name": "Persentase kapal perikanan yang patuh",
    "definition": "Kapal yang diperiksa dan patuh dibagi kapal yang diperiksa.",
    "formula": "kapal patuh / kapal diperiksa x 100%",
    "measure_unit": "%",
    "target": "85",
}


@pytest.fixture
def clock():
    with time_machine.travel(MOMENT, tick=True) as traveller:
        yield traveller


@pytest.fixture
def certificate(db):
    return certificate_demo_create()


@pytest.fixture
def tarakan(org):
    return org["PSDKP-TARAKAN"]


def open_request(actors, unit, year=2026):
    return request_open(actor=actors["planner"], kind="validasi", unit=unit, year=year)


@pytest.fixture
def awaiting(clock, catalog, actors, tarakan):
    """A request waiting for its matrix."""
    return open_request(actors, tarakan)


def fill(actors, request, rows=None, actor="operator_a"):
    rows = rows or [
        ROW,
        {
            **ROW,
            "kind": "IKU",
            "name": "Indeks kepuasan pelaku usaha",
            "measure_unit": "indeks",
            "target": "3,5",
        },
        {**ROW, "name": "Jumlah kapal yang diperiksa", "measure_unit": "kapal", "target": "120"},
    ]
    return [services.proposal_save(actor=actors[actor], request=request, **row) for row in rows]


def submit(actors, request, actor="operator_a"):
    request.refresh_from_db()
    return request_submit(actor=actors[actor], request=request, expected_version=request.row_version)


@pytest.fixture
def in_service(awaiting, actors):
    """The matrix filled and the request complete: the clock runs; validators named."""
    fill(actors, awaiting)
    request = submit(actors, awaiting)
    services.validator_assign(actor=actors["planner"], request=request, user=actors["planner"], side="biro")
    services.validator_assign(
        actor=actors["planner"], request=request, user=actors["inspector"], side="itjen"
    )
    return request


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""
