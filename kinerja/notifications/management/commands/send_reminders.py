"""`kinerja send_reminders [--today YYYY-MM-DD]`: the day's reminders; run it daily, it is idempotent."""

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kinerja.notifications.reminders import reminders_send


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--today: {text!r} is not a date (YYYY-MM-DD)", returncode=2) from exc


class Command(BaseCommand):
    help = (
        "Send the reminders due today (entry opens; 7 days, 3 service days and 1 day before a deadline) "
        "and print counts as JSON."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="The day to send for (YYYY-MM-DD); default: today, server time.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        counts = reminders_send(today=today)
        self.stdout.write(json.dumps({"today": today.isoformat(), **counts}))
