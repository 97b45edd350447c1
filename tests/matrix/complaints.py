"""Complaint handling's URLs. prepare() gives the bureau one complaint in each state (received with an
attachment, triaged, in progress, answered), all addressed to Biro Perencanaan, so the unit's staff do
not see them; the public pages answer everyone."""

from kinerja.complaints.models import Complaint
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceStandard
from tests.complaints.helpers import answered, in_progress, pdf, receive, triaged

from .common import ANON, LOGIN, api, everyone

SECRETS = {}


def prepare(actors):
    received = receive(subject="received", attachments=[pdf()])
    SECRETS["received"] = received.secret
    triaged(actors, receive(subject="triaged").complaint)
    in_progress(actors, receive(subject="in_progress").complaint)
    answered(actors, receive(subject="answered").complaint)


def _number(subject):
    return lambda _ctx: {"number": Complaint.objects.get(subject=subject).number}


def _attachment(_ctx):
    return {"pk": Complaint.objects.get(subject="received").attachments.get().pk}


def bureau_read(ok=200):
    # Addressed to the bureau: its planners, the inspectorate, the leadership and administrators read it.
    return {
        ANON: LOGIN,
        "operator_a": 404,
        "operator_b": 404,
        "unit_head": 404,
        "planner": ok,
        "inspector": ok,
        "leadership": ok,
        "admin": ok,
    }


def bureau_handle(ok=302):
    # Planners and administrators handle it; those who only read get 403.
    return {**bureau_read(403), "planner": ok, "admin": ok}


def recorders(ok):
    return {**everyone(403), "planner": ok, "admin": ok}


def _form():
    return {
        "kind": "saran",
        "standard": ServiceStandard.objects.get(code="validasi").pk,
        "unit": OrgUnit.objects.get(code="ROREN").pk,
        "subject": "Uji",
        "text": "Pesan uji.",
        "website": "",
    }


ROUTES = {
    "complaints:new": ({}, {"GET": everyone(200, anon=200), "POST": everyone(200, anon=200)}),
    "complaints:track": ({}, {"GET": everyone(200, anon=200), "POST": everyone(200, anon=200)}),
    "complaints:list": ({}, {"GET": everyone(200)}),
    "complaints:record": ({}, {"GET": recorders(200), "POST": recorders(302)}),
    "complaints:attachment": (_attachment, {"GET": bureau_read()}),
    "complaints:detail": (_number("received"), {"GET": bureau_read(), "POST": bureau_handle()}),
    "api:complaint-list": ({}, {"GET": api(everyone(200)), "POST": api(recorders(201))}),
    "api:complaint-detail": (_number("received"), {"GET": api(bureau_read())}),
    "api:complaint-triage": (_number("received"), {"POST": api(bureau_handle(200))}),
    "api:complaint-start": (_number("triaged"), {"POST": api(bureau_handle(200))}),
    "api:complaint-notes": (_number("received"), {"POST": api(bureau_handle(201))}),
    "api:complaint-answer": (_number("in_progress"), {"POST": api(bureau_handle(200))}),
    "api:complaint-close": (_number("answered"), {"POST": api(bureau_handle(200))}),
    "api:complaint-reject": (_number("received"), {"POST": api(bureau_handle(200))}),
}


def _version(subject):
    return Complaint.objects.get(subject=subject).row_version


POST_DATA = {
    "complaints:new": _form,
    "complaints:track": lambda: {
        "number": Complaint.objects.get(subject="received").number,
        "secret": SECRETS["received"],
    },
    "complaints:record": lambda: {**_form(), "channel": "email", "received_at": "2026-01-05T09:00"},
    "complaints:detail": lambda: {"action": "note", "text": "Catatan uji."},
    "api:complaint-list": lambda: {
        "channel": "phone",
        "kind": "saran",
        "subject": "Uji",
        "text": "Pesan uji.",
    },
    "api:complaint-triage": lambda: {
        "row_version": _version("received"),
        "kind": "saran",
        "handler": "planner",
    },
    "api:complaint-start": lambda: {"row_version": _version("triaged")},
    "api:complaint-notes": lambda: {"text": "Catatan uji."},
    "api:complaint-answer": lambda: {"row_version": _version("in_progress"), "answer": "Jawaban uji."},
    "api:complaint-close": lambda: {"row_version": _version("answered")},
    "api:complaint-reject": lambda: {"row_version": _version("received"), "reason": "Spam."},
}
