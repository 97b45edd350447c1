"""Writes for people, roles and API tokens."""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from rest_framework.authtoken.models import Token

from kinerja.organization.models import OrgUnit

from .models import Role, RoleAssignment, User


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str = "",
    full_name: str = "",
    password: str | None = None,
    nip: str = "",
) -> User:
    user = User(username=username.strip(), email=email.strip(), full_name=full_name.strip(), nip=nip)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, email: str) -> User:
    user.full_name = full_name.strip()
    user.email = email.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "email"])
    return user


@transaction.atomic
def role_assign(
    *,
    user: User,
    role: Role | str,
    unit: OrgUnit,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> RoleAssignment:
    """Give a role; assigning one the user already holds re-activates it instead of failing."""
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=Role(role), unit=unit, defaults={"start_date": start_date, "end_date": end_date}
    )
    wanted = {"is_active": True, "start_date": start_date, "end_date": end_date}
    changed = [name for name, value in wanted.items() if getattr(assignment, name) != value]
    if changed:
        for name in changed:
            setattr(assignment, name, wanted[name])
        assignment.full_clean()
        assignment.save(update_fields=changed)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> RoleAssignment:
    """Deactivate rather than delete, so the history shows who held the role and when."""
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    return assignment


@transaction.atomic
def token_regenerate(*, user: User) -> Token:
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)
