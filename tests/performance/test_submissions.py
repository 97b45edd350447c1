"""Evidence and the quarter's submission: completeness, lock, versions, verify, return, reopen."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_assign, user_create
from kinerja.catalog.models import EvidenceRequirement
from kinerja.catalog.services import evidence_requirements_set
from kinerja.performance import services, submissions
from kinerja.performance.models import Evidence, Result, Submission, SubmissionVersion
from kinerja.planning.models import CorrectionSession
from tests.formula.helpers import WORKED_VESSEL as VESSEL

from .conftest import AFTER_TW1, IN_TW1

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def enter(plan, actor, inputs=None, today=IN_TW1):
    return services.realisation_save(
        actor=actor,
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period="TW1",
        inputs={"kapal": [VESSEL]} if inputs is None else inputs,
        expected_version=getattr(
            plan["unit"].realisations.filter(indicator=plan["ik02"], period="TW1").first(), "row_version", 0
        ),
        today=today,
    )


def add_file(plan, actor, name="laporan.pdf", content=PDF, requirement=None, indicator="ik02", **extra):
    return services.evidence_add(
        actor=actor,
        unit=plan["unit"],
        indicator=plan[indicator],
        year=2026,
        period="TW1",
        kind="file",
        description="Laporan operasi kapal",
        requirement=requirement,
        upload=SimpleUploadedFile(name, content),
        today=extra.pop("today", IN_TW1),
        **extra,
    )


def complete_tw1(plan, actor):
    """IK-02 and IK-09 entered, and one file for every required document."""
    enter(plan, actor)
    services.realisation_save(
        actor=actor,
        unit=plan["unit"],
        indicator=plan["ik09"],
        year=2026,
        period="TW1",
        inputs={"sanksi_ditetapkan": 3, "kasus_ditangani": 4},
        expected_version=0,
        today=IN_TW1,
    )
    for key in ("ik02", "ik09"):
        for requirement in EvidenceRequirement.objects.filter(indicator=plan[key], required=True):
            add_file(plan, actor, requirement=requirement, indicator=key)


def submit(plan, actor, today=IN_TW1):
    existing = Submission.objects.filter(unit=plan["unit"], year=2026, quarter="TW1").first()
    return submissions.submission_submit(
        actor=actor,
        unit=plan["unit"],
        year=2026,
        quarter="TW1",
        expected_version=existing.row_version if existing else 0,
        today=today,
    )


# --- uploads -----------------------------------------------------------------------------------
def test_a_pdf_is_stored_with_its_hash_and_type(plan, actors):
    import hashlib

    evidence = add_file(plan, actors["operator_a"])
    assert (evidence.kind, evidence.content_type, evidence.size) == ("file", "application/pdf", len(PDF))
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.original_name == "laporan.pdf"
    assert evidence.file.name.startswith("evidence/")
    assert "laporan" not in evidence.file.name
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF


def test_office_and_image_files_are_accepted_by_content(plan, actors):
    assert add_file(plan, actors["operator_a"], "data.docx", docx_bytes()).content_type.endswith(
        "wordprocessingml.document"
    )
    assert (
        add_file(plan, actors["operator_a"], "foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20).content_type
        == "image/png"
    )
    assert (
        add_file(plan, actors["operator_a"], "foto.JPG", b"\xff\xd8\xff\xe0" + b"\0" * 20).content_type
        == "image/jpeg"
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50
    assert add_file(plan, actors["operator_a"], "lama.xls", ole).content_type == "application/vnd.ms-excel"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.docx", PDF),  # a PDF renamed .docx
        ("laporan.pdf", b"MZ\x90\x00\x03" + b"\0" * 60),  # a program renamed .pdf
        ("laporan.docx", b"PK\x03\x04" + b"\0" * 60),  # a broken zip
        ("arsip.docx", None),  # a zip that is no Office file
        ("skrip.pdf", b"<script>alert(1)</script>"),
        ("lama.exe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50),
    ],
)
def test_renamed_or_foreign_files_are_refused(plan, actors, name, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        content = buffer.getvalue()
    with pytest.raises(ValidationError) as exc:
        add_file(plan, actors["operator_a"], name, content)
    assert "file" in exc.value.message_dict
    assert not Evidence.objects.exists()


@override_settings(KINERJA_UPLOAD_MAX_BYTES=100)
def test_files_above_the_size_limit_are_refused(plan, actors):
    with pytest.raises(ValidationError) as exc:
        add_file(plan, actors["operator_a"], content=PDF + b"%" * 200)
    assert "larger" in str(exc.value)
    assert add_file(plan, actors["operator_a"]).size == len(PDF)


def test_links_and_texts_follow_the_requirements_kinds(plan, actors):
    requirement = EvidenceRequirement.objects.filter(indicator=plan["ik02"]).first()
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=actors["operator_a"],
            unit=plan["unit"],
            indicator=plan["ik02"],
            year=2026,
            period="TW1",
            kind="link",
            description="Tautan",
            url="https://example.invalid/x",
            requirement=requirement,
            today=IN_TW1,
        )
    assert "kind" in exc.value.message_dict
    link = services.evidence_add(
        actor=actors["operator_a"],
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period="TW1",
        kind="link",
        description="Tautan",
        url="https://example.invalid/x",
        today=IN_TW1,
    )
    assert link.url == "https://example.invalid/x"


def test_draft_evidence_may_be_deleted_by_unit_staff_only(plan, actors):
    evidence = add_file(plan, actors["operator_a"])
    with pytest.raises(PermissionDenied):
        services.evidence_delete(actor=actors["planner"], evidence=evidence, today=IN_TW1)
    services.evidence_delete(actor=actors["unit_head"], evidence=evidence, today=IN_TW1)
    assert not Evidence.objects.exists()


# --- submission --------------------------------------------------------------------------------
def test_submitting_an_incomplete_quarter_lists_every_missing_item(plan, actors):
    enter(plan, actors["operator_a"])
    with pytest.raises(ValidationError) as exc:
        submit(plan, actors["operator_a"])
    messages = exc.value.messages
    assert any("IK-09 TW1: no realisation entered" in m for m in messages)
    names = EvidenceRequirement.objects.filter(indicator=plan["ik02"], required=True).values_list(
        "name", flat=True
    )
    for name in names:
        assert any(f"IK-02 TW1: evidence “{name}” missing" in m for m in messages)
    assert not Submission.objects.filter(status="submitted").exists()


def test_submission_freezes_a_snapshot_that_later_catalogue_changes_do_not_alter(plan, actors):
    complete_tw1(plan, actors["operator_a"])
    submission = submit(plan, actors["operator_a"])
    assert (submission.status, submission.submitted_by, submission.late) == (
        "submitted",
        actors["operator_a"],
        False,
    )
    version = submission.versions.get()
    snapshot = version.snapshot
    ik02 = next(r for r in snapshot["realisations"] if r["code"] == "IK-02")
    assert ik02 == {
        "indicator": plan["ik02"].pk,
        "code": "IK-02",
        "period": "TW1",
        "state": "value",
        "inputs": {"kapal": [VESSEL]},
        "value": "87.67",
        "reason": "",
        "progress": "",
        "obstacles": "",
        "follow_up": "",
    }
    assert {e["id"] for e in snapshot["evidence"]} == set(Evidence.objects.values_list("pk", flat=True))
    assert snapshot["budget"] == [{"programme_code": "WA", "ceiling": "1000000.00", "spent": None}]
    before = [r for r in snapshot["requirements"] if r["indicator"] == plan["ik02"].pk]
    assert before

    evidence_requirements_set(indicator=plan["ik02"], items=[{"name": "Dokumen baru", "kinds": ["text"]}])
    version.refresh_from_db()
    assert [r for r in version.snapshot["requirements"] if r["indicator"] == plan["ik02"].pk] == before


def test_a_submitted_quarter_is_locked_and_late_after_the_deadline(plan, actors):
    complete_tw1(plan, actors["operator_a"])
    submission = submit(plan, actors["operator_a"], today=AFTER_TW1)
    assert submission.late is True
    with pytest.raises(ValidationError):
        enter(plan, actors["operator_a"], {"kapal": []}, today=IN_TW1)
    with pytest.raises(ValidationError):
        services.evidence_delete(actor=actors["operator_a"], evidence=Evidence.objects.first(), today=IN_TW1)


def test_return_needs_a_reason_and_gives_the_quarter_back(plan, actors):
    complete_tw1(plan, actors["operator_a"])
    submission = submit(plan, actors["operator_a"])
    with pytest.raises(PermissionDenied):
        submissions.submission_return(
            actor=actors["unit_head"],
            submission=submission,
            reason="x",
            expected_version=submission.row_version,
        )
    with pytest.raises(ValidationError):
        submissions.submission_return(
            actor=actors["planner"],
            submission=submission,
            reason=" ",
            expected_version=submission.row_version,
        )
    # Deadlines bind units, not planners: a return after the deadline still works...
    submission = submissions.submission_return(
        actor=actors["planner"],
        submission=submission,
        reason="Lampirkan laporan kapal kedua",
        expected_version=submission.row_version,
    )
    assert (submission.status, submission.return_reason) == ("returned", "Lampirkan laporan kapal kedua")
    # ...and the unit corrects and resubmits after it.
    enter(plan, actors["operator_a"], today=AFTER_TW1)
    submission = submit(plan, actors["operator_a"], today=AFTER_TW1)
    assert (submission.status, submission.late, submission.versions.count()) == ("submitted", True, 2)


def test_verify_freezes_a_verified_version_and_recomputes_the_verified_basis(plan, actors):
    complete_tw1(plan, actors["operator_a"])
    submission = submit(plan, actors["operator_a"])
    submission = submissions.submission_verify(
        actor=actors["planner"],
        submission=submission,
        expected_version=submission.row_version,
        today=AFTER_TW1,
    )
    assert (submission.status, submission.self_verified, submission.reviewed_by) == (
        "verified",
        False,
        actors["planner"],
    )
    verified = SubmissionVersion.objects.get(submission=submission, verified=True)
    assert verified.snapshot == SubmissionVersion.objects.get(submission=submission, number=1).snapshot
    row = Result.objects.get(indicator=plan["ik02"], period="TW1", basis="verified")
    assert (row.value, row.achievement, row.status) == (Decimal("87.67"), Decimal("109.58"), "green")
    with pytest.raises(ValidationError):
        enter(plan, actors["operator_a"], {"kapal": []})
    with pytest.raises(ValidationError):
        submissions.submission_verify(
            actor=actors["planner"], submission=submission, expected_version=submission.row_version
        )


def test_self_verification_is_refused_unless_the_ministry_has_one_planner(plan, actors, org):
    role_assign(user=actors["planner"], role=Role.OPERATOR, unit=plan["unit"])
    complete_tw1(plan, actors["planner"])
    submission = submit(plan, actors["planner"])
    other = user_create(
        username="planner2", full_name="Planner Two", password="Correct-Horse-42", email="p2@x.invalid"
    )
    assignment = role_assign(user=other, role=Role.PLANNER, unit=org["ROREN"])
    with pytest.raises(ValidationError) as exc:
        submissions.submission_verify(
            actor=actors["planner"], submission=submission, expected_version=submission.row_version
        )
    assert "another planner" in str(exc.value)
    assignment.is_active = False
    assignment.save()
    submission = submissions.submission_verify(
        actor=actors["planner"], submission=submission, expected_version=submission.row_version
    )
    assert (submission.status, submission.self_verified) == ("verified", True)


def verified_tw1(plan, actors):
    complete_tw1(plan, actors["operator_a"])
    submission = submit(plan, actors["operator_a"])
    return submissions.submission_verify(
        actor=actors["planner"], submission=submission, expected_version=submission.row_version
    )


def test_reopen_needs_a_reason_and_the_worse_value_then_needs_a_note(plan, actors):
    submission = verified_tw1(plan, actors)
    with pytest.raises(ValidationError):
        submissions.submission_reopen(
            actor=actors["planner"], submission=submission, reason="", expected_version=submission.row_version
        )
    with pytest.raises(PermissionDenied):
        submissions.submission_reopen(
            actor=actors["operator_a"],
            submission=submission,
            reason="x",
            expected_version=submission.row_version,
        )
    submission = submissions.submission_reopen(
        actor=actors["planner"],
        submission=submission,
        reason="Salah ketik cakupan",
        expected_version=submission.row_version,
        today=AFTER_TW1,
    )
    assert (submission.status, submission.reopen_reason) == ("draft", "Salah ketik cakupan")
    assert not Result.objects.filter(
        indicator=plan["ik02"], period="TW1", basis="verified", value__isnull=False
    ).exists()
    worse = {**VESSEL, "cakupan_realisasi": 20000}
    with pytest.raises(ValidationError) as exc:
        enter(plan, actors["operator_a"], {"kapal": [worse]}, today=AFTER_TW1)
    assert "worse_note" in exc.value.message_dict
    realisation = services.realisation_save(
        actor=actors["operator_a"],
        unit=plan["unit"],
        indicator=plan["ik02"],
        year=2026,
        period="TW1",
        inputs={"kapal": [worse]},
        expected_version=plan["unit"].realisations.get(indicator=plan["ik02"]).row_version,
        worse_note="Cakupan semula salah ketik",
        today=AFTER_TW1,
    )
    assert realisation.value < Decimal("87.67")
    # A better value needs no note.
    better = {**VESSEL, "periksa_kapal_realisasi": 270}
    enter(plan, actors["operator_a"], {"kapal": [better]}, today=AFTER_TW1)


def test_evidence_of_a_verified_period_is_never_deleted_a_correction_is_added(plan, actors):
    submission = verified_tw1(plan, actors)
    frozen = Evidence.objects.filter(indicator=plan["ik02"]).first()
    submissions.submission_reopen(
        actor=actors["planner"],
        submission=submission,
        reason="Ganti laporan",
        expected_version=submission.row_version,
    )
    with pytest.raises(ValidationError) as exc:
        services.evidence_delete(actor=actors["operator_a"], evidence=frozen, today=IN_TW1)
    assert "verified" in str(exc.value)
    correction = add_file(plan, actors["operator_a"], corrects=frozen, requirement=frozen.requirement)
    assert correction.corrects == frozen
    services.evidence_delete(actor=actors["operator_a"], evidence=correction, today=IN_TW1)


def test_a_closed_year_reopens_only_inside_a_correction_session(plan, actors):
    submission = verified_tw1(plan, actors)
    plan["year"].status = "closed"
    plan["year"].save()
    with pytest.raises(ValidationError) as exc:
        submissions.submission_reopen(
            actor=actors["planner"],
            submission=submission,
            reason="Koreksi",
            expected_version=submission.row_version,
            today=AFTER_TW1,
        )
    assert "correction session" in str(exc.value)
    CorrectionSession.objects.create(
        year=plan["year"], unit=plan["unit"], quarters=["TW1"], ends_on=AFTER_TW1, reason="Koreksi LKj"
    )
    submission = submissions.submission_reopen(
        actor=actors["planner"],
        submission=submission,
        reason="Koreksi",
        expected_version=submission.row_version,
        today=AFTER_TW1,
    )
    assert submission.status == "draft"
    # The unit may correct the reopened quarter although the year is closed.
    assert enter(plan, actors["operator_a"], today=AFTER_TW1).state == "value"
