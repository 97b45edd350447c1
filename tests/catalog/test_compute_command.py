"""`kinerja compute` per shared/spec/cli.md, run as a real process would: JSON out, status 2 on bad input."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md


def run(tmp_path, code, payload, **options):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(payload))
    out = io.StringIO()
    call_command("compute", code, input=str(path), stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_worked_example_of_the_spec(catalog, tmp_path):
    payload = {
        "year": 2024,
        "periods": {
            "TW1": {"inputs": {"kapal": [VESSEL]}, "target": 80},
            "TW2": {"inputs": {"kapal": []}, "target": 85},
        },
    }
    out = run(tmp_path, "IK-02", payload)
    assert out["indicator"] == "IK-02"
    assert out["name"] == "Indeks Kinerja Operasi Kapal Pengawas"
    assert out["unit"] == "indeks"
    assert out["periods"]["TW1"] == {
        "value": 87.67,
        "reported": 87.67,
        "category": None,
        "target": 80,
        "achievement": 109.58,
        "status": "green",
    }
    assert out["periods"]["TW2"]["value"] is None
    assert out["periods"]["TW2"]["reported"] == 87.67


@pytest.mark.django_db
def test_a_band_indicator_reports_its_category(catalog, tmp_path):
    payload = {"periods": {"TW1": {"inputs": {"selesai_diperiksa": 3, "laporan_indikasi": 4}}}}
    out = run(tmp_path, "IK-10", payload)
    assert out["periods"]["TW1"]["value"] == 80
    assert out["periods"]["TW1"]["category"] == "Baik"
    assert out["periods"]["TW1"]["achievement"] is None


@pytest.mark.django_db
def test_an_indicator_defined_in_the_database_computes_the_same_way(catalog, tmp_path, actors):
    from kinerja.catalog.services import indicator_define

    ik13 = catalog[("PSDKP-TARAKAN", "IK-13")]
    indicator_define(
        actor=actors["planner"],
        indicator=ik13,
        expected_version=ik13.row_version,
        computation={**ik13.computation, "formula": "dokumen_dipenuhi / dokumen_wajib * 50"},
        reason="uji",
    )
    out = run(
        tmp_path, "IK-13", {"periods": {"TW1": {"inputs": {"dokumen_dipenuhi": 3, "dokumen_wajib": 4}}}}
    )
    assert out["periods"]["TW1"]["value"] == 37.5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "payload", "message"),
    [
        ("IK-99", {"periods": {}}, "not in the catalogue"),
        (
            "IK-02",
            {"periods": {"TW1": {"inputs": {"kapal": [{**VESSEL, "cakupan_target": "banyak"}]}}}},
            "cakupan_target",
        ),
        ("IK-02", {"periods": {"TW9": {"inputs": {"kapal": []}}}}, "TW9"),
        ("IK-02", [1, 2], "expected an object"),
    ],
)
def test_bad_input_exits_with_status_2_and_a_message(catalog, tmp_path, code, payload, message):
    with pytest.raises(CommandError) as excinfo:
        run(tmp_path, code, payload)
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)


@pytest.mark.django_db
def test_unreadable_and_non_json_input(catalog, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("compute", "IK-02", input=str(bad))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("compute", "IK-02", input=str(tmp_path / "missing.json"))


@pytest.mark.django_db
def test_year_option(catalog, tmp_path):
    with pytest.raises(CommandError, match="does not match"):
        run(tmp_path, "IK-13", {"year": 2024, "periods": {}}, year=2025)


@pytest.mark.django_db
def test_a_year_computes_with_the_formula_frozen_when_it_opened(catalog, tmp_path, actors):
    from kinerja.catalog.services import indicator_define
    from kinerja.planning.models import FrozenDefinition, PlanningYear

    ik13 = catalog[("PSDKP-TARAKAN", "IK-13")]
    year = PlanningYear.objects.create(year=2025, status="open")
    FrozenDefinition.objects.create(year=year, indicator=ik13, version=ik13.current_version)
    indicator_define(
        actor=actors["planner"],
        indicator=ik13,
        expected_version=ik13.row_version,
        computation={**ik13.computation, "formula": "dokumen_dipenuhi / dokumen_wajib * 50"},
        reason="uji",
    )
    payload = {"periods": {"TW1": {"inputs": {"dokumen_dipenuhi": 3, "dokumen_wajib": 4}}}}
    assert run(tmp_path, "IK-13", {"year": 2025, **payload})["periods"]["TW1"]["value"] == 75
    assert run(tmp_path, "IK-13", payload, year=2025)["periods"]["TW1"]["value"] == 75
    assert run(tmp_path, "IK-13", {"year": 2026, **payload})["periods"]["TW1"]["value"] == 37.5
