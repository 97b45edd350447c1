"""The mentoring service: the unit's files, the requirements, the findings, the worksheet and delivery."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from kinerja.core.concurrency import ConcurrentEditError
from kinerja.mentoring import services
from kinerja.mentoring.hooks import requirements
from kinerja.mentoring.models import MentoringFinding, MentoringUpload
from kinerja.performance.models import Submission
from kinerja.signatures.models import SignedDocument
from kinerja.signatures.services import document_sign
from kinerja.workflows import services as workflows
from kinerja.workflows.models import Origin, RequestStatus, ServiceRequest
from tests.conftest import PASSWORD

from .helpers import PDF, add_finding, in_service, open_request, pdf, pdf_text, tarakan, with_files


def met(request):
    return {item.key: item.met for item in workflows.requirements_of(request)}


# --- opening -------------------------------------------------------------------------------------


def test_the_unit_opens_its_own_request_and_a_planner_may_open_one_for_it(actors):
    own = open_request(actors, year=2025)
    assert (own.kind, own.status, own.origin) == ("pendampingan", RequestStatus.AWAITING, Origin.UNIT_REQUEST)
    assert own.number == "PDP-2025-0001"
    for_them = open_request(actors, year=2024, actor="planner")
    assert for_them.origin == Origin.INVITATION


# --- files ---------------------------------------------------------------------------------------


def test_an_upload_is_checked_by_content_and_kept_under_a_random_name(actors):
    request = open_request(actors)
    upload = services.upload_add(actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf())
    assert upload.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (upload.original_name, upload.size, upload.content_type) == (
        "draft-lkj.pdf",
        len(PDF),
        "application/pdf",
    )
    assert "draft-lkj" not in upload.file.name
    assert upload.file.name.endswith(".pdf")
    with default_storage.open(upload.file.name, "rb") as handle:
        assert handle.read() == PDF
    assert upload.history.count() == 1


def test_a_program_renamed_pdf_is_refused(actors):
    request = open_request(actors)
    with pytest.raises(ValidationError) as caught:
        services.upload_add(
            actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf(body=b"MZ\x90\x00rest")
        )
    assert "file" in caught.value.message_dict
    assert not MentoringUpload.objects.exists()


def test_the_upload_size_limit_of_the_evidence_check_applies(actors, settings):
    settings.KINERJA_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        services.upload_add(
            actor=actors["operator_a"], request=open_request(actors), kind="draft_lkj", upload=pdf()
        )
    assert "larger than" in caught.value.message_dict["file"][0]


def test_an_unknown_kind_of_document_is_refused(actors):
    with pytest.raises(ValidationError) as caught:
        services.upload_add(
            actor=actors["operator_a"], request=open_request(actors), kind="other", upload=pdf()
        )
    assert "kind" in caught.value.message_dict


@pytest.mark.parametrize("who", ["planner", "inspector", "operator_b", "leadership"])
def test_only_the_units_staff_upload(actors, who):
    with pytest.raises(PermissionDenied):
        services.upload_add(actor=actors[who], request=open_request(actors), kind="draft_lkj", upload=pdf())


def test_a_removed_file_leaves_storage_once_the_removal_commits(actors, django_capture_on_commit_callbacks):
    upload = services.upload_add(
        actor=actors["unit_head"], request=open_request(actors), kind="draft_lkj", upload=pdf()
    )
    name = upload.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.upload_delete(actor=actors["operator_a"], upload=upload)
    assert not MentoringUpload.objects.exists()
    assert not default_storage.exists(name)


def test_files_are_fixed_once_the_clock_runs_and_come_back_to_the_unit_when_returned(actors):
    request = in_service(actors)
    upload = request.mentoring_uploads.first()
    with pytest.raises(ValidationError):
        services.upload_add(actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf())
    with pytest.raises(ValidationError):
        services.upload_delete(actor=actors["operator_a"], upload=upload)
    request = workflows.request_return(
        actor=actors["planner"],
        request=request,
        reason="Lampiran kurang",
        expected_version=request.row_version,
    )
    services.upload_add(
        actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf("revisi.pdf")
    )
    assert request.mentoring_uploads.count() == 3


def test_a_request_of_another_service_takes_no_mentoring_files(actors):
    other = ServiceRequest.objects.create(
        number="VAL-2025-0001",
        kind="validasi",
        unit=tarakan(),
        year=2025,
        origin=Origin.INVITATION,
        opened_by=actors["planner"],
        limit_minutes=24 * 60,
    )
    with pytest.raises(ValidationError) as caught:
        services.upload_add(actor=actors["admin"], request=other, kind="draft_lkj", upload=pdf())
    assert "request" in caught.value.message_dict


# --- requirements --------------------------------------------------------------------------------


def test_requirements_follow_the_files_and_the_officers_tick(actors):
    request = open_request(actors)
    assert met(request) == {"draft_lkj": False, "verification_results": False, "evidence_endorsed": False}
    services.upload_add(actor=actors["operator_a"], request=request, kind="draft_lkj", upload=pdf())
    services.upload_add(actor=actors["operator_a"], request=request, kind="verification_result", upload=pdf())
    assert met(request) == {"draft_lkj": True, "verification_results": True, "evidence_endorsed": False}
    manual = [item for item in requirements(request) if not item.automatic]
    assert [item.key for item in manual] == ["evidence_endorsed"]
    with pytest.raises(ValidationError):
        workflows.request_submit(
            actor=actors["operator_a"], request=request, expected_version=request.row_version
        )
    workflows.requirement_tick(actor=actors["planner"], request=request, key="evidence_endorsed", met=True)
    request.refresh_from_db()
    submitted = workflows.request_submit(
        actor=actors["operator_a"], request=request, expected_version=request.row_version
    )
    assert submitted.status == RequestStatus.IN_SERVICE
    assert submitted.received_at is not None


def test_four_verified_quarters_in_kinerja_count_as_the_verification_results(actors):
    request = open_request(actors, year=2025)
    unit = tarakan()
    for quarter in ("TW1", "TW2", "TW3"):
        Submission.objects.create(unit=unit, year=2025, quarter=quarter, status="verified")
    Submission.objects.create(unit=unit, year=2025, quarter="TW4", status="submitted")
    Submission.objects.create(unit=unit, year=2024, quarter="TW4", status="verified")
    item = next(i for i in requirements(request) if i.key == "verification_results")
    assert not item.met
    assert "3 of 4" in item.detail
    Submission.objects.filter(year=2025, quarter="TW4").update(status="verified")
    item = next(i for i in requirements(request) if i.key == "verification_results")
    assert item.met
    assert "All four quarters of 2025" in item.detail


# --- findings ------------------------------------------------------------------------------------


def test_findings_are_recorded_by_the_officer_while_in_service(actors):
    request = open_request(actors)
    with pytest.raises(ValidationError):
        add_finding(actors, with_files(actors, request))
    request = in_service(actors, year=2024)
    first = add_finding(actors, request)
    second = add_finding(actors, request, chapter="ikhtisar", regulation="perpres_29_2014", text="Ringkasan")
    assert (first.sort_order, second.sort_order) == (1, 2)
    assert (first.row_version, first.created_by) == (1, actors["planner"])
    with pytest.raises(PermissionDenied):
        services.finding_save(
            actor=actors["operator_a"],
            request=request,
            chapter="bab_1",
            regulation="perpres_29_2014",
            finding="x",
            recommendation="y",
        )


def test_a_finding_names_a_chapter_a_regulation_a_finding_and_a_recommendation(actors):
    request = in_service(actors)
    with pytest.raises(ValidationError) as caught:
        services.finding_save(
            actor=actors["planner"],
            request=request,
            chapter="bab_9",
            regulation="uu_1",
            finding=" ",
            recommendation="",
        )
    assert set(caught.value.message_dict) == {"chapter", "regulation", "finding", "recommendation"}


def test_a_finding_is_changed_at_the_version_read_and_a_stale_edit_is_refused(actors):
    request = in_service(actors)
    finding = add_finding(actors, request)
    changed = services.finding_save(
        actor=actors["planner"],
        request=request,
        existing=finding,
        expected_version=1,
        chapter="bab_2",
        regulation="permen_kp_68_2017",
        finding="Renstra tidak dirujuk",
        recommendation="Rujuk Renstra",
        sort_order=5,
    )
    assert (changed.row_version, changed.chapter, changed.sort_order) == (2, "bab_2", 5)
    stale = MentoringFinding.objects.get(pk=finding.pk)
    stale.row_version = 1
    with pytest.raises(ConcurrentEditError):
        services.finding_save(
            actor=actors["admin"],
            request=request,
            existing=stale,
            expected_version=1,
            chapter="bab_2",
            regulation="permen_kp_68_2017",
            finding="Menimpa",
            recommendation="Menimpa",
        )
    assert MentoringFinding.objects.get(pk=finding.pk).finding == "Renstra tidak dirujuk"
    assert finding.history.count() == 2
    with pytest.raises(ConcurrentEditError):
        services.finding_delete(actor=actors["planner"], finding=changed, expected_version=1)
    services.finding_delete(actor=actors["planner"], finding=changed, expected_version=2)
    assert not MentoringFinding.objects.exists()


# --- the worksheet and delivery ------------------------------------------------------------------


def test_the_worksheet_needs_a_finding_and_a_representative_of_the_unit(actors):
    request = in_service(actors)
    with pytest.raises(ValidationError) as caught:
        services.mentoring_worksheet_issue(
            actor=actors["planner"],
            request=request,
            representative=actors["operator_a"],
            expected_version=request.row_version,
        )
    assert "finding" in caught.value.messages[0]
    add_finding(actors, request)
    for who in ("operator_b", "planner", "inspector"):
        with pytest.raises(ValidationError) as caught:
            services.mentoring_worksheet_issue(
                actor=actors["planner"],
                request=request,
                representative=actors[who],
                expected_version=request.row_version,
            )
        assert "representative" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.mentoring_worksheet_issue(
            actor=actors["operator_a"],
            request=request,
            representative=actors["unit_head"],
            expected_version=request.row_version,
        )
    with pytest.raises(ConcurrentEditError):
        services.mentoring_worksheet_issue(
            actor=actors["planner"],
            request=request,
            representative=actors["operator_a"],
            expected_version=request.row_version - 1,
        )
    assert not SignedDocument.objects.exists()


def test_the_worksheet_lists_files_findings_by_chapter_and_both_signers(actors, settings):
    settings.LANGUAGE_CODE = "en"
    request = in_service(actors)
    add_finding(
        actors, request, chapter="bab_3", regulation="permenpanrb_53_2014", text="Capaian tidak dibandingkan"
    )
    add_finding(
        actors, request, chapter="ikhtisar", regulation="permenpanrb_88_2022", text="Ikhtisar terlalu panjang"
    )
    issued = services.mentoring_worksheet_issue(
        actor=actors["planner"],
        request=request,
        representative=actors["unit_head"],
        expected_version=request.row_version,
    )
    assert issued.status == RequestStatus.SIGNING
    document = issued.worksheet
    assert document.kind == "worksheet:pendampingan"
    assert document.unit == tarakan()
    assert [(s.user.username, s.order) for s in document.signers.all()] == [("planner", 0), ("unit_head", 1)]
    with default_storage.open(document.file.name, "rb") as handle:
        text = pdf_text(handle.read())
    flat = " ".join(text.split())
    assert tarakan().name in flat
    assert request.number in flat
    assert "2025" in flat
    for upload in request.mentoring_uploads.all():
        assert upload.sha256[:16] in flat.replace(" ", "")
    # Chapters in the order of the report, whatever order the findings were recorded in.
    assert flat.index("Executive summary") < flat.index("Chapter III Performance accountability")
    assert flat.index("Ikhtisar terlalu panjang") < flat.index("Capaian tidak dibandingkan")
    assert "PermenPANRB 88/2022" in flat
    assert "PermenPANRB 53/2014" in flat
    assert "Planner" in flat
    assert "Unit Head" in flat
    assert str(document.public_id) in flat.replace(" ", "")


def test_the_last_signature_delivers_the_request_and_its_files_are_kept(actors, certificate):
    request = in_service(actors)
    add_finding(actors, request)
    issued = services.mentoring_worksheet_issue(
        actor=actors["planner"],
        request=request,
        representative=actors["operator_a"],
        expected_version=request.row_version,
    )
    document = issued.worksheet
    document = document_sign(
        actor=actors["planner"], document=document, password=PASSWORD, expected_version=document.row_version
    )
    issued.refresh_from_db()
    assert issued.status == RequestStatus.SIGNING
    document_sign(
        actor=actors["operator_a"],
        document=document,
        password=PASSWORD,
        expected_version=document.row_version,
    )
    issued.refresh_from_db()
    assert issued.status == RequestStatus.DELIVERED
    assert issued.service_seconds is not None
    assert issued.compensation == "tepat_waktu"
    upload = issued.mentoring_uploads.first()
    with pytest.raises(ValidationError):
        services.upload_delete(actor=actors["admin"], upload=upload)
    with pytest.raises(ValidationError):
        add_finding(actors, issued)
    assert default_storage.exists(upload.file.name)


def test_a_withdrawn_worksheet_lets_the_officer_correct_and_issue_again(actors):
    request = in_service(actors)
    finding = add_finding(actors, request)
    issued = services.mentoring_worksheet_issue(
        actor=actors["planner"],
        request=request,
        representative=actors["operator_a"],
        expected_version=request.row_version,
    )
    with pytest.raises(ValidationError):
        services.finding_delete(actor=actors["planner"], finding=finding, expected_version=1)
    back = workflows.request_worksheet_withdraw(
        actor=actors["planner"], request=issued, reason="Salah ketik", expected_version=issued.row_version
    )
    assert back.status == RequestStatus.IN_SERVICE
    assert back.worksheet is None
    services.finding_delete(actor=actors["planner"], finding=finding, expected_version=1)
    add_finding(actors, back, text="Perbaikan")
    again = services.mentoring_worksheet_issue(
        actor=actors["planner"],
        request=back,
        representative=actors["operator_a"],
        expected_version=back.row_version,
    )
    assert again.status == RequestStatus.SIGNING
    assert SignedDocument.objects.filter(status="void").count() == 1
