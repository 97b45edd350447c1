"""The page, the refresh button and the API: the same assessment, behind the VIEW rule."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.performance.models import Realisation

from .conftest import YEAR

pytestmark = pytest.mark.usefixtures("english")

PAGE = reverse("assessment:unit", kwargs={"code": "PSDKP-TARAKAN", "year": YEAR})


def test_the_page_shows_the_score_its_parts_and_every_item(unit_data, login, actors):
    page = login(actors["planner"]).get(PAGE).content.decode()
    assert "data-value>93.33<" in page
    assert "data-documents-part>30.00<" in page
    assert "data-npss-part>33.33<" in page
    assert page.count('data-passed="1"') == 14
    assert "Revision 0 was signed on" in page
    assert "Fill IK-16" not in page  # planners read; the unit's staff fill


def test_a_failed_item_shows_its_reason_and_link(unit_data, login, actors):
    Realisation.objects.filter(year=YEAR, period="TW3").delete()
    page = login(actors["operator_a"]).get(PAGE).content.decode()
    assert 'data-item="kesesuaian_c" data-passed="0"' in page
    assert "1 entries of the PK indicators are not recorded: IK-13 TW3." in page
    assert reverse("performance:quarter", args=["PSDKP-TARAKAN", YEAR, "TW3"]) in page


def test_another_units_operator_gets_404(unit_data, login, actors):
    assert login(actors["operator_b"]).get(PAGE).status_code == 404


def test_the_index_lists_units_with_a_pk(unit_data, login, actors):
    page = login(actors["operator_a"]).get(reverse("assessment:index"), {"year": YEAR}).content.decode()
    assert PAGE in page
    page = login(actors["operator_b"]).get(reverse("assessment:index"), {"year": YEAR}).content.decode()
    assert PAGE not in page


def test_the_units_staff_fill_ik16_from_the_page(unit_data, login, actors):
    client = login(actors["operator_a"])
    assert "Fill IK-16" in client.get(PAGE).content.decode()
    response = client.post(reverse("assessment:refresh", args=["PSDKP-TARAKAN", YEAR]), follow=True)
    assert "IK-16 2026: filled from the self-assessment." in response.content.decode()
    assert Realisation.objects.get(indicator=unit_data["ik16"], period="TW3").value == Decimal("93.33")
    assert (
        login(actors["planner"]).post(reverse("assessment:refresh", args=["PSDKP-TARAKAN", YEAR])).status_code
        == 403
    )


def test_the_api_returns_the_same_assessment(unit_data, login, actors):
    url = reverse("api:assessment-detail", args=["PSDKP-TARAKAN"])
    data = login(actors["leadership"]).get(url, {"year": YEAR}).json()
    assert (data["value"], data["documents_present"], data["comparisons_matched"]) == ("93.33", 6, 8)
    assert [s["quarter"] for s in data["npss"]] == ["TW1", "TW2"]
    assert {i["key"] for i in data["documents"]} == {
        "pk",
        "manual_iku",
        "rincian_target",
        "rencana_aksi",
        "lkj",
        "data_dukung_lkj",
    }
    assert all(i["reason"] for i in data["comparisons"])
    assert login(actors["operator_b"]).get(url, {"year": YEAR}).status_code == 404
    assert login(actors["leadership"]).get(url, {"year": "x"}).status_code == 400
