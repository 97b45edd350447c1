"""The SAKIP self-assessment: whoever reads unit A reads its assessment; its own staff (and
administrators) fill IK-16 from it. No prepare(): an assessment of a unit without data is a page
of failed items, which is enough to check who may open it."""

from .common import api, everyone, method_not_allowed, unit_a_change, unit_a_view

UNIT_YEAR = {"code": "PSDKP-TARAKAN", "year": 2026}

ROUTES = {
    "assessment:index": ({}, {"GET": everyone(200)}),
    "assessment:unit": (UNIT_YEAR, {"GET": unit_a_view()}),
    "assessment:refresh": (
        UNIT_YEAR,
        {"GET": method_not_allowed(unit_a_view()), "POST": unit_a_change(ok=302)},
    ),
    "api:assessment-detail": ({"code": "PSDKP-TARAKAN"}, {"GET": api(unit_a_view())}),
}
