"""API endpoints of the planning domain: Renstra, the years' schedule, and the Perjanjian Kinerja.

Writes call the same services as the pages; a lower target than before comes back as a warning
in the answer, never as a refusal.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can, restrict
from kinerja.catalog.models import Indicator, Sasaran
from kinerja.organization.models import OrgUnit
from kinerja.planning import selectors, services
from kinerja.planning.models import (
    ActionStep,
    Agreement,
    AgreementBudget,
    AgreementIndicator,
    AgreementSasaran,
    PeriodWindow,
    PlanningYear,
    Renstra,
    RenstraIndicator,
    StepStatus,
)

from .views import validation_response

# --- Renstra -------------------------------------------------------------------------------------


class RenstraIndicatorSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")

    class Meta:
        model = RenstraIndicator
        fields = ["indicator", "baseline", "baseline_year", "yearly_targets"]


class RenstraSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    indicators = RenstraIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Renstra
        fields = [
            "id",
            "unit",
            "title",
            "start_year",
            "end_year",
            "regulation",
            "is_active",
            "row_version",
            "indicators",
        ]


class RenstraRowInput(serializers.Serializer):
    indicator = serializers.CharField(help_text="Indicator code within the unit, e.g. IK-20.")
    baseline = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    baseline_year = serializers.IntegerField(required=False, allow_null=True)
    yearly_targets = serializers.DictField(child=serializers.CharField(), required=False)


class RenstraCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    title = serializers.CharField(max_length=255)
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    regulation = serializers.CharField(max_length=255)
    is_active = serializers.BooleanField(default=True)
    indicators = RenstraRowInput(many=True, required=False)


def _indicator(unit: OrgUnit, code: str) -> Indicator:
    indicator = Indicator.objects.filter(unit=unit, code=code).select_related("current_version").first()
    if indicator is None:
        raise ValidationError({"indicator": f"{unit.code} has no indicator {code}."})
    return indicator


def _writable_unit(request: Request, code: str) -> OrgUnit:
    unit = get_object_or_404(
        restrict(OrgUnit.objects.filter(is_active=True), request.user, Action.VIEW), code=code
    )
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    return unit


class RenstraViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Renstra]):
    """Strategic plans; written by the unit's own staff."""

    serializer_class = RenstraSerializer

    def get_queryset(self) -> Any:
        return selectors.renstra_list(
            user=self.request.user, unit_code=self.request.query_params.get("unit", "")
        ).prefetch_related("indicators__indicator")

    @extend_schema(request=RenstraCreateSerializer, responses={201: RenstraSerializer})
    def create(self, request: Request) -> Response:
        data = RenstraCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _writable_unit(request, values.pop("unit"))
        try:
            rows = [
                {**row, "indicator": _indicator(unit, row["indicator"])}
                for row in values.pop("indicators", [])
            ]
            renstra = services.renstra_create(actor=request.user, unit=unit, rows=rows, **values)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(RenstraSerializer(renstra).data, status=status.HTTP_201_CREATED)


# --- the schedule --------------------------------------------------------------------------------


class WindowSerializer(serializers.ModelSerializer):
    class Meta:
        model = PeriodWindow
        fields = ["quarter", "entry_opens", "entry_closes", "review_closes"]


class PlanningYearSerializer(serializers.ModelSerializer):
    windows = WindowSerializer(many=True, read_only=True)

    class Meta:
        model = PlanningYear
        fields = ["year", "status", "entry_close_day", "opened_at", "closed_at", "windows"]


class PlanningYearViewSet(viewsets.ReadOnlyModelViewSet[PlanningYear]):
    """The years and their windows; everyone logged in reads the schedule."""

    serializer_class = PlanningYearSerializer
    lookup_field = "year"

    def get_queryset(self) -> Any:
        return selectors.year_list().prefetch_related("windows")


# --- the Perjanjian Kinerja ----------------------------------------------------------------------


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionStep
        fields = [
            "id",
            "quarter",
            "description",
            "cumulative_target",
            "status",
            "justification",
            "row_version",
        ]


class AgreementIndicatorSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    sasaran = serializers.CharField(source="sasaran_row.sasaran.code")
    cascading_method = serializers.CharField(source="indicator.cascading_method")
    parent_indicator = serializers.SerializerMethodField()
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementIndicator
        fields = [
            "id",
            "indicator",
            "name",
            "sasaran",
            "cascading_method",
            "parent_indicator",
            "target",
            "target_high",
            "period_targets",
            "weight",
            "steps",
        ]

    def get_parent_indicator(self, item: AgreementIndicator) -> dict[str, str] | None:
        parent = item.indicator.parent_indicator
        return {"unit": parent.unit.code, "code": parent.code} if parent else None


class AgreementSasaranSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="sasaran.code")
    name = serializers.CharField(source="sasaran.name")

    class Meta:
        model = AgreementSasaran
        fields = ["code", "name", "weight", "perspective"]


class BudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementBudget
        fields = ["programme_code", "programme_name", "ceiling"]


class AgreementSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "unit",
            "year",
            "revision",
            "supersedes",
            "is_current",
            "status",
            "reason",
            *services.HEADER_FIELDS,
            "signed_on",
            "row_version",
        ]


class AgreementDetailSerializer(AgreementSerializer):
    sasaran = AgreementSasaranSerializer(source="sasaran_rows", many=True, read_only=True)
    indicators = serializers.SerializerMethodField()
    budget = BudgetSerializer(source="budget_rows", many=True, read_only=True)
    warnings = serializers.SerializerMethodField()

    class Meta(AgreementSerializer.Meta):
        fields = [*AgreementSerializer.Meta.fields, "sasaran", "indicators", "budget", "warnings"]

    def get_indicators(self, agreement: Agreement) -> Any:
        items = selectors.agreement_items(agreement=agreement).prefetch_related("steps")
        return AgreementIndicatorSerializer(items, many=True).data

    def get_warnings(self, agreement: Agreement) -> list[str]:
        return [warning.message for warning in selectors.target_warnings(agreement)]


