"""The inbox, the navbar bell, the home page's "waiting for you" and the read-only API."""

import copy

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIRequestFactory, force_authenticate

from kinerja.api.notifications import NotificationViewSet
from kinerja.notifications.models import Notification
from kinerja.notifications.services import notification_send


def _with_bell():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"].append(
        "kinerja.notifications.context_processors.unread_notifications"
    )
    return templates


@pytest.fixture
def inbox(actors):
    def send(key, title, users=("operator_a",), level="info"):
        return notification_send(
            users=[actors[u] for u in users], event_key=key, title=title, body="isi", level=level, email=False
        )

    old = send("old", "Pemberitahuan lama")[0]
    send("new", "Pemberitahuan baru", users=("operator_a", "operator_b"), level="warning")
    Notification.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2020))
    read = send("read", "Sudah dibaca")[0]
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    return {n.event_key: n for n in Notification.objects.filter(user=actors["operator_a"])}


def titles(response):
    return [n.title for n in response.context["notifications"]]


def test_the_inbox_lists_ones_own_notifications_unread_first(login, actors, inbox):
    response = login(actors["operator_a"]).get(reverse("notifications:list"))
    assert response.status_code == 200
    assert titles(response) == ["Pemberitahuan baru", "Pemberitahuan lama", "Sudah dibaca"]
    assert response.content.count(b'data-state="unread"') == 2
    other = login(actors["operator_b"]).get(reverse("notifications:list"))
    assert titles(other) == ["Pemberitahuan baru"]


def test_marking_read_and_all_read(login, actors, inbox):
    client = login(actors["operator_a"])
    url = reverse("notifications:read", kwargs={"pk": inbox["old"].pk})
    assert client.post(url).status_code == 302
    first = Notification.objects.get(pk=inbox["old"].pk).read_at
    assert first is not None
    client.post(url)  # again: the first reading time stays
    assert Notification.objects.get(pk=inbox["old"].pk).read_at == first

    assert login(actors["operator_b"]).post(url).status_code == 404
    response = login(actors["operator_b"]).post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).values_list(
        "user__username", flat=True
    ).get() == ("operator_a")


@override_settings(TEMPLATES=_with_bell())
def test_htmx_swaps_the_row_and_updates_the_bell(login, actors, inbox):
    client = login(actors["operator_a"])
    response = client.post(
        reverse("notifications:read", kwargs={"pk": inbox["new"].pk}), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="notification-{inbox["new"].pk}"' in html
    assert 'data-state="read"' in html
    assert 'id="notification-bell" hx-swap-oob="true"' in html
    assert 'data-unread="1"' in html

    response = client.post(reverse("notifications:read_all"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="notification-items"' in html
    assert 'data-state="unread"' not in html
    assert 'id="notification-bell" hx-swap-oob="true"' in html
    assert "data-unread" not in html


@override_settings(TEMPLATES=_with_bell())
def test_the_bell_counts_unread_notifications(actors, inbox):
    request = RequestFactory().get("/")
    request.user = actors["operator_a"]
    assert 'data-unread="2"' in render_to_string("notifications/_bell.html", request=request)
    request.user = actors["unit_head"]
    html = render_to_string("notifications/_bell.html", request=request)
    assert "data-unread" not in html
    assert reverse("notifications:list") in html


def test_home_shows_unread_notifications_as_waiting(login, actors, inbox):
    waiting = login(actors["operator_a"]).get(reverse("home")).context["waiting"]
    item = next(i for i in waiting if i.url == reverse("notifications:list"))
    assert item.count == 2
    assert "Pemberitahuan baru" in item.detail
    waiting = login(actors["unit_head"]).get(reverse("home")).context["waiting"]
    assert all(i.url != reverse("notifications:list") for i in waiting)


def test_the_api_lists_only_ones_own(actors, inbox):
    factory = APIRequestFactory()
    request = factory.get("/api/notifications/")
    force_authenticate(request, user=actors["operator_b"])
    response = NotificationViewSet.as_view({"get": "list"})(request)
    assert [row["title"] for row in response.data["results"]] == ["Pemberitahuan baru"]
    request = factory.get("/api/notifications/")
    force_authenticate(request, user=actors["operator_b"])
    response = NotificationViewSet.as_view({"get": "retrieve"})(request, pk=inbox["old"].pk)
    assert response.status_code == 404
