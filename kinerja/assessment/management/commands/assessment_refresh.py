"""`kinerja assessment_refresh --year YYYY [--unit CODE]`: feed the self-assessment into IK-16."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinerja.core.management.units import units_with_pk

from ...feed import feed_refresh


class Command(BaseCommand):
    help = "Feed the SAKIP self-assessment into the IK-16 indicator of every unit whose PK has one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", default="", help="One unit's code; every unit with a PK by default.")

    def handle(self, *args: Any, year: int, unit: str, **options: Any) -> None:
        for each in units_with_pk(year=year, code=unit):
            for indicator, outcome in feed_refresh(unit=each, year=year):
                status = "written" if outcome.written else outcome.reason
                self.stdout.write(f"{each.code} {indicator.code} {year}: {status}")
