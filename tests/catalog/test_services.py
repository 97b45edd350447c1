import copy

import pytest
from django.core.exceptions import ValidationError

from kinerja.catalog.models import Indicator, IndicatorVersion
from kinerja.catalog.services import (
    compiled_definition,
    definition_problems,
    indicator_compute,
    indicator_create,
    indicator_define,
    indicator_update,
    pic_assign,
)
from kinerja.core.concurrency import ConcurrentEditError

SIMPLE = {
    "unit": "%",
    "periodicity": "quarter",
    "aggregation": "cumulative_mean",
    "polarity": "maximize",
    "inputs": [
        {"name": "a", "label_id": "Selesai", "label_en": "Done", "type": "integer", "min": 0},
        {
            "name": "b",
            "label_id": "Wajib",
            "label_en": "Required",
            "type": "integer",
            "min": 0,
            "min_exclusive": True,
        },
    ],
    "formula": "a / b * 100",
}


def tw(a, b, target=None):
    entry = {"inputs": {"a": a, "b": b}}
    if target is not None:
        entry["target"] = target
    return entry


@pytest.fixture
def tarakan(catalog):
    return catalog[("PSDKP-TARAKAN", "IK-02")].unit


@pytest.fixture
def new_indicator(tarakan, actors):
    sasaran = tarakan.sasaran.get(code="SK-06")
    return indicator_create(
        actor=actors["planner"],
        unit=tarakan,
        sasaran=sasaran,
        code="IK-90",
        name="Persentase uji",
        computation=copy.deepcopy(SIMPLE),
    )


@pytest.mark.django_db
def test_demo_catalogue_has_every_manual_indicator_with_its_sheet(catalog):
    codes = sorted(code for unit, code in catalog if unit == "PSDKP-TARAKAN")
    assert codes == [f"IK-{n:02d}" for n in range(1, 26)]
    ik15 = catalog[("PSDKP-TARAKAN", "IK-15")]
    assert "Keputusan" in ik15.notes  # the spec's decision is written in the notes
    assert ik15.evidence_requirements.exists()
    ik20 = catalog[("PSDKP-TARAKAN", "IK-20")]
    assert ik20.parent_indicator.code == "IKU-PSDKP-01"
    assert ik20.parent_indicator.parent_indicator.code == "IKU-KKP-01"
    placeholder = catalog[("PSDKP-TARAKAN", "IK-01")].sasaran
    assert placeholder.is_placeholder


@pytest.mark.django_db
def test_create_stores_version_one_without_the_owned_keys(new_indicator):
    version = new_indicator.current_version
    assert version.number == 1
    assert "code" not in version.definition
    assert "name" not in version.definition
    result = indicator_compute(
        indicator=new_indicator, payload={"year": 2025, "periods": {"TW1": tw(3, 4, 80)}}
    )
    assert str(result["TW1"].value) == "75.00"
    assert str(result["TW1"].achievement) == "93.75"
    assert result["TW1"].status == "yellow"


@pytest.mark.django_db
def test_a_formula_change_makes_a_new_version_and_keeps_the_old(new_indicator, actors):
    changed = {**SIMPLE, "formula": "min(a / b, 1) * 100"}
    version = indicator_define(
        actor=actors["planner"],
        indicator=new_indicator,
        expected_version=new_indicator.row_version,
        computation=changed,
        reason="Dibatasi 100%",
    )
    assert version.number == 2
    assert IndicatorVersion.objects.filter(indicator=new_indicator).count() == 2
    assert (
        IndicatorVersion.objects.get(indicator=new_indicator, number=1).definition["formula"] == "a / b * 100"
    )
    fresh = Indicator.objects.get(pk=new_indicator.pk)
    result = indicator_compute(indicator=fresh, payload={"periods": {"TW1": tw(5, 4)}})
    assert str(result["TW1"].value) == "100.00"


@pytest.mark.django_db
def test_an_unchanged_computation_keeps_the_version(new_indicator, actors):
    same = indicator_define(
        actor=actors["planner"],
        indicator=new_indicator,
        expected_version=new_indicator.row_version,
        computation=copy.deepcopy(SIMPLE),
        reason="tidak berubah",
    )
    assert same.number == 1


