"""The entry pages: the quarter, the realisation form with its live preview, evidence, submission."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.catalog.models import EvidenceRequirement
from kinerja.performance.models import Evidence, Realisation, Submission
from tests.formula.helpers import WORKED_VESSEL as VESSEL

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def vessel_post(row_version=0, vessel=VESSEL, **extra):
    data = {"t-period": "TW1", "t-row-kapal-0": "1", "row_version": row_version}
    data.update({f"t-in-kapal-0-{name}": str(value) for name, value in vessel.items()})
    data.update(extra)
    return data


def realisation_url(plan, period="TW1", key="ik02"):
    return reverse(
        "performance:realisation",
        kwargs={"code": "PSDKP-TARAKAN", "year": 2026, "period": period, "indicator": plan[key].pk},
    )


def quarter_url(quarter="TW1"):
    return reverse("performance:quarter", kwargs={"code": "PSDKP-TARAKAN", "year": 2026, "quarter": quarter})


def test_preview_shows_value_and_achievement_against_the_pk_target(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    response = client.post(realisation_url(plan) + "preview/", vessel_post())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="fs-3 fw-semibold" data-value>87.67</div>' in html
    assert "109.58" in html
    assert 'data-status="green"' in html
    assert not Realisation.objects.exists()


def test_preview_puts_each_problem_next_to_its_field(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    response = client.post(
        realisation_url(plan) + "preview/", vessel_post(vessel={**VESSEL, "intercept_target": "x"})
    )
    assert 'data-for="t-in-kapal-0-intercept_target"' in response.content.decode()


def test_saving_the_form_stores_the_value_and_shows_it(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    response = client.post(
        realisation_url(plan), vessel_post(progress="Patroli rutin", obstacles="BBM", follow_up="Ajukan BBM")
    )
    assert response.status_code == 302
    realisation = Realisation.objects.get()
    assert (realisation.value, realisation.progress, realisation.inputs["kapal"][0]["cakupan_target"]) == (
        Decimal("87.67"),
        "Patroli rutin",
        25000,
    )
    page = client.get(realisation_url(plan)).content.decode()
    assert "data-saved-value>87.67<" in page
    assert 'name="t-in-kapal-0-cakupan_realisasi"' in page
    assert 'value="30000"' in page
    assert "data-history" in page


def test_a_stale_form_is_refused_and_nothing_is_overwritten(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    client.post(realisation_url(plan), vessel_post(progress="pertama"))
    response = client.post(realisation_url(plan), vessel_post(row_version=0, progress="kedua"))
    assert response.status_code == 200
    from kinerja.core.concurrency import ConcurrentEditError

    assert response.context["form"].non_field_errors() == ConcurrentEditError().messages
    assert Realisation.objects.get().progress == "pertama"


def test_refused_inputs_rerender_the_form_with_the_field_named(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    response = client.post(realisation_url(plan), vessel_post(vessel={**VESSEL, "cakupan_target": "-5"}))
    assert response.status_code == 200
    assert 'data-for="t-in-kapal-0-cakupan_target"' in response.content.decode()


def test_after_the_deadline_the_page_is_read_only_and_a_post_is_refused(plan, actors, client, clock):
    clock.move_to("2026-04-20 10:00+07:00")
    client.force_login(actors["operator_a"])
    page = client.get(realisation_url(plan)).content.decode()
    assert "data-read-only" in page
    assert "<fieldset disabled>" in page
    response = client.post(realisation_url(plan), vessel_post())
    assert response.status_code == 200
    assert not Realisation.objects.exists()


def test_the_quarter_page_lists_states_and_missing_items(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    client.post(realisation_url(plan), vessel_post())
    page = client.get(quarter_url()).content.decode()
    assert 'data-row="IK-02-TW1"' in page
    assert 'data-state="value"' in page
    assert 'data-row="IK-09-TW1"' in page
    assert 'data-state="empty"' in page
    assert "IK-09 TW1: no realisation entered" in page


def test_not_applicable_before_the_definition_starts(plan, actors, client, clock):
    from kinerja.planning.models import FrozenDefinition

    FrozenDefinition.objects.create(
        year=plan["year"], indicator=plan["ik02"], version=plan["ik02"].current_version, start_quarter="TW2"
    )
    client.force_login(actors["operator_a"])
    page = client.get(quarter_url()).content.decode()
    assert 'data-state="not_applicable"' in page
    assert "IK-02 TW1: no realisation" not in page


def test_evidence_upload_download_and_access(plan, actors, client, clock):
    client.force_login(actors["operator_a"])
    requirement = EvidenceRequirement.objects.filter(indicator=plan["ik02"]).first()
    response = client.post(
        realisation_url(plan) + "evidence/",
        {
            "kind": "file",
            "description": "Laporan",
            "requirement": requirement.pk,
            "file": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(reverse("performance:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    client.force_login(actors["operator_b"])
    assert client.get(reverse("performance:evidence_download", args=[evidence.pk])).status_code == 404
    client.force_login(actors["inspector"])
    assert client.get(reverse("performance:evidence_download", args=[evidence.pk])).status_code == 200
    client.force_login(actors["operator_a"])
    client.post(
        realisation_url(plan) + "evidence/",
        {"kind": "file", "description": "Palsu", "file": SimpleUploadedFile("b.pdf", b"MZ\x90\x00")},
    )
    assert Evidence.objects.count() == 1


def test_submit_return_and_resubmit_through_the_pages(plan, actors, client, clock):
    EvidenceRequirement.objects.update(required=False)
    client.force_login(actors["operator_a"])
    client.post(realisation_url(plan), vessel_post())
    client.post(
        realisation_url(plan, key="ik09"),
        {"t-period": "TW1", "t-in-sanksi_ditetapkan": "3", "t-in-kasus_ditangani": "4", "row_version": 0},
    )
    client.post(quarter_url() + "submit/", {"row_version": 0})
    submission = Submission.objects.get()
    assert submission.status == "submitted"
    assert client.post(quarter_url() + "return/", {"row_version": 1, "reason": "x"}).status_code == 403
    client.force_login(actors["planner"])
    client.post(
        quarter_url() + "return/", {"row_version": submission.row_version, "reason": "Periksa cakupan"}
    )
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == ("returned", "Periksa cakupan")
    client.force_login(actors["operator_a"])
    assert "Periksa cakupan" in client.get(quarter_url()).content.decode()
    client.post(quarter_url() + "submit/", {"row_version": submission.row_version})
    submission.refresh_from_db()
    assert submission.status == "submitted"
