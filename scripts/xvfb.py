"""Start and stop a private Xvfb server (a real X11 display with no window manager) for
the screenshot scripts, the X11 tests and the start benchmark."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path


def free_display(first: int = 57) -> int:
    """A display number with no X server or socket on it."""
    for number in range(first, first + 60):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError(f"no free X display number from :{first}")


def start_xvfb(size: str, first: int = 57) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb at `size` (e.g. 1280x800) on a free display; the caller must terminate it."""
    number = free_display(first)
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            return server, display
        if server.poll() is not None:
            raise RuntimeError(f"Xvfb {display} exited with {server.returncode}")
        time.sleep(0.05)
    stop_xvfb(server)
    raise RuntimeError(f"Xvfb {display} did not start")


def stop_xvfb(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    """Run one command on a private Xvfb display (DISPLAY set, Qt on xcb), then stop it."""
    import argparse
    import os

    parser = argparse.ArgumentParser(
        prog="scripts/xvfb.py",
        description="Run a command on a private Xvfb display (a real X11 screen with no window "
        "manager), e.g. the window at the kiosk's size: "
        "python scripts/xvfb.py --size 1024x600 -- .venv/bin/naltrexone-dose --kiosk",
    )
    parser.add_argument("--size", default="1366x768", help="screen size WIDTHxHEIGHT (default 1366x768)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[1-9][0-9]{2,4}x[1-9][0-9]{2,4}", args.size):
        parser.error(f"--size {args.size!r}: type the screen size as WIDTHxHEIGHT, e.g. 1024x600")
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --, e.g. -- .venv/bin/naltrexone-dose")
    server, display = start_xvfb(args.size)
    try:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        print(f"xvfb.py: {args.size} on DISPLAY={display}", flush=True)
        return subprocess.run(command, env=env, check=False).returncode
    except FileNotFoundError as error:
        print(f"xvfb.py: cannot run {command[0]}: {error.strerror}", flush=True)
        return 127
    finally:
        stop_xvfb(server)


if __name__ == "__main__":
    raise SystemExit(main())
