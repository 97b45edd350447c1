"""API of the public satisfaction survey (skm/ikm)."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Filled in by the app's API."""
