"""`kinerja report`: the arguments of shared/spec/cli.md, its refusals, and the very bytes of the
web download written atomically to the output file."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinerja.reports.documents import document_render

from .lkj_world import YEAR, build_agreement, enter_tw1, tarakan

pytestmark = pytest.mark.django_db
KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


@pytest.fixture
def world(actors, catalog):
    agreement = build_agreement()
    enter_tw1()
    return agreement


def report(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read the command's messages in English."""


def refused(*args):
    with pytest.raises(CommandError) as error:
        call_command("report", *args, stdout=io.StringIO())
    assert error.value.returncode == 2
    return str(error.value)


def test_pk_pdf_writes_the_bytes_of_the_web_download(world, tmp_path):
    output = tmp_path / "pk.pdf"
    summary = report(
        "pk", "--unit", "PSDKP-TARAKAN", "--year", str(YEAR), "--format", "pdf", "--output", str(output)
    )
    written = output.read_bytes()
    expected = document_render(kind="pk", unit=tarakan(), year=YEAR, period=None, fmt="pdf")
    assert written.startswith(b"%PDF")
    # weasyprint stamps no time into the file, so two renders of the same PK are the same bytes.
    assert written == expected.content
    assert summary == {
        "kind": "pk",
        "unit": "PSDKP-TARAKAN",
        "year": YEAR,
        "period": None,
        "format": "pdf",
        "output": str(output),
        "content_type": "application/pdf",
        "bytes": len(written),
        "sha256": hashlib.sha256(written).hexdigest(),
    }
    assert [p.name for p in tmp_path.iterdir()] == ["pk.pdf"]  # no temporary file left behind


def test_lkj_docx_end_to_end(world, tmp_path):
    output = tmp_path / "lkj.docx"
    summary = report(
        "lkj", "--unit", "PSDKP-TARAKAN", "--year", str(YEAR), "--format", "docx", "--output", str(output)
    )
    written = output.read_bytes()
    assert written[:2] == b"PK"  # a DOCX is a zip
    assert summary["content_type"].endswith("wordprocessingml.document")
    assert summary["sha256"] == hashlib.sha256(written).hexdigest()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(written)).paragraphs)
    assert "Tarakan" in text


def test_triwulan_passes_the_period_and_replaces_an_existing_file(world, tmp_path, monkeypatch):
    from kinerja.reports import quarterly

    monkeypatch.setattr(
        quarterly, "quarterly_docx", lambda *, unit, year, quarter: f"{unit.code}/{year}/{quarter}".encode()
    )
    output = tmp_path / "tw1.docx"
    output.write_bytes(b"old")
    summary = report(
        "triwulan", "--unit", "PSDKP-TARAKAN", "--year", str(YEAR), "--period", "TW1",
        "--format", "docx", "--output", str(output),
    )  # fmt: skip
    assert output.read_bytes() == b"PSDKP-TARAKAN/2025/TW1"
    assert summary["period"] == "TW1"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("pk", "--period", "TW1"), "--period applies to triwulan only"),
        (("triwulan",), "--period is required for triwulan"),
    ],
)
def test_period_rules(world, tmp_path, args, says):
    base = ["--year", str(YEAR), "--format", "pdf", "--output", str(tmp_path / "x.pdf")]
    message = refused(*args, "--unit", "PSDKP-TARAKAN", *base)
    assert says in message
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_unit_missing_pk_bad_folder(world, tmp_path):
    out = str(tmp_path / "x.pdf")
    assert "no active unit has the code NOPE" in refused(
        "pk", "--unit", "NOPE", "--year", str(YEAR), "--format", "pdf", "--output", out
    )
    assert "no signed Perjanjian Kinerja for 2024" in refused(
        "pk", "--unit", "PSDKP-TARAKAN", "--year", "2024", "--format", "pdf", "--output", out
    )
    assert "no data for TW3 2025" in refused(
        "triwulan", "--unit", "PSDKP-TARAKAN", "--year", str(YEAR), "--period", "TW3",
        "--format", "pdf", "--output", out,
    )  # fmt: skip
    missing = str(tmp_path / "nowhere" / "x.pdf")
    assert "does not exist" in refused(
        "pk", "--unit", "PSDKP-TARAKAN", "--year", str(YEAR), "--format", "pdf", "--output", missing
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--period", "TW2", "--output", "x.pdf"), "--period applies to triwulan only"),
        (("--period", "TW9", "--output", "x.pdf"), "invalid choice: 'TW9'"),
        ((), "the following arguments are required: --output"),
    ],
)
def test_the_console_script_exits_2_with_a_message(tmp_path, args, says):
    """The real `kinerja` process: refused before it reads the database, so none is needed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DEBUG="1", KINERJA_VAR_DIR=str(tmp_path), LOG_LEVEL="ERROR")
    done = subprocess.run(  # noqa: S603 - our own console script
        [KINERJA, "report", "pk", "--unit", "PSDKP-TARAKAN", "--year", "2025", "--format", "pdf", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
