"""The kiosk as a real X11 window on Xvfb with no window manager: it must cover the screen.

Offscreen, showFullScreen() only sets a state; here the X server says where the window is.
Each case starts its own Xvfb and the real start-up path (`gui.app.run`, kiosk mode) in a
subprocess (scripts/kiosk_screenshots.py --probe), which prints the geometry as JSON.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "kiosk_screenshots.py"


def test_xvfb_is_installed():
    """The X11 checks below need Xvfb; scripts/setup.sh installs it. Missing is a failure, not a skip."""
    assert shutil.which("Xvfb"), "Xvfb is missing: run scripts/setup.sh (Debian package xvfb)"


def _script():
    spec = importlib.util.spec_from_file_location("kiosk_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_kiosk_covers_the_whole_screen_without_a_window_manager(width, height):
    script = _script()
    server, display = script.start_xvfb(f"{width}x{height}", first=57)
    try:
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--probe"],
            env=script.xcb_env(display),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        script.stop_xvfb(server)
    assert server.poll() is not None  # the X server is gone
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr
    report = json.loads(lines[-1])
    print(report)
    assert report["platform"] == "xcb"
    assert report["object"] == "kioskWindow"
    assert report["screen"] == [0, 0, width, height]
    assert report["window"] == [0, 0, width, height]
    assert report["frame"] == [0, 0, width, height]  # frameless: no decoration outside the screen
    if report["x11"] is not None:  # xwininfo installed: the X server's own answer
        assert report["x11"] == [0, 0, width, height]
    assert report["fullscreen"] and report["frameless"]
