"""The service clock: only service hours count, on the standard's calendar (services.md)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.calendar.clock import (
    WIB,
    Ladder,
    ServiceCalendar,
    elapsed,
    hours,
    merge,
    reached_at,
    running,
    service_seconds,
)
from kinerja.calendar.models import CollectiveLeave
from kinerja.calendar.selectors import calendar_between, service_calendar

from .conftest import CALENDAR, HOURS, H, wib

# --- one day, the week, the holidays -------------------------------------------------------------


def test_a_working_day_counts_its_service_hours_only():
    # Thursday 6 March 2025: 07:30–16:00 is 8.5 hours, whatever the wall clock says.
    assert service_seconds(CALENDAR, wib(2025, 3, 6), wib(2025, 3, 7)) == 8.5 * H
    assert service_seconds(CALENDAR, wib(2025, 3, 6, 5), wib(2025, 3, 6, 20)) == 8.5 * H


def test_friday_is_half_an_hour_longer():
    assert service_seconds(CALENDAR, wib(2025, 3, 7), wib(2025, 3, 8)) == 9 * H


def test_a_weekend_counts_nothing():
    assert service_seconds(CALENDAR, wib(2025, 3, 8), wib(2025, 3, 10)) == 0
    assert service_seconds(CALENDAR, wib(2025, 3, 7, 16, 30), wib(2025, 3, 10, 7, 30)) == 0


def test_a_week_is_forty_three_hours():
    assert service_seconds(CALENDAR, wib(2025, 3, 3), wib(2025, 3, 10)) == (4 * 8.5 + 9) * H


def test_a_national_holiday_counts_nothing():
    # Monday 31 March and Tuesday 1 April 2025: Idul Fitri, from the holiday library.
    assert service_seconds(CALENDAR, wib(2025, 3, 31), wib(2025, 4, 2)) == 0
    assert service_seconds(CALENDAR, wib(2025, 3, 24), wib(2025, 3, 25)) == 8.5 * H


def test_start_and_end_outside_service_hours():
    # Received after closing, delivered before opening: no service time at all.
    assert service_seconds(CALENDAR, wib(2025, 3, 6, 17), wib(2025, 3, 7, 7)) == 0
    # Received the evening before, delivered at 08:00: half an hour of Friday.
    assert service_seconds(CALENDAR, wib(2025, 3, 6, 17), wib(2025, 3, 7, 8)) == 0.5 * H
    # Received on Saturday, delivered on Monday at 10:00.
    assert service_seconds(CALENDAR, wib(2025, 3, 8, 9), wib(2025, 3, 10, 10)) == 2.5 * H


def test_end_not_after_start_is_zero():
    assert service_seconds(CALENDAR, wib(2025, 3, 6, 10), wib(2025, 3, 6, 10)) == 0
    assert service_seconds(CALENDAR, wib(2025, 3, 6, 11), wib(2025, 3, 6, 10)) == 0


def test_the_worked_example_of_the_standard():
    # Thu 15:00–16:00 (1 h) + Fri 07:30–16:30 (9 h) + Mon 07:30–09:00 (1.5 h) = 11.5 hours.
    seconds = service_seconds(CALENDAR, wib(2025, 3, 6, 15), wib(2025, 3, 10, 9))
    assert seconds == 11.5 * H
    assert str(hours(seconds)) == "11.50"


def test_a_request_spanning_idul_fitri_skips_the_holidays():
    # Thu 27 Mar 15:00 → Wed 2 Apr 09:00: Thu 1 h + Fri 9 h + Wed 1.5 h (Sat, Sun, Mon, Tue closed).
    assert service_seconds(CALENDAR, wib(2025, 3, 27, 15), wib(2025, 4, 2, 9)) == 11.5 * H


def test_instants_with_an_offset_are_read_in_wib():
    utc = datetime.UTC
    # 08:00 UTC is 15:00 WIB.
    start = datetime.datetime(2025, 3, 6, 8, tzinfo=utc)
    end = datetime.datetime(2025, 3, 10, 2, tzinfo=utc)
    assert service_seconds(CALENDAR, start, end) == 11.5 * H


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="aware"):
        service_seconds(CALENDAR, datetime.datetime(2025, 3, 6), wib(2025, 3, 7))


# --- the calendar from the database --------------------------------------------------------------


@pytest.mark.django_db
def test_a_collective_leave_day_entered_in_the_database_counts_nothing():
    # Wed 2 April 2025 is cuti bersama; with it entered, the Idul Fitri span above loses Wednesday.
    before = calendar_between(wib(2025, 3, 27, 15), wib(2025, 4, 2, 9))
    assert service_seconds(before, wib(2025, 3, 27, 15), wib(2025, 4, 2, 9)) == 11.5 * H
    CollectiveLeave.objects.create(date=datetime.date(2025, 4, 2), name="Cuti Bersama Idul Fitri")
    after = calendar_between(wib(2025, 3, 27, 15), wib(2025, 4, 2, 9))
    assert service_seconds(after, wib(2025, 3, 27, 15), wib(2025, 4, 2, 9)) == 10 * H


@pytest.mark.django_db
def test_the_database_calendar_has_the_standards_hours():
    calendar = service_calendar(years=[2025])
    assert calendar.hours == HOURS
    assert datetime.date(2025, 3, 31) in calendar.closed
    assert datetime.date(2025, 4, 2) not in calendar.closed  # cuti bersama only once entered


@pytest.mark.django_db
def test_the_calendar_between_two_instants_covers_the_year_in_jakarta():
    # 31 Dec 2025 20:00 in UTC−5 is already 1 Jan 2026 in Jakarta: 2026's holidays must be known.
    start = datetime.datetime(2025, 12, 31, 20, tzinfo=ZoneInfo("America/New_York"))
    assert datetime.date(2026, 1, 1) in calendar_between(start, start).closed
    # 1 Jan 2026 01:00 at UTC+14 is still 2025 in Jakarta.
    late = datetime.datetime(2026, 1, 1, 1, tzinfo=ZoneInfo("Pacific/Kiritimati"))
    assert datetime.date(2025, 12, 25) in calendar_between(late, late).closed


def test_instants_outside_the_calendars_years_see_no_holidays():
    narrow = ServiceCalendar(hours=HOURS, closed=frozenset(d for d in CALENDAR.closed if d.year == 2024))
    assert service_seconds(narrow, wib(2025, 3, 31), wib(2025, 4, 1)) == 8.5 * H


# --- pauses --------------------------------------------------------------------------------------

START, END = wib(2025, 3, 6, 15), wib(2025, 3, 10, 9)


def measured(*pauses):
    return elapsed(CALENDAR, running(START, END, list(pauses)))


def test_a_pause_subtracts_its_service_hours():
    assert measured((wib(2025, 3, 7, 8), wib(2025, 3, 7, 10))) == 9.5 * H


def test_overlapping_pauses_count_once():
    assert (
        measured((wib(2025, 3, 7, 8), wib(2025, 3, 7, 10)), (wib(2025, 3, 7, 9), wib(2025, 3, 7, 11)))
        == 8.5 * H
    )
    assert (
        measured((wib(2025, 3, 7, 8), wib(2025, 3, 7, 12)), (wib(2025, 3, 7, 9), wib(2025, 3, 7, 10)))
        == 7.5 * H
    )


def test_touching_pauses_join():
    assert merge([(wib(2025, 3, 7, 8), wib(2025, 3, 7, 9)), (wib(2025, 3, 7, 9), wib(2025, 3, 7, 10))]) == [
        (wib(2025, 3, 7, 8), wib(2025, 3, 7, 10))
    ]
    assert (
        measured((wib(2025, 3, 7, 8), wib(2025, 3, 7, 9)), (wib(2025, 3, 7, 9), wib(2025, 3, 7, 10)))
        == 9.5 * H
    )


def test_pauses_outside_the_span_change_nothing():
    before = (wib(2025, 3, 5, 8), wib(2025, 3, 6, 14))
    after = (wib(2025, 3, 10, 10), wib(2025, 3, 11, 12))
    weekend = (wib(2025, 3, 8, 8), wib(2025, 3, 9, 12))
    assert measured(before, after, weekend) == 11.5 * H


def test_pauses_across_the_start_or_the_end_are_clipped():
    # Paused from 14:00 to 15:30 on Thursday: only 15:00–15:30 falls in the span.
    assert measured((wib(2025, 3, 6, 14), wib(2025, 3, 6, 15, 30))) == 11 * H
    # Paused from Monday 08:00 to Tuesday: only 08:00–09:00 falls in the span.
    assert measured((wib(2025, 3, 10, 8), wib(2025, 3, 11, 12))) == 10.5 * H
    assert running(START, END, [(wib(2025, 3, 1), wib(2025, 3, 20))]) == []


def test_an_empty_pause_changes_nothing():
    assert measured((wib(2025, 3, 7, 8), wib(2025, 3, 7, 8))) == 11.5 * H


def test_an_open_request_is_measured_up_to_now():
    start = wib(2025, 3, 6, 15)
    pauses = [(wib(2025, 3, 7, 8), wib(2025, 3, 7, 10))]
    with time_machine.travel(wib(2025, 3, 7, 12), tick=False):
        # Thu 1 h + Fri 07:30–08:00 and 10:00–12:00.
        assert elapsed(CALENDAR, running(start, timezone.now(), pauses)) == 3.5 * H
    with time_machine.travel(wib(2025, 3, 9, 12), tick=False):  # Sunday: nothing more since Friday
        assert elapsed(CALENDAR, running(start, timezone.now(), pauses)) == 8 * H


# --- reached_at ----------------------------------------------------------------------------------


def test_reached_at_finds_the_deadline():
    # 24 service hours from Thu 6 Mar 15:00: Thu 1 + Fri 9 + Mon 8.5 = 18.5, then 5.5 on Tuesday.
    assert reached_at(CALENDAR, wib(2025, 3, 6, 15), 24 * H) == wib(2025, 3, 11, 13)


def test_reached_at_skips_holidays():
    # From Thu 27 Mar 15:00: Thu 1 + Fri 9 + (Idul Fitri) Wed 8.5 = 18.5, then 5.5 on Thursday.
    assert reached_at(CALENDAR, wib(2025, 3, 27, 15), 24 * H) == wib(2025, 4, 3, 13)


def test_reached_at_stops_at_the_earliest_instant():
    # An hour from Thu 15:00 is reached at closing time, not at Friday's opening.
    assert reached_at(CALENDAR, wib(2025, 3, 6, 15), H) == wib(2025, 3, 6, 16)
    # Nothing to use: reached at once, even outside service hours.
    assert reached_at(CALENDAR, wib(2025, 3, 8, 10), 0) == wib(2025, 3, 8, 10)
    # From a Saturday, the first second is used on Monday.
    assert reached_at(CALENDAR, wib(2025, 3, 8, 10), 1) == wib(2025, 3, 10, 7, 30, 1)


def test_reached_at_without_any_service_day_fails():
    with pytest.raises(ValueError, match="no service hours"):
        reached_at(ServiceCalendar(hours={}, closed=frozenset()), wib(2025, 3, 6), 1)


# --- the ladder ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "code"),
    [
        (0, "tepat_waktu"),
        (24 * H, "tepat_waktu"),
        (24 * H + 1, "maaf_lisan"),
        (48 * H, "maaf_lisan"),
        (48 * H + 1, "maaf_tertulis"),
        (72 * H, "maaf_tertulis"),
        (72 * H + 1, "maaf_tertulis_antar_langsung"),
    ],
)
def test_the_ladder(seconds, code):
    assert Ladder(limit_minutes=24 * 60).compensation(seconds) == code


def test_hours_round_half_up_for_display_only():
    assert str(hours(23 * H + 45 * 60)) == "23.75"
    assert str(hours(18)) == "0.01"  # 0.005 h rounds up
    assert str(hours(17)) == "0.00"


# --- properties ----------------------------------------------------------------------------------

ZONES = st.sampled_from([WIB, datetime.UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Makassar")])
INSTANTS = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1), max_value=datetime.datetime(2026, 12, 31), timezones=ZONES
)


def whole(instant):
    return instant.replace(microsecond=0)


@settings(max_examples=300, deadline=None)
@given(st.lists(INSTANTS, min_size=3, max_size=3))
def test_splitting_an_interval_anywhere_keeps_the_total(instants):
    start, middle, end = sorted(instants)
    total = service_seconds(CALENDAR, start, end)
    assert service_seconds(CALENDAR, start, middle) + service_seconds(CALENDAR, middle, end) == total
    assert elapsed(CALENDAR, [(start, middle), (middle, end)]) == total


@settings(max_examples=300, deadline=None)
@given(INSTANTS, INSTANTS)
def test_service_time_never_exceeds_wall_clock_time(a, b):
    start, end = sorted((a, b))
    # The clock reads whole seconds: the wall-clock time at that resolution bounds it.
    assert 0 <= service_seconds(CALENDAR, start, end) <= (whole(end) - whole(start)).total_seconds()


@settings(max_examples=300, deadline=None)
@given(INSTANTS, INSTANTS)
def test_the_deadline_of_the_time_used_is_never_after_the_end(a, b):
    start, end = sorted((a, b))
    used = service_seconds(CALENDAR, start, end)
    reached = reached_at(CALENDAR, start, used)
    assert reached <= end
    assert service_seconds(CALENDAR, start, reached) == used


@settings(max_examples=200, deadline=None)
@given(INSTANTS, st.integers(min_value=0, max_value=200 * H))
def test_reached_at_is_the_inverse_of_service_seconds(start, seconds):
    assert service_seconds(CALENDAR, start, reached_at(CALENDAR, start, seconds)) == seconds


@settings(max_examples=200, deadline=None)
@given(INSTANTS, INSTANTS, st.lists(st.tuples(INSTANTS, INSTANTS), max_size=4))
def test_pauses_only_ever_subtract(a, b, raw_pauses):
    start, end = sorted((a, b))
    pauses = [tuple(sorted(pair)) for pair in raw_pauses]
    measured = elapsed(CALENDAR, running(start, end, pauses))
    paused = elapsed(
        CALENDAR, [(max(s, start), min(e, end)) for s, e in pauses if min(e, end) > max(s, start)]
    )
    assert measured + paused == service_seconds(CALENDAR, start, end)
