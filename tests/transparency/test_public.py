"""What the portal shows without login, and what it must never show (pages, downloads, API)."""

import csv
import io

import pytest
from django.urls import reverse

from kinerja.transparency.models import DocumentKind
from kinerja.transparency.selectors import download_count

from .helpers import DRAFT_PARTY, HIDDEN_VALUES, MENTORING_DRAFT, SIGNED_PARTY, VISIBLE, YEAR

pytestmark = pytest.mark.django_db


def _unit_page(client, year=YEAR):
    return client.get(reverse("transparency:unit", args=["PSDKP-TARAKAN"]), {"year": year}).content.decode()


def test_index_lists_public_units_as_a_tree_without_login(client, world):
    page = client.get(reverse("transparency:index")).content.decode()
    assert reverse("transparency:unit", args=["PSDKP-TARAKAN"]) in page
    # An ancestor is shown for the tree's sake but not linked; a unit with nothing public is absent.
    assert "Direktorat Jenderal Pengawasan" in page
    assert reverse("transparency:unit", args=["DJPSDKP"]) not in page
    assert "PSDKP-BITUNG" not in page  # its only plan is inactive


def test_index_search(client, world):
    assert "PSDKP-TARAKAN" in client.get(reverse("transparency:index"), {"q": "tarakan"}).content.decode()
    found = client.get(reverse("transparency:index"), {"q": "bitung"}).content.decode()
    assert "PSDKP-TARAKAN" not in found
    assert "No unit with published information matches your search." in found


def test_unit_page_shows_only_signed_verified_and_published(client, world, mentoring_draft):
    page = _unit_page(client)
    # The signed PK (revision 0), not the draft revision that is current inside the application.
    assert SIGNED_PARTY in page
    assert DRAFT_PARTY not in page
    # The verified quarter with its result, NPSS and NKO; nothing of the other quarters or the working basis.
    assert VISIBLE in page
    assert "89.61" in page  # NPSS of TW1
    assert "90.61" in page  # NKO of TW1
    for hidden in HIDDEN_VALUES:
        assert hidden not in page
    for quarter in ("TW2", "TW3", "TW4"):
        assert f"{quarter} {YEAR}" not in page
    # Only the published LKj; never a draft, a withdrawn one, or the draft brought to mentoring.
    assert "LKj Tarakan 2025 Final" in page
    assert "LKj Belum Terbit" not in page
    assert "LKj Ditarik 2024" not in page
    assert MENTORING_DRAFT not in page
    assert "Renstra Tarakan Uji" in page


def test_a_year_with_only_a_draft_pk_shows_no_agreement(client, world):
    page = _unit_page(client, YEAR + 1)
    assert DRAFT_PARTY not in page
    assert "LKj Belum Terbit" not in page  # uploaded, not published
    assert "No signed performance agreement for this year." in page
    response = client.get(reverse("transparency:agreement_download", args=["PSDKP-TARAKAN", YEAR + 1]))
    assert response.status_code == 404


def test_withdrawn_year_is_not_offered(client, world):
    page = _unit_page(client, YEAR - 1)
    assert "LKj Ditarik 2024" not in page


def test_downloads_of_unpublished_documents_are_404(client, world):
    for publication in (world["draft"], world["withdrawn"]):
        url = reverse("transparency:publication_download", args=["PSDKP-TARAKAN", publication.pk])
        assert client.get(url).status_code == 404
    # A published document under another unit's address is not found either.
    other = reverse("transparency:publication_download", args=["PSDKP-BITUNG", world["published"].pk])
    assert client.get(other).status_code == 404