@pytest.mark.django_db
def test_a_reason_is_required(new_indicator, actors):
    with pytest.raises(ValidationError) as excinfo:
        indicator_define(
            actor=actors["planner"],
            indicator=new_indicator,
            expected_version=1,
            computation={**SIMPLE, "formula": "a"},
            reason=" ",
        )
    assert "reason" in excinfo.value.message_dict


@pytest.mark.django_db
def test_a_bad_formula_is_refused_with_its_position_and_nothing_changes(new_indicator, actors):
    with pytest.raises(ValidationError) as excinfo:
        indicator_define(
            actor=actors["planner"],
            indicator=new_indicator,
            expected_version=1,
            computation={**SIMPLE, "formula": "a / c * 100"},
            reason="salah ketik",
        )
    messages = excinfo.value.message_dict["computation"]
    assert any("c" in m and ("baris 1" in m or "line 1" in m) for m in messages)
    assert Indicator.objects.get(pk=new_indicator.pk).current_version.number == 1


@pytest.mark.django_db
def test_references_must_exist_and_must_not_loop(new_indicator, tarakan, actors):
    problems = definition_problems(
        unit=tarakan, code="IK-91", name="x", computation={**SIMPLE, "formula": 'ref("IK-404") + a + b'}
    )
    assert any(p.code == "ref_unknown" for p in problems)
    looped = {**SIMPLE, "formula": 'ref("IK-92") + a + b'}
    first = indicator_create(
        actor=actors["planner"],
        unit=tarakan,
        sasaran=new_indicator.sasaran,
        code="IK-91",
        name="a",
        computation={**SIMPLE, "formula": "a + b"},
    )
    indicator_create(
        actor=actors["planner"],
        unit=tarakan,
        sasaran=new_indicator.sasaran,
        code="IK-92",
        name="b",
        computation={**SIMPLE, "formula": 'ref("IK-91") + a + b'},
    )
    with pytest.raises(ValidationError) as excinfo:
        indicator_define(
            actor=actors["planner"],
            indicator=first,
            expected_version=first.row_version,
            computation=looped,
            reason="siklus",
        )
    assert excinfo.value.message_dict["computation"]


@pytest.mark.django_db
def test_sheet_edits_are_versioned_and_concurrent_edits_refused(new_indicator, actors):
    first = Indicator.objects.get(pk=new_indicator.pk)
    second = Indicator.objects.get(pk=new_indicator.pk)
    indicator_update(
        actor=actors["planner"],
        indicator=first,
        expected_version=first.row_version,
        data_source="Laporan bulanan",
    )
    with pytest.raises(ConcurrentEditError):
        indicator_update(
            actor=actors["planner"], indicator=second, expected_version=second.row_version, data_source="Lain"
        )
    assert Indicator.objects.get(pk=new_indicator.pk).data_source == "Laporan bulanan"
    assert new_indicator.history.count() >= 2


@pytest.mark.django_db
def test_the_formula_cannot_change_through_the_sheet(new_indicator, actors):
    with pytest.raises(ValidationError):
        indicator_update(
            actor=actors["planner"], indicator=new_indicator, expected_version=1, current_version=None
        )


@pytest.mark.django_db
def test_cascade_parent_must_be_above(new_indicator, catalog, actors):
    other = catalog[("PSDKP-TARAKAN", "IK-01")]
    with pytest.raises(ValidationError) as excinfo:
        indicator_update(
            actor=actors["planner"], indicator=new_indicator, expected_version=1, parent_indicator=other
        )
    assert "parent_indicator" in excinfo.value.message_dict


@pytest.mark.django_db
def test_pic_handover_ends_the_previous_assignment(new_indicator, actors):
    import datetime

    pic_assign(indicator=new_indicator, user=actors["operator_a"], start_date=datetime.date(2025, 1, 1))
    pic_assign(indicator=new_indicator, user=actors["unit_head"], start_date=datetime.date(2025, 7, 1))
    first, second = new_indicator.pic_assignments.order_by("start_date")
    assert first.end_date == datetime.date(2025, 6, 30)
    assert second.end_date is None


@pytest.mark.django_db
def test_compiled_definitions_are_reused(catalog):
    ik02 = catalog[("PSDKP-TARAKAN", "IK-02")]
    assert compiled_definition(ik02) is compiled_definition(Indicator.objects.get(pk=ik02.pk))
