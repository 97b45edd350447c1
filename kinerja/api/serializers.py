from rest_framework import serializers

from kinerja.accounts.models import RoleAssignment, User
from kinerja.organization.models import OrgUnit
from kinerja.organization.services import PROFILE_FIELDS


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "short_name", "kind", "parent", "is_active", *PROFILE_FIELDS, "row_version"]
        read_only_fields = ["code", "name", "short_name", "kind", "parent", "is_active", "row_version"]


class UnitProfileUpdateSerializer(serializers.ModelSerializer):
    row_version = serializers.IntegerField(
        help_text="The row_version you read; a mismatch means someone else saved first (409)."
    )

    class Meta:
        model = OrgUnit
        fields = [*PROFILE_FIELDS, "row_version"]
        extra_kwargs = {name: {"required": False} for name in PROFILE_FIELDS}


class RoleAssignmentSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "unit", "start_date", "end_date", "is_active"]


class MeSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="active_roles", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "roles"]
