import os

import pytest

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_assign, user_create
from kinerja.organization import demo as organization_demo
from kinerja.organization.models import OrgUnit

# Playwright's sync API runs an event loop in the test thread; Django's async-safety guard would
# otherwise refuse the ORM calls the test makes between page actions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Correct-Horse-42"

# The actors of the permission matrix: (role, unit code). Unit A is Stasiun PSDKP Tarakan, unit B
# is Pangkalan PSDKP Bitung; the unit head heads unit A, so "a head sees their own unit and the
# units below it, not a neighbour" is tested.
ACTORS = {
    "operator_a": (Role.OPERATOR, "PSDKP-TARAKAN"),
    "operator_b": (Role.OPERATOR, "PSDKP-BITUNG"),
    "unit_head": (Role.UNIT_HEAD, "PSDKP-TARAKAN"),
    "planner": (Role.PLANNER, "ROREN"),
    "inspector": (Role.INSPECTOR, "ITJEN"),
    "leadership": (Role.LEADERSHIP, "KKP"),
    "admin": (Role.ADMIN, "KKP"),
}


@pytest.fixture
def org(db):
    organization_demo.load(lambda _msg: None)
    return {unit.code: unit for unit in OrgUnit.objects.all()}


def make_actors(org):
    people = {}
    for name, (role, unit_code) in ACTORS.items():
        user = user_create(
            username=name,
            full_name=name.replace("_", " ").title(),
            password=PASSWORD,
            email=f"{name}@example.invalid",
        )
        role_assign(user=user, role=role, unit=org[unit_code])
        people[name] = user
    return people


@pytest.fixture
def actors(org):
    return make_actors(org)


@pytest.fixture
def catalog(org):
    """The demo catalogue: Tarakan's 25 indicators and the demo cascade above them."""
    from kinerja.catalog import demo as catalog_demo
    from kinerja.catalog.models import Indicator

    catalog_demo.load(lambda _msg: None)
    return {(i.unit.code, i.code): i for i in Indicator.objects.select_related("unit", "current_version")}


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def english(client):
    """Messages in English, for tests that read them: the product speaks Indonesian by default."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
