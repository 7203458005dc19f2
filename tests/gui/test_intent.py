"""The issue's sequences, named: what the user typed and chose is what is classified.

Each ran to a silently different answer before core.form_state (250 mcg became 250 mg,
above standard; 150 mg every third day became once daily; 380 mg for the injection
became 380 mL of liquid). Here they are driven through the real controls: keys typed,
items clicked in the workstation's lists, buttons and keypad keys tapped on the kiosk.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from states import dispose
from window_driver import band_of, choose

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE
from core.site_config import SiteConfig


def assert_no_answer(window, *message_parts: str) -> None:
    assert band_of(window) == "" and window.result() is None
    assert window.doseBar.marker_state() == "none"
    assert window.errorLabel.property("severity") == "error"
    for part in message_parts:
        assert part in window.errorLabel.text(), window.errorLabel.text()


# -- the workstation, driven by keys and clicks on list items ---------------------------------------------------
class Workstation:
    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window, self.form = qtbot, window, window.form

    def type(self, text: str, field=None) -> None:
        field = field or self.form.doseInput
        field.setFocus()
        field.selectAll()
        self.qtbot.keyClick(field, Qt.Key.Key_Backspace)
        self.qtbot.keyClicks(field, text)

    def type_concentration(self, text: str) -> None:
        self.type(text, self.form.concentrationInput)

    def choose(self, what: str, data: str) -> None:
        combo = {
            "unit": self.form.unitSelector,
            "form": self.form.formSelector,
            "frequency": self.form.frequencySelector,
            "weekly unit": self.form.weeklyUnitSelector,
        }[what]
        choose(self.qtbot, combo, data)

    def shown_choice(self, what: str) -> str | None:
        combo = {"unit": self.form.unitSelector, "frequency": self.form.frequencySelector}[what]
        if combo.currentIndex() < 0:
            assert combo.currentText() == "" and combo.placeholderText() == "Choose…"
            return None
        return combo.currentData()

    def day(self, name: str):
        return self.form.weeklyInputs[WEEKDAYS.index(name)]


# -- the kiosk, driven by taps on buttons and keypad keys -------------------------------------------------------
class Kiosk:
    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window, self.form = qtbot, window, window.form

    def tap(self, widget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def type(self, text: str, field=None) -> None:
        field = field or self.form.doseInput
        field.setFocus()
        self.tap(self.window.keypad.buttons["Clear"])
        for char in text:
            self.tap(self.window.keypad.buttons[char])

    def type_concentration(self, text: str) -> None:
        """The amount part of the kiosk's concentration entry (mg, in 1 mL)."""
        self.type(text, self.window.concentration.amountInput)

    def choose(self, what: str, data: str) -> None:
        key = {"unit": "unit", "form": "form", "frequency": "frequency", "weekly unit": "weeklyUnit"}[what]
        self.tap(self.window.choices[key].button(data))

    def shown_choice(self, what: str) -> str | None:
        checked = [b for b in self.window.choices[what].buttons() if b.isChecked()]
        assert len(checked) <= 1
        combo = self.window.choices[what].combo
        if not checked:
            assert combo.currentIndex() < 0
            return None
        return combo.currentData()

    def day(self, name: str):
        return self.form.weeklyInputs[WEEKDAYS.index(name)]


@pytest.fixture(params=["workstation", "kiosk"])
def user(request, qtbot, scheme):
    if request.param == "workstation":
        from gui.main_window import MainWindow

        window = MainWindow(scheme, locale="en_US")
        window.resize(1280, 800)
        driver: Workstation | Kiosk = Workstation(qtbot, window)
    else:
        from gui.kiosk_window import KioskWindow

        window = KioskWindow(scheme, "en_US", SiteConfig(path=None))
        window.resize(1280, 800)
        driver = Kiosk(qtbot, window)
    window.show()
    qtbot.waitExposed(window)
    yield driver
    dispose(window)  # now, not whenever Python collects it (mid-event, that crashes the process)


