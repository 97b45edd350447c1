"""Each of the fourteen items passing and failing with its reason, and the quarterly scores."""

from decimal import Decimal

import pytest

from kinerja.assessment.checks import self_assessment
from kinerja.performance.models import Evidence, Realisation, Submission
from kinerja.performance.results import results_recompute
from kinerja.planning.models import ActionStep, AgreementIndicator, FrozenDefinition

from .conftest import YEAR, enter

pytestmark = pytest.mark.usefixtures("english")


def item(unit, key):
    return {i.key: i for i in self_assessment(unit=unit, year=YEAR).items}[key]


def test_a_unit_with_everything_in_order_passes_every_item(unit_data):
    a = self_assessment(unit=unit_data["unit"], year=YEAR)
    assert [i.key for i in a.items if not i.passed] == []
    assert len(a.documents) == 6
    assert len(a.comparisons) == 8
    assert [(s.quarter, s.npss) for s in a.npss] == [("TW1", Decimal("100.00")), ("TW2", Decimal("100.00"))]
    assert (a.documents_part, a.comparisons_part, a.npss_part) == (Decimal(30), Decimal(30), Decimal("33.33"))
    assert a.value == Decimal("93.33")
    assert all(i.reason and i.link for i in a.items)


def test_pk_draft_and_missing(unit_data):
    agreement = unit_data["agreement"]
    agreement.status = "draft"
    agreement.save()
    pk = item(unit_data["unit"], "pk")
    assert not pk.passed
    assert "draft" in pk.reason
    assert str(agreement.pk) in pk.link
    assert "no PK" in self_assessment(unit=unit_data["unit"], year=2030).documents[0].reason


def test_manual_iku_names_indicators_without_a_frozen_formula(unit_data):
    FrozenDefinition.objects.filter(indicator=unit_data["ik13"], year__year=YEAR).delete()
    manual = item(unit_data["unit"], "manual_iku")
    assert not manual.passed
    assert "1 of 2 indicators have no formula frozen for 2026: IK-13" in manual.reason
    assert manual.link.endswith("/years/2026/")


def test_manual_iku_names_indicators_without_a_definition(unit_data):
    unit_data["ik13"].definition = " "
    unit_data["ik13"].save()
    manual = item(unit_data["unit"], "manual_iku")
    assert not manual.passed
    assert "no definition in the catalogue: IK-13" in manual.reason


def test_rincian_target_names_the_period_without_a_target(unit_data):
    row = AgreementIndicator.objects.get(agreement=unit_data["agreement"], indicator=unit_data["ik13"])
    row.period_targets = {"TW1": "80", "TW3": "80", "TW4": "80"}
    row.save()
    targets = item(unit_data["unit"], "rincian_target")
    assert not targets.passed
    assert "1 of 2 indicators have no target for a period: IK-13 (TW2)" in targets.reason


def test_rencana_aksi_names_the_quarter_without_steps(unit_data):
    ActionStep.objects.filter(quarter="TW4").delete()
    plan = item(unit_data["unit"], "rencana_aksi")
    assert not plan.passed
    assert plan.reason == "The action plan has no step for TW4."


def test_lkj_is_the_previous_year_published_one(unit_data):
    publication = unit_data["publication"]
    assert "LKj 2025" in item(unit_data["unit"], "lkj").reason
    publication.status, publication.withdraw_reason = "withdrawn", "salah berkas"
    publication.save()
    lkj = item(unit_data["unit"], "lkj")
    assert not lkj.passed
    assert "No LKj 2025 is published" in lkj.reason
    assert lkj.link.endswith("/transparency/PSDKP-TARAKAN/publications/")


def test_data_dukung_names_the_verified_realisation_without_its_document(unit_data):
    gone = Evidence.objects.filter(year=YEAR, period="TW1", indicator=unit_data["ik13"]).first()
    gone.delete()
    evidence = item(unit_data["unit"], "data_dukung_lkj")
    assert not evidence.passed
    assert f"IK-13 TW1: {gone.requirement_name}" in evidence.reason


def test_data_dukung_needs_a_verified_quarter(unit_data):
    Submission.objects.filter(year=YEAR).update(status="submitted")
    evidence = item(unit_data["unit"], "data_dukung_lkj")
    assert not evidence.passed
    assert evidence.reason == "No quarter of 2026 up to TW3 is verified yet."


def test_a_lkj_must_analyse_every_pk_indicator(unit_data):
    unit_data["draft"].indicator_notes.update(analysis="")
    a = item(unit_data["unit"], "kesesuaian_a")
    assert not a.passed
    assert "no analysis of IK-13" in a.reason
    unit_data["draft"].delete()
    assert "has not been written" in item(unit_data["unit"], "kesesuaian_a").reason


def test_b_lkj_published_before_a_later_verification_does_not_match(unit_data):
    Submission.objects.filter(year=2025, quarter="TW4").update(
        reviewed_at=unit_data["publication"].published_at.replace(month=3)
    )
    b = item(unit_data["unit"], "kesesuaian_b")
    assert not b.passed
    assert "TW4 of 2025 were verified again after the LKj was published" in b.reason
    Submission.objects.filter(year=2025, quarter="TW3").update(status="returned", return_reason="x")
    assert "TW3 of 2025 are not verified" in item(unit_data["unit"], "kesesuaian_b").reason


