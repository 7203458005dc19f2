"""The command line through real subprocesses (design.md "Contracts"), and the no-Qt rule for core."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import core
from core.scheme_loader import bundled_path

CORE_DIR = Path(core.__file__).resolve().parent
ENTRY_POINT = Path(sys.executable).with_name("naltrexone-dose")
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def run(*args: str, entry: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(ENTRY_POINT)] if entry else [sys.executable, "-m", "core.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, env=env or CLEAN_ENV, encoding="utf-8"
    )


def run_json(*args: str) -> tuple[int, dict, str]:
    proc = run(*args, "--json")
    return proc.returncode, json.loads(proc.stdout), proc.stderr


# --- check -------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", [False, True], ids=["python-m", "entry-point"])
def test_check_quarter_milligram(entry):
    if entry:
        assert ENTRY_POINT.exists(), f"the installed entry point should be at {ENTRY_POINT}"
    proc = run("check", "0.25 mg", "--locale", "en", entry=entry)
    assert proc.returncode == 0, proc.stderr
    assert "Very low dose" in proc.stdout
    assert "[vldn]" in proc.stdout
    assert "250 mcg (0.25 mg)" in proc.stdout
    assert "Ultra-low" not in proc.stdout.splitlines()[0]
    assert "µg" not in proc.stdout


def test_check_json_contract():
    code, data, _ = run_json("check", "0.25 mg", "--locale", "en")
    assert code == 0
    assert data["band"] == "vldn"
    assert data["band_name"] == "Very low dose"
    assert data["daily_dose_mg"] == "0.25"
    assert data["route"] == "oral"
    assert isinstance(data["notes"], list)
    assert isinstance(data["precautions"], list) and data["precautions"]
    assert {"opioid-contraindications", "pregnancy"} <= {p["id"] for p in data["precautions"]}
    assert isinstance(data["references"], list)
    keys = {r["key"] for r in data["references"]}
    assert "T" in keys
    cited = {k for p in data["precautions"] for k in p["refs"]} | {k for n in data["notes"] for k in n["refs"]}
    assert cited <= keys
    assert data["scheme"]["id"] == "toljan-vrooman-2018-extended"
    assert data["scheme"]["version"] == "1.1.0"


def test_check_locale_german():
    code, data, _ = run_json("check", "4,5 mg", "--locale", "de_DE.UTF-8")
    assert code == 0
    assert data["band"] == "ldn" and data["daily_dose_mg"] == "4.5"


def test_top_level_locale_option():
    code, data, _ = run_json("--locale", "de", "check", "0,25 mg")
    assert code == 0 and data["daily_dose_mg"] == "0.25"


def test_check_uses_the_system_locale_when_none_is_given():
    env = {**CLEAN_ENV, "LC_ALL": "de_DE.UTF-8"}
    proc = run("check", "4,5 mg", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["daily_dose_mg"] == "4.5"


def test_several_doses_per_week():
    code, data, _ = run_json("check", "100 mg", "100 mg", "150 mg", "--per", "week", "--locale", "en")
    assert code == 0
    assert data["band"] == "standard"
    assert data["daily_dose_mg"] == "50"
    assert "single-above-50" in {n["id"] for n in data["notes"]}


def test_circulated_schedule_per_week():
    code, data, _ = run_json("check", "50 mg", "50 mg", "100 mg", "--per", "week", "--locale", "en")
    assert code == 0
    assert data["band"] == "intermediate"
    assert data["daily_dose_mg"].startswith("28.571428")
    assert "looks-standard-but-low" in {n["id"] for n in data["notes"]}


def test_concentration():
    code, data, _ = run_json("check", "4.5 mL", "--concentration", "1 mg/mL", "--locale", "en")
    assert code == 0
    assert data["band"] == "ldn" and data["daily_dose_mg"] == "4.5"


@pytest.mark.parametrize(("per", "band"), [("4 weeks", "xr-standard"), ("2 weeks", "xr-nonstandard")])
def test_route_injection(per, band):
    code, data, _ = run_json("check", "380 mg", "--per", per, "--route", "injection", "--locale", "en")
    assert code == 0
    assert data["band"] == band
    assert data["route"] == "injection"
    assert data["daily_dose_mg"] is None  # never averaged
    assert "xr-injection-site" in {p["id"] for p in data["precautions"]}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["4,5 mg"], "4.5"),
        (["0 mg"], "zero"),
        (["-1 mg"], "negative"),
        (["2*3 mg"], "arithmetic"),
        (["1e-3 mg"], "0.001"),
        (["5 g"], "check the unit"),
        (["4.5 mL"], "concentration"),
        (["4.5 kg"], "mg"),
        (["1 mg", "--per", "month"], "4 weeks"),
        (["0.25 mg", ""], "Dose 2 of 2: Type a dose"),
        (["1 mg", "2 mgg", "1 mg"], "Dose 2 of 3: Unknown unit 'mgg'"),
        (["50 mg", "5000 mg"], "Dose 2 of 2: 5000 mg in one dose"),
        (["50 mg", "--per", "biweekly"], "twice a week or every two weeks"),
    ],
)
def test_refusals_exit_2_with_the_reason(args, says):
    proc = run("check", *args, "--locale", "en")
    assert proc.returncode == 2
    assert says in proc.stderr
    assert proc.stdout == ""
    proc = run("check", *args, "--locale", "en", "--json")
    assert proc.returncode == 2
    assert says in proc.stderr
    error = json.loads(proc.stdout)
    assert says in error["error"]


def test_unknown_locale_is_refused():
    proc = run("check", "1 mg", "--locale", "xx", "--json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["field"] == "locale"


def test_unknown_route_is_refused_with_json_error():
    """A route outside oral|injection is refused input: exit 2, reason on stderr, JSON error on stdout."""
    proc = run("check", "1 mg", "--route", "iv", "--locale", "en", "--json")
    assert proc.returncode == 2
    assert "iv" in proc.stderr
    assert "error" in json.loads(proc.stdout or "{}"), "with --json, stdout must hold {'error': ...}"


# --- verify ------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", [False, True], ids=["python-m", "entry-point"])
def test_verify_bundled(entry):
    proc = run("verify", entry=entry)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    digest = hashlib.sha256(Path(bundled_path()).read_bytes()).hexdigest()
    assert digest in proc.stdout
    assert "toljan-vrooman-2018-extended" in proc.stdout
    assert "version 1.1.0" in proc.stdout
    assert "FAIL" not in proc.stdout


def _write_scheme(tmp_path: Path, default_toml: str, old: str, new: str, name: str = "site.toml") -> Path:
    assert default_toml.count(old) == 1, old
    path = tmp_path / name
    path.write_text(default_toml.replace(old, new), encoding="utf-8")
    return path


def test_verify_reports_a_mismatch(tmp_path, default_toml):
    path = _write_scheme(tmp_path, default_toml, 'expect = "vldn"\nwhy = "0.25 mg is very low, not ultra-low"',
                         'expect = "uldn"\nwhy = "0.25 mg is very low, not ultra-low"')  # fmt: skip
    proc = run("verify", "--scheme", str(path))
    assert proc.returncode == 1
    assert "FAIL" in proc.stdout and "0.25 mg" in proc.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() in proc.stdout


def test_verify_reports_a_bound_without_examples_in_two_units(tmp_path, default_toml):
    """Every example passes, but the 300 mg bound is left with one unit: verify fails."""
    path = _write_scheme(tmp_path, default_toml, 'doses = ["0.3 g"]', 'doses = ["0.31 g"]')
    proc = run("verify", "--scheme", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Coverage:" in proc.stdout and "300" in proc.stdout
    check = run("check", "1 mg", "--scheme", str(path), "--locale", "en")
    assert check.returncode == 2 and "two units" in check.stderr


def test_verify_refuses_a_broken_scheme(tmp_path, default_toml):
    path = _write_scheme(tmp_path, default_toml, 'colour = "#d4e9f7"', 'colour = "light blue"')
    proc = run("verify", "--scheme", str(path))
    assert proc.returncode == 2
    assert str(path) in proc.stderr and "colour" in proc.stderr


def test_check_uses_a_site_scheme(tmp_path, default_toml):
    path = _write_scheme(tmp_path, default_toml, 'id = "toljan-vrooman-2018-extended"', 'id = "site-2027"')
    for args in (["check", "0.25 mg", "--scheme", str(path)], ["--scheme", str(path), "check", "0.25 mg"]):
        proc = run(*args, "--locale", "en", "--json")
        assert proc.returncode == 0, proc.stderr
        data = json.loads(proc.stdout)
        assert data["scheme"]["id"] == "site-2027"
        assert data["scheme"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_refuses_a_broken_site_scheme_never_falls_back(tmp_path, default_toml):
    path = _write_scheme(tmp_path, default_toml, 'upper_mg = "5"', 'upper_mg = "4"')
    proc = run("check", "0.25 mg", "--scheme", str(path), "--locale", "en", "--json")
    assert proc.returncode == 2
    assert str(path) in proc.stderr
    assert "band" not in json.loads(proc.stdout)
    missing = tmp_path / "missing.toml"
    proc = run("check", "0.25 mg", "--scheme", str(missing), "--locale", "en")
    assert proc.returncode == 2 and str(missing) in proc.stderr and proc.stdout == ""


# --- no Qt on the command-line path ---------------------------------------------------------

NO_QT = """
import runpy, sys
sys.argv = {argv!r}
try:
    runpy.run_module("core.cli", run_name="__main__")
