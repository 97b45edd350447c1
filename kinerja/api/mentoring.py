"""API of the mentoring service: the unit's files, the mentor's findings, the worksheet.

The same services as the pages: a request the user may not see is 404, one they see but may not act
on is 403, a refused value is 400 naming the field, and a stale `row_version` is 409.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can
from kinerja.mentoring import selectors, services
from kinerja.mentoring.hooks import requirements
from kinerja.mentoring.models import Chapter, MentoringFinding, MentoringUpload, Regulation, UploadKind
from kinerja.workflows.models import ServiceRequest

from .views import validation_response

REQUEST_FILTER = OpenApiParameter(
    "request", str, required=False, description="Request number, e.g. PDP-2026-0001."
)


def _for_request(rows: Any, params: Any) -> Any:
    number = params.get("request", "")
    return rows.filter(request__number=number) if number else rows


# --- files ---------------------------------------------------------------------------------------


class MentoringUploadSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="draft_lkj or verification_result.")
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = MentoringUpload
        fields = [
            "id",
            "request",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]

    def get_download(self, upload: MentoringUpload) -> str:
        return reverse("api:mentoring-upload-download", args=[upload.pk])


class MentoringUploadCreateSerializer(serializers.Serializer):
    request = serializers.CharField(help_text="Request number, e.g. PDP-2026-0001.")
    kind = serializers.ChoiceField(choices=UploadKind.choices)
    file = serializers.FileField(required=False, help_text="Multipart upload; checked by its content.")


@extend_schema_view(list=extend_schema(parameters=[REQUEST_FILTER]))
class MentoringUploadViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[MentoringUpload],
):
    """The unit's draft LKj and verification results; added and removed while the request is with the unit."""

    serializer_class = MentoringUploadSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        return _for_request(selectors.upload_list(user=self.request.user), self.request.query_params)

    @extend_schema(
        request={"multipart/form-data": MentoringUploadCreateSerializer},
        responses={201: MentoringUploadSerializer},
    )
    def create(self, request: Request) -> Response:
        data = MentoringUploadCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = selectors.request_get(user=request.user, number=values["request"])
        try:
            upload = services.upload_add(
                actor=request.user, request=found, kind=values["kind"], upload=values.get("file")
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(MentoringUploadSerializer(upload).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        """Remove a file while the request is with the unit; afterwards files are kept (400)."""
        upload = selectors.upload_get(user=request.user, pk=int(pk))
        try:
            services.upload_delete(actor=request.user, upload=upload)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str) -> FileResponse:
        """The stored file, under the name it was uploaded with, for whoever may read the unit."""
        upload = selectors.upload_get(user=request.user, pk=int(pk))
        return FileResponse(
            upload.file.open("rb"),
            as_attachment=True,
            filename=upload.original_name,
            content_type=upload.content_type or "application/octet-stream",
        )


# --- findings ------------------------------------------------------------------------------------


class MentoringFindingSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = MentoringFinding
        fields = [
            "id",
            "request",
            "chapter",
            "regulation",
            "finding",
            "recommendation",
            "sort_order",
            "created_by",
            "created_at",
            "updated_at",
            "row_version",
        ]
        read_only_fields = fields


class MentoringFindingWriteSerializer(serializers.Serializer):
    chapter = serializers.ChoiceField(choices=Chapter.choices)
    regulation = serializers.ChoiceField(choices=Regulation.choices)
    finding = serializers.CharField()
    recommendation = serializers.CharField()
    sort_order = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)


class MentoringFindingCreateSerializer(MentoringFindingWriteSerializer):
    request = serializers.CharField(help_text="Request number, e.g. PDP-2026-0001.")


