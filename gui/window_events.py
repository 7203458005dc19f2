"""Whether an event seen by an application-wide filter belongs to a given window."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget


def belongs_to(window: QWidget, watched: QObject) -> bool:
    """True for the window's own widgets and its native window, not for other windows."""
    if isinstance(watched, QWidget):
        return watched.window() is window
    if isinstance(watched, QWindow):
        return watched is window.windowHandle()
    return False
