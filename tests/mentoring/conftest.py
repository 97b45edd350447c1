import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


@pytest.fixture
def certificate(db):
    from kinerja.signatures.services import certificate_demo_create

    return certificate_demo_create()
