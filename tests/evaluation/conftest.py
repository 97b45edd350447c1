"""Shared fixtures of the SAKIP evaluation tests: the shipped worksheet and one evaluation of
Stasiun PSDKP Tarakan (2025) with an empty answer row per criterion."""

import pytest

from kinerja.evaluation.models import Answer, AnswerOption, Criterion, Evaluation, Worksheet


@pytest.fixture
def worksheet(db):
    return Worksheet.objects.get(code="permenpanrb-88-2021")


@pytest.fixture
def make_evaluation(org, worksheet):
    def _make(code="PSDKP-TARAKAN", year=2025, **fields):
        evaluation = Evaluation.objects.create(unit=org[code], year=year, worksheet=worksheet, **fields)
        Answer.objects.bulk_create(
            Answer(evaluation=evaluation, criterion=c)
            for c in Criterion.objects.filter(subcomponent__component__worksheet=worksheet)
        )
        return evaluation

    return _make


@pytest.fixture
def option(worksheet):
    """option("AE", "B") → the AnswerOption B of the A–E scale."""

    def _option(scale, code):
        return AnswerOption.objects.get(scale__worksheet=worksheet, scale__code=scale, code=code)

    return _option
