"""The validation service through its services: matrix → submit → validators → verdicts → worksheet
→ signatures → catalogue, PK and Nota Dinas; and the rules on the way."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from pypdf import PdfReader

from kinerja.catalog.models import Indicator, Sasaran
from kinerja.core.concurrency import ConcurrentEditError
from kinerja.notifications.models import Notification
from kinerja.planning import services as planning_services
from kinerja.planning.models import Agreement, AgreementStatus
from kinerja.signatures.models import SignedDocument
from kinerja.signatures.services import document_sign
from kinerja.validation import services
from kinerja.validation.hooks import requirements
from kinerja.validation.models import IndicatorProposal, NotaDinas, Verdict
from kinerja.workflows.models import RequestStatus, ServiceRequest
from kinerja.workflows.services import request_return
from tests.conftest import PASSWORD

from .conftest import ROW, fill, open_request, submit


def judge(actor, proposal, verdict, **extra):
    proposal.refresh_from_db()
    return services.proposal_verdict(
        actor=actor, proposal=proposal, verdict=verdict, expected_version=proposal.row_version, **extra
    )


def issue(actors, request, representative="operator_a", actor="planner"):
    request.refresh_from_db()
    return services.validation_worksheet_issue(
        actor=actors[actor],
        request=request,
        representative=actors[representative],
        expected_version=request.row_version,
    )


def sign_all(actors, request, names=("planner", "inspector", "operator_a")):
    request.refresh_from_db()
    document = request.worksheet
    for name in names:
        document.refresh_from_db()
        document_sign(
            actor=actors[name], document=document, password=PASSWORD, expected_version=document.row_version
        )
    request.refresh_from_db()
    return request


def judge_all(actors, request):
    first, second, third = request.proposals.order_by("sort_order")
    judge(actors["inspector"], first, Verdict.DITERIMA)
    judge(
        actors["planner"],
        second,
        Verdict.DIPERBAIKI,
        agreed_name="Indeks kepuasan layanan",
        agreed_target="4",
    )
    judge(actors["planner"], third, Verdict.DITOLAK, reason="Ukuran keluaran, bukan kinerja.")


def pk_with_ik02(actors, unit, year, *, sign):
    from tests.planning.conftest import HEADER

    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    periods, _stabilize = planning_services.agreement_periods(ik02, year)
    agreement = planning_services.agreement_create(
        actor=actors["operator_a"],
        unit=unit,
        year=year,
        rows=[{"indicator": ik02, "target": "80", "period_targets": dict.fromkeys(periods, "80")}],
        **HEADER,
    )
    if sign:
        import datetime

        agreement = planning_services.agreement_sign(
            actor=actors["operator_a"],
            agreement=agreement,
            expected_version=agreement.row_version,
            signed_on=datetime.date(year, 1, 31),
        )
    return agreement


# --- the whole flow ------------------------------------------------------------------------------


def test_whole_flow_enters_catalogue_and_pk_and_numbers_the_nota_dinas(
    in_service, actors, tarakan, certificate, mailoutbox
):
    signed_pk = pk_with_ik02(actors, tarakan, 2026, sign=True)
    services.validators_request(actor=actors["planner"], request=in_service, note="Rapat 12 Maret")
    assert Notification.objects.filter(
        user=actors["inspector"], event_key__startswith="validasi-validators"
    ).exists()
    judge_all(actors, in_service)
    request = issue(actors, in_service)
    assert request.status == RequestStatus.SIGNING
    document = request.worksheet
    assert document.kind == "worksheet:validasi"
    assert [s.user.username for s in document.signers.order_by("order")] == [
        "planner",
        "inspector",
        "operator_a",
    ]
    with default_storage.open(document.file.name, "rb") as handle:
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(handle).pages).split())
    assert "Persentase kapal perikanan yang patuh" in text
    assert "Indeks kepuasan layanan" in text  # the agreed text
    assert "Ukuran keluaran, bukan kinerja." in text  # the reason
    assert str(document.public_id) in text  # the verification block

    request = sign_all(actors, request, names=("planner", "inspector"))
    assert request.status == RequestStatus.SIGNING
    assert not NotaDinas.objects.exists()
    request = sign_all(actors, request, names=("operator_a",))
    assert request.status == RequestStatus.DELIVERED

    nota = NotaDinas.objects.get(request=request)
    assert nota.number == "001/SJ.1/PR.110/III/2026"
    assert (nota.year, nota.sequence) == (2026, 1)
    with default_storage.open(nota.file.name, "rb") as handle:
        data = handle.read()
    import hashlib

    assert hashlib.sha256(data).hexdigest() == nota.sha256
    nota_text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert nota.number in nota_text
    assert "IK-26" in nota_text
    assert "IKU-01" in nota_text

    first, second, third = request.proposals.order_by("sort_order")
    assert third.indicator is None
    created = first.indicator
    assert (created.code, created.kind, created.name) == ("IK-26", "IK", ROW["name"])
    assert created.manual_formula_text == ROW["formula"]
    assert created.definition == ROW["definition"]
    assert created.computation["unit"] == "%"
    assert created.computation["formula"] == "realisasi"
    assert second.indicator.code == "IKU-01"
    assert second.indicator.name == "Indeks kepuasan layanan"
    # The objective named in the matrix is new to the unit: one objective for both indicators.
    sasaran = Sasaran.objects.get(unit=tarakan, name=ROW["sasaran"])
    assert first.indicator.sasaran == second.indicator.sasaran == sasaran
    assert sasaran.code.startswith("SK-")

    # The signed PK got a revision that adds both, with the Nota Dinas in its reason.
    revision = Agreement.objects.get(unit=tarakan, year=2026, is_current=True)
    assert revision.supersedes_id == signed_pk.pk
    assert revision.revision == 1
    assert revision.status == AgreementStatus.DRAFT
    assert nota.number in revision.reason
    items = {item.indicator.code: item for item in revision.indicator_rows.select_related("indicator")}
    assert set(items) == {"IK-02", "IK-26", "IKU-01"}
    assert items["IK-26"].target == Decimal("85")
    assert items["IKU-01"].target == Decimal("4")
    assert items["IKU-01"].period_targets == {"TAHUN": "4"}


def test_second_nota_dinas_of_the_year_takes_the_next_number(in_service, actors, org, tarakan, certificate):
    judge_all(actors, in_service)
    sign_all(actors, issue(actors, in_service))
    # A second unit's validation in the same year; it has no PK yet: a draft is made.
    bitung = org["PSDKP-BITUNG"]
    other = open_request(actors, bitung)
    fill(actors, other, rows=[ROW], actor="operator_b")
    other = submit(actors, other, actor="operator_b")
    services.validator_assign(actor=actors["planner"], request=other, user=actors["planner"], side="biro")
    services.validator_assign(actor=actors["planner"], request=other, user=actors["inspector"], side="itjen")
    judge(actors["planner"], other.proposals.get(), Verdict.DITERIMA)
    other = sign_all(
        actors,
        issue(actors, other, representative="operator_b"),
        names=("planner", "inspector", "operator_b"),
    )
    assert other.nota_dinas.number == "002/SJ.1/PR.110/III/2026"
    agreement = Agreement.objects.get(unit=bitung, year=2026)
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.revision == 0
    assert [i.indicator.code for i in agreement.indicator_rows.select_related("indicator")] == ["IK-01"]


def test_a_draft_pk_gets_the_rows(in_service, actors, tarakan, certificate):
    draft = pk_with_ik02(actors, tarakan, 2026, sign=False)
    judge_all(actors, in_service)
    sign_all(actors, issue(actors, in_service))
    draft.refresh_from_db()
    assert draft.is_current
    assert draft.revision == 0
    assert {i.indicator.code for i in draft.indicator_rows.select_related("indicator")} == {
        "IK-02",
        "IK-26",
        "IKU-01",
    }


def test_quarterly_targets_make_a_quarterly_indicator(awaiting, actors, certificate):
    fill(actors, awaiting, rows=[{**ROW, "quarter_targets": {"TW1": "20", "TW2": "40,5", "TW4": "85"}}])
    request = submit(actors, awaiting)
    services.validator_assign(actor=actors["planner"], request=request, user=actors["planner"], side="biro")
    services.validator_assign(
        actor=actors["planner"], request=request, user=actors["inspector"], side="itjen"
    )
    judge(actors["planner"], request.proposals.get(), Verdict.DITERIMA)
    request = sign_all(actors, issue(actors, request))
    indicator = request.proposals.get().indicator
    assert indicator.computation["periodicity"] == "quarter"
    item = Agreement.objects.get(unit=request.unit, year=2026).indicator_rows.get(indicator=indicator)
    assert item.period_targets == {"TW1": "20", "TW2": "40.5", "TW4": "85"}


def test_nota_dinas_number_retries_a_number_taken_meanwhile(
    in_service, actors, org, certificate, monkeypatch
):
    """Another transaction took 001 after the last number was read: the insert fails, and is retried."""
    from django.db.models import QuerySet
    from django.utils import timezone

    rival = open_request(actors, org["PSDKP-BITUNG"])
    NotaDinas.objects.create(
        request=rival,
        number="001/SJ.1/PR.110/III/2026",
        year=2026,
        sequence=1,
        subject="x",
        issued_at=timezone.now(),
        issued_by=actors["planner"],
    )
    original = QuerySet.aggregate
    stale = []

    def first_read_is_stale(self, *args, **kwargs):
        if self.model is NotaDinas and not stale:
            stale.append(1)
            return {"last": None}
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "aggregate", first_read_is_stale)
    judge_all(actors, in_service)
    request = sign_all(actors, issue(actors, in_service))
    assert stale == [1]
    assert request.nota_dinas.number == "002/SJ.1/PR.110/III/2026"


def test_number_format():
    import datetime

    assert services.nota_dinas_number(7, datetime.date(2026, 12, 1)) == "007/SJ.1/PR.110/XII/2026"
    assert services.nota_dinas_number(123, datetime.date(2027, 4, 30)) == "123/SJ.1/PR.110/IV/2027"
    assert services.next_code(["IK-01", "IK-25", "IKU-03", "IK-X"], "IK") == "IK-26"
    assert services.next_code(["IK-01"], "IKU") == "IKU-01"


# --- the matrix and its requirement --------------------------------------------------------------


def test_requirement_lists_what_is_missing(awaiting, actors):
    [item] = requirements(awaiting)
    assert not item.met
    assert "no proposal" in item.detail
    services.proposal_save(actor=actors["operator_a"], request=awaiting, sasaran="S", name="Indikator A")
    [item] = requirements(awaiting)
    assert not item.met
    assert item.detail == "no. 1 lacks definition, formula, target"
    with pytest.raises(ValidationError) as exc:
        submit(actors, awaiting)
    assert "The indicator proposal matrix is filled" in " ".join(exc.value.messages)
    proposal = awaiting.proposals.get()
    services.proposal_save(
        actor=actors["operator_a"],
        request=awaiting,
        proposal=proposal,
        expected_version=proposal.row_version,
        **{**ROW, "name": "Indikator A"},
    )
    [item] = requirements(awaiting)
    assert item.met
    assert item.detail == ""
    assert submit(actors, awaiting).status == RequestStatus.IN_SERVICE


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"sasaran": ""}, "sasaran"),
        ({"kind": "IKK"}, "kind"),
        ({"target": "delapan"}, "target"),
        ({"target": "-5"}, "target"),
        ({"target": "0"}, "target"),
        ({"polarity": "stabilize"}, "polarity"),
        ({"target_aspect": "mutu"}, "target_aspect"),
        ({"quarter_targets": {"TW5": "1"}}, "quarter_targets"),
        ({"quarter_targets": {"TW1": "x"}}, "quarter_targets"),
        ({"measure_unit": "x" * 101}, "measure_unit"),
    ],
)
def test_bad_values_name_the_field(awaiting, actors, change, field):
    with pytest.raises(ValidationError) as exc:
        services.proposal_save(actor=actors["operator_a"], request=awaiting, **{**ROW, **change})
    assert field in exc.value.message_dict
    assert not IndicatorProposal.objects.exists()


def test_who_may_write_the_matrix_and_when(awaiting, actors):
    for name in ("operator_b", "inspector", "leadership"):
        with pytest.raises(PermissionDenied):
            services.proposal_save(actor=actors[name], request=awaiting, **ROW)
    mine = services.proposal_save(actor=actors["unit_head"], request=awaiting, **ROW)
    officer = services.proposal_save(actor=actors["planner"], request=awaiting, **ROW)
    assert (mine.sort_order, officer.sort_order) == (1, 2)
    with pytest.raises(ConcurrentEditError):
        services.proposal_save(
            actor=actors["operator_a"], request=awaiting, proposal=mine, expected_version=99, **ROW
        )
    services.proposal_delete(actor=actors["operator_a"], proposal=mine)
    officer.refresh_from_db()
    assert officer.sort_order == 1  # renumbered
    request = submit(actors, awaiting)
    with pytest.raises(ValidationError) as exc:
        services.proposal_save(actor=actors["operator_a"], request=request, **ROW)
    assert "in service" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.proposal_delete(actor=actors["planner"], proposal=officer)
    # Returned to the unit: the matrix opens again.
    request = request_return(
        actor=actors["planner"],
        request=request,
        reason="Lengkapi definisi",
        expected_version=request.row_version,
    )
    services.proposal_save(actor=actors["operator_a"], request=request, **ROW)


# --- validators ----------------------------------------------------------------------------------


def test_validator_sides_need_their_roles(awaiting, actors):
    with pytest.raises(ValidationError) as exc:
        services.validator_assign(
            actor=actors["planner"], request=awaiting, user=actors["planner"], side="itjen"
        )
    assert "inspector" in exc.value.message_dict["user"][0]
    with pytest.raises(ValidationError) as exc:
        services.validator_assign(
            actor=actors["planner"], request=awaiting, user=actors["inspector"], side="biro"
        )
    assert "planner" in exc.value.message_dict["user"][0]
    with pytest.raises(ValidationError) as exc:
        services.validator_assign(
            actor=actors["planner"], request=awaiting, user=actors["inspector"], side="x"
        )
    assert "side" in exc.value.message_dict
    for name in ("operator_a", "inspector", "unit_head"):
        with pytest.raises(PermissionDenied):
            services.validator_assign(
                actor=actors[name], request=awaiting, user=actors["inspector"], side="itjen"
            )
        with pytest.raises(PermissionDenied):
            services.validators_request(actor=actors[name], request=awaiting)
    validator = services.validator_assign(
        actor=actors["planner"], request=awaiting, user=actors["inspector"], side="itjen"
    )
    assert Notification.objects.filter(
        user=actors["inspector"], event_key=f"validasi-validator:{validator.pk}"
    ).exists()
    with pytest.raises(ValidationError) as exc:
        services.validator_assign(
            actor=actors["admin"], request=awaiting, user=actors["inspector"], side="itjen"
        )
    assert "user" in exc.value.message_dict
    services.validator_remove(actor=actors["admin"], validator=validator)
    assert not awaiting.validators.exists()


def test_asking_itjen_notifies_every_inspector(awaiting, actors, mailoutbox):
    call = services.validators_request(
        actor=actors["planner"], request=awaiting, note="Sesi 12 Maret, ruang rapat"
    )
    note = Notification.objects.get(user=actors["inspector"], event_key=f"validasi-validators:{call.pk}")
    assert awaiting.number in note.title
    assert "Sesi 12 Maret" in note.body
    assert (
        not Notification.objects.filter(event_key=f"validasi-validators:{call.pk}")
        .exclude(user=actors["inspector"])
        .exists()
    )


# --- verdicts ------------------------------------------------------------------------------------


def test_verdict_rules(in_service, actors):
    first, second, third = in_service.proposals.order_by("sort_order")
    with pytest.raises(ValidationError) as exc:
        judge(actors["planner"], first, Verdict.DIPERBAIKI)
    assert "agreed_name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # the "agreed" text is the proposal's: nothing changes
        judge(
            actors["planner"], first, Verdict.DIPERBAIKI, agreed_name=f"  {ROW['name']} ", agreed_target="85"
        )
    assert "agreed_name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        judge(actors["planner"], first, Verdict.DITOLAK)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        judge(actors["planner"], first, Verdict.DIPERBAIKI, agreed_target="nol")
    assert "agreed_target" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        judge(actors["planner"], first, "maybe")
    assert "verdict" in exc.value.message_dict

    changed = judge(
        actors["inspector"],
        first,
        Verdict.DIPERBAIKI,
        agreed_name=ROW["name"],  # unchanged: not recorded
        agreed_formula="kapal patuh / kapal diperiksa × 100",
        agreed_target="90",
    )
    assert (changed.agreed_name, changed.agreed_formula, changed.agreed_target) == (
        "",
        "kapal patuh / kapal diperiksa × 100",
        Decimal("90"),
    )
    assert changed.final_name == ROW["name"]
    assert changed.final_target == Decimal("90")
    assert changed.verdict_by == actors["inspector"]
    # Accepting as proposed clears the agreed text; back to pending clears who judged.
    accepted = judge(actors["planner"], first, Verdict.DITERIMA, agreed_target="70")
    assert accepted.agreed_target is None
    assert accepted.agreed_formula == ""
    pending = judge(actors["planner"], first, Verdict.PENDING)
    assert pending.verdict_by is None
    assert pending.verdict_at is None
    rejected = judge(actors["planner"], second, Verdict.DITOLAK, reason="Duplikat IK-02")
    assert rejected.reason == "Duplikat IK-02"
    with pytest.raises(ConcurrentEditError):
        services.proposal_verdict(
            actor=actors["planner"],
            proposal=third,
            verdict=Verdict.DITERIMA,
            expected_version=third.row_version - 1,
        )


def test_who_gives_verdicts_and_when(awaiting, actors, tarakan):
    fill(actors, awaiting)
    proposal = awaiting.proposals.first()
    with pytest.raises(ValidationError) as exc:  # not in service yet
        judge(actors["planner"], proposal, Verdict.DITERIMA)
    assert "verdict" in exc.value.message_dict
    request = submit(actors, awaiting)
    for name in ("operator_a", "unit_head", "inspector", "leadership", "operator_b"):
        with pytest.raises(PermissionDenied):
            judge(actors[name], proposal, Verdict.DITERIMA)
    services.validator_assign(
        actor=actors["planner"], request=request, user=actors["inspector"], side="itjen"
    )
    assert judge(actors["inspector"], proposal, Verdict.DITERIMA).verdict == Verdict.DITERIMA
    assert judge(actors["admin"], proposal, Verdict.DITERIMA).verdict_by == actors["admin"]


# --- the worksheet -------------------------------------------------------------------------------


def test_worksheet_preconditions(in_service, actors):
    with pytest.raises(ValidationError) as exc:
        issue(actors, in_service)
    assert "no verdict yet: no. 1, 2, 3" in " ".join(exc.value.messages)
    judge_all(actors, in_service)
    in_service.validators.filter(side="itjen").delete()
    with pytest.raises(ValidationError) as exc:
        issue(actors, in_service)
    assert "Inspectorate General" in " ".join(exc.value.messages)
    services.validator_assign(
        actor=actors["planner"], request=in_service, user=actors["inspector"], side="itjen"
    )
    for name in ("operator_b", "planner", "inspector"):
        with pytest.raises(ValidationError) as exc:
            issue(actors, in_service, representative=name)
        assert "representative" in exc.value.message_dict
    for name in ("operator_a", "inspector", "unit_head"):
        with pytest.raises(PermissionDenied):
            issue(actors, in_service, actor=name)
    in_service.refresh_from_db()
    with pytest.raises(ConcurrentEditError):
        services.validation_worksheet_issue(
            actor=actors["planner"],
            request=in_service,
            representative=actors["unit_head"],
            expected_version=in_service.row_version - 1,
        )
    assert not SignedDocument.objects.exists()
    request = issue(actors, in_service, representative="unit_head")
    assert request.worksheet.signers.order_by("order").last().user == actors["unit_head"]
    # Out for signature: verdicts and validators are fixed.
    with pytest.raises(ValidationError):
        judge(actors["planner"], request.proposals.first(), Verdict.DITOLAK, reason="x")
    with pytest.raises(ValidationError):
        services.validator_remove(actor=actors["planner"], validator=request.validators.first())


def test_accepted_proposal_needs_a_unit_of_measure(awaiting, actors):
    fill(actors, awaiting, rows=[{**ROW, "measure_unit": ""}])
    request = submit(actors, awaiting)
    services.validator_assign(actor=actors["planner"], request=request, user=actors["planner"], side="biro")
    services.validator_assign(
        actor=actors["planner"], request=request, user=actors["inspector"], side="itjen"
    )
    proposal = request.proposals.get()
    judge(actors["planner"], proposal, Verdict.DITERIMA)
    with pytest.raises(ValidationError) as exc:
        issue(actors, request)
    assert "unit of measure" in " ".join(exc.value.messages)
    judge(actors["planner"], proposal, Verdict.DIPERBAIKI, agreed_measure_unit="%")
    assert issue(actors, request).status == RequestStatus.SIGNING


def test_not_a_validation_request(awaiting, actors, tarakan):
    awaiting.kind = "pendampingan"
    ServiceRequest.objects.filter(pk=awaiting.pk).update(kind="pendampingan")
    with pytest.raises(ValidationError) as exc:
        services.proposal_save(actor=actors["operator_a"], request=awaiting, **ROW)
    assert "request" in exc.value.message_dict
