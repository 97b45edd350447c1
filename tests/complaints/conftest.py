import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""
