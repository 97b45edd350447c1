"""API of the SAKIP evaluation: evaluations, the unit's answers, the Inspectorate's scores, the
workflow's steps and the results on both sides.

The same services as the pages: an evaluation the user may not see is 404, one they see but may
not act on is 403, a refused value is 400 naming the field, and a stale `row_version` is 409. The
evaluator's scores are shown to evaluators, and to everyone else once the report is signed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can, restrict
from kinerja.accounts.models import User
from kinerja.evaluation import selectors, services
from kinerja.evaluation.models import Answer, Evaluation, EvaluationState
from kinerja.evaluation.results import evaluation_result, result_dict
from kinerja.organization import selectors as org_selectors

from .views import validation_response

UNIT_FILTER = OpenApiParameter("unit", str, required=False, description="Unit code, e.g. PSDKP-TARAKAN.")
YEAR_FILTER = OpenApiParameter("year", int, required=False, description="The year evaluated.")
STATE_FILTER = OpenApiParameter(
    "state", str, required=False, description="self, submitted, returned, signing or signed."
)
EVALUATION_FILTER = OpenApiParameter("evaluation", int, required=False, description="The evaluation's id.")


def _shows_score(user: Any, evaluation: Evaluation) -> bool:
    return evaluation.state == EvaluationState.SIGNED or can(user, Action.EVALUATE, evaluation.unit)


class EvaluationSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    worksheet = serializers.CharField(source="worksheet.code", read_only=True)
    state = serializers.CharField(read_only=True, help_text="self, submitted, returned, signing or signed.")
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    document = serializers.UUIDField(
        source="document.public_id",
        read_only=True,
        allow_null=True,
        help_text="The signed report's public id (its verification page is /signatures/d/<id>/).",
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "unit",
            "year",
            "worksheet",
            "state",
            "submitted_by",
            "submitted_at",
            "return_note",
            "letter_number",
            "summary",
            "total",
            "grade",
            "document",
            "signed_at",
            "row_version",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Evaluation) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not _shows_score(self.context["request"].user, instance):
            data["total"] = None
            data["grade"] = ""
        return data


class EvaluationAnswerSerializer(serializers.ModelSerializer):
    evaluation = serializers.PrimaryKeyRelatedField(read_only=True)
    criterion = serializers.CharField(source="criterion.code", read_only=True)
    criterion_text = serializers.CharField(source="criterion.text", read_only=True)
    scale = serializers.CharField(source="criterion.scale.code", read_only=True, help_text="YT or AE.")
    self_option = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    score_option = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="Null until visible to the reader."
    )
    scored_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "evaluation",
            "criterion",
            "criterion_text",
            "scale",
            "self_option",
            "self_note",
            "evidence_link",
            "evidence_name",
            "score_option",
            "score_note",
            "scored_by",
            "row_version",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Answer) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not _shows_score(self.context["request"].user, instance.evaluation):
            data.update(score_option=None, score_note="", scored_by=None)
        return data


class EvaluationCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    year = serializers.IntegerField(min_value=2000, max_value=2200)


class EvaluationVersionSerializer(serializers.Serializer):
    row_version = serializers.IntegerField(min_value=0, help_text="The row_version you read.")


class EvaluationReturnSerializer(EvaluationVersionSerializer):
    note = serializers.CharField(help_text="What the unit should complete or correct.")


class EvaluationSignerSerializer(serializers.Serializer):
    user = serializers.CharField(help_text="Username of an active inspector or administrator.")
    capacity = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Signs as; blank: evaluator."
    )


class EvaluationIssueSerializer(EvaluationVersionSerializer):
    letter_number = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    signers = EvaluationSignerSerializer(many=True, help_text="In signing order; an approving official last.")


class EvaluationAnswerWriteSerializer(EvaluationVersionSerializer):
    option = serializers.CharField(
        required=False, allow_blank=True, help_text="An option code of the criterion's scale; blank clears."
    )
    note = serializers.CharField(required=False, allow_blank=True)
    evidence_link = serializers.CharField(required=False, allow_blank=True)


class EvaluationScoreSerializer(EvaluationVersionSerializer):
    option = serializers.CharField(allow_blank=True, help_text="An option code of the criterion's scale.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


ResultsSerializer = inline_serializer(
    "EvaluationResults",
    {
        "self": serializers.JSONField(help_text="The unit's own estimate: total, grade, components."),
        "score": serializers.JSONField(allow_null=True, help_text="The evaluator's; null until visible."),
    },
)


@extend_schema_view(list=extend_schema(parameters=[UNIT_FILTER, YEAR_FILTER, STATE_FILTER]))
class EvaluationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Evaluation]
):
    """Evaluations of units' accountability (LKE): the unit opens and submits, evaluators return,
    score (see answers) and issue the report for signature."""

    serializer_class = EvaluationSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = selectors.evaluation_list(user=self.request.user).select_related("document", "submitted_by")
        params = self.request.query_params
        if params.get("unit"):
            rows = rows.filter(unit__code=params["unit"])
        if str(params.get("year", "")).isdigit():
            rows = rows.filter(year=int(params["year"]))
        if params.get("state") in EvaluationState.values:
            rows = rows.filter(state=params["state"])
        return rows

    @extend_schema(request=EvaluationCreateSerializer, responses={201: EvaluationSerializer})
    def create(self, request: Request) -> Response:
        """Open a unit-year's evaluation on the worksheet in force (400 on `year` if it exists)."""
        body = EvaluationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = org_selectors.unit_get(user=request.user, code=body.validated_data["unit"])
        try:
            evaluation = services.evaluation_open(
                actor=request.user, unit=unit, year=body.validated_data["year"]
            )
        except ValidationError as exc:
            return validation_response(exc)
        data = EvaluationSerializer(evaluation, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    def _act(self, request: Request, pk: str, body_class: Any, apply: Any) -> Response:
        evaluation = selectors.evaluation_get(user=request.user, pk=int(pk))
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            evaluation = apply(evaluation, body.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(EvaluationSerializer(evaluation, context=self.get_serializer_context()).data)

    @extend_schema(request=EvaluationVersionSerializer, responses={200: EvaluationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """The unit sends its self-assessment; every criterion must be answered (400 on `answers`)."""
        return self._act(
            request,
            pk,
            EvaluationVersionSerializer,
            lambda evaluation, data: services.evaluation_submit(
                actor=request.user, evaluation=evaluation, expected_version=data["row_version"]
            ),
        )

    @extend_schema(request=EvaluationReturnSerializer, responses={200: EvaluationSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str) -> Response:
        """An evaluator returns a submitted evaluation to the unit, with a note."""
        return self._act(
            request,
            pk,
            EvaluationReturnSerializer,
            lambda evaluation, data: services.evaluation_return(
                actor=request.user,
                evaluation=evaluation,
                note=data["note"],
                expected_version=data["row_version"],
            ),
        )

    @extend_schema(request=EvaluationIssueSerializer, responses={200: EvaluationSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str) -> Response:
        """An evaluator issues the report once every criterion is scored; the signers then sign it
        in the signatures app (POST /api/signed-documents/…/sign or the page)."""

        def apply(evaluation: Evaluation, data: dict[str, Any]) -> Evaluation:
            signers: list[Any] = []
            for item in data["signers"]:
                user = User.objects.filter(username=item["user"]).first()
                if user is None:
                    raise ValidationError({"signers": _("Unknown user %(name)s.") % {"name": item["user"]}})
                signers.append((user, item["capacity"]) if item["capacity"].strip() else user)
            return services.evaluation_issue(
                actor=request.user,
                evaluation=evaluation,
                letter_number=data["letter_number"],
                summary=data["summary"],
                signers=signers,
                expected_version=data["row_version"],
            )

        return self._act(request, pk, EvaluationIssueSerializer, apply)

    @extend_schema(responses={200: ResultsSerializer})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str) -> Response:
        """Scores per component and sub-component with their weights: the unit's and the evaluator's."""
        evaluation = selectors.evaluation_get(user=request.user, pk=int(pk))
        score = (
            result_dict(evaluation_result(evaluation, "score"))
            if _shows_score(request.user, evaluation)
            else None
        )
        return Response({"self": result_dict(evaluation_result(evaluation, "self")), "score": score})


@extend_schema_view(list=extend_schema(parameters=[EVALUATION_FILTER]))
class AnswerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Answer]):
    """One row per criterion of an evaluation: the unit's answer (PATCH keeps fields not sent) and
    the evaluator's score (POST …/score/). Evidence files are uploaded on the page."""

    serializer_class = EvaluationAnswerSerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        rows = restrict(
            Answer.objects.select_related(
                "evaluation__unit", "criterion__scale", "self_option", "score_option", "scored_by"
            ),
            self.request.user,
            Action.VIEW,
        )
        raw = str(self.request.query_params.get("evaluation", ""))
        return rows.filter(evaluation_id=int(raw)) if raw.isdigit() else rows

    def _get(self, pk: str) -> Answer:
        answer: Answer = get_object_or_404(self.get_queryset(), pk=int(pk))
        return answer

    def _respond(self, answer: Answer) -> Response:
        fresh = self._get(str(answer.pk))
        return Response(EvaluationAnswerSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=EvaluationAnswerWriteSerializer, responses={200: EvaluationAnswerSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        """The unit's answer, explanation and evidence link, during the self-assessment or when returned."""
        answer = self._get(pk)
        body = EvaluationAnswerWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        current_option = answer.self_option.code if answer.self_option else ""
        try:
            answer = services.answer_save(
                actor=request.user,
                answer=answer,
                option_code=data.get("option", current_option),
                note=data.get("note", answer.self_note),
                evidence_link=data.get("evidence_link", answer.evidence_link),
                expected_version=data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return self._respond(answer)

    @extend_schema(request=EvaluationScoreSerializer, responses={200: EvaluationAnswerSerializer})
    @action(detail=True, methods=["post"])
    def score(self, request: Request, pk: str) -> Response:
        """An evaluator's score of the criterion, with a note, while the evaluation is submitted."""
        answer = self._get(pk)
        body = EvaluationScoreSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            answer = services.score_save(
                actor=request.user,
                answer=answer,
                option_code=data["option"],
                note=data["note"],
                expected_version=data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return self._respond(answer)


def register(router: DefaultRouter) -> None:
    router.register("evaluations", EvaluationViewSet, basename="evaluation")
    router.register("evaluation-answers", AnswerViewSet, basename="evaluation-answer")
