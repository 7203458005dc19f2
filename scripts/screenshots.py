"""Regenerate docs/screenshots/: the workstation window and the kiosk in every mode, at every
supported size, light and dark, as real X11 windows under Xvfb with no window manager, and
the record a pharmacist files (Save as PDF), its page rendered with pdftoppm.

    .venv/bin/python scripts/screenshots.py                     # everything, into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --sizes 1024x600 --themes dark --out /tmp/shots

Modes are reached by clicking, typing and tapping the real controls (tests/gui/states.py):
empty, band (0.25 mg; the kiosk 4.5 mg on its keypad), refused (0), weekly schedule
(100/100/150 mg), liquid (4.5 mL at 1 mg/mL), injection (380 mg every 4 weeks); the
kiosk also with its exit PIN prompt and its configuration-error page. Each size runs on
its own Xvfb server (scripts/xvfb.py picks a free display), each theme in its own process
(one palette per QApplication). While the window is on screen the script runs the
geometry check of the test suite (tests/gui/geometry.py) against the real X11 fonts and
prints what it finds; the exit status is 1 if any shot failed or any check found something.

Files are named WINDOW-MODE-SIZE-THEME.png (e.g. kiosk-weekly-1024x600-dark.png): 14 modes
x 4 sizes x 2 themes = 112 shots, and record-*.png. With pngquant installed (Debian:
`apt-get install pngquant`) each PNG is reduced to a 256-colour palette (flat UI colours:
no visible change, a third of the size); the total is printed. A full run into the
default folder removes the PNGs it no longer makes, so docs/screenshots/ holds exactly
the current set (tests/test_docs_images.py checks that the docs name only files that exist).
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
DOCS = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "scripts"))
from xvfb import start_xvfb, stop_xvfb  # noqa: E402

SIZES = ("1280x800", "1366x768", "1920x1080", "1024x600")
THEMES = ("light", "dark")
WORKSTATION_MODES = ("empty", "band", "refused", "weekly", "liquid", "injection")
KIOSK_MODES = (*WORKSTATION_MODES, "pin", "error page")
SETTLE_MS = 400


def _slug(mode: str) -> str:
    return mode.replace(" ", "-")


def child(size: str, theme: str, out: str, shots: str) -> int:
    """Inside Xvfb: the shots ("window:band,kiosk:pin") at this size and theme; a JSON line each."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "gui"))
    from geometry import problems
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from states import PIN, dispose, kiosk, settle, workstation

    from core.pin import hash_pin
    from core.verify import load_scheme
    from gui.kiosk_window import KioskWindow, show_kiosk
    from gui.palette import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    app.setCursorFlashTime(0)  # no caret blinking out of a shot
    scheme = load_scheme(None)
    width, height = (int(v) for v in size.split("x"))
    pin_hash = hash_pin(PIN)
    failed = 0
    plan = [tuple(shot.split(":", 1)) for shot in shots.split(",")]
    for which, mode in plan:
        if which == "window":
            window = workstation(scheme, mode, (width, height))
            window.setGeometry(app.primaryScreen().availableGeometry())
        else:
            window = kiosk(scheme, mode, (width, height), pin_hash=pin_hash)
            if isinstance(window, KioskWindow):
                show_kiosk(window)
            else:
                window.setGeometry(app.primaryScreen().geometry())
                window.showFullScreen()
        QTest.qWait(SETTLE_MS)
        settle()
        file = Path(out) / file_name(size, theme, which, mode)
        screen = window.screen() or app.primaryScreen()
        saved = screen.grabWindow(0).save(str(file), "PNG", 9)  # the X screen: anything uncovered shows
        scope = window.pinOverlay if mode == "pin" else None
        found = problems(window, scope, scrolling=height < 800)
        actual = [window.width(), window.height()]
        print(json.dumps({"file": file.name, "saved": saved, "window": actual, "problems": found}), flush=True)
        failed += (not saved) or bool(found) or actual != [width, height]
        dispose(window)
    return 1 if failed else 0


