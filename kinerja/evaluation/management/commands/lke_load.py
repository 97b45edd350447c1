"""`kinerja lke_load FILE.json [--activate]`: load a regulation's evaluation worksheet (LKE).

The file has the shape of kinerja/evaluation/data/permenpanrb-88-2021.json. It is loaded as a
draft by the same service the administrators use; `--activate` also puts it in force, in the same
transaction, so a refused activation leaves nothing behind.
"""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ...models import Criterion
from ...worksheet_services import worksheet_activate, worksheet_import


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Load an evaluation worksheet (LKE) from a JSON file as a draft; --activate puts it in force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.json")
        parser.add_argument("--activate", action="store_true", help="Put the worksheet in force.")

    def handle(self, *args: Any, file: str, activate: bool, **options: Any) -> None:
        path = Path(file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise fail(f"{file}: cannot read the file: {exc.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise fail(f"{file}: not a JSON file: {exc}") from None
        try:
            with transaction.atomic():
                # The command runs with the server's own authority: no user.
                worksheet = worksheet_import(actor=None, data=data)
                if activate:
                    worksheet = worksheet_activate(actor=None, worksheet=worksheet)
        except ValidationError as exc:
            problems = (
                "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
                if hasattr(exc, "error_dict")
                else " ".join(exc.messages)
            )
            raise fail(f"{file}: {problems}") from None
        criteria = Criterion.objects.filter(subcomponent__component__worksheet=worksheet).count()
        summary = {
            "code": worksheet.code,
            "status": worksheet.status,
            "valid_from": worksheet.valid_from,
            "components": len(data["components"]),
            "criteria": criteria,
            "grades": len(data["grades"]),
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
