"""The satisfaction survey: the questionnaire and the results are public; a unit's staff register
their services, enter populations and refresh the feed; the requesting unit answers signed in.

prepare() registers Tarakan's service `pelanggaran` with a feed into IK-20, ensures the bureau's three
services and delivers a mentoring request to Tarakan with an invitation whose token is known."""

from django.utils import timezone

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.survey import services
from kinerja.survey.models import SurveyFeed, SurveyInvitation, SurveyService
from kinerja.workflows.models import RequestStatus, ServiceRequest

from .common import ACTORS, api, everyone, method_not_allowed, unit_a_change

TOKEN = "matrix-token-0123456789"
NUMBER = "PDP-2098-0001"
SCORES = {f"u{i}": "4" for i in range(1, 10)}
PROFILE = {"age": "35", "sex": "P", "education": "SMA", "occupation": "swasta", "suggestion": ""}


def prepare(actors):
    tarakan = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    service = services.service_create(
        actor=actors["operator_a"], unit=tarakan, code="pelanggaran", name="Penanganan pelanggaran"
    )
    services.feed_set(
        actor=actors["operator_a"],
        unit=tarakan,
        indicator=Indicator.objects.get(unit=tarakan, code="IK-20"),
        services=[service],
    )
    bureau = {s.code: s for s in services.bureau_services_ensure()}
    request = ServiceRequest.objects.create(
        number=NUMBER,
        kind="pendampingan",
        unit=tarakan,
        year=2098,
        origin="unit_request",
        status=RequestStatus.DELIVERED,
        opened_by=actors["planner"],
        limit_minutes=600,
        delivered_at=timezone.now(),
    )
    SurveyInvitation.objects.create(
        request=request, service=bureau["pendampingan"], token_hash=services.token_hash(TOKEN)
    )


def public(code):
    return dict.fromkeys(ACTORS, code)


def _feed(_ctx):
    return {"pk": SurveyFeed.objects.get().pk}


# The requesting unit's staff answer; others who see the request get 403, a neighbour 404.
REQUESTER = unit_a_change(ok=302)
ROUTES = {
    "survey:results": ({}, {"GET": public(200)}),
    "survey:results_csv": ({}, {"GET": everyone(200)}),
    "survey:open": ({"code": "pelanggaran"}, {"GET": public(200), "POST": public(302)}),
    "survey:token": ({"token": TOKEN}, {"GET": public(200), "POST": public(302)}),
    "survey:request": ({"number": NUMBER}, {"GET": unit_a_change(), "POST": REQUESTER}),
    "survey:manage": ({}, {"GET": everyone(200)}),
    # A unit outside the user's reach is not among the form's choices: the form comes back.
    "survey:service_create": (
        {},
        {
            "GET": method_not_allowed(everyone(405)),
            "POST": {**everyone(200), "operator_a": 302, "unit_head": 302, "admin": 302},
        },
    ),
    "survey:service_edit": ({"code": "pelanggaran"}, {"GET": unit_a_change(), "POST": unit_a_change(ok=302)}),
    "survey:population": ({"code": "pelanggaran"}, {"POST": unit_a_change(ok=302)}),
    "survey:feed_refresh": (_feed, {"POST": unit_a_change(ok=302)}),
    "survey:feed_create": (
        {},
        {
            "GET": method_not_allowed(everyone(405)),
            "POST": {**everyone(200), "operator_a": 302, "unit_head": 302, "admin": 302},
        },
    ),
    "api:survey-service-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(ok=201))}),
    "api:survey-service-detail": (
        {"code": "pelanggaran"},
        {"GET": api(everyone(200)), "PATCH": api(unit_a_change())},
    ),
    "api:survey-service-results": ({"code": "pelanggaran"}, {"GET": api(everyone(200))}),
    "api:survey-service-population": ({"code": "pelanggaran"}, {"POST": api(unit_a_change())}),
}

POST_DATA = {
    "survey:open": lambda: {**SCORES, **PROFILE},
    "survey:token": lambda: {**SCORES, **PROFILE},
    "survey:request": lambda: {**SCORES, **PROFILE},
    "survey:service_create": lambda: {
        "unit": OrgUnit.objects.get(code="PSDKP-TARAKAN").pk,
        "code": "informasi",
        "name": "Layanan informasi",
        "name_en": "",
    },
    "survey:service_edit": lambda: {"name": "Penanganan pelanggaran", "is_active": "on", "row_version": 1},
    "survey:population": lambda: {"year": 2026, "period": "TW1", "population": 50},
    "survey:feed_refresh": lambda: {"year": 2026, "period": "TW1"},
    "survey:feed_create": lambda: {
        "indicator": Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-20").pk,
        "services": [SurveyService.objects.get(code="pelanggaran").pk],
    },
    "api:survey-service-list": lambda: {
        "unit": "PSDKP-TARAKAN",
        "code": "informasi",
        "name": "Layanan informasi",
    },
    "api:survey-service-population": lambda: {"year": 2026, "period": "TW1", "population": 50},
}
PATCH_DATA = {"api:survey-service-detail": lambda: {"name": "Penanganan pelanggaran", "row_version": 1}}
