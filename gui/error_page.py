"""The page a kiosk shows instead of the calculator when its configuration is refused.

A ward touch screen has nobody at a terminal to read stderr: the technician who walks
up must see which file and key are wrong. The page offers nothing to tap, nothing to
select or copy and no context menu, and cannot be closed from the screen; the fix is to
correct the file and restart the kiosk service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.quoting import quote_name
from gui.touch_form import FONT_SCALE

TITLE = "The calculator cannot start"


class ConfigErrorPage(QWidget):
    """configErrorPage: the refusal message, large, with what a technician does next."""

    def __init__(self, message: str, config_path: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("configErrorPage")
        self.setWindowTitle(TITLE)
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAccessibleName(TITLE)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)

        title = QLabel(TITLE)
        title.setObjectName("configErrorTitle")
        title_font = QFont(font)  # not title.font(): a label with no parent yet has the app's small font
        title_font.setPointSizeF(font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title.setFont(title_font)
        self.messageLabel = QLabel(message)
        self.messageLabel.setObjectName("configErrorMessage")
        self.messageLabel.setAccessibleName("What is wrong")
        self.messageLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.messageLabel.setWordWrap(True)
        # nothing to select, so no Copy / Select All menu and nothing for the PRIMARY selection
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.messageLabel.setFont(font)  # set, not inherited: a style sheet takes the font it is given
        self.messageLabel.setStyleSheet(
            "QLabel#configErrorMessage { border: 2px solid palette(window-text); border-radius: 6px; padding: 16px; }"
        )
        where = f" ({quote_name(config_path)})" if config_path else ""  # an override in it would reverse the rest
        advice = QLabel(
            "Nothing else is used in its place: the calculator stays off until the site configuration"
            f"{where} or the scheme it names is corrected.\n\n"
            "For the technician: correct the file named above (the app only reads it), then restart the "
            "kiosk, e.g. `systemctl restart naltrexone-dose-kiosk`. See docs/kiosk.md."
        )
        advice.setObjectName("configErrorAdvice")
        advice.setTextFormat(Qt.TextFormat.PlainText)
        advice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(24)
        layout.addWidget(title)
        layout.addWidget(self.messageLabel)
        layout.addWidget(advice)
        layout.addStretch(1)
        for widget in self.findChildren(QWidget):  # no context menu anywhere on the kiosk
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def message(self) -> str:
        return self.messageLabel.text()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stays up until the service is stopped: a blank screen would say nothing."""
        event.ignore()
