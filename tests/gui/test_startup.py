"""Start-up: the window paints before the unit library loads, shows no answer until the
scheme's worked examples pass, keeps what was typed meanwhile, and refuses a broken Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from window_driver import band_of, type_dose

from core.scheme_loader import bundled_path
from gui.app import complete_start, start
from gui.qt_runtime import qt_runtime_problem


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    return shown


def test_answers_wait_for_the_worked_examples_and_nothing_typed_is_lost(qtbot):
    started = start(None, False, None, "en_US", defer_checks=True)
    window = started.widget
    qtbot.addWidget(window)
    window.show()
    type_dose(qtbot, window, "0.25", unit="mg")
    assert band_of(window) == ""
    assert "Checking" in window.errorLabel.text()
    assert window.doseBar.accessibleDescription() == "" or "0.25" not in window.doseBar.accessibleDescription()
    assert complete_start(started) is started
    assert window.doseInput.text() == "0.25"
    assert band_of(window) == "vldn"


def test_a_scheme_whose_examples_fail_replaces_the_calculator(qtbot, tmp_path: Path, dialogs, capsys):
    text = bundled_path().read_text(encoding="utf-8")
    old = 'expect = "vldn"\nwhy = "0.25 mg is very low, not ultra-low"'
    assert text.count(old) == 1
    site = tmp_path / "site.toml"
    site.write_text(text.replace(old, old.replace('"vldn"', '"uldn"')), encoding="utf-8")
    started = start(str(site), False, None, "en_US", defer_checks=True)
    window = started.widget
    qtbot.addWidget(window)
    window.show()
    outcome = complete_start(started)
    assert outcome.exit_code == 2 and outcome.widget is None
    assert not window.isVisible()
    assert dialogs and "uldn" in dialogs[0][2]
    assert str(site) in capsys.readouterr().err


def test_the_kiosk_shows_the_refusal_page_when_examples_fail(qtbot, tmp_path: Path):
    text = bundled_path().read_text(encoding="utf-8")
    old = 'expect = "vldn"\nwhy = "0.25 mg is very low, not ultra-low"'
    site = tmp_path / "site.toml"
    site.write_text(text.replace(old, old.replace('"vldn"', '"uldn"')), encoding="utf-8")
    started = start(str(site), True, None, "en_US", defer_checks=True)
    qtbot.addWidget(started.widget)
    outcome = complete_start(started)
    qtbot.addWidget(outcome.widget)
    assert outcome.widget.objectName() == "configErrorPage"
    assert outcome.widget.isVisible() and not started.widget.isVisible()


def test_known_broken_qt_is_named():
    message = qt_runtime_problem("6.12.0", (3, 11))
    assert message and "6.12.0" in message and "<6.12" in message
    assert qt_runtime_problem("6.11.3", (3, 11)) is None
    assert qt_runtime_problem("6.12.0", (3, 12)) is None


def test_start_refuses_a_broken_qt(monkeypatch, dialogs, capsys):
    monkeypatch.setattr("gui.app.qt_runtime_problem", lambda: qt_runtime_problem("6.12.0", (3, 11)))
    started = start(None, False, None, "en_US")
    assert started.widget is None and started.exit_code == 2
    assert "6.12.0" in capsys.readouterr().err


def test_the_installed_qt_keeps_its_references_to_none():
    """The regression behind the pin: thousands of Qt calls must not drain None's refcount."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 100
