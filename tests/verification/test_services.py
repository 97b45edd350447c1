"""The verification service: lines from the submitted snapshot, verdicts, the worksheet, the finish."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.performance import services as performance
from kinerja.performance.models import Realisation, Result, Submission
from kinerja.planning.models import DeadlineExtension, PeriodWindow
from kinerja.signatures.models import SignedDocument
from kinerja.signatures.services import document_sign
from kinerja.verification import services
from kinerja.verification.hooks import requirements
from kinerja.verification.models import VerificationLine
from kinerja.workflows import services as workflow_services
from kinerja.workflows.services import invitation_send, request_submit, requirements_of
from tests.conftest import PASSWORD
from tests.performance.test_submissions import submit

from .conftest import AFTER_ENTRY, IN_ENTRY, invite

pytestmark = pytest.mark.django_db


def lines_of(request, actor):
    return {
        f"{line.indicator.code} {line.period}": line
        for line in services.lines_build(actor=actor, request=request)
    }


def check(actor, line, verdict="sesuai", **extra):
    line.refresh_from_db()
    return services.line_check(
        actor=actor, line=line, verdict=verdict, expected_version=line.row_version, **extra
    )


def correct_ik09(actor, line, inputs=None, note="Berita acara: 2 sanksi dari 4 kasus"):
    return check(
        actor,
        line,
        "dikoreksi",
        corrected_inputs=inputs or {"sanksi_ditetapkan": 2, "kasus_ditangani": 4},
        note=note,
    )


def issue(actors, request):
    request.refresh_from_db()
    return services.verification_worksheet_issue(
        actor=actors["planner"],
        request=request,
        verifiers=[actors["planner"]],
        representative=actors["operator_a"],
        expected_version=request.row_version,
    )


def sign_all(request, actors):
    document = SignedDocument.objects.get(pk=request.worksheet_id)
    for name in ("planner", "operator_a"):
        document.refresh_from_db()
        document_sign(
            actor=actors[name], document=document, password=PASSWORD, expected_version=document.row_version
        )
    request.refresh_from_db()
    return request


def plan_of(request):
    return {"unit": request.unit}


# --- when a verification may be opened ------------------------------------------------------------
def test_invitations_wait_until_the_quarters_entry_has_closed(submitted, actors):
    unit = submitted["unit"]
    with time_machine.travel(IN_ENTRY, tick=False):
        with pytest.raises(ValidationError) as exc:
            invite(actors["planner"], unit)
        assert "quarter" in exc.value.message_dict
        assert "2026-04-15" in str(exc.value)
    with time_machine.travel(AFTER_ENTRY, tick=False):
        assert invite(actors["planner"], unit).status == "awaiting"


def test_a_running_extension_keeps_the_verification_closed(submitted, actors):
    window = PeriodWindow.objects.get(year__year=2026, quarter="TW1")
    DeadlineExtension.objects.create(
        window=window, unit=submitted["unit"], closes_on=datetime.date(2026, 4, 30), reason="Banjir"
    )
    with time_machine.travel(AFTER_ENTRY, tick=False), pytest.raises(ValidationError) as exc:
        invite(actors["planner"], submitted["unit"])
    assert "2026-04-30" in exc.value.message_dict["quarter"][0]
    with time_machine.travel(datetime.datetime(2026, 5, 4, 3, 0, tzinfo=datetime.UTC), tick=False):
        assert invite(actors["planner"], submitted["unit"]).number.startswith("VER-2026-")


def test_an_unscheduled_quarter_cannot_be_verified(plan, actors, after_entry):
    with pytest.raises(ValidationError) as exc:
        invitation_send(  # 2027 has no entry windows
            actor=actors["planner"],
            kind="verifikasi",
            year=2027,
            quarter="TW1",
            units=[plan["unit"]],
            title="x",
        )
    assert "not been scheduled" in exc.value.message_dict["quarter"][0]


# --- requirements ---------------------------------------------------------------------------------
def test_requirements_need_a_complete_submitted_quarter(plan, actors, after_entry):
    request = invite(actors["planner"], plan["unit"])
    items = {item.key: item for item in requirements(request)}
    assert not items["submitted"].met
    assert "not submitted" in items["submitted"].detail
    assert not items["complete"].met
    assert "IK-02 TW1: no realisation entered" in items["complete"].detail
    with pytest.raises(ValidationError):
        request_submit(actor=actors["operator_a"], request=request, expected_version=request.row_version)


def test_the_unit_declares_a_submitted_quarter_complete(in_service):
    assert in_service.status == "in_service"
    assert all(item.met for item in requirements_of(in_service))


# --- lines ----------------------------------------------------------------------------------------
def test_lines_copy_the_submitted_snapshot_and_are_idempotent(in_service, actors):
    lines = lines_of(in_service, actors["planner"])
    assert set(lines) == {"IK-02 TW1", "IK-09 TW1"}
    ik09 = lines["IK-09 TW1"]
    assert (ik09.claimed_state, ik09.claimed_value, ik09.verdict) == ("value", Decimal("75.0000"), "pending")
    assert ik09.claimed_inputs == {"sanksi_ditetapkan": 3, "kasus_ditangani": 4}
    assert lines["IK-02 TW1"].claimed_value == Decimal("87.6700")
    evidence = lines["IK-02 TW1"].evidence
    assert evidence
    assert evidence[0]["kind"] == "file"
    assert evidence[0]["name"] == "laporan.pdf"
    versions = {line.pk: line.row_version for line in lines.values()}
    again = lines_of(in_service, actors["planner"])
    assert {line.pk: line.row_version for line in again.values()} == versions
    assert VerificationLine.objects.count() == 2


def test_only_officers_build_lines_and_only_in_service(submitted, actors, after_entry):
    request = invite(actors["planner"], submitted["unit"])
    with pytest.raises(ValidationError):
        services.lines_build(actor=actors["planner"], request=request)  # awaiting
    request = request_submit(
        actor=actors["operator_a"], request=request, expected_version=request.row_version
    )
    for name in ("operator_a", "unit_head", "inspector", "leadership"):
        with pytest.raises(PermissionDenied):
            services.lines_build(actor=actors[name], request=request)
    assert len(services.lines_build(actor=actors["admin"], request=request)) == 2


# --- verdicts -------------------------------------------------------------------------------------
def test_sesuai_keeps_the_claim(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-02 TW1"]
    checked = check(actors["planner"], line, note="Sesuai laporan")
    assert (checked.verdict, checked.corrected_value, checked.checked_by) == (
        "sesuai",
        None,
        actors["planner"],
    )
    assert checked.row_version == 2


def test_a_correction_needs_inputs_and_a_note(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-09 TW1"]
    with pytest.raises(ValidationError) as exc:
        check(actors["planner"], line, "dikoreksi")
    assert set(exc.value.message_dict) == {"corrected_inputs", "note"}
    with pytest.raises(ValidationError) as exc:
        check(
            actors["planner"],
            line,
            "dikoreksi",
            corrected_inputs={"sanksi_ditetapkan": 2, "kasus_ditangani": 4},
        )
    assert set(exc.value.message_dict) == {"note"}
    with pytest.raises(ValidationError) as exc:
        check(actors["planner"], line, "maybe")
    assert "verdict" in exc.value.message_dict


def test_the_corrected_value_is_the_engines(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-09 TW1"]
    corrected = correct_ik09(actors["planner"], line)
    assert (corrected.verdict, corrected.corrected_value) == ("dikoreksi", Decimal("50"))
    assert corrected.corrected_inputs == {"sanksi_ditetapkan": 2, "kasus_ditangani": 4}
    preview = performance.realisation_preview(
        unit=in_service.unit,
        indicator=line.indicator,
        year=2026,
        period="TW1",
        inputs=corrected.corrected_inputs,
    )
    assert preview.result.value == corrected.corrected_value


def test_refused_corrected_inputs_name_the_field(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-09 TW1"]
    with pytest.raises(services.CorrectionRefused) as exc:
        correct_ik09(actors["planner"], line, inputs={"sanksi_ditetapkan": -1, "kasus_ditangani": 4})
    message = exc.value.message_dict["corrected_inputs"][0]
    assert message.startswith("Administrative sanctions imposed (a)")
    assert exc.value.problems[0].field == "sanksi_ditetapkan"
    line.refresh_from_db()
    assert line.verdict == "pending"


def test_only_officers_check_lines(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-02 TW1"]
    for name in ("operator_a", "unit_head", "inspector"):
        with pytest.raises(PermissionDenied):
            check(actors[name], line)


def test_a_stale_line_is_refused(in_service, actors):
    line = lines_of(in_service, actors["planner"])["IK-02 TW1"]
    services.line_check(actor=actors["planner"], line=line, verdict="sesuai", expected_version=1)
    with pytest.raises(ValidationError) as exc:
        services.line_check(actor=actors["admin"], line=line, verdict="sesuai", expected_version=1)
    assert exc.value.code == "concurrent_edit"


# --- the worksheet --------------------------------------------------------------------------------
def test_the_worksheet_needs_every_line_checked(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    check(actors["planner"], lines["IK-02 TW1"])
    with pytest.raises(ValidationError) as exc:
        issue(actors, in_service)
    assert "IK-09 TW1" in str(exc.value)
    assert not SignedDocument.objects.exists()


def test_the_worksheet_names_its_signers(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    for line in lines.values():
        check(actors["planner"], line)
    in_service.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.verification_worksheet_issue(
            actor=actors["planner"],
            request=in_service,
            verifiers=[actors["admin"]],
            representative=actors["operator_b"],
            expected_version=in_service.row_version,
        )
    assert set(exc.value.message_dict) == {"verifiers", "representative"}
    with pytest.raises(ValidationError) as exc:
        services.verification_worksheet_issue(
            actor=actors["planner"],
            request=in_service,
            verifiers=[actors["planner"], actors["inspector"]],
            representative=actors["unit_head"],
            expected_version=in_service.row_version,
        )
    assert set(exc.value.message_dict) == {"verifiers"}
    with pytest.raises(PermissionDenied):
        services.verification_worksheet_issue(
            actor=actors["operator_a"],
            request=in_service,
            verifiers=[actors["operator_a"]],
            representative=actors["unit_head"],
            expected_version=in_service.row_version,
        )


def test_signatures_verify_the_quarter_with_the_corrections(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    check(actors["planner"], lines["IK-02 TW1"])
    correct_ik09(actors["planner"], lines["IK-09 TW1"])
    ik09 = lines["IK-09 TW1"].indicator
    claimed = Result.objects.get(indicator=ik09, period="TW1", basis="working")
    assert claimed.value == Decimal("75")

    request = issue(actors, in_service)
    assert request.status == "signing"
    document = request.worksheet
    assert document.kind == "worksheet:verifikasi"
    assert [s.user.username for s in document.signers.order_by("order")] == ["planner", "operator_a"]
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"

    request = sign_all(request, actors)
    assert request.status == "delivered"
    submission = Submission.objects.get(unit=in_service.unit, year=2026, quarter="TW1")
    assert (submission.status, submission.reviewed_by, submission.self_verified) == (
        "verified",
        actors["planner"],
        False,
    )
    version = submission.versions.order_by("-number").first()
    assert version.verified
    assert version.snapshot["worksheet"].startswith(request.number)
    item = next(i for i in version.snapshot["realisations"] if i["indicator"] == ik09.pk)
    assert item["inputs"] == {"sanksi_ditetapkan": 2, "kasus_ditangani": 4}
    assert item["claimed_inputs"] == {"sanksi_ditetapkan": 3, "kasus_ditangani": 4}
    assert (item["value"], item["claimed_value"]) == ("50.00", "75.00")
    assert item["correction_note"].startswith("Berita acara")
    # The verified basis reads the corrected inputs; the unit's desk takes them too.
    assert Result.objects.get(indicator=ik09, period="TW1", basis="verified").value == Decimal("50")
    assert Result.objects.get(indicator=ik09, period="TW1", basis="working").value == Decimal("50")
    ik02 = lines["IK-02 TW1"].indicator
    assert Result.objects.get(indicator=ik02, period="TW1", basis="verified").value == Decimal("87.67")
    realisation = Realisation.objects.get(indicator=ik09, period="TW1")
    assert realisation.value == Decimal("50")
    assert realisation.history.filter(value=Decimal("75")).exists()


def test_the_verified_period_is_locked_for_the_unit(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    for line in lines.values():
        check(actors["planner"], line)
    sign_all(issue(actors, in_service), actors)
    with pytest.raises(ValidationError) as exc:
        performance.realisation_save(
            actor=actors["operator_a"],
            unit=in_service.unit,
            indicator=lines["IK-09 TW1"].indicator,
            year=2026,
            period="TW1",
            inputs={"sanksi_ditetapkan": 4, "kasus_ditangani": 4},
            expected_version=Realisation.objects.get(indicator=lines["IK-09 TW1"].indicator).row_version,
        )
    assert "verified and locked" in str(exc.value)


def test_a_partial_signature_changes_nothing(in_service, actors, certificate):
    for line in lines_of(in_service, actors["planner"]).values():
        check(actors["planner"], line)
    request = issue(actors, in_service)
    document = request.worksheet
    document_sign(
        actor=actors["planner"], document=document, password=PASSWORD, expected_version=document.row_version
    )
    request.refresh_from_db()
    assert request.status == "signing"
    assert Submission.objects.get(unit=in_service.unit, quarter="TW1").status == "submitted"


# --- a return and a resubmission -------------------------------------------------------------------
def test_a_return_lets_the_unit_correct_and_keeps_unchanged_verdicts(in_service, actors, certificate):
    lines = lines_of(in_service, actors["planner"])
    check(actors["planner"], lines["IK-02 TW1"], note="Sesuai")
    correct_ik09(actors["planner"], lines["IK-09 TW1"])
    in_service.refresh_from_db()
    request = workflow_services.request_return(
        actor=actors["planner"],
        request=in_service,
        reason="Lampirkan berita acara sanksi",
        expected_version=in_service.row_version,
    )
    submission = Submission.objects.get(unit=in_service.unit, quarter="TW1")
    assert (request.status, submission.status) == ("returned", "returned")
    assert not next(i for i in requirements_of(request) if i.key == "submitted").met

    ik09 = lines["IK-09 TW1"].indicator
    realisation = Realisation.objects.get(indicator=ik09, period="TW1")
    performance.realisation_save(
        actor=actors["operator_a"],
        unit=in_service.unit,
        indicator=ik09,
        year=2026,
        period="TW1",
        inputs={"sanksi_ditetapkan": 2, "kasus_ditangani": 4},
        expected_version=realisation.row_version,
    )
    submit(plan_of(in_service), actors["operator_a"], today=AFTER_ENTRY.date())
    request = request_submit(
        actor=actors["operator_a"], request=request, expected_version=request.row_version
    )
    assert request.status == "in_service"
    again = lines_of(request, actors["planner"])
    assert again["IK-02 TW1"].verdict == "sesuai"
    assert again["IK-02 TW1"].pk == lines["IK-02 TW1"].pk
    assert again["IK-09 TW1"].verdict == "pending"
    assert again["IK-09 TW1"].claimed_value == Decimal("50")
    assert again["IK-09 TW1"].note == ""


def test_a_quarter_changed_during_signing_refuses_the_last_signature(in_service, actors, certificate):
    from kinerja.performance import submissions

    for line in lines_of(in_service, actors["planner"]).values():
        check(actors["planner"], line)
    request = issue(actors, in_service)
    submission = Submission.objects.get(unit=in_service.unit, quarter="TW1")
    submissions.submission_return(
        actor=actors["admin"],
        submission=submission,
        reason="Salah unggah",
        expected_version=submission.row_version,
    )
    document = request.worksheet
    document_sign(
        actor=actors["planner"], document=document, password=PASSWORD, expected_version=document.row_version
    )
    document.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        document_sign(
            actor=actors["operator_a"],
            document=document,
            password=PASSWORD,
            expected_version=document.row_version,
        )
    assert "withdraw" in str(exc.value)
    request.refresh_from_db()
    assert request.status == "signing"
