"""API of the verification service: a request's lines, the verdict on one line, the worksheet, the return.

The same services as the session page: only Biro Perencanaan's officers check lines and issue the
worksheet (403 for others who see the request, 404 for those who do not); a refused correction is
400 naming `corrected_inputs` (with each engine problem located), a stale `row_version` is 409.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can, restrict
from kinerja.accounts.models import User
from kinerja.verification import selectors, services
from kinerja.verification.models import Verdict, VerificationLine
from kinerja.workflows import services as workflow_services
from kinerja.workflows.models import RequestStatus, ServiceKind, ServiceRequest
from kinerja.workflows.selectors import request_list

from .views import validation_response


class VerificationLineSerializer(serializers.ModelSerializer):
    request = serializers.CharField(source="request.number", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    target = serializers.SerializerMethodField(help_text="The PK's target for the period, as text.")
    checked_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    evidence = serializers.JSONField(
        read_only=True, help_text="The evidence submitted with the claim: id, kind, description, name, url."
    )

    class Meta:
        model = VerificationLine
        fields = [
            "id",
            "request",
            "indicator",
            "indicator_name",
            "period",
            "target",
            "claimed_state",
            "claimed_inputs",
            "claimed_value",
            "claimed_reason",
            "evidence",
            "verdict",
            "corrected_inputs",
            "corrected_value",
            "note",
            "checked_by",
            "checked_at",
            "row_version",
        ]

    def get_target(self, line: VerificationLine) -> str:
        targets: dict[int, str] = self.context.get("targets", {})
        if line.pk in targets:
            return targets[line.pk]
        row = next((r for r in selectors.line_rows(line.request) if r.line.pk == line.pk), None)
        return row.target if row is not None else "—"


class LineCheckSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=[Verdict.SESUAI, Verdict.DIKOREKSI])
    corrected_inputs = serializers.JSONField(
        required=False,
        allow_null=True,
        default=None,
        help_text='For "dikoreksi": the inputs as the evidence shows them, in the shape of the '
        'realisation\'s inputs, e.g. {"sanksi_ditetapkan": 2, "kasus_ditangani": 4}.',
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text='Required for "dikoreksi".'
    )
    row_version = serializers.IntegerField(min_value=0, help_text="The line's row_version you read.")


class VerificationWorksheetSerializer(serializers.Serializer):
    verifiers = serializers.ListField(
        child=serializers.CharField(),
        help_text="Usernames of the verifiers of Biro Perencanaan; you must be one of them.",
    )
    representative = serializers.CharField(help_text="Username of the unit's operator or head who signs.")
    row_version = serializers.IntegerField(min_value=0, help_text="The request's row_version you read.")


class VerificationReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)
    row_version = serializers.IntegerField(min_value=0)


class VerificationStateSerializer(serializers.ModelSerializer):
    worksheet = serializers.UUIDField(source="worksheet.public_id", read_only=True, default=None)
    sign_url = serializers.SerializerMethodField(help_text="Where each signer signs the worksheet.")

    class Meta:
        model = ServiceRequest
        fields = ["number", "status", "worksheet", "sign_url", "row_version"]

    def get_sign_url(self, request: ServiceRequest) -> str | None:
        if request.worksheet is None:
            return None
        return reverse("signatures:sign", kwargs={"public_id": request.worksheet.public_id})


def _users(names: list[str], field: str) -> list[Any]:
    found = {user.username: user for user in User.objects.filter(username__in=names)}
    missing = [name for name in names if name not in found]
    if missing:
        raise ValidationError({field: _("Unknown user: %(names)s") % {"names": ", ".join(missing)}})
    return [found[name] for name in names]


class VerificationRequestViewSet(viewsets.GenericViewSet[ServiceRequest]):
    """A verification request's lines, its worksheet, and the return to the unit."""

    serializer_class = VerificationStateSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        return request_list(user=self.request.user).filter(kind=ServiceKind.VERIFIKASI)

    def _serving(self) -> ServiceRequest:
        request = self.get_object()
        if not can(self.request.user, Action.SERVE, request.unit):
            raise PermissionDenied
        return request

    @extend_schema(responses=VerificationLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request: Request, number: str) -> Response:
        """The lines; for an officer while the request is in service, first brought up to date with
        the unit's latest submitted quarter (as opening the session page does)."""
        service_request = self.get_object()
        if (
            can(request.user, Action.SERVE, service_request.unit)
            and service_request.status == RequestStatus.IN_SERVICE
        ):
            try:
                services.lines_build(actor=request.user, request=service_request)
            except ValidationError as exc:
                return validation_response(exc)
        rows = selectors.line_rows(service_request)
        context = {"targets": {row.line.pk: row.target for row in rows}}
        return Response(
            VerificationLineSerializer([row.line for row in rows], many=True, context=context).data
        )

    @extend_schema(request=VerificationWorksheetSerializer, responses=VerificationStateSerializer)
    @action(detail=True, methods=["post"])
    def worksheet(self, request: Request, number: str) -> Response:
        """Render the worksheet once every line is checked and send it for signature."""
        service_request = self._serving()
        data = VerificationWorksheetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            verifiers = _users(values["verifiers"], "verifiers")
            representative = _users([values["representative"]], "representative")[0]
            service_request = services.verification_worksheet_issue(
                actor=request.user,
                request=service_request,
                verifiers=verifiers,
                representative=representative,
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(VerificationStateSerializer(service_request).data)

    @extend_schema(request=VerificationReturnSerializer, responses=VerificationStateSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, number: str) -> Response:
        """Send the request and the quarter back to the unit for correction; the reason is required."""
        service_request = self._serving()
        data = VerificationReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            service_request = workflow_services.request_return(
                actor=request.user,
                request=service_request,
                reason=data.validated_data["reason"],
                expected_version=data.validated_data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(VerificationStateSerializer(service_request).data)


class VerificationLineViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[VerificationLine]):
    """One claimed realisation of a verification, and the officer's verdict on it."""

    serializer_class = VerificationLineSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        return restrict(VerificationLine.objects.all(), self.request.user, Action.VIEW).select_related(
            "request__unit", "indicator", "checked_by"
        )

    @extend_schema(request=LineCheckSerializer, responses=VerificationLineSerializer)
    @action(detail=True, methods=["post"], url_path="check", url_name="check")
    def check_line(self, request: Request, pk: str) -> Response:
        """Record "sesuai", or "dikoreksi" with the corrected inputs and a note (the value is computed)."""
        line = self.get_object()
        if not can(request.user, Action.SERVE, line.request.unit):
            raise PermissionDenied
        data = LineCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            line = services.line_check(
                actor=request.user,
                line=line,
                verdict=values["verdict"],
                corrected_inputs=values["corrected_inputs"],
                note=values["note"],
                expected_version=values["row_version"],
            )
        except services.CorrectionRefused as exc:
            return Response(
                {**exc.message_dict, "problems": [p.to_dict() for p in exc.problems]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(VerificationLineSerializer(line).data)


def register(router: DefaultRouter) -> None:
    router.register("verification-requests", VerificationRequestViewSet, basename="verification-request")
    router.register("verification-lines", VerificationLineViewSet, basename="verification-line")
