"""API of the evaluation worksheet (LKE) and of the comparisons of signed SAKIP evaluations.

The same reads as the pages: a worksheet draft is seen by administrators only; a unit one may
not see is 404; the year comparison lists only the units one may see. Scores are recomputed from
the evaluators' answers; `stored_total` is what the issued report says (they are equal).
"""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.evaluation import compare
from kinerja.evaluation.models import (
    AnswerOption,
    AnswerScale,
    Component,
    Criterion,
    GradeBand,
    SubComponent,
    Worksheet,
)

SCORE = {"max_digits": 7, "decimal_places": 2}


class LkeOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnswerOption
        fields = ["code", "label", "value"]


class LkeScaleSerializer(serializers.ModelSerializer):
    options = LkeOptionSerializer(many=True)

    class Meta:
        model = AnswerScale
        fields = ["code", "name", "options"]


class LkeGradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeBand
        fields = ["grade", "above", "label"]


class LkeCriterionSerializer(serializers.ModelSerializer):
    scale = serializers.CharField(source="scale.code")
    proof = serializers.CharField(help_text="The rule by which Kinerja can propose an answer; empty: none.")

    class Meta:
        model = Criterion
        fields = ["code", "text", "guidance", "scale", "proof"]


class LkeSubComponentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="pemenuhan, kualitas or pemanfaatan.")
    criteria = LkeCriterionSerializer(many=True)

    class Meta:
        model = SubComponent
        fields = ["code", "kind", "name", "weight", "criteria"]


class LkeComponentSerializer(serializers.ModelSerializer):
    subcomponents = LkeSubComponentSerializer(many=True)

    class Meta:
        model = Component
        fields = ["code", "name", "weight", "subcomponents"]


class LkeWorksheetSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="draft (being completed), active (in force) or retired.")

    class Meta:
        model = Worksheet
        fields = ["code", "title", "regulation", "valid_from", "status"]


class LkeWorksheetDetailSerializer(LkeWorksheetSerializer):
    scales = LkeScaleSerializer(many=True)
    grades = LkeGradeSerializer(many=True, source="bands", help_text="Highest first; the last has no floor.")
    components = LkeComponentSerializer(many=True)

    class Meta(LkeWorksheetSerializer.Meta):
        fields = [*LkeWorksheetSerializer.Meta.fields, "note", "scales", "grades", "components"]


class WorksheetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Worksheet]):
    """The versions of the SAKIP evaluation worksheet; drafts only for administrators."""

    serializer_class = LkeWorksheetSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> Any:
        return compare.worksheet_list(user=self.request.user)

    @extend_schema(responses={200: LkeWorksheetDetailSerializer})
    def retrieve(self, request: Request, code: str) -> Response:
        """The whole structure: scales, grade bands, components, sub-components and criteria."""
        worksheet = compare.worksheet_get(user=request.user, code=code)
        return Response(LkeWorksheetDetailSerializer(worksheet).data)


class CompareHeadSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CompareScoredSerializer(serializers.Serializer):
    code = serializers.CharField()
    weight = serializers.DecimalField(**SCORE)
    score = serializers.DecimalField(**SCORE, help_text="Rounded half up to 2 decimals.")
    percent = serializers.DecimalField(**SCORE, help_text="The share of the weight earned (0–100).")
    answered = serializers.IntegerField()
    criteria = serializers.IntegerField()


class CompareRowSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    year = serializers.IntegerField()
    components = CompareScoredSerializer(many=True, source="result.components")
    total = serializers.DecimalField(**SCORE)
    grade = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True, help_text="Among the units listed (year comparison).")
    change = serializers.DecimalField(
        **SCORE, allow_null=True, help_text="The total minus the previous signed evaluation's."
    )
    stored_total = serializers.DecimalField(**SCORE, source="evaluation.total", allow_null=True)
    stored_grade = serializers.CharField(source="evaluation.grade")


class UnitComparisonSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    components = CompareHeadSerializer(many=True, source="heads")
    evaluations = CompareRowSerializer(many=True, source="rows", help_text="Oldest year first.")


class YearComparisonSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    sort = serializers.CharField()
    components = CompareHeadSerializer(many=True, source="heads")
    units = CompareRowSerializer(many=True, source="rows")


class UnitComparisonViewSet(viewsets.ViewSet):
    """A unit's signed SAKIP evaluations across the years; 404 for a unit one may not see."""

    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description="e.g. PSDKP-TARAKAN")],
        responses={200: UnitComparisonSerializer},
    )
    def retrieve(self, request: Request, code: str) -> Response:
        return Response(UnitComparisonSerializer(compare.unit_comparison(user=request.user, code=code)).data)


SORT = OpenApiParameter(
    "sort", str, required=False, description="rank (default), unit, or c<component code> (e.g. c1)."
)


class YearComparisonViewSet(viewsets.ViewSet):
    """The units one may see with a signed SAKIP evaluation of a year, ranked among themselves."""

    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    @extend_schema(
        parameters=[OpenApiParameter("year", int, OpenApiParameter.PATH), SORT],
        responses={200: YearComparisonSerializer},
    )
    def retrieve(self, request: Request, year: str) -> Response:
        if int(year) not in compare.YEARS:
            raise NotFound(year)
        comparison = compare.year_comparison(
            user=request.user, year=int(year), sort=str(request.query_params.get("sort", ""))
        )
        return Response(YearComparisonSerializer(comparison).data)


def register(router: DefaultRouter) -> None:
    router.register("evaluation-worksheets", WorksheetViewSet, basename="evaluation-worksheet")
    router.register("evaluation-comparison/units", UnitComparisonViewSet, basename="evaluation-compare-unit")
    router.register("evaluation-comparison/years", YearComparisonViewSet, basename="evaluation-compare-year")
