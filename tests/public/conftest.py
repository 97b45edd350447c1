import pytest

from kinerja.calendar.services import service_hours_ensure
from kinerja.public.services import profile_ensure
from kinerja.workflows.services import standards_ensure


@pytest.fixture(autouse=True)
def standard(db):
    """The standard's rows as the migrations seed them (a flushed test database lacks them)."""
    standards_ensure()
    service_hours_ensure()
    return profile_ensure()


@pytest.fixture
def english_client(client):
    """A visitor who chose English (the language cookie the switch sets)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
