import pytest

from kinerja.mentoring import services as mentoring
from tests.mentoring.helpers import open_request

from .helpers import MENTORING_DRAFT, YEAR, build_world, pdf


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


@pytest.fixture
def world(actors, catalog):
    return build_world(actors)


@pytest.fixture
def mentoring_draft(actors, world):
    """A draft LKj brought to mentoring: internal, never on the portal."""
    request = open_request(actors, year=YEAR)
    mentoring.upload_add(
        actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf(MENTORING_DRAFT)
    )
