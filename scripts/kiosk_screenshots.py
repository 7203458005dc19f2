"""Run the kiosk as a real X11 window on Xvfb with no window manager and check that it covers
the screen, through the real start-up path (`gui.app.run`, kiosk mode, a site
configuration with an exit PIN); print the geometry as Qt and as the X server see it.

    .venv/bin/python scripts/kiosk_screenshots.py                       # 1280x800 and 1920x1080
    DISPLAY=:57 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/kiosk_screenshots.py --probe

The screenshots themselves (every mode, size and theme) are made by scripts/screenshots.py.
Each run starts and stops its own Xvfb server (no window manager: the common kiosk
set-up, and the case where a window must size itself). `--probe` runs inside a display
and prints the JSON only; tests/gui/test_kiosk_x11.py uses it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = "246813"
SETTLE_MS = 900

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when loaded by the X11 tests
from xvfb import start_xvfb, stop_xvfb  # noqa: E402


def xcb_env(display: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", NALTREXONE_DOSE_THEME="light")
    env.pop("WAYLAND_DISPLAY", None)
    return env


def site_config(folder: str) -> str:
    """A site configuration with an exit PIN, as a site would write it."""
    from core.pin import hash_pin

    path = Path(folder) / "config.toml"
    path.write_text(
        f'[kiosk]\nidle_reset_seconds = 120\nexit_pin_hash = "{hash_pin(PIN)}"\n\n[display]\nlocale = "en_GB"\n',
        encoding="utf-8",
    )
    return str(path)


def _x_geometry(win_id: int) -> list[int] | None:
    """The window's geometry as the X server has it (xwininfo, when installed)."""
    if shutil.which("xwininfo") is None:
        return None
    out = subprocess.run(["xwininfo", "-id", str(win_id)], capture_output=True, text=True, timeout=10).stdout
    values = {}
    for line in out.splitlines():
        key, _, value = line.strip().partition(":")
        values[key] = value.strip()
    try:
        keys = ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        return [int(values[k]) for k in keys]
    except (KeyError, ValueError):
        return None


def geometry_report(window: object) -> dict[str, object]:
    """Screen and window geometry, from Qt and from the X server."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)
    screen = window.screen() or QApplication.primaryScreen()
    s, g, f = screen.geometry(), window.geometry(), window.frameGeometry()
    return {
        "platform": QApplication.platformName(),
        "screen": [s.x(), s.y(), s.width(), s.height()],
        "window": [g.x(), g.y(), g.width(), g.height()],
        "frame": [f.x(), f.y(), f.width(), f.height()],
        "x11": _x_geometry(int(window.winId())),
        "fullscreen": bool(window.windowState() & Qt.WindowState.WindowFullScreen),
        "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
        "object": window.objectName(),
    }


def probe() -> int:
    """Inside an X display: the real `run()` path in kiosk mode; print the geometry, then leave."""
    from PySide6.QtCore import QTimer

    from gui.app import _application, run

    app = _application()

    def report() -> None:
        windows = [w for w in app.topLevelWidgets() if w.isVisible()]
        print(json.dumps(geometry_report(windows[0]) if windows else {"error": "no window"}), flush=True)
        for window in windows:
            window.hide()
        app.exit(0)  # exit(), not quit(): the kiosk refuses to close without the PIN

    QTimer.singleShot(SETTLE_MS, report)
    with tempfile.TemporaryDirectory() as folder:
        run(None, kiosk=True, config_path=site_config(folder), locale=None)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1280x800,1920x1080", help="comma-separated screen sizes")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        return probe()
    failures = 0
    for size in args.sizes.split(","):
        width, height = (int(v) for v in size.split("x"))
        server, display = start_xvfb(size)
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--probe"],
                env=xcb_env(display),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            stop_xvfb(server)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        report = json.loads(lines[-1]) if lines else {}
        covers = report.get("window") == [0, 0, width, height] and report.get("x11") in (None, [0, 0, width, height])
        failures += not covers
        print(f"{'covers' if covers else 'DOES NOT COVER'} {size}: {json.dumps(report)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
