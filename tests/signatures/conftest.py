import pytest

from kinerja.signatures import services
from tests.conftest import PASSWORD

from .helpers import make_document


@pytest.fixture(autouse=True)
def _english(english):
    """The tests read messages in English; the product speaks Indonesian by default."""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder per test, so counting the stored files is not disturbed by other workers."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def certificate(db):
    return services.certificate_demo_create()


@pytest.fixture
def document(actors, certificate):
    """A worksheet of Tarakan made by its operator, to be signed by its head, then by leadership."""
    return make_document(actors)


@pytest.fixture
def sign():
    def _sign(actor, document, password=PASSWORD):
        document.refresh_from_db()
        return services.document_sign(
            actor=actor, document=document, password=password, expected_version=document.row_version
        )

    return _sign
