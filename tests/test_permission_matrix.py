"""Every URL that exists × every actor: who may read and who may change.

The URL list is read from the URL configuration, so a new view that is not added to ROUTES
fails `test_every_url_is_in_the_matrix` instead of silently escaping the access rules.
"""

import importlib
import pkgutil

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import User
from kinerja.catalog.editor import flatten
from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from tests import matrix as matrix_package
from tests.matrix.common import (
    ACTORS,
    ANON,
    IK02,
    LOGIN,
    UNIT_A,
    api,
    assignment_a,
    catalog_a_define,
    catalog_a_pic,
    catalog_a_pic_web,
    catalog_a_read,
    define,
    everyone,
    everyone_but_definers,
    method_not_allowed,
    unit_a_change,
    unit_a_view,
)

# name -> (kwargs, {method: {actor: expected}}); kwargs is a dict or a callable of the context.
ROUTES = {
    "home": ({}, {"GET": everyone(200, anon=302)}),  # anonymous visitors go to the public pages
    "healthz": ({}, {"GET": everyone(200, anon=200)}),
    "set_language": ({}, {"POST": everyone(302, anon=302)}),
    "accounts:login": ({}, {"GET": everyone(302, anon=200)}),
    "accounts:logout": ({}, {"GET": everyone(405, anon=405), "POST": everyone(302, anon=302)}),
    "accounts:profile": ({}, {"GET": everyone(200)}),
    "accounts:token_regenerate": ({}, {"GET": everyone(405), "POST": everyone(302)}),
    "accounts:password_change": ({}, {"GET": everyone(200)}),
    "accounts:password_change_done": ({}, {"GET": everyone(200)}),
    "accounts:password_reset": ({}, {"GET": everyone(200, anon=200)}),
    "accounts:password_reset_done": ({}, {"GET": everyone(200, anon=200)}),
    "accounts:password_reset_confirm": (
        {"uidb64": "MQ", "token": "bad-token"},
        {"GET": everyone(200, anon=200)},
    ),
    "accounts:password_reset_complete": ({}, {"GET": everyone(200, anon=200)}),
    "organization:unit_list": ({}, {"GET": everyone(200)}),
    "organization:unit_detail": (UNIT_A, {"GET": unit_a_view()}),
    "organization:unit_edit": (UNIT_A, {"GET": unit_a_change(), "POST": unit_a_change(ok=302)}),
    "catalog:sasaran_create": (
        {},
        {"GET": everyone_but_definers(403, 200), "POST": everyone_but_definers(403, 302)},
    ),
    "catalog:pic_assign": (IK02, {"GET": method_not_allowed(catalog_a_read()), "POST": catalog_a_pic_web()}),
    "catalog:indicator_list": ({}, {"GET": everyone(200)}),
    "catalog:indicator_detail": (IK02, {"GET": catalog_a_read()}),
    "catalog:indicator_pdf": (IK02, {"GET": catalog_a_read()}),
    "catalog:indicator_create": (
        {},
        {
            "GET": {**everyone(403), "planner": 200, "admin": 200},
            "POST": {**everyone(403), "planner": 302, "admin": 302},
        },
    ),
    "catalog:indicator_edit": (IK02, {"GET": catalog_a_define(), "POST": catalog_a_define(302)}),
    "catalog:formula_edit": (IK02, {"GET": catalog_a_define(), "POST": catalog_a_define(302)}),
    "catalog:formula_check": ({}, {"GET": everyone(405), "POST": catalog_a_define()}),
    "catalog:formula_try": ({}, {"GET": everyone(405), "POST": catalog_a_read()}),
    "catalog:cascade": ({}, {"GET": everyone(200)}),
    "api:sasaran-list": ({}, {"GET": api(everyone(200)), "POST": api(everyone_but_definers(403, 201))}),
    "api:indicator-list": ({}, {"GET": api(everyone(200)), "POST": api(define(201))}),
    "api:indicator-detail": (IK02, {"GET": api(catalog_a_read()), "PATCH": api(catalog_a_define())}),
    "api:indicator-versions": (IK02, {"POST": api(catalog_a_define(201))}),
    "api:indicator-evidence-requirements": (IK02, {"PUT": api(catalog_a_define())}),
    "api:indicator-pic": (IK02, {"POST": api(catalog_a_pic())}),
    "api:indicator-check": (IK02, {"POST": api(catalog_a_read())}),
    "api:indicator-evaluate": (IK02, {"POST": api(catalog_a_read())}),
    "api:schema": ({}, {"GET": everyone(200, anon=200)}),
    "api:docs": ({}, {"GET": everyone(200, anon=200)}),
    "api:token": ({}, {"GET": everyone(405, anon=405)}),
    "api:me": ({}, {"GET": api(everyone(200))}),
    "api:api-root": ({}, {"GET": api(everyone(200))}),
    "api:unit-list": ({}, {"GET": api(everyone(200))}),
    "api:unit-detail": (UNIT_A, {"GET": api(unit_a_view()), "PATCH": api(unit_a_change())}),
    "api:role-assignment-list": ({}, {"GET": api(everyone(200))}),
    "api:role-assignment-detail": (assignment_a, {"GET": api(unit_a_view())}),
}

