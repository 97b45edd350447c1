"""Fail unless the PostgreSQL run really ran: same tests as the SQLite run, engine check passed."""

import sys
import xml.etree.ElementTree as ET


def summary(path: str) -> tuple[int, int, set[str]]:
    root = ET.parse(path).getroot()  # noqa: S314
    cases = list(root.iter("testcase"))
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    passed = {
        f"{case.get('classname')}.{case.get('name')}"
        for case in cases
        if case.find("skipped") is None and case.find("failure") is None and case.find("error") is None
    }
    return len(cases), skipped, passed


def main() -> int:
    sqlite_total, _sqlite_skipped, _ = summary(sys.argv[1])
    pg_total, pg_skipped, pg_passed = summary(sys.argv[2])
    print(f"SQLite: {sqlite_total} tests; PostgreSQL: {pg_total} tests, {pg_skipped} skipped")
    if not any(name.endswith("test_database_is_the_expected_engine") for name in pg_passed):
        print("The PostgreSQL run did not prove it ran on PostgreSQL.", file=sys.stderr)
        return 1
    if pg_total < sqlite_total or pg_skipped > pg_total // 10:
        print("The PostgreSQL run skipped or lost tests.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
