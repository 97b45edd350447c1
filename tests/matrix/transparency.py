"""The transparency portal's URLs. The public pages, downloads and API answer everyone, logged in or
not; the publication management is the unit's own (its head and operator change, readers read).
prepare() builds Tarakan's partly public 2025 (tests.transparency.helpers.build_world)."""

from kinerja.transparency.models import Publication
from tests.transparency.helpers import YEAR, build_world, pdf

from .common import ANON, api, everyone, method_not_allowed, unit_a_change, unit_a_view


def prepare(actors):
    build_world(actors)


def public(code=200):
    return everyone(code, anon=code)


def _publication(status):
    return lambda _ctx: {"pk": Publication.objects.get(status=status).pk}


def _unit_year(_ctx):
    return {"code": "PSDKP-TARAKAN", "year": YEAR}


def _published_download(_ctx):
    return {"code": "PSDKP-TARAKAN", "pk": Publication.objects.get(status="published").pk}


TARAKAN = {"code": "PSDKP-TARAKAN"}

ROUTES = {
    "transparency:index": ({}, {"GET": public()}),
    "transparency:unit": (TARAKAN, {"GET": public()}),
    "transparency:agreement_download": (_unit_year, {"GET": public()}),
    "transparency:achievements_csv": (_unit_year, {"GET": public()}),
    "transparency:publication_download": (_published_download, {"GET": public()}),
    "transparency:publication_manage": (TARAKAN, {"GET": unit_a_view(), "POST": unit_a_change(ok=302)}),
    "transparency:publication_publish": (
        _publication("draft"),
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "transparency:publication_withdraw": (
        _publication("published"),
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "api:transparency-unit-list": ({}, {"GET": public()}),
    "api:transparency-unit-detail": (TARAKAN, {"GET": public()}),
    "api:transparency-unit-achievements": (TARAKAN, {"GET": public()}),
    # JSON carries no file: those allowed get 400 after the access check answered the others.
    "api:transparency-publication-list": (
        {},
        {"GET": api(everyone(200)), "POST": api(unit_a_change(ok=400))},
    ),
    "api:transparency-publication-detail": (_publication("draft"), {"GET": api(unit_a_view())}),
    "api:transparency-publication-publish": (_publication("draft"), {"POST": api(unit_a_change(ok=200))}),
    "api:transparency-publication-withdraw": (
        _publication("published"),
        {"POST": api(unit_a_change(ok=200))},
    ),
}


def _version(status):
    return Publication.objects.get(status=status).row_version


POST_DATA = {
    "transparency:publication_manage": lambda: {"year": YEAR, "title": "LKj Matriks", "file": pdf("m.pdf")},
    "transparency:publication_publish": lambda: {"row_version": _version("draft")},
    "transparency:publication_withdraw": lambda: {"row_version": _version("published"), "reason": "Uji"},
    "api:transparency-publication-list": lambda: {"unit": "PSDKP-TARAKAN", "year": YEAR, "title": "LKj"},
    "api:transparency-publication-publish": lambda: {"row_version": _version("draft")},
    "api:transparency-publication-withdraw": lambda: {"row_version": _version("published"), "reason": "Uji"},
}

assert ANON  # the shared vocabulary names the anonymous actor; public() gives it the same answer
