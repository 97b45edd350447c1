"""Download a quarter's template, fill it as a user would in Excel, upload it back."""

from decimal import Decimal

import pytest

from kinerja.performance import excel
from kinerja.performance.imports import ImportRefused, realisation_import
from kinerja.performance.models import Realisation, RealisationState
from kinerja.performance.services import realisation_save
from kinerja.planning.schedule import year_definition

from .conftest import IN_TW1, IN_TW2, VESSEL, YEAR, header_columns, open_workbook, save, scalar_row


def build(plan, actors, quarter="TW1", user="operator_a"):
    return excel.template_build(unit=plan["unit"], year=YEAR, quarter=quarter, user=actors[user])


def columns_of(indicator, table=None):
    """Input name -> header text, as the template writes it in Indonesian."""
    definition = year_definition(indicator, YEAR).definition
    specs = definition.inputs
    if table:
        specs = next(s for s in specs if s.name == table).columns
    else:
        specs = [s for s in specs if s.type != "table"]
    return excel.headers(specs, indonesian=True)


def fill_scalars(wb, indicator, values):
    ws = wb[excel.SCALARS]
    row = scalar_row(ws, indicator.code)
    letters = header_columns(ws, row - 1)
    titles = columns_of(indicator)
    for name, value in values.items():
        ws[f"{letters[titles[name]]}{row}"] = value
    return row, {name: letters[titles[name]] for name in titles}


def fill_table(wb, indicator, table, rows, first=excel.TABLE_FIRST_ROW):
    ws = wb[f"{indicator.code} {table}"]
    letters = header_columns(ws, excel.TABLE_HEADER_ROW)
    titles = columns_of(indicator, table)
    for offset, values in enumerate(rows):
        for name, value in values.items():
            ws[f"{letters[titles[name]]}{first + offset}"] = value
    return {name: letters[titles[name]] for name in titles}


def do_import(plan, actors, data, quarter="TW1", today=IN_TW1, user="operator_a"):
    return realisation_import(
        actor=actors[user], unit=plan["unit"], year=YEAR, quarter=quarter, data=data, today=today
    )


def enter(plan, actors, code, inputs, user="operator_a"):
    """Save through the entry form's service, as if typed on the quarter page."""
    return realisation_save(
        actor=actors[user],
        unit=plan["unit"],
        indicator=plan[code],
        year=YEAR,
        period="TW1",
        inputs=inputs,
        expected_version=0,
        today=IN_TW1,
    )


def located(exc):
    return {(p.sheet, p.row, p.column) for p in exc.problems}


# --- the template -----------------------------------------------------------------------------------
def test_template_has_cover_scalar_sheet_and_one_sheet_per_table(plan, actors):
    wb = open_workbook(build(plan, actors))
    assert wb.sheetnames == ["Petunjuk", "Isian", "IK-02 kapal"]
    marker = excel.read_marker(wb)
    assert (marker["unit"], marker["year"], marker["quarter"]) == ("PSDKP-TARAKAN", YEAR, "TW1")
    versions = {e["indicator"]: e["version"] for e in marker["entries"]}
    assert versions["IK-02"] == year_definition(plan["IK-02"], YEAR).version.pk
    # IK-15 is a semester indicator: entered at TW2, not TW1.
    assert set(versions) == {"IK-02", "IK-04", "IK-09", "IK-13"}
    cover = wb["Petunjuk"]
    marker_row = next(c.row for c in cover["A"] if str(c.value or "").startswith(excel.MARKER_PREFIX))
    assert cover.row_dimensions[marker_row].hidden


def test_only_input_cells_are_unlocked_and_sheets_are_protected(plan, actors):
    wb = open_workbook(build(plan, actors))
    ws = wb["Isian"]
    row = scalar_row(ws, "IK-09")
    assert ws.protection.sheet
    assert ws.protection.password is None
    assert ws[f"A{row}"].protection.locked  # the code
    assert not ws[f"D{row}"].protection.locked
    assert not ws[f"E{row}"].protection.locked
    assert ws[f"F{row}"].protection.locked  # the stored value, shown for information
    table = wb["IK-02 kapal"]
    assert table.protection.sheet
    assert table["A6"].protection.locked
    assert not table["B6"].protection.locked
    assert table[f"B{excel.TABLE_HEADER_ROW}"].protection.locked


