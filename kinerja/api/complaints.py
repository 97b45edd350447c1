"""API of the complaints, suggestions and feedback: the officers' side.

The same services as the pages: a complaint the user may not see is 404, one they see but may not
handle is 403, a refused value is 400 naming the field, and a stale `row_version` is 409. The
public form and the status lookup are pages only (rate-limited, with a honeypot).
"""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.models import User
from kinerja.complaints import selectors, services
from kinerja.complaints.models import Channel, Complaint, ComplaintKind, ComplaintNote, ComplaintState
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceKind, ServiceStandard

from .views import validation_response


class ComplaintNoteSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ComplaintNote
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = fields


class ComplaintSerializer(serializers.ModelSerializer):
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    handler = serializers.SlugRelatedField(slug_field="username", read_only=True)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    notes = ComplaintNoteSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "number",
            "kind",
            "channel",
            "standard",
            "unit",
            "subject",
            "text",
            "anonymous",
            "contact_name",
            "contact_email",
            "contact_phone",
            "state",
            "handler",
            "recorded_by",
            "received_at",
            "due_at",
            "triaged_at",
            "started_at",
            "answered_at",
            "closed_at",
            "rejected_at",
            "answer",
            "reject_reason",
            "answer_seconds",
            "notes",
            "attachments",
            "row_version",
        ]
        read_only_fields = fields

    def get_attachments(self, obj: Complaint) -> list[str]:
        """The attachments' original names (download them from the staff page)."""
        return [a.original_name for a in obj.attachments.all()]


class ComplaintRecordedSerializer(ComplaintSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown once: give it to the complainant.")

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class ComplaintRecordSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=Channel.choices, help_text="in_person, email or phone: web complaints come through the form."
    )
    received_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    kind = serializers.ChoiceField(choices=ComplaintKind.choices)
    standard = serializers.ChoiceField(
        choices=ServiceKind.choices, required=False, allow_null=True, help_text="Omit for another matter."
    )
    unit = serializers.CharField(required=False, help_text="Unit code; default ROREN (Biro Perencanaan).")
    subject = serializers.CharField(max_length=services.LIMITS["subject"])
    text = serializers.CharField(max_length=services.LIMITS["text"])
    anonymous = serializers.BooleanField(default=False)
    contact_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class VersionSerializer(serializers.Serializer):
    row_version = serializers.IntegerField(min_value=0, help_text="The row_version you read.")


class TriageSerializer(VersionSerializer):
    kind = serializers.ChoiceField(choices=ComplaintKind.choices)
    standard = serializers.ChoiceField(
        choices=ServiceKind.choices, required=False, allow_null=True, help_text="Omit for another matter."
    )
    handler = serializers.CharField(help_text="Username of the officer who handles it.")


class AnswerSerializer(VersionSerializer):
    answer = serializers.CharField(max_length=services.LIMITS["answer"])


class RejectSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=services.LIMITS["reason"])


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.LIMITS["note"])


def _standard(code: str | None) -> ServiceStandard | None:
    if not code:
        return None
    found = ServiceStandard.objects.filter(code=code).first()
    if found is None:
        raise exceptions.ValidationError({"standard": ["Unknown service."]})
    return found


