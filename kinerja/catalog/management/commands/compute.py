"""`kinerja compute`: an indicator of the catalogue, computed from a JSON file (see shared/spec/cli.md)."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinerja.catalog.models import Indicator
from kinerja.catalog.services import compiled_definition
from kinerja.formula import FormulaError, IndicatorDefinition
from kinerja.planning.schedule import year_definition


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Compute an indicator of the catalogue from a JSON input file and print the result as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="Indicator code, e.g. IK-02.")
        parser.add_argument("--input", required=True, help="JSON input file, or - for standard input.")
        parser.add_argument("--unit", default="", help="Unit code, when several units use the same code.")
        parser.add_argument("--year", type=int, help="The year, when the input does not say it.")

    def handle(self, *args: Any, **options: Any) -> None:
        indicator = self._indicator(options["code"], options["unit"])
        payload = self._payload(options["input"], options["year"])
        try:
            results = self._definition(indicator, payload.get("year")).compute(payload)
        except FormulaError as exc:
            raise fail("\n".join(str(problem) for problem in exc.problems)) from exc
        output = {
            "indicator": indicator.code,
            "name": indicator.name,
            "unit": indicator.computation.get("unit"),
            "periods": {period: result.to_json() for period, result in results.items()},
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False))

    def _definition(self, indicator: Indicator, year: Any) -> IndicatorDefinition:
        """The formula frozen for the year once a planner opened it; the current one otherwise."""
        if isinstance(year, int) and not isinstance(year, bool):
            frozen = year_definition(indicator, year)
            if frozen is not None:
                return frozen.definition
        return compiled_definition(indicator)

    def _indicator(self, code: str, unit_code: str) -> Indicator:
        # The command line runs with the server's own authority, like the other management commands.
        matches = list(
            Indicator.objects.select_related("unit", "current_version")
            .filter(code=code, **({"unit__code": unit_code} if unit_code else {}))
            .order_by("unit__path")
        )
        if not matches:
            where = f" in unit {unit_code}" if unit_code else ""
            raise fail(f"indicator {code}{where}: not in the catalogue")
        if len(matches) > 1:
            units = ", ".join(m.unit.code for m in matches)
            raise fail(f"indicator {code} exists in several units ({units}); name one with --unit")
        if matches[0].current_version_id is None:
            raise fail(f"indicator {code}: has no formula yet")
        return matches[0]

    def _payload(self, source: str, year: int | None) -> Any:
        try:
            if source == "-":
                text = sys.stdin.read()
            else:
                with open(source, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as exc:
            raise fail(f"--input: cannot read {source}: {exc.strerror}") from exc
        try:
            payload = json.loads(text)
        except ValueError as exc:
            raise fail(f"--input: not valid JSON ({exc})") from exc
        if not isinstance(payload, dict):
            raise fail('--input: expected an object like {"year": 2024, "periods": {...}}')
        if year is not None:
            if "year" in payload and payload["year"] != year:
                raise fail(f"--year {year} does not match the input's year {payload['year']}")
            payload["year"] = year
        return payload
