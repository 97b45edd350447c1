"""The final LKj: uploaded by the unit's head or operator, published, withdrawn with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.transparency import services
from kinerja.transparency.models import Publication

from .helpers import YEAR, pdf, tarakan

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(actors, catalog):
    return services.publication_upload(
        actor=actors["operator_a"], unit=tarakan(), year=YEAR, title="LKj 2025", upload=pdf()
    )


def test_lifecycle_and_history(actors, draft):
    assert draft.status == "draft"
    published = services.publication_publish(
        actor=actors["operator_a"], publication=draft, expected_version=draft.row_version
    )
    assert published.status == "published"
    assert published.published_by == actors["operator_a"]
    withdrawn = services.publication_withdraw(
        actor=actors["unit_head"],
        publication=published,
        reason="Versi salah",
        expected_version=published.row_version,
    )
    assert withdrawn.status == "withdrawn"
    assert withdrawn.withdraw_reason == "Versi salah"
    history = list(Publication.history.filter(id=draft.pk).order_by("history_date"))
    assert [h.status for h in history] == ["draft", "published", "withdrawn"]
    assert history[-1].history_user == actors["unit_head"]
    # Withdrawn stays withdrawn: the history keeps it; a corrected file is a new upload.
    with pytest.raises(ValidationError):
        services.publication_publish(
            actor=actors["operator_a"], publication=withdrawn, expected_version=withdrawn.row_version
        )


def test_withdraw_needs_a_reason(actors, draft):
    published = services.publication_publish(
        actor=actors["operator_a"], publication=draft, expected_version=draft.row_version
    )
    with pytest.raises(ValidationError) as error:
        services.publication_withdraw(
            actor=actors["operator_a"],
            publication=published,
            reason="  ",
            expected_version=published.row_version,
        )
    assert "reason" in error.value.message_dict


def test_one_published_per_year(actors, draft):
    services.publication_publish(
        actor=actors["operator_a"], publication=draft, expected_version=draft.row_version
    )
    second = services.publication_upload(
        actor=actors["operator_a"], unit=tarakan(), year=YEAR, title="LKj 2025 lagi", upload=pdf("b.pdf")
    )
    with pytest.raises(ValidationError) as error:
        services.publication_publish(
            actor=actors["operator_a"], publication=second, expected_version=second.row_version
        )
    assert "status" in error.value.message_dict


def test_stale_version_is_refused(actors, draft):
    with pytest.raises(ConcurrentEditError):
        services.publication_publish(actor=actors["operator_a"], publication=draft, expected_version=99)


@pytest.mark.parametrize("actor", ["operator_b", "planner", "inspector", "leadership"])
def test_only_the_units_staff_may_upload_or_publish(actors, draft, actor):
    with pytest.raises(PermissionDenied):
        services.publication_upload(actor=actors[actor], unit=tarakan(), year=YEAR, title="x", upload=pdf())
    with pytest.raises(PermissionDenied):
        services.publication_publish(
            actor=actors[actor], publication=draft, expected_version=draft.row_version
        )


def test_upload_is_checked_by_content(actors, catalog):
    with pytest.raises(ValidationError) as error:
        services.publication_upload(
            actor=actors["operator_a"],
            unit=tarakan(),
            year=YEAR,
            title="LKj",
            upload=pdf("lkj.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert "file" in error.value.message_dict
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    with pytest.raises(ValidationError) as error:
        services.publication_upload(
            actor=actors["operator_a"], unit=tarakan(), year=YEAR, title="LKj", upload=pdf("lkj.png", png)
        )
    assert error.value.message_dict["file"] == ["A published document must be a PDF."]
    assert not Publication.objects.exists()


def test_pages_upload_publish_withdraw(client, actors, catalog):
    client.force_login(actors["unit_head"])
    manage = reverse("transparency:publication_manage", args=["PSDKP-TARAKAN"])
    response = client.post(manage, {"year": YEAR, "title": "LKj Final", "file": pdf()})
    assert response.status_code == 302
    publication = Publication.objects.get()
    public_page = reverse("transparency:unit", args=["PSDKP-TARAKAN"])
    assert "LKj Final" not in client.get(public_page, {"year": YEAR}).content.decode()
    client.post(
        reverse("transparency:publication_publish", args=[publication.pk]),
        {"row_version": publication.row_version},
    )
    publication.refresh_from_db()
    assert publication.status == "published"
    assert "LKj Final" in client.get(public_page, {"year": YEAR}).content.decode()
    response = client.post(
        reverse("transparency:publication_withdraw", args=[publication.pk]),
        {"row_version": publication.row_version, "reason": "Diganti"},
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == "withdrawn"
    assert "LKj Final" not in client.get(public_page, {"year": YEAR}).content.decode()
    page = client.get(manage).content.decode()
    assert "Diganti" in page
    assert "Withdrawn" in page


def test_page_refuses_a_non_pdf(client, actors, catalog):
    client.force_login(actors["operator_a"])
    manage = reverse("transparency:publication_manage", args=["PSDKP-TARAKAN"])
    response = client.post(manage, {"year": YEAR, "title": "LKj", "file": pdf("lkj.pdf", b"hello")})
    assert response.status_code == 200
    assert "This file is not accepted" in response.content.decode()
    assert not Publication.objects.exists()


def test_page_permissions(client, actors, catalog):
    manage = reverse("transparency:publication_manage", args=["PSDKP-TARAKAN"])
    client.force_login(actors["operator_b"])
    assert client.get(manage).status_code == 404
    client.force_login(actors["planner"])
    page = client.get(manage)
    assert page.status_code == 200
    assert "Upload the final LKj" not in page.content.decode()
    assert client.post(manage, {"year": YEAR, "title": "x", "file": pdf()}).status_code == 403


def test_withdraw_page_without_a_reason_says_so(client, actors, catalog):
    publication = services.publication_upload(
        actor=actors["operator_a"], unit=tarakan(), year=YEAR, title="LKj", upload=pdf()
    )
    publication = services.publication_publish(
        actor=actors["operator_a"], publication=publication, expected_version=publication.row_version
    )
    client.force_login(actors["operator_a"])
    response = client.post(
        reverse("transparency:publication_withdraw", args=[publication.pk]),
        {"row_version": publication.row_version, "reason": ""},
        follow=True,
    )
    assert "This field is required." in response.content.decode()
    publication.refresh_from_db()
    assert publication.status == "published"
