"""API endpoints: thin adapters over the same selectors and services the web pages use."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from kinerja.accounts.access import Action, active_assignments, can
from kinerja.accounts.models import RoleAssignment
from kinerja.accounts.selectors import role_assignment_list
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.organization import selectors as org_selectors
from kinerja.organization import services as org_services
from kinerja.organization.models import OrgUnit

from .serializers import (
    MeSerializer,
    OrgUnitSerializer,
    RoleAssignmentSerializer,
    UnitProfileUpdateSerializer,
)


def validation_response(exc: ValidationError) -> Response:
    code = status.HTTP_409_CONFLICT if isinstance(exc, ConcurrentEditError) else status.HTTP_400_BAD_REQUEST
    detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(detail, status=code)


class OrgUnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[OrgUnit]):
    serializer_class = OrgUnitSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        return org_selectors.unit_list(user=self.request.user, query=self.request.query_params.get("q", ""))

    @extend_schema(request=UnitProfileUpdateSerializer, responses={200: OrgUnitSerializer})
    def partial_update(self, request: Request, code: str) -> Response:
        unit = org_selectors.unit_get(user=request.user, code=code)
        if not can(request.user, Action.CHANGE, unit):
            raise PermissionDenied
        serializer = UnitProfileUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            unit = org_services.unit_update_profile(
                unit=unit, expected_version=data.pop("row_version"), **data
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(OrgUnitSerializer(unit).data)


class RoleAssignmentViewSet(viewsets.ReadOnlyModelViewSet[RoleAssignment]):
    serializer_class = RoleAssignmentSerializer

    def get_queryset(self) -> Any:
        return role_assignment_list(user=self.request.user)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        user.active_roles = active_assignments(user)  # type: ignore[union-attr]
        return Response(MeSerializer(user).data)


class TokenView(ObtainAuthToken):
    """Trade a username and password for an API token; throttled, and locked out by axes too."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
