"""The recommendations of the SAKIP evaluation. prepare() gives Tarakan two evaluations: last
year's, signed, with one open recommendation and one whose follow-up (with a document) waits for
the evaluator; this year's, being scored, with one recommendation only evaluators see yet."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.evaluation.models import Evaluation, FollowUp, Recommendation, Worksheet
from kinerja.organization.models import OrgUnit

from .common import ANON, LOGIN, api, everyone, method_not_allowed, unit_a_change, unit_a_view

YEAR = timezone.localdate().year
LATER = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def prepare(actors):
    worksheet = Worksheet.objects.get(code="permenpanrb-88-2021")
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    component = worksheet.components.get(code="1")
    signed = Evaluation.objects.create(
        unit=unit, year=YEAR - 1, worksheet=worksheet, state="signed", signed_at=timezone.now()
    )
    scoring = Evaluation.objects.create(unit=unit, year=YEAR, worksheet=worksheet, state="submitted")
    author = actors["inspector"]
    Recommendation.objects.create(
        evaluation=signed, component=component, text="matrix-open", created_by=author
    )
    followed = Recommendation.objects.create(
        evaluation=signed,
        component=component,
        text="matrix-followed",
        status="followed_up",
        created_by=author,
    )
    FollowUp.objects.create(
        recommendation=followed,
        note="Sudah",
        file=ContentFile(b"%PDF-1.4", name="bukti.pdf"),
        file_name="bukti.pdf",
        created_by=actors["operator_a"],
    )
    Recommendation.objects.create(
        evaluation=scoring, component=component, text="matrix-draft", created_by=author
    )


def _row(text):
    return lambda _ctx: {"pk": Recommendation.objects.get(text=text).pk}


def _version(text):
    return Recommendation.objects.get(text=text).row_version


def _scoring(_ctx):
    return {"evaluation_pk": Evaluation.objects.get(unit__code="PSDKP-TARAKAN", year=YEAR).pk}


def _follow_up(_ctx):
    return {"pk": FollowUp.objects.get(note="Sudah").pk}


OPEN, FOLLOWED, DRAFT = _row("matrix-open"), _row("matrix-followed"), _row("matrix-draft")


def evaluators(ok=302, seen=403):
    # Inspectors and administrators write and review; whoever sees unit A but is not one gets 403.
    return {
        ANON: LOGIN,
        "operator_a": seen,
        "operator_b": 404,
        "unit_head": seen,
        "planner": seen,
        "inspector": ok,
        "leadership": seen,
        "admin": ok,
    }


def assigners(ok=302):
    # The unit's head names the person responsible; so do evaluators and administrators.
    return {**evaluators(ok), "unit_head": ok}


ROUTES = {
    "evaluation:recommendations": ({}, {"GET": everyone(200)}),
    "evaluation:recommendation_detail": (OPEN, {"GET": unit_a_view()}),
    "evaluation:recommendation_followup": (
        OPEN,
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "evaluation:recommendation_followup_file": (_follow_up, {"GET": unit_a_view()}),
    "evaluation:recommendation_assign": (OPEN, {"POST": assigners()}),
    "evaluation:recommendation_accept": (FOLLOWED, {"POST": evaluators()}),
    "evaluation:recommendation_reopen": (FOLLOWED, {"POST": evaluators()}),
    # Not issued yet: only evaluators see the recommendation at all.
    "evaluation:recommendation_update": (DRAFT, {"POST": evaluators(seen=404)}),
    "evaluation:recommendation_delete": (DRAFT, {"POST": evaluators(seen=404)}),
    "evaluation:recommendation_add": (_scoring, {"POST": evaluators()}),
    "api:recommendation-list": ({}, {"GET": api(everyone(200)), "POST": api(evaluators(201))}),
    "api:recommendation-detail": (
        DRAFT,
        {"GET": api(evaluators(200, seen=404)), "PATCH": api(evaluators(200, seen=404))},
    ),
    "api:recommendation-assign": (OPEN, {"POST": api(assigners(200))}),
    "api:recommendation-follow-up": (OPEN, {"POST": api(unit_a_change(ok=201))}),
    "api:recommendation-accept": (FOLLOWED, {"POST": api(evaluators(200))}),
    "api:recommendation-reopen": (FOLLOWED, {"POST": api(evaluators(200))}),
}


def _assign():
    return {
        "owner": User.objects.get(username="operator_a").pk,
        "due_date": LATER,
        "row_version": _version("matrix-open"),
    }


POST_DATA = {
    "evaluation:recommendation_followup": lambda: {"note": "Sudah dilaksanakan", "send": "1"},
    "evaluation:recommendation_assign": _assign,
    "evaluation:recommendation_accept": lambda: {
        "row_version": _version("matrix-followed"),
        "note": "Lengkap",
    },
    "evaluation:recommendation_reopen": lambda: {
        "row_version": _version("matrix-followed"),
        "note": "Kurang",
    },
    "evaluation:recommendation_update": lambda: {
        "component_code": "2",
        "text": "Diubah",
        "row_version": _version("matrix-draft"),
    },
    "evaluation:recommendation_delete": lambda: {"row_version": _version("matrix-draft")},
    "evaluation:recommendation_add": lambda: {"component_code": "1", "text": "Baru"},
    "api:recommendation-list": lambda: {
        "evaluation": Evaluation.objects.get(unit__code="PSDKP-TARAKAN", year=YEAR).pk,
        "component_code": "1",
        "text": "Baru",
    },
    "api:recommendation-assign": lambda: {**_assign(), "owner": "operator_a"},
    "api:recommendation-follow-up": lambda: {"note": "Sudah", "submit": True},
    "api:recommendation-accept": lambda: {"row_version": _version("matrix-followed")},
    "api:recommendation-reopen": lambda: {"row_version": _version("matrix-followed"), "note": "Kurang"},
}
PATCH_DATA = {
    "api:recommendation-detail": lambda: {"text": "Diubah", "row_version": _version("matrix-draft")},
}