def test_booleans_and_choices_have_lists(plan, actors):
    wb = open_workbook(build(plan, actors))
    lists = {dv.formula1 for dv in wb["Isian"].data_validations.dataValidation if dv.type == "list"}
    assert '"Ya,Tidak"' in lists  # IK-04's stock-on-board flags
    wb2 = open_workbook(build(plan, actors, quarter="TW2"))
    choices = {dv.formula1 for dv in wb2["IK-15 pegawai"].data_validations.dataValidation}
    assert '"struktural,fungsional,staf"' in choices


def test_existing_rows_are_prefilled(plan, actors):
    enter(plan, actors, "IK-02", {"kapal": [VESSEL, VESSEL]}, user="operator_a")
    wb = open_workbook(build(plan, actors))
    ws = wb["IK-02 kapal"]
    letters = header_columns(ws, excel.TABLE_HEADER_ROW)
    column = letters[columns_of(plan["IK-02"], "kapal")["periksa_kapal_target"]]
    assert [ws[f"{column}{r}"].value for r in (6, 7, 8)] == [270, 270, None]
    assert ws["D3"].value == pytest.approx(87.67)


def test_sheet_names_are_safe_and_short():
    taken = set()
    assert excel.sheet_name("IK-02", "kapal", taken) == "IK-02 kapal"
    assert excel.sheet_name("IK-02", "kapal", taken) == "IK-02 kapal (2)"
    long = excel.sheet_name("IK/99:x", "tabel_yang_sangat_panjang_sekali", taken)
    assert len(long) <= 31
    assert not set(long) & set("[]:*?/\\")


# --- the round trip ---------------------------------------------------------------------------------
def test_round_trip_saves_the_values_and_ik02_gives_the_worked_example(plan, actors):
    wb = open_workbook(build(plan, actors))
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL])
    fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 9, "kasus_ditangani": 10})
    report = do_import(plan, actors, save(wb))
    assert report.saved == ["IK-02 TW1", "IK-09 TW1"]
    assert report.untouched == ["IK-04 TW1", "IK-13 TW1"]
    ik02 = Realisation.objects.get(indicator=plan["IK-02"], period="TW1")
    assert ik02.inputs == {"kapal": [VESSEL]}
    assert ik02.value == Decimal("87.67")
    assert ik02.state == RealisationState.VALUE
    ik09 = Realisation.objects.get(indicator=plan["IK-09"], period="TW1")
    assert ik09.inputs == {"sanksi_ditetapkan": 9, "kasus_ditangani": 10}
    assert ik09.value == Decimal(90)
    assert not Realisation.objects.filter(indicator=plan["IK-04"]).exists()


def test_empty_table_rows_are_skipped_and_booleans_read_ya_tidak(plan, actors):
    wb = open_workbook(build(plan, actors))
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL])
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL], first=excel.TABLE_FIRST_ROW + 3)  # rows 7-8 empty
    values = {}
    for item in ("bbm", "pelumas", "bahan_makanan", "air_bersih", "alat_pelayanan", "senjata_api"):
        values |= {f"{item}_target": 10, f"{item}_realisasi": 5, f"{item}_stok_tersedia": "Tidak"}
    values["bbm_stok_tersedia"] = "Ya"
    fill_scalars(wb, plan["IK-04"], values)
    do_import(plan, actors, save(wb))
    assert Realisation.objects.get(indicator=plan["IK-02"]).inputs == {"kapal": [VESSEL, VESSEL]}
    ik04 = Realisation.objects.get(indicator=plan["IK-04"]).inputs
    assert ik04["bbm_stok_tersedia"] is True
    assert ik04["pelumas_stok_tersedia"] is False


def test_a_second_download_shows_what_was_saved_and_reuploading_changes_nothing(plan, actors):
    wb = open_workbook(build(plan, actors))
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL])
    do_import(plan, actors, save(wb))
    before = Realisation.objects.get(indicator=plan["IK-02"]).row_version
    again = build(plan, actors)
    report = do_import(plan, actors, again)
    assert report.unchanged == ["IK-02 TW1"]
    assert report.saved == []
    assert Realisation.objects.get(indicator=plan["IK-02"]).row_version == before


def test_an_indicator_left_empty_is_not_cleared(plan, actors):
    enter(plan, actors, "IK-09", {"sanksi_ditetapkan": 1, "kasus_ditangani": 2}, user="operator_a")
    wb = open_workbook(build(plan, actors))
    fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": None, "kasus_ditangani": None})
    fill_scalars(wb, plan["IK-13"], {"dokumen_dipenuhi": 3, "dokumen_wajib": 4})
    report = do_import(plan, actors, save(wb))
    assert "IK-09 TW1" in report.untouched
    assert Realisation.objects.get(indicator=plan["IK-09"]).inputs == {
        "sanksi_ditetapkan": 1,
        "kasus_ditangani": 2,
    }


