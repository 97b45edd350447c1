"""API of the SAKIP evaluation's recommendations and their follow-up.

The same services as the pages: a recommendation the user may not see is 404 (the unit sees them
once the report is signed), one they see but may not act on is 403, a refused value is 400 naming
the field, and a stale `row_version` is 409.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can
from kinerja.accounts.models import User
from kinerja.evaluation import recommendations as services
from kinerja.evaluation.models import FollowUp, Recommendation, RecommendationStatus
from kinerja.evaluation.selectors import evaluation_get

from .views import validation_response

UNIT_FILTER = OpenApiParameter("unit", str, required=False, description="Unit code, e.g. PSDKP-TARAKAN.")
STATUS_FILTER = OpenApiParameter(
    "status", str, required=False, enum=RecommendationStatus.values, description="open, followed_up or done."
)
OVERDUE_FILTER = OpenApiParameter(
    "overdue", bool, required=False, description="true: only those not done and past their due date."
)
EVALUATION_FILTER = OpenApiParameter("evaluation", int, required=False, description="The evaluation's id.")
VERSION_PARAMETER = OpenApiParameter(
    "row_version", int, required=True, description="The recommendation's row_version you read."
)


def _people() -> Any:
    return User.objects.filter(is_active=True)


class FollowUpSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    file_url = serializers.SerializerMethodField(help_text="Download of the document (empty without one).")

    class Meta:
        model = FollowUp
        fields = ["id", "note", "file_name", "file_url", "created_by", "created_at"]
        read_only_fields = fields

    def get_file_url(self, obj: FollowUp) -> str:
        return reverse("evaluation:recommendation_followup_file", args=[obj.pk]) if obj.file else ""


class RecommendationSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="evaluation.unit.code", read_only=True)
    year = serializers.IntegerField(source="evaluation.year", read_only=True, help_text="The year evaluated.")
    component_code = serializers.CharField(source="component.code", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Not done and past its due date.")
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "evaluation",
            "unit",
            "year",
            "component_code",
            "text",
            "owner",
            "due_date",
            "status",
            "overdue",
            "completed_at",
            "review_note",
            "created_by",
            "created_at",
            "follow_ups",
            "row_version",
        ]
        read_only_fields = fields

    def get_overdue(self, obj: Recommendation) -> bool:
        return services.is_overdue(obj)


class RecommendationCreateSerializer(serializers.Serializer):
    evaluation = serializers.IntegerField(help_text="The evaluation's id; it must be being scored.")
    component_code = serializers.CharField(max_length=10, help_text="The worksheet component's code, e.g. 1.")
    text = serializers.CharField()
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=_people(), required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class RecommendationUpdateSerializer(serializers.Serializer):
    component_code = serializers.CharField(max_length=10, required=False)
    text = serializers.CharField(required=False)
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=_people(), required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    row_version = serializers.IntegerField(min_value=0)


class AssignSerializer(serializers.Serializer):
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=_people(), help_text="An operator or the head of the unit."
    )
    due_date = serializers.DateField()
    row_version = serializers.IntegerField(min_value=0)


class FollowUpCreateSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="What was done.")
    file = serializers.FileField(required=False, help_text="PDF, image, Word, Excel or PowerPoint.")
    submit = serializers.BooleanField(default=False, help_text="true: send to the evaluator for acceptance.")


class AcceptSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    row_version = serializers.IntegerField(min_value=0)


class ReopenSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="What is still missing.")
    row_version = serializers.IntegerField(min_value=0)


@extend_schema_view(
    list=extend_schema(parameters=[UNIT_FILTER, STATUS_FILTER, OVERDUE_FILTER, EVALUATION_FILTER])
)
class RecommendationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Recommendation]
):
    """Recommendations of the SAKIP evaluation: evaluators write them while scoring; the unit
    follows them up once the report is signed; evaluators accept or reopen the follow-up."""

    serializer_class = RecommendationSerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> Any:
        rows = services.recommendation_list(user=self.request.user).prefetch_related("follow_ups__created_by")
        params = self.request.query_params
        if params.get("unit"):
            rows = rows.filter(evaluation__unit__code=params["unit"])
        if params.get("status") in RecommendationStatus.values:
            rows = rows.filter(status=params["status"])
        if str(params.get("evaluation", "")).isdigit():
            rows = rows.filter(evaluation_id=int(params["evaluation"]))
        if str(params.get("overdue", "")).lower() in {"1", "true"}:
            rows = services.overdue(rows)
        return rows.order_by("evaluation__unit__path", "-evaluation__year", "component__order", "pk")

    def _get(self, request: Request, pk: str) -> Recommendation:
        return services.recommendation_get(user=request.user, pk=int(pk))

    def _answer(self, request: Request, pk: str, code: int = status.HTTP_200_OK) -> Response:
        return Response(RecommendationSerializer(self._get(request, pk)).data, status=code)

    def _act(
        self,
        request: Request,
        pk: str,
        allowed: Callable[[Any, Recommendation], bool],
        body_class: type[serializers.Serializer],
        apply: Callable[[Recommendation, dict[str, Any]], Any],
        code: int = status.HTTP_200_OK,
    ) -> Response:
        """404 unseen, 403 not allowed, 400 a refused body or value, 409 a stale version."""
        row = self._get(request, pk)
        if not allowed(request.user, row):
            raise PermissionDenied
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            apply(row, body.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return self._answer(request, pk, code)

    @extend_schema(request=RecommendationCreateSerializer, responses={201: RecommendationSerializer})
    def create(self, request: Request) -> Response:
        """An evaluator adds a recommendation to an evaluation being scored."""
        body = RecommendationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        evaluation = evaluation_get(user=request.user, pk=values["evaluation"])
        if not can(request.user, Action.EVALUATE, evaluation.unit):
            raise PermissionDenied
        try:
            row = services.recommendation_add(
                actor=request.user,
                evaluation=evaluation,
                component_code=values["component_code"],
                text=values["text"],
                owner=values["owner"],
                due_date=values["due_date"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return self._answer(request, str(row.pk), status.HTTP_201_CREATED)

    @extend_schema(request=RecommendationUpdateSerializer, responses={200: RecommendationSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        """An evaluator changes a recommendation while scoring; fields not sent are kept."""
        return self._act(
            request,
            pk,
            _evaluates,
            RecommendationUpdateSerializer,
            lambda row, values: services.recommendation_update(
                actor=request.user,
                recommendation=row,
                component_code=values.get("component_code", row.component.code),
                text=values.get("text", row.text),
                owner=values.get("owner", row.owner),
                due_date=values.get("due_date", row.due_date),
                expected_version=values["row_version"],
            ),
        )

    @extend_schema(parameters=[VERSION_PARAMETER], responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        """An evaluator deletes a recommendation while scoring (`?row_version=N`)."""
        row = self._get(request, pk)
        if not _evaluates(request.user, row):
            raise PermissionDenied
        version = request.query_params.get("row_version", "")
        if not version.isdigit():
            return Response(
                {"row_version": [_("Give the row_version you read.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            services.recommendation_delete(
                actor=request.user, recommendation=row, expected_version=int(version)
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AssignSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        """The unit head (or an evaluator) names the person responsible and the due date."""
        return self._act(
            request,
            pk,
            services.may_assign,
            AssignSerializer,
            lambda row, values: services.recommendation_assign(
                actor=request.user,
                recommendation=row,
                owner=values["owner"],
                due_date=values["due_date"],
                expected_version=values["row_version"],
            ),
        )

    @extend_schema(
        request={
            "multipart/form-data": FollowUpCreateSerializer,
            "application/json": FollowUpCreateSerializer,
        },
        responses={201: RecommendationSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="follow-up",
        url_name="follow-up",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def follow_up(self, request: Request, pk: str) -> Response:
        """The unit records what it did, with an optional document; `submit` sends it for acceptance."""
        return self._act(
            request,
            pk,
            lambda user, row: can(user, Action.CHANGE, row.evaluation.unit),
            FollowUpCreateSerializer,
            lambda row, values: services.followup_add(
                actor=request.user,
                recommendation=row,
                note=values["note"],
                file=values.get("file"),
                submit=values["submit"],
            ),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=AcceptSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """An evaluator accepts the submitted follow-up: done, counted in IK-17."""
        return self._review(request, pk, AcceptSerializer, services.recommendation_accept)

    @extend_schema(request=ReopenSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        """An evaluator sends the submitted follow-up back, saying what is still missing."""
        return self._review(request, pk, ReopenSerializer, services.recommendation_reopen)

    def _review(self, request: Request, pk: str, body_class: Any, apply: Any) -> Response:
        return self._act(
            request,
            pk,
            _evaluates,
            body_class,
            lambda row, values: apply(
                actor=request.user,
                recommendation=row,
                note=values["note"],
                expected_version=values["row_version"],
            ),
        )


def _evaluates(user: Any, row: Recommendation) -> bool:
    return can(user, Action.EVALUATE, row.evaluation.unit)


def register(router: DefaultRouter) -> None:
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
