"""The dashboards' known data set (unit A's 2026 agreement, entered and partly verified)."""

from tests.dashboards.conftest import dataset, travel  # noqa: F401  (fixtures used here too)
