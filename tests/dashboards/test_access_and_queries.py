"""Who opens which dashboard, where the menu lands, the query count, and a what-if fed back."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.performance import dashboards
from kinerja.performance.models import Realisation, Result
from kinerja.performance.results import results_recompute
from kinerja.planning.models import AgreementIndicator

from .conftest import YEAR, enter

UNIT_PAGES = [
    ("performance:dashboard_unit", lambda d: ["PSDKP-TARAKAN", YEAR]),
    ("performance:dashboard_unit_drill", lambda d: ["PSDKP-TARAKAN", YEAR]),
    ("performance:dashboard_trace", lambda d: ["PSDKP-TARAKAN", YEAR, d["ik02"].pk, "TW1"]),
    ("performance:dashboard_whatif", lambda d: ["PSDKP-TARAKAN", YEAR, d["ik02"].pk]),
]
EXPECTED = {
    "operator_a": 200,
    "unit_head": 200,
    "planner": 200,
    "inspector": 200,
    "leadership": 200,
    "admin": 200,
    "operator_b": 404,  # another unit's dashboard is not revealed
}


@pytest.mark.parametrize(("name", "args"), UNIT_PAGES)
def test_unit_pages_follow_the_access_rules(dataset, actors, client, name, args):
    url = reverse(name, args=args(dataset))
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for who, expected in EXPECTED.items():
        client.force_login(actors[who])
        assert client.get(url).status_code == expected, who


def test_the_menu_entry_lands_on_ones_own_unit_or_the_ministry(dataset, actors, client):
    url = reverse("performance:dashboard_home")
    client.force_login(actors["operator_a"])
    assert client.get(url)["Location"] == reverse("performance:dashboard_unit", args=["PSDKP-TARAKAN", YEAR])
    client.force_login(actors["leadership"])
    assert client.get(url)["Location"] == reverse("performance:dashboard_ministry", args=[YEAR])
    html = client.get(reverse("home")).content.decode()
    assert url in html


def test_an_unknown_unit_or_year_is_not_found(dataset, actors, client):
    client.force_login(actors["planner"])
    assert client.get(reverse("performance:dashboard_unit", args=["NOPE", YEAR])).status_code == 404
    assert client.get(reverse("performance:dashboard_ministry", args=[1800])).status_code == 404


def test_unit_dashboard_queries_do_not_grow_with_the_indicators(
    dataset, actors, catalog, login, django_assert_max_num_queries
):
    client = login(actors["operator_a"])
    url = reverse("performance:dashboard_unit", args=["PSDKP-TARAKAN", YEAR])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    row = AgreementIndicator.objects.filter(indicator=dataset["ik09"]).first()
    for code in ("IK-10", "IK-11", "IK-17", "IK-20", "IK-21"):
        AgreementIndicator.objects.create(
            agreement=row.agreement,
            sasaran_row=row.sasaran_row,
            indicator=catalog[("PSDKP-TARAKAN", code)],
            target=Decimal(80),
            period_targets={"TW1": "80"},
        )
    results_recompute(unit_ids=[dataset["unit"].pk], year=YEAR)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert len(response.context["dash"].indicators) == 8


def test_entering_the_whatif_answer_reaches_the_target(dataset, actors):
    """IK-13 (50 then 100, cumulative mean) with an annual target of 80: 85 in TW3 and TW4."""
    AgreementIndicator.objects.filter(indicator=dataset["ik13"]).update(
        target=Decimal(80), period_targets={"TW1": "80", "TW2": "80", "TW3": "80", "TW4": "80"}
    )
    panel = dashboards.whatif(
        user=actors["operator_a"],
        unit_code="PSDKP-TARAKAN",
        year=YEAR,
        indicator_id=dataset["ik13"].pk,
        basis="working",
        mode="each",
    )
    assert (panel.answer.low, panel.periods_asked) == (Decimal("85.00"), ["TW3", "TW4"])
    for period in panel.periods_asked:
        enter(dataset["unit"], dataset["ik13"], period, {"dokumen_dipenuhi": 8500, "dokumen_wajib": 10000})
    results_recompute(unit_ids=[dataset["unit"].pk], year=YEAR)
    tw4 = Result.objects.get(indicator=dataset["ik13"], period="TW4", basis="working")
    assert (tw4.reported, tw4.achievement, tw4.status) == (Decimal(80), Decimal(100), "green")
    # One cent less in each quarter falls short.
    Realisation.objects.filter(indicator=dataset["ik13"], period__in=["TW3", "TW4"]).update(
        inputs={"dokumen_dipenuhi": 8499, "dokumen_wajib": 10000}
    )
    results_recompute(unit_ids=[dataset["unit"].pk], year=YEAR)
    assert Result.objects.get(indicator=dataset["ik13"], period="TW4", basis="working").status == "yellow"
