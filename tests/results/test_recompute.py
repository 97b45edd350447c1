"""Stored results: the engine's figures per period, NPSS per sasaran and NKO per unit."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from kinerja.catalog.models import Sasaran
from kinerja.performance.models import (
    Realisation,
    Result,
    SasaranScore,
    Submission,
    SubmissionVersion,
    UnitScore,
)
from kinerja.performance.results import results_recompute
from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran, PlanningYear
from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md

CENT = Decimal("0.01")


@pytest.fixture
def plan(catalog, org):
    PlanningYear.objects.create(year=2026, status="open")
    unit = org["PSDKP-TARAKAN"]
    agreement = Agreement.objects.create(unit=unit, year=2026)
    ik02, ik09, ik11 = (catalog[("PSDKP-TARAKAN", code)] for code in ("IK-02", "IK-09", "IK-11"))
    other = Sasaran.objects.create(unit=unit, code="SK-X", name="Sasaran uji", kind="kegiatan")
    first = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    second = AgreementSasaran.objects.create(agreement=agreement, sasaran=other)
    quarters = {"TW1": "80", "TW2": "80", "TW3": "85", "TW4": "90"}
    AgreementIndicator.objects.create(
        agreement=agreement, sasaran_row=first, indicator=ik02, target=Decimal(90), period_targets=quarters
    )
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=second,
        indicator=ik09,
        target=Decimal(100),
        period_targets={"TW1": "100"},
    )
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=second,
        indicator=ik11,
        target=Decimal(50),
        period_targets={"TW1": "50"},
    )
    return {"unit": unit, "ik02": ik02, "ik09": ik09, "ik11": ik11, "first": first, "second": second}


def enter(unit, indicator, period, inputs):
    return Realisation.objects.create(
        unit=unit, indicator=indicator, year=2026, period=period, state="value", inputs=inputs, value=0
    )


def test_worked_example_is_stored_with_achievement_and_status(plan):
    enter(plan["unit"], plan["ik02"], "TW1", {"kapal": [VESSEL]})
    results_recompute(unit_ids=[plan["unit"].pk], year=2026)
    row = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="working")
    assert (row.value, row.reported, row.target, row.achievement, row.status) == (
        Decimal("87.67"),
        Decimal("87.67"),
        Decimal(80),
        Decimal("109.58"),
        "green",
    )


def test_npss_is_the_mean_of_achievements_and_nko_the_mean_of_npss(plan):
    unit = plan["unit"]
    enter(unit, plan["ik02"], "TW1", {"kapal": [VESSEL]})  # 109.58
    enter(unit, plan["ik09"], "TW1", {"sanksi_ditetapkan": 9, "kasus_ditangani": 10})
    enter(unit, plan["ik11"], "TW1", {"kasus_selesai": 1, "kasus_disidik": 4})
    results_recompute(unit_ids=[unit.pk], year=2026)
    ik09 = Result.objects.get(indicator=plan["ik09"], period="TW1", basis="working").achievement
    ik11 = Result.objects.get(indicator=plan["ik11"], period="TW1", basis="working").achievement
    npss = {s.sasaran_id: s for s in SasaranScore.objects.filter(quarter="TW1", basis="working")}
    expected_second = ((ik09 + ik11) / 2).quantize(CENT, ROUND_HALF_UP)
    assert npss[plan["first"].sasaran_id].npss == Decimal("109.58")
    assert npss[plan["second"].sasaran_id].npss == expected_second
    assert npss[plan["second"].sasaran_id].indicator_count == 2
    nko = UnitScore.objects.get(unit=unit, quarter="TW1", basis="working").nko
    assert nko == ((Decimal("109.58") + expected_second) / 2).quantize(CENT, ROUND_HALF_UP)


def test_weights_are_used_when_every_item_has_one(plan):
    unit = plan["unit"]
    enter(unit, plan["ik02"], "TW1", {"kapal": [VESSEL]})
    enter(unit, plan["ik09"], "TW1", {"sanksi_ditetapkan": 5, "kasus_ditangani": 10})
    AgreementSasaran.objects.filter(pk=plan["first"].pk).update(weight=3)
    AgreementSasaran.objects.filter(pk=plan["second"].pk).update(weight=1)
    results_recompute(unit_ids=[unit.pk], year=2026)
    second = SasaranScore.objects.get(sasaran_id=plan["second"].sasaran_id, quarter="TW1").npss
    nko = UnitScore.objects.get(unit=unit, quarter="TW1", basis="working").nko
    assert nko == ((Decimal("109.58") * 3 + second) / 4).quantize(CENT, ROUND_HALF_UP)


def test_cumulative_mean_reads_earlier_quarters_and_missing_quarters_have_no_score(plan):
    unit = plan["unit"]
    enter(unit, plan["ik02"], "TW1", {"kapal": [VESSEL]})
    full = {
        k: (v if not k.endswith("_realisasi") else VESSEL[k.replace("_realisasi", "_target")])
        for k, v in VESSEL.items()
    }
    enter(unit, plan["ik02"], "TW2", {"kapal": [full]})  # every item met: 100
    results_recompute(unit_ids=[unit.pk], year=2026)
    tw2 = Result.objects.get(indicator=plan["ik02"], period="TW2", basis="working")
    assert tw2.value == Decimal(100)
    assert tw2.reported == Decimal("93.83")  # (87.666… + 100) / 2
    assert UnitScore.objects.get(unit=unit, quarter="TW3", basis="working").nko is None


def test_recompute_replaces_old_rows_and_verified_basis_reads_only_verified_snapshots(plan):
    unit = plan["unit"]
    enter(unit, plan["ik02"], "TW1", {"kapal": [VESSEL]})
    results_recompute(unit_ids=[unit.pk], year=2026)
    results_recompute(unit_ids=[unit.pk], year=2026)
    assert Result.objects.filter(indicator=plan["ik02"], period="TW1", basis="working").count() == 1
    results_recompute(unit_ids=[unit.pk], year=2026, basis="verified")
    verified = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="verified")
    assert verified.value is None  # nothing verified yet: the target alone
    submission = Submission.objects.create(unit=unit, year=2026, quarter="TW1", status="verified")
    item = {"indicator": plan["ik02"].pk, "period": "TW1", "state": "value", "inputs": {"kapal": [VESSEL]}}
    SubmissionVersion.objects.create(
        submission=submission, number=1, verified=True, snapshot={"realisations": [item]}
    )
    results_recompute(unit_ids=[unit.pk], year=2026, basis="verified")
    verified = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="verified")
    assert verified.achievement == Decimal("109.58")


def test_recompute_once_runs_each_unit_year_once_at_the_end_and_not_after_a_failure(plan):
    from kinerja.performance.results import recompute_once

    unit = plan["unit"]
    enter(unit, plan["ik02"], "TW1", {"kapal": [VESSEL]})
    with recompute_once():
        assert results_recompute(unit_ids=[unit.pk], year=2026) == 0  # only noted
        results_recompute(unit_ids=[unit.pk], year=2026)
        assert not Result.objects.exists()
    assert Result.objects.get(indicator=plan["ik02"], period="TW1", basis="working").achievement == Decimal(
        "109.58"
    )
    Result.objects.all().delete()

    def failing_import():
        with recompute_once():
            results_recompute(unit_ids=[unit.pk], year=2026)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_import()
    assert not Result.objects.exists()
