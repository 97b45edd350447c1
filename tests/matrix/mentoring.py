"""The mentoring service's URLs. prepare() gives Tarakan two mentoring requests: the last year's waiting
for its requirements with the draft LKj uploaded, and the year before's in service with one finding."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.mentoring.models import MentoringFinding, MentoringUpload
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceRequest
from tests.mentoring.helpers import PDF, add_finding, in_service, open_request

from .common import ANON, LOGIN, api, everyone, method_not_allowed, unit_a_change, unit_a_view

YEAR = timezone.localdate().year


def prepare(actors):
    from kinerja.mentoring import services

    waiting = open_request(actors, year=YEAR - 1)
    services.upload_add(
        actor=actors["operator_a"],
        request=waiting,
        kind="draft_lkj",
        upload=SimpleUploadedFile("draft.pdf", PDF, content_type="application/pdf"),
    )
    add_finding(actors, in_service(actors, year=YEAR - 2))


def _waiting():
    return ServiceRequest.objects.get(kind="pendampingan", year=YEAR - 1)


def _serving():
    return ServiceRequest.objects.get(kind="pendampingan", year=YEAR - 2)


def _number(find):
    return lambda _ctx: {"number": find().number}


def _upload(_ctx):
    return {"pk": MentoringUpload.objects.filter(request=_waiting()).first().pk}


def _finding(_ctx):
    return {"pk": MentoringFinding.objects.get().pk}


def officer_only(ok=302):
    # Planners and administrators record findings and issue the worksheet; the unit reads them.
    return {
        ANON: LOGIN,
        "operator_a": 403,
        "operator_b": 404,
        "unit_head": 403,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def may_ask(ok):
    # The unit's staff ask for their own unit (a neighbour's unit is not among their choices: the
    # form comes back); officers open a request for any unit; readers cannot ask.
    return {
        ANON: LOGIN,
        "operator_a": ok,
        "operator_b": 200,
        "unit_head": ok,
        "planner": ok,
        "inspector": 403,
        "leadership": 403,
        "admin": ok,
    }


def _json_upload_refused():
    # The matrix posts JSON, which carries no file: those allowed get 400 (no file), after the access
    # check has answered 404 or 403 for everyone else.
    return api(unit_a_change(ok=400))


ROUTES = {
    "mentoring:new": ({}, {"GET": may_ask(200), "POST": may_ask(302)}),
    "mentoring:uploads": (_number(_waiting), {"GET": unit_a_view(), "POST": unit_a_change(ok=302)}),
    "mentoring:upload_download": (_upload, {"GET": unit_a_view()}),
    "mentoring:upload_delete": (
        _upload,
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "mentoring:findings": (_number(_serving), {"GET": unit_a_view(), "POST": officer_only()}),
    "mentoring:finding_edit": (_finding, {"GET": officer_only(200), "POST": officer_only()}),
    "mentoring:finding_delete": (_finding, {"POST": officer_only()}),
    "mentoring:worksheet_issue": (_number(_serving), {"POST": officer_only()}),
    "api:mentoring-upload-list": ({}, {"GET": api(everyone(200)), "POST": _json_upload_refused()}),
    "api:mentoring-upload-detail": (_upload, {"GET": api(unit_a_view())}),
    "api:mentoring-upload-download": (_upload, {"GET": api(unit_a_view())}),
    "api:mentoring-finding-list": ({}, {"GET": api(everyone(200)), "POST": api(officer_only(201))}),
    "api:mentoring-finding-detail": (_finding, {"GET": api(unit_a_view()), "PATCH": api(officer_only(200))}),
    "api:mentoring-request-detail": (_number(_serving), {"GET": api(unit_a_view())}),
    "api:mentoring-request-worksheet": (_number(_serving), {"POST": api(officer_only(200))}),
}

FINDING = {
    "chapter": "bab_3",
    "regulation": "permenpanrb_53_2014",
    "finding": "Analisis capaian kurang",
    "recommendation": "Tambahkan analisis",
}


def _representative():
    return User.objects.get(username="operator_a")


POST_DATA = {
    "mentoring:new": lambda: {"unit": OrgUnit.objects.get(code="PSDKP-TARAKAN").pk, "year": YEAR},
    "mentoring:uploads": lambda: {
        "kind": "verification_result",
        "file": SimpleUploadedFile("hasil.pdf", PDF, content_type="application/pdf"),
    },
    "mentoring:findings": lambda: dict(FINDING),
    "mentoring:finding_edit": lambda: {**FINDING, "row_version": 1},
    "mentoring:finding_delete": lambda: {"row_version": 1},
    "mentoring:worksheet_issue": lambda: {
        "representative": _representative().pk,
        "row_version": _serving().row_version,
    },
    "api:mentoring-upload-list": lambda: {"request": _waiting().number, "kind": "draft_lkj"},
    "api:mentoring-finding-list": lambda: {**FINDING, "request": _serving().number},
    "api:mentoring-request-worksheet": lambda: {
        "representative": "operator_a",
        "row_version": _serving().row_version,
    },
}
PATCH_DATA = {
    "api:mentoring-finding-detail": lambda: {"row_version": 1, "finding": "Diubah"},
}
