"""Catalogue endpoints: read the Manual IKU, define indicators, evaluate a formula on given inputs."""

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.access import Action, ancestor_ids, can, restrict
from kinerja.accounts.models import User
from kinerja.catalog import selectors, services
from kinerja.catalog.models import (
    EvidenceRequirement,
    Indicator,
    IndicatorKind,
    IndicatorVersion,
    PicAssignment,
    Sasaran,
)
from kinerja.formula import FormulaError
from kinerja.organization.models import OrgUnit

from .views import validation_response


class EvidenceRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceRequirement
        fields = ["name", "kinds", "required"]


class VersionSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = IndicatorVersion
        fields = ["number", "reason", "created_at", "created_by", "definition"]


class IndicatorSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sasaran = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sasaran_name = serializers.CharField(source="sasaran.name", read_only=True)
    parent_indicator = serializers.PrimaryKeyRelatedField(read_only=True)
    version = serializers.IntegerField(source="current_version.number", read_only=True, default=None)
    computation = serializers.JSONField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "unit",
            "code",
            "sasaran_name",
            *services.SHEET_FIELDS,
            "version",
            "computation",
            "row_version",
        ]


class IndicatorDetailSerializer(IndicatorSerializer):
    evidence_requirements = EvidenceRequirementSerializer(many=True, read_only=True)
    versions = VersionSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "evidence_requirements", "versions"]


class IndicatorCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    sasaran = serializers.CharField(help_text="Objective code within the unit, e.g. SK-01.")
    code = serializers.CharField(max_length=32)
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=IndicatorKind.choices, default="IK")
    computation = serializers.JSONField(help_text="The engine definition (docs/formula-language.md).")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorUpdateSerializer(serializers.ModelSerializer):
    """The sheet's fields, as `catalog.services.indicator_update` accepts them."""

    row_version = serializers.IntegerField()
    sasaran = serializers.SlugRelatedField(slug_field="code", queryset=Sasaran.objects.all(), required=False)

    class Meta:
        model = Indicator
        fields = [*services.SHEET_FIELDS, "row_version"]
        extra_kwargs = {name: {"required": False} for name in services.SHEET_FIELDS}

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if indicator is None:  # the schema generator instantiates the class bare
            return
        # Objectives by code within the indicator's unit; parents among the units above.
        self.fields["sasaran"].queryset = Sasaran.objects.filter(unit=indicator.unit)
        self.fields["parent_indicator"].queryset = Indicator.objects.filter(
            unit__in=ancestor_ids(indicator.unit)
        )


class DefineSerializer(serializers.Serializer):
    row_version = serializers.IntegerField()
    computation = serializers.JSONField()
    reason = serializers.CharField()


class EvidenceRequirementsSerializer(serializers.Serializer):
    items = EvidenceRequirementSerializer(many=True)


class PicSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.filter(is_active=True))

    class Meta:
        model = PicAssignment
        fields = ["user", "start_date", "end_date", "note"]
        read_only_fields = ["end_date"]


class CheckSerializer(serializers.Serializer):
    computation = serializers.JSONField()


class EvaluateSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False)
    periods = serializers.JSONField(
        help_text='{"TW1": {"inputs": {...}, "target": 80}, ...} as in `kinerja compute`.'
    )


def _problems(exc: FormulaError) -> Response:
    return Response({"problems": [p.to_dict() for p in exc.problems]}, status=status.HTTP_400_BAD_REQUEST)


