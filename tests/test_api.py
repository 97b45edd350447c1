import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from kinerja.organization.models import OrgUnit


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_lists_the_endpoints():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert "/api/units/{code}/" in schema["paths"]
    assert "patch" in schema["paths"]["/api/units/{code}/"]


@pytest.mark.django_db
def test_unit_list_is_restricted(client, actors):
    client.force_login(actors["operator_a"])
    codes = [row["code"] for row in client.get(reverse("api:unit-list")).json()["results"]]
    assert codes == ["PSDKP-TARAKAN"]


@pytest.mark.django_db
def test_patch_with_a_stale_version_is_a_conflict(client, actors):
    client.force_login(actors["operator_a"])
    url = reverse("api:unit-detail", args=["PSDKP-TARAKAN"])
    version = OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version
    ok = client.patch(url, {"phone": "1", "row_version": version}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["row_version"] == version + 1
    stale = client.patch(url, {"phone": "2", "row_version": version}, content_type="application/json")
    assert stale.status_code == 409
    assert OrgUnit.objects.get(code="PSDKP-TARAKAN").phone == "1"


@pytest.mark.django_db
def test_bad_field_is_named(client, actors):
    client.force_login(actors["operator_a"])
    url = reverse("api:unit-detail", args=["PSDKP-TARAKAN"])
    version = OrgUnit.objects.get(code="PSDKP-TARAKAN").row_version
    response = client.patch(url, {"email": "nope", "row_version": version}, content_type="application/json")
    assert response.status_code == 400
    assert "email" in response.json()


@pytest.mark.django_db
def test_api_docs_are_served_without_a_cdn(client):
    page = client.get(reverse("api:docs")).content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()


@pytest.mark.django_db
def test_schema_generation_has_no_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", validate=True, fail_on_warn=True, file=str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi:")
