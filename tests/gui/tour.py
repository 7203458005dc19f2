"""The tour: find every control a user can reach in a window, then press each one as a user does.

Controls are found by walking the widget tree and the window's actions, not from a list,
so a control added tomorrow is pressed without anyone adding it here:

- every visible, enabled button (QAbstractButton: push buttons, keypad keys, the kiosk's
  choice buttons, a line edit's clear button, the kiosk's exit corner, which is held);
- every item of every visible, enabled combo box (opened with the mouse, item clicked);
- every action of a button's menu (menu opened with the mouse, action clicked);
- every enabled action's shortcuts, and every Alt+letter mnemonic of a visible label or button;
- Return in every visible text field, and the keys anyone may try (Escape, Tab, Alt+F4, ...).

Each press happens on a fresh window put in the state under test, so one press never
hides another's effect. Dialogs the window opens itself (About, a message box) are
closed with their own buttons; the file and print dialogs are replaced at the dialog
boundary by the test (see test_tour.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyleOptionToolButton,
    QToolButton,
    QWidget,
)
from states import item_point, reveal, sweep

#: Keys anyone may press anywhere: (label, key, modifiers).
COMMON_KEYS: tuple[tuple[str, Qt.Key, Qt.KeyboardModifier], ...] = (
    ("Return", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    ("Escape", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("Tab", Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
    ("Shift+Tab", Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
    ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+Z", Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    ("Menu", Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
)


@dataclass(frozen=True)
class Control:
    """One thing to press. `where` finds its widget or action again in a fresh window."""

    kind: str  # button, hold, combo item, menu item, shortcut, mnemonic, field Return, key
    label: str
    where: tuple[str, int, str]  # (class name, index among the window's objects of that kind, object name)
    detail: object = None  # combo item index, menu action text, key sequence, mnemonic letter, key


@dataclass
class Outcome:
    """What happened at the boundaries during one press."""

    dialogs: list[str] = field(default_factory=list)
    menus: list[str] = field(default_factory=list)


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and widget.window() is window


def _text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        text = widget.text().replace("&", "").replace("\n", " ")
        return text or widget.accessibleName()
    return widget.accessibleName() or widget.objectName()


def _name(widget: QObject) -> str:
    return widget.objectName() or type(widget).__name__


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), or None."""
    index = 0
    while True:
        index = text.find("&", index)
        if index < 0 or index + 1 >= len(text):
            return None
        if text[index + 1] == "&":
            index += 2
            continue
        return text[index + 1].lower()


def _split(button: QAbstractButton) -> bool:
    """A tool button whose click does one thing and whose arrow opens a menu."""
    return isinstance(button, QToolButton) and button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup


def menu_point(button: QAbstractButton) -> QPoint:
    """Where a hand opens a button's menu: its arrow for a split tool button, else anywhere."""
    if not _split(button):
        return button.rect().center()
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    arrow = button.style().subControlRect(
        QStyle.ComplexControl.CC_ToolButton, option, QStyle.SubControl.SC_ToolButtonMenu, button
    )
    return arrow.center()


def controls(window: QWidget) -> list[Control]:
    """Everything a user can press in `window` as it is now."""
    found: list[Control] = []
    buttons = window.findChildren(QAbstractButton)
    for index, button in enumerate(buttons):
        if not _shown(button, window):
            continue
        where = (type(button).__name__, index, button.objectName())
        label = f"{_name(button)} '{_text(button)}'"
        if getattr(button, "hold_ms", None):
            found.append(Control("hold", label, where))
        menu = button.menu() if hasattr(button, "menu") else None
        if isinstance(menu, QMenu):
            for action in menu.actions():
                if action.isEnabled() and action.isVisible() and not action.isSeparator():
                    found.append(Control("menu item", f"{label} > {action.text()}", where, action.text()))
        if not isinstance(menu, QMenu) or _split(button):
            found.append(Control("button", label, where))
    combos = window.findChildren(QComboBox)
    for index, combo in enumerate(combos):
        if _shown(combo, window):
            where = ("QComboBox", index, combo.objectName())
            for item in range(combo.count()):
                found.append(Control("combo item", f"{_name(combo)} = {combo.itemText(item)}", where, item))
    edits = window.findChildren(QLineEdit)
    for index, edit in enumerate(edits):
        if _shown(edit, window) and not edit.isReadOnly():
            found.append(Control("field Return", f"Return in {_name(edit)}", ("QLineEdit", index, edit.objectName())))
    actions = window.findChildren(QAction)
    for index, action in enumerate(actions):
        if not action.isEnabled():
            continue
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            found.append(Control("shortcut", f"{text} ({action.text()})", ("QAction", index, action.text()), text))
    letters: set[str] = set()
    for widget in (*window.findChildren(QLabel), *buttons):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        letter = mnemonic(widget.text())
        if letter and letter not in letters:
            letters.add(letter)
            found.append(Control("mnemonic", f"Alt+{letter.upper()} ({_text(widget)})", ("", 0, ""), letter))
    for label, key, modifiers in COMMON_KEYS:
        found.append(Control("key", label, ("", 0, ""), (key, modifiers)))
    return found