class AgreementRowInput(serializers.Serializer):
    indicator = serializers.CharField(help_text="Indicator code within the unit, e.g. IK-02.")
    target = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    target_high = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    period_targets = serializers.DictField(
        required=False, help_text='{"TW1": "80", ...}; stabilize: {"TW1": {"low": "10", "high": "20"}}.'
    )
    weight = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class SasaranInput(serializers.Serializer):
    code = serializers.CharField()
    weight = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    perspective = serializers.CharField(required=False, allow_blank=True)


class AgreementWriteSerializer(serializers.Serializer):
    first_party_name = serializers.CharField(required=False, allow_blank=True)
    first_party_title = serializers.CharField(required=False, allow_blank=True)
    second_party_name = serializers.CharField(required=False, allow_blank=True)
    second_party_title = serializers.CharField(required=False, allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True)
    indicators = AgreementRowInput(many=True, required=False)
    budget = BudgetSerializer(many=True, required=False)
    sasaran = SasaranInput(many=True, required=False)


class AgreementCreateSerializer(AgreementWriteSerializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    year = serializers.IntegerField()


class AgreementReviseSerializer(AgreementWriteSerializer):
    reason = serializers.CharField()


class SignSerializer(serializers.Serializer):
    signed_on = serializers.DateField()
    row_version = serializers.IntegerField()


def _service_arguments(unit: OrgUnit, values: dict[str, Any]) -> dict[str, Any]:
    """The services' arguments from the API's codes: only what was sent."""
    arguments: dict[str, Any] = {name: values[name] for name in services.HEADER_FIELDS if name in values}
    if "indicators" in values:
        arguments["rows"] = [
            {**row, "indicator": _indicator(unit, row["indicator"])} for row in values["indicators"]
        ]
    if "budget" in values:
        arguments["budget"] = values["budget"]
    if "sasaran" in values:
        by_code = {s.code: s.pk for s in Sasaran.objects.filter(unit=unit)}
        unknown = [row["code"] for row in values["sasaran"] if row["code"] not in by_code]
        if unknown:
            raise ValidationError({"sasaran": f"Unknown objectives: {', '.join(unknown)}."})
        arguments["sasaran_settings"] = {by_code[row["code"]]: row for row in values["sasaran"]}
    return arguments


class AgreementViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Agreement]):
    """Perjanjian Kinerja: read by whoever sees the unit, written by the unit's own staff."""

    serializer_class = AgreementSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        year = params.get("year", "")
        return selectors.agreement_list(
            user=self.request.user,
            year=int(year) if year.isdigit() else None,
            unit_code=params.get("unit", ""),
            current_only=params.get("all") != "1",
        )

    def _get(self, pk: str, *, write: bool = False) -> Agreement:
        agreement = selectors.agreement_get(user=self.request.user, pk=int(pk))
        if write and not can(self.request.user, Action.CHANGE, agreement.unit):
            raise PermissionDenied
        return agreement

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=False),
            OpenApiParameter("unit", str, required=False),
            OpenApiParameter(
                "all", str, required=False, description="1: every revision, not only the current"
            ),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=AgreementDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(AgreementDetailSerializer(self._get(pk)).data)

    @extend_schema(request=AgreementCreateSerializer, responses={201: AgreementDetailSerializer})
    def create(self, request: Request) -> Response:
        data = AgreementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _writable_unit(request, values["unit"])
        try:
            arguments = _service_arguments(unit, values)
            agreement = services.agreement_create(
                actor=request.user, unit=unit, year=values["year"], **{"rows": [], **arguments}
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(AgreementDetailSerializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AgreementReviseSerializer, responses={201: AgreementDetailSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str) -> Response:
        """A new revision of the signed PK; the old one is kept. Only what is sent changes."""
        agreement = self._get(pk, write=True)
        data = AgreementReviseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            new = services.agreement_revise(
                actor=request.user,
                agreement=agreement,
                reason=values["reason"],
                **_service_arguments(agreement.unit, values),
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(AgreementDetailSerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SignSerializer, responses=AgreementDetailSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str) -> Response:
        agreement = self._get(pk, write=True)
        data = SignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            agreement = services.agreement_sign(
                actor=request.user,
                agreement=agreement,
                expected_version=data.validated_data["row_version"],
                signed_on=data.validated_data["signed_on"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(AgreementDetailSerializer(agreement).data)


class StepUpdateSerializer(serializers.Serializer):
    row_version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=StepStatus.choices, required=False)
    justification = serializers.CharField(required=False, allow_blank=True)


class ActionStepViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[ActionStep]):
    """A step of the action plan; its status is reported by the unit's staff during the year."""

    serializer_class = StepSerializer

    def get_queryset(self) -> Any:
        return restrict(ActionStep.objects.all(), self.request.user, Action.VIEW)

    @extend_schema(request=StepUpdateSerializer, responses=StepSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        step = selectors.step_get(user=request.user, pk=int(pk))
        if not can(request.user, Action.CHANGE, step.agreement_indicator.agreement.unit):
            raise PermissionDenied
        data = StepUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            step = services.action_step_update(
                actor=request.user, step=step, expected_version=values.pop("row_version"), **values
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(StepSerializer(step).data)


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("renstra", RenstraViewSet, basename="renstra")
    router.register("planning-years", PlanningYearViewSet, basename="planning-year")
    router.register("agreements", AgreementViewSet, basename="agreement")
    router.register("action-steps", ActionStepViewSet, basename="action-step")
