"""API endpoints of the performance domain: realisations, evidence, results, submissions, budget spending.

Writes call the same services as the entry pages, so the role, the lock of a submitted quarter and the
entry window hold here too: a unit the user may not see is 404, one they see but may not change is 403,
a refused value is 400 naming the field, and a stale `row_version` is 409.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, restrict
from kinerja.catalog.models import EvidenceRequirement, Indicator
from kinerja.catalog.services import problem_text
from kinerja.formula import Problem
from kinerja.organization.models import OrgUnit
from kinerja.performance import selectors, services, submissions
from kinerja.performance.models import (
    BudgetSpending,
    Evidence,
    Realisation,
    Result,
    SasaranScore,
    Submission,
    SubmissionVersion,
    UnitScore,
)
from kinerja.planning.models import AgreementBudget
from kinerja.planning.periods import PERIOD_CHOICES, QUARTER_CHOICES, periods_in_quarter

from .views import validation_response

# --- filters -------------------------------------------------------------------------------------

FILTER_HELP = {
    "unit": "Unit code, e.g. PSDKP-TARAKAN.",
    "year": "Year, e.g. 2026.",
    "period": "Engine period: TW1–TW4, S1, S2 or TAHUN.",
    "quarter": "Quarter TW1–TW4 (for periods: every period reported in that quarter).",
    "indicator": "Indicator code within the unit, e.g. IK-09.",
    "basis": "working (as entered) or verified.",
    "sasaran": "Objective code within the unit, e.g. SK-03.",
    "status": "draft, submitted, verified or returned.",
    "state": "empty, value or not_computable.",
}


def filter_parameters(*names: str) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(name, int if name == "year" else str, required=False, description=FILTER_HELP[name])
        for name in names
    ]


def filtered(queryset: QuerySet[Any], params: Any, lookups: dict[str, str]) -> QuerySet[Any]:
    """Apply the query parameters that were sent; `quarter` on a period field means its periods."""
    for name, lookup in lookups.items():
        value = params.get(name, "")
        if not value:
            continue
        if name == "year" and not value.isdigit():
            raise exceptions.ValidationError({"year": [_("A year is a number, e.g. 2026.")]})
        if name == "quarter" and lookup == "period":
            queryset = queryset.filter(period__in=periods_in_quarter(value))
        else:
            queryset = queryset.filter(**{lookup: value})
    return queryset


PERIOD_FILTERS = {
    "unit": "unit__code",
    "year": "year",
    "period": "period",
    "quarter": "period",
    "indicator": "indicator__code",
}


def planned_indicator(unit: OrgUnit, code: str) -> Indicator:
    """The unit's indicator by code; whether it is in the PK is the service's question."""
    indicator = Indicator.objects.filter(unit=unit, code=code).select_related("current_version").first()
    if indicator is None:
        raise ValidationError(
            {"indicator": _("%(unit)s has no indicator %(code)s.") % {"unit": unit.code, "code": code}}
        )
    return indicator


def problems_response(problems: tuple[Problem, ...]) -> Response:
    """Engine input problems, each naming its field and (for tables) its row."""
    return Response(
        {
            "inputs": [problem_text(p) for p in problems],
            "problems": [p.to_dict() for p in problems],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


# --- realisations --------------------------------------------------------------------------------


class RealisationSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    formula_version = serializers.IntegerField(source="version.number", read_only=True, default=None)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Realisation
        fields = [
            "id",
            "unit",
            "indicator",
            "year",
            "period",
            "state",
            "inputs",
            "value",
            "reason",
            "worse_note",
            "progress",
            "obstacles",
            "follow_up",
            "formula_version",
            "updated_at",
            "updated_by",
            "row_version",
        ]


class RealisationEntrySerializer(serializers.Serializer):
    """The body of a save: the inputs and narrative of one indicator and period."""

    inputs = serializers.JSONField(
        required=False,
        allow_null=True,
        default=None,
        help_text='The formula\'s inputs, e.g. {"sanksi_ditetapkan": 3, "kasus_ditangani": 4}; '
        "null clears the row (not filled).",
    )
    row_version = serializers.IntegerField(
        min_value=0, default=0, help_text="The row_version you read; 0 for a row that does not exist yet."
    )
    progress = serializers.CharField(required=False, allow_blank=True, default="")
    obstacles = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")
    worse_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the value is worse than the last verified one (required in that case).",
    )
    not_computable_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text="Declare the value not computable, with the reason; the error names it `reason`.",
    )

    def validate_inputs(self, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise serializers.ValidationError(_("Expected a JSON object."))
        return value


class RealisationKeySerializer(serializers.Serializer):
    unit = serializers.CharField(help_text=FILTER_HELP["unit"])
    year = serializers.IntegerField()
    period = serializers.ChoiceField(choices=PERIOD_CHOICES)
    indicator = serializers.CharField(help_text=FILTER_HELP["indicator"])


class RealisationSaveSerializer(RealisationKeySerializer, RealisationEntrySerializer):
    pass


class RealisationPreviewSerializer(RealisationKeySerializer):
    inputs = serializers.JSONField()

    def validate_inputs(self, value: Any) -> Any:
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Expected a JSON object."))
        return value


class PreviewResultSerializer(serializers.Serializer):
    period = serializers.CharField()
    result = serializers.JSONField(
        allow_null=True, help_text="value, reported, category, target, achievement, status (as `compute`)."
    )
    problem = serializers.JSONField(allow_null=True, help_text="Why there is no value, when there is none.")


KEY_PARAMETERS = [
    OpenApiParameter("unit", str, OpenApiParameter.PATH, description=FILTER_HELP["unit"]),
    OpenApiParameter("year", int, OpenApiParameter.PATH),
    OpenApiParameter("period", str, OpenApiParameter.PATH, description=FILTER_HELP["period"]),
    OpenApiParameter("indicator", str, OpenApiParameter.PATH, description=FILTER_HELP["indicator"]),
]


@extend_schema_view(list=extend_schema(parameters=filter_parameters(*PERIOD_FILTERS, "state")))
class RealisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Realisation]
):
    """A unit's inputs per indicator and period; saved by the unit's staff while entry is open."""

    serializer_class = RealisationSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(Realisation.objects.all(), self.request.user, Action.VIEW).select_related(
            "unit", "indicator", "version", "updated_by"
        )
        return filtered(rows, self.request.query_params, {**PERIOD_FILTERS, "state": "state"})

    def _save(self, *, unit_code: str, year: int, period: str, indicator_code: str, data: Any) -> Response:
        unit = selectors.unit_get(user=self.request.user, code=unit_code)
        values = RealisationEntrySerializer(data=data)
        values.is_valid(raise_exception=True)
        entry = values.validated_data
        try:
            realisation = services.realisation_save(
                actor=self.request.user,
                unit=unit,
                indicator=planned_indicator(unit, indicator_code),
                year=year,
                period=period,
                inputs=entry["inputs"],
                expected_version=entry["row_version"],
                progress=entry["progress"],
                obstacles=entry["obstacles"],
                follow_up=entry["follow_up"],
                worse_note=entry["worse_note"],
                not_computable_reason=entry["not_computable_reason"],
            )
        except services.InputsRefused as exc:
            return problems_response(exc.problems)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(RealisationSerializer(realisation).data)

    @extend_schema(request=RealisationSaveSerializer, responses=RealisationSerializer)
    @action(detail=False, methods=["post"])
    def save(self, request: Request) -> Response:
        """Create or change the realisation named in the body (upsert by unit, year, period, indicator)."""
        key = RealisationKeySerializer(data=request.data)
        key.is_valid(raise_exception=True)
        return self._save(
            unit_code=key.validated_data["unit"],
            year=key.validated_data["year"],
            period=key.validated_data["period"],
            indicator_code=key.validated_data["indicator"],
            data=request.data,
        )

    @extend_schema(
        methods=["GET"],
        operation_id="realisations_by_key_retrieve",
        parameters=KEY_PARAMETERS,
        responses=RealisationSerializer,
    )
    @extend_schema(
        methods=["PUT"],
        operation_id="realisations_by_key_update",
        parameters=KEY_PARAMETERS,
        request=RealisationEntrySerializer,
        responses=RealisationSerializer,
    )
    @action(
        detail=False,
        methods=["get", "put"],
        url_path=r"(?P<unit>[^/]+)/(?P<year>[0-9]{4})/(?P<period>[A-Z0-9]+)/(?P<indicator>[^/]+)",
        url_name="by-key",
    )
    def by_key(self, request: Request, unit: str, year: str, period: str, indicator: str) -> Response:
        """Read (GET) or save (PUT) a realisation by its natural key."""
        if request.method == "PUT":
            if period not in dict(PERIOD_CHOICES):
                return Response({"period": [_("Unknown period.")]}, status=status.HTTP_400_BAD_REQUEST)
            return self._save(
                unit_code=unit, year=int(year), period=period, indicator_code=indicator, data=request.data
            )
        row = (
            self.get_queryset()
            .filter(unit__code=unit, year=int(year), period=period, indicator__code=indicator)
            .first()
        )
        if row is None:
            raise Http404
        return Response(RealisationSerializer(row).data)

    @extend_schema(request=RealisationPreviewSerializer, responses=PreviewResultSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        """What the engine makes of the inputs with the year's formula and the PK target; nothing is saved."""
        data = RealisationPreviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = selectors.unit_get(user=request.user, code=values["unit"])
        try:
            preview = services.realisation_preview(
                unit=unit,
                indicator=planned_indicator(unit, values["indicator"]),
                year=values["year"],
                period=values["period"],
                inputs=values["inputs"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        if preview.input_problems:
            return problems_response(preview.input_problems)
        return Response(
            {
                "period": values["period"],
                "result": preview.result.to_json() if preview.result is not None else None,
                "problem": preview.problem.to_dict() if preview.problem is not None else None,
            }
        )


# --- evidence ------------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    kind = serializers.CharField(read_only=True, help_text="file, link or text.")
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "unit",
            "indicator",
            "year",
            "period",
            "requirement",
            "requirement_name",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "url",
            "text",
            "description",
            "corrects",
            "created_at",
            "created_by",
            "download",
        ]

    def get_download(self, evidence: Evidence) -> str | None:
        return reverse("api:evidence-download", args=[evidence.pk]) if evidence.kind == "file" else None


class EvidenceCreateSerializer(RealisationKeySerializer):
    kind = serializers.ChoiceField(
        choices=["file", "link", "text"],
        required=False,
        help_text="Optional: taken from whichever of file, url or text is sent.",
    )
    description = serializers.CharField(max_length=500)
    file = serializers.FileField(required=False, help_text="Multipart upload; checked by its content.")
    url = serializers.CharField(required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, allow_blank=True, default="")
    requirement = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the required document (see the indicator)."
    )
    corrects = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of the evidence this one corrects."
    )