class IndicatorViewSet(viewsets.GenericViewSet[Indicator]):
    """The Manual IKU. Reads follow the catalogue's reach; writes need the define permission."""

    serializer_class = IndicatorSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        return selectors.indicator_list(
            user=self.request.user,
            query=params.get("q", ""),
            unit_code=params.get("unit", ""),
            kind=params.get("kind", ""),
            periodicity=params.get("periodicity", ""),
        )

    def _get(self, pk: str) -> Indicator:
        return selectors.indicator_get(user=self.request.user, pk=int(pk))

    def _require_define(self, unit: OrgUnit) -> None:
        if not can(self.request.user, Action.DEFINE, unit):
            raise PermissionDenied

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, required=False) for name in ("q", "unit", "kind", "periodicity")
        ]
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(IndicatorSerializer(page, many=True).data)

    @extend_schema(responses=IndicatorDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(IndicatorDetailSerializer(self._get(pk)).data)

    @extend_schema(request=IndicatorCreateSerializer, responses={201: IndicatorDetailSerializer})
    def create(self, request: Request) -> Response:
        data = IndicatorCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = get_object_or_404(
            restrict(OrgUnit.objects.all(), request.user, Action.DEFINE), code=values["unit"]
        )
        sasaran = get_object_or_404(Sasaran, unit=unit, code=values["sasaran"])
        try:
            indicator = services.indicator_create(
                actor=request.user,
                unit=unit,
                sasaran=sasaran,
                code=values["code"],
                name=values["name"],
                kind=values["kind"],
                computation=values["computation"],
                reason=values["reason"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(IndicatorDetailSerializer(indicator).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IndicatorUpdateSerializer, responses=IndicatorDetailSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        indicator = self._get(pk)
        self._require_define(indicator.unit)
        data = IndicatorUpdateSerializer(data=request.data, partial=True, indicator=indicator)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        try:
            indicator = services.indicator_update(
                actor=request.user, indicator=indicator, expected_version=fields.pop("row_version"), **fields
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(IndicatorDetailSerializer(indicator).data)

    @extend_schema(request=DefineSerializer, responses={201: VersionSerializer})
    @action(detail=True, methods=["post"])
    def versions(self, request: Request, pk: str) -> Response:
        """Save a new formula version (the reason is kept in the history)."""
        indicator = self._get(pk)
        self._require_define(indicator.unit)
        data = DefineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            version = services.indicator_define(
                actor=request.user,
                indicator=indicator,
                expected_version=data.validated_data["row_version"],
                computation=data.validated_data["computation"],
                reason=data.validated_data["reason"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EvidenceRequirementsSerializer, responses=EvidenceRequirementSerializer(many=True))
    @action(detail=True, methods=["put"], url_path="evidence-requirements")
    def evidence_requirements(self, request: Request, pk: str) -> Response:
        """Replace the list of evidence documents (data dukung) the unit must provide."""
        indicator = self._get(pk)
        self._require_define(indicator.unit)
        data = EvidenceRequirementsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            rows = services.evidence_requirements_set(indicator=indicator, items=data.validated_data["items"])
        except ValidationError as exc:
            return validation_response(exc)
        return Response(EvidenceRequirementSerializer(rows, many=True).data)

    @extend_schema(request=PicSerializer, responses={201: PicSerializer})
    @action(detail=True, methods=["post"])
    def pic(self, request: Request, pk: str) -> Response:
        """Name the person in charge from a date; the previous assignment ends the day before."""
        indicator = self._get(pk)
        if not can(request.user, Action.ASSIGN_PIC, indicator.unit):
            raise PermissionDenied
        data = PicSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assignment = services.pic_assign(indicator=indicator, **data.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(PicSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def check(self, request: Request, pk: str) -> Response:
        """Static problems of a draft computation for this indicator, with line and column."""
        indicator = self._get(pk)
        data = CheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        computation = data.validated_data["computation"]
        if not isinstance(computation, dict):
            return Response({"computation": ["Expected a JSON object."]}, status=status.HTTP_400_BAD_REQUEST)
        problems = services.definition_problems(
            unit=indicator.unit,
            code=indicator.code,
            name=indicator.name,
            computation=computation,
            exclude_pk=indicator.pk,
        )
        return Response(
            {"valid": not any(p.is_error for p in problems), "problems": [p.to_dict() for p in problems]}
        )

    @extend_schema(request=EvaluateSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def evaluate(self, request: Request, pk: str) -> Response:
        """Compute periods from given inputs with the current formula; the `kinerja compute` shape."""
        indicator = self._get(pk)
        try:
            results = services.indicator_compute(indicator=indicator, payload=request.data)
        except FormulaError as exc:
            return _problems(exc)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(
            {
                "indicator": indicator.code,
                "name": indicator.name,
                "unit": indicator.computation.get("unit"),
                "periods": {period: result.to_json() for period, result in results.items()},
            }
        )


class SasaranSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Sasaran.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Sasaran
        fields = ["id", "unit", "code", "name", "kind", "parent", "is_placeholder", "note"]
        read_only_fields = ["is_placeholder"]


class SasaranViewSet(viewsets.GenericViewSet[Sasaran]):
    """Objectives (sasaran) that group a unit's indicators."""

    serializer_class = SasaranSerializer

    def get_queryset(self) -> Any:
        return selectors.sasaran_list(
            user=self.request.user, unit_code=self.request.query_params.get("unit", "")
        )

    @extend_schema(parameters=[OpenApiParameter("unit", str, required=False)])
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(SasaranSerializer(page, many=True).data)

    @extend_schema(request=SasaranSerializer, responses={201: SasaranSerializer})
    def create(self, request: Request) -> Response:
        data = SasaranSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if not can(request.user, Action.DEFINE, values["unit"]):
            raise PermissionDenied
        try:
            sasaran = services.sasaran_create(
                unit=values["unit"],
                code=values["code"],
                name=values["name"],
                kind=values["kind"],
                parent=values.get("parent"),
                note=values.get("note", ""),
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SasaranSerializer(sasaran).data, status=status.HTTP_201_CREATED)
