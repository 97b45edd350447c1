"""Permission matrix of the request register: unit staff see and complete their own requests,
officers of Biro Perencanaan act on every request, quality control reviews, administrators set
portfolios."""

from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ClockEvent, ServiceRequest, ServiceTeam

from .common import ANON, LOGIN, api, everyone, unit_a_view

STATES = {"awaiting": "PDP-2099-0001", "in_service": "PDP-2099-0002", "delivered": "PDP-2099-0003"}


def _number(state):
    return lambda _ctx: {"number": STATES[state]}


def serve(ok, anon=LOGIN):
    return {
        ANON: anon,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 403,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def unit_or_serve(ok, anon=LOGIN):
    return {**serve(ok, anon), "operator_a": ok, "unit_head": ok}


def quality_control(ok):
    return {**serve(403), "admin": ok}


def officers_only(ok):
    return {**everyone(403), "planner": ok, "admin": ok}


ROUTES = {
    "workflows:index": ({}, {"GET": everyone(200)}),
    "workflows:invite": ({}, {"GET": officers_only(200), "POST": officers_only(302)}),
    "workflows:open": (
        {},
        {
            "GET": {**officers_only(200), "operator_a": 200, "operator_b": 200, "unit_head": 200},
            # operator_b's form offers only Bitung, so naming Tarakan re-shows the form.
            "POST": {**officers_only(302), "operator_a": 302, "operator_b": 200, "unit_head": 302},
        },
    ),
    "workflows:portfolio": ({}, {"GET": officers_only(200), "POST": {**officers_only(403), "admin": 302}}),
    "workflows:detail": (_number("awaiting"), {"GET": unit_a_view()}),
    "workflows:clock": (_number("in_service"), {"GET": unit_a_view()}),
    "workflows:submit": (_number("awaiting"), {"GET": everyone(405), "POST": unit_or_serve(302)}),
    "workflows:tick": (_number("awaiting"), {"POST": serve(302)}),
    "workflows:return": (_number("in_service"), {"POST": serve(302)}),
    "workflows:cancel": (_number("in_service"), {"POST": serve(302)}),
    "workflows:reassign": (_number("in_service"), {"POST": serve(302)}),
    "workflows:withdraw": (_number("in_service"), {"POST": serve(302)}),
    "workflows:review": (_number("in_service"), {"POST": quality_control(302)}),
    "workflows:compensation": (_number("delivered"), {"POST": serve(302)}),
    "api:service-request-list": ({}, {"GET": api(everyone(200))}),
    "api:service-request-detail": (_number("awaiting"), {"GET": api(unit_a_view())}),
    "api:service-request-submit": (_number("awaiting"), {"POST": api(unit_or_serve(400))}),
    "api:service-request-tick": (_number("awaiting"), {"POST": api(serve(400))}),
    "api:service-request-return": (_number("in_service"), {"POST": api(serve(200))}),
    "api:service-request-cancel": (_number("in_service"), {"POST": api(serve(200))}),
    "api:service-request-reassign": (_number("in_service"), {"POST": api(serve(200))}),
    "api:service-request-withdraw": (_number("in_service"), {"POST": api(serve(400))}),
    "api:service-request-review": (_number("in_service"), {"POST": api(quality_control(200))}),
    "api:service-request-compensation": (_number("delivered"), {"POST": api(serve(200))}),
    "api:service-request-open": (
        {},
        {"POST": api({**officers_only(201), "operator_a": 201, "unit_head": 201})},
    ),
    "api:service-request-invite": ({}, {"POST": api(officers_only(201))}),
}


def _version(state):
    return ServiceRequest.objects.get(number=STATES[state]).row_version


def _planner():
    return User.objects.get(username="planner")


def _tarakan():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")


POST_DATA = {
    "workflows:invite": lambda: {
        "kind": "validasi",
        "year": 2099,
        "quarter": "",
        "units": [_tarakan().pk],
        "title": "Undangan validasi",
    },
    "workflows:open": lambda: {"kind": "pendampingan", "unit": _tarakan().pk, "year": 2098, "quarter": ""},
    "workflows:portfolio": lambda: {
        "planner": _planner().pk,
        "units": [_tarakan().pk],
        "lead": [_tarakan().pk],
    },
    "workflows:submit": lambda: {"row_version": _version("awaiting")},
    "workflows:tick": lambda: {"key": "letter", "met": "on"},
    "workflows:return": lambda: {"row_version": _version("in_service"), "reason": "Belum lengkap"},
    "workflows:cancel": lambda: {"row_version": _version("in_service"), "reason": "Ganda"},
    "workflows:reassign": lambda: {"row_version": _version("in_service"), "officer": _planner().pk},
    "workflows:withdraw": lambda: {"row_version": _version("in_service"), "reason": "Salah"},
    "workflows:review": lambda: {"verdict": "needs_changes", "note": "Periksa Bab II"},
    "workflows:compensation": lambda: {"row_version": _version("delivered"), "note": "Surat dikirim"},
    "api:service-request-submit": lambda: {"row_version": _version("awaiting")},
    "api:service-request-tick": lambda: {"key": "nothing", "met": True},
    "api:service-request-return": lambda: {"row_version": _version("in_service"), "reason": "Belum lengkap"},
    "api:service-request-cancel": lambda: {"row_version": _version("in_service"), "reason": "Ganda"},
    "api:service-request-reassign": lambda: {"row_version": _version("in_service"), "officer": "planner"},
    "api:service-request-withdraw": lambda: {"row_version": _version("in_service"), "reason": "Salah"},
    "api:service-request-review": lambda: {"verdict": "ok", "note": ""},
    "api:service-request-compensation": lambda: {
        "row_version": _version("delivered"),
        "note": "Surat dikirim",
    },
    "api:service-request-open": lambda: {"kind": "pendampingan", "unit": "PSDKP-TARAKAN", "year": 2098},
    "api:service-request-invite": lambda: {
        "kind": "validasi",
        "year": 2099,
        "units": ["PSDKP-TARAKAN"],
        "title": "Undangan validasi",
    },
}


def prepare(actors):
    """Three mentoring requests of Tarakan in 2099: waiting, in service, and delivered late."""
    if ServiceRequest.objects.filter(number__in=STATES.values()).exists():
        return
    planner, unit = actors["planner"], _tarakan()
    now = timezone.now()
    common = {"kind": "pendampingan", "unit": unit, "origin": "unit_request", "opened_by": planner}
    ServiceRequest.objects.create(number=STATES["awaiting"], year=2099, limit_minutes=1380, **common)
    serving = ServiceRequest.objects.create(
        number=STATES["in_service"],
        year=2098 - 1,
        status="in_service",
        limit_minutes=1380,
        received_at=now,
        **common,
    )
    ClockEvent.objects.create(request=serving, kind="start", at=now, actor=planner)
    ServiceRequest.objects.create(
        number=STATES["delivered"],
        year=2096,
        status="delivered",
        limit_minutes=1380,
        received_at=now,
        delivered_at=now,
        service_seconds=60 * 3600,
        compensation="maaf_tertulis",
        **common,
    )
    ServiceTeam.objects.get_or_create(name="Matrix QC", defaults={"supervisor": actors["admin"]})
