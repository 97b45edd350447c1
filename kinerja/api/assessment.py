from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Filled in by issue 7."""