def test_the_computed_column_is_ignored_even_when_edited(plan, actors):
    wb = open_workbook(build(plan, actors))
    row, _letters = fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 1, "kasus_ditangani": 4})
    ws = wb["Isian"]
    ws[f"F{row}"] = 99  # "stored value", information only
    wb["IK-02 kapal"]["D3"] = 100
    do_import(plan, actors, save(wb))
    assert Realisation.objects.get(indicator=plan["IK-09"]).value == Decimal(25)
    assert not Realisation.objects.filter(indicator=plan["IK-02"]).exists()


def test_choices_accept_values_and_labels(plan, actors):
    wb = open_workbook(build(plan, actors, quarter="TW2"))
    person = {
        "jabatan": "Staf / pelaksana",
        "pendidikan": "s1",
        "nilai_skp": 95,
        "hukuman_disiplin": "tidak_pernah",
    }
    fill_table(wb, plan["IK-15"], "pegawai", [person])
    do_import(plan, actors, save(wb), quarter="TW2", today=IN_TW2)
    row = Realisation.objects.get(indicator=plan["IK-15"], period="S1").inputs["pegawai"][0]
    assert (row["jabatan"], row["pendidikan"]) == ("staf", "S1")


# --- refusals -----------------------------------------------------------------------------------------
def test_every_bad_cell_is_reported_with_sheet_row_and_column(plan, actors):
    wb = open_workbook(build(plan, actors))
    bad_vessel = {**VESSEL, "periksa_kapal_target": 2.5, "intercept_realisasi": -1}
    letters = fill_table(wb, plan["IK-02"], "kapal", [VESSEL, bad_vessel])
    row, scalar_letters = fill_scalars(
        wb, plan["IK-09"], {"sanksi_ditetapkan": "banyak", "kasus_ditangani": 10}
    )
    ik04_row, ik04 = fill_scalars(wb, plan["IK-04"], {"bbm_target": 1, "bbm_stok_tersedia": "mungkin"})
    with pytest.raises(ImportRefused) as caught:
        do_import(plan, actors, save(wb))
    where = located(caught.value)
    assert ("IK-02 kapal", 7, letters["periksa_kapal_target"]) in where
    assert ("IK-02 kapal", 7, letters["intercept_realisasi"]) in where
    assert ("Isian", row, scalar_letters["sanksi_ditetapkan"]) in where
    assert ("Isian", ik04_row, ik04["bbm_stok_tersedia"]) in where
    assert ("Isian", ik04_row, ik04["bbm_realisasi"]) in where  # required, left empty
    reasons = {(p.row, p.column): p.reason for p in caught.value.problems if p.sheet == "IK-02 kapal"}
    assert "bulat" in reasons[(7, letters["periksa_kapal_target"])]  # "harus berupa bilangan bulat"
    assert not any(p.sheet == "IK-02 kapal" and p.row == 6 for p in caught.value.problems)
    assert Realisation.objects.count() == 0


def test_a_rule_across_fields_is_reported_on_a_cell(plan, actors):
    wb = open_workbook(build(plan, actors))
    row, letters = fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 11, "kasus_ditangani": 10})
    with pytest.raises(ImportRefused) as caught:
        do_import(plan, actors, save(wb))
    assert located(caught.value) == {("Isian", row, letters["sanksi_ditetapkan"])}


def test_one_bad_cell_saves_nothing_not_even_a_valid_indicator(plan, actors):
    wb = open_workbook(build(plan, actors))
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL])
    fill_scalars(wb, plan["IK-13"], {"dokumen_dipenuhi": 3, "dokumen_wajib": 4})
    fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 1, "kasus_ditangani": 2.5})
    with pytest.raises(ImportRefused):
        do_import(plan, actors, save(wb))
    assert Realisation.objects.count() == 0


