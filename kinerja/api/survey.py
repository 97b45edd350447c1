"""API of the public satisfaction survey (SKM/IKM).

Reading the surveyed services and their results needs a signed-in user or a token, like the rest of
the API; the same figures are public on /survey/results/ for people. A unit's staff (and
administrators) register its services, change them and enter the population served; a unit they
cannot see is 404, one they see but may not change is 403. Answers are not taken through the API:
they come from the questionnaire pages, which are rate-limited and carry a honeypot.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can, restrict
from kinerja.organization.models import OrgUnit
from kinerja.survey import selectors, services
from kinerja.survey.ikm import ELEMENTS
from kinerja.survey.models import SurveyService

from .views import validation_response

PERIOD_PATTERN = r"^(TW[1-4]|TAHUN)$"


class SurveyServiceSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SurveyService
        fields = ["code", "name", "name_en", "unit", "standard", "is_active", "row_version"]
        read_only_fields = fields


class ServiceCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="The unit's code, e.g. PSDKP-TARAKAN.")
    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class ServiceUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    row_version = serializers.IntegerField(help_text="The version you read; a stale one is 409.")


class PeriodSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    # A pattern, not a choice: drf-spectacular would name a second "Period" enum beside planning's.
    period = serializers.RegexField(PERIOD_PATTERN, help_text="TW1..TW4, or TAHUN (the year).")


class ResultsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Default: this year."
    )
    period = serializers.RegexField(
        PERIOD_PATTERN, required=False, default="TAHUN", help_text="TW1..TW4 or TAHUN (default)."
    )


class PopulationSerializer(PeriodSerializer):
    population = serializers.IntegerField(min_value=0)


class NrrSerializer(serializers.Serializer):
    u1 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u2 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u3 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u4 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u5 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u6 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u7 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u8 = serializers.DecimalField(max_digits=4, decimal_places=2)
    u9 = serializers.DecimalField(max_digits=4, decimal_places=2)


class ProfileCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class ProfileSerializer(serializers.Serializer):
    sex = ProfileCountSerializer(many=True)
    age_band = ProfileCountSerializer(many=True)
    education = ProfileCountSerializer(many=True)
    occupation = ProfileCountSerializer(many=True)


class SurveyResultSerializer(serializers.Serializer):
    service = serializers.CharField()
    year = serializers.IntegerField()
    period = serializers.CharField()
    respondents = serializers.IntegerField()
    nrr = NrrSerializer(
        allow_null=True, help_text="Mean score per element, 2 decimals; null without answers."
    )
    ikm = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    grade = serializers.CharField(help_text="A, B, C or D; empty without answers.")
    label = serializers.CharField()
    population = serializers.IntegerField(
        allow_null=True,
        help_text="People served in the period (delivered requests for the bureau's services).",
    )
    sample_size = serializers.IntegerField(allow_null=True, help_text="Krejcie–Morgan for the population.")
    profile = ProfileSerializer()


YEAR = OpenApiParameter("year", int, description="Default: this year.")
PERIOD = OpenApiParameter(
    "period", str, enum=list(services.PERIODS), description="Default: TAHUN (the year)."
)


def _result_json(row: selectors.ServiceResult) -> dict[str, Any]:
    result = row.result
    return {
        "service": row.service.code,
        "year": row.year,
        "period": row.period,
        "respondents": result.respondents,
        "nrr": {key: result.nrr[key] for key in ELEMENTS} if result.nrr else None,
        "ikm": result.ikm,
        "grade": result.grade,
        "label": result.label,
        "population": row.population,
        "sample_size": row.sample_size,
        "profile": {
            name: [{"label": label, "count": count} for label, count in counts]
            for name, counts in row.profile.items()
        },
    }


class SurveyServiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[SurveyService]
):
    """The surveyed services: the bureau's three and those the units registered."""

    serializer_class = SurveyServiceSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> Any:
        return SurveyService.objects.select_related("unit", "standard").order_by("unit__path", "code")

    def _changeable(self, code: str) -> SurveyService:
        service = restrict(self.get_queryset(), self.request.user).filter(code=code).first()
        if service is None:
            raise exceptions.NotFound
        if not can(self.request.user, Action.CHANGE, service.unit):
            raise exceptions.PermissionDenied
        return service

    @extend_schema(request=ServiceCreateSerializer, responses={201: SurveyServiceSerializer})
    def create(self, request: Request) -> Response:
        """Register one of a unit's own services."""
        data = ServiceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = restrict(OrgUnit.objects.all(), request.user).filter(code=values["unit"]).first()
        if unit is None:
            raise exceptions.NotFound
        try:
            service = services.service_create(
                actor=request.user,
                unit=unit,
                code=values["code"],
                name=values["name"],
                name_en=values["name_en"],
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied from None
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SurveyServiceSerializer(service).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ServiceUpdateSerializer, responses={200: SurveyServiceSerializer})
    def partial_update(self, request: Request, code: str) -> Response:
        service = self._changeable(code)
        data = ServiceUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            service = services.service_update(
                actor=request.user,
                service=service,
                name=values.get("name", service.name),
                name_en=values.get("name_en", service.name_en),
                is_active=values.get("is_active", service.is_active),
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SurveyServiceSerializer(service).data)

    @extend_schema(parameters=[YEAR, PERIOD], responses=SurveyResultSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, code: str) -> Response:
        """Respondents, NRR per element, IKM and grade, population and sample size, profile."""
        service = self.get_object()
        query = ResultsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        row = selectors.service_result(service, year, query.validated_data["period"])
        return Response(SurveyResultSerializer(_result_json(row)).data)

    @extend_schema(request=PopulationSerializer, responses={200: PopulationSerializer})
    @action(detail=True, methods=["post"])
    def population(self, request: Request, code: str) -> Response:
        """People a unit's own service served in a period (the bureau's count delivered requests)."""
        service = self._changeable(code)
        data = PopulationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            row = services.population_set(actor=request.user, service=service, **data.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response({"year": row.year, "period": row.period, "population": row.population})


def register(router: DefaultRouter) -> None:
    router.register("survey/services", SurveyServiceViewSet, basename="survey-service")
