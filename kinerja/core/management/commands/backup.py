import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from kinerja.core.backup import backup_create


class Command(BaseCommand):
    help = "Write a backup (database and uploaded files) to one zip file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, help="Zip file to write (default: var/backups/...).")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = options["output"] or settings.VAR_DIR / "backups" / f"kinerja-{stamp}.zip"
        manifest = backup_create(path=path)
        self.stdout.write(
            json.dumps({"backup": str(path), "engine": manifest["engine"], "files": len(manifest["files"])})
        )