def test_250_mcg_tablet_liquid_tablet_never_becomes_250_mg(user):
    user.type("250")
    user.choose("unit", "mcg")
    assert band_of(user.window) == "vldn"
    user.choose("form", "liquid")
    assert user.form.doseInput.text() == "250" and user.shown_choice("unit") is None
    assert_no_answer(user.window, "The unit mcg is not offered for the oral liquid")
    user.choose("form", "tablet")
    assert user.form.doseInput.text() == "250"
    assert user.shown_choice("unit") is None, "neither mg nor mcg comes back without the user"
    assert_no_answer(user.window, "The unit mcg was cleared when you chose the oral liquid: choose the unit again.")
    user.choose("unit", "mcg")
    assert band_of(user.window) == "vldn" and user.window.result().regimen.doses_mg == (pytest.approx(0.25),)


def test_150_mg_every_third_day_injection_tablet_never_becomes_once_daily(user):
    user.type("150")
    user.choose("frequency", "every-third-day")
    assert band_of(user.window) == "standard"  # 50 mg a day on average
    user.choose("form", "injection")
    assert user.shown_choice("unit") == "mg"  # kept: the injection is given in mg
    assert user.shown_choice("frequency") is None, "not the labelled interval under a typed 150"
    assert_no_answer(user.window, "Every third day is not offered for the injection: choose a frequency.")
    user.choose("form", "tablet")
    assert user.shown_choice("frequency") is None
    assert_no_answer(user.window, "Every third day was cleared when you chose the injection")
    user.choose("frequency", "every-third-day")
    assert band_of(user.window) == "standard" and user.window.result().regimen.period_days == 3


def test_a_weekly_schedule_keeps_its_unit_when_the_dose_unit_changes_on_another_screen(user):
    user.choose("frequency", WEEKLY_SCHEDULE)
    user.choose("weekly unit", "mcg")
    user.type("250", user.day("Mon"))
    assert band_of(user.window) == "vldn"  # 250 mcg a week
    user.choose("frequency", "once-daily")  # the single-dose screen
    user.choose("unit", "g")
    user.choose("unit", "mg")
    user.type("4.5")
    assert band_of(user.window) == "ldn"
    user.choose("frequency", WEEKLY_SCHEDULE)
    assert user.day("Mon").text() == "250" and user.form.weeklyUnitSelector.currentData() == "mcg"
    assert band_of(user.window) == "vldn"
    assert user.window.result().regimen.doses_mg == (pytest.approx(0.25),)
    assert user.window.result().regimen.units == ("mcg",)


def test_380_mg_typed_for_the_injection_never_becomes_380_ml_of_liquid(user):
    user.choose("form", "injection")
    user.choose("frequency", "every-4-weeks")
    user.type("380")
    assert band_of(user.window) == "xr-standard"
    user.choose("form", "liquid")
    assert user.form.doseInput.text() == "380"
    assert user.shown_choice("unit") is None and user.shown_choice("frequency") is None
    assert_no_answer(user.window, "The unit mg is not offered for the oral liquid", "Every 4 weeks is not offered")
    user.type_concentration("1")
    assert_no_answer(user.window, "The unit mg")  # a concentration does not make 380 a volume
    user.choose("unit", "mL")
    assert_no_answer(user.window, "Every 4 weeks")
    user.choose("frequency", "once-daily")
    # only now, by the user's own choices, is 380 read as mL (380 mL of 1 mg/mL a day)
    assert band_of(user.window) == "high" and user.window.result().regimen.volumes_ml == (380,)


def test_untouched_defaults_follow_the_form_when_nothing_is_typed(user):
    user.choose("form", "injection")
    assert user.shown_choice("unit") == "mg" and user.shown_choice("frequency") == "every-4-weeks"
    user.choose("form", "liquid")
    assert user.shown_choice("unit") == "mL" and user.shown_choice("frequency") == "once-daily"
    assert user.window.errorLabel.property("severity") == "hint"


