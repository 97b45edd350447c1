"""Every table view's `?export=`: the same rows as the page for the same user, and the same access."""

import io

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

import tests.test_permission_matrix as matrix
from kinerja.organization.selectors import unit_list
from kinerja.performance import dashboards
from kinerja.performance.models import UnitScore
from tests.complaints.helpers import receive
from tests.dashboards.conftest import TODAY
from tests.matrix.common import ANON, LOGIN

from .conftest import *  # noqa: F403  (the dashboards' data set)

YEAR = 2026
HEADER_ROW = 3
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Every view that offers the Excel and PDF buttons.
WIRED = [
    "performance:dashboard_ministry",
    "performance:dashboard_unit",
    "performance:index",
    "performance:quarter",
    "organization:unit_list",
    "organization:unit_detail",
    "catalog:indicator_list",
    "complaints:list",
    "workflows:index",
    "workflows:portfolio",
    "survey:results",
    "calendar:index",
    "mentoring:findings",
    "validation:matrix",
    "planning:year_list",
    "planning:renstra_list",
    "planning:renstra_detail",
    "planning:agreement_list",
    "planning:agreement_detail",
]


def rows_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADER_ROW)]
    return values[0], values[1:]


def export(client, name, fmt="xlsx", query=None, **kwargs):
    return client.get(reverse(name, kwargs=kwargs), {**(query or {}), "export": fmt})


# --- the same rows as the page ---------------------------------------------------------------------


@pytest.fixture
def heat(dataset, org):
    for code, nko in (("PSDKP-BITUNG", 70), ("ROREN", 101)):
        UnitScore.objects.create(
            unit=org[code], year=YEAR, quarter="TW1", basis="verified", nko=nko, sasaran_count=1
        )
    return dataset


def test_ministry_export_holds_the_units_the_user_sees(client, actors, heat):
    for who, expected in (("operator_a", ["PSDKP-TARAKAN"]), ("planner", None)):
        client.force_login(actors[who])
        header, rows = rows_of(export(client, "performance:dashboard_ministry", year=YEAR))
        page = dashboards.ministry_dashboard(user=actors[who], year=YEAR)
        assert [row[1] for row in rows] == [row.code for row in page.rows]
        if expected:
            assert [row[1] for row in rows] == expected
        assert header[:4] == ["Unit", "Kode", "NKO TW1", "Status TW1"]
    client.force_login(actors["planner"])
    _header, rows = rows_of(
        export(client, "performance:dashboard_ministry", query={"sort": "weakest", "q": "TW1"}, year=YEAR)
    )
    tw1 = [row[2] for row in rows if row[2] is not None]
    assert tw1 == sorted(tw1)
    assert 70 in tw1
    assert 101 in tw1


def test_unit_dashboard_export_is_the_indicator_table(client, actors, dataset, english):
    client.force_login(actors["operator_a"])
    header, rows = rows_of(export(client, "performance:dashboard_unit", code="PSDKP-TARAKAN", year=YEAR))
    assert header[:4] == ["Objective", "Code", "Indicator", "Quarter"]
    page = dashboards.unit_dashboard(
        user=actors["operator_a"], unit_code="PSDKP-TARAKAN", year=YEAR, today=TODAY
    )
    assert len(rows) == 4 * len(page.indicators) == 12
    ik02_tw1 = next(row for row in rows if row[1] == "IK-02" and row[3] == "TW1")
    shown = next(c for c in page.indicators[0].cells if c.quarter == "TW1")
    assert ik02_tw1[7] == pytest.approx(float(shown.achievement)) == pytest.approx(109.58)
    assert ik02_tw1[8].startswith("Green")
    client.force_login(actors["operator_b"])
    assert export(client, "performance:dashboard_unit", code="PSDKP-TARAKAN", year=YEAR).status_code == 404


def test_quarter_and_index_exports_follow_the_page(client, actors, dataset):
    client.force_login(actors["operator_a"])
    _header, rows = rows_of(
        export(client, "performance:quarter", code="PSDKP-TARAKAN", year=YEAR, quarter="TW1")
    )
    assert {(row[0], row[2]) for row in rows} == {("IK-02", "TW1"), ("IK-09", "TW1"), ("IK-13", "TW1")}
    _header, rows = rows_of(export(client, "performance:index", query={"year": YEAR}))
    assert [row[1] for row in rows] == ["PSDKP-TARAKAN"]
    client.force_login(actors["operator_b"])
    _header, rows = rows_of(export(client, "performance:index", query={"year": YEAR}))
    assert "PSDKP-TARAKAN" not in [row[1] for row in rows]


