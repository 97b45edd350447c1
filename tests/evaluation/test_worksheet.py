"""The worksheet as versioned data: the shipped LKE's structure, the checks that refuse a bad one,
the versioning services, `kinerja lke_load`, the admin and the worksheet pages."""

import copy
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.evaluation.models import (
    Component,
    Criterion,
    Evaluation,
    GradeBand,
    SubComponent,
    Worksheet,
    WorksheetStatus,
)
from kinerja.evaluation.worksheet import shipped_data, specs, worksheet_check
from kinerja.evaluation.worksheet_services import (
    criterion_update,
    worksheet_activate,
    worksheet_copy,
    worksheet_data,
    worksheet_import,
)

# The messages are read in English (the product speaks Indonesian by default).
pytestmark = pytest.mark.usefixtures("english")


def data(**changes):
    result = copy.deepcopy(shipped_data())
    result.update(code="lke-uji", title="LKE uji", valid_from=2027)
    result.update(changes)
    return result


def refusal(raw):
    with pytest.raises(ValidationError) as caught:
        worksheet_check(raw)
    return caught.value.message_dict


# --- the shipped worksheet -------------------------------------------------------------------------


def test_the_shipped_worksheet_has_the_structure_of_permenpanrb_88_2021(worksheet):
    assert worksheet.status == WorksheetStatus.ACTIVE
    assert worksheet.valid_from == 2021
    components = list(Component.objects.filter(worksheet=worksheet))
    assert [(c.code, c.weight) for c in components] == [("1", 30), ("2", 30), ("3", 15), ("4", 25)]
    counts = []
    for component in components:
        subs = list(SubComponent.objects.filter(component=component))
        assert [s.kind for s in subs] == ["pemenuhan", "kualitas", "pemanfaatan"]
        # Each component splits 20 % / 30 % / 50 %.
        assert [s.weight for s in subs] == [component.weight * Decimal(p) / 100 for p in (20, 30, 50)]
        for sub in subs:
            criteria = list(Criterion.objects.filter(subcomponent=sub).select_related("scale"))
            assert {c.scale.code for c in criteria} == {"YT" if sub.kind == "pemenuhan" else "AE"}
            counts.append(len(criteria))
    assert counts == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]
    assert sum(counts) == 80
    grades = sorted(GradeBand.objects.filter(worksheet=worksheet), key=lambda b: b.above or -1, reverse=True)
    assert [(g.grade, g.above) for g in grades] == [
        ("AA", 90),
        ("A", 80),
        ("BB", 70),
        ("B", 60),
        ("CC", 50),
        ("C", 30),
        ("D", None),
    ]
    assert {o.code: o.value for o in worksheet.scales.get(code="YT").options.all()} == {"Y": 1, "T": 0}
    assert {o.code: o.value for o in worksheet.scales.get(code="AE").options.all()} == {
        "A": 1,
        "B": Decimal("0.75"),
        "C": Decimal("0.5"),
        "D": Decimal("0.25"),
        "E": 0,
    }


def test_the_stored_worksheet_reads_back_as_the_shipped_file(worksheet):
    stored = worksheet_data(worksheet)
    shipped = shipped_data()
    for key in ("code", "title", "regulation", "valid_from"):
        assert stored[key] == shipped[key]
    for mine, theirs in zip(stored["components"], shipped["components"], strict=True):
        assert Decimal(mine["weight"]) == Decimal(theirs["weight"])
        for sub, sub_shipped in zip(mine["subcomponents"], theirs["subcomponents"], strict=True):
            assert [c["code"] for c in sub["criteria"]] == [c["code"] for c in sub_shipped["criteria"]]
            assert [c["text"] for c in sub["criteria"]] == [c["text"] for c in sub_shipped["criteria"]]
            assert [c["proof"] for c in sub["criteria"]] == [
                c.get("proof", "") for c in sub_shipped["criteria"]
            ]
    assert [(g["grade"], g["above"]) for g in stored["grades"]][:2] == [("AA", "90.00"), ("A", "80.00")]


def test_specs_read_the_worksheet_in_three_queries(worksheet, django_assert_num_queries):
    with django_assert_num_queries(3):
        components, bands = specs(worksheet)
    assert [c.code for c in components] == ["1", "2", "3", "4"]
    assert sum(len(s.criteria) for c in components for s in c.subcomponents) == 80
    assert len(bands) == 7


# --- worksheet_check -------------------------------------------------------------------------------


def test_the_shipped_file_passes_the_check():
    worksheet_check(shipped_data())


def test_subcomponent_weights_must_add_up_to_the_component():
    raw = data()
    raw["components"][0]["subcomponents"][0]["weight"] = "7"
    assert refusal(raw) == {"components.1": ["The sub-components' weights do not add up to the component's."]}


