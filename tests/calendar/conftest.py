import datetime

from kinerja.calendar.clock import WIB, ServiceCalendar
from kinerja.calendar.selectors import national_holidays

HOURS = {day: (datetime.time(7, 30), datetime.time(16, 0)) for day in range(4)} | {
    4: (datetime.time(7, 30), datetime.time(16, 30))
}
# The standard's hours and Indonesia's national holidays, without the database.
CALENDAR = ServiceCalendar(hours=HOURS, closed=frozenset(national_holidays(range(2023, 2028))))


def wib(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


H = 3600
