"""The catalogue pages: list, sheet, PDF, create, edit, formula editor, live check, coba hitung, cascade."""

import datetime
import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from kinerja.catalog.editor import ComputationEditor, flatten
from kinerja.catalog.models import Indicator, IndicatorVersion
from tests.formula.helpers import WORKED_VESSEL as VESSEL  # the worked example of indicators.md


@pytest.fixture
def demo(org, actors):
    from kinerja.accounts import demo as accounts_demo
    from kinerja.catalog import demo as catalog_demo

    accounts_demo.load(lambda _msg: None)
    catalog_demo.load(lambda _msg: None)
    return {(i.unit.code, i.code): i for i in Indicator.objects.select_related("unit")}


def ik(code, unit="PSDKP-TARAKAN"):
    return Indicator.objects.select_related("current_version", "unit").get(unit__code=unit, code=code)


def codes(response):
    return {i.code for i in response.context["indicators"]}


def sheet_post(indicator, **changes):
    data = {
        "sasaran": indicator.sasaran_id,
        "name": indicator.name,
        "kind": indicator.kind,
        "definition": indicator.definition,
        "description": indicator.description,
        "manual_formula_text": indicator.manual_formula_text,
        "target_aspect": indicator.target_aspect,
        "validity": indicator.validity,
        "data_source": indicator.data_source,
        "calculation_note": indicator.calculation_note,
        "responsible_unit": indicator.responsible_unit,
        "data_status": indicator.data_status,
        "cascading_method": indicator.cascading_method,
        "parent_indicator": indicator.parent_indicator_id or "",
        "notes": indicator.notes,
        "source_notes": "\n".join(indicator.source_notes),
        "evidence": "\n".join(e.name for e in indicator.evidence_requirements.all()),
        "is_active": "on",
        "row_version": indicator.row_version,
    }
    data.update(changes)
    return data


def try_post(indicator_pk, rows, target=80, period="TW1", table="kapal"):
    data = {"indicator": indicator_pk, "t-period": period, "t-target": str(target)}
    for r, row in enumerate(rows):
        data[f"t-row-{table}-{r}"] = "1"
        for key, value in row.items():
            if value is True:
                data[f"t-in-{table}-{r}-{key}"] = "on"
            elif value is not False:
                data[f"t-in-{table}-{r}-{key}"] = str(value)
    return data


# --- list ------------------------------------------------------------------------------------------


def test_list_filters_and_groups(client, demo, actors):
    client.force_login(actors["planner"])
    url = reverse("catalog:indicator_list")
    everything = client.get(url)
    assert everything.status_code == 200
    assert len(everything.context["indicators"]) == 29
    assert b"Stasiun Pengawasan SDKP Tarakan" in everything.content
    assert b"IK-25" in everything.content
    assert codes(client.get(url, {"q": "kapal pengawas"})) == {"IK-02", "IK-04"}
    assert codes(client.get(url, {"q": "ik-1"})) >= {"IK-10", "IK-19"}
    assert codes(client.get(url, {"kind": "IKU"})) == {
        "IKU-KKP-01",
        "IKU-KKP-02",
        "IKU-PSDKP-01",
        "IKU-PSDKP-02",
    }
    assert codes(client.get(url, {"periodicity": "semester"})) == {"IK-01", "IK-15", "IK-24"}
    assert codes(client.get(url, {"unit": "DJPSDKP"})) == {"IKU-PSDKP-01", "IKU-PSDKP-02"}
    sasaran = ik("IK-07").sasaran
    assert codes(client.get(url, {"sasaran": sasaran.pk})) == {"IK-07"}
    by_name = client.get(url, {"sort": "name", "unit": "PSDKP-TARAKAN"})
    names = [i.name for i in by_name.context["indicators"]]
    assert names == sorted(names)
    assert not by_name.context["grouped"]
    # Junk filter values are ignored, not an error.
    assert client.get(url, {"sasaran": "x", "sort": "evil", "kind": "??"}).status_code == 200


