"""Nothing of the previous person on the X11 clipboard or PRIMARY selection (issue 15).

Offscreen Qt has no PRIMARY selection; here the app runs as a real xcb client under Xvfb
(scripts/xvfb.py) and a second, separate X client reads the selections back, as a
passer-by's middle-click would (tests/reliability/x11_selection_probe.py). The
workstation window runs the same steps as the control: there the dose does reach the
selection and the clipboard, which shows that the reader sees what it should.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("x11_selection_probe.py")
EMPTY = {"clipboard": "", "selection": ""}


def _xvfb():
    spec = importlib.util.spec_from_file_location("xvfb", ROOT / "scripts" / "xvfb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def probes() -> dict[str, dict]:
    """Both runs on one private Xvfb (about 10 s each)."""
    assert shutil.which("Xvfb"), "Xvfb is missing: run scripts/setup.sh (Debian package xvfb)"
    xvfb = _xvfb()
    server, display = xvfb.start_xvfb("1280x800", first=75)
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    seen = {}
    try:
        for mode in ("window", "kiosk"):
            command = [sys.executable, str(PROBE), "app", mode]
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            assert done.returncode == 0 and lines, done.stderr[-1500:]
            seen[mode] = json.loads(lines[-1])
    finally:
        xvfb.stop_xvfb(server)
    return seen


def test_the_reader_sees_the_workstation_s_selection_and_clipboard(probes):
    """The control: without the kiosk's rules the dose leaks, and the reader sees it."""
    window = probes["window"]
    assert window["after_mouse_selection"]["selection"] == "4.5"
    assert window["after_keyboard_selection"]["selection"] == "4.5"
    for key in ("ctrl_c", "ctrl_insert", "ctrl_x", "shift_delete"):
        assert window[key]["seen"]["clipboard"] == "4.5", key
    assert window["ctrl_x"]["text_after"] == ""
    assert window["after_middle_click"] == "4.5" and window["band_after_middle_click"] == "ldn"


def test_selecting_a_dose_in_the_kiosk_leaves_nothing_in_the_primary_selection(probes):
    kiosk = probes["kiosk"]
    assert kiosk["selected_text"] == "4.5"  # the person did select it
    assert kiosk["after_mouse_selection"] == EMPTY
    assert kiosk["after_keyboard_selection"] == EMPTY


@pytest.mark.parametrize("key", ["ctrl_c", "ctrl_insert", "ctrl_x", "shift_delete"])
def test_copy_and_cut_keys_put_nothing_anywhere_in_the_kiosk(probes, key):
    assert probes["kiosk"][key] == {"seen": EMPTY, "text_after": "4.5"}


def test_after_the_idle_reset_a_middle_click_brings_nothing_back(probes):
    kiosk = probes["kiosk"]
    assert kiosk["reset_done"] and kiosk["after_reset"] == EMPTY
    # another client owned PRIMARY with "4.5" at the middle-click: the empty field stays empty
    assert kiosk["after_middle_click"] == "" and kiosk["band_after_middle_click"] == ""
