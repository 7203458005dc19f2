"""The hardware numeric keypad's decimal key types the locale's decimal separator.

A keypad's decimal key sends "." on an English layout and "," on a German one (Qt reports
Key_Period or Key_Comma with the KeypadModifier; Qt has no Key_Decimal). Spreadsheets type
the locale's separator either way, and so do we: the user pressed "the decimal point".
The same key on the main keyboard types what it says.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from states import dispose
from window_driver import band_of

from core.site_config import SiteConfig

KEYPAD = Qt.KeyboardModifier.KeypadModifier


@pytest.fixture(params=["workstation", "kiosk"])
def make(request, qtbot, scheme):
    made = []  # held, then deleted at teardown: a window Python collects mid-event crashes the process

    def build(locale: str):
        if request.param == "workstation":
            from gui.main_window import MainWindow

            window = MainWindow(scheme, locale=locale)
        else:
            from gui.kiosk_window import KioskWindow

            window = KioskWindow(scheme, locale, SiteConfig(path=None))
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield build
    for window in made:
        dispose(window)


def keypad_type(qtbot, field, text: str, decimal_key: Qt.Key) -> None:
    """Type digits on the numeric keypad; "." stands for its decimal key."""
    field.setFocus()
    for char in text:
        if char == ".":
            qtbot.keyClick(field, decimal_key, KEYPAD)
        else:
            qtbot.keyClick(field, Qt.Key(Qt.Key.Key_0.value + int(char)), KEYPAD)


@pytest.mark.parametrize("decimal_key", [Qt.Key.Key_Period, Qt.Key.Key_Comma])
@pytest.mark.parametrize(("locale", "typed"), [("en_US", "4.5"), ("de_DE", "4,5")])
def test_the_keypads_decimal_key_types_the_locales_separator(qtbot, make, locale, typed, decimal_key):
    window = make(locale)
    keypad_type(qtbot, window.form.doseInput, "4.5", decimal_key)
    assert window.form.doseInput.text() == typed
    assert band_of(window) == "ldn" and window.result().regimen.doses_mg == (pytest.approx(4.5),)


@pytest.mark.parametrize(("locale", "typed"), [("en_US", "0.5"), ("de_DE", "0,5")])
def test_in_every_field_that_takes_a_number(qtbot, make, locale, typed):
    window = make(locale)
    form = window.form
    form.select(form.formSelector, "liquid")
    keypad_type(qtbot, form.concentrationInput, "0.5", Qt.Key.Key_Comma)
    assert form.concentrationInput.text() == typed
    form.select(form.formSelector, "tablet")
    form.select(form.frequencySelector, "weekly-schedule")
    keypad_type(qtbot, form.weeklyInputs[0], "0.5", Qt.Key.Key_Period)
    assert form.weeklyInputs[0].text() == typed


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_the_main_keyboards_keys_type_what_they_say(qtbot, make, locale):
    window = make(locale)
    qtbot.keyClicks(window.form.doseInput, "1,5")
    assert window.form.doseInput.text() == "1,5"  # core judges it (a thousands group in en_US)
    window.form.doseInput.clear()
    qtbot.keyClick(window.form.doseInput, Qt.Key.Key_Period)
    assert window.form.doseInput.text() == "."
