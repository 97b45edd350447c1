import datetime

import pytest

from kinerja.accounts.access import Action, can, restrict, roles_of, scope_for
from kinerja.accounts.models import Role, RoleAssignment
from kinerja.accounts.services import role_assign, role_revoke, user_create
from kinerja.organization.models import OrgUnit


def visible_codes(user, action=Action.VIEW):
    return set(restrict(OrgUnit.objects.all(), user, action).values_list("code", flat=True))


@pytest.mark.django_db
def test_operator_sees_and_changes_only_their_unit(actors, org):
    assert visible_codes(actors["operator_a"]) == {"PSDKP-TARAKAN"}
    assert visible_codes(actors["operator_a"], Action.CHANGE) == {"PSDKP-TARAKAN"}
    assert not can(actors["operator_a"], Action.VIEW, org["PSDKP-BITUNG"])


@pytest.mark.django_db
def test_unit_head_sees_the_units_below_but_changes_only_their_own(org):
    head = user_create(username="dirjen", password="Correct-Horse-42")
    role_assign(user=head, role=Role.UNIT_HEAD, unit=org["DJPSDKP"])
    seen = visible_codes(head)
    assert {"DJPSDKP", "PSDKP-TARAKAN", "PSDKP-BITUNG", "DIT-POA"} <= seen
    assert "ROREN" not in seen
    assert "KKP" not in seen
    assert visible_codes(head, Action.CHANGE) == {"DJPSDKP"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["planner", "inspector", "leadership", "admin"])
def test_ministry_wide_roles_read_everything(actors, org, name):
    assert visible_codes(actors[name]) == set(org)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["planner", "inspector", "leadership"])
def test_reading_roles_change_nothing(actors, name):
    assert visible_codes(actors[name], Action.CHANGE) == set()
    assert visible_codes(actors[name], Action.MANAGE) == set()


@pytest.mark.django_db
def test_roles_in_several_units_add_up(org):
    user = user_create(username="multi", password="Correct-Horse-42")
    role_assign(user=user, role=Role.OPERATOR, unit=org["PSDKP-TARAKAN"])
    role_assign(user=user, role=Role.OPERATOR, unit=org["PSDKP-KUPANG"])
    assert visible_codes(user) == {"PSDKP-TARAKAN", "PSDKP-KUPANG"}


@pytest.mark.django_db
def test_revoked_expired_and_future_roles_give_nothing(org):
    user = user_create(username="former", password="Correct-Horse-42")
    assignment = role_assign(user=user, role=Role.OPERATOR, unit=org["PSDKP-TARAKAN"])
    role_revoke(assignment=assignment)
    assert visible_codes(user) == set()
    today = datetime.date.today()
    role_assign(
        user=user,
        role=Role.OPERATOR,
        unit=org["PSDKP-KUPANG"],
        start_date=today - datetime.timedelta(days=30),
        end_date=today - datetime.timedelta(days=1),
    )
    role_assign(
        user=user,
        role=Role.OPERATOR,
        unit=org["PSDKP-BELAWAN"],
        start_date=today + datetime.timedelta(days=1),
    )
    user.__dict__.pop("_kinerja_assignments", None)
    assert visible_codes(user) == set()


@pytest.mark.django_db
def test_anonymous_and_inactive_users_see_nothing(actors):
    from django.contrib.auth.models import AnonymousUser

    assert visible_codes(AnonymousUser()) == set()
    user = actors["planner"]
    user.is_active = False
    assert visible_codes(user) == set()


@pytest.mark.django_db
def test_restrict_follows_the_unit_lookup_of_related_models(actors):
    rows = restrict(RoleAssignment.objects.all(), actors["operator_a"])
    assert {r.unit.code for r in rows} == {"PSDKP-TARAKAN"}


@pytest.mark.django_db
def test_superuser_counts_as_administrator(org):
    root = user_create(username="root", password="Correct-Horse-42")
    root.is_superuser = True
    root.save()
    assert Role.ADMIN in roles_of(root)
    assert scope_for(root, Action.MANAGE).everything


@pytest.mark.django_db
def test_catalogue_reach_includes_the_units_above(actors, org):
    seen = visible_codes(actors["operator_a"], Action.READ_CATALOG)
    assert seen == {"PSDKP-TARAKAN", "DJPSDKP", "KKP"}
    head_seen = visible_codes(actors["unit_head"], Action.READ_CATALOG)
    assert head_seen == {"PSDKP-TARAKAN", "DJPSDKP", "KKP"}
    assert visible_codes(actors["planner"], Action.DEFINE) == set(org)
    assert visible_codes(actors["operator_a"], Action.DEFINE) == set()
