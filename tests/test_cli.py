"""The `kinerja` console script as other tools run it: a real process on its own database."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.formula.helpers import WORKED_VESSEL

pytestmark = pytest.mark.xdist_group("cli")  # one database for the module, on one worker
KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """Run `kinerja ARGS` against a fresh SQLite database with the demo catalogue."""
    var = tmp_path_factory.mktemp("var")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "MEDIA_", "STATIC_"))
    }
    env.update(DEBUG="1", KINERJA_VAR_DIR=str(var), LOG_LEVEL="ERROR")

    def run(*args, stdin=None):
        return subprocess.run(  # noqa: S603 - our own console script
            [KINERJA, *args], env=env, input=stdin, capture_output=True, text=True, check=False, timeout=300
        )

    for args in (("migrate", "-v0"), ("seed_demo", "--quiet-accounts", "--until", "catalog")):
        done = run(*args)
        assert done.returncode == 0, done.stderr
    return run


def test_compute_prints_the_contract_json(cli):
    payload = {"year": 2024, "periods": {"TW1": {"inputs": {"kapal": [WORKED_VESSEL]}, "target": 80}}}
    done = cli("compute", "IK-02", "--input", "-", stdin=json.dumps(payload))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "indicator": "IK-02",
        "name": "Indeks Kinerja Operasi Kapal Pengawas",
        "unit": "indeks",
        "periods": {
            "TW1": {
                "value": 87.67,
                "reported": 87.67,
                "category": None,
                "target": 80,
                "achievement": 109.58,
                "status": "green",
            }
        },
    }


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (("compute", "IK-02", "--input", "-"), "not json", "not valid JSON"),
        (
            ("compute", "IK-02", "--input", "-"),
            '{"periods": {"TW1": {"inputs": {"kapal": [{"x": 1}]}}}}',
            "IK-02 TW1",
        ),
        (("compute", "IK-77", "--input", "-"), "{}", "IK-77"),
        (("compute", "IK-02"), "", "--input"),
    ],
)
def test_bad_input_is_status_2_with_a_message_and_no_traceback(cli, args, stdin, says):
    done = cli(*args, stdin=stdin)
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