def test_escape_or_clear_keeps_a_cleared_choice_cleared(user):
    user.type("250")
    user.choose("unit", "mcg")
    user.choose("form", "injection")
    if isinstance(user, Workstation):
        user.qtbot.keyClick(user.form.doseInput, Qt.Key.Key_Escape)
    else:
        user.tap(user.window.keypad.buttons["Clear"])
    assert user.form.doseInput.text() == ""
    assert user.shown_choice("unit") is None
    assert_no_answer(user.window, "The unit mcg is not offered for the injection: choose one.")


def test_the_kiosks_idle_reset_forgets_every_choice_and_clearing(qtbot, scheme):
    from gui.kiosk_window import KioskWindow

    window = KioskWindow(scheme, "en_US", SiteConfig(path=None), idle_ms=600)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    try:
        idle_reset_forgets(qtbot, window)
    finally:
        dispose(window)


def idle_reset_forgets(qtbot, window) -> None:
    user = Kiosk(qtbot, window)
    user.type("250")
    user.choose("unit", "mcg")
    user.choose("form", "injection")
    assert_no_answer(window, "The unit mcg")
    with qtbot.waitSignal(window.resetDone, timeout=5000):
        pass
    assert window.form.choices.chosen == frozenset() and window.form.choices.cleared == ()
    assert user.shown_choice("unit") == "mg" and user.shown_choice("frequency") == "once-daily"
    assert window.errorLabel.property("severity") == "hint"
    # the next person's dose is read with the unit on screen, not the last person's mcg
    user.type("4.5")
    assert band_of(window) == "ldn"
    # and what they did not choose follows the form as at launch
    user.choose("form", "liquid")
    assert user.shown_choice("unit") is None  # 4.5 is typed under mg: cleared, not made 4.5 mL


# -- a paste is never cut to fit ---------------------------------------------------------------------------------
@pytest.fixture
def workstation(qtbot, scheme):
    from gui.main_window import MainWindow

    window = MainWindow(scheme, locale="en_US")
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    dispose(window)


def paste(qtbot, field, text: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)
    field.setFocus()
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_long_paste_is_kept_whole_and_refused_by_its_length(qtbot, workstation):
    """Cut at a maximum length of 60, ' ' * 58 + '250 mcg' kept '...  25': refused only because
    60 characters are over core's limit, with a count the user never pasted, and the rest of
    the paste lost. Now the field holds all 65 characters and the message counts them."""
    field = workstation.form.doseInput
    text = " " * 58 + "250 mcg"
    paste(qtbot, field, text)
    assert field.text() == text
    assert_no_answer(workstation, "too long to be a dose (65 characters)")


def test_a_paste_past_the_fields_cap_leaves_the_field_as_it_was(qtbot, workstation):
    """Qt's maxLength kept half of a character outside the BMP (invisible in text(), filling
    the last place); an edit past the cap is now refused whole."""
    field = workstation.form.doseInput
    paste(qtbot, field, "1" * 199)
    assert field.text() == "1" * 199
    paste(qtbot, field, "\N{GRINNING FACE}5")
    assert field.text() == "1" * 199
    paste(qtbot, field, "\N{GRINNING FACE}")
    assert field.text() == "1" * 199 + "\N{GRINNING FACE}"  # one character, the 200th
    for other in (*workstation.form.weeklyInputs, workstation.form.concentrationInput):
        assert other.validator() is field.validator()  # every typed field has the same cap


def test_a_weekly_schedule_refusal_names_the_day_to_correct(user):
    """Mon 100, Fri 1500 mg (a zero too many): the message starts with the day at fault,
    on the workstation (keys) and the kiosk (taps on its keypad)."""
    user.choose("frequency", WEEKLY_SCHEDULE)
    user.type("100", user.day("Mon"))
    user.type("1500", user.day("Fri"))
    assert_no_answer(user.window, "Fri: 1500 mg in one dose")
    assert user.window.errorLabel.text().startswith("Fri: ")
    user.type("150", user.day("Fri"))
    assert band_of(user.window) == "intermediate"  # 250 mg a week: about 35.71 mg a day
