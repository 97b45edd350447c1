"""`kinerja sla`: service hours between two instants on the service calendar (see shared/spec/cli.md)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.calendar.sla import sla_from_text

# The command line's name for each input the measure may refuse.
FLAGS = {"service": "--service", "start": "--start", "end": "--end", "pauses": "--pause"}


class Command(BaseCommand):
    help = "Service hours between two instants, less the pauses, and the compensation they call for, as JSON."

    def add_arguments(self, parser: Any) -> None:
        # The service is checked against the database's standards, not argparse choices, so that a
        # refusal exits 2 with the same message whether the command runs from a shell or in-process.
        parser.add_argument(
            "--service", required=True, metavar="{validasi,verifikasi,pendampingan}", help="The service."
        )
        parser.add_argument(
            "--start",
            required=True,
            metavar="ISO8601",
            help="Complete request received; WIB without an offset.",
        )
        parser.add_argument("--end", required=True, metavar="ISO8601", help="Product delivered.")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="START/END",
            help="A time the request was back with the unit; may be repeated.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            measure = sla_from_text(
                service=options["service"],
                start=options["start"],
                end=options["end"],
                pauses=options["pause"],
            )
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise CommandError(f"{FLAGS.get(field, field)}: {messages[0]}", returncode=2) from exc
        self.stdout.write(json.dumps(measure.to_json(), ensure_ascii=False))