def test_component_weights_must_add_up_to_100():
    raw = data()
    raw["components"][3]["weight"] = "20"
    for sub, share in zip(raw["components"][3]["subcomponents"], ("4", "6", "10"), strict=True):
        sub["weight"] = share
    assert refusal(raw) == {"components": ["The components' weights add up to 95, not 100."]}


def test_a_criterion_must_name_a_known_scale():
    raw = data()
    raw["components"][1]["subcomponents"][1]["criteria"][0]["scale"] = "XYZ"
    assert refusal(raw) == {"2.b.1": ["Unknown answer scale XYZ."]}


def test_option_values_lie_between_0_and_1():
    raw = data()
    raw["scales"][1]["options"][0]["value"] = "1.5"
    assert refusal(raw) == {"scales.AE": ["Option values lie between 0 and 1."]}
    raw["scales"][1]["options"][0]["value"] = "-0.5"
    assert refusal(raw) == {"scales.AE": ["Not a number: -0.5"]}
    raw["scales"][1]["options"][0]["value"] = "banyak"
    assert refusal(raw) == {"scales.AE": ["Not a number: banyak"]}


def test_exactly_one_grade_has_no_floor():
    raw = data()
    raw["grades"][5]["above"] = None  # C and D both without a floor
    assert refusal(raw) == {"grades": ["Exactly one grade has no floor (the lowest)."]}
    raw["grades"][5]["above"] = "30"
    raw["grades"][6]["above"] = "0"
    assert refusal(raw) == {"grades": ["Exactly one grade has no floor (the lowest)."]}


def test_codes_must_not_repeat():
    raw = data()
    raw["components"][2]["subcomponents"][0]["criteria"][1]["code"] = "3.a.1"
    assert refusal(raw) == {"criteria": ["The code 3.a.1 is used twice."]}


def test_a_missing_field_is_named_not_a_crash():
    raw = data()
    del raw["components"][0]["subcomponents"][2]["criteria"][0]["scale"]
    assert refusal(raw) == {"components.1.1.c.1.c.1.scale": ["Missing."]}
    raw = data()
    del raw["grades"]
    assert refusal(raw) == {"grades": ["Missing."]}
    assert refusal([]) == {"worksheet": ["A JSON object is expected."]}
    assert refusal(data(valid_from="tahun")) == {"valid_from": ["A year is expected."]}
    assert refusal(data(components={})) == {"components": ["A list is expected."]}


def test_unknown_kind_and_empty_subcomponent_are_refused():
    raw = data()
    raw["components"][0]["subcomponents"][0]["kind"] = "lainnya"
    assert refusal(raw) == {"components.1.1.a": ["Unknown kind lainnya."]}
    raw = data()
    raw["components"][0]["subcomponents"][0]["criteria"] = []
    assert refusal(raw) == {"components.1.1.a": ["A sub-component needs criteria."]}


# --- the versioning services -----------------------------------------------------------------------


def test_an_administrator_imports_a_worksheet_as_a_draft(actors, worksheet):
    imported = worksheet_import(actor=actors["admin"], data=data())
    assert imported.status == WorksheetStatus.DRAFT
    assert Criterion.objects.filter(subcomponent__component__worksheet=imported).count() == 80
    assert imported.history.count() == 1
    # The version in force is untouched until the draft is put in force.
    worksheet.refresh_from_db()
    assert worksheet.status == WorksheetStatus.ACTIVE


@pytest.mark.parametrize("name", ["planner", "inspector", "operator_a", "leadership"])
def test_only_administrators_import(actors, name):
    with pytest.raises(PermissionDenied):
        worksheet_import(actor=actors[name], data=data())
    assert not Worksheet.objects.filter(code="lke-uji").exists()


def test_a_refused_import_saves_nothing(actors):
    raw = data()
    raw["components"][0]["weight"] = "31"
    with pytest.raises(ValidationError):
        worksheet_import(actor=actors["admin"], data=raw)
    assert Worksheet.objects.count() == 1
    with pytest.raises(ValidationError) as caught:
        worksheet_import(actor=actors["admin"], data=data(code="permenpanrb-88-2021"))
    assert caught.value.message_dict == {
        "code": ["A worksheet with the code permenpanrb-88-2021 exists already."]
    }
    with pytest.raises(ValidationError) as caught:
        worksheet_import(actor=actors["admin"], data=data(valid_from=1999))
    assert set(caught.value.message_dict) == {"valid_from"}
    assert Worksheet.objects.count() == 1


