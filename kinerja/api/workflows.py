"""API of the request register: requests with their live clock, invitations, and every transition.

The same services as the pages: a request the user may not see is 404, an action their role may not
take is 403, a refused input is 400 naming the field, a stale `row_version` is 409.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.models import User
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTER_CHOICES
from kinerja.workflows import selectors, services
from kinerja.workflows.clock import Clock, request_clock
from kinerja.workflows.models import ReviewVerdict, ServiceKind, ServiceRequest

from .views import validation_response


class ClockSerializer(serializers.Serializer[Clock]):
    service_hours = serializers.DecimalField(
        source="hours", max_digits=10, decimal_places=2, coerce_to_string=False
    )
    limit_hours = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=False)
    percent = serializers.IntegerField()
    running = serializers.BooleanField()
    started = serializers.BooleanField()
    compensation = serializers.CharField()
    due_at = serializers.DateTimeField(allow_null=True)


class RequestRequirementSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()
    met = serializers.BooleanField()
    automatic = serializers.BooleanField()
    detail = serializers.CharField()


class ServiceRequestSerializer(serializers.ModelSerializer[ServiceRequest]):
    unit = serializers.CharField(source="unit.code", read_only=True)
    assigned_to = serializers.SlugRelatedField(slug_field="username", read_only=True)
    clock = serializers.SerializerMethodField()
    worksheet = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "number",
            "kind",
            "unit",
            "year",
            "quarter",
            "origin",
            "subject",
            "status",
            "assigned_to",
            "opened_at",
            "received_at",
            "delivered_at",
            "return_reason",
            "limit_minutes",
            "service_seconds",
            "compensation",
            "compensation_given_at",
            "compensation_note",
            "row_version",
            "clock",
            "worksheet",
        ]

    @extend_schema_field(ClockSerializer)
    def get_clock(self, obj: ServiceRequest) -> dict[str, Any]:
        clocks: dict[int, Clock] = self.context.get("clocks", {})
        clock = clocks.get(obj.pk) or request_clock(obj)
        return dict(ClockSerializer(clock).data)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_worksheet(self, obj: ServiceRequest) -> dict[str, Any] | None:
        document = obj.worksheet
        if document is None:
            return None
        return {
            "public_id": str(document.public_id),
            "title": document.title,
            "status": document.status,
            "sha256": document.sha256,
            "file": reverse("signatures:file", kwargs={"public_id": document.public_id}),
            "verification_page": reverse("signatures:public", kwargs={"public_id": document.public_id}),
        }


class DetailSerializer(ServiceRequestSerializer):
    requirements = serializers.SerializerMethodField()

    class Meta(ServiceRequestSerializer.Meta):
        fields = [*ServiceRequestSerializer.Meta.fields, "requirements"]

    @extend_schema_field(RequestRequirementSerializer(many=True))
    def get_requirements(self, obj: ServiceRequest) -> list[dict[str, Any]]:
        return [dict(RequestRequirementSerializer(item).data) for item in services.requirements_of(obj)]


class RequestVersionSerializer(serializers.Serializer[Any]):
    row_version = serializers.IntegerField()


class RequestReasonSerializer(RequestVersionSerializer):
    reason = serializers.CharField(allow_blank=True)


class ReassignSerializer(RequestVersionSerializer):
    officer = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True)
    )


class CompensationSerializer(RequestVersionSerializer):
    note = serializers.CharField(allow_blank=True)


class QualityReviewSerializer(serializers.Serializer[Any]):
    verdict = serializers.ChoiceField(choices=ReviewVerdict.choices)
    note = serializers.CharField(allow_blank=True, required=False, default="")


class TickSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    met = serializers.BooleanField()


class OpenSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.filter(is_active=True))
    year = serializers.IntegerField()
    quarter = serializers.ChoiceField(choices=QUARTER_CHOICES, required=False, allow_blank=True, default="")
    subject = serializers.CharField(required=False, allow_blank=True, default="")


class InvitationSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    year = serializers.IntegerField()
    quarter = serializers.ChoiceField(choices=QUARTER_CHOICES, required=False, allow_blank=True, default="")
    units = serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.filter(is_active=True), many=True
    )
    title = serializers.CharField()
    message = serializers.CharField(required=False, allow_blank=True, default="")
    meeting_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, default="")


class InvitationResultSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    requests = ServiceRequestSerializer(many=True)


class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ServiceRequest]
):
    """Service requests of validasi, verifikasi and pendampingan, each with its live service clock."""

    serializer_class = ServiceRequestSerializer
    lookup_field = "number"
    lookup_value_regex = "[A-Z]+-[0-9]{4}-[0-9]+"

    def get_queryset(self) -> Any:
        rows = selectors.request_list(user=self.request.user).select_related("worksheet")
        params = self.request.query_params
        for name in ("kind", "status", "quarter"):
            if params.get(name):
                rows = rows.filter(**{name: params[name]})
        if params.get("unit"):
            rows = rows.filter(unit__code=params["unit"])
        if params.get("year"):
            if not params["year"].isdigit():
                raise exceptions.ValidationError({"year": ["A year is a number, e.g. 2026."]})
            rows = rows.filter(year=int(params["year"]))
        return rows

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        items = list(page if page is not None else self.get_queryset())
        clocks = {row.request.pk: row.clock for row in selectors.with_clocks(items)}
        data = ServiceRequestSerializer(items, many=True, context={"clocks": clocks}).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(responses=DetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(DetailSerializer(self.get_object()).data)

    def _run(self, serializer_class: type[serializers.Serializer[Any]], call: Any) -> Response:
        service_request = self.get_object()
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            result = call(service_request, values)
        except ValidationError as exc:
            return validation_response(exc)
        if isinstance(result, ServiceRequest):
            return Response(DetailSerializer(result).data)
        return Response(DetailSerializer(self.get_object()).data)

    @extend_schema(request=RequestVersionSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, number: str) -> Response:
        """The requirements are complete: the clock starts, or resumes after a return."""
        return self._run(
            RequestVersionSerializer,
            lambda r, v: services.request_submit(
                actor=request.user, request=r, expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=RequestReasonSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, number: str) -> Response:
        """Back to the unit for completion (reason required); the clock pauses."""
        return self._run(
            RequestReasonSerializer,
            lambda r, v: services.request_return(
                actor=request.user, request=r, reason=v["reason"], expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=RequestReasonSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, number: str) -> Response:
        return self._run(
            RequestReasonSerializer,
            lambda r, v: services.request_cancel(
                actor=request.user, request=r, reason=v["reason"], expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=RequestReasonSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, number: str) -> Response:
        """Withdraw the worksheet out for signature; its signatures become void."""
        return self._run(
            RequestReasonSerializer,
            lambda r, v: services.request_worksheet_withdraw(
                actor=request.user, request=r, reason=v["reason"], expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=ReassignSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, number: str) -> Response:
        return self._run(
            ReassignSerializer,
            lambda r, v: services.request_reassign(
                actor=request.user, request=r, officer=v["officer"], expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=CompensationSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def compensation(self, request: Request, number: str) -> Response:
        """Record that the compensation a late request owed was given."""
        return self._run(
            CompensationSerializer,
            lambda r, v: services.compensation_give(
                actor=request.user, request=r, note=v["note"], expected_version=v["row_version"]
            ),
        )

    @extend_schema(request=QualityReviewSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, number: str) -> Response:
        """The quality-control team's review."""
        return self._run(
            QualityReviewSerializer,
            lambda r, v: services.quality_review_add(
                actor=request.user, request=r, verdict=v["verdict"], note=v["note"]
            ),
        )

    @extend_schema(request=TickSerializer, responses=DetailSerializer)
    @action(detail=True, methods=["post"])
    def tick(self, request: Request, number: str) -> Response:
        """Confirm a requirement the system cannot check."""
        return self._run(
            TickSerializer,
            lambda r, v: services.requirement_tick(actor=request.user, request=r, key=v["key"], met=v["met"]),
        )

    @extend_schema(request=OpenSerializer, responses={201: DetailSerializer})
    @action(detail=False, methods=["post"], url_path="open", url_name="open")
    def open_(self, request: Request) -> Response:
        """A unit asks for mentoring; an officer opens any service for a unit."""
        data = OpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            opened = services.request_open(actor=request.user, **data.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(DetailSerializer(opened).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InvitationSerializer, responses={201: InvitationResultSerializer})
    @action(detail=False, methods=["post"])
    def invite(self, request: Request) -> Response:
        """Invite one or many units; each gets a request (an open one is reused)."""
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            invitation = services.invitation_send(actor=request.user, **values)
        except ValidationError as exc:
            return validation_response(exc)
        requests = ServiceRequest.objects.filter(
            kind=invitation.kind, year=invitation.year, quarter=invitation.quarter, unit__in=values["units"]
        ).exclude(status="cancelled")
        return Response(
            {"id": invitation.pk, "requests": ServiceRequestSerializer(requests, many=True).data},
            status=status.HTTP_201_CREATED,
        )


def register(router: DefaultRouter) -> None:
    router.register("service-requests", ServiceRequestViewSet, basename="service-request")
