"""gui.launcher, the `naltrexone-dose` console script: above core and the window.

It loads no Qt for `check`, `verify` and `hash-pin` (run by core.cli), opens the window
for anything else, and the command line it runs is core.cli's, --help included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import gui.app
from gui import launcher

ENTRY_POINT = Path(sys.executable).with_name("naltrexone-dose")
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}

NO_QT_AFTER = """
import sys
import gui.launcher
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
assert not loaded, ("importing the launcher", loaded)
code = gui.launcher.main({argv!r})
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "gui.app")))
assert not loaded, loaded
print("EXIT", code)
"""


def test_the_console_script_is_the_launcher():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "naltrexone-dose"]
    assert script.value == "gui.launcher:main"
    assert ENTRY_POINT.exists(), ENTRY_POINT


@pytest.mark.parametrize(
    "argv",
    [["check", "0.25 mg", "--locale", "en"], ["--locale", "en", "check", "4,5 mg", "--json"], ["verify"]],
    ids=["check", "check-refused-json", "verify"],
)
def test_check_and_verify_through_the_launcher_load_no_qt(argv):
    done = subprocess.run(
        [sys.executable, "-c", NO_QT_AFTER.format(argv=argv)], capture_output=True, text=True, timeout=60, env=CLEAN_ENV
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().splitlines()[-1] in ("EXIT 0", "EXIT 2"), done.stdout


def test_anything_else_opens_the_window_with_the_options(monkeypatch):
    calls = []

    def run(**options: object) -> int:
        calls.append(options)
        return 7

    monkeypatch.setattr(gui.app, "run", run)
    assert launcher.main(["--kiosk", "--config", "site.toml", "--scheme", "ward.toml", "--locale", "de_DE"]) == 7
    assert calls == [{"scheme_path": "ward.toml", "kiosk": True, "config_path": "site.toml", "locale": "de_DE"}]
    assert launcher.main([]) == 7
    assert calls[-1] == {"scheme_path": None, "kiosk": False, "config_path": None, "locale": None}


def test_help_is_core_clis_help():
    by_script = subprocess.run([str(ENTRY_POINT), "--help"], capture_output=True, text=True, timeout=60, env=CLEAN_ENV)
    by_module = subprocess.run(
        [sys.executable, "-m", "core.cli", "--help"], capture_output=True, text=True, timeout=60, env=CLEAN_ENV
    )
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout
    assert by_script.stdout.startswith("usage: naltrexone-dose [-h] [--kiosk]")


def test_core_cli_alone_says_where_the_window_is():
    """`python -m core.cli` runs the commands; with none it names the command that opens the window."""
    done = subprocess.run([sys.executable, "-m", "core.cli"], capture_output=True, text=True, timeout=60, env=CLEAN_ENV)
    assert done.returncode == 2
    assert "choose a command: check, verify or hash-pin" in done.stderr and "naltrexone-dose" in done.stderr
