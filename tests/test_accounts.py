import re

import pytest
from django.core import mail
from django.urls import reverse

from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.accounts.services import role_assign
from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_login_and_logout(client, actors):
    response = client.post(reverse("accounts:login"), {"username": "operator_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "Operator A" in client.get(reverse("home")).content.decode()
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    assert settings.PASSWORD_HASHERS  # tests use a fast hasher; production's first choice is argon2
    from kinerja import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_repeated_failures_lock_the_login(client, actors):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "operator_a", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    locked = client.post(url, {"username": "operator_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_mail_is_sent_after_commit_and_works(
    client, actors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "operator_a@example.invalid"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Another-Secret-91", "new_password2": "Another-Secret-91"},
    )
    assert done.status_code == 302
    assert User.objects.get(username="operator_a").check_password("Another-Secret-91")


@pytest.mark.django_db
def test_unknown_address_sends_nothing_and_reveals_nothing(
    client, actors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_change_validates(client, actors):
    client.force_login(actors["planner"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


@pytest.mark.django_db
def test_role_assign_is_idempotent_and_history_is_kept(actors, org):
    user = actors["operator_a"]
    first = role_assign(user=user, role=Role.OPERATOR, unit=org["PSDKP-TARAKAN"])
    again = role_assign(user=user, role=Role.OPERATOR, unit=org["PSDKP-TARAKAN"])
    assert first.pk == again.pk
    assert RoleAssignment.objects.filter(user=user).count() == 1
    assert first.history.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("operator_a", "Unit operator"),
        ("planner", "Planner"),
        ("admin", "Administrator"),
        ("inspector", "Inspector"),
        ("unit_head", "Unit head"),
        ("leadership", "Leadership"),
    ],
)
def test_home_shows_the_role(client, actors, actor, expected, settings):
    client.force_login(actors[actor])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert expected in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_api_token_can_be_made_and_used(client, actors):
    client.force_login(actors["operator_a"])
    client.post(reverse("accounts:token_regenerate"))
    key = actors["operator_a"].auth_token.key
    client.logout()
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["roles"][0]["unit"] == "PSDKP-TARAKAN"


@pytest.mark.django_db
def test_token_endpoint_trades_password_for_token(client, actors):
    response = client.post(reverse("api:token"), {"username": "planner", "password": PASSWORD})
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40
    refused = client.post(reverse("api:token"), {"username": "planner", "password": "nope"})
    assert refused.status_code in {400, 403, 429}
