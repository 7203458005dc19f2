"""The states a user meets, reached through the real controls: shared by the tour, the
geometry sweep and the screenshots' tests.

A module of its own (not conftest.py), like window_driver.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QWidget

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE

#: The workstation's states; the kiosk has these and its own (below).
STATES = ("starting", "empty", "band", "refused", "weekly", "liquid", "injection")
KIOSK_STATES = (*STATES, "pin", "error page")
#: The kiosk's exit PIN in these states.
PIN = "246813"
#: The weekly schedule typed in the "weekly" state: the labelled standard schedule.
WEEKLY = {"Mon": "100", "Wed": "100", "Fri": "150"}
LEFT = Qt.MouseButton.LeftButton
#: The kiosk's exit corner is held this long here (3 s in service).
HOLD_MS = 100


def click(widget: QWidget) -> None:
    reveal(widget)
    QTest.mouseClick(widget, LEFT)
    settle()


def reveal(widget: QWidget) -> None:
    """Bring `widget` into sight as a finger drags a scrolling page, then check that the
    middle of it, where a hand taps, shows: a hand cannot tap what is out of sight (the
    kiosk's choices page scrolls at 1024x600, and a tap sent to a hidden field left it
    out of sight in the screenshots)."""
    parent = widget.parentWidget()
    while parent is not None:
        page = parent.widget() if isinstance(parent, QScrollArea) else None
        if page is not None and page.isAncestorOf(widget):
            centre = widget.mapTo(page, widget.rect().center())  # the whole widget, not a field's cursor
            parent.ensureVisible(centre.x(), centre.y(), widget.width() // 2, widget.height() // 2)
            settle()
        parent = parent.parentWidget()
    centre = widget.rect().center()
    assert widget.visibleRegion().contains(centre), (widget.objectName(), "is out of sight where a hand taps it")


def sweep(widget: QWidget) -> None:
    """Move the pointer across a list that has just opened, as a hand does: a list ignores a
    release where the press that opened it was (the end of that same click)."""
    QTest.mouseMove(widget, QPoint(1, 1))
    QTest.mouseMove(widget, QPoint(widget.width() - 2, widget.height() - 2))


def item_point(combo: QComboBox, index: int) -> QPoint:
    """Where a hand clicks item `index` of a combo box's open list: the middle of the part
    of the item that shows (an item's rect can be wider than the list)."""
    view = combo.view()
    rect = view.visualRect(combo.model().index(index, 0)).intersected(view.viewport().rect())
    assert not rect.isEmpty(), (combo.objectName(), index, "not in the open list")
    return rect.center()


def choose(combo: QComboBox, data: str) -> None:
    """Open the list with the mouse and click the item whose data is `data`."""
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    QTest.mouseClick(combo, LEFT)
    view = combo.view()
    centre = item_point(combo, index)
    sweep(view.viewport())
    QTest.mouseMove(view.viewport(), centre)
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, centre)
    assert combo.currentIndex() == index, (combo.objectName(), data)


def type_into(edit: QLineEdit, text: str) -> None:
    """Click at the end of the field and type."""
    QTest.mouseClick(edit, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(edit.width() - 4, edit.height() // 2))
    QTest.keyClicks(edit, text)


def settle() -> None:
    """What returning to the event loop does between two user actions: pending events,
    and the widgets a slot replaced (deleteLater) gone."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def dispose(window: QWidget) -> None:
    """Hide and delete a window now (a kiosk ignores close())."""
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def workstation(scheme: object, state: str, size: tuple[int, int] = (1280, 760)) -> QWidget:
    """A shown MainWindow in `state`, reached by clicking and typing."""
    from gui.main_window import MainWindow

    if state == "starting":
        window = MainWindow(locale="en_US", scheme_later=True)
    else:
        window = MainWindow(scheme, locale="en_US")  # type: ignore[arg-type]
    window.resize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    form = window.form
    if state in ("band", "starting"):
        type_into(form.doseInput, "0.25")
    elif state == "refused":
        type_into(form.doseInput, "0")
    elif state == "weekly":
        choose(form.frequencySelector, WEEKLY_SCHEDULE)
        for day, amount in WEEKLY.items():
            type_into(form.weeklyInputs[WEEKDAYS.index(day)], amount)
    elif state == "liquid":
        choose(form.formSelector, "liquid")
        type_into(form.doseInput, "4.5")
        type_into(form.concentrationInput, "1")
    elif state == "injection":
        choose(form.formSelector, "injection")
        type_into(form.doseInput, "380")
    elif state != "empty":
        raise ValueError(state)
    settle()
    return window


def kiosk(scheme: object, state: str, size: tuple[int, int] = (1280, 800), pin_hash: str = "") -> QWidget:
    """A shown KioskWindow (or the page a refused configuration shows) in `state`, reached by
    tapping, as on a ward touch screen."""
    from core.site_config import SiteConfig
    from gui.error_page import ConfigErrorPage
    from gui.kiosk_window import KioskWindow

    if state == "error page":
        page = ConfigErrorPage(
            "/etc/naltrexone-dose/config.toml, line 3: idle_reset_seconds must be a whole number of seconds "
            "from 10 to 3600; it is 'soon'.",
            "/etc/naltrexone-dose/config.toml",
        )
        page.resize(*size)
        page.show()
        QTest.qWaitForWindowExposed(page)
        return page
    config = SiteConfig(path=None, exit_pin_hash=pin_hash or None)
    if state == "starting":
        window = KioskWindow(None, "en_US", config, hold_ms=HOLD_MS, scheme_later=True)
    else:
        window = KioskWindow(scheme, "en_US", config, hold_ms=HOLD_MS)  # type: ignore[arg-type]
    window.resize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    enter_kiosk_state(window, state)
    return window


def enter_kiosk_state(window: QWidget, state: str) -> None:
    """From the kiosk's start screen, tap what a nurse would to reach `state`."""

    def keys(text: str) -> None:
        for ch in text:
            click(window.keypad.buttons[ch])

    if state in ("band", "starting"):
        keys("4.5")
    elif state == "refused":
        keys("0")
    elif state == "weekly":
        click(window.choices["frequency"].button(WEEKLY_SCHEDULE))
        for day, amount in WEEKLY.items():
            click(window.form.weeklyInputs[WEEKDAYS.index(day)])
            keys(amount)
    elif state == "liquid":
        click(window.choices["form"].button("liquid"))
        click(window.choices["unit"].button("mL"))
        keys("4.5")
        click(window.concentration.amountInput)
        keys("1")
    elif state == "injection":
        click(window.choices["form"].button("injection"))
        keys("380")
    elif state == "pin":
        keys("4.5")
        corner = window.exitCorner
        QTest.mousePress(corner, LEFT)
        QTest.qWait(corner.hold_ms + 150)
        QTest.mouseRelease(corner, LEFT)
        assert window.pinOverlay.isVisible()
    elif state != "empty":
        raise ValueError(state)
    settle()
