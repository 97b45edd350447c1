"""The reports app's URLs: the reports page and downloads, the LKj workspace and their API.

prepare() gives Tarakan a signed PK 2025 (IK-02, IK-03) and three LKj drafts: 2025 with every
chapter written and one analysis (the unit may submit it), 2024 submitted by operator_a (a planner
may return or review it), 2023 empty (a chapter can be created in it). Readers of unit A read;
its staff and administrators write; planners and administrators review (Action.SERVE)."""

from kinerja.catalog.models import Indicator
from kinerja.reports import services
from kinerja.reports.models import LkjDraft, LkjIndicatorNote, LkjSection
from tests.reports.lkj_world import build_agreement, draft_for, submitted, tarakan, write_all

from .common import ANON, LOGIN, api, everyone, method_not_allowed, unit_a_change, unit_a_view

YEAR = 2025
TARAKAN = "PSDKP-TARAKAN"


def prepare(actors):
    build_agreement()
    draft = write_all(actors["operator_a"], draft_for(actors["operator_a"], year=YEAR))
    services.lkj_indicator_note_save(
        actor=actors["operator_a"],
        draft=draft,
        indicator=_indicator("IK-03"),
        expected_version=0,
        analysis="A",
    )
    submitted(actors, year=YEAR - 1)
    draft_for(actors["operator_a"], unit=tarakan(), year=YEAR - 2)


def _indicator(code):
    return Indicator.objects.get(unit__code=TARAKAN, code=code)


def _draft(year):
    return LkjDraft.objects.get(unit__code=TARAKAN, year=year)


def reviewer(ok):
    # Planners and administrators review a unit's draft; the unit and other readers may not.
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


def _year(year, **extra):
    return lambda _ctx: {"code": TARAKAN, "year": year, **extra}


def _pk(find):
    return lambda _ctx: {"pk": find().pk}


def _section():
    return LkjSection.objects.get(draft=_draft(YEAR), section="penutup")


def _note():
    return LkjIndicatorNote.objects.get(draft=_draft(YEAR))


ROUTES = {
    "reports:index": ({}, {"GET": everyone(200)}),
    "reports:download": (_year(YEAR, kind="pk", fmt="docx"), {"GET": unit_a_view()}),
    "reports:lkj": (_year(YEAR), {"GET": unit_a_view()}),
    "reports:lkj_section": (
        _year(YEAR, section="penutup"),
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "reports:lkj_note": (
        lambda _ctx: {"code": TARAKAN, "year": YEAR, "indicator": _indicator("IK-02").pk},
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "reports:lkj_submit": (
        _year(YEAR),
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "reports:lkj_return": (
        _year(YEAR - 1),
        {"GET": method_not_allowed(unit_a_view()), "POST": reviewer(302)},
    ),
    "reports:lkj_review": (
        _year(YEAR - 1),
        {"GET": method_not_allowed(unit_a_view()), "POST": reviewer(302)},
    ),
    # The API: reading follows the unit, writing the unit's staff, reviewing the planners.
    "api:lkj-draft-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(ok=200))}),
    "api:lkj-draft-detail": (_pk(lambda: _draft(YEAR)), {"GET": api(unit_a_view())}),
    "api:lkj-draft-submit": (_pk(lambda: _draft(YEAR)), {"POST": api(unit_a_change(ok=200))}),
    "api:lkj-draft-return": (_pk(lambda: _draft(YEAR - 1)), {"POST": api(reviewer(200))}),
    "api:lkj-draft-review": (_pk(lambda: _draft(YEAR - 1)), {"POST": api(reviewer(200))}),
    "api:lkj-section-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(ok=201))}),
    "api:lkj-section-detail": (
        _pk(_section),
        {"GET": api(unit_a_view()), "PATCH": api(unit_a_change(ok=200))},
    ),
    "api:lkj-indicator-note-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(ok=201))}),
    "api:lkj-indicator-note-detail": (
        _pk(_note),
        {"GET": api(unit_a_view()), "PATCH": api(unit_a_change(ok=200))},
    ),
    # Without a unit the list is the user's own unit's; the download names unit A.
    "api:report-document-list": ({}, {"GET": api(everyone(200))}),
    "api:report-document-download": (_year(YEAR, kind="pk", fmt="docx"), {"GET": api(unit_a_view())}),
}

POST_DATA = {
    "reports:lkj_section": lambda: {"text": "Matriks", "row_version": _section().row_version},
    "reports:lkj_note": lambda: {"analysis": "Matriks", "row_version": 0},
    "reports:lkj_submit": lambda: {"row_version": _draft(YEAR).row_version},
    "reports:lkj_return": lambda: {"row_version": _draft(YEAR - 1).row_version, "note": "Lengkapi"},
    "reports:lkj_review": lambda: {"row_version": _draft(YEAR - 1).row_version, "note": ""},
    "api:lkj-draft-list": lambda: {"unit": TARAKAN, "year": YEAR},
    "api:lkj-draft-submit": lambda: {"row_version": _draft(YEAR).row_version},
    "api:lkj-draft-return": lambda: {"row_version": _draft(YEAR - 1).row_version, "note": "Lengkapi"},
    "api:lkj-draft-review": lambda: {"row_version": _draft(YEAR - 1).row_version},
    "api:lkj-section-list": lambda: {"draft": _draft(YEAR - 2).pk, "section": "ikhtisar", "text": "Matriks"},
    "api:lkj-indicator-note-list": lambda: {
        "draft": _draft(YEAR).pk,
        "indicator": _indicator("IK-02").pk,
        "analysis": "Matriks",
    },
}
PATCH_DATA = {
    "api:lkj-section-detail": lambda: {"text": "Matriks", "row_version": _section().row_version},
    "api:lkj-indicator-note-detail": lambda: {"analysis": "Matriks", "row_version": _note().row_version},
}
