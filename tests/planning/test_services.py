"""Rules of the planning domain, through its services."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from kinerja.catalog import services as catalog_services
from kinerja.planning import schedule, selectors, services
from kinerja.planning.documents import agreement_pdf
from kinerja.planning.models import (
    ActionStep,
    Agreement,
    AgreementBudget,
    FrozenDefinition,
    PeriodWindow,
    PlanningYear,
    RenstraIndicator,
    StepStatus,
    YearStatus,
)

from .conftest import HEADER, rows_for

D = datetime.date


# --- Renstra -------------------------------------------------------------------------------------


def test_renstra_with_targets_and_overlap_refused(org, tarakan, actors):
    unit = org["PSDKP-TARAKAN"]
    renstra = services.renstra_create(
        actor=actors["operator_a"],
        unit=unit,
        title="Renstra Stasiun PSDKP Tarakan 2025–2029",
        start_year=2025,
        end_year=2029,
        regulation="Permen KP 17/2020",
        rows=[
            {
                "indicator": tarakan["IK-20"],
                "baseline": "80",
                "baseline_year": 2024,
                "yearly_targets": {"2025": "82", "2029": "86,5"},
            }
        ],
    )
    row = RenstraIndicator.objects.get(renstra=renstra)
    assert row.yearly_targets == {"2025": "82", "2029": "86.5"}
    with pytest.raises(ValidationError) as exc:
        services.renstra_create(
            actor=None, unit=unit, title="Lain", start_year=2029, end_year=2033, regulation="X"
        )
    assert "start_year" in exc.value.message_dict
    # An inactive plan does not clash; another unit does not clash.
    services.renstra_create(
        actor=None, unit=unit, title="Lama", start_year=2020, end_year=2025, regulation="X", is_active=False
    )
    services.renstra_create(
        actor=None, unit=org["PSDKP-BITUNG"], title="Bitung", start_year=2025, end_year=2029, regulation="X"
    )
    with pytest.raises(ValidationError) as exc:
        services.renstra_create(
            actor=None,
            unit=unit,
            title="Salah",
            start_year=2030,
            end_year=2034,
            regulation="X",
            rows=[{"indicator": tarakan["IK-20"], "yearly_targets": {"2029": "1"}}],
        )
    assert "yearly_targets" in exc.value.message_dict


# --- the year ------------------------------------------------------------------------------------


def test_default_windows_close_on_the_15th_and_tw4_next_january(catalog, actors):
    planning_year = services.year_create(actor=actors["planner"], year=2025)
    windows = {w.quarter: w for w in PeriodWindow.objects.filter(year=planning_year)}
    assert windows["TW1"].entry_opens == D(2025, 1, 1)
    assert windows["TW1"].entry_closes == D(2025, 4, 15)
    assert windows["TW2"].entry_closes == D(2025, 7, 15)
    assert windows["TW4"].entry_closes == D(2026, 1, 15)
    assert windows["TW4"].review_closes == D(2026, 1, 31)
    planning_year = services.year_set_close_day(
        actor=actors["planner"],
        planning_year=planning_year,
        expected_version=planning_year.row_version,
        entry_close_day=10,
    )
    assert PeriodWindow.objects.get(year=planning_year, quarter="TW4").entry_closes == D(2026, 1, 10)


def test_opening_freezes_definitions_and_a_later_formula_change_does_not_touch_them(
    open_year, tarakan, actors
):
    ik02 = tarakan["IK-02"]
    version_before = ik02.current_version
    planning_year = open_year()
    assert planning_year.status == YearStatus.OPEN
    frozen = FrozenDefinition.objects.get(year=planning_year, indicator=ik02)
    assert frozen.version == version_before
    assert frozen.start_quarter == "TW1"
    assert FrozenDefinition.objects.filter(year=planning_year).count() >= 25
    new_version = catalog_services.indicator_define(
        actor=actors["planner"],
        indicator=ik02,
        expected_version=ik02.row_version,
        computation={**ik02.computation, "unit": "indeks (baru)"},
        reason="uji",
    )
    assert new_version.pk != version_before.pk
    found = schedule.year_definition(ik02, 2025)
    assert found.version.pk == version_before.pk
    assert found.frozen
    assert found.definition.unit == "indeks"
    # A year still being prepared reads the current version.
    services.year_create(actor=actors["planner"], year=2026)
    assert schedule.year_definition(ik02, 2026).version.pk == new_version.pk


def test_indicator_added_mid_year_has_a_start_quarter(open_year, tarakan, org, actors):
    planning_year = open_year()
    ik02 = tarakan["IK-02"]
    new = catalog_services.indicator_create(
        actor=actors["planner"],
        unit=org["PSDKP-TARAKAN"],
        sasaran=ik02.sasaran,
        code="IK-26",
        name="Indikator baru",
        computation=ik02.computation,
    )
    assert schedule.year_definition(new, 2025).frozen is False
    services.frozen_definition_add(
        actor=actors["planner"], planning_year=planning_year, indicator=new, start_quarter="TW3"
    )
    found = schedule.year_definition(new, 2025)
    assert found.frozen
    assert found.start_quarter == "TW3"
    assert [q for q in ("TW1", "TW2", "TW3", "TW4") if found.applies_to(q)] == ["TW3", "TW4"]
    with pytest.raises(ValidationError):
        services.frozen_definition_add(
            actor=actors["planner"], planning_year=planning_year, indicator=new, start_quarter="TW4"
        )


def test_extension_needs_a_reason_and_a_later_date(open_year, org, actors):
    planning_year = open_year()
    window = planning_year.windows.get(quarter="TW1")
    unit = org["PSDKP-TARAKAN"]
    with pytest.raises(ValidationError) as exc:
        services.extension_grant(
            actor=actors["planner"], window=window, unit=unit, closes_on=D(2025, 4, 30), reason="  "
        )
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.extension_grant(
            actor=actors["planner"], window=window, unit=unit, closes_on=D(2025, 4, 15), reason="banjir"
        )
    assert "closes_on" in exc.value.message_dict
    services.extension_grant(
        actor=actors["planner"], window=window, unit=unit, closes_on=D(2025, 4, 30), reason="banjir"
    )
    assert schedule.entry_for(unit=unit, year=2025, quarter="TW1", today=D(2025, 4, 20)).is_open
    other = org["PSDKP-BITUNG"]
    assert not schedule.entry_for(unit=other, year=2025, quarter="TW1", today=D(2025, 4, 20)).is_open


def test_correction_session_rules(open_year, org, actors):
    planning_year = open_year()
    unit, other = org["PSDKP-TARAKAN"], org["PSDKP-BITUNG"]
    args = {
        "actor": actors["planner"],
        "unit": unit,
        "quarters": ["TW2"],
        "ends_on": D(2026, 3, 31),
        "today": D(2026, 3, 1),
    }
    with pytest.raises(ValidationError) as exc:  # the year is still open
        services.correction_open(planning_year=planning_year, reason="salah input", **args)
    assert "year" in exc.value.message_dict
    planning_year = services.year_close(
        actor=actors["planner"], planning_year=planning_year, expected_version=planning_year.row_version
    )
    with pytest.raises(ValidationError) as exc:
        services.correction_open(planning_year=planning_year, reason=" ", **args)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.correction_open(planning_year=planning_year, reason="x", **{**args, "quarters": []})
    assert "quarters" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.correction_open(
            planning_year=planning_year, reason="x", **{**args, "ends_on": D(2026, 2, 1)}
        )
    assert "ends_on" in exc.value.message_dict
    session = services.correction_open(planning_year=planning_year, reason="salah input", **args)
    today = D(2026, 3, 10)
    assert schedule.correction_allows(unit=unit, year=2025, quarter="TW2", today=today)
    assert not schedule.correction_allows(unit=unit, year=2025, quarter="TW1", today=today)
    assert not schedule.correction_allows(unit=other, year=2025, quarter="TW2", today=today)
    assert not schedule.correction_allows(unit=unit, year=2025, quarter="TW2", today=D(2026, 4, 1))
    # It does not reopen entry.
    assert (
        schedule.entry_for(unit=unit, year=2025, quarter="TW2", today=today).state
        == schedule.EntryState.YEAR_CLOSED
    )
    services.correction_close(actor=actors["planner"], session=session)
    assert not schedule.correction_allows(unit=unit, year=2025, quarter="TW2", today=today)
    services.correction_open(
        planning_year=planning_year, reason="semua unit", **{**args, "unit": None, "quarters": ["TW4", "TW1"]}
    )
    assert schedule.correction_allows(unit=other, year=2025, quarter="TW4", today=today)


# --- the PK --------------------------------------------------------------------------------------


def _create(org, tarakan, actors, **kwargs):
    values = {"rows": rows_for(tarakan), **HEADER, **kwargs}
    return services.agreement_create(
        actor=actors["operator_a"], unit=org["PSDKP-TARAKAN"], year=2025, **values
    )


def test_agreement_rows_follow_the_entry_periods(open_year, org, tarakan, actors):
    open_year()
    agreement = _create(
        org,
        tarakan,
        actors,
        budget=[{"programme_code": "DL", "programme_name": "Pengawasan SDKP", "ceiling": "4850000000"}],
        sasaran_settings={tarakan["IK-02"].sasaran_id: {"weight": "60", "perspective": "Proses Internal"}},
    )
    items = {item.indicator.code: item for item in agreement.indicator_rows.all()}
    assert set(items["IK-02"].period_targets) == {"TW1", "TW2", "TW3", "TW4"}
    assert set(items["IK-05"].period_targets) == {"TAHUN"}
    assert agreement.sasaran_rows.get(sasaran=tarakan["IK-02"].sasaran).perspective == "Proses Internal"
    assert AgreementBudget.objects.get(agreement=agreement).ceiling == Decimal("4850000000")
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            actor=None,
            unit=org["PSDKP-TARAKAN"],
            year=2026,
            rows=[{"indicator": tarakan["IK-05"], "period_targets": {"TW1": "10"}}],
        )
    assert "period_targets" in exc.value.message_dict
    with pytest.raises(ValidationError):  # another unit's indicator
        services.agreement_create(actor=None, unit=org["PSDKP-BITUNG"], year=2025, rows=rows_for(tarakan))
    with pytest.raises(ValidationError) as exc:  # a second PK of the same year
        _create(org, tarakan, actors)
    assert "year" in exc.value.message_dict


def test_stabilize_targets_need_low_below_high(open_year, org, tarakan, actors):
    ik13 = tarakan["IK-13"]
    catalog_services.indicator_define(
        actor=None,
        indicator=ik13,
        expected_version=ik13.row_version,
        computation={**ik13.computation, "polarity": "stabilize"},
        reason="uji",
    )
    open_year()
    ik13.refresh_from_db()
    bad = {"indicator": ik13, "target": "90", "target_high": "80"}
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(actor=None, unit=org["PSDKP-TARAKAN"], year=2025, rows=[bad])
    assert "target_high" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            actor=None,
            unit=org["PSDKP-TARAKAN"],
            year=2025,
            rows=[{"indicator": ik13, "period_targets": {"TW1": {"low": "95", "high": "90"}}}],
        )
    assert "period_targets" in exc.value.message_dict
    with pytest.raises(ValidationError):  # a single number where a range belongs
        services.agreement_create(
            actor=None,
            unit=org["PSDKP-TARAKAN"],
            year=2025,
            rows=[{"indicator": ik13, "period_targets": {"TW1": "90"}}],
        )
    agreement = services.agreement_create(
        actor=None,
        unit=org["PSDKP-TARAKAN"],
        year=2025,
        rows=[
            {
                "indicator": ik13,
                "target": "80",
                "target_high": "90",
                "period_targets": {"TW1": {"low": "80", "high": "90"}},
            }
        ],
    )
    item = agreement.indicator_rows.get()
    assert item.period_targets == {"TW1": {"low": "80", "high": "90"}}
    assert (item.target, item.target_high) == (Decimal("80"), Decimal("90"))
    # A maximize indicator has no upper bound.
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            actor=None,
            unit=org["PSDKP-TARAKAN"],
            year=2026,
            rows=[{"indicator": tarakan["IK-02"], "target": "1", "target_high": "2"}],
        )
    assert "target_high" in exc.value.message_dict


def test_signed_pk_changes_only_through_a_revision_that_keeps_the_old(open_year, org, tarakan, actors):
    open_year()
    agreement = _create(org, tarakan, actors)
    item = agreement.indicator_rows.get(indicator=tarakan["IK-02"])
    step = services.action_step_create(
        actor=None, agreement_indicator=item, quarter="TW1", description="Patroli", cumulative_target="25%"
    )
    agreement = services.agreement_sign(
        actor=None, agreement=agreement, expected_version=agreement.row_version, signed_on=D(2025, 1, 31)
    )
    with pytest.raises(ValidationError):
        services.agreement_update(
            actor=None, agreement=agreement, expected_version=agreement.row_version, place="Bitung"
        )
    with pytest.raises(ValidationError) as exc:
        services.agreement_revise(actor=None, agreement=agreement, reason="  ")
    assert "reason" in exc.value.message_dict
    rows = rows_for(tarakan, target="70")
    new = services.agreement_revise(
        actor=actors["operator_a"], agreement=agreement, reason="Refocusing anggaran", rows=rows
    )
    old = Agreement.objects.get(pk=agreement.pk)
    assert (old.is_current, old.status, new.is_current, new.revision, new.supersedes_id) == (
        False,
        "signed",
        True,
        1,
        old.pk,
    )
    assert old.indicator_rows.get(indicator=tarakan["IK-02"]).target == Decimal("80")
    assert new.indicator_rows.get(indicator=tarakan["IK-02"]).target == Decimal("70")
    assert ActionStep.objects.get(pk=step.pk).agreement_indicator.agreement_id == old.pk
    assert ActionStep.objects.filter(agreement_indicator__agreement=new, description="Patroli").exists()
    warnings = selectors.target_warnings(new)
    assert {(w.code, w.period) for w in warnings} >= {("IK-02", ""), ("IK-02", "TW1"), ("IK-05", "")}
    with pytest.raises(ValidationError):  # an earlier revision stays as it was
        services.agreement_revise(actor=None, agreement=old, reason="lagi")


def test_revision_zero_warns_against_last_years_pk(open_year, org, tarakan, actors):
    open_year()
    open_year(2026)
    _create(org, tarakan, actors)
    higher = services.agreement_create(
        actor=None, unit=org["PSDKP-TARAKAN"], year=2026, rows=rows_for(tarakan, target="85")
    )
    assert selectors.target_warnings(higher) == []
    Agreement.objects.filter(pk=higher.pk).delete()
    lower = services.agreement_create(
        actor=None, unit=org["PSDKP-TARAKAN"], year=2026, rows=rows_for(tarakan, target="75")
    )
    assert [w.code for w in selectors.target_warnings(lower)] == ["IK-02", "IK-05"]


def test_step_status_needs_a_justification(open_year, org, tarakan, actors):
    open_year()
    agreement = _create(org, tarakan, actors)
    item = agreement.indicator_rows.get(indicator=tarakan["IK-02"])
    step = services.action_step_create(
        actor=None, agreement_indicator=item, quarter="TW2", description="Docking"
    )
    for status in (StepStatus.NOT_DONE, StepStatus.POSTPONED):
        with pytest.raises(ValidationError) as exc:
            services.action_step_update(
                actor=None, step=step, expected_version=step.row_version, status=status, justification=" "
            )
        assert "justification" in exc.value.message_dict
    step = services.action_step_update(
        actor=None,
        step=step,
        expected_version=step.row_version,
        status=StepStatus.POSTPONED,
        justification="Cuaca buruk",
    )
    assert step.status == "postponed"
    agreement.refresh_from_db()
    services.agreement_sign(
        actor=None, agreement=agreement, expected_version=agreement.row_version, signed_on=D(2025, 2, 1)
    )
    step.refresh_from_db()
    # Progress is reported on a signed PK; the plan itself is not changed.
    services.action_step_update(
        actor=None, step=step, expected_version=step.row_version, status=StepStatus.DONE, justification=""
    )
    step.refresh_from_db()
    with pytest.raises(ValidationError):
        services.action_step_update(
            actor=None, step=step, expected_version=step.row_version, description="Lain"
        )


def test_signing_needs_both_parties(open_year, org, tarakan, actors):
    open_year()
    agreement = services.agreement_create(
        actor=None, unit=org["PSDKP-TARAKAN"], year=2025, rows=rows_for(tarakan)
    )
    with pytest.raises(ValidationError) as exc:
        services.agreement_sign(
            actor=None, agreement=agreement, expected_version=agreement.row_version, signed_on=D(2025, 1, 2)
        )
    assert "signed_on" in exc.value.message_dict


def test_pdf_has_the_statement_and_the_table(open_year, org, tarakan, actors):
    open_year()
    agreement = _create(
        org,
        tarakan,
        actors,
        budget=[
            {
                "programme_code": "DL",
                "programme_name": "Pengawasan Sumber Daya Kelautan dan Perikanan",
                "ceiling": "4850000000",
            }
        ],
    )
    pdf = agreement_pdf(agreement)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert org["PSDKP-TARAKAN"].name.upper() in text.replace("\n", " ").upper()
    assert "Yusuf" in text
    assert "Hendra" in text
    assert "IK-02" in text
    assert "4.850.000.000" in text


def test_demo_is_idempotent(catalog):
    from kinerja.planning import demo

    demo.load(lambda _msg: None)
    demo.load(lambda _msg: None)
    pk2025 = Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2025)
    assert pk2025.status == "signed"
    assert pk2025.indicator_rows.count() == 25
    assert Agreement.objects.filter(unit__code="PSDKP-TARAKAN").count() == 2
    assert pk2025.budget_rows.get().ceiling == Decimal("4850000000")
    assert set(pk2025.indicator_rows.get(indicator__code="IK-16").period_targets) == {"TW3"}
    assert PlanningYear.objects.filter(status="open").count() == 2
    assert selectors.target_warnings(Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2026)) == []
    assert agreement_pdf(pk2025).startswith(b"%PDF")