def evidence_kind(values: dict[str, Any]) -> str:
    if values.get("kind"):
        return str(values["kind"])
    if values.get("file") is not None:
        return "file"
    return "link" if values.get("url") else "text" if values.get("text") else ""


@extend_schema_view(list=extend_schema(parameters=filter_parameters(*PERIOD_FILTERS)))
class EvidenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Evidence],
):
    """Evidence (data dukung): added and deleted by the unit's staff while the quarter is editable."""

    serializer_class = EvidenceSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(Evidence.objects.all(), self.request.user, Action.VIEW).select_related(
            "unit", "indicator", "created_by"
        )
        return filtered(rows, self.request.query_params, PERIOD_FILTERS)

    @extend_schema(
        request={
            "multipart/form-data": EvidenceCreateSerializer,
            "application/json": EvidenceCreateSerializer,
        },
        responses={201: EvidenceSerializer},
    )
    def create(self, request: Request) -> Response:
        data = EvidenceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = selectors.unit_get(user=request.user, code=values["unit"])
        try:
            requirement = None
            if values.get("requirement") is not None:
                requirement = EvidenceRequirement.objects.filter(pk=values["requirement"]).first()
                if requirement is None:
                    raise ValidationError({"requirement": _("No such required document.")})
            corrects = None
            if values.get("corrects") is not None:
                try:
                    corrects = selectors.evidence_get(user=request.user, pk=values["corrects"])
                except Http404:
                    raise ValidationError({"corrects": _("No such evidence.")}) from None
            evidence = services.evidence_add(
                actor=request.user,
                unit=unit,
                indicator=planned_indicator(unit, values["indicator"]),
                year=values["year"],
                period=values["period"],
                kind=evidence_kind(values),
                description=values["description"],
                requirement=requirement,
                upload=values.get("file"),
                url=values["url"],
                text=values["text"],
                corrects=corrects,
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        """Delete evidence of a draft or returned quarter; verified evidence is kept (400)."""
        evidence = selectors.evidence_get(user=request.user, pk=int(pk))
        try:
            services.evidence_delete(actor=request.user, evidence=evidence)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str) -> FileResponse:
        """The stored file, under the name it was uploaded with, for whoever may read the unit."""
        evidence = selectors.evidence_get(user=request.user, pk=int(pk))
        if evidence.kind != "file" or not evidence.file:
            raise Http404
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
            content_type=evidence.content_type or "application/octet-stream",
        )


