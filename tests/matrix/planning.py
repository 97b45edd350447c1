"""Planning URLs in the permission matrix: the schedule (planners), Renstra and PK (the unit's staff)."""

import datetime

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit
from kinerja.planning.models import (
    ActionStep,
    Agreement,
    CorrectionSession,
    PlanningYear,
    Renstra,
)

from .common import api, everyone, method_not_allowed, unit_a_change, unit_a_view

HEADER = {
    "first_party_name": "Yusuf",
    "first_party_title": "Kepala Stasiun",
    "second_party_name": "Hendra",
    "second_party_title": "Direktur Jenderal PSDKP",
    "place": "Tarakan",
}


def prepare(actors):
    """2024 closed with a signed PK and a correction session, 2025 open with a draft PK and a step,
    2026 being prepared; a Renstra of unit A; an indicator made after 2025 opened."""
    from kinerja.catalog import services as catalog_services
    from kinerja.planning import services

    planner = actors["planner"]
    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    ik05 = Indicator.objects.get(unit=unit, code="IK-05")
    rows = [
        {"indicator": ik02, "target": "80", "period_targets": {"TW1": "80"}},
        {"indicator": ik05, "target": "100", "period_targets": {"TAHUN": "100"}},
    ]
    years = {}
    for year in (2024, 2025):
        py = services.year_create(actor=planner, year=year)
        services.year_open(actor=planner, planning_year=py, expected_version=py.row_version)
        years[year] = PlanningYear.objects.get(pk=py.pk)
    services.year_close(actor=planner, planning_year=years[2024], expected_version=years[2024].row_version)
    services.year_create(actor=planner, year=2026)
    services.correction_open(
        actor=planner,
        planning_year=PlanningYear.objects.get(year=2024),
        unit=None,
        quarters=["TW4"],
        ends_on=datetime.date(2099, 12, 31),
        reason="uji",
        today=datetime.date(2025, 1, 1),
    )
    old = services.agreement_create(actor=None, unit=unit, year=2024, rows=rows, **HEADER)
    services.agreement_sign(
        actor=None, agreement=old, expected_version=old.row_version, signed_on=datetime.date(2024, 1, 31)
    )
    draft = services.agreement_create(actor=None, unit=unit, year=2025, rows=rows, **HEADER)
    services.action_step_create(
        actor=None,
        agreement_indicator=draft.indicator_rows.get(indicator=ik02),
        quarter="TW1",
        description="Patroli",
    )
    services.renstra_create(
        actor=None,
        unit=unit,
        title="Renstra 2025–2029",
        start_year=2025,
        end_year=2029,
        regulation="Permen KP 17/2020",
    )
    catalog_services.indicator_create(
        actor=planner,
        unit=unit,
        sasaran=ik02.sasaran,
        code="IK-27",
        name="Baru",
        computation=ik02.computation,
    )


def _draft(_ctx=None):
    return {"pk": Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2025, is_current=True).pk}


def _signed(_ctx=None):
    return {"pk": Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2024, is_current=True).pk}


def _item(_ctx=None):
    agreement = Agreement.objects.get(unit__code="PSDKP-TARAKAN", year=2025, is_current=True)
    return {"pk": agreement.indicator_rows.get(indicator__code="IK-02").pk}


def _step(_ctx=None):
    return {"pk": ActionStep.objects.get(description="Patroli").pk}


def _renstra(_ctx=None):
    return {"pk": Renstra.objects.get(unit__code="PSDKP-TARAKAN").pk}


def _correction(_ctx=None):
    return {"pk": CorrectionSession.objects.get().pk}


def schedulers(ok):
    """Planners and administrators change the schedule; everybody else reads it (403 on change)."""
    return {**everyone(403), "planner": ok, "admin": ok}


def writers(ok):
    """Whoever has a unit to write (the unit staff of A and B, administrators)."""
    return {**everyone(403), "operator_a": ok, "operator_b": ok, "unit_head": ok, "admin": ok}


Y2024, Y2025, Y2026 = {"year": 2024}, {"year": 2025}, {"year": 2026}
POST_ONLY = method_not_allowed(everyone(200))

