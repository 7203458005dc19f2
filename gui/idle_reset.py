"""Idle reset: after a while with no touch, key or click, the kiosk starts again.

An application-wide event filter sees every input event of the watched window and
restarts the clock. Shortly before the reset a countdown is shown; any input cancels
it. The clock runs only after someone has used the kiosk, so an untouched screen never
flashes a countdown.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from gui.window_events import belongs_to

#: The countdown is shown for this long before the reset (less when the idle time is short).
COUNTDOWN_MS = 10_000
_POLL_MS = 100  # how often the clock is looked at (a cheap Python check when idle)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


def countdown_ms(idle_ms: int) -> int:
    """How long the countdown shows: 10 s, or half the idle time if that is shorter."""
    return min(COUNTDOWN_MS, idle_ms // 2)


class IdleWatcher(QObject):
    """Emits `countdown(seconds_left)` near the end of the idle time, then `reset`.

    Input only stamps the time (plain Python, no Qt call per event: cheap, and it keeps
    Qt calls off the path every touch takes); a steady poll decides what to show.
    """

    countdown = Signal(int)
    cancelled = Signal()
    reset = Signal()

    def __init__(self, window: QWidget, idle_ms: int) -> None:
        super().__init__(window)
        if idle_ms <= 0:
            raise ValueError("idle time must be positive")
        self._window = window
        self.idle_ms = idle_ms
        self.countdown_ms = countdown_ms(idle_ms)
        self._last_input = 0.0
        self._armed = False
        self._counting = False
        self._shown_left = -1
        self._poll = QTimer(self, interval=_POLL_MS)
        self._poll.timeout.connect(self._check)
        self._poll.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_idle_ms(self, idle_ms: int) -> None:
        """Another idle time (the site's, read after the first paint)."""
        if idle_ms <= 0:
            raise ValueError("idle time must be positive")
        self.idle_ms = idle_ms
        self.countdown_ms = countdown_ms(idle_ms)

    # -- state ------------------------------------------------------------------------
    def is_counting_down(self) -> bool:
        return self._counting

    def is_armed(self) -> bool:
        """Whether a reset is pending (someone used the kiosk since the last reset)."""
        return self._armed

    def seconds_left(self) -> int:
        if not self._armed:
            return math.ceil(self.idle_ms / 1000)
        return max(0, math.ceil(self.idle_ms / 1000 - (time.monotonic() - self._last_input)))

    # -- input --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any input in the kiosk window restarts the clock; the event goes on as usual."""
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if self._belongs(watched):
                self.poke()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if event.buttons() != Qt.MouseButton.NoButton and self._belongs(watched):
                self.poke()  # a finger dragging (scrolling) is use too
        return False

    def _belongs(self, watched: QObject) -> bool:
        return belongs_to(self._window, watched)

    def poke(self) -> None:
        """Someone is here: restart the idle time and hide any countdown."""
        self._last_input = time.monotonic()
        self._armed = True
        if self._counting:
            self._counting = False
            self._shown_left = -1
            self.cancelled.emit()

    def stop(self) -> None:
        """Nothing pending (after a reset: the start screen needs no countdown)."""
        self._armed = False
        if self._counting:
            self._counting = False
            self._shown_left = -1
            self.cancelled.emit()

    # -- time -------------------------------------------------------------------------
    def _check(self) -> None:
        if not self._armed:
            return
        idle = (time.monotonic() - self._last_input) * 1000
        if idle >= self.idle_ms:
            self.stop()
            self.reset.emit()
        elif idle >= self.idle_ms - self.countdown_ms:
            left = self.seconds_left()
            self._counting = True
            if left != self._shown_left:
                self._shown_left = left
                self.countdown.emit(left)
