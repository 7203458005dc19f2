"""Render the window under Xvfb (a real X11 window) into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py                 # 1366x768, light and dark
    .venv/bin/python scripts/screenshots.py --sizes 1280x800,1920x1080 --out /tmp/shots

Each screenshot runs in its own process (one theme per QApplication), on an Xvfb
server this script starts and stops itself. Needs xvfb and the xcb libraries listed
in design.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from xvfb import start_xvfb, stop_xvfb  # noqa: E402

SCENARIOS = {
    "0.25mg": "0.25 mg tablet once daily (very low, often misnamed ultra-low)",
    "standard-schedule": "100 mg Mon, 100 mg Wed, 150 mg Fri (the labelled standard schedule)",
}
THEMES = ("light", "dark")


def _fill(window: object, scenario: str) -> None:
    """Type into the real widgets, as a user would."""
    from gui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    form = window.form
    if scenario == "0.25mg":
        form.select(form.formSelector, "tablet")
        form.select(form.unitSelector, "mg")
        form.select(form.frequencySelector, "once-daily")
        form.doseInput.setText("0.25")
    elif scenario == "standard-schedule":
        from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE

        form.select(form.formSelector, "tablet")
        form.select(form.unitSelector, "mg")
        form.select(form.frequencySelector, WEEKLY_SCHEDULE)
        for day, amount in (("Mon", "100"), ("Wed", "100"), ("Fri", "150")):
            form.weeklyInputs[WEEKDAYS.index(day)].setText(amount)
    else:
        raise SystemExit(f"unknown scenario {scenario}")


def child(scenario: str, out: str) -> int:
    """Inside Xvfb: show the window full screen size, fill it, grab it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.palette import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    window = MainWindow(locale="en_US")
    _fill(window, scenario)
    screen = app.primaryScreen().availableGeometry()
    window.setGeometry(screen)
    window.show()

    def grab() -> None:
        window.grab().save(out)
        app.quit()

    QTimer.singleShot(700, grab)
    app.exec()
    if not Path(out).exists():
        print(f"screenshot not written: {out}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--sizes", default="1366x768", help="comma-separated screen sizes, e.g. 1280x800,1920x1080")
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for size in args.sizes.split(","):
        server, display = start_xvfb(size, first=99)
        try:
            for scenario in SCENARIOS:
                for theme in THEMES:
                    suffix = "" if size == "1366x768" else f"-{size}"
                    file = out / f"window-{scenario}-{theme}{suffix}.png"
                    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", NALTREXONE_DOSE_THEME=theme)
                    env.pop("WAYLAND_DISPLAY", None)
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", scenario, str(file)], env=env, cwd=ROOT, timeout=120
                    )
                    failures += done.returncode != 0
                    print(("wrote " if done.returncode == 0 else "FAILED ") + str(file))
        finally:
            stop_xvfb(server)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
