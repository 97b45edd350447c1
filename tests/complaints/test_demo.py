"""The demo complaints load through the services, once."""

import pytest

from kinerja.accounts import demo as accounts_demo
from kinerja.complaints import demo
from kinerja.complaints.models import Complaint

pytestmark = pytest.mark.django_db


def test_demo_loads_every_state_once(org):
    accounts_demo.load(lambda _msg: None)
    demo.load(lambda _msg: None)
    demo.load(lambda _msg: None)
    assert Complaint.objects.count() == len(demo.ITEMS)
    assert set(Complaint.objects.values_list("state", flat=True)) == {
        "received",
        "triaged",
        "in_progress",
        "answered",
        "closed",
        "rejected",
    }
