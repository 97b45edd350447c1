"""Reads of notifications. A notification belongs to a person, not a unit: each sees only their own."""

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Notification


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first within each."""
    return (
        Notification.objects.filter(user_id=user.pk)
        .alias(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-pk")
    )


def notification_get(*, user: Any, pk: int) -> Notification:
    """Another person's notification answers 404, like any record the user may not see."""
    return get_object_or_404(Notification, pk=pk, user_id=user.pk)


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()
