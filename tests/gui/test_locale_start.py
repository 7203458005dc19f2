"""The numeric locale in the window and the kiosk (issue 10): resolved as `check` resolves it
(--locale, [display] locale, LC_ALL, LC_NUMERIC, LANG), from CLDR for any locale, the
answer shown in it, and a locale CLDR does not know refused once, at start-up."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from window_driver import band_of, type_dose

from gui.app import EXIT_REFUSED, complete_start, start
from gui.main_window import MainWindow

#: a number written the English way
POINT_NUMBER = re.compile(r"\d\.\d")


@pytest.fixture
def environment(monkeypatch):
    """Set the locale variables as a shell would (the rest unset)."""

    def set_env(**values: str) -> None:
        for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    return shown


def shown_window(qtbot, window):
    qtbot.addWidget(window, before_close_func=lambda w: w.hide())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_reads_numbers_with_lc_numeric_not_lang(qtbot, scheme, environment):
    """The issue's machine: LANG=en_GB.UTF-8 LC_NUMERIC=de_DE.UTF-8 (the window used to
    follow LANG through QLocale and refuse "0,25" that `check` read as 0.25 mg)."""
    environment(LANG="en_GB.UTF-8", LC_NUMERIC="de_DE.UTF-8")
    window = shown_window(qtbot, MainWindow(scheme))
    type_dose(qtbot, window, "0,25", "mg")
    assert band_of(window) == "vldn"
    assert window.result().daily_mg * 4 == 1
    assert window.doseInput.placeholderText() == "e.g. 0,25"


@pytest.mark.parametrize("name", ["cy_GB.UTF-8", "fil_PH.UTF-8"])
def test_locales_outside_the_old_table_answer(qtbot, scheme, environment, name):
    environment(LANG=name)
    window = shown_window(qtbot, MainWindow(scheme))
    type_dose(qtbot, window, "4.5", "mg")
    assert band_of(window) == "ldn" and window.errorLabel.text() == ""


def test_a_german_answer_says_4_comma_5_mg_everywhere(qtbot, scheme):
    window = shown_window(qtbot, MainWindow(scheme, locale="de_DE"))
    type_dose(qtbot, window, "4,5", "mg")
    assert band_of(window) == "ldn"
    explanation = window.panel.explanationView.toPlainText()
    assert "4,5 mg a day on average" in explanation
    assert "4,5 mg a day is at least 1 mg and at most 5 mg a day" in explanation
    assert window.doseBar._marker_text() == "4,5 mg a day"
    assert window.doseBar.accessibleDescription().startswith("4,5 mg a day: Low dose")
    record = window.record_text()
    assert "Average daily dose: 4,5 mg a day on average" in record
    window.copyButton.click()
    assert QApplication.clipboard().text() == window.summary_text()
    computed = [
        line
        for line in record.splitlines()
        if line.startswith("Average daily dose:") or line.startswith("  - Against its neighbours:")
    ]
    assert len(computed) == 2
    assert not any(POINT_NUMBER.search(line) for line in computed), computed


def test_how_often_typed_into_the_dose_points_at_the_frequency_control(qtbot, window):
    type_dose(qtbot, window, "4.5 daily", "mg")
    assert band_of(window) == ""
    message = window.errorLabel.text()
    assert "says how often" in message and message.endswith("Choose Once daily under Frequency.")
    assert "Unknown unit" not in message


def test_the_injection_once_a_month_is_chosen_in_the_form(qtbot, window):
    window.form.select(window.form.formSelector, "injection")
    window.form.select(window.form.frequencySelector, "once-a-month")
    type_dose(qtbot, window, "380")
    assert band_of(window) == "xr-standard"
    assert "380 mg once a month" in window.panel.explanationView.toPlainText()


# -- a locale CLDR does not know: refused once, at start-up ---------------------------------


def test_the_kiosk_refuses_an_unknown_command_line_locale_with_its_error_page(qtbot):
    """`--kiosk --locale xx_YY`: the full-screen page, not a refusal of every dose typed."""
    started = start(None, True, None, "xx_YY", staged=True)
    qtbot.addWidget(started.widget, before_close_func=lambda w: w.hide())
    outcome = complete_start(started)
    assert outcome.exit_code == EXIT_REFUSED and outcome.kiosk
    page = outcome.widget
    qtbot.addWidget(page)
    assert page.objectName() == "configErrorPage"
    message = page.message()
    assert "xx_YY" in message and "--locale" in message and "[display] locale" in message
    assert not started.widget.isVisible()


def test_the_kiosk_refuses_it_before_showing_when_started_at_once(qtbot):
    started = start(None, True, None, "xx_YY")
    qtbot.addWidget(started.widget)
    assert started.exit_code == EXIT_REFUSED and started.widget.objectName() == "configErrorPage"


def test_the_workstation_refuses_an_unknown_locale_from_the_environment_once(qtbot, environment, dialogs, capsys):
    environment(LANG="xx_YY.UTF-8")
    started = start(None, False, None, None, staged=True)
    qtbot.addWidget(started.widget, before_close_func=lambda w: w.hide())
    outcome = complete_start(started)
    assert outcome.widget is None and outcome.exit_code == EXIT_REFUSED
    assert len(dialogs) == 1 and dialogs[0][1] == "Locale refused"
    for text in (dialogs[0][2], capsys.readouterr().err):
        assert "xx_YY" in text and "(from LANG)" in text and "--locale" in text and "[display] locale" in text


def test_a_command_line_locale_wins_over_an_unknown_environment(qtbot, environment, dialogs):
    environment(LC_ALL="xx_YY")
    started = start(None, False, None, "de_DE", staged=True)
    window = shown_window(qtbot, started.widget)
    assert complete_start(started) is started and not dialogs
    type_dose(qtbot, window, "4,5", "mg")
    assert band_of(window) == "ldn"
