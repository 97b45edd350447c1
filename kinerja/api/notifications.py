"""The user's own notifications, read-only; `register()` adds them to the API router."""

from typing import Any

from rest_framework import serializers, viewsets
from rest_framework.routers import DefaultRouter

from kinerja.notifications import selectors
from kinerja.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "event_key", "title", "body", "url", "level", "created_at", "read_at"]


class NotificationViewSet(viewsets.ReadOnlyModelViewSet[Notification]):
    """Unread first; another person's notification answers 404."""

    serializer_class = NotificationSerializer

    def get_queryset(self) -> Any:
        return selectors.notification_list(user=self.request.user)


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
    router.register("notifications", NotificationViewSet, basename="notification")
