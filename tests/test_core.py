from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

from kinerja.accounts.models import RoleAssignment, User
from kinerja.accounts.services import user_create
from kinerja.organization.models import OrgUnit
from kinerja.organization.services import unit_update_profile


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing_and_every_account_sees_its_home(capsys, client, settings):
    """One seed serves both checks: seeding the demo is the slowest thing the suite does.

    The counts are taken after the logins, which record each account's last login in its history.
    """
    call_command("seed_demo")
    first = capsys.readouterr().out
    assert "8 demo accounts created" in first
    assert "operator.tarakan" in first
    assert "PSDKP-TARAKAN" in first
    for username in [
        "admin",
        "perencana",
        "inspektur",
        "operator.tarakan",
        "kepala.tarakan",
        "operator.bitung",
        "kepala.psdkp",
        "pimpinan",
    ]:
        login = client.post(
            reverse("accounts:login"), {"username": username, "password": settings.KINERJA_DEMO_PASSWORD}
        )
        assert login.status_code == 302, username
        page = client.get(reverse("home"))
        assert page.status_code == 200
        assert User.objects.get(username=username).full_name in page.content.decode()
        client.logout()
    counts = (
        OrgUnit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        OrgUnit.history.count(),
        User.history.count(),
    )
    call_command("seed_demo")
    again = capsys.readouterr().out
    assert counts == (
        OrgUnit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        OrgUnit.history.count(),
        User.history.count(),
    )
    assert "0 demo accounts created" in again


@pytest.mark.django_db
def test_home_lists_what_waits_for_the_user(client, actors):
    client.force_login(actors["operator_a"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("organization:unit_edit", args=["PSDKP-TARAKAN"]) in page
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    unit_update_profile(unit=unit, expected_version=unit.row_version, phone="0551-1")
    page = client.get(reverse("home")).content.decode()
    assert reverse("organization:unit_edit", args=["PSDKP-TARAKAN"]) not in page
    assert 'id="nothing-waiting"' in page


@pytest.mark.django_db
def test_administrator_is_told_about_accounts_without_role(client, actors):
    user_create(username="newcomer", password="Correct-Horse-42")
    client.force_login(actors["admin"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:accounts_user_changelist") in page


@pytest.mark.django_db
def test_interface_is_indonesian_by_default_and_english_on_request(client, actors):
    client.force_login(actors["planner"])
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Menunggu Anda" in page  # the browser's preference does not override the default
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Waiting for you" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_logs_are_json_lines(client, caplog):
    with caplog.at_level("INFO", logger="kinerja.request"):
        client.get("/healthz")
    record = next(r for r in caplog.records if r.name == "kinerja.request")
    assert record.path == "/healthz"
    assert record.status == 200
    from pythonjsonlogger.json import JsonFormatter

    line = JsonFormatter("%(levelname)s %(message)s").format(record)
    assert '"path": "/healthz"' in line


def test_production_settings_pass_the_deploy_check():
    """`kinerja check --deploy` is clean with nothing but SECRET_KEY and ALLOWED_HOSTS set."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "SECURE_", "DJANGO_"))}
    env.update(
        SECRET_KEY="kinerja-production-like-key-" + "0123456789abcdefghij" * 3,
        ALLOWED_HOSTS="kinerja.example.go.id",
    )
    result = subprocess.run(
        [sys.executable, "-m", "kinerja.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
