"""The kiosk's layout at the ward's screen sizes: the weekly schedule's own page, the
concentration entered by finger, and the core controls in reach without scrolling.

Before the redesign the weekly schedule pushed the form off a 1280x800 screen (Saturday
a 10-pixel sliver, Sunday out of reach, "g" and "Three times daily" cut off), and at
1024x600 the window was wider than the screen. The geometry check is tests/gui/geometry.py
(the same as the sweep's); here it looks at the states this layout adds.
"""

from __future__ import annotations

import pytest
from geometry import problems
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from states import WEEKLY, click, dispose, kiosk, settle

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE

SIZES = ((1024, 600), (1280, 800), (1366, 768), (1920, 1080))


@pytest.fixture
def make(qtbot, scheme):
    made = []

    def build(size=(1280, 800), state="empty"):
        window = kiosk(scheme, state, size)
        made.append(window)
        return window

    yield build
    for window in made:
        dispose(window)


def keys(window, text: str) -> None:
    for char in text:
        click(window.keypad.buttons[char])


def open_days(window) -> None:
    click(window.choices["frequency"].button(WEEKLY_SCHEDULE))


def day(window, name: str) -> QLineEdit:
    return window.form.weeklyInputs[WEEKDAYS.index(name)]


def shown(window) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and isinstance(w, QAbstractButton | QLineEdit)]


# -- the weekly schedule's page ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
def test_the_weekly_schedule_fits_every_screen_without_scrolling(make, size):
    window = make(size)
    open_days(window)
    for name, amount in {**WEEKLY, "Sun": "250"}.items():
        click(day(window, name))
        keys(window, amount)
    click(window.choices["weeklyUnit"].button("mcg"))
    click(day(window, "Sat"))
    QTest.keyClicks(day(window, "Sat"), "250 mcg")  # a day with its own unit must show whole
    settle()
    assert window.inputs.days_open() and window.inputs.daysScroll.isVisible()
    assert window.inputs.daysScroll.verticalScrollBar().maximum() == 0, "the days page needs scrolling"
    for widget in (*window.form.weeklyInputs, *window.choices["weeklyUnit"].buttons(), window.inputs.backButton):
        assert widget.isVisible(), widget.objectName()
    assert problems(window, scrolling=False) == []
    assert window.bandLabel.property("bandId") == "vldn"  # 850 mcg a week: the days are in mcg now


@pytest.mark.parametrize("size", [(1280, 800), (1024, 600)])
def test_the_days_page_opens_closes_and_reopens(make, size):
    window = make(size)
    keys(window, "4.5")
    open_days(window)
    assert window.inputs.days_open() and not window.form.doseInput.isVisible()
    assert window.keypad.target() is day(window, "Mon") and day(window, "Mon").hasFocus()
    keys(window, "7")
    assert day(window, "Mon").text() == "7" and window.bandLabel.property("bandId") == "ldn"  # 1 mg a day
    click(window.inputs.backButton)
    assert not window.inputs.days_open() and window.choices["frequency"].button(WEEKLY_SCHEDULE).isChecked()
    assert window.bandLabel.property("bandId") == "ldn"  # still the schedule's answer
    # nothing to type into on this page: the keypad says so by being disabled
    assert window.keypad.target() is None and not window.keypad.buttons["7"].isEnabled()
    click(window.inputs.openDaysButton)
    assert window.inputs.days_open() and window.keypad.buttons["7"].isEnabled()
    click(window.inputs.backButton)
    open_days(window)  # a tap on the chosen schedule opens its page too
    assert window.inputs.days_open()
    click(window.inputs.backButton)
    click(window.choices["frequency"].button("once-daily"))
    assert not window.inputs.days_open() and window.form.doseInput.isVisible()
    assert window.keypad.target() is window.form.doseInput and window.form.doseInput.text() == "4.5"
    assert window.bandLabel.property("bandId") == "ldn"


