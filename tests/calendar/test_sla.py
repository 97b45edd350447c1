"""The measure shared by `kinerja sla`, the calculator and the API, and the command itself."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kinerja.calendar.clock import reached_at
from kinerja.calendar.selectors import calendar_between
from kinerja.calendar.sla import sla_from_text, sla_measure
from kinerja.workflows.models import ServiceStandard

from .conftest import H, wib

LIMITS = {"validasi": 24 * 60, "verifikasi": 23 * 60 + 45, "pendampingan": 23 * 60}


# --- the ladder at each boundary, for every service, from the database -----------------------


@pytest.mark.django_db
@pytest.mark.parametrize("service", sorted(LIMITS))
@pytest.mark.parametrize(
    ("used", "code"),
    [
        ("L", "tepat_waktu"),
        ("L+1", "maaf_lisan"),
        (48 * H, "maaf_lisan"),
        (48 * H + 1, "maaf_tertulis"),
        (72 * H, "maaf_tertulis"),
        (72 * H + 1, "maaf_tertulis_antar_langsung"),
    ],
)
def test_each_rung_of_the_ladder_at_its_boundary(service, used, code):
    limit = LIMITS[service] * 60
    seconds = {"L": limit, "L+1": limit + 1}.get(used, used)
    start = wib(2025, 3, 6, 15)
    end = reached_at(calendar_between(start, wib(2025, 12, 31)), start, seconds)
    measure = sla_measure(service=service, start=start, end=end)
    assert (measure.seconds, measure.compensation) == (seconds, code)
    assert measure.limit_minutes == LIMITS[service]


@pytest.mark.django_db
def test_the_ladder_follows_the_standard_in_the_database():
    ServiceStandard.objects.filter(code="validasi").update(
        limit_minutes=60, written_apology_after_hours=2, in_person_after_hours=3
    )
    start = wib(2025, 3, 6, 8)
    assert sla_measure(service="validasi", start=start, end=wib(2025, 3, 6, 9)).compensation == "tepat_waktu"
    assert sla_measure(service="validasi", start=start, end=wib(2025, 3, 6, 10)).compensation == "maaf_lisan"
    assert (
        sla_measure(service="validasi", start=start, end=wib(2025, 3, 6, 11)).compensation == "maaf_tertulis"
    )
    late = sla_measure(service="validasi", start=start, end=wib(2025, 3, 6, 11, 0, 1))
    assert late.compensation == "maaf_tertulis_antar_langsung"
    assert late.to_json()["limit_hours"] == 1.0


# --- the shared parser ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_text_without_an_offset_is_wib_and_with_one_is_converted():
    naive = sla_from_text(service="validasi", start="2025-03-06T15:00", end="2025-03-10T09:00")
    utc = sla_from_text(service="validasi", start="2025-03-06T08:00Z", end="2025-03-10T02:00+00:00")
    assert naive.seconds == utc.seconds == 11.5 * H


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service": "audit"}, "service"),
        ({"start": "kemarin"}, "start"),
        ({"end": "2025-13-01T08:00"}, "end"),
        ({"end": "2025-03-06T14:00"}, "end"),
        ({"start": "1900-01-01T08:00"}, "start"),
        ({"pauses": ["2025-03-07T08:00"]}, "pauses"),
        ({"pauses": ["2025-03-07T08:00/2025-03-07T07:00"]}, "pauses"),
        ({"pauses": ["2025-03-07T08:00/besok"]}, "pauses"),
        ({"pauses": ["a/b/c"]}, "pauses"),
    ],
)
def test_bad_text_is_refused_naming_the_input(kwargs, field):
    values = {"service": "validasi", "start": "2025-03-06T15:00", "end": "2025-03-10T09:00", **kwargs}
    with pytest.raises(ValidationError) as caught:
        sla_from_text(**values)
    assert list(caught.value.message_dict) == [field]


# --- kinerja sla, in-process ---------------------------------------------------------------------


def sla(*args):
    out = io.StringIO()
    call_command("sla", *args, stdout=out)
    return json.loads(out.getvalue())


WORKED = ["--service", "validasi", "--start", "2025-03-06T15:00", "--end", "2025-03-10T09:00"]


@pytest.mark.django_db
def test_the_worked_example_prints_the_contract_json():
    out = io.StringIO()
    call_command("sla", *WORKED, stdout=out)
    assert out.getvalue().strip() == (
        '{"service": "validasi", "service_hours": 11.5, "limit_hours": 24.0, "compensation": "tepat_waktu"}'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("service", "limit"), [("verifikasi", 23.75), ("pendampingan", 23.0)])
def test_the_limit_of_each_service(service, limit):
    result = sla("--service", service, "--start", "2025-03-06T15:00", "--end", "2025-03-10T09:00")
    assert result == {
        "service": service,
        "service_hours": 11.5,
        "limit_hours": limit,
        "compensation": "tepat_waktu",
    }


@pytest.mark.django_db
def test_instants_with_offsets_are_converted():
    result = sla(
        "--service", "validasi", "--start", "2025-03-06T08:00:00Z", "--end", "2025-03-10T10:00+08:00"
    )
    assert result["service_hours"] == 11.5


@pytest.mark.django_db
def test_pauses_subtract_merged_and_clipped():
    result = sla(
        *WORKED,
        "--pause",
        "2025-03-07T08:00/2025-03-07T10:00",
        "--pause",
        "2025-03-07T09:00/2025-03-07T11:00",  # overlaps the first: counted once
        "--pause",
        "2025-03-05T08:00/2025-03-06T15:30",  # starts before the request: clipped
        "--pause",
        "2025-03-10T08:30/2025-03-11T12:00",  # ends after it: clipped
    )
    # 11.5 − 3 (Fri 08:00–11:00) − 0.5 (Thu 15:00–15:30) − 0.5 (Mon 08:30–09:00)
    assert result["service_hours"] == 7.5


@pytest.mark.django_db
def test_a_late_request_and_rounding():
    # Thu 6 Mar 08:00 → Thu 13 Mar 10:20:30: 6 days of service and a bit; 2 decimals, half up.
    result = sla("--service", "pendampingan", "--start", "2025-03-06T08:00", "--end", "2025-03-13T10:20:30")
    # Thu 8 + Fri 9 + Mon–Wed 25.5 + Thu 07:30–10:20:30 (2 h 50 min 30 s) = 45.341666…
    assert result == {
        "service": "pendampingan",
        "service_hours": 45.34,
        "limit_hours": 23.0,
        "compensation": "maaf_lisan",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "flag"),
    [
        ({"--service": "audit"}, "--service"),
        ({"--start": "kemarin"}, "--start"),
        ({"--end": "2025-03-10T25:00"}, "--end"),
        ({"--end": "2025-03-06T14:59"}, "--end"),
    ],
)
def test_bad_input_exits_2_naming_the_argument(change, flag):
    args = dict(zip(WORKED[::2], WORKED[1::2], strict=True)) | change
    with pytest.raises(CommandError) as caught:
        call_command("sla", *[part for pair in args.items() for part in pair], stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert str(caught.value).startswith(f"{flag}: ")


@pytest.mark.django_db
@pytest.mark.parametrize("pause", ["2025-03-07T08:00", "2025-03-07T10:00/2025-03-07T08:00", "x/y"])
def test_a_malformed_pause_exits_2(pause):
    with pytest.raises(CommandError) as caught:
        call_command("sla", *WORKED, "--pause", pause, stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert str(caught.value).startswith("--pause: ")


# --- kinerja sla, as a real process --------------------------------------------------------------

KINERJA = shutil.which("kinerja", path=str(Path(sys.executable).parent)) or "kinerja"


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """Run `kinerja ARGS` against a fresh, migrated SQLite database (the standards are migrations)."""
    var = tmp_path_factory.mktemp("var")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "MEDIA_", "STATIC_"))
    }
    env.update(DEBUG="1", KINERJA_VAR_DIR=str(var), LOG_LEVEL="ERROR")

    def run(*args):
        return subprocess.run(  # noqa: S603 - our own console script
            [KINERJA, *args], env=env, capture_output=True, text=True, check=False, timeout=300
        )

    done = run("migrate", "-v0")
    assert done.returncode == 0, done.stderr
    return run


@pytest.mark.xdist_group("calendar-cli")
def test_the_console_script(cli):
    done = cli("sla", *WORKED)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "service": "validasi",
        "service_hours": 11.5,
        "limit_hours": 24.0,
        "compensation": "tepat_waktu",
    }
    refusals = {
        ("--service", "audit"): "--service",
        ("--start", "2025-02-30T08:00"): "--start",
        ("--end", "2025-03-01T08:00"): "--end",
        ("--pause", "2025-03-07T08:00"): "--pause",
    }
    for (flag, value), named in refusals.items():
        args = [*WORKED, "--pause", value] if flag == "--pause" else [*WORKED, flag, value]
        done = cli("sla", *args)
        assert done.returncode == 2, (flag, done.stderr)
        assert done.stdout == ""
        assert named in done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    missing = cli("sla", "--service", "validasi", "--start", "2025-03-06T15:00")
    assert missing.returncode == 2
    assert "--end" in missing.stderr
    assert "Traceback" not in missing.stderr
