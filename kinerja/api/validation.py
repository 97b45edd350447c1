"""API of the validation service: the proposal matrix, verdicts, validators, the worksheet and the
Nota Dinas of a validation request.

Writes call the same services as the pages: a request the user may not see is 404, one they see
but may not act on is 403, a refused value is 400 naming the field, a stale `row_version` is 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, restrict
from kinerja.accounts.models import User
from kinerja.validation import selectors, services
from kinerja.validation.models import IndicatorProposal, NotaDinas, Validator, Verdict
from kinerja.workflows.models import ServiceRequest
from kinerja.workflows.services import requirements_of

from .views import validation_response

CHOICES_HELP = {
    "verdict": "pending, diterima (accepted), diperbaiki (accepted with the agreed text) "
    "or ditolak (rejected).",
    "side": "biro (Biro Perencanaan: a planner) or itjen (Inspectorate General: an inspector).",
    "polarity": "maximize (higher is better) or minimize (lower is better).",
    "kind": "IKU or IK.",
    "target_aspect": "kuantitas, kualitas, waktu, biaya, or empty.",
}
NUMBER_HELP = "The validation request's number, e.g. VAL-2026-0001."


def _request(user: Any, number: str) -> ServiceRequest:
    return selectors.request_get(user=user, number=number)


# --- proposals -----------------------------------------------------------------------------------


class ValidationProposalSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=CHOICES_HELP["kind"])
    polarity = serializers.CharField(read_only=True, help_text=CHOICES_HELP["polarity"])
    target_aspect = serializers.CharField(read_only=True, help_text=CHOICES_HELP["target_aspect"])
    verdict = serializers.CharField(read_only=True, help_text=CHOICES_HELP["verdict"])
    verdict_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    indicator = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="The catalogue indicator made from it once signed."
    )

    class Meta:
        model = IndicatorProposal
        fields = [
            "id",
            "request",
            "sort_order",
            "sasaran",
            "kind",
            "name",
            "definition",
            "formula",
            "measure_unit",
            "target",
            "quarter_targets",
            "polarity",
            "target_aspect",
            "verdict",
            "agreed_name",
            "agreed_definition",
            "agreed_formula",
            "agreed_measure_unit",
            "agreed_target",
            "agreed_quarter_targets",
            "reason",
            "verdict_by",
            "verdict_at",
            "indicator",
            "row_version",
        ]


class ValidationProposalFieldsSerializer(serializers.Serializer):
    sasaran = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField(required=False, help_text=CHOICES_HELP["kind"])
    name = serializers.CharField(required=False, allow_blank=True)
    definition = serializers.CharField(required=False, allow_blank=True)
    formula = serializers.CharField(required=False, allow_blank=True)
    measure_unit = serializers.CharField(required=False, allow_blank=True)
    target = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="e.g. 85 or 7,5"
    )
    quarter_targets = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, help_text='{"TW1": "80", "TW4": "85"}'
    )
    polarity = serializers.CharField(required=False, help_text=CHOICES_HELP["polarity"])
    target_aspect = serializers.CharField(
        required=False, allow_blank=True, help_text=CHOICES_HELP["target_aspect"]
    )


class ValidationProposalCreateSerializer(ValidationProposalFieldsSerializer):
    request = serializers.CharField(help_text=NUMBER_HELP)


class ValidationProposalUpdateSerializer(ValidationProposalFieldsSerializer):
    row_version = serializers.IntegerField()


class ValidationVerdictSerializer(serializers.Serializer):
    verdict = serializers.CharField(help_text=CHOICES_HELP["verdict"])
    agreed_name = serializers.CharField(required=False, allow_blank=True, default="")
    agreed_definition = serializers.CharField(required=False, allow_blank=True, default="")
    agreed_formula = serializers.CharField(required=False, allow_blank=True, default="")
    agreed_measure_unit = serializers.CharField(required=False, allow_blank=True, default="")
    agreed_target = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    agreed_quarter_targets = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    row_version = serializers.IntegerField()


PROPOSAL_FIELDS = (
    "sasaran",
    "kind",
    "name",
    "definition",
    "formula",
    "measure_unit",
    "target",
    "quarter_targets",
    "polarity",
    "target_aspect",
)


class ProposalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[IndicatorProposal]
):
    """The matrix of proposed indicators of a validation request; the verdicts of the session."""

    serializer_class = ValidationProposalSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(
            IndicatorProposal.objects.filter(request__kind="validasi"), self.request.user, Action.VIEW
        ).select_related("request", "verdict_by", "indicator")
        number = self.request.query_params.get("request", "")
        if number:
            rows = rows.filter(request__number=number)
        return rows.order_by("request__number", "sort_order", "pk")

    @extend_schema(parameters=[OpenApiParameter("request", str, required=False, description=NUMBER_HELP)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ValidationProposalCreateSerializer, responses={201: ValidationProposalSerializer})
    def create(self, request: Request) -> Response:
        data = ValidationProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        service_request = _request(request.user, values.pop("request"))
        try:
            proposal = services.proposal_save(actor=request.user, request=service_request, **values)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ValidationProposalUpdateSerializer, responses=ValidationProposalSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a row; fields not sent keep their value."""
        proposal = self.get_object()
        data = ValidationProposalUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("row_version")
        current = {name: getattr(proposal, name) for name in PROPOSAL_FIELDS}
        try:
            proposal = services.proposal_save(
                actor=request.user,
                request=proposal.request,
                proposal=proposal,
                expected_version=version,
                **{**current, **values},
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationProposalSerializer(proposal).data)

    def destroy(self, request: Request, pk: str) -> Response:
        proposal = self.get_object()
        try:
            services.proposal_delete(actor=request.user, proposal=proposal)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ValidationVerdictSerializer, responses=ValidationProposalSerializer)
    @action(detail=True, methods=["post"])
    def verdict(self, request: Request, pk: str) -> Response:
        """The session's verdict; by an officer of Biro Perencanaan or a validator of the request."""
        proposal = self.get_object()
        data = ValidationVerdictSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            proposal = services.proposal_verdict(
                actor=request.user,
                proposal=proposal,
                expected_version=values.pop("row_version"),
                **values,
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationProposalSerializer(proposal).data)


