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
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, *args], cwd=BENCH.parent, env=env, check=True)


def _xvfb() -> tuple[subprocess.Popen[bytes], str] | None:
    if shutil.which("Xvfb") is None:
        print("\n(no Xvfb: the X11 start is not measured)")
        return None
    for number in range(90, 130):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            server = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    return server, f":{number}"
                time.sleep(0.05)
            server.terminate()
            return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    runs = ["--runs", "5"] if quick else ["--runs", "15"]
    _run([str(BENCH / "bench_core.py"), *(["--seconds", "1", "--starts", "5"] if quick else [])])
    offscreen = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _run([str(BENCH / "bench_window.py"), "all", *runs, *(["--soak", "10000"] if quick else [])], offscreen)
    server = _xvfb()
    if server is not None:
        process, display = server
        try:
            x11 = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
            _run([str(BENCH / "bench_window.py"), "start", *runs], x11)
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
