"""Writes to the organisation tree. Each function is atomic and keeps the materialised path."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.concurrency import update_versioned

from .models import KIND_LEVEL, PATH_STEP, OrgUnit, UnitKind

PROFILE_FIELDS = ("address", "phone", "email", "website")


def _check_parent(*, kind: str, parent: OrgUnit | None) -> None:
    if parent is None:
        if kind != UnitKind.KEMENTERIAN:
            raise ValidationError({"parent": _("Only a ministry can be a root unit.")})
        return
    if KIND_LEVEL[UnitKind(kind)] <= parent.level:
        raise ValidationError(
            {
                "kind": _("A %(kind)s unit cannot sit under a %(parent)s unit.")
                % {"kind": UnitKind(kind).label, "parent": UnitKind(parent.kind).label}
            }
        )


def _path_for(unit: OrgUnit, parent: OrgUnit | None) -> str:
    own = str(unit.pk).zfill(PATH_STEP)
    return (parent.path if parent else "") + own


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    short_name: str,
    kind: str,
    parent: OrgUnit | None = None,
    sort_order: int = 0,
    is_active: bool = True,
) -> OrgUnit:
    _check_parent(kind=kind, parent=parent)
    unit = OrgUnit(
        code=code.strip().upper(),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
        sort_order=sort_order,
        is_active=is_active,
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _path_for(unit, parent)
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)
    return unit


@transaction.atomic
def unit_update(*, unit: OrgUnit, expected_version: int, **fields: Any) -> OrgUnit:
    """Change master data; moving a unit rewrites the paths of its whole subtree."""
    parent = fields.get("parent", unit.parent)
    kind = fields.get("kind", unit.kind)
    if parent is not None and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
        raise ValidationError({"parent": _("A unit cannot be placed under itself or its sub-units.")})
    _check_parent(kind=kind, parent=parent)
    old_path = unit.path
    unit = update_versioned(unit, expected_version=expected_version, fields=fields)
    new_path = _path_for(unit, unit.parent)
    if new_path != old_path:
        for descendant in OrgUnit.objects.filter(path__startswith=old_path).select_for_update():
            descendant.path = new_path + descendant.path[len(old_path) :]
            OrgUnit.objects.filter(pk=descendant.pk).update(path=descendant.path)
        unit.path = new_path
    return unit


@transaction.atomic
def unit_update_profile(*, unit: OrgUnit, expected_version: int, **fields: Any) -> OrgUnit:
    """Contact details a unit keeps itself; master data stays with administrators."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    return update_versioned(unit, expected_version=expected_version, fields=fields)
