"""`kinerja ikm FILE.csv` (shared/spec/cli.md): one JSON line, or status 2 naming row and column."""

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"
HEADER = "nama,u1,u2,u3,u4,u5,u6,u7,u8,u9\n"


def ikm(path):
    out = StringIO()
    call_command("ikm", str(path), stdout=out)
    return out.getvalue()


def write(tmp_path, text, name="skm.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_prints_the_contract_json_with_keys_in_order(tmp_path):
    path = write(tmp_path, HEADER + "A,4,4,4,4,4,4,4,4,4\nB,3,3,3,3,3,3,3,3,3\nC,3,4,3,4,3,4,3,4,2\n")
    line = ikm(path)
    assert line.count("\n") == 1
    data = json.loads(line)
    assert list(data) == ["respondents", "nrr", "ikm", "grade", "label"]
    assert data["respondents"] == 3
    odd, even = 3.33, 3.67
    assert data["nrr"] == {
        "u1": odd, "u2": even, "u3": odd, "u4": even, "u5": odd, "u6": even, "u7": odd, "u8": even, "u9": 3.0
    }  # fmt: skip
    # Σ exact NRR = 31/1 → 25 × 31 / 9 = 86.11
    assert (data["ikm"], data["grade"], data["label"]) == (86.11, "B", "Baik")


def test_columns_in_any_order_and_case(tmp_path):
    path = write(tmp_path, "U9,U8,U7,U6,U5,U4,U3,U2,U1\n4,4,4,4,4,4,4,4,4\n")
    assert json.loads(ikm(path))["ikm"] == 100.0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("u1,u2,u3,u4,u5,u6,u7,u8\n4,4,4,4,4,4,4,4\n", "missing column(s) u9"),
        (HEADER, "no respondents"),
        (HEADER + "A,4,4,4,4,4,4,4,4,4\nB,4,4,5,4,4,4,4,4,4\n", "row 3, column u3"),
        (HEADER + "A,4,4,4,4,4,4,4,4,3.5\n", "row 2, column u9"),
        (HEADER + "A,4,4,4,,4,4,4,4,4\n", "row 2, column u4"),
        (HEADER + "A,0,4,4,4,4,4,4,4,4\n", "row 2, column u1"),
    ],
)
def test_bad_input_is_status_2_naming_row_and_column(tmp_path, text, says):
    with pytest.raises(CommandError) as refused:
        ikm(write(tmp_path, text))
    assert refused.value.returncode == 2
    assert says in str(refused.value)


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as refused:
        ikm(tmp_path / "nothing.csv")
    assert refused.value.returncode == 2
    assert "cannot read" in str(refused.value)


def test_the_console_script(tmp_path):
    """A real process: JSON on stdout; a refusal on stderr, status 2, no traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DEBUG="1", KINERJA_VAR_DIR=str(tmp_path), LOG_LEVEL="ERROR")

    def run(*args):
        return subprocess.run(  # noqa: S603 - our own console script
            [KINERJA, *args], env=env, capture_output=True, text=True, check=False, timeout=120
        )

    good = run("ikm", str(write(tmp_path, HEADER + "A,4,4,4,4,4,4,4,4,4\n")))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["grade"] == "A"
    bad = run("ikm", str(write(tmp_path, HEADER + "A,4,4,4,4,4,4,4,4,9\n", "bad.csv")))
    assert bad.returncode == 2
    assert "row 2, column u9" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert bad.stdout == ""