# Bodies that would succeed, so that a refusal can only come from the access rules.
POST_DATA = {
    "organization:unit_edit": lambda: {
        "address": "Jl. Uji No. 1",
        "phone": "",
        "email": "",
        "website": "",
        "row_version": OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version,
    },
    "set_language": lambda: {"language": "en", "next": "/"},
    "catalog:sasaran_create": lambda: {
        "unit": OrgUnit.objects.get(code="PSDKP-TARAKAN").pk,
        "code": "SK-09",
        "name": "Sasaran uji",
        "kind": "kegiatan",
        "parent": "",
        "note": "",
    },
    "catalog:pic_assign": lambda: {
        "user": User.objects.get(username="operator_a").pk,
        "start_date": "2026-01-01",
        "note": "",
    },
    "catalog:indicator_create": lambda: {
        **flatten(ik02_computation()),
        "unit": OrgUnit.objects.get(code="PSDKP-TARAKAN").pk,
        "code": "IK-98",
        "name": "Uji",
        "kind": "IK",
        "sasaran": Indicator.objects.get(pk=IK02(None)["pk"]).sasaran_id,
        "is_active": "on",
    },
    "catalog:indicator_edit": lambda: {
        "sasaran": Indicator.objects.get(pk=IK02(None)["pk"]).sasaran_id,
        "name": "Indeks Kinerja Operasi Kapal Pengawas",
        "kind": "IK",
        "is_active": "on",
        "data_status": "Raw Data",
        "row_version": 1,
    },
    "catalog:formula_edit": lambda: {
        **flatten({**ik02_computation(), "unit": "baru"}),
        "reason": "uji",
        "row_version": 1,
    },
    "catalog:formula_check": lambda: {
        **flatten(ik02_computation()),
        "indicator": IK02(None)["pk"],
    },
    "catalog:formula_try": lambda: {"indicator": IK02(None)["pk"], "t-period": "TW1", "t-target": "80"},
}


def ik02_computation():
    return Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02").computation


POST_DATA.update(
    {
        "api:indicator-list": lambda: {
            "unit": "PSDKP-TARAKAN",
            "sasaran": "SK-00",
            "code": "IK-99",
            "name": "Uji",
            "computation": ik02_computation(),
        },
        "api:indicator-versions": lambda: {
            "row_version": 1,
            "reason": "uji",
            "computation": {**ik02_computation(), "unit": "indeks baru"},
        },
        "api:sasaran-list": lambda: {
            "unit": "PSDKP-TARAKAN",
            "code": "SK-09",
            "name": "Uji",
            "kind": "kegiatan",
        },
        "api:indicator-check": lambda: {"computation": ik02_computation()},
        "api:indicator-pic": lambda: {"user": "operator_a", "start_date": "2026-01-01", "note": "uji"},
        "api:indicator-evaluate": lambda: {"year": 2025, "periods": {"TW2": {"inputs": {"kapal": []}}}},
    }
)
PUT_DATA = {
    "api:indicator-evidence-requirements": lambda: {"items": [{"name": "Laporan", "kinds": ["file"]}]},
}
PATCH_DATA = {
    "api:indicator-detail": lambda: {"row_version": 1, "notes": "diubah"},
    "api:unit-detail": lambda: {
        "phone": "0551-000",
        "row_version": OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version,
    },
}


# The domain modules of tests/matrix add their own routes and request bodies.
PREPARE = {}
for _info in pkgutil.iter_modules(matrix_package.__path__):
    if _info.name == "common":
        continue
    _module = importlib.import_module(f"{matrix_package.__name__}.{_info.name}")
    for _table, _extra in (
        (ROUTES, "ROUTES"),
        (POST_DATA, "POST_DATA"),
        (PUT_DATA, "PUT_DATA"),
        (PATCH_DATA, "PATCH_DATA"),
    ):
        _added = getattr(_module, _extra, {})
        assert not set(_added) & set(_table), f"{_info.name} repeats {set(_added) & set(_table)}"
        _table.update(_added)
    if hasattr(_module, "prepare"):
        PREPARE.update(dict.fromkeys(getattr(_module, "ROUTES", {}), _module.prepare))


