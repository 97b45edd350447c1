import datetime

import pytest

from kinerja.calendar.clock import WIB
from kinerja.workflows import hooks
from kinerja.workflows.hooks import Requirement, ServiceHooks


def wib(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.fixture
def certificate(db):
    from kinerja.signatures.services import certificate_demo_create

    return certificate_demo_create()


@pytest.fixture
def plain_hooks(monkeypatch):
    """The three services without their apps' checks: one manual requirement, no finish."""
    state = {"met": True, "finished": []}

    def requirements(request):
        return [
            Requirement("auto", "Automatic requirement", state["met"]),
            Requirement("letter", "Request letter", False, automatic=False),
        ]

    for kind in ("validasi", "verifikasi", "pendampingan"):
        monkeypatch.setitem(
            hooks.HOOKS,
            kind,
            ServiceHooks(
                requirements=requirements,
                on_signed=lambda request, actor: state["finished"].append(request.number),
            ),
        )
    return state
