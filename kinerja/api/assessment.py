"""API of the SAKIP self-assessment: read one unit's assessment of a year (the page's figures)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.assessment import selectors
from kinerja.organization.models import OrgUnit
from kinerja.performance.dashboards import default_year

YEAR = OpenApiParameter(
    "year", int, required=False, description="The performance year; by default the latest opened year."
)


class ItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The IK-16 input it feeds, e.g. pk or kesesuaian_c.")
    label = serializers.CharField()
    passed = serializers.BooleanField()
    reason = serializers.CharField(help_text="Why it passed or failed.")
    link = serializers.CharField(allow_null=True, help_text="The page where it is fixed.")


class QuarterScoreSerializer(serializers.Serializer):
    quarter = serializers.CharField()
    npss = serializers.DecimalField(max_digits=7, decimal_places=2)


class AssessmentSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    year = serializers.IntegerField()
    quarter = serializers.CharField(help_text="The assessment quarter (TW3).")
    value = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    documents_present = serializers.IntegerField()
    documents_part = serializers.DecimalField(max_digits=7, decimal_places=2)
    comparisons_matched = serializers.IntegerField()
    comparisons_part = serializers.DecimalField(max_digits=7, decimal_places=2)
    npss = QuarterScoreSerializer(many=True)
    npss_part = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    documents = ItemSerializer(many=True)
    comparisons = ItemSerializer(many=True)


class AssessmentViewSet(viewsets.GenericViewSet[OrgUnit]):
    """A unit's SAKIP self-assessment (IK-16) of a year, item by item; 404 for a unit one may not see."""

    queryset = OrgUnit.objects.none()
    serializer_class = AssessmentSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(parameters=[YEAR], responses={200: AssessmentSerializer})
    def retrieve(self, request: Request, code: str) -> Response:
        raw = str(request.query_params.get("year", ""))
        if raw and (not raw.isdigit() or not 2000 <= int(raw) <= 2200):
            raise ValidationError({"year": "Give a year from 2000 to 2200."})
        year = int(raw) if raw else default_year(timezone.localdate())
        assessment = selectors.assessment_get(user=request.user, code=code, year=year)
        return Response(AssessmentSerializer(assessment).data)


def register(router: DefaultRouter) -> None:
    router.register("assessment", AssessmentViewSet, basename="assessment")
