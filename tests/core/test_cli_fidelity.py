"""The command line reads and answers what was typed (issue 10): numbers shown in the locale
they were read in, the locale resolved once, periods and frequencies, and a reader that
leaves early (`| head`) ending the command quietly with its own status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
ENV = {k: v for k, v in ENV.items() if k not in ("LC_ALL", "LC_NUMERIC", "LANG")}
CLI = [sys.executable, "-m", "core.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=60, env={**ENV, **(env or {})}, encoding="utf-8"
    )


def test_german_input_is_answered_in_german():
    proc = run("check", "4,5 mg", "--locale", "de_DE")
    assert proc.returncode == 0, proc.stderr
    assert "Dose: 4,5 mg a day on average" in proc.stdout
    assert "Why: 4,5 mg a day is at least 1 mg and at most 5 mg a day" in proc.stdout
    assert "Position: 4,5 times the upper limit of Very low dose (1 mg)" in proc.stdout
    data = json.loads(run("check", "4,5 mg", "--locale", "de_DE", "--json").stdout)
    assert data["daily_dose_mg"] == "4.5" and data["dose_text"] == "4,5 mg a day on average"


def test_lc_numeric_decides_over_lang():
    """The issue's environment: LANG=en_GB, LC_NUMERIC=de_DE reads "0,25" as 0.25 mg."""
    proc = run("check", "0,25 mg", "--json", env={"LANG": "en_GB.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["daily_dose_mg"] == "0.25"


@pytest.mark.parametrize(("name", "dose"), [("cy_GB", "4.5 mg"), ("fil_PH", "4.5 mg"), ("fr_FR", "4,5 mg")])
def test_any_cldr_locale_works(name, dose):
    proc = run("check", dose, "--json", env={"LANG": f"{name}.UTF-8"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["band"] == "ldn"


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [(("--locale", "xx_YY"), {}, "--locale"), ((), {"LC_NUMERIC": "xx_YY"}, "LC_NUMERIC")],
)
def test_an_unknown_locale_is_refused_with_exit_2_and_one_line(args, env, source):
    proc = run("check", "1 mg", *args, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "xx_YY" in lines[0] and "--locale" in lines[0] and "[display] locale" in lines[0]
    if source != "--locale":
        assert f"(from {source})" in lines[0]


def test_periods_on_the_command_line():
    def band(*args: str) -> str:
        proc = run("check", *args, "--json", "--locale", "en")
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)["band"]

    assert band("25 mg", "--per", "12 hours") == "standard"
    assert band("100 mg", "--per", "every other day") == "standard"
    assert band("150 mg", "--per", "every third day") == "standard"
    assert band("350 mg", "--per", "wk") == "standard"
    assert band("380 mg", "--per", "once a month", "--route", "injection") == "xr-standard"
    assert band("380 mg", "--per", "month", "--route", "injection") == "xr-standard"


def test_a_month_for_an_oral_regimen_is_refused_with_the_reason():
    proc = run("check", "380 mg", "--per", "month", "--locale", "en")
    assert proc.returncode == 2
    assert "months differ in length" in proc.stderr and "injection" in proc.stderr


def test_twice_a_day_as_the_period_says_what_to_type():
    proc = run("check", "3 mg", "--per", "twice a day", "--locale", "en")
    assert proc.returncode == 2 and "check '3 mg' '3 mg' --per day" in proc.stderr


@pytest.mark.parametrize(
    ("dose", "command"),
    [
        ("4.5 mg daily", "check '4.5 mg' --per day"),
        ("4.5 mg at bedtime", "check '4.5 mg' --per day"),
        ("4.5 mg twice daily", "check '4.5 mg' '4.5 mg' --per day"),
    ],
)
def test_how_often_in_the_dose_says_it_goes_in_per(dose, command):
    proc = run("check", dose, "--locale", "en", "--json")
    assert proc.returncode == 2
    error = json.loads(proc.stdout)
    assert error["field"] == "frequency" and "Unknown unit" not in error["error"]
    assert f"On the command line: {command}." in error["error"]


def test_the_oral_regimen_that_looks_like_the_injection_carries_a_note_in_json():
    proc = run("check", "380 mg", "--per", "4 weeks", "--locale", "en", "--json")
    data = json.loads(proc.stdout)
    assert data["band"] == "intermediate"
    note = next(n for n in data["notes"] if n["id"] == "looks-like-the-injection")
    assert "--route injection" in note["text"]


def test_help_lists_the_periods_and_the_locale_resolution():
    text = run("check", "--help").stdout
    flat = " ".join(text.split())
    for period in ("every other day", "every third day", "N hours", "wks", "once a month"):
        assert period in flat, period
    assert "LC_ALL, LC_NUMERIC and LANG" in flat and "[display] locale" in flat and "CLDR" in flat
    assert "LC_ALL, LC_NUMERIC and LANG" in " ".join(run("--help").stdout.split())


def _piped(command: str) -> subprocess.CompletedProcess[str]:
    """Run `command` in a shell pipeline; bash's PIPESTATUS gives the first command's status."""
    script = f'{command}; echo "status=${{PIPESTATUS[0]}}" >&2'
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, env=ENV)


def test_verify_piped_into_head_ends_quietly_with_its_own_status():
    python = " ".join(CLI)
    proc = _piped(f"{python} verify | head -1")
    assert proc.stdout.startswith("Scheme: ") and proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "status=0"  # all examples pass: never 1


def test_check_piped_into_head_ends_quietly_with_its_own_status():
    python = " ".join(CLI)
    for args, status in (("check '0.25 mg' --locale en", 0), ("check '0.25 mg' --locale en --json", 0)):
        proc = _piped(f"{python} {args} | head -c 10")
        assert len(proc.stdout) == 10
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
        assert proc.stderr.strip().splitlines()[-1] == f"status={status}"
    proc = _piped(f"{python} check '0 mg' --locale en --json 2>/dev/null | head -c 5")
    assert proc.stderr.strip().splitlines()[-1] == "status=2"  # a refusal keeps its status too


@pytest.mark.parametrize(
    ("args", "status"),
    [(("verify",), 0), (("check", "0.25 mg", "--locale", "en"), 0), (("check", "0 mg", "--json"), 2), (("--help",), 0)],
)
def test_a_reader_gone_before_the_first_write_leaves_the_status_alone(args, status):
    """Deterministic form of `| head`: the pipe's reading end is closed before the command
    writes, so every write meets EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([*CLI, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60, env=ENV)
    finally:
        os.close(write_end)
    assert proc.returncode == status, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