FILTERS = [
    OpenApiParameter("state", str, required=False, enum=ComplaintState.values),
    OpenApiParameter("kind", str, required=False, enum=ComplaintKind.values),
    OpenApiParameter("service", str, required=False, description="A service code, or `other`."),
    OpenApiParameter("overdue", bool, required=False, description="Only the late ones."),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Complaint]):
    """Complaints, suggestions and feedback: record, triage, follow up, answer, close or reject."""

    serializer_class = ComplaintSerializer
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        params = self.request.query_params
        state = params.get("state", "")
        kind = params.get("kind", "")
        return selectors.complaint_list(
            user=self.request.user,
            state=state if state in ComplaintState.values else "",
            kind=kind if kind in ComplaintKind.values else "",
            service=params.get("service", "")[:20],
            overdue=params.get("overdue", "") in ("1", "true"),
        ).prefetch_related("notes__author", "attachments")

    def get_object(self) -> Complaint:
        return selectors.complaint_get(user=self.request.user, number=self.kwargs["number"])

    @extend_schema(request=ComplaintRecordSerializer, responses={201: ComplaintRecordedSerializer})
    def create(self, request: Request) -> Response:
        """Record a complaint received in person, by e-mail or by telephone; the answer holds its secret."""
        if not selectors.may_record(request.user):
            raise exceptions.PermissionDenied
        data = ComplaintRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = OrgUnit.objects.filter(code=values.pop("unit", services.BUREAU), is_active=True).first()
        if unit is None:
            raise exceptions.ValidationError({"unit": ["Unknown unit."]})
        standard = _standard(values.pop("standard", None))
        try:
            received = services.complaint_receive(**values, standard=standard, unit=unit, actor=request.user)
        except ValidationError as exc:
            return validation_response(exc)
        body = ComplaintSerializer(received.complaint).data
        body["secret"] = services.format_secret(received.secret)
        return Response(body, status=status.HTTP_201_CREATED)

    def _handled(self) -> Complaint:
        found = self.get_object()
        if not selectors.may_handle(self.request.user, found):
            raise exceptions.PermissionDenied
        return found

    def _run(self, serializer_class: Any, call: Any) -> Response:
        found = self._handled()
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        try:
            result = call(found, dict(data.validated_data))
        except ValidationError as exc:
            return validation_response(exc)
        found.refresh_from_db()
        return Response(
            ComplaintSerializer(found).data, status=status.HTTP_201_CREATED if result == 201 else 200
        )

    @extend_schema(request=TriageSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request: Request, number: str) -> Response:
        """Confirm kind and service and name the handler (also reassigns an open complaint)."""

        def call(found: Complaint, values: dict[str, Any]) -> Any:
            handler = User.objects.filter(username=values["handler"], is_active=True).first()
            if handler is None:
                raise ValidationError({"handler": "Unknown user."})
            return services.complaint_triage(
                actor=request.user,
                complaint=found,
                expected_version=values["row_version"],
                kind=values["kind"],
                standard=_standard(values.get("standard")),
                handler=handler,
            )

        return self._run(TriageSerializer, call)

    @extend_schema(request=VersionSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, number: str) -> Response:
        """The handler takes up the follow-up (triaged → in progress)."""
        return self._run(
            VersionSerializer,
            lambda found, values: services.complaint_start(
                actor=request.user, complaint=found, expected_version=values["row_version"]
            ),
        )

    @extend_schema(request=NoteSerializer, responses={201: ComplaintSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, number: str) -> Response:
        """Add an internal follow-up note (never shown to the complainant)."""

        def call(found: Complaint, values: dict[str, Any]) -> int:
            services.complaint_note_add(actor=request.user, complaint=found, text=values["text"])
            return 201

        return self._run(NoteSerializer, call)

    @extend_schema(request=AnswerSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, number: str) -> Response:
        """The public answer; the complainant who left an e-mail address receives it."""
        return self._run(
            AnswerSerializer,
            lambda found, values: services.complaint_answer(
                actor=request.user,
                complaint=found,
                expected_version=values["row_version"],
                answer=values["answer"],
            ),
        )

    @extend_schema(request=VersionSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, number: str) -> Response:
        return self._run(
            VersionSerializer,
            lambda found, values: services.complaint_close(
                actor=request.user, complaint=found, expected_version=values["row_version"]
            ),
        )

    @extend_schema(request=RejectSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, number: str) -> Response:
        """Set aside spam or abuse, with a reason the complainant sees."""
        return self._run(
            RejectSerializer,
            lambda found, values: services.complaint_reject(
                actor=request.user,
                complaint=found,
                expected_version=values["row_version"],
                reason=values["reason"],
            ),
        )


def register(router: DefaultRouter) -> None:
    router.register("complaints", ComplaintViewSet, basename="complaint")
