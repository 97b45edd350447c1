"""The unit dashboard's figures for the known data set, on both bases, and the panels it opens."""

from decimal import Decimal

from django.urls import reverse

from kinerja.catalog.models import EvidenceRequirement
from kinerja.performance import dashboards
from kinerja.performance.whatif import Outcome

from .conftest import TODAY, YEAR


def board(actors, who="operator_a", basis=None):
    return dashboards.unit_dashboard(
        user=actors[who], unit_code="PSDKP-TARAKAN", year=YEAR, basis=basis, today=TODAY
    )


def cells(dash, code):
    row = next(r for r in dash.indicators if r.code == code)
    return {c.quarter: c for c in row.cells}


def test_indicator_cells_show_the_stored_figures_and_what_is_missing(dataset, actors):
    dash = board(actors)
    assert dash.basis == "working"  # the unit's own staff see their entries by default
    assert [s.code for s in dash.sasaran] == [dataset["ik02"].sasaran.code, "SK-X"]
    assert [r.code for r in dash.indicators] == ["IK-02", "IK-13", "IK-09"]
    ik02 = cells(dash, "IK-02")
    tw1 = ik02["TW1"]
    assert (tw1.value, tw1.reported, tw1.target, tw1.achievement, tw1.status) == (
        Decimal("87.67"),
        Decimal("87.67"),
        Decimal(80),
        Decimal("109.58"),
        "green",
    )
    assert tw1.evidence == 1
    required = list(
        EvidenceRequirement.objects.filter(indicator=dataset["ik02"], required=True)
        .order_by("sort_order", "pk")
        .values_list("name", flat=True)
    )
    assert tw1.missing_evidence == required[1:]  # the first one is covered
    assert not tw1.missing_value
    # TW2 is open and empty: no value yet (the cumulative mean still reports TW1's); TW3 has not
    # opened, so nothing is missing there yet.
    assert ik02["TW2"].missing_value
    assert ik02["TW2"].value is None
    assert ik02["TW2"].reported == Decimal("87.67")
    assert ik02["TW2"].missing_evidence == required
    assert not ik02["TW3"].missing_value
    # Nobody has entered TW3: its target shows, not the carried-forward mean's achievement.
    assert (ik02["TW3"].target, ik02["TW3"].reported, ik02["TW3"].achievement) == (Decimal(85), None, None)
    assert ik02["TW3"].missing_evidence == []
    ik13 = cells(dash, "IK-13")
    assert (ik13["TW1"].achievement, ik13["TW1"].status) == (Decimal("62.50"), "red")
    assert (ik13["TW2"].reported, ik13["TW2"].achievement, ik13["TW2"].status) == (
        Decimal(75),
        Decimal("93.75"),
        "yellow",
    )
    ik09 = cells(dash, "IK-09")
    assert (ik09["TW1"].achievement, ik09["TW1"].status) == (Decimal(90), "yellow")
    assert ik09["TW4"].missing_target  # the PK gives IK-09 no TW4 target
    assert ik09["TW1"].evidence == 0


def test_quarters_show_nko_submission_and_deadline(dataset, actors):
    dash = board(actors)
    tw1, tw2, tw3, _tw4 = dash.quarters
    # NPSS of the first sasaran = mean(109.58, 62.50) = 86.04; the second = 90; NKO = 88.02.
    npss = {s.code: {q: v for q, v, _ in s.scores} for s in dash.sasaran}
    assert npss[dataset["ik02"].sasaran.code]["TW1"] == Decimal("86.04")
    assert npss["SK-X"]["TW1"] == Decimal(90)
    assert (tw1.nko, tw1.status, tw1.submission, tw1.verified) == (
        Decimal("88.02"),
        "yellow",
        "verified",
        True,
    )
    assert tw1.entry.state == "closed"
    assert tw1.days_left is None
    assert (tw2.entry.state, tw2.days_left, tw2.submission) == ("open", 66, "")  # 10 May → 15 July
    assert tw3.entry.state == "not_yet"


