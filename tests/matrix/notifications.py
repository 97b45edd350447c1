"""Permission matrix of the inbox: everyone reads their own; another person's notification is a 404."""

from kinerja.accounts.models import User
from kinerja.notifications.models import Notification

from .common import ANON, LOGIN, api, everyone, method_not_allowed


def _own_notification(_ctx):
    return {"pk": Notification.objects.get(user__username="operator_a", event_key="matrix").pk}


def _only_operator_a(ok):
    return {
        actor: (LOGIN if actor == ANON else ok if actor == "operator_a" else 404) for actor in everyone(0)
    }


ROUTES = {
    "notifications:list": ({}, {"GET": everyone(200)}),
    "notifications:read_all": ({}, {"GET": everyone(405), "POST": everyone(302)}),
    "notifications:read": (
        _own_notification,
        {"GET": method_not_allowed(everyone(200)), "POST": _only_operator_a(302)},
    ),
    "api:notification-list": ({}, {"GET": api(everyone(200))}),
    "api:notification-detail": (_own_notification, {"GET": api(_only_operator_a(200))}),
}


def prepare(actors):
    Notification.objects.get_or_create(
        user=User.objects.get(username="operator_a"), event_key="matrix", defaults={"title": "Uji"}
    )
