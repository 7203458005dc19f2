"""The window driven like a pharmacist would: typing, choosing, refusing, clearing."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTextBrowser
from window_driver import band_of, type_dose

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE


def assert_cleared(window, severity: str) -> None:
    assert band_of(window) == ""
    assert window.bandLabel.text() == "No result"
    assert window.precautionsView.toPlainText() == ""
    assert window.panel.explanationView.toPlainText() == ""
    assert window.doseBar.marker_state() == "none"
    assert window.result() is None
    assert window.errorLabel.text()
    assert window.errorLabel.property("severity") == severity
    assert not window.copyButton.isEnabled()


def test_starts_empty_with_a_gentle_hint(window):
    assert_cleared(window, "hint")
    assert "0.25" in window.errorLabel.text()


@pytest.mark.parametrize(
    ("text", "unit", "band"),
    [
        ("2", "ng", "uldn"),
        ("500", "ng", "uldn"),
        ("0.25", "mg", "vldn"),
        ("250", "mcg", "vldn"),
        ("4.5", "mg", "ldn"),
        ("25", "mg", "intermediate"),
        ("50", "mg", "standard"),
        ("100", "mg", "above-standard"),
        ("300", "mg", "high"),
        ("0.4", "g", "high"),
    ],
)
def test_typing_reaches_every_oral_band(qtbot, window, text, unit, band):
    type_dose(qtbot, window, text, unit)
    assert band_of(window) == band
    assert window.result().band.id == band
    assert window.bandLabel.text().startswith(window.scheme.band(band).name)
    assert window.errorLabel.text() == ""
    assert window.precautionsView.toPlainText()
    assert window.doseBar.marker_state() == "on"


@pytest.mark.parametrize(
    ("amount", "frequency", "band"),
    [
        ("380", "every-4-weeks", "xr-standard"),
        ("380", "every-2-weeks", "xr-nonstandard"),
        ("190", "every-4-weeks", "xr-nonstandard"),
    ],
)
def test_injection_bands(qtbot, window, amount, frequency, band):
    form = window.form
    form.select(form.formSelector, "injection")
    form.select(form.frequencySelector, frequency)
    type_dose(qtbot, window, amount)
    assert band_of(window) == band
    assert window.doseBar.marker_state() == "injection"
    assert "never as a daily dose" in window.doseBar.accessibleDescription()


def test_injection_offers_only_sensible_choices(window):
    form = window.form
    form.select(form.formSelector, "injection")
    frequencies = [form.frequencySelector.itemData(i) for i in range(form.frequencySelector.count())]
    assert "twice-daily" not in frequencies and "once-daily" not in frequencies
    assert form.frequencySelector.currentData() == "every-4-weeks"  # the scheme's labelled interval first
    assert [form.unitSelector.itemData(i) for i in range(form.unitSelector.count())] == ["mg"]
    assert form.concentrationInput.isHidden()


@pytest.mark.parametrize(
    ("text", "unit", "band"),
    [
        ("0.999", "mcg", "uldn"),
        ("1", "mcg", "vldn"),
        ("0.999", "mg", "vldn"),
        ("1", "mg", "ldn"),
        ("5", "mg", "ldn"),
        ("5.0010", "mg", "intermediate"),  # core refuses "5.001" (could be 5001) and asks for this
        ("49.99", "mg", "intermediate"),
        ("50", "mg", "standard"),
        ("50.01", "mg", "above-standard"),
        ("299.9", "mg", "above-standard"),
        ("300", "mg", "high"),
    ],
)
def test_boundaries_switch_exactly(qtbot, window, text, unit, band):
    type_dose(qtbot, window, text, unit)
    assert band_of(window) == band


def test_three_decimals_are_refused_only_when_both_readings_are_possible_doses(qtbot, window):
    """Issue 10: "5.001 mg" is 5.001 mg (5001 mg is above the scheme's limit); "1.500" mcg
    could be 1.5 mcg or 1500 mcg, both possible: refused, suggesting no trailing zero."""
    type_dose(qtbot, window, "5.001", "mg")
    assert band_of(window) == "intermediate" and window.result().daily_mg == Fraction(5001, 1000)
    type_dose(qtbot, window, "1.500", "mcg")
    assert_cleared(window, "error")
    message = window.errorLabel.text()
    assert "1.5 mcg or 1500 mcg" in message and "Type 1.5 or 1500 with ng chosen if you mean 1.5 mcg" in message
    advice = message.split("Type ", 1)[1]
    assert not re.search(r"\d\.\d*0\b", advice), message  # no trailing zero suggested


def test_changing_unit_reclassifies(qtbot, window):
    type_dose(qtbot, window, "250", "mg")
    assert band_of(window) == "above-standard"
    window.form.select(window.form.unitSelector, "mcg")
    assert band_of(window) == "vldn"
    window.form.select(window.form.unitSelector, "ng")
    assert band_of(window) == "uldn"


def test_changing_frequency_reclassifies(qtbot, window):
    type_dose(qtbot, window, "50", "mg")
    assert band_of(window) == "standard"
    window.form.select(window.form.frequencySelector, "twice-daily")
    assert band_of(window) == "above-standard"
    window.form.select(window.form.frequencySelector, "every-other-day")
    assert band_of(window) == "intermediate"
    assert window.result().daily_mg == 25


def test_changing_form_keeps_typed_text_and_reclassifies(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    assert band_of(window) == "ldn"
    window.form.select(window.form.formSelector, "liquid")
    assert window.doseInput.text() == "4.5"  # kept; but 4.5 mg is not 4.5 mL: the unit is cleared
    assert window.form.unitSelector.currentData() is None
    assert window.form.concentrationInput.isVisible()
    assert_cleared(window, "error")  # no stale tablet answer, and no 4.5 mL either
    assert "The unit mg is not offered for the oral liquid" in window.errorLabel.text()
    window.form.select(window.form.unitSelector, "mL")
    qtbot.keyClicks(window.form.concentrationInput, "1")
    assert band_of(window) == "ldn"
    assert window.result().regimen.volumes_ml == (pytest.approx(4.5),)
    window.form.select(window.form.formSelector, "tablet")
    assert window.doseInput.text() == "4.5"
    assert window.form.concentrationInput.isHidden()
    assert window.form.unitSelector.currentData() is None and band_of(window) == ""
    window.form.select(window.form.unitSelector, "mg")
    assert band_of(window) == "ldn"


@pytest.mark.parametrize("concentration", ["1", "1 mg/mL"])
def test_liquid_volume_at_concentration(qtbot, window, concentration):
    window.form.select(window.form.formSelector, "liquid")
    qtbot.keyClicks(window.form.concentrationInput, concentration)
    type_dose(qtbot, window, "4.5")
    assert band_of(window) == "ldn"
    assert window.result().daily_mg == pytest.approx(4.5)


@pytest.mark.parametrize("text", ["4,5", "2*3", "abc", "-1", "1e-3", "0", "4.5 g", "nan", "1.000"])
def test_refused_input_clears_everything_and_says_why(qtbot, window, text):
    type_dose(qtbot, window, "4.5", "mg")
    assert band_of(window) == "ldn"
    type_dose(qtbot, window, text)
    assert_cleared(window, "error")


def test_no_stale_answer_while_typing(qtbot, window):
    type_dose(qtbot, window, "4", "mg")
    assert band_of(window) == "ldn"
    qtbot.keyClicks(window.doseInput, "5")  # 45 mg
    assert band_of(window) == "intermediate"
    qtbot.keyClicks(window.doseInput, ",")  # '45,' is refused at once
    assert_cleared(window, "error")
    qtbot.keyClick(window.doseInput, Qt.Key.Key_Backspace)
    assert band_of(window) == "intermediate"


def test_escape_clears(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    assert band_of(window) == "ldn"
    qtbot.keyClick(window.doseInput, Qt.Key.Key_Escape)
    assert window.doseInput.text() == ""
    assert_cleared(window, "hint")
    assert window.doseInput.hasFocus()


def test_enter_works(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.keyClick(window.doseInput, Qt.Key.Key_Return)
    assert band_of(window) == "ldn"
    assert window.isVisible()


def _weekly(qtbot, window, amounts: dict[str, str]) -> None:
    form = window.form
    form.select(form.frequencySelector, WEEKLY_SCHEDULE)
    assert form.weeklyInputs[0].isVisible() and form.doseInput.isHidden()
    for day, amount in amounts.items():
        qtbot.keyClicks(form.weeklyInputs[WEEKDAYS.index(day)], amount)


def test_weekly_schedule_standard(qtbot, window):
    _weekly(qtbot, window, {"Mon": "100", "Wed": "100", "Fri": "150"})
    assert band_of(window) == "standard"
    assert window.result().daily_mg == 50
    assert "Mon 100 mg, Wed 100 mg, Fri 150 mg" in window.inputs_text()


def test_weekly_schedule_that_only_looks_standard(qtbot, window):
    _weekly(qtbot, window, {"Mon": "50", "Wed": "50", "Fri": "100"})
    assert band_of(window) == "intermediate"
    assert "looks-standard-but-low" in [n.id for n in window.result().notes]


def test_a_weekly_schedule_refusal_names_the_day_to_correct(qtbot, window):
    _weekly(qtbot, window, {"Mon": "100", "Wed": "1OO", "Fri": "150"})  # letter O typed for zero on Wed
    assert band_of(window) == ""
    assert window.errorLabel.text().startswith("Wed: "), window.errorLabel.text()
    qtbot.keyClicks(window.form.weeklyInputs[WEEKDAYS.index("Fri")], "0")  # Fri 1500 mg: over the limit
    assert window.errorLabel.text().startswith("Wed: ")  # still the first day at fault
    for _ in range(2):
        qtbot.keyClick(window.form.weeklyInputs[WEEKDAYS.index("Wed")], Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.form.weeklyInputs[WEEKDAYS.index("Wed")], "00")  # Wed 100: only Fri is wrong now
    assert window.errorLabel.text().startswith("Fri: 1500 mg in one dose"), window.errorLabel.text()


def test_a_weekly_dose_below_the_limit_names_its_day(qtbot, window):
    window.form.select(window.form.frequencySelector, WEEKLY_SCHEDULE)
    window.form.select(window.form.weeklyUnitSelector, "mcg")
    _weekly(qtbot, window, {"Mon": "100", "Thu": "0.0001"})  # 0.1 ng: the message shows ng, not what was typed
    assert window.errorLabel.text().startswith("Thu: "), window.errorLabel.text()


@pytest.mark.parametrize(
    ("typed", "pointer"),
    [
        ("50 twice daily", "Choose Twice daily under Frequency."),
        ("100 every other day", "Choose Every other day under Frequency."),
        ("10 5 times a week", "Choose Different amounts on days of the week under Frequency and type the dose"),
        ("50 fortnightly", "The Frequency list has no such choice for this form."),
        ("10 4x daily", "The Frequency list has no such choice for this form."),
    ],
)
def test_how_often_typed_in_the_dose_points_to_a_choice_the_form_has(qtbot, window, typed, pointer):
    type_dose(qtbot, window, typed, "mg")
    assert window.errorLabel.text().endswith(pointer) or pointer in window.errorLabel.text(), window.errorLabel.text()
    assert band_of(window) == ""


def test_weekly_schedule_keeps_the_single_dose_text(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    _weekly(qtbot, window, {"Tue": "7"})
    assert band_of(window) == "ldn"  # 7 mg a week is 1 mg a day
    window.form.select(window.form.frequencySelector, "once-daily")
    assert window.doseInput.text() == "4.5"


def test_html_typed_shows_as_text(qtbot, window):
    type_dose(qtbot, window, "<b>4</b>")
    assert window.errorLabel.textFormat() == Qt.TextFormat.PlainText
    assert "<b>4</b>" in window.errorLabel.text()
    assert band_of(window) == ""


def test_html_in_inputs_is_escaped_in_rich_text(qtbot, window):
    from core.record import make_record
    from gui.record_page import body_html

    type_dose(qtbot, window, "4.5", "mg")
    record = make_record(window.result(), "<img src=x> 4.5 mg", __import__("datetime").datetime(2026, 1, 2, 3, 4))
    html = body_html(record)
    assert "<img" not in html and "&lt;img src=x&gt;" in html


def test_locale_decides_the_decimal_separator(qtbot, scheme):
    from gui.main_window import MainWindow

    w = MainWindow(scheme, locale="de_DE")
    qtbot.addWidget(w)
    assert w.doseInput.placeholderText() == "e.g. 0,25"
    type_dose(qtbot, w, "4,5", "mg")
    assert band_of(w) == "ldn"
    type_dose(qtbot, w, "4.5")
    assert band_of(w) == ""


def test_window_without_arguments_uses_the_bundled_scheme(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    assert w.scheme.id == "toljan-vrooman-2018-extended"


def test_scheme_title_size_and_icon(window, scheme):
    assert scheme.version in window.schemeLabel.text()
    assert scheme.title in window.schemeLabel.text()
    assert window.schemeLabel.isVisible()
    assert "Naltrexone" in window.windowTitle()
    assert window.minimumSize().width() >= 1024 and window.minimumSize().height() >= 600
    assert not window.windowIcon().isNull()


def test_every_control_has_an_accessible_name(window):
    controls = [
        w
        for kind in (QLineEdit, QComboBox, QAbstractButton, QTextBrowser)
        for w in window.findChildren(kind)
        if w.isVisible()
    ]
    assert len(controls) >= 9
    for control in (*controls, window.doseBar, window.bandLabel, window.errorLabel, window.schemeLabel):
        assert control.accessibleName(), control.objectName()


def test_stable_object_names(window):
    for name in (
        "doseInput",
        "unitSelector",
        "frequencySelector",
        "formSelector",
        "concentrationInput",
        "bandLabel",
        "errorLabel",
        "doseBar",
        "precautionsView",
        "schemeLabel",
    ):
        assert window.findChild(object, name) is not None, name


def test_tab_order_follows_the_form(qtbot, window):
    order = []
    widget = window.doseInput
    for _ in range(4):
        order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
    assert order == ["doseInput", "unitSelector", "formSelector", "frequencySelector"]


def test_bar_says_where_the_dose_is(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    assert window.doseBar.accessibleDescription() == (
        "4.5 mg a day: Low dose, at least 1 mg and at most 5 mg a day. Estimated receptor blockade: One 4.5 mg "
        "dose: about 45 % of brain mu-opioid receptors blocked in the first hours (model estimate; measured data "
        "cover 2-50 mg)."
    )


def test_the_025_answer_says_very_low_not_ultra_low(qtbot, window):
    type_dose(qtbot, window, "0.25", "mg")
    assert band_of(window) == "vldn"
    text = window.panel.explanationView.toPlainText()
    assert "250 mcg (0.25 mg) a day on average" in text
    # the first line a reader meets answers the question that started the project
    assert text.startswith("250 mcg (0.25 mg) a day is very low (VLDN), not ultra-low; ultra-low is below 1 mcg a day.")


def test_about_box_names_version_scheme_and_disclaimer(qtbot, scheme):
    from gui.about import AboutDialog, app_version

    dialog = AboutDialog(scheme)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser, "aboutText").toPlainText()
    assert app_version() in text and scheme.version in text
    assert " ".join(scheme.disclaimer.split()) in " ".join(text.split())
    assert "[T]" in text


def test_run_refuses_a_bad_scheme_and_names_the_file(qtbot, tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from gui.app import run

    bad = tmp_path / "broken-scheme.toml"
    bad.write_text("[scheme]\nid = \n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    assert run(str(bad), kiosk=False, config_path=None, locale="en_US") == 2
    assert shown and "broken-scheme.toml" in shown[0][2]
    assert "broken-scheme.toml" in capsys.readouterr().err


def test_liquid_answer_shows_its_working(qtbot, window):
    """4.5 mL at 1 mg/mL: the answer says how the dose was worked out, as typed and chosen."""
    window.form.select(window.form.formSelector, "liquid")
    qtbot.keyClicks(window.form.concentrationInput, "1")
    type_dose(qtbot, window, "4.5")
    assert "Working: 4.5 mL × 1 mg/mL = 4.5 mg" in window.panel.explanationView.toPlainText()
    window.form.select(window.form.frequencySelector, "twice-daily")
    assert "4.5 mL × 1 mg/mL = 4.5 mg\n2 × 4.5 mg = 9 mg a day" in window.panel.explanationView.toPlainText()


def test_the_concentration_field_says_its_unit(qtbot, window):
    """A number alone is read as mg/mL: the label, the field's name and its example say so,
    and a concentration typed whole ("10 mg/5 mL") is read as written."""
    window.form.select(window.form.formSelector, "liquid")
    label = window.form._concentration_label
    assert label.isVisible() and "mg/mL" in label.text() and label.buddy() is window.form.concentrationInput
    assert window.form.concentrationInput.accessibleName() == "Concentration in mg/mL"
    assert "10 mg/5 mL" in window.form.concentrationInput.placeholderText()
    qtbot.keyClicks(window.form.concentrationInput, "10 mg/5 mL")
    type_dose(qtbot, window, "2.25")
    assert window.result().working == ("2.25 mL × 2 mg/mL = 4.5 mg",)
