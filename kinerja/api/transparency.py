"""API of the transparency portal.

`transparency-units` is public (no login, no token): the same reads as the portal's pages, so it
shows only what is signed, verified or published. Downloads go through the portal's own URLs,
which count them. `transparency-publications` is for a unit's staff: upload the final LKj,
publish it, withdraw it with a reason, through the same services as the pages.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.organization.models import OrgUnit
from kinerja.transparency import selectors, services
from kinerja.transparency.models import DocumentKind, Publication

from .views import validation_response

YEAR = OpenApiParameter(
    "year", int, required=False, description="The year; by default the latest with public information."
)
KIND_HELP = "The kind of document: lkj (the final performance report, Laporan Kinerja)."
UNIT_FILTER = OpenApiParameter("unit", str, required=False, description="Unit code, e.g. PSDKP-TARAKAN.")


# --- public --------------------------------------------------------------------------------------


class PublicUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "short_name", "kind", "parent"]


class PublicRenstraSerializer(serializers.Serializer):
    title = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    regulation = serializers.CharField()


class PublicAgreementSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    revision = serializers.IntegerField()
    signed_on = serializers.DateField(allow_null=True)
    download = serializers.CharField(help_text="The PDF; each download is counted.")
    downloads = serializers.IntegerField()


class PublicDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=KIND_HELP)
    year = serializers.IntegerField()
    title = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    published_at = serializers.DateTimeField()
    download = serializers.CharField(help_text="The PDF; each download is counted.")
    downloads = serializers.IntegerField()


class PublicUnitDetailSerializer(serializers.Serializer):
    unit = PublicUnitSerializer()
    years = serializers.ListField(child=serializers.IntegerField())
    year = serializers.IntegerField()
    renstra = PublicRenstraSerializer(allow_null=True)
    agreement = PublicAgreementSerializer(allow_null=True)
    publications = PublicDocumentSerializer(many=True)
    verified_quarters = serializers.ListField(child=serializers.CharField())
    achievements_csv = serializers.CharField(allow_null=True, help_text="Verified achievements as CSV.")
    achievements_csv_downloads = serializers.IntegerField()


class PublicResultSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    period = serializers.CharField()
    target = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    target_high = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    realisation = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)
    achievement = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    status = serializers.CharField()


class PublicScoreSerializer(serializers.Serializer):
    sasaran = serializers.CharField()
    name = serializers.CharField()
    npss = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class PublicQuarterSerializer(serializers.Serializer):
    quarter = serializers.CharField()
    nko = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    npss = PublicScoreSerializer(many=True)
    results = PublicResultSerializer(many=True)


def _year(request: Request, years: list[int]) -> int:
    raw = str(request.query_params.get("year", ""))
    if raw.isdigit():
        return int(raw)
    return years[0] if years else 0


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("q", str, required=False, description="Name or code.")]),
)
class PublicUnitViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[OrgUnit]):
    """Units with public information, and per unit and year what is signed, verified or published."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    serializer_class = PublicUnitSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        query = str(self.request.query_params.get("q", "")).strip()[:100]
        return selectors.public_units(query=query).select_related("parent")

    @extend_schema(parameters=[YEAR], responses={200: PublicUnitDetailSerializer})
    def retrieve(self, request: Request, code: str) -> Response:
        unit = selectors.unit_get(code=code)
        years = selectors.unit_years(unit=unit)
        year = _year(request, years)
        renstra = selectors.renstra_for(unit=unit, year=year)
        agreement = selectors.agreement_for(unit=unit, year=year)
        counts = selectors.download_counts(unit=unit, year=year)
        quarters = selectors.verified_quarters(unit=unit, year=year)
        data = {
            "unit": unit,
            "years": years,
            "year": year,
            "renstra": renstra,
            "agreement": None
            if agreement is None
            else {
                "year": agreement.year,
                "revision": agreement.revision,
                "signed_on": agreement.signed_on,
                "download": reverse("transparency:agreement_download", args=[unit.code, year]),
                "downloads": counts.get((DocumentKind.AGREEMENT, agreement.pk), 0),
            },
            "publications": [
                {
                    "id": p.pk,
                    "kind": p.kind,
                    "year": p.year,
                    "title": p.title,
                    "size": p.size,
                    "sha256": p.sha256,
                    "published_at": p.published_at,
                    "download": reverse("transparency:publication_download", args=[unit.code, p.pk]),
                    "downloads": counts.get((DocumentKind.PUBLICATION, p.pk), 0),
                }
                for p in selectors.publications(unit=unit, year=year)
            ],
            "verified_quarters": quarters,
            "achievements_csv": reverse("transparency:achievements_csv", args=[unit.code, year])
            if quarters
            else None,
            "achievements_csv_downloads": counts.get((DocumentKind.ACHIEVEMENTS, 0), 0),
        }
        return Response(PublicUnitDetailSerializer(data).data)

    @extend_schema(parameters=[YEAR], responses={200: PublicQuarterSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def achievements(self, request: Request, code: str) -> Response:
        """The verified quarters of the year: results, NPSS and NKO (other quarters are not public)."""
        unit = selectors.unit_get(code=code)
        year = _year(request, selectors.unit_years(unit=unit))
        data = [
            {
                "quarter": q.quarter,
                "nko": q.nko,
                "npss": [{"sasaran": s.sasaran.code, "name": s.sasaran.name, "npss": s.npss} for s in q.npss],
                "results": [
                    {
                        "indicator": r.indicator.code,
                        "name": r.indicator.name,
                        "period": r.period,
                        "target": r.target,
                        "target_high": r.target_high,
                        "realisation": r.reported if r.reported is not None else r.value,
                        "achievement": r.achievement,
                        "status": r.status,
                    }
                    for r in q.rows
                ],
            }
            for q in selectors.achievements(unit=unit, year=year)
        ]
        return Response(PublicQuarterSerializer(data, many=True).data)


# --- the unit's staff ----------------------------------------------------------------------------


class PublicationSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Publication
        fields = [
            "id",
            "unit",
            "kind",
            "year",
            "title",
            "original_name",
            "size",
            "sha256",
            "status",
            "uploaded_by",
            "uploaded_at",
            "published_at",
            "withdrawn_at",
            "withdraw_reason",
            "row_version",
        ]
        read_only_fields = fields


class PublicationCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=255)
    file = serializers.FileField(required=False, help_text="The final LKj, a PDF; checked by its content.")


class PublishSerializer(serializers.Serializer):
    row_version = serializers.IntegerField(min_value=0, help_text="The row_version you read.")


class WithdrawSerializer(PublishSerializer):
    reason = serializers.CharField()


@extend_schema_view(list=extend_schema(parameters=[UNIT_FILTER]))
class PublicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Publication]
):
    """A unit's publications, drafts and withdrawn ones included; its head or operator changes them."""

    serializer_class = PublicationSerializer
    lookup_value_regex = "[0-9]+"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> Any:
        rows = selectors.publication_list(user=self.request.user)
        code = str(self.request.query_params.get("unit", ""))
        return rows.filter(unit__code=code) if code else rows

    @extend_schema(
        request={"multipart/form-data": PublicationCreateSerializer},
        responses={201: PublicationSerializer},
    )
    def create(self, request: Request) -> Response:
        body = PublicationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        unit = selectors.staff_unit_get(user=request.user, code=values["unit"])
        try:
            publication = services.publication_upload(
                actor=request.user,
                unit=unit,
                year=values["year"],
                title=values["title"],
                upload=values.get("file"),
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(PublicationSerializer(publication).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PublishSerializer, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        publication = selectors.publication_get(user=request.user, pk=int(pk))
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            publication = services.publication_publish(
                actor=request.user,
                publication=publication,
                expected_version=body.validated_data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(PublicationSerializer(publication).data)

    @extend_schema(request=WithdrawSerializer, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        publication = selectors.publication_get(user=request.user, pk=int(pk))
        body = WithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            publication = services.publication_withdraw(
                actor=request.user,
                publication=publication,
                reason=body.validated_data["reason"],
                expected_version=body.validated_data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(PublicationSerializer(publication).data)


def register(router: DefaultRouter) -> None:
    router.register("transparency/units", PublicUnitViewSet, basename="transparency-unit")
    router.register("transparency/publications", PublicationViewSet, basename="transparency-publication")