def test_copy_makes_a_draft_version_with_everything(actors, worksheet):
    draft = worksheet_copy(
        actor=actors["admin"], worksheet=worksheet, code="lke-2027", title="LKE 2027", valid_from=2027
    )
    assert (draft.status, draft.valid_from, draft.regulation) == ("draft", 2027, worksheet.regulation)
    mine, theirs = worksheet_data(draft), worksheet_data(worksheet)
    assert mine["components"] == theirs["components"]
    assert mine["scales"] == theirs["scales"]
    assert mine["grades"] == theirs["grades"]
    with pytest.raises(ValidationError) as caught:
        worksheet_copy(
            actor=actors["admin"], worksheet=worksheet, code="lke-2027", title="x", valid_from=2027
        )
    assert set(caught.value.message_dict) == {"code"}
    with pytest.raises(ValidationError) as caught:
        worksheet_copy(actor=actors["admin"], worksheet=worksheet, code="lke-x", title=" ", valid_from=2027)
    assert set(caught.value.message_dict) == {"title"}
    with pytest.raises(PermissionDenied):
        worksheet_copy(actor=actors["planner"], worksheet=worksheet, code="lke-y", title="y", valid_from=2027)


def test_activate_retires_the_version_in_force_from_the_same_year(actors, worksheet):
    other_year = worksheet_copy(
        actor=actors["admin"], worksheet=worksheet, code="v2027", title="v", valid_from=2027
    )
    worksheet_activate(actor=actors["admin"], worksheet=other_year)
    worksheet.refresh_from_db()
    assert worksheet.status == WorksheetStatus.ACTIVE  # a different year: both in force

    same_year = worksheet_copy(
        actor=actors["admin"], worksheet=worksheet, code="v2021b", title="v", valid_from=2021
    )
    activated = worksheet_activate(actor=actors["admin"], worksheet=same_year)
    worksheet.refresh_from_db()
    assert activated.status == WorksheetStatus.ACTIVE
    assert worksheet.status == WorksheetStatus.RETIRED
    assert [h.status for h in worksheet.history.order_by("history_date")][-1] == "retired"

    with pytest.raises(ValidationError) as caught:
        worksheet_activate(actor=actors["admin"], worksheet=worksheet)
    assert set(caught.value.message_dict) == {"status"}
    with pytest.raises(PermissionDenied):
        worksheet_activate(actor=actors["inspector"], worksheet=same_year)


def test_a_draft_with_an_empty_criterion_cannot_be_put_in_force(actors):
    raw = data()
    raw["components"][0]["subcomponents"][0]["criteria"][0]["text"] = "  "
    draft = worksheet_import(actor=actors["admin"], data=raw)
    with pytest.raises(ValidationError) as caught:
        worksheet_activate(actor=actors["admin"], worksheet=draft)
    assert caught.value.message_dict == {"text": ["The criterion 1.a.1 has no text yet."]}
    draft.refresh_from_db()
    assert draft.status == WorksheetStatus.DRAFT
    criterion = Criterion.objects.get(subcomponent__component__worksheet=draft, code="1.a.1")
    criterion_update(
        actor=actors["admin"], criterion=criterion, text="Terdapat pedoman.", guidance="Lihat LKE."
    )
    worksheet_activate(actor=actors["admin"], worksheet=draft)


def test_criterion_texts_change_only_on_an_unused_draft(actors, worksheet, org):
    in_force = Criterion.objects.get(subcomponent__component__worksheet=worksheet, code="1.a.1")
    with pytest.raises(ValidationError) as caught:
        criterion_update(actor=actors["admin"], criterion=in_force, text="baru", guidance="")
    assert caught.value.message_dict == {
        "text": ["The worksheet permenpanrb-88-2021 is not a draft: copy it to a new version to amend it."]
    }

    draft = worksheet_import(actor=actors["admin"], data=data())
    criterion = Criterion.objects.get(subcomponent__component__worksheet=draft, code="1.a.1")
    with pytest.raises(PermissionDenied):
        criterion_update(actor=actors["planner"], criterion=criterion, text="baru", guidance="")
    with pytest.raises(ValidationError) as caught:
        criterion_update(actor=actors["admin"], criterion=criterion, text="  ", guidance="")
    assert caught.value.message_dict == {"text": ["A criterion needs a text."]}
    updated = criterion_update(
        actor=actors["admin"], criterion=criterion, text=" Pedoman teknis. ", guidance="Bukti: SK."
    )
    assert (updated.text, updated.guidance) == ("Pedoman teknis.", "Bukti: SK.")

    Evaluation.objects.create(unit=org["PSDKP-TARAKAN"], year=2027, worksheet=draft)
    with pytest.raises(ValidationError) as caught:
        criterion_update(actor=actors["admin"], criterion=criterion, text="lagi", guidance="")
    assert caught.value.message_dict == {
        "text": ["The worksheet lke-uji is used by an evaluation and can no longer change."]
    }
    criterion.refresh_from_db()
    assert criterion.text == "Pedoman teknis."