# --- results, NPSS and NKO -----------------------------------------------------------------------


class ResultSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = Result
        fields = [
            "id",
            "unit",
            "indicator",
            "indicator_name",
            "year",
            "period",
            "basis",
            "value",
            "reported",
            "category",
            "target",
            "target_high",
            "achievement",
            "status",
            "error",
            "computed_at",
        ]


class SasaranScoreSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    sasaran = serializers.CharField(source="sasaran.code", read_only=True)
    sasaran_name = serializers.CharField(source="sasaran.name", read_only=True)

    class Meta:
        model = SasaranScore
        fields = [
            "id",
            "unit",
            "sasaran",
            "sasaran_name",
            "year",
            "quarter",
            "basis",
            "npss",
            "indicator_count",
        ]


class UnitScoreSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = UnitScore
        fields = ["id", "unit", "unit_name", "year", "quarter", "basis", "nko", "sasaran_count"]


@extend_schema_view(list=extend_schema(parameters=filter_parameters(*PERIOD_FILTERS, "basis")))
class ResultViewSet(viewsets.ReadOnlyModelViewSet[Result]):
    """Stored results per indicator and period; `basis=verified` is what reports use."""

    serializer_class = ResultSerializer

    def get_queryset(self) -> Any:
        rows = restrict(Result.objects.all(), self.request.user, Action.VIEW).select_related(
            "unit", "indicator"
        )
        return filtered(rows, self.request.query_params, {**PERIOD_FILTERS, "basis": "basis"})


