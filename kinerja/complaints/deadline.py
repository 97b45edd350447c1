"""The answer deadline on the service calendar: N service days after the day of receipt.

Counted in whole service days, not in service hours: a complainant is told "by Friday", and a
short Friday does not make the deadline fall on the next Monday morning. The day of receipt does
not count (a complaint that arrives at 15:55 is not due that day); weekends, national holidays and
collective-leave days are skipped; the answer is due at the closing time of the last day.
"""

from __future__ import annotations

import datetime

from kinerja.calendar.clock import ServiceCalendar
from kinerja.calendar.selectors import calendar_between


def due_on(calendar: ServiceCalendar, received_at: datetime.datetime, days: int) -> datetime.datetime:
    day = received_at.astimezone(calendar.tz).date()
    counted = 0
    for _ in range(3660):
        day += datetime.timedelta(days=1)
        window = calendar.window(day)
        if window is not None:
            counted += 1
            if counted >= days:
                return window[1]
    raise ValueError("the service calendar has no service days")


def answer_due(received_at: datetime.datetime, days: int) -> datetime.datetime:
    # Ask for the calendar well past the deadline: a year's end may fall inside the span.
    horizon = received_at + datetime.timedelta(days=days * 3 + 30)
    return due_on(calendar_between(received_at, horizon), received_at, days)
