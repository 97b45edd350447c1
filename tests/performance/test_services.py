"""Realisation entry: three states, the window, the lock, concurrent edits, results."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.performance import services
from kinerja.performance.models import Realisation, Result, Submission
from kinerja.performance.selectors import entry_access
from kinerja.planning.models import DeadlineExtension, FrozenDefinition, PeriodWindow
from tests.formula.helpers import WORKED_VESSEL as VESSEL

from .conftest import AFTER_TW1, IN_TW1

pytestmark = pytest.mark.django_db


def save(plan, actor, inputs, *, indicator="ik02", period="TW1", version=None, today=IN_TW1, **extra):
    existing = Realisation.objects.filter(indicator=plan[indicator], period=period).first()
    return services.realisation_save(
        actor=actor,
        unit=plan["unit"],
        indicator=plan[indicator],
        year=2026,
        period=period,
        inputs=inputs,
        expected_version=(existing.row_version if existing else 0) if version is None else version,
        today=today,
        **extra,
    )


def test_worked_example_is_saved_and_results_are_recomputed(plan, actors):
    realisation = save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    assert (realisation.state, realisation.value) == ("value", Decimal("87.67"))
    result = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="working")
    assert (result.value, result.achievement, result.status) == (Decimal("87.67"), Decimal("109.58"), "green")


def test_a_real_zero_is_a_value(plan, actors):
    realisation = save(
        plan, actors["operator_a"], {"sanksi_ditetapkan": 0, "kasus_ditangani": 5}, indicator="ik09"
    )
    assert (realisation.state, realisation.value) == ("value", Decimal(0))


def test_a_table_without_rows_is_not_computable_with_the_engines_reason(plan, actors):
    realisation = save(plan, actors["operator_a"], {"kapal": []})
    assert realisation.state == "not_computable"
    assert realisation.value is None
    assert "table without rows" in realisation.reason


def test_an_engine_error_is_not_computable_with_its_message(plan, actors):
    # IK-09 with b = 0 takes the period's target; TW2 has none in the PK.
    realisation = save(
        plan,
        actors["operator_a"],
        {"sanksi_ditetapkan": 0, "kasus_ditangani": 0},
        indicator="ik09",
        period="TW2",
        today=plan["year"].windows.get(quarter="TW2").entry_opens,
    )
    assert realisation.state == "not_computable"
    assert realisation.reason


def test_the_operator_may_declare_not_computable_with_a_reason(plan, actors):
    with pytest.raises(ValidationError) as exc:
        save(plan, actors["operator_a"], None, not_computable_reason="  ")
    assert "reason" in exc.value.message_dict
    realisation = save(
        plan, actors["operator_a"], None, not_computable_reason="Kapal docking sepanjang triwulan"
    )
    assert (realisation.state, realisation.value, realisation.reason) == (
        "not_computable",
        None,
        "Kapal docking sepanjang triwulan",
    )


def test_no_inputs_is_not_filled(plan, actors):
    save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    realisation = save(plan, actors["operator_a"], None)
    assert (realisation.state, realisation.inputs, realisation.value) == ("empty", None, None)


@pytest.mark.parametrize(
    "fields",
    [
        {"state": "value", "inputs": {"kapal": []}, "value": None},
        {"state": "empty", "inputs": None, "value": Decimal(1)},
        {"state": "not_computable", "inputs": None, "value": None, "reason": ""},
        {"state": "not_computable", "inputs": None, "value": Decimal(0), "reason": "x"},
    ],
)
def test_the_database_keeps_the_three_states_apart(plan, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisation.objects.create(
            unit=plan["unit"], indicator=plan["ik02"], year=2026, period="TW1", **fields
        )


def test_refused_inputs_name_the_field(plan, actors):
    with pytest.raises(services.InputsRefused) as exc:
        save(plan, actors["operator_a"], {"kapal": [{**VESSEL, "periksa_kapal_target": "abc"}]})
    assert exc.value.problems[0].field == "kapal.periksa_kapal_target"
    assert exc.value.problems[0].row == 1
    assert not Realisation.objects.exists()


def test_an_indicator_outside_the_pk_is_refused(plan, actors, catalog):
    with pytest.raises(ValidationError) as exc:
        services.realisation_save(
            actor=actors["operator_a"],
            unit=plan["unit"],
            indicator=catalog[("PSDKP-TARAKAN", "IK-07")],
            year=2026,
            period="TW1",
            inputs={},
            expected_version=0,
            today=IN_TW1,
        )
    assert "indicator" in exc.value.message_dict


def test_a_definition_that_starts_later_is_not_applicable_before(plan, actors):
    FrozenDefinition.objects.create(
        year=plan["year"], indicator=plan["ik02"], version=plan["ik02"].current_version, start_quarter="TW2"
    )
    with pytest.raises(ValidationError) as exc:
        save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    assert "not applicable" in str(exc.value)


# --- who, when ---------------------------------------------------------------------------------
def test_planners_inspectors_and_other_units_cannot_enter(plan, actors):
    for name in ("planner", "inspector", "leadership", "operator_b"):
        with pytest.raises(PermissionDenied):
            save(plan, actors[name], {"kapal": [VESSEL]})
    assert save(plan, actors["unit_head"], {"kapal": [VESSEL]}).state == "value"


def test_after_the_deadline_entry_is_read_only_for_unit_staff(plan, actors):
    with pytest.raises(ValidationError) as exc:
        save(plan, actors["operator_a"], {"kapal": [VESSEL]}, today=AFTER_TW1)
    assert "closed" in str(exc.value)
    access = entry_access(
        user=actors["operator_a"], unit=plan["unit"], year=2026, quarter="TW1", on=AFTER_TW1
    )
    assert (access.can_change, access.can_edit) == (True, False)


def test_an_extension_reopens_entry_for_that_unit_only(plan, actors, org):
    window = PeriodWindow.objects.get(year=plan["year"], quarter="TW1")
    DeadlineExtension.objects.create(
        window=window, unit=plan["unit"], closes_on=AFTER_TW1, reason="Kapal docking"
    )
    assert save(plan, actors["operator_a"], {"kapal": [VESSEL]}, today=AFTER_TW1).state == "value"
    bitung = entry_access(
        user=actors["operator_b"], unit=org["PSDKP-BITUNG"], year=2026, quarter="TW1", on=AFTER_TW1
    )
    assert bitung.can_edit is False


def test_before_the_year_opens_nothing_is_entered(plan, actors):
    plan["year"].status = "draft"
    plan["year"].save()
    with pytest.raises(ValidationError):
        save(plan, actors["operator_a"], {"kapal": [VESSEL]})


@pytest.mark.parametrize("status", ["submitted", "verified"])
def test_a_submitted_or_verified_quarter_is_locked(plan, actors, status):
    save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    Submission.objects.create(unit=plan["unit"], year=2026, quarter="TW1", status=status)
    with pytest.raises(ValidationError) as exc:
        save(plan, actors["operator_a"], {"kapal": []})
    assert "locked" in str(exc.value)
    assert Realisation.objects.get(indicator=plan["ik02"]).value == Decimal("87.67")


def test_a_returned_quarter_may_be_corrected_after_the_deadline(plan, actors):
    Submission.objects.create(
        unit=plan["unit"], year=2026, quarter="TW1", status="returned", return_reason="x"
    )
    assert save(plan, actors["operator_a"], {"kapal": [VESSEL]}, today=AFTER_TW1).state == "value"


# --- two editors -----------------------------------------------------------------------------------
def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(plan, actors):
    first = save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    loaded = first.row_version
    save(plan, actors["operator_a"], {"kapal": [VESSEL]}, version=loaded, progress="Operasi berjalan")
    with pytest.raises(ConcurrentEditError):
        save(plan, actors["unit_head"], {"kapal": []}, version=loaded, progress="Ditimpa")
    stored = Realisation.objects.get(indicator=plan["ik02"])
    assert (stored.value, stored.progress) == (Decimal("87.67"), "Operasi berjalan")


def test_two_first_saves_of_the_same_row_do_not_overwrite(plan, actors):
    save(plan, actors["operator_a"], {"kapal": [VESSEL]}, version=0)
    with pytest.raises(ConcurrentEditError):
        save(plan, actors["unit_head"], {"kapal": []}, version=0)
    assert Realisation.objects.get(indicator=plan["ik02"]).value == Decimal("87.67")


def test_history_records_who_changed_what(plan, actors):
    from kinerja.core.history import history_entries

    realisation = save(plan, actors["operator_a"], {"kapal": [VESSEL]})
    realisation = save(plan, actors["unit_head"], {"kapal": []})
    entries = history_entries(realisation)
    assert entries[0].who == actors["unit_head"]
    assert entries[1].who == actors["operator_a"]
    changed = {c.field: (c.old, c.new) for c in entries[0].changes}
    assert changed["state"] == ("value", "not_computable")


# --- budget ----------------------------------------------------------------------------------------
def test_budget_spending_is_entered_per_quarter_with_optimistic_locking(plan, actors):
    spending = services.budget_spending_set(
        actor=actors["operator_a"],
        budget=plan["budget"],
        quarter="TW1",
        amount=Decimal("250000"),
        expected_version=0,
        today=IN_TW1,
    )
    services.budget_spending_set(
        actor=actors["operator_a"],
        budget=plan["budget"],
        quarter="TW1",
        amount=Decimal("260000"),
        expected_version=spending.row_version,
        today=IN_TW1,
    )
    with pytest.raises(ConcurrentEditError):
        services.budget_spending_set(
            actor=actors["unit_head"],
            budget=plan["budget"],
            quarter="TW1",
            amount=Decimal("1"),
            expected_version=spending.row_version,
            today=IN_TW1,
        )
    with pytest.raises(ValidationError):
        services.budget_spending_set(
            actor=actors["operator_a"],
            budget=plan["budget"],
            quarter="TW1",
            amount=Decimal("-1"),
            expected_version=2,
            today=IN_TW1,
        )
    with pytest.raises(PermissionDenied):
        services.budget_spending_set(
            actor=actors["planner"],
            budget=plan["budget"],
            quarter="TW1",
            amount=Decimal("1"),
            expected_version=2,
            today=IN_TW1,
        )
    assert plan["budget"].spending.get(quarter="TW1").amount == Decimal("260000")
