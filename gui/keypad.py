"""On-screen keypads for the kiosk: digits, the locale's decimal separator, backspace, clear.

The keys never take the keyboard focus, so the text field keeps its cursor and a
hardware keyboard keeps working beside the keypad.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from gui.touch_form import TOUCH_MIN_HEIGHT

BACKSPACE = "\N{ERASE TO THE LEFT}"  # drawn by DejaVu Sans, the font Debian kiosks have


def key_button(text: str, name: str, accessible: str) -> QPushButton:
    """A large key that does not steal the focus from the field it types into."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.setAutoRepeat(text == BACKSPACE)  # holding backspace deletes on, as on a keyboard
    button.setMinimumSize(TOUCH_MIN_HEIGHT, TOUCH_MIN_HEIGHT + 8)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return button


class Keypad(QWidget):
    """Digits, the decimal separator (optional), backspace and clear, typing into `target()`.

    `target_for` chooses the field at each press (the kiosk passes the field that last
    had the focus); the keypad only edits text, core reads it.
    """

    pressed = Signal(str)  # the key's text, after it was applied

    def __init__(
        self,
        decimal_separator: str | None,
        name: str = "keypad",
        accessible: str = "Keypad",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self._target: QLineEdit | None = None
        self.decimal_separator = decimal_separator
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("789456123"):
            self._add(grid, digit, f"{name}Digit{digit}", digit, index // 3, index % 3)
        if decimal_separator is not None:
            self._add(grid, decimal_separator, f"{name}Decimal", "Decimal separator", 3, 0)
            self._add(grid, "0", f"{name}Digit0", "0", 3, 1)
        else:  # a PIN has no decimals: a wide 0, as on a phone's keypad row
            self._add(grid, "0", f"{name}Digit0", "0", 3, 0, span=2)
        self._add(grid, BACKSPACE, f"{name}Backspace", "Delete the last character", 3, 2)
        self._add(grid, "Clear", f"{name}Clear", "Clear the field", 4, 0, span=3)

    def _add(self, grid: QGridLayout, text: str, name: str, accessible: str, row: int, col: int, span: int = 1) -> None:
        button = key_button(text, name, accessible)
        button.clicked.connect(lambda _checked=False, b=button: self.press(b.text()))
        grid.addWidget(button, row, col, 1, span)
        self.buttons[text] = button

    def set_decimal_separator(self, separator: str) -> None:
        """Type another separator (a site's locale is read after the first paint)."""
        if self.decimal_separator is None or separator == self.decimal_separator:
            return
        button = self.buttons.pop(self.decimal_separator)
        button.setText(separator)
        self.buttons[separator] = button
        self.decimal_separator = separator

    def set_target(self, edit: QLineEdit | None) -> None:
        """The field the keys type into; with none the keys are disabled (nothing to type into)."""
        self._target = edit
        for button in self.buttons.values():
            button.setEnabled(edit is not None)

    def target(self) -> QLineEdit | None:
        return self._target

    def press(self, key: str) -> None:
        """Apply one key to the target field, as typing it would."""
        edit = self._target
        if edit is None or not edit.isEnabled():
            return
        if key == BACKSPACE:
            edit.backspace()
        elif key == "Clear":
            edit.clear()
        else:
            edit.insert(key)
        if not edit.hasFocus() and edit.isVisible():
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.pressed.emit(key)
