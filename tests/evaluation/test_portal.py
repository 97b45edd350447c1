"""The transparency portal shows a unit's SAKIP evaluation only once its report is signed."""

import pytest
from django.urls import reverse

from kinerja.transparency import selectors
from tests.conftest import PASSWORD

from .workflow_world import issued, signed

pytestmark = pytest.mark.django_db


def _page(client, year=2025):
    return client.get(reverse("transparency:unit", kwargs={"code": "PSDKP-TARAKAN"}), {"year": year})


def test_a_report_awaiting_signatures_is_not_public(client, actors, make_evaluation, english):
    issued(make_evaluation(), actors)
    assert not selectors.signed_evaluations_qs().exists()
    assert selectors.evaluation_for(unit=actors["operator_a"].role_assignments.get().unit, year=2025) is None
    assert "data-grade=" not in _page(client).content.decode()


def test_the_signed_evaluation_is_on_the_unit_page(client, actors, make_evaluation, english):
    evaluation = signed(make_evaluation(), actors, PASSWORD)
    assert selectors.public_units().filter(code="PSDKP-TARAKAN").exists()
    page = _page(client)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-grade="AA"' in text
    assert "100.00" in text
    assert evaluation.letter_number in text
    assert reverse("signatures:public", kwargs={"public_id": evaluation.document.public_id}) in text
    assert 2025 in selectors.unit_years(unit=evaluation.unit)
