"""Refuse to run on a Qt binding known to crash, before a patient's dose is on screen.

PySide6-Essentials 6.12.0 on CPython 3.11 loses a reference to None on every Qt call that
returns nothing; the interpreter aborts ("none_dealloc") after a few hundred clicks. The
project pins PySide6 below 6.12; this check guards installs that ignore the pin.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping


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