def url_names(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from url_names(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_matrix():
    names = {name for name in url_names() if not name.startswith("admin:")}
    assert names - set(ROUTES) == set(), "add these URLs to the permission matrix"
    assert set(ROUTES) - names == set(), "these matrix entries name URLs that no longer exist"


def _request(client, method, url, name):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return (
            client.post(url, POST_DATA.get(name, dict)(), content_type="application/json")
            if name.startswith("api:")
            else client.post(url, POST_DATA.get(name, dict)())
        )
    if method == "PUT":
        return client.put(url, PUT_DATA[name](), content_type="application/json")
    return client.patch(url, PATCH_DATA[name](), content_type="application/json")


CASES = [(name, method) for name, (_kwargs, methods) in ROUTES.items() for method in methods]


class Rollback(Exception):
    """Undo one actor's request so every actor meets the same data."""


def check_one(client, actors, name, method, actor):
    kwargs, methods = ROUTES[name]
    expected = methods[method][actor]
    url = reverse(name, kwargs=kwargs(None) if callable(kwargs) else kwargs)
    client.logout()
    if actor != ANON:
        client.force_login(actors[actor])
    before = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    response = _request(client, method, url, name)
    if expected == LOGIN:
        ok = response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    else:
        ok = response.status_code == expected
    if method in {"POST", "PUT", "PATCH"} and expected not in {200, 201, 302}:
        after = OrgUnit.objects.get(code="PSDKP-TARAKAN")
        ok = ok and (after.address, after.phone, after.row_version) == (
            before.address,
            before.phone,
            before.row_version,
        )
    return (
        None if ok else f"{actor}: expected {expected}, got {response.status_code} {response.content[:200]!r}"
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The organisation, the actors and the catalogue, built once per module and worker.

    Four hundred cases share it: each test runs in its own savepoint inside this transaction,
    which is rolled back when the module ends, so no test sees another's writes.
    """
    from kinerja.catalog import demo as catalog_demo
    from kinerja.organization import demo as organization_demo
    from tests.conftest import make_actors

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            organization_demo.load(lambda _msg: None)
            people = make_actors({unit.code: unit for unit in OrgUnit.objects.all()})
            catalog_demo.load(lambda _msg: None)
            yield people
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def actors(world, db):
    for person in world.values():
        person.__dict__.pop("_kinerja_assignments", None)  # roles a prepare() gave are rolled back
    return world


@pytest.fixture
def catalog(actors):
    return None


@pytest.mark.parametrize(("name", "method"), CASES)
def test_access(client, actors, catalog, name, method):
    """Every actor against one URL and method; each request is rolled back after it is checked."""
    if name in PREPARE:
        PREPARE[name](actors)
    failures = []
    for actor in ACTORS:
        try:
            with transaction.atomic():
                failure = check_one(client, actors, name, method, actor)
                raise Rollback
        except Rollback:
            pass
        if failure:
            failures.append(failure)
    assert failures == []


# --- The Django admin: only administrators get anything but a redirect or a 403 ----------------

ADMIN_EXEMPT = {
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "admin:autocomplete",
    "admin:view_on_site",
}


def admin_urls(admin_user):
    """name -> (url, status an administrator gets) for every page of every registered model."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    urls = {"admin:index": (reverse("admin:index"), 200)}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.app_label
        urls[f"admin:app_list:{label}"] = (reverse("admin:app_list", args=[label]), 200)
        obj = model._default_manager.first()
        for pattern in model_admin.urls:
            if not pattern.name:
                continue
            params = set(pattern.pattern.regex.groupindex)
            kwargs, expected = {}, 200
            if pattern.pattern.regex.groups > len(params):
                # django-simple-history's record view: positional (object id, history id).
                record = obj.history.first() if obj is not None else None
                if record is not None:
                    urls[f"admin:{pattern.name}"] = (
                        reverse(f"admin:{pattern.name}", args=[obj.pk, record.history_id]),
                        200,
                    )
                continue
            for param in params - {"history_id"}:
                # With no row to open, the admin redirects an administrator to the list.
                kwargs[param], expected = (obj.pk, 200) if obj is not None else (0, 302)
            if "history_id" in params:
                record = obj.history.first() if obj is not None else None
                if record is None:
                    continue
                kwargs["history_id"] = record.history_id
            # Some apps' admins are read-only (task results, log entries): they refuse add/delete.
            if pattern.name.endswith("_add") and not model_admin.has_add_permission(request):
                expected = 403
            if pattern.name.endswith("_delete") and not model_admin.has_delete_permission(request, obj):
                expected = 403
            urls[f"admin:{pattern.name}"] = (reverse(f"admin:{pattern.name}", kwargs=kwargs), expected)
    return urls


def test_every_admin_url_is_covered(actors, catalog):
    covered = {name if ":app_list:" not in name else "admin:app_list" for name in admin_urls(actors["admin"])}
    names = {name for name in url_names() if name.startswith("admin:")}
    assert names - covered - ADMIN_EXEMPT == set()


@pytest.mark.parametrize("actor", ACTORS)
def test_admin_access(client, actors, catalog, actor):
    if actor != ANON:
        client.force_login(actors[actor])
    for name, (url, admin_status) in admin_urls(actors["admin"]).items():
        response = client.get(url)
        if actor == "admin":
            assert response.status_code == admin_status, name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("admin:login"))
    login_page = client.get(reverse("admin:login"))
    if actor == ANON:
        assert login_page["Location"].startswith(reverse("accounts:login"))
    elif actor != "admin":
        assert login_page.status_code == 403
