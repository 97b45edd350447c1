"""The ministry heatmap: who sees which units, the Eselon I filter, ordering, basis and drill-down."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.organization.services import unit_create
from kinerja.performance import dashboards
from kinerja.performance.models import UnitScore

from .conftest import YEAR


def scores(unit, values, basis="verified"):
    for quarter, nko in zip(("TW1", "TW2", "TW3", "TW4"), values, strict=False):
        UnitScore.objects.create(unit=unit, year=YEAR, quarter=quarter, basis=basis, nko=nko, sasaran_count=1)


@pytest.fixture
def heat(dataset, org):
    scores(org["PSDKP-BITUNG"], [Decimal(70), Decimal(85)])
    scores(org["ROREN"], [Decimal(101)])
    scores(org["ROREN"], [Decimal(50)], basis="working")
    return org


def codes(dash):
    return [row.code for row in dash.rows]


def test_rows_follow_the_access_rules(heat, actors):
    def seen(who, **kw):
        return codes(dashboards.ministry_dashboard(user=actors[who], year=YEAR, **kw))

    everything = ["ROREN", "PSDKP-BITUNG", "PSDKP-TARAKAN"]
    assert sorted(seen("planner")) == sorted(everything)
    assert sorted(seen("leadership")) == sorted(everything)
    assert seen("operator_a") == ["PSDKP-TARAKAN"]
    assert seen("unit_head") == ["PSDKP-TARAKAN"]
    assert seen("operator_b") == ["PSDKP-BITUNG"]
    assert sorted(seen("planner", eselon1="DJPSDKP")) == ["PSDKP-BITUNG", "PSDKP-TARAKAN"]


def test_verified_by_default_working_only_for_planners(heat, actors):
    planner = dashboards.ministry_dashboard(user=actors["planner"], year=YEAR)
    assert planner.basis == "verified"
    assert planner.may_switch
    roren = next(r for r in planner.rows if r.code == "ROREN")
    assert roren.scores[0][1:] == (Decimal(101), "green")
    working = dashboards.ministry_dashboard(user=actors["planner"], year=YEAR, basis="working")
    assert working.basis == "working"
    assert next(r for r in working.rows if r.code == "ROREN").scores[0][1:] == (Decimal(50), "red")
    leadership = dashboards.ministry_dashboard(user=actors["leadership"], year=YEAR, basis="working")
    assert leadership.basis == "verified"
    assert not leadership.may_switch


def test_summary_and_ordering(heat, actors):
    dash = dashboards.ministry_dashboard(
        user=actors["planner"], year=YEAR, sort="weakest", sort_quarter="TW1"
    )
    tw1 = {row.code: row.scores[0][1] for row in dash.rows}
    assert codes(dash) == sorted(tw1, key=lambda c: tw1[c])
    summary = dash.summary[0]
    assert summary.units == 3
    assert summary.green + summary.yellow + summary.red == 3
    expected_mean = (sum(tw1.values()) / 3).quantize(Decimal("0.01"))
    assert summary.mean == expected_mean
    assert dash.summary[2].units == 0
    assert dash.summary[2].mean is None


def test_page_drill_down_and_htmx_fragment(heat, actors, login):
    client = login(actors["planner"])
    url = reverse("performance:dashboard_ministry", args=[YEAR])
    html = client.get(url).content.decode()
    drill = reverse("performance:dashboard_unit_drill", args=["PSDKP-TARAKAN", YEAR])
    assert drill in html
    assert "heat-green" in html
    fragment = client.get(url, {"eselon1": "DJPSDKP"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "ROREN" not in fragment
    assert "PSDKP-BITUNG" in fragment
    detail = client.get(drill, HTTP_HX_REQUEST="true").content.decode()
    assert "IK-02" in detail
    assert "SK-X" in detail
    assert reverse("performance:dashboard_unit", args=["PSDKP-TARAKAN", YEAR]) in detail


def more_units(parent, start, count):
    for i in range(start, start + count):
        unit = unit_create(code=f"UPT-{i}", name=f"UPT {i}", short_name=f"UPT {i}", kind="upt", parent=parent)
        scores(unit, [Decimal(60 + i), Decimal(90)])


def test_ministry_queries_do_not_grow_with_the_units(heat, actors, login, django_assert_max_num_queries):
    client = login(actors["planner"])
    url = reverse("performance:dashboard_ministry", args=[YEAR])
    more_units(heat["DJPSDKP"], 0, 5)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url, {"sort": "weakest"}).status_code == 200
    more_units(heat["DJPSDKP"], 5, 10)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url, {"sort": "weakest"})
    assert len(response.context["dash"].rows) == 18


def test_pages_hold_a_hundred_units(heat, actors):
    more_units(heat["DJPSDKP"], 0, 105)
    dash = dashboards.ministry_dashboard(user=actors["planner"], year=YEAR, page=2)
    assert dash.page.paginator.count == 108
    assert len(dash.rows) == 8
    assert dash.summary[0].units == 108  # the summary covers every unit, not only the page