class MentoringFindingUpdateSerializer(MentoringFindingWriteSerializer):
    row_version = serializers.IntegerField(min_value=0, help_text="The row_version you read.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("chapter", "regulation", "finding", "recommendation"):
            self.fields[name].required = False


VERSION_PARAMETER = OpenApiParameter(
    "row_version", int, required=True, description="The row_version of the finding you read."
)


@extend_schema_view(
    list=extend_schema(parameters=[REQUEST_FILTER]),
    destroy=extend_schema(parameters=[VERSION_PARAMETER]),
)
class MentoringFindingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[MentoringFinding],
):
    """The mentor's findings per chapter of the LKj, written while the request is in service."""

    serializer_class = MentoringFindingSerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        return _for_request(selectors.finding_list(user=self.request.user), self.request.query_params)

    @extend_schema(request=MentoringFindingCreateSerializer, responses={201: MentoringFindingSerializer})
    def create(self, request: Request) -> Response:
        data = MentoringFindingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        found = selectors.request_get(user=request.user, number=values.pop("request"))
        try:
            finding = services.finding_save(actor=request.user, request=found, **values)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(MentoringFindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MentoringFindingUpdateSerializer, responses=MentoringFindingSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        finding = selectors.finding_get(user=request.user, pk=int(pk))
        data = MentoringFindingUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            finding = services.finding_save(
                actor=request.user,
                request=finding.request,
                existing=finding,
                expected_version=values["row_version"],
                chapter=values.get("chapter", finding.chapter),
                regulation=values.get("regulation", finding.regulation),
                finding=values.get("finding", finding.finding),
                recommendation=values.get("recommendation", finding.recommendation),
                sort_order=values.get("sort_order"),
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(MentoringFindingSerializer(finding).data)

    def destroy(self, request: Request, pk: str) -> Response:
        finding = selectors.finding_get(user=request.user, pk=int(pk))
        raw = request.query_params.get("row_version", "")
        if not raw.isdigit():
            raise exceptions.ValidationError({"row_version": [_("Give the row_version you read.")]})
        try:
            services.finding_delete(actor=request.user, finding=finding, expected_version=int(raw))
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the request and its worksheet ---------------------------------------------------------------


class MentoringRequirementSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    met = serializers.BooleanField()
    automatic = serializers.BooleanField()
    detail = serializers.CharField()


class MentoringRequestSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    assigned_to = serializers.SlugRelatedField(slug_field="username", read_only=True)
    worksheet = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    uploads = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "number",
            "unit",
            "year",
            "status",
            "assigned_to",
            "received_at",
            "delivered_at",
            "worksheet",
            "requirements",
            "uploads",
            "findings",
            "row_version",
        ]
        read_only_fields = fields

    def get_worksheet(self, obj: ServiceRequest) -> str | None:
        return str(obj.worksheet.public_id) if obj.worksheet is not None else None

    @extend_schema_field(MentoringRequirementSerializer(many=True))
    def get_requirements(self, obj: ServiceRequest) -> Any:
        return MentoringRequirementSerializer(requirements(obj), many=True).data

    @extend_schema_field(MentoringUploadSerializer(many=True))
    def get_uploads(self, obj: ServiceRequest) -> Any:
        rows = selectors.upload_list(user=self.context["request"].user, request=obj)
        return MentoringUploadSerializer(rows, many=True).data

    @extend_schema_field(MentoringFindingSerializer(many=True))
    def get_findings(self, obj: ServiceRequest) -> Any:
        rows = selectors.sorted_findings(
            selectors.finding_list(user=self.context["request"].user, request=obj)
        )
        return MentoringFindingSerializer(rows, many=True).data


class MentoringWorksheetSerializer(serializers.Serializer):
    representative = serializers.CharField(
        help_text="Username of the unit's operator or head who signs for the unit."
    )
    row_version = serializers.IntegerField(min_value=0, help_text="The request's row_version you read.")


class MentoringRequestViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[ServiceRequest]):
    """A mentoring request with its requirements, files and findings; the officer issues its worksheet."""

    serializer_class = MentoringRequestSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_object(self) -> ServiceRequest:
        return selectors.request_get(user=self.request.user, number=self.kwargs["number"])

    @extend_schema(request=MentoringWorksheetSerializer, responses=MentoringRequestSerializer)
    @action(detail=True, methods=["post"])
    def worksheet(self, request: Request, number: str) -> Response:
        """Render the Lembar Kerja Pendampingan and send it for signature (the request goes to signing)."""
        found = self.get_object()
        if not can(request.user, Action.SERVE, found.unit):
            raise exceptions.PermissionDenied
        data = MentoringWorksheetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        people = selectors.representatives(found, timezone.localdate())
        representative = next((p for p in people if p.username == values["representative"]), None)
        try:
            found = services.mentoring_worksheet_issue(
                actor=request.user,
                request=found,
                representative=representative,
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(MentoringRequestSerializer(found, context={"request": request}).data)


def register(router: DefaultRouter) -> None:
    router.register("mentoring-uploads", MentoringUploadViewSet, basename="mentoring-upload")
    router.register("mentoring-findings", MentoringFindingViewSet, basename="mentoring-finding")
    router.register("mentoring-requests", MentoringRequestViewSet, basename="mentoring-request")