ROUTES = {
    "planning:year_list": ({}, {"GET": everyone(200)}),
    "planning:year_create": ({}, {"GET": POST_ONLY, "POST": schedulers(302)}),
    "planning:year_detail": (Y2025, {"GET": everyone(200)}),
    "planning:year_open": (Y2026, {"GET": POST_ONLY, "POST": schedulers(302)}),
    "planning:year_close": (Y2025, {"GET": POST_ONLY, "POST": schedulers(302)}),
    "planning:year_close_day": (Y2025, {"GET": POST_ONLY, "POST": schedulers(302)}),
    "planning:window_edit": (
        {"year": 2025, "quarter": "TW2"},
        {"GET": schedulers(200), "POST": schedulers(302)},
    ),
    "planning:extension_create": (Y2025, {"GET": schedulers(200), "POST": schedulers(302)}),
    "planning:correction_create": (Y2024, {"GET": schedulers(200), "POST": schedulers(302)}),
    "planning:correction_close": (_correction, {"GET": POST_ONLY, "POST": schedulers(302)}),
    "planning:frozen_add": (Y2025, {"GET": schedulers(200), "POST": schedulers(302)}),
    "planning:renstra_list": ({}, {"GET": everyone(200)}),
    "planning:renstra_create": ({}, {"GET": writers(200), "POST": unit_a_change(302)}),
    "planning:renstra_detail": (_renstra, {"GET": unit_a_view()}),
    "planning:renstra_edit": (_renstra, {"GET": unit_a_change(), "POST": unit_a_change(302)}),
    "planning:agreement_list": ({}, {"GET": everyone(200)}),
    "planning:agreement_create": ({}, {"GET": writers(200), "POST": unit_a_change(302)}),
    "planning:agreement_detail": (_draft, {"GET": unit_a_view()}),
    "planning:agreement_edit": (_draft, {"GET": unit_a_change(), "POST": unit_a_change(302)}),
    "planning:agreement_revise": (_signed, {"GET": unit_a_change(), "POST": unit_a_change(302)}),
    "planning:agreement_sign": (_draft, {"GET": POST_ONLY, "POST": unit_a_change(302)}),
    "planning:agreement_pdf": (_draft, {"GET": unit_a_view()}),
    "planning:step_create": (_item, {"GET": POST_ONLY, "POST": unit_a_change(302)}),
    "planning:step_edit": (_step, {"GET": unit_a_view(), "POST": unit_a_change(302)}),
    "planning:step_delete": (_step, {"GET": POST_ONLY, "POST": unit_a_change(302)}),
    "api:renstra-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(201))}),
    "api:renstra-detail": (_renstra, {"GET": api(unit_a_view())}),
    "api:planning-year-list": ({}, {"GET": api(everyone(200))}),
    "api:planning-year-detail": (Y2025, {"GET": api(everyone(200))}),
    "api:agreement-list": ({}, {"GET": api(everyone(200)), "POST": api(unit_a_change(201))}),
    "api:agreement-detail": (_draft, {"GET": api(unit_a_view())}),
    "api:agreement-revise": (_signed, {"POST": api(unit_a_change(201))}),
    "api:agreement-sign": (_draft, {"POST": api(unit_a_change(200))}),
    "api:action-step-detail": (_step, {"GET": api(unit_a_view()), "PATCH": api(unit_a_change(200))}),
}


def _unit_a():
    return OrgUnit.objects.get(code="PSDKP-TARAKAN")


def _ik(code):
    return Indicator.objects.get(unit__code="PSDKP-TARAKAN", code=code)


def _pk_form(**extra):
    ik02 = _ik("IK-02")
    return {
        **HEADER,
        "budget": "DL | Pengawasan SDKP | 4850000000",
        f"i-{ik02.pk}-on": "on",
        f"i-{ik02.pk}-target": "81",
        f"i-{ik02.pk}-p-TW1": "81",
        **extra,
    }


def _renstra_form(start, **extra):
    return {
        "unit": _unit_a().pk,
        "title": "Renstra uji",
        "start_year": start,
        "end_year": start + 4,
        "regulation": "Permen KP 17/2020",
        "is_active": "on",
        **extra,
    }


POST_DATA = {
    "planning:year_create": lambda: {"year": 2030, "entry_close_day": 15},
    "planning:year_open": lambda: {"row_version": PlanningYear.objects.get(year=2026).row_version},
    "planning:year_close": lambda: {"row_version": PlanningYear.objects.get(year=2025).row_version},
    "planning:year_close_day": lambda: {
        "entry_close_day": 10,
        "row_version": PlanningYear.objects.get(year=2025).row_version,
    },
    "planning:window_edit": lambda: {
        "entry_opens": "2025-04-01",
        "entry_closes": "2025-07-20",
        "review_closes": "2025-07-31",
    },
    "planning:extension_create": lambda: {
        "quarter": "TW1",
        "unit": _unit_a().pk,
        "closes_on": "2025-04-30",
        "reason": "Banjir",
    },
    "planning:correction_create": lambda: {
        "unit": _unit_a().pk,
        "quarters": ["TW2", "TW3"],
        "ends_on": "2099-12-31",
        "reason": "Salah input",
    },
    "planning:frozen_add": lambda: {"indicator": _ik("IK-27").pk, "start_quarter": "TW3"},
    "planning:renstra_create": lambda: _renstra_form(2030),
    "planning:renstra_edit": lambda: _renstra_form(
        2025, row_version=Renstra.objects.get(unit__code="PSDKP-TARAKAN").row_version
    ),
    "planning:agreement_create": lambda: _pk_form(unit="PSDKP-TARAKAN", year="2026"),
    "planning:agreement_edit": lambda: _pk_form(row_version=Agreement.objects.get(**_draft()).row_version),
    "planning:agreement_revise": lambda: _pk_form(reason="Refocusing"),
    "planning:agreement_sign": lambda: {
        "signed_on": "2025-01-31",
        "row_version": Agreement.objects.get(**_draft()).row_version,
    },
    "planning:step_create": lambda: {"quarter": "TW2", "description": "Docking", "cumulative_target": "50%"},
    "planning:step_edit": lambda: {
        f"step{_step()['pk']}-status": "done",
        f"step{_step()['pk']}-justification": "",
        f"step{_step()['pk']}-row_version": 1,
    },
    "api:renstra-list": lambda: {
        "unit": "PSDKP-TARAKAN",
        "title": "Renstra uji",
        "start_year": 2030,
        "end_year": 2034,
        "regulation": "Permen KP 17/2020",
    },
    "api:agreement-list": lambda: {
        "unit": "PSDKP-TARAKAN",
        "year": 2026,
        "indicators": [{"indicator": "IK-02", "target": "80"}],
    },
    "api:agreement-revise": lambda: {"reason": "Refocusing"},
    "api:agreement-sign": lambda: {
        "signed_on": "2025-01-31",
        "row_version": Agreement.objects.get(**_draft()).row_version,
    },
}
PATCH_DATA = {"api:action-step-detail": lambda: {"row_version": 1, "status": "done"}}
