"""Run something once a window has painted (start-up work that the user should not wait
for before seeing the window)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: If no paint comes (a window that is covered or not mapped), the work runs anyway.
AT_LATEST_MS = 1000


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(AT_LATEST_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after this paint has reached the screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:  # once, whichever comes first
            self._widget.removeEventFilter(self)
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` on the event loop right after `widget`'s next paint (at the latest
    after AT_LATEST_MS)."""
    _FirstPaint(widget, then)
