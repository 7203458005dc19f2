"""Refuse to run on a Qt binding known to crash, before a patient's dose is on screen.

PySide6-Essentials 6.12.0 on CPython 3.11 loses a reference to None on every Qt call that
returns nothing; the interpreter aborts ("none_dealloc") after a few hundred clicks. The
project pins PySide6 below 6.12; this check guards installs that ignore the pin.
"""

from __future__ import annotations

import sys


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
