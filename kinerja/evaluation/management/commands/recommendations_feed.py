"""`kinerja recommendations_feed --year YYYY [--unit CODE]`: feed the recommendations into IK-17."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinerja.core.management.units import units_with_pk

from ...feed import FOLLOWED, TOTAL, feed_refresh, recommendation_indicators


class Command(BaseCommand):
    help = (
        "Feed the SAKIP evaluation's recommendations into every PK indicator that takes "
        f"{FOLLOWED} and {TOTAL} (IK-17), one line per period: what was written, or why not."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", default="", help="One unit's code; every unit with a PK by default.")

    def handle(self, *args: Any, year: int, unit: str, **options: Any) -> None:
        for each in units_with_pk(year=year, code=unit):
            if unit and not recommendation_indicators(unit=each, year=year):
                self.stdout.write(f"{each.code} {year}: no indicator of the PK takes {FOLLOWED} and {TOTAL}")
            for row in feed_refresh(unit=each, year=year):
                figures = f"{FOLLOWED}={row.tally.followed} {TOTAL}={row.tally.total}"
                if row.outcome.written:
                    status = f"written ({figures})"
                elif row.tally.total:
                    status = f"not written ({figures}): {row.outcome.reason}"
                else:
                    status = f"not written: {row.outcome.reason}"
                self.stdout.write(f"{each.code} {row.indicator.code} {year} {row.period}: {status}")
