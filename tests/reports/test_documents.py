"""The document dispatcher, the reports page and the downloads."""

import pytest
from django.urls import reverse

from kinerja.reports import documents
from kinerja.reports.documents import BadArgument, Unavailable, document_render, safe_filename

from .lkj_world import YEAR, build_agreement, enter_tw1, tarakan

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


@pytest.fixture
def world(actors, catalog):
    agreement = build_agreement()
    enter_tw1()
    return agreement


@pytest.fixture
def fake_renderers(monkeypatch):
    """Record what the dispatcher asks the LKj and quarterly renderers for (their output is tested apart)."""
    from kinerja.reports import lkj, quarterly

    calls = []

    def fake(name):
        def render(**kwargs):
            calls.append((name, kwargs))
            return f"{name}:{kwargs['unit'].code}:{kwargs['year']}:{kwargs.get('quarter', '')}".encode()

        return render

    for module, name in (
        (lkj, "lkj_pdf"),
        (lkj, "lkj_docx"),
        (quarterly, "quarterly_pdf"),
        (quarterly, "quarterly_docx"),
    ):
        monkeypatch.setattr(module, name, fake(name))
    return calls


# --- the dispatcher ------------------------------------------------------------------------------


def test_dispatch_calls_the_named_renderer_and_names_the_file(world, fake_renderers):
    unit = tarakan()
    lkj = document_render(kind="lkj", unit=unit, year=YEAR, period=None, fmt="docx")
    assert lkj == documents.Document(
        content=b"lkj_docx:PSDKP-TARAKAN:2025:", filename="LKj-PSDKP-TARAKAN-2025.docx", content_type=DOCX
    )
    tw1 = document_render(kind="triwulan", unit=unit, year=YEAR, period="TW1", fmt="pdf")
    assert tw1.content == b"quarterly_pdf:PSDKP-TARAKAN:2025:TW1"
    assert (tw1.filename, tw1.content_type) == (
        "Laporan-Triwulan-PSDKP-TARAKAN-2025-TW1.pdf",
        "application/pdf",
    )
    assert [name for name, _kwargs in fake_renderers] == ["lkj_docx", "quarterly_pdf"]


@pytest.mark.parametrize(
    ("kind", "period", "fmt", "field"),
    [
        ("pk", "TW1", "pdf", "period"),
        ("lkj", "TW2", "docx", "period"),
        ("triwulan", None, "pdf", "period"),
        ("triwulan", "TW5", "pdf", "period"),
        ("pk", None, "odt", "format"),
        ("renstra", None, "pdf", "kind"),
    ],
)
def test_bad_arguments_name_the_argument(world, kind, period, fmt, field):
    with pytest.raises(BadArgument) as refused:
        document_render(kind=kind, unit=tarakan(), year=YEAR, period=period, fmt=fmt)
    assert refused.value.field == field


def test_nothing_to_make_it_from_is_unavailable(world, fake_renderers, org):
    with pytest.raises(Unavailable, match="no signed Perjanjian Kinerja for 2024"):
        document_render(kind="pk", unit=tarakan(), year=YEAR - 1, period=None, fmt="pdf")
    with pytest.raises(Unavailable, match="no Perjanjian Kinerja for 2024"):
        document_render(kind="lkj", unit=tarakan(), year=YEAR - 1, period=None, fmt="pdf")
    with pytest.raises(Unavailable, match="no data for TW2 2025"):
        document_render(kind="triwulan", unit=tarakan(), year=YEAR, period="TW2", fmt="pdf")
    assert fake_renderers == []


def test_a_draft_pk_is_not_a_signed_pk(actors, catalog):
    build_agreement(status="draft")
    with pytest.raises(Unavailable):
        document_render(kind="pk", unit=tarakan(), year=YEAR, period=None, fmt="pdf")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ('PK-"A"-2025.pdf', "PK-A-2025.pdf"),
        ("../../etc/passwd", "etc-passwd"),
        ("LKj X/Y 2025.docx", "LKj-X-Y-2025.docx"),
    ],
)
def test_filenames_are_reduced_to_safe_characters(name, safe):
    assert safe_filename(name) == safe


# --- the reports page ----------------------------------------------------------------------------


def test_the_page_defaults_to_the_home_unit_and_latest_year(client, actors, world):
    client.force_login(actors["operator_a"])
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200
    assert (response.context["unit"].code, response.context["year"]) == ("PSDKP-TARAKAN", YEAR)
    kinds = [(d.kind, d.period) for d in response.context["documents"]]
    assert kinds == [("pk", None), ("lkj", None), ("triwulan", "TW1")]
    html = response.content.decode()
    assert (
        reverse("reports:download", args=["PSDKP-TARAKAN", YEAR, "triwulan", "docx"]) + "?period=TW1" in html
    )
    assert reverse("reports:lkj", args=["PSDKP-TARAKAN", YEAR]) in html


def test_a_planner_chooses_any_unit_but_a_neighbour_is_404(client, actors, world):
    client.force_login(actors["planner"])
    home = client.get(reverse("reports:index"))
    assert home.context["unit"].code == "ROREN"
    assert home.context["documents"] == []
    chosen = client.get(reverse("reports:index"), {"unit": "PSDKP-TARAKAN", "year": YEAR})
    assert [d.kind for d in chosen.context["documents"]] == ["pk", "lkj", "triwulan"]
    client.force_login(actors["operator_b"])
    assert client.get(reverse("reports:index"), {"unit": "PSDKP-TARAKAN"}).status_code == 404


# --- downloads -----------------------------------------------------------------------------------


def _download(client, user, kind, fmt, code="PSDKP-TARAKAN", year=YEAR, **query):
    client.force_login(user)
    return client.get(reverse("reports:download", args=[code, year, kind, fmt]), query)


def test_download_streams_the_pk_as_an_attachment(client, actors, world):
    response = _download(client, actors["operator_a"], "pk", "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="PK-PSDKP-TARAKAN-2025.pdf"'
    assert response.content.startswith(b"%PDF")


def test_download_of_the_quarterly_docx(client, actors, world, fake_renderers):
    response = _download(client, actors["leadership"], "triwulan", "docx", period="TW1")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response.content == b"quarterly_docx:PSDKP-TARAKAN:2025:TW1"
    assert "Laporan-Triwulan-PSDKP-TARAKAN-2025-TW1.docx" in response["Content-Disposition"]


def test_download_refusals(client, actors, world, fake_renderers):
    assert _download(client, actors["operator_b"], "pk", "pdf").status_code == 404
    assert _download(client, actors["operator_a"], "pk", "pdf", year=YEAR - 1).status_code == 404
    assert _download(client, actors["operator_a"], "triwulan", "pdf", period="TW3").status_code == 404
    assert _download(client, actors["operator_a"], "triwulan", "pdf").status_code == 400
    assert _download(client, actors["operator_a"], "pk", "xls").status_code == 400
    assert _download(client, actors["operator_a"], "lkj", "pdf", code="NOPE").status_code == 404
    assert fake_renderers == []
