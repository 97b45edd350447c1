"""API of the public pages of the service standard."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Filled in by the app's API."""