# --- validators ----------------------------------------------------------------------------------


class ValidationValidatorSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    side = serializers.CharField(read_only=True, help_text=CHOICES_HELP["side"])
    assigned_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Validator
        fields = ["id", "request", "user", "name", "side", "assigned_by", "assigned_at"]


class ValidationValidatorCreateSerializer(serializers.Serializer):
    request = serializers.CharField(help_text=NUMBER_HELP)
    user = serializers.CharField(help_text="Username of the validator.")
    side = serializers.CharField(help_text=CHOICES_HELP["side"])


class ValidatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Validator]):
    """The validators of validation requests: named (and removed) by Biro Perencanaan's officers."""

    serializer_class = ValidationValidatorSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(
            Validator.objects.filter(request__kind="validasi"), self.request.user, Action.VIEW
        ).select_related("request", "user", "assigned_by")
        number = self.request.query_params.get("request", "")
        if number:
            rows = rows.filter(request__number=number)
        return rows.order_by("request__number", "side", "pk")

    @extend_schema(parameters=[OpenApiParameter("request", str, required=False, description=NUMBER_HELP)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ValidationValidatorCreateSerializer, responses={201: ValidationValidatorSerializer}
    )
    def create(self, request: Request) -> Response:
        data = ValidationValidatorCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        service_request = _request(request.user, values["request"])
        try:
            person = User.objects.filter(username=values["user"]).first()
            if person is None:
                raise ValidationError({"user": f"No user {values['user']}."})
            validator = services.validator_assign(
                actor=request.user, request=service_request, user=person, side=values["side"]
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationValidatorSerializer(validator).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        validator = self.get_object()
        try:
            services.validator_remove(actor=request.user, validator=validator)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the request: summary, Itjen, worksheet, Nota Dinas, Excel -----------------------------------


class ValidationNotaDinasSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    issued_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = NotaDinas
        fields = ["number", "request", "year", "sequence", "subject", "issued_at", "issued_by", "sha256"]


class ValidationCountSerializer(serializers.Serializer):
    verdict = serializers.CharField(help_text=CHOICES_HELP["verdict"])
    count = serializers.IntegerField()


class ValidationRequirementSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    met = serializers.BooleanField()
    detail = serializers.CharField()


class ValidationRequestSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True)
    counts = serializers.SerializerMethodField()
    validators = ValidationValidatorSerializer(many=True, read_only=True)
    requirements = serializers.SerializerMethodField()
    worksheet_problems = serializers.SerializerMethodField()
    worksheet = serializers.SerializerMethodField()
    nota_dinas = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "number",
            "unit",
            "year",
            "status",
            "row_version",
            "counts",
            "validators",
            "requirements",
            "worksheet_problems",
            "worksheet",
            "nota_dinas",
        ]

    @extend_schema_field(ValidationCountSerializer(many=True))
    def get_counts(self, obj: ServiceRequest) -> Any:
        verdicts = list(obj.proposals.values_list("verdict", flat=True))
        return [{"verdict": value, "count": verdicts.count(value)} for value in Verdict.values]

    @extend_schema_field(ValidationRequirementSerializer(many=True))
    def get_requirements(self, obj: ServiceRequest) -> Any:
        return [
            {"key": r.key, "label": r.label, "met": r.met, "detail": r.detail} for r in requirements_of(obj)
        ]

    def get_worksheet_problems(self, obj: ServiceRequest) -> list[str]:
        return services.worksheet_problems(obj)

    def get_worksheet(self, obj: ServiceRequest) -> str | None:
        """The public id of the worksheet out for signature (or signed)."""
        return str(obj.worksheet.public_id) if obj.worksheet else None

    @extend_schema_field(ValidationNotaDinasSerializer(allow_null=True))
    def get_nota_dinas(self, obj: ServiceRequest) -> Any:
        nota = NotaDinas.objects.filter(request=obj).first()
        return ValidationNotaDinasSerializer(nota).data if nota else None


class ValidationCallSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ValidationWorksheetIssueSerializer(serializers.Serializer):
    representative = serializers.CharField(
        help_text="Username of the unit's operator or head who signs for it."
    )
    row_version = serializers.IntegerField(help_text="The request's row_version.")


class ValidationImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The filled Excel template (.xlsx); it replaces the matrix.")


class ValidationRequestViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[ServiceRequest]):
    """A validation request as this service sees it, and its actions."""

    serializer_class = ValidationRequestSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        return selectors.request_list(user=self.request.user)

    @extend_schema(
        request=ValidationCallSerializer,
        responses={
            201: inline_serializer(
                "ValidationValidatorCall",
                {"asked_at": serializers.DateTimeField(), "note": serializers.CharField()},
            )
        },
    )
    @action(detail=True, methods=["post"], url_path="ask-itjen")
    def ask_itjen(self, request: Request, number: str) -> Response:
        """Ask the Inspectorate General for validators; its inspectors are notified."""
        service_request = self.get_object()
        data = ValidationCallSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            call = services.validators_request(
                actor=request.user, request=service_request, note=data.validated_data["note"]
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response({"asked_at": call.asked_at, "note": call.note}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ValidationWorksheetIssueSerializer, responses=ValidationRequestSerializer)
    @action(detail=True, methods=["post"])
    def worksheet(self, request: Request, number: str) -> Response:
        """Render the validation worksheet and send it out for signature."""
        service_request = self.get_object()
        data = ValidationWorksheetIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            representative = User.objects.filter(username=data.validated_data["representative"]).first()
            service_request = services.validation_worksheet_issue(
                actor=request.user,
                request=service_request,
                representative=representative,
                expected_version=data.validated_data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationRequestSerializer(service_request).data)

    @extend_schema(responses=ValidationNotaDinasSerializer)
    @action(detail=True, methods=["get"], url_path="nota-dinas")
    def nota_dinas(self, request: Request, number: str) -> Response:
        nota = selectors.nota_dinas_get(user=request.user, request=self.get_object())
        return Response(ValidationNotaDinasSerializer(nota).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="nota-dinas/download", url_name="nota-dinas-download")
    def nota_dinas_download(self, request: Request, number: str) -> FileResponse:
        nota = selectors.nota_dinas_get(user=request.user, request=self.get_object())
        return FileResponse(
            default_storage.open(nota.file.name, "rb"),
            as_attachment=True,
            filename="Nota-Dinas-" + nota.number.replace("/", "-") + ".pdf",
            content_type="application/pdf",
        )

    @extend_schema(
        request={"multipart/form-data": ValidationImportSerializer},
        responses={201: ValidationProposalSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="matrix/import",
        url_name="matrix-import",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def matrix_import(self, request: Request, number: str) -> Response:
        """Replace the matrix with a filled template: all rows or none; errors name sheet, row, column."""
        service_request = self.get_object()
        if not services.writes_matrix(request.user, service_request):
            raise PermissionDenied
        data = ValidationImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            rows = services.proposals_import(
                actor=request.user, request=service_request, file=data.validated_data["file"]
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(ValidationProposalSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("validation-proposals", ProposalViewSet, basename="validation-proposal")
    router.register("validation-validators", ValidatorViewSet, basename="validation-validator")
    router.register("validation-requests", ValidationRequestViewSet, basename="validation-request")
