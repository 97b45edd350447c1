"""API of the report documents: which a unit's year offers, and the documents themselves.

The file comes from `kinerja.reports.documents.document_render`, like the web download and the
`kinerja report` command. A unit the user may not read is 404, and so is a document the unit has
no data for; a missing or stray period is 400. The format is a path segment named `fmt` (DRF reserves
`format` for its renderers).
"""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.planning.periods import QUARTERS
from kinerja.reports import selectors
from kinerja.reports.documents import (
    CONTENT_TYPES,
    FORMATS,
    KINDS,
    BadArgument,
    DocumentError,
    document_render,
)
from kinerja.reports.views import document_response

UNIT = OpenApiParameter(
    "unit", str, required=False, description="Unit code, e.g. PSDKP-TARAKAN; by default your own unit."
)
YEAR = OpenApiParameter("year", int, required=False, description="The year; by default the latest with data.")
PERIOD = OpenApiParameter(
    "period", str, required=False, enum=list(QUARTERS), description="The quarter; triwulan only."
)


class ReportFileSerializer(serializers.Serializer):
    format = serializers.CharField()
    download = serializers.CharField(help_text="The API URL that returns the file.")


class ReportDocumentSerializer(serializers.Serializer):
    unit = serializers.CharField()
    year = serializers.IntegerField()
    kind = serializers.CharField(help_text="pk, lkj or triwulan.")
    period = serializers.CharField(allow_null=True)
    files = ReportFileSerializer(many=True)


class ReportDocumentViewSet(viewsets.GenericViewSet[Any]):
    """The documents Kinerja generates for a unit's year: PK, LKj draft, quarterly reports."""

    serializer_class = ReportDocumentSerializer

    @extend_schema(parameters=[UNIT, YEAR], responses={200: ReportDocumentSerializer(many=True)})
    def list(self, request: Request) -> Response:
        """What can be downloaded for the unit's year, as the reports page lists it."""
        code = str(request.query_params.get("unit", ""))
        unit = (
            selectors.unit_get(user=request.user, code=code)
            if code
            else selectors.home_unit(user=request.user)
        )
        if unit is None:
            raise exceptions.NotFound
        raw = str(request.query_params.get("year", ""))
        year = int(raw) if raw.isdigit() else selectors.default_year(selectors.unit_years(unit=unit))
        data = []
        for item in selectors.available_documents(unit=unit, year=year):
            query = f"?{urlencode({'period': item.period})}" if item.period else ""
            files = [
                {
                    "format": fmt,
                    "download": reverse(
                        "api:report-document-download",
                        kwargs={"code": unit.code, "year": year, "kind": item.kind, "fmt": fmt},
                    )
                    + query,
                }
                for fmt in item.formats
            ]
            data.append(
                {"unit": unit.code, "year": year, "kind": item.kind, "period": item.period, "files": files}
            )
        return Response(ReportDocumentSerializer(data, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description="Unit code, e.g. PSDKP-TARAKAN."
            ),
            OpenApiParameter("year", int, OpenApiParameter.PATH),
            OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=[*KINDS]),
            OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=[*FORMATS]),
            PERIOD,
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, CONTENT_TYPES["docx"]): OpenApiTypes.BINARY,
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"(?P<code>[^/.]+)/(?P<year>[0-9]{4})/(?P<kind>pk|lkj|triwulan)/(?P<fmt>pdf|docx)",
    )
    def download(self, request: Request, code: str, year: str, kind: str, fmt: str) -> HttpResponse:
        """The document, generated now from the data in Kinerja (the quarterly report names ?period=)."""
        unit = selectors.unit_get(user=request.user, code=code)
        try:
            document = document_render(
                kind=kind,
                unit=unit,
                year=int(year),
                period=request.query_params.get("period") or None,
                fmt=fmt,
            )
        except BadArgument as exc:
            raise exceptions.ValidationError({exc.field or "detail": [exc.message]}) from None
        except DocumentError as exc:
            raise exceptions.NotFound(exc.message) from None
        return document_response(document)


def register(router: DefaultRouter) -> None:
    router.register("report-documents", ReportDocumentViewSet, basename="report-document")
