"""Shared vocabulary of the permission matrix: actors and the usual expectation patterns.

Each domain keeps its routes in a module of this package (ROUTES, POST_DATA, PUT_DATA,
PATCH_DATA and an optional `prepare()` that creates the data its URLs need); the matrix test
merges them, so apps can add URLs without editing one shared file.
"""

from kinerja.accounts.models import RoleAssignment

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


def IK02(_ctx):
    from kinerja.catalog.models import Indicator

    return {"pk": Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02").pk}


def catalog_a_read():
    # Unit A's definitions: its own staff and everyone ministry-wide read them; unit B's do not.
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


def catalog_a_define(ok=200):
    # Only planners and administrators define indicators; the unit's own staff read but may not.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 403,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def catalog_a_pic():
    # The unit's head names the person in charge of its indicators; so do planners and admins.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 201,
        "planner": 201,
        "inspector": 403,
        "leadership": 403,
        "admin": 201,
    }


def everyone_but_definers(refused, ok):
    return {
        ANON: LOGIN,
        "operator_a": refused,
        "operator_b": refused,
        "unit_head": refused,
        "planner": ok,
        "inspector": refused,
        "leadership": refused,
        "admin": ok,
    }


def method_not_allowed(matrix):
    # require_POST answers 405 before the view runs; login_required still comes first.
    return {actor: (LOGIN if code == LOGIN else 405) for actor, code in matrix.items()}


def catalog_a_pic_web():
    return {actor: (302 if code == 201 else code) for actor, code in catalog_a_pic().items()}


def define(ok):
    return {
        ANON: LOGIN,
        "operator_a": 404,
        "operator_b": 404,
        "unit_head": 404,
        "planner": ok,
        "inspector": 404,
        "leadership": 404,
        "admin": ok,
    }


def assignment_a(_ctx):
    return {"pk": RoleAssignment.objects.get(user__username="operator_a").pk}
