"""Where each service plugs into the common request: its requirement checks, its panel, its finish.

The register, the clock and the state machine are the same for the three services; what a
requirement means, what the request page shows and what happens once the worksheet is signed
differ. Each service app registers those here in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kinerja.organization.models import OrgUnit

    from .models import ServiceRequest


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    met: bool
    automatic: bool = True  # checked by the system; False: an officer ticks it
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    """The service's part of the request page: a template and the context it needs."""

    template: str
    context: Callable[[ServiceRequest, Any], dict[str, Any]]


@dataclass
class ServiceHooks:
    requirements: Callable[[ServiceRequest], list[Requirement]] | None = None
    # Raises ValidationError when the unit cannot be invited or open a request for the period yet
    # (a verification waits until the quarter's entry has closed).
    check_period: Callable[[OrgUnit, int, str], None] | None = None
    panel: Panel | None = None
    # Runs inside the transaction of the signature that completes the worksheet; it does the
    # service's finish (lock the period, enter the indicators…) before the request is delivered.
    on_signed: Callable[[ServiceRequest, Any], None] | None = None
    # Runs inside the transaction of a return, with the reason: a verification sends the quarter
    # back with the request, so the unit can correct what the officer found.
    on_returned: Callable[[ServiceRequest, Any, str], None] | None = None
    worksheet_kind: str = ""


HOOKS: dict[str, ServiceHooks] = {}


def register(kind: str, hooks: ServiceHooks) -> None:
    HOOKS[kind] = hooks


def hooks_for(kind: str) -> ServiceHooks:
    return HOOKS.get(kind) or ServiceHooks()
