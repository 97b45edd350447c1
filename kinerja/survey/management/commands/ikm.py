"""`kinerja ikm FILE.csv`: the satisfaction index of a file of questionnaires (see shared/spec/cli.md)."""

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinerja.survey.ikm import ELEMENTS, ScoreError, compute, parse_score


def read_rows(path: Path) -> list[dict[str, int]]:
    """One row per respondent; refuses with the row (counting the header as row 1) and column."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip().lower() for name in reader.fieldnames or []]
            missing = [key for key in ELEMENTS if key not in header]
            if missing:
                raise CommandError(f"{path}: missing column(s) {', '.join(missing)}", returncode=2)
            reader.fieldnames = header
            rows = []
            for number, record in enumerate(reader, start=2):
                try:
                    rows.append({key: parse_score(key, record.get(key)) for key in ELEMENTS})
                except ScoreError as exc:
                    raise CommandError(
                        f"{path}: row {number}, column {exc.column}: "
                        f"{exc.value!r} is not an integer from 1 to 4",
                        returncode=2,
                    ) from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the file ({exc.strerror})", returncode=2) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CommandError(f"{path}: not a UTF-8 CSV file ({exc})", returncode=2) from None
    if not rows:
        raise CommandError(f"{path}: no respondents (the file has a header but no rows)", returncode=2)
    return rows


class Command(BaseCommand):
    help = "The public satisfaction index (IKM) of a CSV with one row per respondent and columns u1..u9."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file", metavar="FILE.csv", help="Header u1..u9 (other columns ignored), scores 1-4."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = compute(read_rows(Path(options["file"])))
        self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
