"""scripts/xvfb.py run as a command: it printed nothing for --help (fresh-user session)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "xvfb.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def test_help_says_what_it_does():
    proc = run("--help")
    assert proc.returncode == 0
    assert "private Xvfb display" in proc.stdout and "--size" in proc.stdout


def test_the_command_runs_on_its_own_display_of_the_size_asked():
    probe = "import os; print(os.environ['DISPLAY'], os.environ['QT_QPA_PLATFORM'])"
    proc = run("--size", "1024x600", "--", sys.executable, "-c", probe)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("xvfb.py: 1024x600 on DISPLAY=:")
    display = lines[0].rsplit("=", 1)[1]
    assert lines[1] == f"{display} xcb"
    assert not Path(f"/tmp/.X11-unix/X{display[1:]}").exists()  # stopped afterwards


def test_the_command_status_is_returned():
    assert run("--", sys.executable, "-c", "raise SystemExit(3)").returncode == 3


def test_bad_input_says_what_to_type():
    proc = run("--size", "big", "--", "true")
    assert proc.returncode == 2 and "WIDTHxHEIGHT, e.g. 1024x600" in proc.stderr
    proc = run()
    assert proc.returncode == 2 and "after --" in proc.stderr
    proc = run("--", "no-such-command-here")
    assert proc.returncode == 127 and "cannot run no-such-command-here" in proc.stdout
