"""Writes of notifications: send once per event and person, and mark as read.

A notification row and its e-mail belong to the transaction that caused them: the row is rolled
back with it, and the e-mail is queued only once it commits (`core.notify`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core.notify import email_after_commit

from .models import Notification

LEVELS = ("info", "success", "warning", "danger")


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + (url or reverse("notifications:list"))


@transaction.atomic
def notification_send(
    *,
    users: Iterable[Any],
    event_key: str,
    title: str,
    body: str,
    url: str = "",
    level: str = "info",
    email: bool = True,
) -> list[Notification]:
    """One notification per active user who has not had this event yet; returns the new ones.

    Each insert runs in its own savepoint, so a row another process inserted first (the unique
    constraint on user and event) is skipped instead of failing the whole send. On PostgreSQL the
    second insert waits for the first transaction and then fails, so nobody is mailed twice.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    recipients = {user.pk: user for user in users if user.is_active}
    already = set(
        Notification.objects.filter(user_id__in=recipients, event_key=event_key).values_list(
            "user_id", flat=True
        )
    )
    created = []
    for pk, user in sorted(recipients.items()):
        if pk in already:
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user, event_key=event_key, title=title[:255], body=body, url=url, level=level
                )
        except IntegrityError:
            continue
        created.append(notification)
        if email and user.email:
            email_after_commit(
                subject=f"[Kinerja] {title}", body=f"{body}\n\n{_absolute(url)}\n", to=[user.email]
            )
    return created


@transaction.atomic
def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read; reading it again keeps the first time."""
    if notification.user_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many were unread."""
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())
