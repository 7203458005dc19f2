"""The window's start and long sessions: a refused scheme never shows the calculator, and a
long session does not abort the interpreter (defect 3 in docs/reliability.md).

The random use of the window and the kiosk is in test_intent_state_machine.py: its oracle
is a model of what the user typed and chose. (The machine that stood here compared the
window with core's reading of the widgets as displayed, so a unit that changed under a
typed number passed it: issue 10.)
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit


def none_references_lost(calls: int = 100) -> int:
    """How many references to None `calls` void Qt calls destroy (0 in a sound binding)."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(calls):
        label.setText("x")
    return before - sys.getrefcount(None)


def shore_up_none(minimum: int = 1_000_000) -> None:
    """Keep None's reference count high while the harness runs (defect 3, see below).

    Under PySide6 6.12.0 on CPython 3.11 every call of a void Qt method destroys one
    reference to None; after some thousands the interpreter aborts ("none_dealloc"). The
    harness must outlive that to check its invariants, so it holds a million extra
    references, in a list that is deliberately never freed. The defect itself is pinned by
    test_a_long_session_does_not_abort_the_app, which runs without this help.
    """
    while sys.getrefcount(None) < minimum:
        keep = [None] * minimum
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(keep))  # never freed, even at exit


# -- a refused scheme never shows the calculator -----------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"[scheme]\nid = \n",
        None,  # the bundled scheme with one band bound moved: an overlap
    ],
)
def test_a_refused_scheme_shows_an_error_not_the_calculator(qapp, tmp_path, monkeypatch, capsys, content):
    """The window paints before the scheme is read (staged start); a refused scheme then
    replaces it with the refusal before any answer, and `run` ends with 2."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    import gui.main_window
    from core.scheme_loader import bundled_path
    from gui.app import run

    path = tmp_path / "damaged-scheme.toml"
    if content is None:
        text = bundled_path().read_text(encoding="utf-8").replace('upper_mg = "5"', 'upper_mg = "50"', 1)
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(content)
    shown: list[tuple] = []
    answered: list[object] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    monkeypatch.setattr(gui.main_window.MainWindow, "_show_result", lambda self, result: answered.append(result))
    guard = QTimer(singleShot=True, interval=10_000)  # a hang fails, never blocks the suite
    guard.timeout.connect(lambda: QApplication.exit(9))
    guard.start()
    code = run(str(path), kiosk=False, config_path=None, locale="en_US")
    guard.stop()
    assert code == 2
    assert not answered, "the calculator answered on a refused scheme"
    assert len(shown) == 1 and "damaged-scheme.toml" in shown[0][2]
    assert "will not start" in shown[0][2]
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "mainWindow"]
    assert not visible
    assert "refused" in capsys.readouterr().err


# Defect 3 (dependency: PySide6-Essentials 6.12.0 with CPython 3.11; pinned away in 55bbeae/d0d72e7):
# every call of a void Qt method (QLabel.setText, setStyleSheet, setEnabled, update, ...)
# destroys one reference to None. CPython 3.11's None is not immortal (it is from 3.12, PEP
# 683), so after a few hundred keystrokes in the window (about 15 such calls each, more
# with repaints) None's count reaches zero and the interpreter aborts: "Fatal Python
# error: none_dealloc". The pharmacist's window vanishes mid-session.
def test_void_qt_calls_keep_every_reference_to_none(qapp):
    assert none_references_lost(100) == 0


def test_a_long_session_does_not_abort_the_app(tmp_path):
    script = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from gui.main_window import MainWindow
        window = MainWindow(locale="en_US")
        window.show()
        for _ in range(500):  # 500 doses typed and deleted: one busy morning
            QTest.keyClicks(window.doseInput, "4.5")
            for _ in range(3):
                QTest.keyClick(window.doseInput, Qt.Key.Key_Backspace)
            app.processEvents()
        window.close()
        print("done", window.bandLabel.property("bandId") == "")
        """
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0 and "done True" in proc.stdout, proc.stderr[-600:]


@pytest.mark.parametrize("damage", ["scheme", "config"])
def test_a_refused_scheme_or_configuration_on_a_kiosk_shows_the_error_page(qapp, tmp_path, capsys, damage):
    import gui.app

    scheme = tmp_path / "scheme.toml"
    scheme.write_bytes(b"\x00\xff not a scheme")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[scheme]\npath = "{scheme}"\n' if damage == "scheme" else "[kiosk]\nidle_reset_seconds = 1\n",
        encoding="utf-8",
    )
    started = gui.app.start(None, kiosk=True, config_path=str(config), locale="en_US")
    try:
        assert started.exit_code == 2
        page = started.widget
        assert page is not None and page.objectName() == "configErrorPage"
        message = page.findChild(QLabel, "configErrorMessage")
        assert message is not None and message.textFormat() == Qt.TextFormat.PlainText
        assert str(config) in message.text() or str(scheme) in message.text()
        assert page.findChild(QLineEdit, "doseInput") is None  # no calculator on the page
        assert "refused" in capsys.readouterr().err
    finally:
        if started.widget is not None:
            started.widget.deleteLater()
