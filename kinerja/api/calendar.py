"""API of the service calendar: a year's closed days and hours, collective-leave days, and the
service-hours measure of `kinerja sla` (same input, same output, same function).

Everyone logged in reads the calendar; only administrators change it (403 otherwise). A refused value
is 400 naming the field.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from kinerja.calendar import selectors, services
from kinerja.calendar.models import CollectiveLeave
from kinerja.calendar.sla import sla_from_text
from kinerja.workflows.models import Compensation, ServiceKind

from .views import validation_response

INSTANT_HELP = "ISO 8601, e.g. 2025-03-06T15:00 (WIB when there is no offset) or 2025-03-06T08:00Z."


class CollectiveLeaveSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CollectiveLeave
        fields = ["id", "date", "name", "created_by"]
        read_only_fields = ["id", "created_by"]
        # The service answers a repeated date with a message that names it; no second check here.
        validators: list[Any] = []
        extra_kwargs = {"date": {"validators": []}}


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=selectors.FIRST_YEAR, max_value=selectors.LAST_YEAR)


class ServiceHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="Monday = 0 … Sunday = 6.")
    day = serializers.CharField()
    opens = serializers.TimeField(allow_null=True, format="%H:%M", help_text="null: no service that day.")
    closes = serializers.TimeField(allow_null=True, format="%H:%M")


class ClosedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["national_holiday", "collective_leave"])
    collective_leave = serializers.IntegerField(
        allow_null=True,
        help_text="The id of the collective-leave row (to delete it); null for a national holiday.",
    )


class CalendarSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    service_hours = ServiceHoursSerializer(many=True)
    closed_days = ClosedDaySerializer(many=True, help_text="Days without service besides weekends.")


class SlaRequestSerializer(serializers.Serializer):
    service = serializers.ChoiceField(choices=ServiceKind.choices)
    start = serializers.CharField(help_text="Complete request received. " + INSTANT_HELP)
    end = serializers.CharField(help_text="Product delivered. " + INSTANT_HELP)
    pauses = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Times the request was back with the unit, each START/END, "
        "e.g. 2025-03-07T08:00/2025-03-07T10:00.",
    )


class SlaResultSerializer(serializers.Serializer):
    service = serializers.CharField()
    service_hours = serializers.FloatField(help_text="Rounded half-up to 2 decimals.")
    limit_hours = serializers.FloatField()
    compensation = serializers.ChoiceField(choices=Compensation.choices)


class CalendarViewSet(viewsets.ViewSet):
    """The service calendar of one year."""

    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    @extend_schema(
        parameters=[OpenApiParameter("year", int, OpenApiParameter.PATH)], responses=CalendarSerializer
    )
    def retrieve(self, request: Request, year: str) -> Response:
        """The weekly service hours and every closed day of the year (national holidays and cuti bersama)."""
        checked = YearSerializer(data={"year": year})
        checked.is_valid(raise_exception=True)
        year_number = checked.validated_data["year"]
        data = {
            "year": year_number,
            "service_hours": [
                {
                    "weekday": day.value,
                    "day": str(day.label),
                    "opens": row.opens if row else None,
                    "closes": row.closes if row else None,
                }
                for day, row in selectors.weekly_hours()
            ],
            "closed_days": [
                {
                    "date": day.date,
                    "name": day.name,
                    "kind": day.kind,
                    "collective_leave": day.leave.pk if day.leave else None,
                }
                for day in selectors.closed_days(year=year_number)
            ],
        }
        return Response(CalendarSerializer(data).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("year", int, required=False, description="Year, e.g. 2026.")]
    )
)
class CollectiveLeaveViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[CollectiveLeave],
):
    """Collective-leave days (cuti bersama): read by everyone, entered and deleted by administrators."""

    serializer_class = CollectiveLeaveSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> Any:
        rows = CollectiveLeave.objects.select_related("created_by")
        year = self.request.query_params.get("year", "")
        if year:
            if not year.isdigit():
                raise exceptions.ValidationError({"year": [_("A year is a number, e.g. 2026.")]})
            rows = rows.filter(date__year=int(year))
        return rows

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not services.may_manage_calendar(request.user):
            raise exceptions.PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            leave = services.collective_leave_add(actor=request.user, **serializer.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(self.get_serializer(leave).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        leave = self.get_object()
        services.collective_leave_delete(actor=request.user, leave=leave)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=YearSerializer, responses={201: CollectiveLeaveSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="import", url_name="import")
    def import_suggested(self, request: Request) -> Response:
        """Enter the holiday library's suggested cuti bersama days of the year; days already entered stay."""
        if not services.may_manage_calendar(request.user):
            raise exceptions.PermissionDenied
        checked = YearSerializer(data=request.data)
        checked.is_valid(raise_exception=True)
        added = services.collective_leave_import(actor=request.user, year=checked.validated_data["year"])
        return Response(self.get_serializer(added, many=True).data, status=status.HTTP_201_CREATED)


class SlaViewSet(viewsets.ViewSet):
    """Service hours between two instants, as `kinerja sla` prints them."""

    @extend_schema(
        request=SlaRequestSerializer,
        responses={200: SlaResultSerializer, 400: OpenApiTypes.OBJECT},
    )
    def create(self, request: Request) -> Response:
        body = SlaRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            measure = sla_from_text(**body.validated_data)
        except ValidationError as exc:
            return validation_response(exc)
        return Response(measure.to_json())


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("calendar", CalendarViewSet, basename="calendar")
    router.register("collective-leave", CollectiveLeaveViewSet, basename="collective-leave")
    router.register("sla", SlaViewSet, basename="sla")
