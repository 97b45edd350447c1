"""The inbox: a person's notifications, unread first, marked read one by one or all at once."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notification_list(user=request.user)[:200]
    return render(request, "notifications/list.html", {"notifications": notifications})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get(user=request.user, pk=pk)
    notification = services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/list.html#row", {"notification": notification, "row_oob": True})
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    if request.htmx:
        notifications = selectors.notification_list(user=request.user)[:200]
        return render(
            request, "notifications/list.html#items", {"notifications": notifications, "items_oob": True}
        )
    return redirect("notifications:list")
