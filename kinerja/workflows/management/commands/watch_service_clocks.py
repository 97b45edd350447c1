"""`kinerja watch_service_clocks [--now ISO8601]`: warn about clocks nearing or past their limit.

Run it every few minutes during service hours; it is idempotent.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinerja.calendar.sla import parse_instant
from kinerja.workflows.watch import service_clocks_watch


class Command(BaseCommand):
    help = (
        "Warn the officers of service requests whose clock has reached the standard's warning mark "
        "or its limit, and print counts as JSON."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now",
            metavar="ISO8601",
            help="The instant to look at (WIB without an offset); default: now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = parse_instant(options["now"], field="now")
            except ValidationError as exc:
                raise CommandError(f"--now: {exc.message_dict['now'][0]}", returncode=2) from exc
        counts = service_clocks_watch(now=now)
        self.stdout.write(json.dumps({"now": timezone.localtime(now).isoformat(), **counts}))
