"""Refuse to run on a Qt binding known to crash, before a patient's dose is on screen;
and the one Qt setting the app makes before its QApplication exists (`serial_fills`).

PySide6-Essentials 6.12.0 on CPython 3.11 loses a reference to None on every Qt call that
returns nothing; the interpreter aborts ("none_dealloc") after a few hundred clicks. The
project pins PySide6 below 6.12; this check guards installs that ignore the pin.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, MutableMapping


def qt_runtime_problem(version: str | None = None, python: tuple[int, int] | None = None) -> str | None:
    """A message saying why this Qt cannot be used, or None when it can."""
    if version is None:
        import PySide6

        version = PySide6.__version__
    python = python or (sys.version_info.major, sys.version_info.minor)
    if version.startswith("6.12.") and python < (3, 12):
        return (
            f"PySide6 {version} is known to crash on Python {python[0]}.{python[1]} (it loses references to "
            "None and the program aborts after a few hundred clicks). Install a supported version: "
            "pip install 'PySide6-Essentials>=6.8,<6.12'."
        )
    return None


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """A message when Linux has no display for Qt's default platform, or None.

    Without one Qt aborts the process with its own 'could not connect to display' (exit
    134), which says nothing about what to do. Platforms that need no display (offscreen,
    eglfs, linuxfb, vnc) are left to Qt.
    """
    if not platform.startswith("linux"):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith(("xcb", "wayland")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        'Start it from a desktop session, or answer on the command line: naltrexone-dose check "4.5 mg".'
    )


#: Qt's kill-switch for its GUI thread pool (read once, the first time the pool is asked for).
NO_GUI_THREADPOOL = "QT_NO_GUI_THREADPOOL"


def serial_fills(environ: MutableMapping[str, str]) -> None:
    """Have Qt's raster engine fill on the GUI thread, as it does any fill under 96 lines.

    Qt 6 splits every fill of 96 lines or more (a pane's background, a scroll bar's
    gradient groove) into parts for its GUI thread pool and waits for them. For the
    calculator's small widgets the hand-off costs more than the fill, and on a busy or
    two-core machine the wait for a pool thread to be scheduled was most of a keystroke's
    worst cases (docs/performance.md, issue 14). Call before the QApplication is made; a
    value already set (a site that wants the pool) is kept. The pixels are the same.
    """
    environ.setdefault(NO_GUI_THREADPOOL, "1")
