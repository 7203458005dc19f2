"""Start and stop a private Xvfb server (a real X11 display with no window manager) for
the screenshot scripts, the X11 tests and the start benchmark."""

from __future__ import annotations

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
