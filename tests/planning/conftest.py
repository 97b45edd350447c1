import pytest

from kinerja.planning import services
from kinerja.planning.models import PlanningYear


@pytest.fixture
def open_year(catalog, actors):
    """2025, opened by the planner (the catalogue's formulas are frozen)."""

    def _open(year=2025):
        planning_year = services.year_create(actor=actors["planner"], year=year)
        services.year_open(
            actor=actors["planner"], planning_year=planning_year, expected_version=planning_year.row_version
        )
        return PlanningYear.objects.get(pk=planning_year.pk)

    return _open


@pytest.fixture
def tarakan(catalog):
    return {code: indicator for (unit, code), indicator in catalog.items() if unit == "PSDKP-TARAKAN"}


def rows_for(tarakan, codes=("IK-02", "IK-05"), target="80"):
    """PK rows with a target for every entry period of the indicator."""
    from kinerja.planning.services import agreement_periods

    rows = []
    for code in codes:
        periods, _stabilize = agreement_periods(tarakan[code], 2025)
        rows.append(
            {"indicator": tarakan[code], "target": target, "period_targets": dict.fromkeys(periods, target)}
        )
    return rows


HEADER = {
    "first_party_name": "Yusuf",
    "first_party_title": "Kepala Stasiun PSDKP Tarakan",
    "second_party_name": "Hendra",
    "second_party_title": "Direktur Jenderal PSDKP",
    "place": "Tarakan",
}


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""
