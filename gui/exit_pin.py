"""The kiosk's supervised exit: a marked corner held for about 3 s, then a PIN.

The PIN is checked against the salted hash in the site configuration (core.pin); wrong
PINs make the next try wait longer (core.pin.Backoff), also across closing and opening
the prompt. The prompt is an overlay inside the kiosk window, not a separate window a
window manager could misplace, with its own keypad and a masked field.
"""

from __future__ import annotations

import math
import sys
import time

from PySide6.QtCore import QElapsedTimer, QEvent, QRectF, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegularExpressionValidator,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.pin import MAX_DIGITS, Backoff, check_pin, wait_text
from gui.keypad import Keypad, key_button
from gui.touch_form import TOUCH_MIN_HEIGHT

HOLD_MS = 3000
CORNER_SIZE = 72
PANEL_WIDTH = 420


class ExitCorner(QAbstractButton):
    """A marked corner: holding it for `hold_ms` emits `held` (shows the PIN prompt).

    A button to assistive technology (role and name) and to anything that walks the
    window's controls; a plain click or tap does nothing, only the hold counts.
    """

    held = Signal()

    def __init__(self, hold_ms: int = HOLD_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exitCorner")
        self.setAccessibleName("Staff exit")
        self.setAccessibleDescription(f"Staff only: hold for {hold_ms / 1000:g} seconds, then enter the exit PIN.")
        self.setToolTip("Staff only: hold to exit")
        self.setFixedSize(CORNER_SIZE, CORNER_SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touches arrive as mouse presses
        self.hold_ms = hold_ms
        self._clock = QElapsedTimer()
        self._timer = QTimer(self, singleShot=True, interval=hold_ms)
        self._timer.timeout.connect(self._done)
        self._repaint = QTimer(self, interval=50)
        self._repaint.timeout.connect(self.update)

    def progress(self) -> float:
        """0 to 1: how far the current hold has got."""
        if not self._timer.isActive():
            return 0.0
        return min(1.0, self._clock.elapsed() / self.hold_ms)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._clock.start()
            self._timer.start()
            self._repaint.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.cancel()
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self.cancel()  # sliding off the corner is not a hold
        super().leaveEvent(event)

    def cancel(self) -> None:
        self._timer.stop()
        self._repaint.stop()
        self.update()

    def _done(self) -> None:
        self._repaint.stop()
        self.update()
        self.held.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        faint = QColor(ink)
        faint.setAlpha(110)
        box = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        painter.setPen(QPen(faint, 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(box, 10, 10)
        # a small padlock: the shackle and the body
        cx, cy = box.center().x(), box.center().y()
        painter.setPen(QPen(faint, 3))
        painter.drawArc(QRectF(cx - 8, cy - 14, 16, 18), 0, 180 * 16)
        painter.drawLine(int(cx - 8), int(cy - 5), int(cx - 8), int(cy))
        painter.drawLine(int(cx + 8), int(cy - 5), int(cx + 8), int(cy))
        painter.setBackground(faint)  # eraseRect is fillRect with this colour; fillRect's overloads
        painter.eraseRect(QRectF(cx - 12, cy, 24, 16))  # built QGradient's enums for the first paint
        progress = self.progress()
        if progress > 0:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 5))
            painter.drawArc(box.adjusted(3, 3, -3, -3), 90 * 16, -int(360 * 16 * progress))


class PinOverlay(QWidget):
    """The exit prompt over the whole kiosk window. Emits `authorised` on the right PIN."""

    authorised = Signal()
    closed = Signal()

    def __init__(self, pin_hash: str, backoff: Backoff | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exitPinDialog")
        self.setAccessibleName("Exit PIN")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self._hash = pin_hash
        self.backoff = backoff or Backoff()
        self._locked_until = 0.0
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self._update_lock)

        panel = QFrame(self)
        panel.setObjectName("pinPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setAutoFillBackground(True)
        panel.setFixedWidth(PANEL_WIDTH)
        self._panel = panel
        title = QLabel("Staff exit")
        title.setObjectName("pinTitle")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        info = QLabel("Enter the exit PIN to close the calculator.")
        info.setWordWrap(True)
        self.pinInput = QLineEdit()
        self.pinInput.setObjectName("pinInput")
        self.pinInput.setAccessibleName("Exit PIN")
        self.pinInput.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinInput.setMaxLength(MAX_DIGITS)
        self.pinInput.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{MAX_DIGITS}}}"), self.pinInput)
        )
        self.pinInput.setMinimumHeight(TOUCH_MIN_HEIGHT)
        self.pinInput.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.pinInput.returnPressed.connect(self.submit)
        self.pinMessage = QLabel("")
        self.pinMessage.setObjectName("pinMessage")
        self.pinMessage.setAccessibleName("PIN message")
        self.pinMessage.setWordWrap(True)
        self.pinMessage.setMinimumHeight(self.pinMessage.fontMetrics().lineSpacing() * 2)
        self.pinKeypad = Keypad(None, name="pinKeypad", accessible="PIN keypad")
        self.pinKeypad.set_target(self.pinInput)
        self.cancelButton = key_button("Cancel", "pinCancel", "Cancel and go back")
        self.cancelButton.clicked.connect(self.close_prompt)
        self.submitButton = key_button("Exit", "pinSubmit", "Check the PIN and exit")
        self.submitButton.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.submitButton)
        self._fields = [title, info, self.pinInput, self.pinMessage]
        self._buttons = buttons
        self._grid = QGridLayout(panel)
        self._grid.setContentsMargins(20, 16, 20, 20)
        self._grid.setHorizontalSpacing(20)
        self._wide: bool | None = None
        self._arrange(wide=False)
        self._tall_height = panel.sizeHint().height()
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def _arrange(self, wide: bool) -> None:
        """The keypad under the field (tall), or beside it where the screen is too short
        for that (1024x600): every key keeps its touch size either way."""
        if wide == self._wide:
            return
        self._wide = wide
        grid = self._grid
        for widget in (*self._fields, self.pinKeypad):
            grid.removeWidget(widget)
        grid.removeItem(self._buttons)
        for row, widget in enumerate(self._fields):
            grid.addWidget(widget, row, 0)
        rows = len(self._fields)
        if wide:
            grid.addLayout(self._buttons, rows, 0)
            grid.setRowStretch(rows + 1, 1)
            grid.addWidget(self.pinKeypad, 0, 1, rows + 2, 1)
            self._panel.setFixedWidth(PANEL_WIDTH + self.pinKeypad.minimumSizeHint().width() + 20)
        else:
            grid.setRowStretch(rows + 1, 0)
            grid.addWidget(self.pinKeypad, rows, 0)
            grid.addLayout(self._buttons, rows + 1, 0)
            self._panel.setFixedWidth(PANEL_WIDTH)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().height() < self._tall_height + 24)
        super().resizeEvent(event)

    # -- opening and closing ----------------------------------------------------------
    def set_pin_hash(self, pin_hash: str) -> None:
        """The stored hash to check against (the site's, read after the first paint)."""
        self._hash = pin_hash

    def open_prompt(self) -> None:
        """Show the prompt, empty, over the whole window."""
        self.pinInput.setText("")
        self.pinMessage.setText("")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._update_lock()
        self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_prompt(self) -> None:
        """Hide the prompt and forget what was typed (the back-off stays)."""
        self.pinInput.setText("")
        self.pinMessage.setText("")
        self._tick.stop()
        was_visible = self.isVisible()
        self.hide()
        if was_visible:
            self.closed.emit()

    # -- checking ---------------------------------------------------------------------
    def locked_seconds(self) -> int:
        """Whole seconds until the next try is allowed (0: now)."""
        return max(0, math.ceil(self._locked_until - time.monotonic()))

    def submit(self) -> None:
        if self._locked_until > time.monotonic():
            return
        pin = self.pinInput.text()
        self.pinInput.setText("")
        if not pin:
            self.pinMessage.setText("Type the PIN first.")
            return
        if check_pin(pin, self._hash):
            self.backoff.succeeded()
            self.pinMessage.setText("Exiting…")
            self.authorised.emit()
            return
        delay = self.backoff.failed()
        self._locked_until = time.monotonic() + delay
        # for the technician reading the journal: someone may be guessing
        print(
            f"naltrexone-dose: kiosk: wrong exit PIN ({self.backoff.failures} in a row); "
            f"next try allowed {'in ' + wait_text(delay) if delay > 0 else 'now'}",
            file=sys.stderr,
            flush=True,
        )
        if delay > 0:
            self._update_lock()
        else:
            self.pinMessage.setText("Wrong PIN. Try again.")

    def _update_lock(self) -> None:
        """Disable the keys while a wrong PIN's wait runs, and say how long is left."""
        locked = self._locked_until > time.monotonic()
        for widget in (self.pinInput, self.pinKeypad, self.submitButton):
            widget.setEnabled(not locked)
        if locked:
            self.pinMessage.setText(f"Wrong PIN. Try again in {wait_text(self.locked_seconds())}.")
            if not self._tick.isActive():
                self._tick.start()
            return
        if self._tick.isActive():  # the wait has just ended
            self._tick.stop()
            self.pinMessage.setText("Wrong PIN. Try again.")
            if self.isVisible():
                self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt signature
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))  # dims the calculator behind the prompt

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a tap beside the panel must not reach the calculator behind it
