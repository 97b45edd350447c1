"""`kinerja report`: a unit's PK, LKj draft or quarterly report as a file (see shared/spec/cli.md).

The bytes come from `kinerja.reports.documents.document_render`, the function behind the web
download, so a batch run produces exactly what the download button gives. The file is written
to a temporary name beside the output and renamed, so a reader never sees half a document.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTERS
from kinerja.reports.documents import FORMATS, KINDS, DocumentError, document_render


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def write_atomically(path: Path, content: bytes) -> None:
    directory = path.parent
    if not directory.is_dir():
        raise fail(f"--output: the folder {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise fail(f"--output: cannot write in {directory}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise fail(f"--output: cannot write {path}: {exc.strerror}") from None


class Command(BaseCommand):
    help = (
        "Write a unit's Perjanjian Kinerja (pk), LKj draft (lkj) or quarterly report (triwulan) "
        "to a PDF or DOCX file: the same document the web interface downloads."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=KINDS, help="pk, lkj or triwulan.")
        parser.add_argument("--unit", required=True, metavar="UNIT_CODE", help="e.g. PSDKP-TARAKAN.")
        parser.add_argument("--year", required=True, type=int, metavar="YEAR")
        parser.add_argument(
            "--period", choices=QUARTERS, help="The quarter, TW1 to TW4: required for triwulan only."
        )
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt", help="pdf or docx.")
        parser.add_argument("--output", required=True, metavar="FILE", help="Where to write the document.")

    def handle(self, *args: Any, **options: Any) -> None:
        kind, period = options["kind"], options["period"]
        if kind == "triwulan" and not period:
            raise fail("--period is required for triwulan (TW1, TW2, TW3 or TW4)")
        if kind != "triwulan" and period:
            raise fail(f"--period applies to triwulan only, not to {kind}")
        # The command runs with the server's own authority: any active unit, no user.
        unit = OrgUnit.objects.filter(code=options["unit"], is_active=True).first()
        if unit is None:
            raise fail(f"--unit: no active unit has the code {options['unit']}")
        try:
            document = document_render(
                kind=kind, unit=unit, year=options["year"], period=period, fmt=options["fmt"]
            )
        except DocumentError as exc:
            raise fail(f"--{exc.field}: {exc.message}" if exc.field else exc.message) from None
        output = Path(options["output"])
        write_atomically(output, document.content)
        summary = {
            "kind": kind,
            "unit": unit.code,
            "year": options["year"],
            "period": period,
            "format": options["fmt"],
            "output": str(output),
            "content_type": document.content_type,
            "bytes": len(document.content),
            "sha256": hashlib.sha256(document.content).hexdigest(),
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