# --- kinerja lke_load ------------------------------------------------------------------------------


def write(tmp_path, raw, name="lke.json"):
    path = tmp_path / name
    path.write_text(raw if isinstance(raw, str) else json.dumps(raw), encoding="utf-8")
    return str(path)


def test_lke_load_loads_a_draft_and_prints_a_summary(db, tmp_path, capsys):
    call_command("lke_load", write(tmp_path, data()))
    summary = json.loads(capsys.readouterr().out.strip())
    assert summary == {
        "code": "lke-uji",
        "status": "draft",
        "valid_from": 2027,
        "components": 4,
        "criteria": 80,
        "grades": 7,
    }


def test_lke_load_activate_puts_it_in_force(db, tmp_path, capsys):
    call_command("lke_load", write(tmp_path, data(valid_from=2021)), "--activate")
    assert json.loads(capsys.readouterr().out)["status"] == "active"
    assert Worksheet.objects.get(code="permenpanrb-88-2021").status == WorksheetStatus.RETIRED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a JSON file"),
        (json.dumps({**data(), "grades": []}), "grades: Exactly one grade has no floor (the lowest)."),
        (json.dumps(data(code="permenpanrb-88-2021")), "code: A worksheet with the code permenpanrb-88-2021"),
    ],
)
def test_lke_load_refuses_a_bad_file_with_exit_code_2(db, tmp_path, content, message):
    with pytest.raises(CommandError) as caught:
        call_command("lke_load", write(tmp_path, content))
    assert caught.value.returncode == 2
    assert message in str(caught.value)
    assert Worksheet.objects.count() == 1


def test_lke_load_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("lke_load", str(tmp_path / "none.json"))
    assert caught.value.returncode == 2
    assert "cannot read the file" in str(caught.value)


def test_a_refused_activation_leaves_nothing_behind(db, tmp_path):
    raw = data()
    raw["components"][0]["subcomponents"][0]["criteria"][0]["text"] = ""
    with pytest.raises(CommandError) as caught:
        call_command("lke_load", write(tmp_path, raw), "--activate")
    assert "text: The criterion 1.a.1 has no text yet." in str(caught.value)
    assert not Worksheet.objects.filter(code="lke-uji").exists()


# --- the admin -------------------------------------------------------------------------------------


def test_the_admin_edits_a_draft_criterion_through_the_service(actors, login):
    draft = worksheet_import(actor=actors["admin"], data=data())
    criterion = Criterion.objects.get(subcomponent__component__worksheet=draft, code="2.b.3")
    client = login(actors["admin"])
    url = reverse("admin:evaluation_criterion_change", args=[criterion.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Teks lengkap.", "guidance": "Panduan."})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.text, criterion.guidance) == ("Teks lengkap.", "Panduan.")


def test_the_admin_shows_a_worksheet_in_force_read_only(actors, login, worksheet):
    client = login(actors["admin"])
    criterion = Criterion.objects.get(subcomponent__component__worksheet=worksheet, code="1.a.1")
    url = reverse("admin:evaluation_criterion_change", args=[criterion.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="text"' not in page.content
    assert client.post(url, {"text": "x", "guidance": ""}).status_code == 403
    assert client.get(reverse("admin:evaluation_worksheet_change", args=[worksheet.pk])).status_code == 200
    assert client.get(reverse("admin:evaluation_worksheet_add")).status_code == 403


# --- the pages -------------------------------------------------------------------------------------


def test_the_worksheet_pages_show_the_structure(actors, login, worksheet, english):
    client = login(actors["operator_a"])
    listing = client.get(reverse("evaluation:worksheets"))
    assert listing.status_code == 200
    assert reverse("evaluation:worksheet", kwargs={"code": worksheet.code}).encode() in listing.content
    page = client.get(reverse("evaluation:worksheet", kwargs={"code": worksheet.code}))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("data-criterion=") == 80
    assert (
        html.count("Kinerja can propose an answer")
        == Criterion.objects.filter(subcomponent__component__worksheet=worksheet).exclude(proof="").count()
    )
    assert 'data-proof="renstra"' in html
    assert "6 criteria, each worth 1.00 with the top answer" in html
    assert "11 criteria, each worth 0.82 with the top answer" in html
    assert html.index('data-grade="AA"') < html.index('data-grade="BB"') < html.index('data-grade="D"')


def test_a_draft_is_seen_by_administrators_only(actors, login):
    worksheet_import(actor=actors["admin"], data=data())
    url = reverse("evaluation:worksheet", kwargs={"code": "lke-uji"})
    assert login(actors["inspector"]).get(url).status_code == 404
    assert b"lke-uji" not in login(actors["inspector"]).get(reverse("evaluation:worksheets")).content
    assert login(actors["admin"]).get(url).status_code == 200
