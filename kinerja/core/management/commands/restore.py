import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kinerja.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `kinerja backup` (migrates the schema first)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace a database that holds data.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = backup_restore(path=options["file"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(summary))
