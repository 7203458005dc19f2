"""Every benchmark, one after the other, each printing its figures next to its baseline.

Run: .venv/bin/python bench/run_all.py [--quick]

1. core throughput and `check` cold start (bench_core.py)
2. the window offscreen: start, keystroke, memory, soak (bench_window.py all)
3. the window's start as a real X11 window, when Xvfb is installed (bench_window.py start)

--quick runs fewer starts and a shorter soak (a look, not figures to quote).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "scripts"))
from xvfb import start_xvfb, stop_xvfb  # noqa: E402


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, *args], cwd=BENCH.parent, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    runs = ["--runs", "5"] if quick else ["--runs", "15"]
    _run([str(BENCH / "bench_core.py"), *(["--seconds", "1", "--starts", "5"] if quick else [])])
    offscreen = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _run([str(BENCH / "bench_window.py"), "all", *runs, *(["--soak", "10000"] if quick else [])], offscreen)
    if shutil.which("Xvfb") is None:
        print("\n(no Xvfb: the X11 start is not measured)")
        return
    server, display = start_xvfb("1366x768", first=90)
    try:
        x11 = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        _run([str(BENCH / "bench_window.py"), "start", *runs], x11)
    finally:
        stop_xvfb(server)


if __name__ == "__main__":
    main()