def test_unit_list_export_keeps_the_restriction_and_the_search(client, actors):
    client.force_login(actors["operator_b"])
    _header, rows = rows_of(export(client, "organization:unit_list"))
    assert [row[2] for row in rows] == [u.code for u in unit_list(user=actors["operator_b"])]
    assert "PSDKP-BITUNG" in [row[2] for row in rows]
    assert "PSDKP-TARAKAN" not in [row[2] for row in rows]
    client.force_login(actors["planner"])
    _header, rows = rows_of(export(client, "organization:unit_list", query={"q": "tarakan"}))
    assert [row[2] for row in rows] == ["PSDKP-TARAKAN"]


def test_complaint_typed_as_a_formula_comes_out_as_text(client, actors, english):
    receive(subject='=HYPERLINK("http://evil.invalid","Klik")')
    receive(subject="@SUM(1+1)*cmd|' /C calc'!A0", kind="saran")
    client.force_login(actors["planner"])
    header, rows = rows_of(export(client, "complaints:list"))
    assert header[2] == "Subject"
    assert sorted(row[2] for row in rows) == sorted(
        ['\'=HYPERLINK("http://evil.invalid","Klik")', "'@SUM(1+1)*cmd|' /C calc'!A0"]
    )
    _header, rows = rows_of(export(client, "complaints:list", query={"kind": "saran"}))
    assert len(rows) == 1
    client.force_login(actors["operator_b"])  # the bureau's complaints are not theirs
    _header, rows = rows_of(export(client, "complaints:list"))
    assert rows == []


def test_pdf_exports_of_a_dashboard_and_a_register(client, actors, dataset, english):
    receive(subject="Jadwal pendampingan")
    client.force_login(actors["planner"])
    for name, kwargs, expected in (
        ("performance:dashboard_unit", {"code": "PSDKP-TARAKAN", "year": YEAR}, "Sasaran uji"),
        ("complaints:list", {}, "Jadwal pendampingan"),
    ):
        response = export(client, name, "pdf", **kwargs)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="')
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert expected in " ".join(text.split())


def test_pages_offer_the_buttons_with_their_filters(client, actors):
    client.force_login(actors["planner"])
    page = client.get(reverse("organization:unit_list"), {"q": "psdkp"}).content.decode()
    assert "?q=psdkp&amp;export=xlsx" in page
    assert "?q=psdkp&amp;export=pdf" in page
    partial = client.get(
        reverse("organization:unit_list"), {"q": "bitung"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-swap-oob="true"' in partial
    assert "?q=bitung&amp;export=xlsx" in partial


def test_the_public_results_export_only_for_signed_in_staff(client, actors):
    anonymous = export(client, "survey:results")
    assert anonymous.status_code == 200
    assert anonymous["Content-Type"].startswith("text/html")
    client.force_login(actors["operator_a"])
    header, _rows = rows_of(export(client, "survey:results"))
    assert "IKM" in header


# --- the same access as the page -------------------------------------------------------------------


@pytest.mark.parametrize("name", WIRED)
def test_export_answers_every_actor_as_the_page_does(client, actors, catalog, name):
    """The permission matrix walks URLs without query strings: the same expectations, with `?export=`."""
    if name in matrix.PREPARE:
        matrix.PREPARE[name](actors)
    kwargs, methods = matrix.ROUTES[name]
    url = reverse(name, kwargs=kwargs(None) if callable(kwargs) else kwargs)
    failures = []
    for actor in matrix.ACTORS:
        expected = methods["GET"][actor]
        client.logout()
        if actor != ANON:
            client.force_login(actors[actor])
        try:
            with transaction.atomic():
                response = client.get(url, {"export": "xlsx"})
                raise matrix.Rollback
        except matrix.Rollback:
            pass
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
        elif expected == 200 and actor != ANON:
            ok = response.status_code == 200 and response["Content-Type"] == XLSX
        else:
            ok = response.status_code == expected and response.get("Content-Type") != XLSX
        if not ok:
            failures.append(
                f"{actor}: expected {expected}, got {response.status_code} {response.get('Content-Type')}"
            )
    assert failures == []