def test_verified_basis_reads_only_the_verified_snapshot(dataset, actors):
    verified = board(actors, basis="verified")
    assert verified.basis == "verified"
    assert cells(verified, "IK-09")["TW1"].value == Decimal(50)  # the snapshot's 5/10, not the draft's 9/10
    assert cells(verified, "IK-13")["TW1"].value is None  # IK-13 was not in the verified submission
    assert cells(board(actors), "IK-09")["TW1"].value == Decimal(90)


def test_leadership_and_inspectors_read_verified_only_even_when_asking_for_working(dataset, actors):
    for who in ("leadership", "inspector", "operator_a", "unit_head", "planner"):
        asked = board(actors, who, basis="working")
        expected = "verified" if who in ("leadership", "inspector") else "working"
        assert asked.basis == expected, who
    assert board(actors, "planner").basis == "verified"  # planners default to verified, may switch
    assert board(actors, "planner").may_switch
    assert not board(actors, "leadership").may_switch


def test_unit_page_renders_labels_and_links(dataset, actors, login):
    client = login(actors["operator_a"])
    response = client.get(reverse("performance:dashboard_unit", args=["PSDKP-TARAKAN", YEAR]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="dash-chart-data"' in html
    assert "<script>" not in html.replace('<script src="', "")
    trace = reverse("performance:dashboard_trace", args=["PSDKP-TARAKAN", YEAR, dataset["ik02"].pk, "TW1"])
    assert trace in html
    assert "dash-unverified" in html  # working basis: TW2–TW4 are labelled as not verified yet
    verified = client.get(
        reverse("performance:dashboard_unit", args=["PSDKP-TARAKAN", YEAR]) + "?basis=verified"
    )
    assert "dash-unverified" not in verified.content.decode()


def test_trace_names_the_numbers_and_the_formula_version(dataset, actors, login):
    trace = dashboards.result_trace(
        user=actors["operator_a"],
        unit_code="PSDKP-TARAKAN",
        year=YEAR,
        indicator_id=dataset["ik13"].pk,
        period="TW2",
        basis="working",
    )
    assert trace.result["reported"] == Decimal(75)
    assert trace.earlier == [("TW1", Decimal(50)), ("TW2", Decimal(100))]
    assert trace.version == dataset["ik13"].current_version.number
    assert not trace.frozen
    client = login(actors["operator_a"])
    url = reverse("performance:dashboard_trace", args=["PSDKP-TARAKAN", YEAR, dataset["ik13"].pk, "TW2"])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "93.75" in html or "93,75" in html
    assert client.get(url.replace("TW2", "TW9")).status_code == 404


def ask(actors, indicator, mode):
    return dashboards.whatif(
        user=actors["operator_a"],
        unit_code="PSDKP-TARAKAN",
        year=YEAR,
        indicator_id=indicator.pk,
        basis="working",
        mode=mode,
    )


def test_whatif_for_the_dashboards_indicators(dataset, actors, login):
    # IK-02: 87.67 at TW1 (cumulative mean), annual target 90.
    nxt = ask(actors, dataset["ik02"], "next")
    assert (nxt.remaining, nxt.answer.outcome, nxt.answer.low) == (
        ["TW2", "TW3", "TW4"],
        Outcome.NEEDED,
        Decimal("92.33"),  # (87.67 + x) / 2 = 90
    )
    each = ask(actors, dataset["ik02"], "each")
    assert (each.answer.low, each.periods_asked) == (Decimal("90.78"), ["TW2", "TW3", "TW4"])
    # IK-13: 50 and 100 so far, target 90, a percentage: TW3 would need 120, TW3 and TW4 105 each.
    for mode in ("next", "each"):
        assert ask(actors, dataset["ik13"], mode).answer.outcome is Outcome.UNREACHABLE
    client = login(actors["operator_a"])
    url = reverse("performance:dashboard_whatif", args=["PSDKP-TARAKAN", YEAR, dataset["ik09"].pk])
    html = client.get(url, {"basis": "working"}, HTTP_HX_REQUEST="true").content.decode()
    assert "100.00" in html or "100,00" in html  # a last-value indicator needs its target itself
    assert "<html" not in html  # htmx gets the panel alone
