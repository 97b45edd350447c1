"""Every URL that exists × every actor: who may read and who may change.

The URL list is read from the URL configuration, so a new view that is not added to ROUTES
fails `test_every_url_is_in_the_matrix` instead of silently escaping the access rules.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import RoleAssignment
from kinerja.organization.models import OrgUnit

ANON = "anonymous"
ACTORS = [ANON, "operator_a", "operator_b", "unit_head", "planner", "inspector", "leadership", "admin"]
STAFF = ACTORS[1:]

LOGIN = "login"  # a redirect to the login page
ANY = "any"  # answered without error (2xx/3xx), the same for everyone


def everyone(code, anon=LOGIN):
    return {actor: (anon if actor == ANON else code) for actor in ACTORS}


def unit_a_view():
    # Unit A is visible to its own operator and head, and to the ministry-wide roles.
    return {
        ANON: LOGIN,
        "operator_a": 200,
        "operator_b": 404,
        "unit_head": 200,
        "planner": 200,
        "inspector": 200,
        "leadership": 200,
        "admin": 200,
    }


def unit_a_change(ok=200, anon=LOGIN):
    # Only the unit's own staff and administrators change unit A; others who see it get 403.
    return {
        ANON: anon,
        "operator_a": ok,
        "operator_b": 404,
        "unit_head": ok,
        "planner": 403,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def api(matrix):
    return {actor: (403 if actor == ANON else code) for actor, code in matrix.items()}


UNIT_A = {"code": "PSDKP-TARAKAN"}


def assignment_a(_ctx):
    return {"pk": RoleAssignment.objects.get(user__username="operator_a").pk}


# name -> (kwargs, {method: {actor: expected}}); kwargs is a dict or a callable of the context.
ROUTES = {
    "home": ({}, {"GET": everyone(200)}),
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
}
PATCH_DATA = {
    "api:unit-detail": lambda: {
        "phone": "0551-000",
        "row_version": OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version,
    },
}


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
        return client.post(url, POST_DATA.get(name, dict)())
    return client.patch(url, PATCH_DATA[name](), content_type="application/json")


CASES = [
    (name, method, actor)
    for name, (_kwargs, methods) in ROUTES.items()
    for method, matrix in methods.items()
    for actor in ACTORS
]


@pytest.mark.parametrize(("name", "method", "actor"), CASES)
def test_access(client, actors, name, method, actor):
    kwargs, methods = ROUTES[name]
    expected = methods[method][actor]
    url = reverse(name, kwargs=kwargs(None) if callable(kwargs) else kwargs)
    if actor != ANON:
        client.force_login(actors[actor])
    before = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    response = _request(client, method, url, name)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:300]
    if method in {"POST", "PATCH"} and expected not in {200, 302}:
        after = OrgUnit.objects.get(code="PSDKP-TARAKAN")
        assert (after.address, after.phone, after.row_version) == (
            before.address,
            before.phone,
            before.row_version,
        )


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


def test_every_admin_url_is_covered(actors):
    covered = {name if ":app_list:" not in name else "admin:app_list" for name in admin_urls(actors["admin"])}
    names = {name for name in url_names() if name.startswith("admin:")}
    assert names - covered - ADMIN_EXEMPT == set()


@pytest.mark.parametrize("actor", ACTORS)
def test_admin_access(client, actors, actor):
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