def locate(window: QWidget, control: Control) -> QObject:
    """The widget or action of `control` in `window`, built and put in the same state."""
    class_name, index, name = control.where
    kind = {"QAction": QAction, "QComboBox": QComboBox, "QLineEdit": QLineEdit}.get(class_name, QAbstractButton)
    found = window.findChildren(kind)[index]
    actual = found.text() if isinstance(found, QAction) else found.objectName()
    if actual != name:
        raise LookupError(f"{control.label}: found {actual!r} where {name!r} was")
    return found


def _focus_target(window: QWidget) -> QWidget:
    focus = QApplication.focusWidget()
    return focus if focus is not None and focus.window() is window else window


class _Boundary(QObject):
    """While a press runs: closes the dialogs the window opens (with their own buttons) and
    handles the menus it pops up, and remembers both."""

    def __init__(self, outcome: Outcome, on_menu: Callable[[QMenu], None]) -> None:
        super().__init__()
        self.outcome = outcome
        self.on_menu = on_menu
        self.timer = QTimer(self, interval=20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            self.outcome.menus.append(_name(popup))
            self.on_menu(popup)
            return
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            self.outcome.dialogs.append(_name(modal))
            box = modal.findChild(QDialogButtonBox)
            if box is not None:
                for button in box.buttons():
                    role = box.buttonRole(button)
                    if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.AcceptRole):
                        QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # Close, OK: as a user would
                        return
            modal.reject()

    def stop(self) -> None:
        self.timer.stop()


def press(qtbot: object, window: QWidget, control: Control) -> Outcome:
    """Press `control` in `window` the way a user does; returns what opened meanwhile."""
    outcome = Outcome()

    def close_menu(menu: QMenu) -> None:
        menu.close()

    def choose(menu: QMenu) -> None:
        for action in menu.actions():
            if action.text() == control.detail:
                centre = menu.actionGeometry(action).center()
                QTest.mouseMove(menu, centre)
                QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
                return
        menu.close()
        raise LookupError(f"{control.label}: no such menu item")

    boundary = _Boundary(outcome, choose if control.kind == "menu item" else close_menu)
    try:
        _press(qtbot, window, control)
        QCoreApplication.processEvents()  # a dialog or menu opened by the press has blocked it until closed
    finally:
        boundary.stop()
        boundary.deleteLater()
    return outcome


def _press(qtbot: object, window: QWidget, control: Control) -> None:
    left = Qt.MouseButton.LeftButton
    if control.kind in ("button", "menu item", "hold"):
        button = locate(window, control)
        assert isinstance(button, QAbstractButton)
        reveal(button)
        if control.kind == "hold":
            QTest.mousePress(button, left)
            QTest.qWait(int(button.hold_ms) + 150)  # type: ignore[attr-defined]
            QTest.mouseRelease(button, left)
        elif control.kind == "menu item":
            QTest.mouseClick(button, left, Qt.KeyboardModifier.NoModifier, menu_point(button))
        else:
            QTest.mouseClick(button, left)
    elif control.kind == "combo item":
        combo = locate(window, control)
        assert isinstance(combo, QComboBox)
        QTest.mouseClick(combo, left)
        view = combo.view()
        assert view.isVisible(), f"{control.label}: the list did not open"
        assert isinstance(control.detail, int)
        centre = item_point(combo, control.detail)
        sweep(view.viewport())
        QTest.mouseMove(view.viewport(), centre)
        QTest.mouseClick(view.viewport(), left, Qt.KeyboardModifier.NoModifier, centre)
        if view.isVisible():  # a disabled item: the list stays open until Escape
            QTest.keyClick(view, Qt.Key.Key_Escape)
    elif control.kind == "field Return":
        edit = locate(window, control)
        assert isinstance(edit, QLineEdit)
        reveal(edit)
        QTest.mouseClick(edit, left, Qt.KeyboardModifier.NoModifier, QPoint(edit.width() - 4, edit.height() // 2))
        QTest.keyClick(edit, Qt.Key.Key_Return)
    elif control.kind == "shortcut":
        sequence = QKeySequence.fromString(str(control.detail), QKeySequence.SequenceFormat.PortableText)
        combination = sequence[0]
        QTest.keyClick(_focus_target(window), combination.key(), combination.keyboardModifiers())
    elif control.kind == "mnemonic":
        letter = str(control.detail)
        QTest.keyClick(_focus_target(window), Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
    elif control.kind == "key":
        key, modifiers = control.detail  # type: ignore[misc]
        QTest.keyClick(_focus_target(window), key, modifiers)
    else:
        raise ValueError(control.kind)


def summary(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
