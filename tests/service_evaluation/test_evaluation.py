"""The service evaluation report: exact figures from known service time, the period, who may read it."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.survey import services as survey_services
from kinerja.workflows.evaluation import Period, evaluation, median_hours
from tests.complaints.helpers import answered, receive, standard
from tests.survey.conftest import answers

from .helpers import make, wib

URL = "workflows:evaluation"


@pytest.fixture
def first_quarter(actors):
    """Validasi in TW1 2025: four delivered (1 h, 2 h, 25 h, 55.56 h), one open, one cancelled;
    one pendampingan delivered in TW2 at 83.33 h."""
    make(actors, seconds=3600, compensation="tepat_waktu", opened=wib(2025, 1, 6, 8, 0))
    make(actors, seconds=7200, compensation="tepat_waktu", opened=wib(2025, 2, 3, 9, 0))
    make(actors, seconds=90000, compensation="maaf_lisan", opened=wib(2025, 2, 10, 9, 0))
    make(
        actors,
        seconds=200000,
        compensation="maaf_tertulis",
        opened=wib(2025, 3, 31, 23, 59),
        officer="admin",
        given=True,
    )
    make(actors, status="in_service", opened=wib(2025, 3, 3, 9, 0), officer=None)
    make(actors, status="cancelled", opened=wib(2025, 3, 4, 9, 0), officer=None)
    make(
        actors,
        kind="pendampingan",
        seconds=300000,
        compensation="maaf_tertulis_antar_langsung",
        opened=wib(2025, 4, 1, 0, 0),
    )


@pytest.fixture
def public_voice(actors, org):
    """In TW1 2025: two complaints about validasi (one answered after 2 service hours, one still
    open and, by 20 July, late), one about no service; survey answers for validasi (all 4, then
    all 3) and one for pendampingan in TW2."""
    bureau = {service.code: service for service in survey_services.bureau_services_ensure()}
    with time_machine.travel(wib(2025, 2, 5, 10, 0), tick=False):  # a Wednesday
        first = receive(standard=standard("validasi")).complaint
        receive(standard=standard("validasi"))
        receive(standard=None)
    with time_machine.travel(wib(2025, 2, 5, 12, 0), tick=False):
        answered(actors, first)
    survey_services.response_submit(service=bureau["validasi"], answers=answers(), at=wib(2025, 2, 1, 10))
    survey_services.response_submit(
        service=bureau["validasi"],
        answers=answers(**{f"u{i}": 3 for i in range(1, 10)}),
        at=wib(2025, 3, 31, 23, 0),
    )
    survey_services.response_submit(
        service=bureau["pendampingan"], answers=answers(), at=wib(2025, 4, 1, 0, 5)
    )


def test_complaints_and_the_satisfaction_index_per_service(actors, public_voice):
    with time_machine.travel(wib(2025, 7, 20, 9, 0), tick=False):
        result = evaluation(user=actors["planner"], period=Period.of(year=2025, quarter="TW1"))
    by_kind = {row.kind: row.voice for row in result.services}
    validasi = by_kind["validasi"]
    assert (validasi.complaints, validasi.complaints_open, validasi.complaints_overdue) == (2, 1, 1)
    assert validasi.median_answer_hours == Decimal("2.00")
    # Two answers: NRR 3.5 on every element → 25 × 3.5 = 87.50, grade B (below 88.31).
    satisfaction = validasi.satisfaction
    assert (satisfaction.respondents, satisfaction.ikm, satisfaction.grade) == (2, Decimal("87.50"), "B")
    assert by_kind["pendampingan"].satisfaction.respondents == 0  # answered in TW2
    assert by_kind["pendampingan"].satisfaction.ikm is None
    # The total counts the complaint about no particular service too.
    assert result.total_voice.complaints == 3
    assert result.total_voice.satisfaction.respondents == 2
    year = evaluation(user=actors["planner"], period=Period.of(year=2025))
    assert year.total_voice.satisfaction.respondents == 3
    assert year.total_voice.satisfaction.ikm == Decimal("91.67")  # (4 + 3 + 4) / 3 × 25
    only = evaluation(user=actors["planner"], period=Period.of(year=2025), kind="validasi")
    assert only.total_voice.complaints == 2


def test_figures_per_service_for_a_quarter(actors, first_quarter):
    result = evaluation(user=actors["planner"], period=Period.of(year=2025, quarter="TW1"))
    by_kind = {row.kind: row.figures for row in result.services}
    validasi = by_kind["validasi"]
    assert (validasi.received, validasi.delivered, validasi.open, validasi.cancelled) == (6, 4, 1, 1)
    # Median of 3600, 7200, 90000, 200000 seconds = 48600 s = 13.50 h; the longest 200000 s = 55.56 h.
    assert validasi.median_hours == Decimal("13.50")
    assert validasi.longest_hours == Decimal("55.56")
    assert (validasi.on_time, validasi.on_time_percent) == (2, Decimal("50.0"))
    assert validasi.owed == {"maaf_lisan": 1, "maaf_tertulis": 1, "maaf_tertulis_antar_langsung": 0}
    assert validasi.given == {"maaf_lisan": 0, "maaf_tertulis": 1, "maaf_tertulis_antar_langsung": 0}
    # TW2 starts at midnight WIB on 1 April: the mentoring request is not in TW1.
    assert by_kind["pendampingan"].received == 0
    assert by_kind["pendampingan"].median_hours is None
    assert by_kind["pendampingan"].on_time_percent is None
    assert by_kind["verifikasi"].received == 0
    assert result.total.received == 6


def test_the_whole_year_and_one_service(actors, first_quarter):
    year = evaluation(user=actors["inspector"], period=Period.of(year=2025))
    assert year.total.received == 7
    assert year.total.delivered == 5
    # Five delivered: 3600, 7200, 90000, 200000, 300000 → the median is 90000 s = 25.00 h.
    assert year.total.median_hours == Decimal("25.00")
    assert year.total.longest_hours == Decimal("83.33")
    assert year.total.on_time_percent == Decimal("40.0")
    assert year.total.owed["maaf_tertulis_antar_langsung"] == 1
    only = evaluation(user=actors["leadership"], period=Period.of(year=2025), kind="pendampingan")
    assert [row.kind for row in only.services] == ["pendampingan"]
    assert only.total.received == 1
    assert only.services[0].figures.median_hours == Decimal("83.33")
    assert evaluation(user=actors["planner"], period=Period.of(year=2024)).total.received == 0


def test_a_date_range_counts_days_in_jakarta(actors, first_quarter):
    march = Period.of(year=2025, start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
    result = evaluation(user=actors["planner"], period=march)
    # 3 and 4 March, and 31 March 23:59 WIB (16:59 UTC): three requests.
    assert result.total.received == 3
    assert result.total.delivered == 1
    assert result.total.median_hours == Decimal("55.56")


def test_per_officer(actors, first_quarter):
    result = evaluation(user=actors["planner"], period=Period.of(year=2025))
    rows = {(row.officer.username if row.officer else None): row for row in result.officers}
    planner, admin, nobody = rows["planner"], rows["admin"], rows[None]
    # The planner: 3600, 7200, 90000 (TW1) and 300000 (TW2) → median (7200 + 90000) / 2 = 13.50 h.
    assert (planner.requests, planner.delivered) == (4, 4)
    assert planner.median_hours == Decimal("13.50")
    assert planner.on_time_percent == Decimal("50.0")
    assert (admin.requests, admin.delivered, admin.median_hours, admin.on_time_percent) == (
        1,
        1,
        Decimal("55.56"),
        Decimal("0.0"),
    )
    assert (nobody.requests, nobody.delivered, nobody.median_hours, nobody.on_time_percent) == (
        2,
        0,
        None,
        None,
    )
    assert result.officers[-1].officer is None


def test_the_median_is_taken_on_seconds_before_rounding_to_hours():
    # 17 s and 19 s: the median 18 s is 0.005 h, which rounds half up to 0.01 h. Rounding each to
    # hours first (0.00 and 0.01) would give a different answer.
    assert median_hours([17, 19]) == Decimal("0.01")
    assert median_hours([7200, 3600, 90000]) == Decimal("2.00")
    assert median_hours([3600, 3601]) == Decimal("1.00")
    assert median_hours([]) is None


# --- the page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["planner", "inspector", "leadership", "admin"])
def test_the_ministry_wide_readers_see_the_report(actors, login, who):
    assert login(actors[who]).get(reverse(URL)).status_code == 200


@pytest.mark.parametrize("who", ["operator_a", "operator_b", "unit_head"])
def test_unit_staff_do_not(actors, login, who):
    client = login(actors[who])
    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse("workflows:evaluation_xlsx")).status_code == 403


def test_the_page_shows_the_figures(actors, login, first_quarter, public_voice):
    page = login(actors["planner"]).get(reverse(URL), {"year": 2025, "quarter": "TW1"})
    html = " ".join(page.content.decode().split())
    assert page.context["result"].period == Period.of(year=2025, quarter="TW1")
    assert 'data-kind="validasi"' in html
    assert 'data-col="median">13.50<' in html
    assert 'data-col="longest">55.56<' in html
    assert 'data-col="on-time">50.0 %<' in html
    assert 'data-col="maaf_tertulis">1 (1)<' in html
    assert 'data-col="complaints">2<' in html
    assert 'data-col="ikm">87.50 (B)<' in html
    assert 'data-col="respondents">2<' in html
    assert 'data-kind="total"' in html


def test_a_service_filter_shows_one_row_and_no_total(actors, login, first_quarter):
    page = login(actors["planner"]).get(reverse(URL), {"year": 2025, "service": "validasi"})
    html = page.content.decode()
    assert 'data-kind="validasi"' in html
    assert 'data-kind="pendampingan"' not in html
    assert 'data-kind="total"' not in html


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"year": 2025, "quarter": "TW1", "start": "2025-01-01", "end": "2025-01-31"}, "not both"),
        ({"year": 2025, "start": "2025-01-01"}, "both dates"),
        ({"year": 2025, "start": "2025-02-01", "end": "2025-01-01"}, "ends before it starts"),
        ({"year": 2025, "start": "2024-12-01", "end": "2025-01-31"}, "within 2025"),
        ({"year": "dua ribu"}, "whole number"),
    ],
)
def test_bad_filters_are_explained_and_show_no_figures(actors, login, query, error):
    page = login(actors["planner"]).get(reverse(URL), query)
    assert page.status_code == 200
    assert page.context["result"] is None
    assert error in page.content.decode()
    assert login(actors["planner"]).get(reverse("workflows:evaluation_xlsx"), query).status_code == 400


def test_the_excel_file_holds_the_same_figures(actors, login, first_quarter, public_voice):
    response = login(actors["inspector"]).get(
        reverse("workflows:evaluation_xlsx"), {"year": 2025, "quarter": "TW1"}
    )
    assert response.status_code == 200
    assert "evaluasi-pelayanan-20250101-20250331.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    services = book["Per service"]
    rows = list(services.iter_rows(values_only=True))
    header = rows[2]
    validasi = next(row for row in rows if row[0] == "Validation of performance indicators")
    values = dict(zip(header, validasi, strict=True))
    assert values["Requests received"] == 6
    assert (values["Delivered"], values["Open"], values["Cancelled"]) == (4, 1, 1)
    assert values["Median service hours"] == 13.5
    assert values["Longest service hours"] == 55.56
    assert values["On time (%)"] == 50.0
    assert values["Owed: Written apology"] == 1
    assert values["Given: Written apology"] == 1
    assert (values["Complaints received"], values["Complaints open"]) == (2, 1)
    assert values["Median answer (service hours)"] == 2.0
    assert (values["Satisfaction index (IKM)"], values["IKM grade"], values["Respondents"]) == (87.5, "B", 2)
    assert rows[-1][0] == "All services"
    assert rows[-1][header.index("Complaints received")] == 3
    officers = list(book["Per officer"].iter_rows(values_only=True))
    assert officers[2] == ("Officer", "Requests", "Delivered", "Median service hours", "On time (%)")
    assert ("Planner", 3, 3, 2.0, 66.7) in officers
    assert ("Not assigned", 2, 0, None, None) in officers