except SystemExit as done:
    code = done.code
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "PyQt", "gui")))
assert not loaded, loaded
print("EXIT", code)
"""


@pytest.mark.parametrize(
    "argv",
    [["naltrexone-dose", "check", "0.25 mg", "--locale", "en"],
     ["naltrexone-dose", "check", "0.25 mg", "--locale", "en", "--json"],
     ["naltrexone-dose", "check", "4,5 mg", "--locale", "en"],
     ["naltrexone-dose", "check", "380 mg", "--per", "4 weeks", "--route", "injection", "--locale", "en"],
     ["naltrexone-dose", "verify"]],
)  # fmt: skip
def test_check_and_verify_never_load_qt_and_need_no_display(argv):
    proc = subprocess.run(
        [sys.executable, "-c", NO_QT.format(argv=argv)], capture_output=True, text=True, timeout=60, env=CLEAN_ENV
    )
    assert proc.returncode == 0, proc.stderr
    assert "EXIT 0" in proc.stdout or "EXIT 2" in proc.stdout


def test_check_works_when_qt_cannot_be_imported(tmp_path):
    """A machine with no Qt libraries: make any PySide6 import fail, the check still answers."""
    blocker = tmp_path / "PySide6"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('no Qt on this machine')\n")
    env = {**CLEAN_ENV, "PYTHONPATH": f"{tmp_path}{os.pathsep}{CLEAN_ENV.get('PYTHONPATH', '')}"}
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "check", "0.25 mg", "--locale", "en", "--json"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["band"] == "vldn"


def test_importing_every_core_module_loads_no_qt():
    modules = [f"core.{p.stem}" for p in sorted(CORE_DIR.glob("*.py")) if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gui'))]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=CLEAN_ENV)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("per", "entered"),
    [
        ("day", "Entered: 150 mg per day, oral"),
        ("3 days", "Entered: 150 mg per 3 days, oral"),
        ("every third day", "Entered: 150 mg every third day, oral"),
        ("Every  3 days", "Entered: 150 mg Every 3 days, oral"),
        ("once a week", "Entered: 150 mg once a week, oral"),
        ("weekly", "Entered: 150 mg weekly, oral"),
        ("per week", "Entered: 150 mg per week, oral"),
    ],
)
def test_the_entered_line_reads_as_written(per, entered):
    """'150 mg per every third day' was printed for --per 'every third day' (fresh-user session)."""
    proc = run("check", "150 mg", "--per", per, "--locale", "en")
    assert proc.returncode == 0, proc.stderr
    assert entered in proc.stdout.splitlines()


def test_verify_lines_read_as_written():
    proc = run("verify")
    assert proc.returncode == 0, proc.stderr
    assert "ok   150 mg every third day (oral, en) -> standard (expected standard)" in proc.stdout
    assert "ok   0.25 mg per day (oral, en) -> vldn (expected vldn)" in proc.stdout
    assert " per every " not in proc.stdout


def test_the_injection_needs_its_period():
    """`check "380 mg" --route injection` answered '380 mg every day, injection' (XR other) from
    the oral default of a day; the window offers no daily injection (fresh-user session)."""
    proc = run("check", "380 mg", "--route", "injection", "--locale", "en")
    assert proc.returncode == 2 and proc.stdout == ""
    assert 'Give the period between injections: --per "4 weeks" or --per "once a month"' in proc.stderr
    code, data, _ = run_json("check", "380 mg", "--route", "injection", "--locale", "en")
    assert code == 2 and data["field"] == "period" and "--per" in data["error"]
    # the oral default stays a day, and an explicit period for the injection is read as before
    assert "Entered: 0.25 mg per day, oral" in run("check", "0.25 mg", "--locale", "en").stdout
    code, data, _ = run_json("check", "380 mg", "--per", "4 weeks", "--route", "injection", "--locale", "en")
    assert code == 0 and data["band"] == "xr-standard"


def test_the_command_suggested_for_an_injection_is_an_injection():
    """380 mg 'fortnightly' typed as the injection's dose: the command the refusal suggests,
    run as it is, must still be the injection (without --route it answered for tablets)."""
    proc = run("check", "380 mg fortnightly", "--route", "injection", "--per", "4 weeks", "--locale", "en")
    assert proc.returncode == 2
    suggested = proc.stderr.split("On the command line: ", 1)[1].rstrip().removesuffix(".")
    assert suggested == "check '380 mg' --per '2 weeks' --route injection", proc.stderr
    args = shlex.split(suggested)[1:]
    again = run("check", *args, "--locale", "en", "--json")
    assert json.loads(again.stdout)["band"] == "xr-nonstandard"  # an injection, judged as one


def test_how_often_in_one_of_several_doses_suggests_no_command_that_drops_the_others():
    proc = run("check", "50 mg", "25 mg daily", "--locale", "en")
    assert proc.returncode == 2
    assert "Dose 2 of 2: 'daily' says how often" in proc.stderr and "On the command line" not in proc.stderr
