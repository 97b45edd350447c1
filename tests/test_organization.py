import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.organization.models import OrgUnit, UnitKind
from kinerja.organization.services import unit_create, unit_update, unit_update_profile


@pytest.mark.django_db
def test_demo_tree_has_the_units_the_spec_names(org):
    tarakan = org["PSDKP-TARAKAN"]
    assert tarakan.parent.code == "DJPSDKP"
    assert org["ROREN"].parent.code == "SETJEN"
    assert org["ROREN"].name == "Biro Perencanaan"
    for code in ["PSDKP-BITUNG", "PSDKP-KUPANG", "PSDKP-BELAWAN", "PSDKP-CILACAP", "ITJEN", "SETJEN"]:
        assert code in org
    # The materialised path is the chain of ancestors.
    assert tarakan.path.startswith(org["DJPSDKP"].path)
    assert org["DJPSDKP"].path.startswith(org["KKP"].path)


@pytest.mark.django_db
def test_a_unit_must_sit_deeper_than_its_parent(org):
    with pytest.raises(ValidationError) as excinfo:
        unit_create(code="X", name="X", short_name="X", kind=UnitKind.ESELON_1, parent=org["ROREN"])
    assert "kind" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        unit_create(code="Y", name="Y", short_name="Y", kind=UnitKind.ESELON_2, parent=None)
    assert "parent" in excinfo.value.message_dict


@pytest.mark.django_db
def test_codes_are_unique_and_stored_upper_case(org):
    unit = unit_create(
        code="psdkp-tual",
        name="Stasiun PSDKP Tual",
        short_name="Tual",
        kind=UnitKind.UPT,
        parent=org["DJPSDKP"],
    )
    assert unit.code == "PSDKP-TUAL"
    with pytest.raises(ValidationError) as excinfo:
        unit_create(code="PSDKP-TUAL", name="dup", short_name="dup", kind=UnitKind.UPT, parent=org["DJPSDKP"])
    assert "code" in excinfo.value.message_dict


@pytest.mark.django_db
def test_moving_a_unit_moves_its_subtree(org):
    eselon3 = unit_create(
        code="SUB", name="Sub", short_name="Sub", kind=UnitKind.ESELON_3, parent=org["DIT-POA"]
    )
    leaf = unit_create(code="LEAF", name="Leaf", short_name="Leaf", kind=UnitKind.ESELON_4, parent=eselon3)
    unit_update(unit=eselon3, expected_version=eselon3.row_version, parent=org["DIT-PP"])
    leaf.refresh_from_db()
    assert leaf.path.startswith(org["DIT-PP"].path)
    assert not OrgUnit.objects.filter(path__startswith=org["DIT-POA"].path, code="LEAF").exists()


@pytest.mark.django_db
def test_a_unit_cannot_move_under_itself(org):
    unit = org["DJPSDKP"]
    with pytest.raises(ValidationError):
        unit_update(unit=unit, expected_version=unit.row_version, parent=org["PSDKP-TARAKAN"])


@pytest.mark.django_db
def test_second_editor_is_told_and_nothing_is_overwritten(org):
    first = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    second = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    unit_update_profile(unit=first, expected_version=first.row_version, phone="0551-21000")
    with pytest.raises(ConcurrentEditError):
        unit_update_profile(unit=second, expected_version=second.row_version, phone="0000")
    assert OrgUnit.objects.get(code="PSDKP-TARAKAN").phone == "0551-21000"


@pytest.mark.django_db
def test_profile_edits_cannot_touch_master_data(org):
    unit = org["PSDKP-TARAKAN"]
    with pytest.raises(ValidationError):
        unit_update_profile(unit=unit, expected_version=unit.row_version, name="Renamed")


@pytest.mark.django_db
def test_bad_input_names_the_field(org):
    unit = org["PSDKP-TARAKAN"]
    with pytest.raises(ValidationError) as excinfo:
        unit_update_profile(unit=unit, expected_version=unit.row_version, email="not-an-address")
    assert "email" in excinfo.value.message_dict


@pytest.mark.django_db
def test_edit_page_saves_and_history_shows_who_and_what(client, actors):
    client.force_login(actors["operator_a"])
    url = reverse("organization:unit_edit", args=["PSDKP-TARAKAN"])
    version = OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version
    response = client.post(
        url,
        {
            "address": "Jl. Yos Sudarso, Tarakan",
            "phone": "0551-1",
            "email": "",
            "website": "",
            "row_version": version,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("organization:unit_detail", args=["PSDKP-TARAKAN"])).content.decode()
    assert "Jl. Yos Sudarso, Tarakan" in page
    assert "Operator A" in page  # who changed it, in the history list
    assert "0551-1" in page


@pytest.mark.django_db
def test_stale_form_is_refused_with_a_message(client, actors):
    client.force_login(actors["operator_a"])
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    unit_update_profile(unit=unit, expected_version=unit.row_version, phone="1")
    response = client.post(
        reverse("organization:unit_edit", args=["PSDKP-TARAKAN"]),
        {"address": "x", "phone": "2", "email": "", "website": "", "row_version": 1},
    )
    assert response.status_code == 200
    assert "Reload the page" in response.content.decode() or "Muat ulang" in response.content.decode()
    assert OrgUnit.objects.get(code="PSDKP-TARAKAN").phone == "1"


@pytest.mark.django_db
def test_unit_list_shows_only_visible_units_and_filters_with_htmx(client, actors):
    client.force_login(actors["operator_b"])
    page = client.get(reverse("organization:unit_list")).content.decode()
    assert "PSDKP-BITUNG" in page
    assert "PSDKP-TARAKAN" not in page
    client.force_login(actors["planner"])
    partial = client.get(reverse("organization:unit_list"), {"q": "tarakan"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "PSDKP-TARAKAN" in body
    assert "PSDKP-BITUNG" not in body
    assert "<html" not in body  # only the rows partial
