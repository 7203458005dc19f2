"""What assistive technology (a screen reader through AT-SPI) gets beyond Qt's defaults.

- Roles Qt cannot infer for our own widgets: the dose bar is a chart, a splitter handle
  a separator with a name (an accessibility factory, installed once per process).
- Labels whose text is the answer carry that text in their accessible name ("Dose band:
  Low dose (LDN)"), not only a fixed caption: a screen reader reads the name.
- A text pane shows when it has the keyboard focus (`FocusedBrowser`); its Latin text is
  laid out without optional shaping (`FocusedBrowser.unshaped`).
- The answer is announced when it changes, politely and once typing pauses, as a live
  region would be (`Announcer`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QFocusEvent,
    QFont,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QLabel,
    QLineEdit,
    QSplitterHandle,
    QTextBrowser,
    QToolButton,
    QWidget,
)

#: Typing "0.25" passes through "0" (refused) and "0.2": only the answer that stays this
#: long is announced.
ANNOUNCE_AFTER_MS = 600

_installed = False


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    from gui.dose_bar import DoseBar

    if isinstance(obj, DoseBar):
        return QAccessibleWidget(obj, QAccessible.Role.Chart, "")
    if isinstance(obj, QSplitterHandle):
        if not obj.accessibleName():
            obj.setAccessibleName("Divider: drag to give one pane more room")
        return QAccessibleWidget(obj, QAccessible.Role.Separator, "")
    return None


def install() -> None:
    """Install the roles above, once per process (cheap: called when the first window is built)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def name_with_text(label: QLabel, caption: str) -> None:
    """The label's accessible name is its caption and its text: 'Dose band: Low dose (LDN)'."""
    text = " ".join(label.text().replace("&", "").split())
    label.setAccessibleName(f"{caption}: {text}" if text else caption)


def name_clear_button(edit: QLineEdit) -> None:
    """The small clear button Qt puts in a text field gets a name ('Clear Dose amount')."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(f"Clear {edit.accessibleName()}")


class FocusedBrowser(QTextBrowser):
    """A read-only text pane that shows when it has the keyboard focus: a ring in the
    highlight colour around the text (Fusion draws none around a QTextEdit).

    Painted, not a style sheet: a style sheet on a widget fixes its font when it is
    polished, so the kiosk's larger font would no longer reach the pane."""

    RING = 2  # px, in the margin kept free around the text for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewportMargins(self.RING, self.RING, self.RING, self.RING)
        self.setFont(self.unshaped())

    @staticmethod
    def unshaped() -> QFont:
        """A font that sets only Qt's PreferNoShaping: Latin text is laid out without
        HarfBuzz's optional features (kerning, ligatures); a script that needs shaping still
        gets it. The panes lay out a new answer on every keystroke, and shaping was a third
        of that (docs/performance.md, issue 14). Only the strategy is set on the pane, so its
        family and size still come from the window (the kiosk's larger font reaches it)."""
        font = QFont()
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), self.RING)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            inset = self.frameWidth() + self.RING / 2
            painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))
            painter.end()
        return handled

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class Announcer(QObject):
    """Announces a text on `widget` (AT-SPI's object:announcement, polite) once it has stayed
    unchanged for ANNOUNCE_AFTER_MS, and only when it differs from the last one announced."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._pending = ""
        self._said = ""
        self._timer = QTimer(self, singleShot=True, interval=ANNOUNCE_AFTER_MS)
        self._timer.timeout.connect(self._announce)

    def say(self, text: str) -> None:
        self._pending = text
        self._timer.start()

    def last(self) -> str:
        """The text announced last ('' before the first)."""
        return self._said

    def _announce(self) -> None:
        if self._pending == self._said or not self._pending:
            return
        self._said = self._pending
        if QAccessible.isActive():
            event = QAccessibleAnnouncementEvent(self._widget, self._said)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
            QAccessible.updateAccessibility(event)
