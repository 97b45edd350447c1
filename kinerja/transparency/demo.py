"""Demo publications: Stasiun PSDKP Tarakan publishes its final LKj 2025.

The PDF is a short generated example (the LKj generator is a later piece of work) carrying the
2025 NKO of each verified quarter. Idempotent: a unit-year that already has an LKj is left as it is.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from kinerja.accounts.models import User
from kinerja.core.pdf import html_to_pdf
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .models import Publication, PublicationKind

UNIT = "PSDKP-TARAKAN"
YEAR = 2025
TITLE = "Laporan Kinerja Stasiun PSDKP Tarakan Tahun 2025"


def load(say: Callable[[str], None]) -> None:
    unit = OrgUnit.objects.filter(code=UNIT).first()
    head = User.objects.filter(username="kepala.tarakan").first()
    if unit is None or head is None:
        say("transparency: demo unit or account missing, nothing loaded")
        return
    if Publication.objects.filter(unit=unit, kind=PublicationKind.LKJ, year=YEAR).exists():
        say("transparency: the LKj 2025 of PSDKP-TARAKAN is already there")
        return
    html = render_to_string(
        "transparency/demo_lkj.html",
        {
            "title": TITLE,
            "unit": unit,
            "year": YEAR,
            "achievements": selectors.achievements(unit=unit, year=YEAR),
        },
    )
    upload = SimpleUploadedFile(f"LKj-{UNIT}-{YEAR}.pdf", html_to_pdf(html), content_type="application/pdf")
    publication = services.publication_upload(actor=head, unit=unit, year=YEAR, title=TITLE, upload=upload)
    services.publication_publish(
        actor=head, publication=publication, expected_version=publication.row_version
    )
    say("transparency: PSDKP-TARAKAN published its LKj 2025")