def test_c_names_the_entries_not_recorded(unit_data):
    Realisation.objects.filter(year=YEAR, period="TW3").delete()
    c = item(unit_data["unit"], "kesesuaian_c")
    assert not c.passed
    assert c.reason == "1 entries of the PK indicators are not recorded: IK-13 TW3."
    assert c.link.endswith("/PSDKP-TARAKAN/2026/TW3/")
    f = item(unit_data["unit"], "kesesuaian_f")
    assert not f.passed
    assert "TW3 is not complete: IK-13 TW3" in f.reason


def test_d_to_f_follow_the_quarters_submissions(unit_data):
    a = self_assessment(unit=unit_data["unit"], year=YEAR)
    reasons = {i.key: i.reason for i in a.comparisons}
    assert reasons["kesesuaian_d"].startswith("TW1 was verified on")
    assert "assessed while it is entered" in reasons["kesesuaian_f"]
    Submission.objects.filter(year=YEAR, quarter="TW1").update(
        status="returned", return_reason="Bukti kurang"
    )
    d = item(unit_data["unit"], "kesesuaian_d")
    assert not d.passed
    assert d.reason == "TW1 is not verified (status: Returned). Returned: Bukti kurang"
    Submission.objects.create(unit=unit_data["unit"], year=YEAR, quarter="TW3", status="submitted")
    assert "awaits verification" in item(unit_data["unit"], "kesesuaian_f").reason


def test_d_to_f_after_the_assessment_quarter_are_not_due(unit_data):
    a = self_assessment(unit=unit_data["unit"], year=YEAR, quarter="TW2")
    f = {i.key: i for i in a.comparisons}["kesesuaian_f"]
    assert not f.passed
    assert f.reason == "TW3 is not due at the assessment quarter TW2."


def test_g_names_achievements_outside_the_pk_and_other_formulas(unit_data, catalog):
    stray = catalog[("PSDKP-TARAKAN", "IK-21")]
    Realisation.objects.create(
        unit=unit_data["unit"], indicator=stray, year=YEAR, period="TW1", state="not_computable", reason="x"
    )
    g = item(unit_data["unit"], "kesesuaian_g")
    assert not g.passed
    assert "outside the PK: IK-21" in g.reason
    Realisation.objects.filter(indicator=stray).delete()
    Realisation.objects.filter(year=YEAR, period="TW2").update(version=None)
    g = item(unit_data["unit"], "kesesuaian_g")
    assert not g.passed
    assert "another formula than the one frozen for the year: IK-13 TW2" in g.reason


def test_h_names_achievements_measured_against_another_target(unit_data):
    row = AgreementIndicator.objects.get(agreement=unit_data["agreement"], indicator=unit_data["ik13"])
    row.period_targets = {**row.period_targets, "TW2": "90"}
    row.save()  # the stored results still carry 80: they have not been recomputed
    h = item(unit_data["unit"], "kesesuaian_h")
    assert not h.passed
    assert h.reason == "1 achievements were not measured against the PK's target for the period: IK-13 TW2."
    results_recompute(unit_ids=[unit_data["unit"].pk], year=YEAR, basis="working")
    results_recompute(unit_ids=[unit_data["unit"].pk], year=YEAR, basis="verified")
    assert item(unit_data["unit"], "kesesuaian_h").passed


def test_scores_are_the_verified_quarters_before_the_assessment_quarter(unit_data):
    Submission.objects.filter(year=YEAR, quarter="TW2").update(status="returned", return_reason="x")
    results_recompute(unit_ids=[unit_data["unit"].pk], year=YEAR, basis="verified")
    a = self_assessment(unit=unit_data["unit"], year=YEAR)
    assert [s.quarter for s in a.npss] == ["TW1"]
    Submission.objects.filter(year=YEAR).update(status="returned", return_reason="x")
    results_recompute(unit_ids=[unit_data["unit"].pk], year=YEAR, basis="verified")
    a = self_assessment(unit=unit_data["unit"], year=YEAR)
    assert (a.npss, a.npss_part, a.value) == ((), None, None)


def test_an_unknown_quarter_is_refused(unit_data):
    with pytest.raises(ValueError, match="S1"):
        self_assessment(unit=unit_data["unit"], year=YEAR, quarter="S1")


def test_a_unit_without_anything_fails_every_item(org, catalog):
    a = self_assessment(unit=org["PSDKP-BITUNG"], year=2026)
    assert [i.passed for i in a.items] == [False] * 14
    assert a.value is None
    assert a.documents_part == 0


def test_later_entries_do_not_count_in_the_assessment_scores(unit_data):
    enter(unit_data["unit"], unit_data["ik13"], YEAR, "TW4")
    assert item(unit_data["unit"], "kesesuaian_c").passed
