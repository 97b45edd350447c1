"""`kinerja watch_complaints [--now ISO8601]`: tell the handlers of complaints past their answer deadline.

Run it a few times a day; it is idempotent.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinerja.calendar.sla import parse_instant
from kinerja.complaints.watch import complaint_deadlines_watch


class Command(BaseCommand):
    help = "Notify the handlers of open complaints past their answer deadline, and print counts as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", metavar="ISO8601", help="The instant to look at (WIB); default: now.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = parse_instant(options["now"], field="now")
            except ValidationError as exc:
                raise CommandError(f"--now: {exc.message_dict['now'][0]}", returncode=2) from exc
        counts = complaint_deadlines_watch(now=now)
        self.stdout.write(json.dumps({"now": timezone.localtime(now).isoformat(), **counts}))
