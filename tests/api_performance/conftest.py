"""2026 open for ever (windows 2000–2099) and a PK of PSDKP-TARAKAN with IK-09 (targets 100)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.matrix.api_performance import agreement_with_ik09, open_year


@pytest.fixture
def pk(actors, catalog):
    open_year()
    return agreement_with_ik09()


@pytest.fixture
def token_client(actors):
    """An API client authenticated by token, as scripts use the API."""

    def _client(name):
        client = APIClient()
        if name:
            client.credentials(
                HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=actors[name])[0].key}"
            )
        return client

    return _client


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""
