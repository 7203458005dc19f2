"""Accessibility checked in-process (the AT-SPI test checks what a screen reader receives):
every control shown has a name and a role, every Tab stop shows that it has the focus, and
the answer is announced once typing pauses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QTextEdit, QWidget
from states import KIOSK_STATES, PIN, STATES, dispose, kiosk, settle, workstation

from gui.accessibility import ANNOUNCE_AFTER_MS

#: Roles that tell a user nothing about what a control does.
NO_ROLE = {QAccessible.Role.NoRole, QAccessible.Role.Client}


def operated(window: QWidget) -> list[QWidget]:
    """Everything shown that a user can press, type into, choose, scroll or focus."""
    from gui.dose_bar import DoseBar

    kinds = (QAbstractButton, QComboBox, QLineEdit, QTextEdit, DoseBar)
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible() and (isinstance(w, kinds) or w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]


def problems(window: QWidget) -> list[str]:
    found = []
    for widget in operated(window):
        face = QAccessible.queryAccessibleInterface(widget)
        label = widget.objectName() or type(widget).__name__
        if face is None:
            found.append(f"{label}: no accessible interface")
            continue
        if not face.text(QAccessible.Text.Name).strip():
            found.append(f"{label}: no accessible name")
        if face.role() in NO_ROLE:
            found.append(f"{label}: no role ({face.role()})")
    return found


def test_every_control_has_a_name_and_a_role_in_every_state(qtbot, scheme):
    from core.pin import hash_pin

    pin_hash = hash_pin(PIN)
    found = []
    for state in STATES:
        window = workstation(scheme, state)
        found += [f"workstation {state}: {p}" for p in problems(window)]
        dispose(window)
    for state in KIOSK_STATES:
        window = kiosk(scheme, state, pin_hash=pin_hash)
        found += [f"kiosk {state}: {p}" for p in problems(window)]
        dispose(window)
    assert not found, "\n".join(found)


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    from gui.palette import dark_palette

    old_style, old_palette = qapp.style().name(), qapp.palette()
    qapp.setStyle("Fusion")
    qapp.setPalette(dark_palette() if request.param == "dark" else qapp.style().standardPalette())
    flash = qapp.cursorFlashTime()
    qapp.setCursorFlashTime(0)  # a blinking caret would make two grabs differ by itself
    yield request.param
    qapp.setCursorFlashTime(flash)
    qapp.setStyle(old_style)
    qapp.setPalette(old_palette)


def test_every_tab_stop_shows_the_focus(qtbot, scheme, themed):
    """Tab through the whole window; each widget that takes the focus must look different
    with it (a focus frame, a highlighted border) than without it."""
    window = workstation(scheme, "band")
    stops = [w for w in operated(window) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    window.bandLabel.setFocus()  # the focus away from every Tab stop, then each one in turn
    settle()
    plain = {id(w): w.grab().toImage() for w in stops}
    reached, names, unchanged = [], [], []
    for _ in range(len(stops) + 2):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        settle()
        focus = QApplication.focusWidget()
        if focus in reached:
            break
        reached.append(focus)
        names.append(focus.objectName())
        if id(focus) in plain and focus.grab().toImage() == plain[id(focus)]:
            unchanged.append(focus.objectName())
    dispose(window)
    assert not unchanged, f"no visible focus on: {unchanged}"
    assert {"explanationView", "precautionsView", "doseBar", "pdfButton", "doseInput"} <= set(names)


def test_the_answer_is_announced_once_typing_pauses(qtbot, scheme):
    window = workstation(scheme, "empty")
    QTest.keyClicks(window.doseInput, "0.25")
    assert window.announcer.last() != "Very low dose (VLDN): 250 mcg (0.25 mg) a day on average."
    qtbot.waitUntil(lambda: window.announcer.last().startswith("Very low dose (VLDN)"), timeout=3 * ANNOUNCE_AFTER_MS)
    QTest.keyClicks(window.doseInput, "x")
    qtbot.waitUntil(lambda: window.announcer.last() == window.errorLabel.text(), timeout=3 * ANNOUNCE_AFTER_MS)
    assert window.bandLabel.accessibleName() == "Dose band: No result"
    dispose(window)


def test_the_panes_keep_the_kiosks_larger_font(qtbot, scheme):
    """The focus ring is painted: a style sheet would have fixed the panes' font before the
    kiosk set its larger one (it did, and the kiosk's answer went small)."""
    window = workstation(scheme, "band")
    booth = kiosk(scheme, "band")
    for name in ("explanationView", "precautionsView"):
        small = window.findChild(QWidget, name).font().pointSizeF()
        large = booth.findChild(QWidget, name).font().pointSizeF()
        assert large >= 1.45 * small, (name, small, large)
    dispose(window)
    dispose(booth)


def kiosk_text_sizes(window: QWidget) -> dict[str, float]:
    """Point size of every visible widget that shows text, by a readable name."""
    from PySide6.QtWidgets import QLabel

    kinds = (QLabel, QAbstractButton, QLineEdit, QTextEdit)
    sizes = {}
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, kinds):
            text = widget.text() if hasattr(widget, "text") else widget.objectName()
            sizes[f"{widget.objectName() or type(widget).__name__} {str(text)[:40]!r}"] = widget.font().pointSizeF()
    return sizes


def test_kiosk_text_is_in_the_kiosks_type_size_in_every_state_and_after_an_idle_reset(qtbot, scheme):
    """Read standing at arm's length: nothing on the kiosk is set in the workstation's size.
    The scheme line is deliberately the smallest (1.15 times the workstation's)."""
    from core.pin import hash_pin

    base = QApplication.font().pointSizeF()
    smallest = 1.15 * base - 0.01
    pin_hash = hash_pin(PIN)
    found = []
    for state in KIOSK_STATES:
        window = kiosk(scheme, state, pin_hash=pin_hash)
        for when in ("shown", "after the idle reset"):
            if when != "shown":
                if state == "error page":
                    break
                window.reset_to_start()
                settle()
            found += [f"{state}, {when}: {name} is {size:g} pt" for name, size in kiosk_text_sizes(window).items()
                      if size < smallest]  # fmt: skip
        dispose(window)
    assert not found, f"smaller than {smallest:g} pt (workstation {base:g} pt):\n" + "\n".join(found)


def test_the_error_pages_message_is_large(qtbot, scheme):
    """The message in the kiosk's size, and its title a heading above it (in the screenshots the
    title was set 1.6 times the workstation's size, barely larger than the message)."""
    page = kiosk(scheme, "error page")
    base = QApplication.font().pointSizeF()
    message = page.messageLabel.font().pointSizeF()
    assert message >= 1.45 * base
    assert page.findChild(QWidget, "configErrorTitle").font().pointSizeF() >= 1.5 * message
    dispose(page)
