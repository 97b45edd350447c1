import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.survey import services
from kinerja.workflows.models import RequestStatus, ServiceRequest
from tests.performance.conftest import plan  # noqa: F401 - the PK year the feed writes into

SCORES = {f"u{i}": 4 for i in range(1, 10)}
PROFILE = {"age": 35, "sex": "P", "education": "D4/S1", "occupation": "pns", "suggestion": ""}


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read messages in English."""


def answers(**changes):
    return {**SCORES, **PROFILE, **changes}


@pytest.fixture
def bureau(org):
    return {service.code: service for service in services.bureau_services_ensure()}


@pytest.fixture
def delivered(actors, org, bureau):
    """A delivered mentoring request of Tarakan (made directly: the signing is workflows' to test)."""
    return ServiceRequest.objects.create(
        number="PDP-2026-0042",
        kind="pendampingan",
        unit=org["PSDKP-TARAKAN"],
        year=2025,
        origin="unit_request",
        status=RequestStatus.DELIVERED,
        opened_by=actors["planner"],
        limit_minutes=600,
        delivered_at=timezone.now(),
    )


@pytest.fixture
def tarakan_service(actors, org):
    return services.service_create(
        actor=actors["operator_a"],
        unit=org["PSDKP-TARAKAN"],
        code="pelanggaran",
        name="Penanganan pelanggaran",
    )


@pytest.fixture
def ik20_plan(plan, catalog):  # noqa: F811
    from kinerja.planning.models import AgreementIndicator, AgreementSasaran

    ik20 = catalog[("PSDKP-TARAKAN", "IK-20")]
    row, _created = AgreementSasaran.objects.get_or_create(agreement=plan["agreement"], sasaran=ik20.sasaran)
    AgreementIndicator.objects.create(
        agreement=plan["agreement"],
        sasaran_row=row,
        indicator=ik20,
        target=Decimal(80),
        period_targets={"TW1": "80", "TW2": "80", "TW3": "80", "TW4": "80"},
    )
    return {**plan, "ik20": ik20}


def wib(*args):
    return datetime.datetime(*args, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
