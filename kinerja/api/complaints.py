"""API of the complaints, suggestions and feedback."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Filled in by the app's API."""
