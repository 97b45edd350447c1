import pytest
from django.urls import reverse

from kinerja.workflows import services
from kinerja.workflows.models import Portfolio, ServiceRequest

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)


def test_a_planner_invites_units_from_the_form(client, actors, org, plain_hooks, english):
    login(client, actors["planner"])
    response = client.post(
        reverse("workflows:invite"),
        {
            "kind": "verifikasi",
            "year": 2026,
            "quarter": "",
            "units": [org["PSDKP-TARAKAN"].pk],
            "title": "Verifikasi TW1",
        },
    )
    assert response.status_code == 200
    assert "A verification covers one quarter" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    response = client.post(
        reverse("workflows:invite"),
        {
            "kind": "verifikasi",
            "year": 2026,
            "quarter": "TW1",
            "units": [org["PSDKP-TARAKAN"].pk, org["PSDKP-BITUNG"].pk],
            "title": "Verifikasi TW1",
        },
    )
    assert response.status_code == 302
    assert ServiceRequest.objects.filter(kind="verifikasi", quarter="TW1").count() == 2


def test_the_register_shows_clocks_and_the_unit_sees_only_its_own(client, actors, org, plain_hooks, english):
    services.invitation_send(
        actor=actors["planner"],
        kind="validasi",
        year=2026,
        units=[org["PSDKP-TARAKAN"], org["PSDKP-BITUNG"]],
        title="Validasi",
    )
    login(client, actors["operator_a"])
    page = client.get(reverse("workflows:index")).content.decode()
    assert "VAL-2026-0001" in page
    assert "VAL-2026-0002" not in page
    bitung = ServiceRequest.objects.get(unit__code="PSDKP-BITUNG")
    assert client.get(reverse("workflows:detail", args=[bitung.number])).status_code == 404
    tarakan = ServiceRequest.objects.get(unit__code="PSDKP-TARAKAN")
    detail = client.get(reverse("workflows:detail", args=[tarakan.number])).content.decode()
    assert "0.00 <span" in detail
    assert "24.00" in detail
    assert "Declare the request complete" in detail


def test_the_unit_declares_its_request_complete_and_the_clock_runs(client, actors, org, plain_hooks, english):
    request = services.request_open(
        actor=actors["operator_a"], kind="pendampingan", unit=org["PSDKP-TARAKAN"], year=2025
    )
    services.requirement_tick(actor=actors["planner"], request=request, key="letter", met=True)
    login(client, actors["operator_a"])
    response = client.post(
        reverse("workflows:submit", args=[request.number]), {"row_version": 1}, follow=True
    )
    assert "the service clock runs" in response.content.decode()
    assert ServiceRequest.objects.get(pk=request.pk).status == "in_service"
    clock = client.get(reverse("workflows:clock", args=[request.number])).content.decode()
    assert "running" in clock
    assert 'hx-trigger="every 60s"' in clock


def test_a_return_without_reason_is_refused_with_a_message(client, actors, org, plain_hooks, english):
    request = services.request_open(
        actor=actors["operator_a"], kind="pendampingan", unit=org["PSDKP-TARAKAN"], year=2025
    )
    services.requirement_tick(actor=actors["planner"], request=request, key="letter", met=True)
    request = services.request_submit(actor=actors["planner"], request=request, expected_version=1)
    login(client, actors["planner"])
    response = client.post(
        reverse("workflows:return", args=[request.number]), {"row_version": 2, "reason": ""}, follow=True
    )
    assert "Say why the request goes back to the unit." in response.content.decode()
    assert ServiceRequest.objects.get(pk=request.pk).status == "in_service"


def test_the_administrator_sets_a_portfolio(client, actors, org, english):
    login(client, actors["admin"])
    response = client.post(
        reverse("workflows:portfolio"),
        {
            "planner": actors["planner"].pk,
            "units": [org["PSDKP-TARAKAN"].pk],
            "lead": [org["PSDKP-BITUNG"].pk],
        },
    )
    assert "A lead unit must be one of the planner" in response.content.decode()
    client.post(
        reverse("workflows:portfolio"),
        {
            "planner": actors["planner"].pk,
            "units": [org["PSDKP-TARAKAN"].pk],
            "lead": [org["PSDKP-TARAKAN"].pk],
        },
    )
    assert Portfolio.objects.get().is_lead


def test_the_api_lists_requests_with_their_clock_and_runs_transitions(client, actors, org, plain_hooks):
    services.invitation_send(
        actor=actors["planner"], kind="validasi", year=2026, units=[org["PSDKP-TARAKAN"]], title="Validasi"
    )
    login(client, actors["planner"])
    listing = client.get(reverse("api:service-request-list")).json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert rows[0]["number"] == "VAL-2026-0001"
    assert rows[0]["clock"]["limit_hours"] == 24.0
    url = reverse("api:service-request-submit", args=["VAL-2026-0001"])
    refused = client.post(url, {"row_version": 1}, content_type="application/json")
    assert refused.status_code == 400
    client.post(
        reverse("api:service-request-tick", args=["VAL-2026-0001"]),
        {"key": "letter", "met": True},
        content_type="application/json",
    )
    done = client.post(url, {"row_version": 1}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["status"] == "in_service"
    stale = client.post(
        reverse("api:service-request-return", args=["VAL-2026-0001"]),
        {"row_version": 1, "reason": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    returned = client.post(
        reverse("api:service-request-return", args=["VAL-2026-0001"]),
        {"row_version": 2, "reason": ""},
        content_type="application/json",
    )
    assert returned.status_code == 400
    assert "reason" in returned.json()