def test_a_refusal_while_saving_rolls_back_the_saves_before_it(plan, actors, monkeypatch):
    """IK-02 is saved first; a refusal at IK-09's save undoes IK-02 too."""
    from django.core.exceptions import ValidationError

    from kinerja.performance import imports

    calls = []

    def save_then_refuse(**kwargs):
        calls.append(kwargs["indicator"].code)
        if kwargs["indicator"].code == "IK-09":
            raise ValidationError({"worse_note": "lebih buruk"})
        return realisation_save(**kwargs)

    monkeypatch.setattr(imports, "realisation_save", save_then_refuse)
    wb = open_workbook(build(plan, actors))
    fill_table(wb, plan["IK-02"], "kapal", [VESSEL])
    row, _letters = fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 1, "kasus_ditangani": 2})
    with pytest.raises(ImportRefused) as caught:
        do_import(plan, actors, save(wb))
    assert calls == ["IK-02", "IK-09"]
    assert [(p.sheet, p.row, p.reason) for p in caught.value.problems] == [("Isian", row, "lebih buruk")]
    assert Realisation.objects.count() == 0


def test_formula_cells_are_refused(plan, actors):
    wb = open_workbook(build(plan, actors))
    row, letters = fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": "=1+1", "kasus_ditangani": 10})
    letters_table = fill_table(wb, plan["IK-02"], "kapal", [{**VESSEL, "sar_target": "=SUM(1,2)"}])
    with pytest.raises(ImportRefused) as caught:
        do_import(plan, actors, save(wb))
    problems = {(p.sheet, p.row, p.column): p.reason for p in caught.value.problems}
    assert set(problems) == {
        ("Isian", row, letters["sanksi_ditetapkan"]),
        ("IK-02 kapal", 6, letters_table["sar_target"]),
    }
    assert all("rumus" in reason or "formula" in reason for reason in problems.values())


def test_changed_after_download_is_refused_not_overwritten(plan, actors):
    data = build(plan, actors)
    enter(plan, actors, "IK-09", {"sanksi_ditetapkan": 1, "kasus_ditangani": 2}, user="unit_head")
    wb = open_workbook(data)
    row, _letters = fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 5, "kasus_ditangani": 6})
    with pytest.raises(ImportRefused) as caught:
        do_import(plan, actors, save(wb))
    assert [(p.sheet, p.row) for p in caught.value.problems] == [("Isian", row)]
    assert Realisation.objects.get(indicator=plan["IK-09"]).inputs["sanksi_ditetapkan"] == 1


@pytest.mark.parametrize(
    ("unit_code", "quarter"), [("PSDKP-BITUNG", "TW1"), ("PSDKP-TARAKAN", "TW2")], ids=["unit", "quarter"]
)
def test_a_workbook_of_another_unit_or_quarter_is_refused(plan, actors, org, unit_code, quarter):
    wb = open_workbook(build(plan, actors))
    fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 1, "kasus_ditangani": 2})
    with pytest.raises(ImportRefused) as caught:
        realisation_import(
            actor=actors["admin"],
            unit=org[unit_code],
            year=YEAR,
            quarter=quarter,
            data=save(wb),
            today=IN_TW2 if quarter == "TW2" else IN_TW1,
        )
    assert [(p.sheet, p.row) for p in caught.value.problems] == [("", None)]
    assert "PSDKP-TARAKAN TW1 2026" in caught.value.problems[0].reason
    assert Realisation.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not a workbook", b"kode,nilai\nIK-09,1\n", b"PK\x03\x04broken zip", b""],
    ids=["pdf", "csv", "broken-zip", "empty"],
)
def test_a_file_that_is_not_xlsx_is_refused(plan, actors, data):
    parsed = excel.workbook_parse(data=data, unit=plan["unit"], year=YEAR, quarter="TW1")
    assert len(parsed.problems) == 1
    assert parsed.problems[0].sheet == ""


def test_a_file_over_the_size_limit_is_refused(plan, actors, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 1000
    parsed = excel.workbook_parse(data=build(plan, actors), unit=plan["unit"], year=YEAR, quarter="TW1")
    assert [p.sheet for p in parsed.problems] == [""]


def test_an_xlsx_that_is_not_our_template_is_refused(plan):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    parsed = excel.workbook_parse(data=save(wb), unit=plan["unit"], year=YEAR, quarter="TW1")
    assert len(parsed.problems) == 1


def test_a_closed_window_refuses_the_import(plan, actors):
    import datetime

    wb = open_workbook(build(plan, actors))
    fill_scalars(wb, plan["IK-09"], {"sanksi_ditetapkan": 1, "kasus_ditangani": 2})
    with pytest.raises(ImportRefused):
        do_import(plan, actors, save(wb), today=datetime.date(2026, 6, 1))
    assert Realisation.objects.count() == 0