def test_pk_pdf_is_the_signed_revision(client, world):
    response = client.get(reverse("transparency:agreement_download", args=["PSDKP-TARAKAN", YEAR]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="PK-PSDKP-TARAKAN-2025.pdf"' in response["Content-Disposition"]


def test_achievements_csv_has_only_verified_quarters(client, world):
    response = client.get(reverse("transparency:achievements_csv", args=["PSDKP-TARAKAN", YEAR]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["quarter"], r["indicator"], r["realisation"]) for r in rows] == [("TW1", "IK-02", "87.6100")]
    no_verified = reverse("transparency:achievements_csv", args=["PSDKP-TARAKAN", YEAR + 1])
    assert client.get(no_verified).status_code == 404


def test_returned_quarter_becomes_public_only_once_verified(client, world):
    from kinerja.performance.models import Submission

    Submission.objects.filter(quarter="TW3", year=YEAR).update(status="verified", return_reason="")
    page = _unit_page(client)
    assert "23.45" in page
    assert "12.34" not in page


def test_two_downloads_count_two(client, world):
    published = world["published"]
    url = reverse("transparency:publication_download", args=["PSDKP-TARAKAN", published.pk])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == world["published"].file.open("rb").read()
    unit = world["unit"]
    assert (
        download_count(document=DocumentKind.PUBLICATION, unit=unit, year=YEAR, object_id=published.pk) == 2
    )
    assert "2 downloads" in _unit_page(client)


def test_each_document_has_its_own_counter(client, world):
    unit = world["unit"]
    client.get(reverse("transparency:agreement_download", args=["PSDKP-TARAKAN", YEAR]))
    client.get(reverse("transparency:achievements_csv", args=["PSDKP-TARAKAN", YEAR]))
    client.get(reverse("transparency:achievements_csv", args=["PSDKP-TARAKAN", YEAR]))
    signed = world["signed"]
    assert download_count(document=DocumentKind.AGREEMENT, unit=unit, year=YEAR, object_id=signed.pk) == 1
    assert download_count(document=DocumentKind.ACHIEVEMENTS, unit=unit, year=YEAR) == 2
    assert download_count(document=DocumentKind.PUBLICATION, unit=unit, year=YEAR, object_id=1) == 0
    # A refused download counts nothing.
    client.get(reverse("transparency:publication_download", args=["PSDKP-TARAKAN", world["draft"].pk]))
    assert (
        download_count(document=DocumentKind.PUBLICATION, unit=unit, year=YEAR, object_id=world["draft"].pk)
        == 0
    )


def test_counter_increments_in_the_database(world):
    """The increment is an UPDATE … SET count = count + 1: a stale copy in memory cannot lose one."""
    from kinerja.transparency.models import DownloadCount
    from kinerja.transparency.services import download_record

    unit = world["unit"]
    download_record(document=DocumentKind.ACHIEVEMENTS, unit=unit, year=YEAR)
    stale = DownloadCount.objects.get(document=DocumentKind.ACHIEVEMENTS, unit=unit, year=YEAR)
    download_record(document=DocumentKind.ACHIEVEMENTS, unit=unit, year=YEAR)
    stale.refresh_from_db()
    assert stale.count == 2


def test_unknown_unit_is_404(client, world):
    assert client.get(reverse("transparency:unit", args=["NOPE"])).status_code == 404


def test_cascade_shows_the_indicators_above(client, world, catalog):
    from kinerja.catalog.models import Indicator

    ik20 = Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-20")
    row = world["signed"].sasaran_rows.get()
    world["signed"].indicator_rows.create(sasaran_row=row, indicator=ik20, target=80)
    page = _unit_page(client)
    assert "IKU-PSDKP-01" in page
    assert "IKU-KKP-01" in page


def test_one_row_per_indicator_and_quarter(client, world):
    """A yearly value reported with TW4 is shown once, under the period the NPSS counts."""
    from decimal import Decimal

    from kinerja.performance.models import Basis, Result, Submission

    Submission.objects.filter(year=YEAR, quarter="TW4").update(status="verified")
    Result.objects.create(
        unit=world["unit"],
        indicator=world["published"].unit.indicators.get(code="IK-02"),
        year=YEAR,
        period="TAHUN",
        basis=Basis.VERIFIED,
        value=Decimal("77.77"),
        target=Decimal(85),
    )
    rows = client.get(reverse("transparency:achievements_csv", args=["PSDKP-TARAKAN", YEAR])).content.decode()
    assert "TW4,IK-02" in rows
    assert "TAHUN" not in rows


def test_cascade_shows_the_indicators_below(client, world):
    from kinerja.catalog.models import Indicator, Sasaran

    below_unit = world["unit"].children.first() or world["unit"]
    sasaran = Sasaran.objects.create(unit=below_unit, code="SK-77", name="Sasaran bawah", kind="kegiatan")
    Indicator.objects.create(
        unit=below_unit,
        sasaran=sasaran,
        code="IK-77",
        name="Turunan IK-02",
        parent_indicator=world["signed"].indicator_rows.get().indicator,
    )
    page = _unit_page(client)
    assert "Turunan IK-02" in page
