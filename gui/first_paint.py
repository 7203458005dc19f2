"""Run something once a window has painted for the first time (start-up work that the
user should not wait for before seeing the window)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint has reached the screen
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` on the event loop right after `widget`'s first paint."""
    _FirstPaint(widget, then)