def render_records(out: Path) -> list[Path] | None:
    """Save the record of a few answers as PDF through the window (scripts/record_samples.py),
    then render each one-page PDF to PNG; the files made, or None if that failed."""
    code = (
        "import sys; sys.path.insert(0, 'tests/gui'); sys.path.insert(0, '.');"
        "from scripts.record_samples import main; sys.exit(main(sys.argv[1]))"
    )
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([sys.executable, "-c", code, folder], cwd=ROOT, env=env, timeout=300)
        if done.returncode != 0:
            return None
        for pdf in sorted(Path(folder).glob("*.pdf")):
            target = out / pdf.stem
            subprocess.run(["pdftoppm", "-png", "-r", "96", "-singlefile", str(pdf), str(target)], check=True)
            made.append(target.with_suffix(".png"))
            print(f"wrote {target.name}.png (from {pdf.name})")
    return made


def plan(sizes: list[str], themes: list[str]) -> list[tuple[str, str, str, str]]:
    """(size, theme, window, mode) of every shot: every mode of both windows at each size and theme."""
    return [
        (size, theme, window, mode)
        for size in sizes
        for theme in themes
        for window, modes in (("window", WORKSTATION_MODES), ("kiosk", KIOSK_MODES))
        for mode in modes
    ]


def file_name(size: str, theme: str, window: str, mode: str) -> str:
    return f"{window}-{_slug(mode)}-{size}-{theme}.png"


def optimise(files: list[Path]) -> str:
    """Reduce each PNG to a palette with pngquant when it is installed; says what was done."""
    if not shutil.which("pngquant") or not files:
        return "kept as Qt wrote them (zlib level 9; install pngquant for files a third the size)"
    for start in range(0, len(files), 40):
        batch = [str(f) for f in files[start : start + 40]]
        subprocess.run(
            ["pngquant", "--quality=80-100", "--speed", "3", "--strip", "--force", "--ext", ".png", *batch],
            check=False,  # a file pngquant cannot shrink within the quality asked for stays as it was
            timeout=600,
        )
    return "reduced to 256-colour palettes with pngquant"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(DOCS), help="folder for the PNGs")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated screen sizes")
    parser.add_argument("--themes", default=",".join(THEMES), help="light, dark or both")
    parser.add_argument("--no-record", action="store_true", help="skip the record pages")
    parser.add_argument("--child", nargs=4, metavar=("SIZE", "THEME", "OUT", "SHOTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots = plan(args.sizes.split(","), args.themes.split(","))
    failures = 0
    for size in dict.fromkeys(shot[0] for shot in shots):
        server, display = start_xvfb(size, first=99)
        try:
            for theme in dict.fromkeys(shot[1] for shot in shots if shot[0] == size):
                wanted = ",".join(f"{w}:{m}" for s, t, w, m in shots if (s, t) == (size, theme))
                env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", NALTREXONE_DOSE_THEME=theme)
                env.pop("WAYLAND_DISPLAY", None)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", size, theme, str(out), wanted],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=900,
                )
                for line in done.stdout.splitlines():
                    if not line.startswith("{"):
                        continue
                    shot = json.loads(line)
                    status = "wrote" if shot["saved"] and not shot["problems"] else "CHECK"
                    print(f"{status} {shot['file']} (window {shot['window'][0]}x{shot['window'][1]})")
                    for problem in shot["problems"]:
                        print(f"    {problem}")
                if done.returncode != 0:
                    failures += 1
                    print(done.stderr[-3000:], file=sys.stderr)
        finally:
            stop_xvfb(server)
    made = [out / file_name(*shot) for shot in shots]
    if not args.no_record:
        if shutil.which("pdftoppm"):
            records = render_records(out)
            failures += records is None
            made += records or []
        else:
            failures += 1
            print("pdftoppm not found (Debian: poppler-utils): the record pages were not made", file=sys.stderr)
    made = [file for file in made if file.exists()]
    how = optimise(made)
    full = (args.sizes, args.themes, args.no_record) == (",".join(SIZES), ",".join(THEMES), False)
    if full and not failures:
        for stale in sorted(set(out.glob("*.png")) - set(made)):
            stale.unlink()
            print(f"removed {stale.name} (no longer made)")
    total = sum(file.stat().st_size for file in made)
    print(f"{len(made)} PNGs, {total / 2**20:.1f} MiB in all, {how}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
