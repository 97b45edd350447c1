"""The public pages' demo data: the standard's texts, which the migration normally seeds already."""

from collections.abc import Callable

from . import services


def load(say: Callable[[str], object]) -> None:
    services.profile_ensure()
    say("Public pages: the service standard's texts are in place")
