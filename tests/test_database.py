import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_expected_engine():
    """CI names the engine it meant to test; a silent fallback to SQLite fails here."""
    expected = os.environ.get("KINERJA_EXPECT_DB", "sqlite")
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_sqlite_is_tuned_for_concurrent_use():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite tuning only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
