"""Permission matrix of the dashboards: unit A's pages follow its visibility; the ministry page
and the menu entry open for every signed-in user (their rows are restricted, not the page)."""

from decimal import Decimal

from tests.matrix.common import everyone, unit_a_view

YEAR = 2026


def _unit(_ctx):
    return {"code": "PSDKP-TARAKAN", "year": YEAR}


def _ik02(_ctx):
    from kinerja.catalog.models import Indicator

    return Indicator.objects.get(unit__code="PSDKP-TARAKAN", code="IK-02").pk


ROUTES = {
    "performance:dashboard_home": ({}, {"GET": everyone(302)}),
    "performance:dashboard_ministry": ({"year": YEAR}, {"GET": everyone(200)}),
    "performance:dashboard_unit": (_unit, {"GET": unit_a_view()}),
    "performance:dashboard_unit_drill": (_unit, {"GET": unit_a_view()}),
    "performance:dashboard_trace": (
        lambda ctx: {**_unit(ctx), "indicator": _ik02(ctx), "period": "TW1"},
        {"GET": unit_a_view()},
    ),
    "performance:dashboard_whatif": (
        lambda ctx: {**_unit(ctx), "indicator": _ik02(ctx)},
        {"GET": unit_a_view()},
    ),
}


def prepare(_actors):
    """Unit A's 2026 agreement with IK-02, one quarter entered, and its stored results."""
    from kinerja.catalog.models import Indicator
    from kinerja.organization.models import OrgUnit
    from kinerja.performance.models import Realisation
    from kinerja.performance.results import results_recompute
    from kinerja.planning.models import Agreement, AgreementIndicator, AgreementSasaran, PlanningYear

    unit = OrgUnit.objects.get(code="PSDKP-TARAKAN")
    if Agreement.objects.filter(unit=unit, year=YEAR).exists():
        return
    PlanningYear.objects.get_or_create(year=YEAR, defaults={"status": "open"})
    ik02 = Indicator.objects.get(unit=unit, code="IK-02")
    agreement = Agreement.objects.create(unit=unit, year=YEAR)
    row = AgreementSasaran.objects.create(agreement=agreement, sasaran=ik02.sasaran)
    AgreementIndicator.objects.create(
        agreement=agreement, sasaran_row=row, indicator=ik02, target=Decimal(90), period_targets={"TW1": "80"}
    )
    Realisation.objects.create(
        unit=unit, indicator=ik02, year=YEAR, period="TW1", state="value", inputs={"kapal": []}, value=0
    )
    for basis in ("working", "verified"):
        results_recompute(unit_ids=[unit.pk], year=YEAR, basis=basis)