def test_list_htmx_returns_the_results_partial(client, demo, actors):
    client.force_login(actors["planner"])
    response = client.get(reverse("catalog:indicator_list"), {"q": "IK-02"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"IK-02" in response.content


def test_list_is_restricted(client, demo, actors):
    client.force_login(actors["operator_b"])
    seen = codes(client.get(reverse("catalog:indicator_list")))
    assert seen == {"IKU-KKP-01", "IKU-KKP-02", "IKU-PSDKP-01", "IKU-PSDKP-02"}
    client.force_login(actors["operator_a"])
    seen = codes(client.get(reverse("catalog:indicator_list")))
    assert len(seen) == 29
    assert "IK-02" in seen
    assert "IKU-KKP-01" in seen
    # A unit filter cannot reach what the selector hides.
    client.force_login(actors["operator_b"])
    assert codes(client.get(reverse("catalog:indicator_list"), {"unit": "PSDKP-TARAKAN"})) == set()


# --- the sheet and its PDF ------------------------------------------------------------------------


def test_sheet_shows_every_field(client, demo, actors):
    client.force_login(actors["operator_a"])
    indicator = ik("IK-02")
    response = client.get(reverse("catalog:indicator_detail", args=[indicator.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        indicator.sasaran.code,
        "Indeks Kinerja Operasi Kapal Pengawas",
        indicator.definition[:40],
        indicator.description[:40],
        "IKP = Σ (i = 1..4)",
        "TW 2 = Nilai rata-rata",
        "Laporan Operasi Kapal Pengawas",
        "Yusuf Kepala Stasiun Tarakan",
        "Manual IKU Stasiun PSDKP Tarakan",
        "Rina Perencana",
        "Stasiun PSDKP Tarakan",
        "periksa_kapal_target",
        "ops_bersama_realisasi",
        "indeks",
        "Rata-rata kumulatif",
        "Maksimal",
        "Triwulanan",
        "Output, kendali rendah",
    ]:
        assert text in html, text
    assert "Keputusan tafsir manual" in html  # the decisions
    assert "Formula garbled in OCR" in html  # the notes on the source
    assert 'class="fl"' in html
    assert "weighted" in html
    assert "catalog/formula/try/" in html  # readers may try the saved formula
    assert reverse("catalog:formula_edit", args=[indicator.pk]) not in html  # but not edit it


def test_sheet_shows_bands_options_and_cascade(client, demo, actors):
    client.force_login(actors["planner"])
    html = client.get(reverse("catalog:indicator_detail", args=[ik("IK-10").pk])).content.decode()
    assert "predikat" in html
    assert "Sangat Baik" in html
    assert "[75, 100]" in html
    html = client.get(reverse("catalog:indicator_detail", args=[ik("IK-15").pk])).content.decode()
    assert "S3 = 25" in html
    assert "Berat = 1" in html
    assert "hukuman_disiplin" in html
    html = client.get(reverse("catalog:indicator_detail", args=[ik("IK-20").pk])).content.decode()
    assert "IKU-PSDKP-01" in html  # cascaded from
    parent = ik("IKU-PSDKP-01", unit="DJPSDKP")
    html = client.get(reverse("catalog:indicator_detail", args=[parent.pk])).content.decode()
    assert "IK-20" in html
    assert "IKU-KKP-01" in html
    assert reverse("catalog:formula_edit", args=[parent.pk]) in html  # planners may edit


def test_sheet_of_another_unit_is_not_found(client, demo, actors):
    client.force_login(actors["operator_b"])
    assert client.get(reverse("catalog:indicator_detail", args=[ik("IK-02").pk])).status_code == 404
    assert client.get(reverse("catalog:indicator_pdf", args=[ik("IK-02").pk])).status_code == 404


def test_pdf_is_a_pdf(client, demo, actors):
    client.force_login(actors["operator_a"])
    response = client.get(reverse("catalog:indicator_pdf", args=[ik("IK-15").pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="PSDKP-TARAKAN-IK-15.pdf"'
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Indeks Profesionalitas ASN" in text
    assert "pendidikan" in text


# --- create and edit -------------------------------------------------------------------------------


def test_planner_creates_an_indicator(client, demo, actors):
    client.force_login(actors["planner"])
    url = reverse("catalog:indicator_create")
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="c-formula"' in page.content
    tarakan = ik("IK-01").unit
    sasaran = ik("IK-07").sasaran
    computation = {
        "unit": "%",
        "periodicity": "quarter",
        "aggregation": "last",
        "polarity": "maximize",
        "inputs": [
            {"name": "a", "label_id": "A", "label_en": "A", "type": "number", "min": 0},
            {
                "name": "b",
                "label_id": "B",
                "label_en": "B",
                "type": "number",
                "min": 0,
                "min_exclusive": True,
            },
        ],
        "formula": "value = a / b * 100\n",
    }
    data = {
        **flatten(computation),
        "unit": tarakan.pk,
        "sasaran": sasaran.pk,
        "code": "IK-26",
        "name": "Persentase uji",
        "kind": "IK",
        "is_active": "on",
        "reason": "Indikator baru",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Indicator.objects.get(unit=tarakan, code="IK-26")
    assert created.current_version.number == 1
    assert created.computation == computation
    assert created.current_version.created_by == actors["planner"]
    # The unit's objectives come with the unit (HTMX), and a duplicate code is refused by name.
    options = client.get(url, {"unit": tarakan.pk}, headers={"HX-Request": "true"})
    assert b"SK-03" in options.content
    assert b"SS-01" not in options.content
    again = client.post(url, data)
    assert again.status_code == 200
    assert again.context["form"].errors["code"] == ["Unit ini sudah memiliki indikator dengan kode ini."]
    assert Indicator.objects.filter(code="IK-26").count() == 1


def test_create_refuses_a_bad_formula_and_a_foreign_objective(client, demo, actors):
    client.force_login(actors["planner"])
    tarakan = ik("IK-01").unit
    data = {
        **flatten(
            {
                "unit": "%",
                "periodicity": "quarter",
                "aggregation": "last",
                "inputs": [],
                "formula": "value = tidak_ada + 1\n",
            }
        ),
        "unit": tarakan.pk,
        "sasaran": ik("IKU-KKP-01", unit="KKP").sasaran_id,
        "code": "IK-27",
        "name": "Uji",
        "kind": "IK",
        "is_active": "on",
    }
    response = client.post(reverse("catalog:indicator_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "baris 1, kolom 9" in html
    assert "tidak_ada" in html
    assert not Indicator.objects.filter(code="IK-27").exists()


def test_only_definers_create_and_edit(client, demo, actors):
    indicator = ik("IK-02")
    for actor in ("operator_a", "unit_head", "inspector", "leadership"):
        client.force_login(actors[actor])
        assert client.get(reverse("catalog:indicator_create")).status_code == 403
        assert client.get(reverse("catalog:indicator_edit", args=[indicator.pk])).status_code == 403
        assert client.get(reverse("catalog:formula_edit", args=[indicator.pk])).status_code == 403
    client.force_login(actors["operator_b"])
    assert client.get(reverse("catalog:formula_edit", args=[indicator.pk])).status_code == 404


def test_edit_sheet_and_concurrent_edit(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-02")
    url = reverse("catalog:indicator_edit", args=[indicator.pk])
    assert client.get(url).status_code == 200
    stale = sheet_post(indicator, data_status="Raw Data")
    evidence = "Laporan Operasi Kapal Pengawas\nFoto kegiatan patroli"
    response = client.post(
        url,
        sheet_post(
            indicator, data_status="Hasil Perhitungan Raw Data", source_notes="satu\ndua", evidence=evidence
        ),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.data_status == "Hasil Perhitungan Raw Data"
    assert indicator.source_notes == ["satu", "dua"]
    documents = [(e.name, e.kinds, e.required) for e in indicator.evidence_requirements.all()]
    assert documents == [
        ("Laporan Operasi Kapal Pengawas", ["file"], True),
        ("Foto kegiatan patroli", ["file"], True),
    ]
    # A second editor who opened the page before the first save is told, and nothing of theirs is saved.
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Reload the page" in response.content.decode() or "Muat ulang" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.data_status == "Hasil Perhitungan Raw Data"


# --- the formula editor ----------------------------------------------------------------------------


def test_structured_editor_round_trips_every_demo_formula(demo):
    for indicator in Indicator.objects.select_related("current_version"):
        editor = ComputationEditor.for_computation(indicator.computation)
        assert editor.computation == indicator.computation, indicator.code
        assert not editor.use_json, indicator.code


def test_unchanged_formula_keeps_its_version(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-02")
    url = reverse("catalog:formula_edit", args=[indicator.pk])
    response = client.post(
        url,
        {
            **flatten(indicator.computation),
            "reason": "tidak ada perubahan",
            "row_version": indicator.row_version,
        },
    )
    assert response.status_code == 302
    assert ik("IK-02").current_version.number == 1


def test_saving_a_formula_makes_a_new_version(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-02")
    url = reverse("catalog:formula_edit", args=[indicator.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"kapal.indeks" in page.content
    data = flatten(indicator.computation)
    data["c-formula"] = data["c-formula"].replace(
        "value = mean(kapal.indeks)", "value = round(mean(kapal.indeks), 1)"
    )
    data["c-unit"] = "indeks (0-100)"
    data["c-in-0-col-0-label_id"] = "Target pemeriksaan kapal"
    # Without a reason nothing is saved, and the reason field says why.
    response = client.post(url, {**data, "row_version": indicator.row_version, "reason": ""})
    assert response.status_code == 200
    assert response.context["meta"].errors["reason"]
    assert ik("IK-02").current_version.number == 1
    response = client.post(
        url, {**data, "row_version": indicator.row_version, "reason": "Dibulatkan satu desimal"}
    )
    assert response.status_code == 302
    indicator = ik("IK-02")
    assert indicator.current_version.number == 2
    assert indicator.computation["unit"] == "indeks (0-100)"
    assert indicator.computation["inputs"][0]["columns"][0]["label_id"] == "Target pemeriksaan kapal"
    assert indicator.current_version.reason == "Dibulatkan satu desimal"
    assert IndicatorVersion.objects.get(indicator=indicator, number=1).definition["unit"] == "indeks"
    html = client.get(reverse("catalog:indicator_detail", args=[indicator.pk])).content.decode()
    assert "Dibulatkan satu desimal" in html
    assert "v2" in html


def test_a_refused_formula_keeps_the_old_version_and_names_the_problem(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-02")
    url = reverse("catalog:formula_edit", args=[indicator.pk])
    data = flatten(indicator.computation)
    data["c-formula"] = "value = mean(kapal.indeks\n"
    data["c-in-0-col-2-name"] = "Bad Name"
    response = client.post(url, {**data, "row_version": indicator.row_version, "reason": "uji"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"baris \d+, kolom \d+", html)
    assert "Kolom 3 (Bad Name)" in html or "kolom 3 (Bad Name)" in html  # the problem names the row
    assert 'id="ed-in-0-col-2"' in html
    assert "has-problems" in html
    assert ik("IK-02").current_version.number == 1


def test_a_stale_formula_edit_is_refused(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-02")
    url = reverse("catalog:formula_edit", args=[indicator.pk])
    data = flatten({**indicator.computation, "unit": "indeks baru"})
    assert (
        client.post(url, {**data, "row_version": indicator.row_version, "reason": "pertama"}).status_code
        == 302
    )
    data = flatten({**indicator.computation, "unit": "indeks lain"})
    response = client.post(url, {**data, "row_version": indicator.row_version, "reason": "kedua"})
    assert response.status_code == 200
    assert ik("IK-02").computation["unit"] == "indeks baru"


def test_json_fallback_saves_too(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-09")
    computation = {**indicator.computation, "x_source": "uji"}
    data = {
        **flatten(indicator.computation),
        "c-use_json": "on",
        "c-json": json.dumps(computation),
        "row_version": indicator.row_version,
        "reason": "lewat JSON",
    }
    assert client.post(reverse("catalog:formula_edit", args=[indicator.pk]), data).status_code == 302
    assert ik("IK-09").computation["x_source"] == "uji"
    # The structured editor keeps keys it does not show.
    editor = ComputationEditor.for_computation(ik("IK-09").computation)
    assert editor.computation["x_source"] == "uji"
    assert not editor.use_json


# --- live check ------------------------------------------------------------------------------------


def check(client, indicator, **fields):
    data = {**flatten(indicator.computation), "indicator": indicator.pk, **fields}
    return client.post(reverse("catalog:formula_check"), data)


def test_live_check_lists_problems_and_dependencies(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-10")
    ok = check(client, indicator)
    assert ok.status_code == 200
    html = ok.content.decode()
    assert "data-check-ok" in html
    assert "selesai_diperiksa" in html
    assert "predikat" in html
    bad = check(
        client, indicator, **{"c-formula": 'p = selesai_diperiksa / laporan\nvalue = band(p, "predikat")\n'}
    )
    html = bad.content.decode()
    assert "baris 1, kolom 25" in html
    assert "Nama tidak dikenal: laporan" in html
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    english = check(client, indicator, **{"c-formula": "value = 1 +\n"})
    assert "line 1, column" in english.content.decode()
    assert "to fix" in english.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"c-formula": "value = __import__('os').system('id')\n"},
        {"c-formula": "value = " + "(" * 10_000 + "1" + ")" * 10_000},
        {"c-formula": "value = " + "(" * 5_000 + "1"},
        {"c-formula": "\x00\ufeff value = 1 ** 99999999999999999999 / 0"},
        {"c-formula": "x" * 100_000},
        {"c-use_json": "on", "c-json": "[" * 100_000},
        {"c-use_json": "on", "c-json": '{"inputs": 5, "formula": 7, "bands": [1]}'},
        {"c-use_json": "on", "c-json": "not json"},
        {
            "c-orig": "[[[[",
            "c-in-0-orig": "{",
            "c-in-9999-name": "x",
            "c-band-0-name": "",
            "c-band-0-row-0-lower": "abc",
            "c-con-0-rule": "(((",
            "c-category_source": "evil",
        },
        {
            "c-in-0-type": "table",
            "c-in-0-col-0-name": "a",
            "c-in-0-col-0-type": "choice",
            "c-in-0-col-0-options": "= = = |||\n|\n=5",
            "c-in-0-min_rows": "-1",
            "c-in-0-max_rows": "1e999",
        },
        {
            "c-periodicity": "daily",
            "c-aggregation": "median",
            "c-polarity": "sideways",
            "c-category_round": "x",
        },
    ],
)
def test_live_check_never_fails_on_junk(client, demo, actors, fields):
    client.force_login(actors["planner"])
    response = check(client, ik("IK-15"), **fields)
    assert response.status_code == 200
    assert b"problem-error" in response.content


def test_live_check_needs_the_define_permission(client, demo, actors):
    indicator = ik("IK-02")
    client.force_login(actors["operator_a"])
    assert check(client, indicator).status_code == 403
    client.force_login(actors["operator_b"])
    assert check(client, indicator).status_code == 404
    client.force_login(actors["planner"])
    response = client.post(reverse("catalog:formula_check"), flatten(indicator.computation))
    assert response.status_code == 200  # a new indicator's draft, not yet tied to a unit


# --- coba hitung -----------------------------------------------------------------------------------


def test_try_the_saved_formula_gives_the_worked_example(client, demo, actors):
    client.force_login(actors["operator_a"])  # a reader of the unit
    response = client.post(reverse("catalog:formula_try"), try_post(ik("IK-02").pk, [VESSEL]))
    assert response.status_code == 200
    result = response.context["result"]
    assert str(result.value) == "87.67"
    assert str(result.achievement) == "109.58"
    assert result.status == "green"
    html = response.content.decode()
    assert "87.67" in html
    assert "109.58" in html
    assert 'data-status="green"' in html


def test_try_names_the_refused_field(client, demo, actors):
    client.force_login(actors["planner"])
    vessel = {**VESSEL, "periksa_kapal_target": "abc"}
    vessel.pop("cakupan_realisasi")
    response = client.post(reverse("catalog:formula_try"), try_post(ik("IK-02").pk, [vessel]))
    assert response.status_code == 200
    labels = [label for label, _message in response.context["input_problems"]]
    assert any("Target pemeriksaan kapal perikanan" in label and "baris 1" in label for label in labels)
    assert any("Realisasi cakupan wilayah pengawasan" in label for label in labels)


def test_try_table_rows_of_ik15_from_the_form(client, demo, actors):
    client.force_login(actors["planner"])
    rows = [
        {
            "jabatan": "struktural",
            "pendidikan": "S2",
            "diklatpim": True,
            "diklat_20jp": True,
            "seminar": False,
            "nilai_skp": 85,
            "hukuman_disiplin": "tidak_pernah",
        },  # 20 + 30 + 25 + 5 = 80
        {
            "jabatan": "staf",
            "pendidikan": "S1",
            "diklat_20jp": True,
            "seminar": True,
            "nilai_skp": "95",
            "hukuman_disiplin": "ringan",
        },  # 15 + 40 + 30 + 3 = 88
    ]
    data = try_post(ik("IK-15").pk, rows, target=90, period="S1", table="pegawai")
    response = client.post(reverse("catalog:formula_try"), data)
    result = response.context["result"]
    assert str(result.value) == "84.00"
    assert result.status == "yellow"
    # Removing a row in the browser leaves a gap in the row numbers: still two employees.
    data = {re.sub(r"pegawai-1\b", "pegawai-7", key): value for key, value in data.items()}
    assert str(client.post(reverse("catalog:formula_try"), data).context["result"].value) == "84.00"


def test_try_a_draft_needs_the_define_permission(client, demo, actors):
    indicator = ik("IK-02")
    draft = {**flatten(indicator.computation), **try_post(indicator.pk, [VESSEL]), "draft": "1"}
    draft["c-formula"] = draft["c-formula"].replace(
        "value = mean(kapal.indeks)", "value = mean(kapal.indeks) / 2"
    )
    client.force_login(actors["operator_a"])
    assert client.post(reverse("catalog:formula_try"), draft).status_code == 403
    client.force_login(actors["planner"])
    response = client.post(reverse("catalog:formula_try"), draft)
    assert str(response.context["result"].value) == "43.83"
    broken = {**draft, "c-formula": "value = (\n"}
    response = client.post(reverse("catalog:formula_try"), broken)
    assert response.status_code == 200
    assert response.context["problems"]


# --- cascade tree ----------------------------------------------------------------------------------


def test_cascade_tree_follows_what_the_user_reads(client, demo, actors):
    url = reverse("catalog:cascade")
    client.force_login(actors["operator_a"])
    html = client.get(url).content.decode()
    assert html.index("IKU-KKP-01") < html.index("IKU-PSDKP-01") < html.index("IK-20")
    assert "IK-25" in html
    client.force_login(actors["operator_b"])
    html = client.get(url).content.decode()
    assert "IKU-PSDKP-01" in html
    assert "IK-20" not in html
    client.force_login(actors["planner"])
    focus = client.get(url, {"root": ik("IKU-PSDKP-02", unit="DJPSDKP").pk}).content.decode()
    assert "IK-25" in focus
    assert "IK-20" not in focus
    assert "IKU-KKP-02" in focus
    client.force_login(actors["operator_b"])
    assert client.get(url, {"root": ik("IK-20").pk}).status_code == 404


def test_evidence_lines_say_how_each_document_is_accepted(client, demo, actors):
    client.force_login(actors["planner"])
    indicator = ik("IK-07")
    url = reverse("catalog:indicator_edit", args=[indicator.pk])
    evidence = "Surat Tugas | file, tautan\nCatatan pemeriksaan | teks | opsional\nLaporan"
    assert client.post(url, sheet_post(indicator, evidence=evidence)).status_code == 302
    documents = [(e.name, e.kinds, e.required) for e in indicator.evidence_requirements.all()]
    assert documents == [
        ("Surat Tugas", ["file", "link"], True),
        ("Catatan pemeriksaan", ["text"], False),
        ("Laporan", ["file"], True),
    ]
    indicator.refresh_from_db()
    page = client.get(url).content.decode()
    assert "Catatan pemeriksaan | text | opsional" in page
    refused = client.post(url, sheet_post(indicator, evidence="Faksimile | fax"))
    assert refused.status_code == 200
    assert "Faksimile | fax" in refused.content.decode()
    assert indicator.evidence_requirements.count() == 3


def test_planner_creates_an_objective_that_cascades_from_above(client, demo, actors):
    from kinerja.catalog.models import Sasaran

    client.force_login(actors["planner"])
    tarakan = ik("IK-02").unit
    parent = Sasaran.objects.get(unit__code="DJPSDKP", code="SP-01")
    response = client.post(
        reverse("catalog:sasaran_create"),
        {
            "unit": tarakan.pk,
            "code": "SK-07",
            "name": "Terwujudnya layanan publik yang prima",
            "kind": "kegiatan",
            "parent": parent.pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    created = Sasaran.objects.get(unit=tarakan, code="SK-07")
    assert created.parent == parent
    duplicate = client.post(
        reverse("catalog:sasaran_create"),
        {"unit": tarakan.pk, "code": "SK-07", "name": "lagi", "kind": "kegiatan", "parent": "", "note": ""},
    )
    assert duplicate.status_code == 200
    assert "sudah memiliki sasaran" in duplicate.content.decode()
    sideways = client.post(
        reverse("catalog:sasaran_create"),
        {
            "unit": tarakan.pk,
            "code": "SK-08",
            "name": "x",
            "kind": "kegiatan",
            "parent": created.pk,
            "note": "",
        },
    )
    assert sideways.status_code == 200
    assert not Sasaran.objects.filter(code="SK-08").exists()


def test_unit_head_names_the_person_in_charge_on_the_sheet(client, demo, actors):
    client.force_login(actors["unit_head"])
    indicator = ik("IK-05")
    page = client.get(reverse("catalog:indicator_detail", args=[indicator.pk])).content.decode()
    assert reverse("catalog:pic_assign", args=[indicator.pk]) in page
    response = client.post(
        reverse("catalog:pic_assign", args=[indicator.pk]),
        {"user": actors["operator_a"].pk, "start_date": "2026-02-01", "note": "operator"},
    )
    assert response.status_code == 302
    assert indicator.pic_assignments.get(end_date__isnull=True).user == actors["operator_a"]
    # Somebody outside the unit cannot be named.
    refused = client.post(
        reverse("catalog:pic_assign", args=[indicator.pk]),
        {"user": actors["planner"].pk, "start_date": "2026-03-01"},
        follow=True,
    )
    assert indicator.pic_assignments.get(end_date__isnull=True).user == actors["operator_a"]
    assert "alert-danger" in refused.content.decode()
    client.force_login(actors["operator_a"])
    page = client.get(reverse("catalog:indicator_detail", args=[indicator.pk])).content.decode()
    assert reverse("catalog:pic_assign", args=[indicator.pk]) not in page


def test_home_tells_planners_and_heads_what_the_catalogue_lacks(client, demo, actors):
    client.force_login(actors["planner"])
    page = client.get(reverse("home")).content.decode()
    assert "Indikator tanpa sasaran" in page  # six Tarakan indicators sit under the placeholder
    client.force_login(actors["unit_head"])
    assert "Indikator tanpa penanggung jawab" not in client.get(reverse("home")).content.decode()
    ik("IK-05").pic_assignments.update(end_date=datetime.date(2025, 12, 31))
    page = client.get(reverse("home")).content.decode()
    assert "Indikator tanpa penanggung jawab" in page
    client.force_login(actors["operator_a"])
    page = client.get(reverse("home")).content.decode()
    assert "Indikator tanpa" not in page


def test_pdf_renderer_fetches_nothing(client, demo, actors, monkeypatch):
    """Sheet texts are escaped, and the renderer itself refuses every URL (no SSRF, no file reads)."""
    import weasyprint

    seen = {}
    real_html = weasyprint.HTML

    def spy(*args, **kwargs):
        seen["fetcher"] = kwargs.get("url_fetcher")
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    client.force_login(actors["planner"])
    response = client.get(reverse("catalog:indicator_pdf", args=[ik("IK-13").pk]))
    assert response.content.startswith(b"%PDF")
    for url in ("http://169.254.169.254/latest", "file:///etc/passwd", "https://example.org/a.css"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            seen["fetcher"](url)
