"""Demo of the services: portfolios, a quality-control team, and requests in several states.

Built through the same services a user would call, so every clock and figure on the demo pages
comes from real events: a mentoring request delivered late (its compensation still owed), a
validation in service with the unit's proposals, and a verification waiting for its quarter.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.accounts.models import Role, User
from kinerja.accounts.services import role_assign, user_create
from kinerja.organization.models import OrgUnit

from . import services
from .models import Portfolio, ServiceRequest, ServiceTeam

PROPOSALS = [
    {
        "sasaran": "Meningkatnya kepatuhan pelaku usaha kelautan dan perikanan",
        "kind": "IK",
        "name": "Persentase kapal perikanan yang diperiksa di pelabuhan pangkalan",
        "definition": "Kapal perikanan yang diperiksa petugas dibandingkan kapal yang berpangkalan.",
        "formula": "(jumlah kapal diperiksa / jumlah kapal berpangkalan) × 100%",
        "measure_unit": "persen",
        "target": "85",
    },
    {
        "sasaran": "Meningkatnya kepatuhan pelaku usaha kelautan dan perikanan",
        "kind": "IK",
        "name": "Jumlah operasi pengawasan terpadu",
        "definition": "Operasi bersama instansi terkait yang dilaporkan lengkap.",
        "formula": "jumlah operasi terpadu yang dilaporkan",
        "measure_unit": "operasi",
        "target": "12",
    },
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _draft_lkj() -> SimpleUploadedFile:
    from kinerja.core.pdf import html_to_pdf

    html = (
        "<h1>Laporan Kinerja Stasiun PSDKP Tarakan 2025 (draft)</h1>"
        "<h2>Bab I Pendahuluan</h2><p>Draf untuk pendampingan.</p>"
    )
    return SimpleUploadedFile("draft-lkj-2025.pdf", html_to_pdf(html, None), content_type="application/pdf")


def _mentoring(
    planner: User, head: User, operator: User, tarakan: OrgUnit, say: Callable[[str], object]
) -> None:
    from kinerja.mentoring import services as mentoring
    from kinerja.mentoring.hooks import ENDORSED
    from kinerja.signatures.services import document_sign

    request = services.request_open(actor=operator, kind="pendampingan", unit=tarakan, year=2025)
    mentoring.upload_add(actor=operator, request=request, kind="draft_lkj", upload=_draft_lkj())
    services.requirement_tick(actor=planner, request=request, key=ENDORSED, met=True)
    received = timezone.now() - datetime.timedelta(days=10)
    request = services.request_submit(
        actor=operator, request=ServiceRequest.objects.get(pk=request.pk), expected_version=1, at=received
    )
    mentoring.finding_save(
        actor=planner,
        request=request,
        chapter="bab_3",
        regulation="permenpanrb_53_2014",
        finding="Analisis capaian IK-02 belum membandingkan dengan target jangka menengah Renstra.",
        recommendation="Tambahkan perbandingan capaian 2025 dengan target Renstra 2025–2029.",
    )
    request = mentoring.mentoring_worksheet_issue(
        actor=planner, request=request, representative=head, expected_version=request.row_version
    )
    for signer in (planner, head):
        document = ServiceRequest.objects.get(pk=request.pk).worksheet
        assert document is not None
        document_sign(
            actor=signer,
            document=document,
            password=settings.KINERJA_DEMO_PASSWORD,
            expected_version=document.row_version,
        )
    say(f"  {request.number}: pendampingan delivered (received ten days ago: compensation owed)")


def _validation(
    planner: User, inspector: User, operator: User, unit: OrgUnit, say: Callable[[str], object]
) -> None:
    from kinerja.validation import services as validation

    invitation = services.invitation_send(
        actor=planner,
        kind="validasi",
        year=2027,
        units=[unit],
        title="Validasi usulan indikator kinerja 2027",
    )
    request = invitation.requests.get()
    for values in PROPOSALS:
        validation.proposal_save(actor=operator, request=request, **values)
    request = services.request_submit(actor=operator, request=request, expected_version=request.row_version)
    validation.validators_request(actor=planner, request=request, note="Mohon dua validator Itjen")
    validation.validator_assign(actor=planner, request=request, user=planner, side="biro")
    validation.validator_assign(actor=planner, request=request, user=inspector, side="itjen")
    say(f"  {request.number}: validasi in service with {len(PROPOSALS)} proposals")


def load(say: Callable[[str], object]) -> None:
    from kinerja.calendar.services import service_hours_ensure

    services.standards_ensure()
    service_hours_ensure()
    if ServiceRequest.objects.exists():
        return
    planner, head, operator = _user("perencana"), _user("kepala.tarakan"), _user("operator.tarakan")
    inspector = _user("inspektur")
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["DJPSDKP", "PSDKP-TARAKAN", "KKP", "ROREN"])}
    Portfolio.objects.get_or_create(planner=planner, unit=units["DJPSDKP"], defaults={"is_lead": True})
    quality = User.objects.filter(username="mutu").first()
    if quality is None:
        quality = user_create(
            username="mutu",
            full_name="Tono Tim Kendali Mutu (fiktif)",
            password=settings.KINERJA_DEMO_PASSWORD,
            email="mutu@demo.kinerja.invalid",
        )
        role_assign(user=quality, role=Role.PLANNER, unit=units["ROREN"])
    team, _created = ServiceTeam.objects.get_or_create(
        name="Tim Kendali Mutu", defaults={"supervisor": quality, "is_quality_control": True}
    )
    team.members.add(quality)
    say("Services of Biro Perencanaan:")
    _mentoring(planner, head, operator, units["PSDKP-TARAKAN"], say)
    _validation(planner, inspector, _user("kepala.psdkp"), units["DJPSDKP"], say)
    try:
        invitation = services.invitation_send(
            actor=planner,
            kind="verifikasi",
            year=2026,
            quarter="TW3",
            units=[units["PSDKP-TARAKAN"]],
            title="Verifikasi capaian kinerja TW3 2026",
        )
    except ValidationError:
        return  # the quarter's entry has not closed yet on this machine's date
    say(f"  {invitation.requests.get().number}: verifikasi TW3 waiting for the quarter to be resubmitted")
