"""The service evaluation report and the apology letter. prepare() gives Tarakan a verification request
delivered late enough to owe a written apology."""

from tests.service_evaluation.helpers import make, wib

from .common import ANON, LOGIN, unit_a_view


def prepare(actors):
    make(
        actors,
        kind="verifikasi",
        seconds=200000,
        compensation="maaf_tertulis",
        unit="PSDKP-TARAKAN",
        opened=wib(2025, 4, 16, 8, 0),
        received=wib(2025, 4, 16, 8, 30),
        delivered=wib(2025, 4, 30, 14, 15),
    )


def _late(_ctx):
    from kinerja.workflows.models import ServiceRequest

    return {"number": ServiceRequest.objects.get(compensation="maaf_tertulis").number}


def readers():
    # The bureau's officers, the inspectors and the leadership read the evaluation; unit staff do not.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 403,
        "unit_head": 403,
        "planner": 200,
        "inspector": 200,
        "leadership": 200,
        "admin": 200,
    }


ROUTES = {
    "workflows:evaluation": ({}, {"GET": readers()}),
    "workflows:evaluation_xlsx": ({}, {"GET": readers()}),
    "workflows:apology_letter": (_late, {"GET": unit_a_view()}),
}