def test_after_an_idle_reset_the_days_page_starts_at_monday(make):
    """Found by the kiosk's state machine: the schedule's page remembered the day the last
    person typed into, and reopened with the keypad typing there after the idle reset."""
    window = make()
    open_days(window)
    click(day(window, "Thu"))
    keys(window, "5")
    click(window.inputs.backButton)
    open_days(window)
    assert window.keypad.target() is day(window, "Thu")  # the same person: where they left off
    window.reset_to_start()
    settle()
    open_days(window)
    assert window.keypad.target() is day(window, "Mon") and day(window, "Mon").hasFocus()
    keys(window, "7")
    assert day(window, "Mon").text() == "7" and day(window, "Thu").text() == ""


def test_the_idle_reset_closes_the_days_page(make):
    window = make()
    open_days(window)
    keys(window, "100")
    window.reset_to_start()
    settle()
    assert not window.inputs.days_open() and window.form.doseInput.isVisible()
    assert day(window, "Mon").text() == "" and window.keypad.target() is window.form.doseInput


# -- the concentration, by finger --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "unit", "volume", "written", "daily_mg"),
    [
        ("10", "mg", "5", "10 mg/5 mL", 9),  # 4.5 mL of 2 mg/mL
        ("1", "mg", "", "1 mg/mL", 4.5),
        ("500", "mcg", "", "500 mcg/mL", 2.25),
        ("0.5", "mg", "1", "0.5 mg/1 mL", 2.25),
    ],
)
def test_a_concentration_such_as_10_mg_in_5_ml_without_a_keyboard(make, amount, unit, volume, written, daily_mg):
    window = make()
    click(window.choices["form"].button("liquid"))
    keys(window, "4.5")
    entry = window.concentration
    click(entry.amountInput)
    keys(window, amount)
    click(window.choices["concentrationUnit"].button(unit))
    if volume:
        click(entry.volumeInput)
        keys(window, volume)
    assert window.form.concentrationInput.text() == written  # what core reads, as the workstation's field
    result = window.result()
    assert result is not None and result.daily_mg == pytest.approx(daily_mg)
    assert result.regimen.volumes_ml == (pytest.approx(4.5),)


def test_the_concentration_entry_fits_and_resets(make):
    window = make((1024, 600), "liquid")
    entry = window.concentration
    click(window.choices["concentrationUnit"].button("mcg"))
    click(entry.volumeInput)
    keys(window, "5")
    settle()
    assert problems(window) == []
    window.reset_to_start()
    settle()
    click(window.choices["form"].button("liquid"))
    assert entry.amountInput.text() == "" and entry.volumeInput.text() == ""
    assert entry.unit() == "mg" and window.choices["concentrationUnit"].button("mg").isChecked()
    assert window.form.concentrationInput.text() == ""


def test_the_usb_keypads_decimal_key_types_into_the_concentration(make):
    window = make(state="liquid")
    edit = window.concentration.amountInput
    click(edit)
    QTest.keyClick(edit, Qt.Key.Key_End)
    QTest.keyClick(edit, Qt.Key.Key_Comma, Qt.KeyboardModifier.KeypadModifier)
    QTest.keyClick(edit, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)
    assert edit.text() == "1.5"


# -- the core controls in reach --------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES[1:])
@pytest.mark.parametrize("form", ["tablet", "liquid", "injection"])
def test_core_controls_need_no_scrolling_at_1280x800_and_above(make, size, form):
    window = make(size)
    click(window.choices["form"].button(form))
    settle()
    assert window.inputs.choicesScroll.verticalScrollBar().maximum() == 0
    assert problems(window, scrolling=False) == []


def test_a_cleared_choice_says_so_beside_its_row(make):
    window = make()
    keys(window, "250")
    click(window.choices["unit"].button("mcg"))
    click(window.choices["form"].button("injection"))
    labels = {label.text() for label in window.form.findChildren(type(window.errorLabel)) if label.isVisible()}
    assert {"Unit: choose one", "Frequency: choose one"} <= labels
    click(window.choices["unit"].button("mg"))
    labels = {label.text() for label in window.form.findChildren(type(window.errorLabel)) if label.isVisible()}
    assert "Unit" in labels and "Frequency: choose one" in labels
