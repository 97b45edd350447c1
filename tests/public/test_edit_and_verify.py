"""The administrator's edit of the public texts, and the document verification form."""

import uuid

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.organization.models import OrgUnit
from kinerja.public import services
from kinerja.public.forms import ProfileForm
from kinerja.public.models import PublicProfile
from kinerja.signatures.models import SignedDocument


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


def form_data(profile, **changes):
    data = {name: getattr(profile, name) for name in ProfileForm.Meta.fields}
    return {**data, "row_version": profile.row_version, **changes}


def test_administrator_changes_the_pledge_and_the_public_page_shows_it(client, actors):
    client.force_login(actors["admin"])
    assert client.get(reverse("public:profile_edit")).status_code == 200
    profile = PublicProfile.objects.get()
    response = client.post(
        reverse("public:profile_edit"),
        form_data(profile, pledge_en="We promise.", phone="021-3519070"),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.pledge_en, profile.phone, profile.row_version) == ("We promise.", "021-3519070", 2)
    record = profile.history.first()
    assert (record.pledge_en, record.history_user) == ("We promise.", actors["admin"])
    client.logout()  # which forgets the language cookie too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("public:pledge")).content.decode()
    assert "We promise." in page
    assert "021-3519070" in page


@pytest.mark.parametrize("actor", ["operator_a", "unit_head", "planner", "inspector", "leadership"])
def test_others_may_not_edit(client, actors, actor):
    client.force_login(actors[actor])
    profile = PublicProfile.objects.get()
    assert client.get(reverse("public:profile_edit")).status_code == 403
    assert client.post(reverse("public:profile_edit"), form_data(profile, vision_id="X")).status_code == 403
    assert PublicProfile.objects.get().vision_id == profile.vision_id
    with pytest.raises(PermissionDenied):
        services.profile_update(actor=actors[actor], expected_version=1, vision_id="X")


def test_anonymous_edit_goes_to_login(client):
    response = client.get(reverse("public:profile_edit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_stale_version_is_refused(client, actors):
    profile = PublicProfile.objects.get()
    services.profile_update(actor=actors["admin"], expected_version=1, vision_id="Visi baru")
    client.force_login(actors["admin"])
    response = client.post(reverse("public:profile_edit"), form_data(profile, vision_id="Visi lama diubah"))
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    assert PublicProfile.objects.get().vision_id == "Visi baru"
    with pytest.raises(ConcurrentEditError):
        services.profile_update(actor=actors["admin"], expected_version=1, address="Jl. Lain")


def test_an_invalid_email_is_refused(client, actors):
    client.force_login(actors["admin"])
    profile = PublicProfile.objects.get()
    response = client.post(reverse("public:profile_edit"), form_data(profile, email="bukan-email"))
    assert response.status_code == 200
    assert PublicProfile.objects.get().email == "pusat.layanan.roren@gmail.com"


def test_profile_ensure_never_overwrites(actors):
    services.profile_update(actor=actors["admin"], expected_version=1, vision_id="Visi baru")
    services.profile_ensure()
    assert PublicProfile.objects.get().vision_id == "Visi baru"


@pytest.fixture
def document(actors):
    return SignedDocument.objects.create(
        kind="uji",
        title="Lembar Kerja Uji",
        unit=OrgUnit.objects.get(code="PSDKP-TARAKAN"),
        file="signed/uji.pdf",
        sha256="0" * 64,
        base_sha256="0" * 64,
        created_by=actors["planner"],
    )


def verify(client, code):
    return client.get(reverse("public:verify"), {"code": code})


def test_verify_form_is_shown_empty(client):
    page = client.get(reverse("public:verify")).content.decode()
    assert 'name="code"' in page
    assert "is-invalid" not in page
    assert "This field is required" not in page


def test_a_known_code_leads_to_the_documents_public_page(client, document):
    target = reverse("signatures:public", kwargs={"public_id": document.public_id})
    response = verify(client, str(document.public_id).upper())
    assert response.status_code == 302
    assert response["Location"] == target
    # What a QR scanner copies is the whole address.
    assert verify(client, f"https://kinerja.kkp.go.id{target}")["Location"] == target


def test_an_unknown_code_is_told(client, document):
    response = verify(client, str(uuid.uuid4()))
    assert response.status_code == 200
    assert "No document signed in Kinerja has this code" in response.content.decode()


def test_something_that_is_not_a_code_is_told(client):
    response = verify(client, "ABC-123")
    assert response.status_code == 200
    assert "This is not a document code" in response.content.decode()
    assert "This field is required" in verify(client, "").content.decode()


def service_text_data(code, **changes):
    from kinerja.public.forms import ServiceTextForm
    from kinerja.public.models import ServiceText

    text = ServiceText.objects.get(standard__code=code)
    data = {name: getattr(text, name) for name in ServiceTextForm.Meta.fields}
    return {**data, "row_version": text.row_version, **changes}


def test_administrator_changes_a_services_english_texts(client, actors):
    client.force_login(actors["admin"])
    url = reverse("public:service_text_edit", args=["verifikasi"])
    page = client.get(url).content.decode()
    assert "Tim verifikator dan unit kerja menandatangani lembar kerja verifikasi" in page  # for reference
    response = client.post(url, service_text_data("verifikasi", product_en="The signed worksheet"))
    assert response.status_code == 302
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        "The signed worksheet" in client.get(reverse("public:service", args=["verifikasi"])).content.decode()
    )


def test_service_texts_refuse_others_stale_versions_and_unknown_services(client, actors):
    url = reverse("public:service_text_edit", args=["validasi"])
    client.force_login(actors["planner"])
    assert client.get(url).status_code == 403
    assert client.post(url, service_text_data("validasi", name_en="X")).status_code == 403
    client.force_login(actors["admin"])
    stale = service_text_data("validasi", name_en="Second")
    assert client.post(url, service_text_data("validasi", name_en="First")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    assert client.get(reverse("public:service_text_edit", args=["perizinan"])).status_code == 404