SCORE_FILTERS = {"unit": "unit__code", "year": "year", "quarter": "quarter", "basis": "basis"}


@extend_schema_view(list=extend_schema(parameters=filter_parameters(*SCORE_FILTERS, "sasaran")))
class SasaranScoreViewSet(viewsets.ReadOnlyModelViewSet[SasaranScore]):
    """NPSS: the achievement of each objective (sasaran) at a quarter."""

    serializer_class = SasaranScoreSerializer

    def get_queryset(self) -> Any:
        rows = restrict(SasaranScore.objects.all(), self.request.user, Action.VIEW).select_related(
            "unit", "sasaran"
        )
        return filtered(rows, self.request.query_params, {**SCORE_FILTERS, "sasaran": "sasaran__code"})


@extend_schema_view(list=extend_schema(parameters=filter_parameters(*SCORE_FILTERS)))
class UnitScoreViewSet(viewsets.ReadOnlyModelViewSet[UnitScore]):
    """NKO: a unit's performance score at a quarter."""

    serializer_class = UnitScoreSerializer

    def get_queryset(self) -> Any:
        rows = restrict(UnitScore.objects.all(), self.request.user, Action.VIEW).select_related("unit")
        return filtered(rows, self.request.query_params, SCORE_FILTERS)


# --- submissions ---------------------------------------------------------------------------------


class SubmissionSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="draft, submitted, verified or returned.")
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "unit",
            "year",
            "quarter",
            "status",
            "late",
            "self_verified",
            "submitted_at",
            "submitted_by",
            "reviewed_at",
            "reviewed_by",
            "return_reason",
            "reopen_reason",
            "versions",
            "row_version",
        ]

    def get_versions(self, submission: Submission) -> int:
        return submission.versions.count()


class SubmissionVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = SubmissionVersion
        fields = ["number", "verified", "created_at", "created_by", "snapshot"]


class SubmitSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text=FILTER_HELP["unit"])
    year = serializers.IntegerField()
    quarter = serializers.ChoiceField(choices=QUARTER_CHOICES)
    row_version = serializers.IntegerField(
        min_value=0, default=0, help_text="The submission's row_version; 0 when there is none yet."
    )


class ReviewSerializer(serializers.Serializer):
    row_version = serializers.IntegerField(min_value=0)


class ReasonSerializer(ReviewSerializer):
    reason = serializers.CharField(allow_blank=True)


@extend_schema_view(list=extend_schema(parameters=filter_parameters("unit", "year", "quarter", "status")))
class SubmissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Submission]
):
    """A unit's quarter: submitted by its staff; returned, verified and reopened by planners."""

    serializer_class = SubmissionSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(Submission.objects.all(), self.request.user, Action.VIEW).select_related(
            "unit", "submitted_by", "reviewed_by"
        )
        return filtered(
            rows,
            self.request.query_params,
            {"unit": "unit__code", "year": "year", "quarter": "quarter", "status": "status"},
        )

    @extend_schema(request=SubmitSerializer, responses=SubmissionSerializer)
    @action(detail=False, methods=["post"])
    def submit(self, request: Request) -> Response:
        """Send the quarter for verification; refused (400, listing what is missing) until complete."""
        data = SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = selectors.unit_get(user=request.user, code=values["unit"])
        try:
            submission = submissions.submission_submit(
                actor=request.user,
                unit=unit,
                year=values["year"],
                quarter=values["quarter"],
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SubmissionSerializer(submission).data)

    def _review(self, serializer: type[ReviewSerializer], service: Any, request: Request) -> Response:
        submission = self.get_object()
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            submission = service(
                actor=request.user,
                submission=submission,
                expected_version=values.pop("row_version"),
                **values,
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(SubmissionSerializer(submission).data)

    @extend_schema(request=ReasonSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str) -> Response:
        """Send a submitted quarter back to the unit; the reason is required."""
        return self._review(ReasonSerializer, submissions.submission_return, request)

    @extend_schema(request=ReviewSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str) -> Response:
        """Accept the submitted values: they become the verified basis."""
        return self._review(ReviewSerializer, submissions.submission_verify, request)

    @extend_schema(request=ReasonSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        """Give a verified quarter back to the unit as a draft; the reason is required."""
        return self._review(ReasonSerializer, submissions.submission_reopen, request)

    @extend_schema(responses=SubmissionVersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, pk: str) -> Response:
        """The snapshots frozen at each submission and verification, newest first."""
        submission = self.get_object()
        rows = submission.versions.select_related("created_by").order_by("-number")
        return Response(SubmissionVersionSerializer(rows, many=True).data)


# --- budget spending -----------------------------------------------------------------------------


class BudgetSpendingSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="budget.agreement.unit.code", read_only=True)
    year = serializers.IntegerField(source="budget.agreement.year", read_only=True)
    budget = serializers.IntegerField(source="budget.pk", read_only=True)
    programme_code = serializers.CharField(source="budget.programme_code", read_only=True)
    programme_name = serializers.CharField(source="budget.programme_name", read_only=True)
    ceiling = serializers.DecimalField(
        source="budget.ceiling", max_digits=20, decimal_places=2, read_only=True
    )

    class Meta:
        model = BudgetSpending
        fields = [
            "id",
            "unit",
            "year",
            "budget",
            "programme_code",
            "programme_name",
            "ceiling",
            "quarter",
            "amount",
            "row_version",
        ]


class SpendingSetSerializer(serializers.Serializer):
    budget = serializers.IntegerField(
        required=False, help_text="Id of the PK's budget row; or give unit, year and programme_code."
    )
    unit = serializers.CharField(required=False, help_text=FILTER_HELP["unit"])
    year = serializers.IntegerField(required=False)
    programme_code = serializers.CharField(required=False)
    quarter = serializers.ChoiceField(choices=QUARTER_CHOICES)
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, help_text="Spent up to the quarter's end."
    )
    row_version = serializers.IntegerField(
        min_value=0, default=0, help_text="0 when nothing was entered yet."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "budget" not in attrs and not all(attrs.get(k) for k in ("unit", "year", "programme_code")):
            raise serializers.ValidationError(
                {"budget": [_("Give the budget row's id, or unit, year and programme_code.")]}
            )
        return attrs


@extend_schema_view(list=extend_schema(parameters=filter_parameters("unit", "year", "quarter")))
class BudgetSpendingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[BudgetSpending]
):
    """Budget spent on each PK programme, cumulative to the quarter's end."""

    serializer_class = BudgetSpendingSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = restrict(BudgetSpending.objects.all(), self.request.user, Action.VIEW).select_related(
            "budget__agreement__unit"
        )
        return filtered(
            rows,
            self.request.query_params,
            {
                "unit": "budget__agreement__unit__code",
                "year": "budget__agreement__year",
                "quarter": "quarter",
            },
        )

    def _budget(self, values: dict[str, Any]) -> AgreementBudget:
        if "budget" in values:
            return selectors.budget_get(user=self.request.user, pk=values["budget"])
        unit = selectors.unit_get(user=self.request.user, code=values["unit"])
        budget = AgreementBudget.objects.filter(
            agreement__unit=unit,
            agreement__year=values["year"],
            agreement__is_current=True,
            programme_code=values["programme_code"],
        ).first()
        if budget is None:
            raise Http404
        return budget

    @extend_schema(request=SpendingSetSerializer, responses=BudgetSpendingSerializer)
    @action(detail=False, methods=["post"], url_path="set", url_name="set")
    def set_amount(self, request: Request) -> Response:
        """Enter or change the amount spent on a programme up to the quarter's end."""
        data = SpendingSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        budget = self._budget(values)
        try:
            spending = services.budget_spending_set(
                actor=request.user,
                budget=budget,
                quarter=values["quarter"],
                amount=values["amount"],
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(BudgetSpendingSerializer(spending).data)


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("realisations", RealisationViewSet, basename="realisation")
    router.register("evidence", EvidenceViewSet, basename="evidence")
    router.register("results", ResultViewSet, basename="result")
    router.register("npss", SasaranScoreViewSet, basename="npss")
    router.register("nko", UnitScoreViewSet, basename="nko")
    router.register("submissions", SubmissionViewSet, basename="submission")
    router.register("budget-spending", BudgetSpendingViewSet, basename="budget-spending")
