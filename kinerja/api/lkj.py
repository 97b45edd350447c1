"""API of the LKj draft: the chapters and indicator analyses a unit writes, and the planner's review.

The same services as the workspace page: a draft the user may not see is 404, one they see but may
not act on is 403, a refused value is 400 naming the field, and a stale `row_version` is 409.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.accounts.access import Action, can
from kinerja.catalog.models import Indicator
from kinerja.reports import selectors, services
from kinerja.reports.models import LkjDraft, LkjIndicatorNote, LkjSection, Section

from .views import validation_response

UNIT_FILTER = OpenApiParameter("unit", str, required=False, description="Unit code, e.g. PSDKP-TARAKAN.")
YEAR_FILTER = OpenApiParameter("year", int, required=False, description="The year of the report.")
DRAFT_FILTER = OpenApiParameter("draft", int, required=False, description="The draft's id.")
VERSION_HELP = "The row_version you read; 0 when there was no text yet."


class LkjSectionSerializer(serializers.ModelSerializer):
    draft = serializers.PrimaryKeyRelatedField(read_only=True)
    section = serializers.CharField(read_only=True, help_text="ikhtisar, pendahuluan, perencanaan, …")
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = LkjSection
        fields = ["id", "draft", "section", "text", "updated_by", "updated_at", "row_version"]
        read_only_fields = fields


class LkjIndicatorNoteSerializer(serializers.ModelSerializer):
    draft = serializers.PrimaryKeyRelatedField(read_only=True)
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = LkjIndicatorNote
        fields = [
            "id",
            "draft",
            "indicator",
            "indicator_code",
            *services.NOTE_FIELDS,
            "updated_by",
            "updated_at",
            "row_version",
        ]
        read_only_fields = fields


class LkjDraftSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    state = serializers.CharField(read_only=True, help_text="writing, submitted, returned or reviewed.")
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    sections = LkjSectionSerializer(many=True, read_only=True)
    indicator_notes = LkjIndicatorNoteSerializer(many=True, read_only=True)

    class Meta:
        model = LkjDraft
        fields = [
            "id",
            "unit",
            "year",
            "state",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "sections",
            "indicator_notes",
            "row_version",
        ]
        read_only_fields = fields


class LkjDraftCreateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Unit code, e.g. PSDKP-TARAKAN.")
    year = serializers.IntegerField(min_value=2000, max_value=2200)


class LkjVersionSerializer(serializers.Serializer):
    row_version = serializers.IntegerField(min_value=0, help_text="The draft's row_version you read.")


class LkjReturnSerializer(LkjVersionSerializer):
    note = serializers.CharField(help_text="What the unit should change.")


class LkjReviewSerializer(LkjVersionSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _filter_draft(rows: Any, params: Any) -> Any:
    if str(params.get("draft", "")).isdigit():
        rows = rows.filter(draft_id=int(params["draft"]))
    return rows


@extend_schema_view(list=extend_schema(parameters=[UNIT_FILTER, YEAR_FILTER]))
class LkjDraftViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[LkjDraft]):
    """Units' LKj drafts with their chapters and analyses; the unit submits, a planner returns or reviews."""

    serializer_class = LkjDraftSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = selectors.draft_list(user=self.request.user).prefetch_related(
            "sections__updated_by", "indicator_notes__indicator", "indicator_notes__updated_by"
        )
        params = self.request.query_params
        if params.get("unit"):
            rows = rows.filter(unit__code=params["unit"])
        if str(params.get("year", "")).isdigit():
            rows = rows.filter(year=int(params["year"]))
        return rows

    @extend_schema(
        request=LkjDraftCreateSerializer, responses={200: LkjDraftSerializer, 201: LkjDraftSerializer}
    )
    def create(self, request: Request) -> Response:
        """The unit's draft of the year: 201 when this call created it, 200 when it existed."""
        body = LkjDraftCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        unit = selectors.unit_get(user=request.user, code=body.validated_data["unit"])
        year = body.validated_data["year"]
        if not can(request.user, Action.CHANGE, unit):
            raise PermissionDenied
        existed = selectors.draft_find(unit=unit, year=year) is not None
        try:
            draft = services.lkj_draft_get_or_create(actor=request.user, unit=unit, year=year)
        except ValidationError as exc:
            return validation_response(exc)
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(LkjDraftSerializer(draft).data, status=code)

    def _act(self, request: Request, pk: str, body_class: Any, apply: Any) -> Response:
        draft = selectors.draft_get(user=request.user, pk=int(pk))
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            draft = apply(draft, body.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(LkjDraftSerializer(draft).data)

    @extend_schema(request=LkjVersionSerializer, responses={200: LkjDraftSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """The unit sends the draft for review; every chapter must be written (400 naming `sections`)."""
        return self._act(
            request,
            pk,
            LkjVersionSerializer,
            lambda draft, data: services.lkj_draft_submit(
                actor=request.user, draft=draft, expected_version=data["row_version"]
            ),
        )

    @extend_schema(request=LkjReturnSerializer, responses={200: LkjDraftSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str) -> Response:
        """A planner returns a submitted or reviewed draft to the unit, with a note."""
        return self._act(
            request,
            pk,
            LkjReturnSerializer,
            lambda draft, data: services.lkj_draft_return(
                actor=request.user, draft=draft, note=data["note"], expected_version=data["row_version"]
            ),
        )

    @extend_schema(request=LkjReviewSerializer, responses={200: LkjDraftSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        """A planner marks a submitted draft reviewed."""
        return self._act(
            request,
            pk,
            LkjReviewSerializer,
            lambda draft, data: services.lkj_draft_review(
                actor=request.user, draft=draft, note=data["note"], expected_version=data["row_version"]
            ),
        )


class LkjSectionWriteSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, max_length=services.MAX_TEXT)
    row_version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class LkjSectionCreateSerializer(LkjSectionWriteSerializer):
    draft = serializers.IntegerField(help_text="The draft's id (POST /api/lkj-drafts/ gives it).")
    section = serializers.ChoiceField(choices=Section.choices)
    row_version = serializers.IntegerField(min_value=0, default=0, help_text=VERSION_HELP)


@extend_schema_view(list=extend_schema(parameters=[DRAFT_FILTER]))
class LkjSectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[LkjSection]
):
    """The text of each chapter; the unit writes it while the draft is being written or returned."""

    serializer_class = LkjSectionSerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return _filter_draft(selectors.section_list(user=self.request.user), self.request.query_params)

    @extend_schema(request=LkjSectionCreateSerializer, responses={201: LkjSectionSerializer})
    def create(self, request: Request) -> Response:
        """Write a chapter that has no text yet (a chapter that has one answers 409: PATCH it)."""
        body = LkjSectionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        draft = selectors.draft_get(user=request.user, pk=values["draft"])
        try:
            row = services.lkj_section_save(
                actor=request.user,
                draft=draft,
                section=values["section"],
                text=values["text"],
                expected_version=values["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(LkjSectionSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LkjSectionWriteSerializer, responses={200: LkjSectionSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        row = selectors.section_get(user=request.user, pk=int(pk))
        body = LkjSectionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            row = services.lkj_section_save(
                actor=request.user,
                draft=row.draft,
                section=row.section,
                text=body.validated_data["text"],
                expected_version=body.validated_data["row_version"],
            )
        except ValidationError as exc:
            return validation_response(exc)
        return Response(LkjSectionSerializer(row).data)


class LkjNoteWriteSerializer(serializers.Serializer):
    analysis = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    solutions = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    efficiency = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    programmes = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT)
    row_version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class LkjNoteCreateSerializer(LkjNoteWriteSerializer):
    draft = serializers.IntegerField(help_text="The draft's id (POST /api/lkj-drafts/ gives it).")
    indicator = serializers.IntegerField(help_text="The id of an indicator of the unit's PK of the year.")
    row_version = serializers.IntegerField(min_value=0, default=0, help_text=VERSION_HELP)


@extend_schema_view(list=extend_schema(parameters=[DRAFT_FILTER]))
class LkjIndicatorNoteViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[LkjIndicatorNote]
):
    """The unit's analysis of each indicator of its PK (Chapter III A); PATCH keeps fields not sent."""

    serializer_class = LkjIndicatorNoteSerializer
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return _filter_draft(selectors.note_list(user=self.request.user), self.request.query_params)

    def _save(self, draft: LkjDraft, indicator: Indicator, values: Any, current: Any) -> LkjIndicatorNote:
        return services.lkj_indicator_note_save(
            actor=self.request.user,
            draft=draft,
            indicator=indicator,
            expected_version=values["row_version"],
            **{name: values.get(name, getattr(current, name, "")) for name in services.NOTE_FIELDS},
        )

    @extend_schema(request=LkjNoteCreateSerializer, responses={201: LkjIndicatorNoteSerializer})
    def create(self, request: Request) -> Response:
        """Write the analysis of an indicator that has none yet (one that has answers 409: PATCH it)."""
        body = LkjNoteCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        draft = selectors.draft_get(user=request.user, pk=values["draft"])
        indicator = Indicator.objects.filter(pk=values["indicator"]).first()
        if indicator is None:
            return Response({"indicator": [_("Unknown indicator.")]}, status=status.HTTP_400_BAD_REQUEST)
        try:
            note = self._save(draft, indicator, values, None)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(LkjIndicatorNoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LkjNoteWriteSerializer, responses={200: LkjIndicatorNoteSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        note = selectors.note_get(user=request.user, pk=int(pk))
        body = LkjNoteWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            note = self._save(note.draft, note.indicator, body.validated_data, note)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(LkjIndicatorNoteSerializer(note).data)


def register(router: DefaultRouter) -> None:
    router.register("lkj-drafts", LkjDraftViewSet, basename="lkj-draft")
    router.register("lkj-sections", LkjSectionViewSet, basename="lkj-section")
    router.register("lkj-indicator-notes", LkjIndicatorNoteViewSet, basename="lkj-indicator-note")
