"""API endpoints of the performance domain; `register()` adds them to the API router."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Add this domain's viewsets to the router."""
