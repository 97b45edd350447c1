"""The service calendar's URLs: everyone logged in reads it and uses the calculator; only
administrators change it. prepare() enters one collective-leave day to delete."""

import datetime

from kinerja.calendar.models import CollectiveLeave

from .common import ANON, LOGIN, api, everyone, method_not_allowed


def admin_only(ok, refused=403):
    return {actor: (LOGIN if actor == ANON else ok if actor == "admin" else refused) for actor in everyone(0)}


def _leave(_ctx):
    return {"pk": CollectiveLeave.objects.get(date=datetime.date(2025, 4, 2)).pk}


ROUTES = {
    "calendar:index": ({}, {"GET": everyone(200)}),
    "calendar:sla": ({}, {"GET": everyone(200)}),
    "calendar:leave_add": ({}, {"GET": method_not_allowed(everyone(200)), "POST": admin_only(302)}),
    "calendar:leave_import": ({}, {"GET": method_not_allowed(everyone(200)), "POST": admin_only(302)}),
    "calendar:leave_delete": (_leave, {"GET": method_not_allowed(everyone(200)), "POST": admin_only(302)}),
    "calendar:hours_set": ({}, {"GET": method_not_allowed(everyone(200)), "POST": admin_only(302)}),
    "calendar:hours_clear": (
        {"weekday": 4},
        {"GET": method_not_allowed(everyone(200)), "POST": admin_only(302)},
    ),
    "api:calendar-detail": ({"year": 2025}, {"GET": api(everyone(200))}),
    "api:collective-leave-list": ({}, {"GET": api(everyone(200)), "POST": api(admin_only(201))}),
    "api:collective-leave-detail": (_leave, {"GET": api(everyone(200))}),
    "api:collective-leave-import": ({}, {"GET": api(everyone(405)), "POST": api(admin_only(201))}),
    "api:sla-list": ({}, {"GET": api(everyone(405)), "POST": api(everyone(200))}),
}

POST_DATA = {
    "calendar:leave_add": lambda: {"date": "2025-04-03", "name": "Cuti Bersama uji"},
    "calendar:leave_import": lambda: {"year": "2025"},
    "calendar:hours_set": lambda: {"weekday": "4", "opens": "07:30", "closes": "16:00"},
    "api:collective-leave-list": lambda: {"date": "2025-04-03", "name": "Cuti Bersama uji"},
    "api:collective-leave-import": lambda: {"year": 2025},
    "api:sla-list": lambda: {"service": "validasi", "start": "2025-03-06T15:00", "end": "2025-03-10T09:00"},
}


def prepare(actors):
    CollectiveLeave.objects.get_or_create(
        date=datetime.date(2025, 4, 2), defaults={"name": "Cuti Bersama uji"}
    )
