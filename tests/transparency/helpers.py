"""A unit whose year is partly public: what the portal must show and what it must never show.

Stasiun PSDKP Tarakan, 2025: the PK revision 0 is signed and revision 1 is a draft; TW1 is
verified, TW2 submitted, TW3 returned, TW4 a draft; the LKj 2025 is published, the LKj 2026
only uploaded, and the LKj 2024 withdrawn. Every quarter has stored results of basis
VERIFIED (as a recompute could leave them) with a distinctive value, so a page that leaked an
unverified quarter would show its number. 2026 has only a draft PK. Bitung's Renstra is inactive.
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.performance.models import Basis, Result, SasaranScore, Submission, UnitScore
from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran, Renstra, RenstraIndicator
from kinerja.transparency import services

PDF = b"%PDF-1.4\n% a final LKj\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
YEAR = 2025

#: quarter -> (submission status, the realisation stored with basis VERIFIED)
QUARTERS = {
    "TW1": ("verified", "87.61"),
    "TW2": ("submitted", "12.34"),
    "TW3": ("returned", "23.45"),
    "TW4": ("draft", "34.56"),
}
WORKING_VALUE = "45.67"  # TW1 as being edited: never public
VISIBLE = "87.61"
HIDDEN_VALUES = ("12.34", "23.45", "34.56", WORKING_VALUE)
DRAFT_PARTY = "Pihak Draf Rahasia"
SIGNED_PARTY = "Kepala Stasiun Bertanda Tangan"
MENTORING_DRAFT = "draf-lkj-pendampingan-rahasia.pdf"


def pdf(name="lkj-2025.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def tarakan():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")


def _agreement(unit, year, revision, status, party, indicator, supersedes=None, is_current=True):
    agreement = Agreement.objects.create(
        unit=unit,
        year=year,
        revision=revision,
        status=status,
        first_party_name=party,
        first_party_title="Kepala Stasiun",
        second_party_name="Direktur Jenderal",
        second_party_title="Direktur Jenderal PSDKP",
        place="Tarakan",
        signed_on=datetime.date(year, 1, 31) if status == "signed" else None,
        reason="Perubahan target" if revision else "",
        supersedes=supersedes,
        is_current=is_current,
    )
    row = AgreementSasaran.objects.create(agreement=agreement, sasaran=indicator.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement,
        sasaran_row=row,
        indicator=indicator,
        target=Decimal(85),
        period_targets=dict.fromkeys(QUARTERS, "85"),
    )
    return agreement


def build_world(actors):
    unit = tarakan()
    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    signed = _agreement(unit, YEAR, 0, "signed", SIGNED_PARTY, ik02, is_current=False)
    _agreement(unit, YEAR, 1, "draft", DRAFT_PARTY, ik02, supersedes=signed)
    _agreement(unit, YEAR + 1, 0, "draft", DRAFT_PARTY, ik02)
    renstra = Renstra.objects.create(
        unit=unit, title="Renstra Tarakan Uji", start_year=2025, end_year=2029, regulation="Permen KP 1/2025"
    )
    RenstraIndicator.objects.create(renstra=renstra, indicator=ik02, yearly_targets={"2025": "85"})
    Renstra.objects.create(
        unit=OrgUnit.objects.get(code="PSDKP-BITUNG"),
        title="Renstra Bitung Tidak Aktif",
        start_year=2025,
        end_year=2029,
        regulation="-",
        is_active=False,
    )
    for quarter, (state, value) in QUARTERS.items():
        Submission.objects.create(
            unit=unit,
            year=YEAR,
            quarter=quarter,
            status=state,
            return_reason="Lengkapi data dukung" if state == "returned" else "",
        )
        Result.objects.create(
            unit=unit,
            indicator=ik02,
            year=YEAR,
            period=quarter,
            basis=Basis.VERIFIED,
            value=Decimal(value),
            reported=Decimal(value),
            target=Decimal(85),
            achievement=Decimal(value) + 1,
        )
        SasaranScore.objects.create(
            unit=unit,
            sasaran=ik02.sasaran,
            year=YEAR,
            quarter=quarter,
            basis=Basis.VERIFIED,
            npss=Decimal(value) + 2,
            indicator_count=1,
        )
        UnitScore.objects.create(
            unit=unit,
            year=YEAR,
            quarter=quarter,
            basis=Basis.VERIFIED,
            nko=Decimal(value) + 3,
            sasaran_count=1,
        )
    Result.objects.create(
        unit=unit,
        indicator=ik02,
        year=YEAR,
        period="TW1",
        basis=Basis.WORKING,
        value=Decimal(WORKING_VALUE),
        reported=Decimal(WORKING_VALUE),
        target=Decimal(85),
        achievement=Decimal(WORKING_VALUE),
    )
    head = actors["unit_head"]
    published = services.publication_upload(
        actor=head, unit=unit, year=YEAR, title="LKj Tarakan 2025 Final", upload=pdf()
    )
    published = services.publication_publish(
        actor=head, publication=published, expected_version=published.row_version
    )
    draft = services.publication_upload(
        actor=head, unit=unit, year=YEAR + 1, title="LKj Belum Terbit", upload=pdf("belum.pdf")
    )
    withdrawn = services.publication_upload(
        actor=head, unit=unit, year=YEAR - 1, title="LKj Ditarik 2024", upload=pdf("ditarik.pdf")
    )
    withdrawn = services.publication_publish(
        actor=head, publication=withdrawn, expected_version=withdrawn.row_version
    )
    withdrawn = services.publication_withdraw(
        actor=head, publication=withdrawn, reason="Salah unggah", expected_version=withdrawn.row_version
    )
    return {"unit": unit, "signed": signed, "published": published, "draft": draft, "withdrawn": withdrawn}
