"""The worksheet pages and the comparisons of signed SAKIP evaluations: the worksheet is read by
everyone signed in; a unit's comparison follows VIEW on the unit (404 for operator_b); the year
table is open to everyone signed in and lists only the units each may see. prepare() signs one
evaluation of unit A so the pages render figures."""

from .common import UNIT_A, api, everyone, unit_a_view

SHIPPED = {"code": "permenpanrb-88-2021"}
YEAR = {"year": 2025}

ROUTES = {
    "evaluation:worksheets": ({}, {"GET": everyone(200)}),
    "evaluation:worksheet": (SHIPPED, {"GET": everyone(200)}),
    "evaluation:compare_unit": (UNIT_A, {"GET": unit_a_view()}),
    "evaluation:compare_year": (YEAR, {"GET": everyone(200)}),
    "api:evaluation-worksheet-list": ({}, {"GET": api(everyone(200))}),
    "api:evaluation-worksheet-detail": (SHIPPED, {"GET": api(everyone(200))}),
    "api:evaluation-compare-unit-detail": (UNIT_A, {"GET": api(unit_a_view())}),
    "api:evaluation-compare-year-detail": (YEAR, {"GET": api(everyone(200))}),
}


def prepare(actors):
    from decimal import Decimal

    from kinerja.evaluation.models import Answer, AnswerOption, Criterion, Evaluation, Worksheet
    from kinerja.organization.models import OrgUnit

    worksheet = Worksheet.objects.get(**SHIPPED)
    top = {o.scale_id: o for o in AnswerOption.objects.filter(scale__worksheet=worksheet, value=1)}
    evaluation = Evaluation.objects.create(
        unit=OrgUnit.objects.get(**UNIT_A),
        year=2025,
        worksheet=worksheet,
        state="signed",
        total=Decimal("100.00"),
        grade="AA",
    )
    Answer.objects.bulk_create(
        Answer(evaluation=evaluation, criterion=c, score_option=top[c.scale_id])
        for c in Criterion.objects.filter(subcomponent__component__worksheet=worksheet)
    )
