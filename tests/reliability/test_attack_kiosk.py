"""Attacks on the kiosk and the window (issue 15), offscreen: hostile site files end on the
refusal page or dialog (never "Reading the dose scheme…" for ever), files that others can
write are refused on a kiosk and shown as a warning on a workstation, text from files and
arguments cannot repaint a terminal or reorder the page, and the kiosk copies nothing.

The X11 PRIMARY selection and middle-click paste need a real X server:
test_attack_kiosk_x11.py.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QWidget

import gui.app
from core.pin import hash_pin
from core.scheme_loader import bundled_path
from core.site_config import SiteConfig

ROOT = Path(__file__).resolve().parents[2]
UNSAFE = ("\x1b", "\x07", "\u202e", "\u2066", "\x9b")


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    return shown


@pytest.fixture
def held(qtbot):
    """Widgets to close at teardown (hidden first: a kiosk ignores close)."""
    widgets: list[QWidget] = []

    def hold(widget: QWidget | None) -> QWidget | None:
        if widget is not None:
            qtbot.addWidget(widget, before_close_func=lambda w: w.hide())
            widgets.append(widget)
        return widget

    yield hold
    widgets.clear()


def run_app(kiosk: bool, config: Path | None = None, scheme: Path | None = None, limit_ms: int = 15_000) -> dict:
    """gui.app.run with the real event loop until a refusal page shows (kiosk) or the loop
    ends; what was on screen then."""
    seen: dict[str, object] = {"pages": [], "calculators": []}
    app = QApplication.instance()

    def look() -> None:
        pages = [w for w in app.topLevelWidgets() if w.objectName() == "configErrorPage" and w.isVisible()]
        if not pages:
            return
        seen["pages"] = [p.findChild(QLabel, "configErrorMessage").text() for p in pages]
        seen["calculators"] = [w for w in app.topLevelWidgets() if w.objectName() == "kioskWindow" and w.isVisible()]
        seen["seconds"] = time.monotonic() - started
        for page in pages:
            page.hide()
            page.deleteLater()
        app.quit()

    poll = QTimer(interval=20)
    poll.timeout.connect(look)
    poll.start()
    guard = QTimer(singleShot=True, interval=limit_ms)  # a hang fails the test, never blocks the suite
    guard.timeout.connect(lambda: QApplication.exit(9))
    guard.start()
    started = time.monotonic()
    seen["code"] = gui.app.run(str(scheme) if scheme else None, kiosk, str(config) if config else None, "en_US")
    poll.stop()
    guard.stop()
    for widget in app.topLevelWidgets():
        if widget.objectName() == "kioskWindow":
            widget.hide()
    return seen


# --- hostile files through the real start-up ------------------------------------------------


def test_a_fifo_as_the_kiosk_configuration_shows_the_refusal_page(qapp, tmp_path, capsys):
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    seen = run_app(kiosk=True, config=fifo)
    assert seen["code"] == 2 and len(seen["pages"]) == 1, seen
    assert "named pipe (FIFO)" in seen["pages"][0] and str(fifo) in seen["pages"][0]
    assert seen["calculators"] == [] and seen["seconds"] < 5
    assert "named pipe" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("nested.toml", "x = " + "[\n" * 100_000, "nested more than 8 deep"),
        ("dotted.toml", ".".join(["a"] * 100_000) + " = 1\n", "a line of more than"),
        ("bands.toml", "[[bands]]\n" * 25_000, "more than 1,000 tables"),
    ],
)
def test_hostile_schemes_on_the_kiosk_show_the_refusal_page(qapp, tmp_path, name, content, says):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    seen = run_app(kiosk=True, scheme=path)
    assert seen["code"] == 2 and len(seen["pages"]) == 1 and says in seen["pages"][0], seen
    assert seen["seconds"] < 5


def test_dev_zero_as_the_workstation_scheme_is_a_dialog_and_exit_2(qapp, dialogs, capsys):
    seen = run_app(kiosk=False, scheme=Path("/dev/zero"))
    assert seen["code"] == 2
    assert len(dialogs) == 1 and "/dev/zero: is a character device" in dialogs[0][2]
    assert "will not start" in dialogs[0][2]
    assert "/dev/zero" in capsys.readouterr().err


# --- the start-up watchdog --------------------------------------------------------------------


@pytest.fixture
def hanging_read(monkeypatch):
    """Reading the site files never ends (a file on a network drive that stopped answering)."""
    import core.site_files

    release = threading.Event()

    def hang(*args: object, **kwargs: object) -> object:
        release.wait(30)
        raise RuntimeError("released")

    monkeypatch.setattr(core.site_files, "read_site_files", hang)
    monkeypatch.setattr(gui.app, "STARTUP_WATCHDOG_MS", 600)
    yield
    release.set()


def test_the_watchdog_shows_the_kiosk_page_when_the_files_are_not_read(qapp, hanging_read, tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nidle_reset_seconds = 30\n", encoding="utf-8")
    seen = run_app(kiosk=True, config=config)
    assert seen["code"] == 2 and len(seen["pages"]) == 1, seen
    assert "were not read within" in seen["pages"][0] and str(config) in seen["pages"][0]
    assert seen["calculators"] == [] and 0.5 < seen["seconds"] < 5
    assert "were not read within" in capsys.readouterr().err


def test_the_watchdog_ends_the_workstation_with_a_dialog(qapp, hanging_read, dialogs):
    seen = run_app(kiosk=False)
    assert seen["code"] == 2
    assert len(dialogs) == 1 and "were not read within" in dialogs[0][2]
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "mainWindow"]
    assert not visible


def test_the_window_takes_input_while_the_files_are_read(qtbot, hanging_read, dialogs):
    """The read runs in a worker thread: what is typed meanwhile arrives, then the watchdog fires."""
    started = gui.app.start(None, False, None, "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    window.show()
    typed: list[str] = []
    QTimer.singleShot(100, lambda: QTest.keyClicks(window.doseInput, "4.5"))
    QTimer.singleShot(300, lambda: typed.append(window.doseInput.text()))
    outcome = gui.app.read_scheme(started)
    assert typed == ["4.5"]
    assert outcome.exit_code == 2 and outcome.widget is None and len(dialogs) == 1


# --- who may write the site files ----------------------------------------------------------------


def _site(tmp_path: Path, mode: int = 0o644, folder_mode: int | None = None) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(bundled_path(), folder / "scheme.toml")
    config = folder / "config.toml"
    config.write_text("[scheme]\npath = 'scheme.toml'\n[display]\nlocale = 'en_US'\n", encoding="utf-8")
    config.chmod(mode)
    if folder_mode is not None:
        folder.chmod(folder_mode)
    return config


def test_a_world_writable_configuration_is_refused_on_a_kiosk(qtbot, tmp_path, held):
    config = _site(tmp_path, mode=0o666)
    page = held(gui.app.start(None, True, str(config), None).widget)
    assert page.objectName() == "configErrorPage"
    assert "anyone can write to it" in page.message() and f"chmod o-w {config}" in page.message()


def test_a_world_writable_configuration_is_a_visible_warning_on_a_workstation(qtbot, tmp_path, held, capsys):
    config = _site(tmp_path, mode=0o666)
    window = held(gui.app.start(None, False, str(config), None).widget)
    assert window.objectName() == "mainWindow" and window.scheme is not None
    box = window.findChild(QMessageBox, "siteFilesWarning")
    assert box is not None and box.isVisible() and not box.isModal()
    assert "anyone can write to it" in box.text() and str(config) in box.text()
    assert "warning: " in capsys.readouterr().err


def test_a_configuration_in_a_world_writable_directory_is_refused_on_a_kiosk(qtbot, tmp_path, held):
    config = _site(tmp_path, folder_mode=0o777)
    page = held(gui.app.start(None, True, str(config), None).widget)
    assert "its directory" in page.message() and "writable by anyone" in page.message()


def test_a_sticky_directory_is_fine_unless_the_file_belongs_to_another_user(qtbot, tmp_path, held, monkeypatch):
    config = _site(tmp_path, folder_mode=0o1777)  # like /tmp: others cannot replace my file
    window = held(gui.app.start(None, True, str(config), None).widget)
    assert window.objectName() == "kioskWindow"
    # now owned by another user: chown as root (CI), else look at it as another user would
    if os.geteuid() == 0:
        os.chown(config, 4242, -1)
    else:
        import core.outside_file

        monkeypatch.setattr(core.outside_file.os, "geteuid", lambda: os.stat(config).st_uid + 4242)
    page = held(gui.app.start(None, True, str(config), None).widget)
    assert page.objectName() == "configErrorPage" and "belongs to another user" in page.message()


def test_a_world_writable_scheme_named_by_the_configuration_is_refused_on_a_kiosk(qtbot, tmp_path, held):
    config = _site(tmp_path)
    (config.parent / "scheme.toml").chmod(0o666)
    page = held(gui.app.start(None, True, str(config), None).widget)
    assert "[scheme] path" in page.message() and "scheme.toml: anyone can write to it" in page.message()


def test_check_warns_about_a_world_writable_configuration_and_answers(tmp_path):
    config = _site(tmp_path, mode=0o666)
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "--config", str(config), "check", "4.5 mg"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "naltrexone-dose: warning: " in done.stderr and "anyone can write to it" in done.stderr


def test_the_file_modes_are_what_the_test_set(tmp_path):
    """The checks above rely on chmod doing what it says on this file system."""
    config = _site(tmp_path, mode=0o666, folder_mode=0o1777)
    assert stat.S_IMODE(config.stat().st_mode) == 0o666
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o1777


# --- text from files and arguments ------------------------------------------------------------


def _clean(text: str) -> bool:
    return not any(char in text for char in UNSAFE)


def test_a_hostile_path_is_quoted_on_the_page_and_on_stderr(qtbot, tmp_path, held, capsys):
    path = tmp_path / "conf\x1b[2J\x07\u202eig.toml"  # missing: refused naming it
    page = held(gui.app.start(None, True, str(path), None).widget)
    message = page.message()
    assert _clean(message) and "no such configuration file" in message
    for label in page.findChildren(QLabel):  # the advice names the file too (seen in a screenshot)
        assert _clean(label.text()), label.objectName()
    assert message.startswith("'") and "[2J" in message  # quoted, the harmless rest kept
    err = capsys.readouterr().err
    assert _clean(err) and "[2J" in err


def test_hostile_key_names_are_quoted_on_the_page_and_on_stderr(qtbot, tmp_path, held, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[kiosk]\n"idle\\u001b[2J\\u0007\\u202e_seconds" = 30\n', encoding="utf-8")
    page = held(gui.app.start(None, True, str(config), None).widget)
    assert "unknown key" in page.message() and _clean(page.message())
    assert _clean(capsys.readouterr().err)


def test_hostile_table_names_in_a_scheme_are_quoted_by_check(tmp_path):
    scheme = tmp_path / "scheme.toml"
    scheme.write_text('["evil\\u001b]0;title\\u0007\\u202e"]\nx = 1\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "check", "4.5 mg", "--scheme", str(scheme)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "unknown table" in err and _clean(err), err


# --- the error page has nothing to select, copy or open --------------------------------------------


def test_the_error_page_has_no_context_menu_and_nothing_to_select(qtbot, tmp_path, held):
    page = held(gui.app.start(None, True, str(tmp_path / "absent.toml"), None).widget)
    page.show()
    qtbot.waitExposed(page)
    label = page.findChild(QLabel, "configErrorMessage")
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    for widget in [page, *page.findChildren(QWidget)]:
        assert widget.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu, widget.objectName()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5)))
        QApplication.sendEvent(widget, event)
        QTest.mouseClick(widget, Qt.MouseButton.RightButton, pos=QPoint(5, 5))
    qtbot.wait(50)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert not menus
    QTest.mouseDClick(label, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not label.hasSelectedText()


# --- the kiosk copies nothing ---------------------------------------------------------------------


@pytest.fixture
def kiosk(qtbot, held):
    from core.verify import load_scheme
    from gui.kiosk_window import KioskWindow

    window = KioskWindow(load_scheme(), "en_US", SiteConfig(path=None, exit_pin_hash=hash_pin("135790")))
    held(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.doseInput.setFocus()
    return window


COPY_KEYS = [
    ("Ctrl+C", Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+Insert", Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+X", Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier),
    ("Shift+Delete", Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier),
    ("Copy key", Qt.Key.Key_Copy, Qt.KeyboardModifier.NoModifier),
    ("Cut key", Qt.Key.Key_Cut, Qt.KeyboardModifier.NoModifier),
]


@pytest.mark.parametrize(("name", "key", "modifier"), COPY_KEYS, ids=[k[0] for k in COPY_KEYS])
def test_copy_and_cut_keys_put_nothing_on_the_clipboard_in_the_kiosk(qtbot, kiosk, name, key, modifier):
    clipboard = QApplication.clipboard()
    clipboard.clear()  # whatever an earlier test left there
    QTest.keyClicks(kiosk.doseInput, "4.5")
    kiosk.doseInput.selectAll()
    QTest.keyClick(kiosk.doseInput, key, modifier)
    assert clipboard.text(QClipboard.Mode.Clipboard) == "", name
    assert kiosk.doseInput.text() == "4.5", name  # a cut key does not cut either


@pytest.mark.parametrize(("name", "key", "modifier"), COPY_KEYS[:4], ids=[k[0] for k in COPY_KEYS[:4]])
def test_the_same_keys_still_copy_on_the_workstation(qtbot, name, key, modifier):
    """The control: the keys do reach the clipboard where copying is allowed."""
    from core.verify import load_scheme
    from gui.main_window import MainWindow

    window = MainWindow(load_scheme(), "en_US")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.clipboard().clear()
    QTest.keyClicks(window.doseInput, "4.5")
    window.doseInput.selectAll()
    QTest.keyClick(window.doseInput, key, modifier)
    assert QApplication.clipboard().text() == "4.5", name


def test_whatever_reaches_the_clipboard_while_the_kiosk_shows_is_cleared(qtbot, kiosk):
    QApplication.clipboard().setText("4.5 mg")
    assert QApplication.clipboard().text() == ""


def test_nothing_is_dragged_out_of_or_dropped_into_the_kiosk_fields(kiosk):
    from PySide6.QtWidgets import QLineEdit

    edits = kiosk.findChildren(QLineEdit)
    assert {kiosk.form.doseInput, *kiosk.inputs.typing_fields()} <= set(edits)
    for edit in edits:
        assert not edit.dragEnabled() and not edit.acceptDrops(), edit.objectName()


def test_the_middle_button_never_reaches_the_kiosk_fields(qtbot, kiosk):
    """The guard eats it (on X11 it pastes the PRIMARY selection: see the X11 test)."""
    seen: list[int] = []
    original = type(kiosk.doseInput).mouseReleaseEvent

    def spy(self, event):  # noqa: ANN001, ANN202
        seen.append(int(event.button().value))
        return original(self, event)

    type(kiosk.doseInput).mouseReleaseEvent = spy
    try:
        QTest.mouseClick(kiosk.doseInput, Qt.MouseButton.MiddleButton, pos=QPoint(10, 10))
        QTest.mouseClick(kiosk.doseInput, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    finally:
        type(kiosk.doseInput).mouseReleaseEvent = original
    assert seen == [int(Qt.MouseButton.LeftButton.value)]


def test_an_old_four_digit_pin_hash_still_opens_the_kiosk_and_is_warned_about(qtbot, tmp_path, held, capsys):
    import hashlib

    salt = bytes(16)
    digest = hashlib.scrypt(b"2468", salt=salt, n=2**14, r=8, p=1, dklen=32, maxmem=64 * 2**20)
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nexit_pin_hash = "scrypt:16384:8:1:{salt.hex()}:{digest.hex()}"\n', encoding="utf-8")
    window = held(gui.app.start(None, True, str(config), None).widget)
    assert window.objectName() == "kioskWindow"
    assert "older `naltrexone-dose hash-pin`" in capsys.readouterr().err
    window.request_exit()
    for key in "2468":
        window.pinOverlay.pinKeypad.buttons[key].click()
    with qtbot.waitSignal(window.exitRequested, timeout=3000):
        window.pinOverlay.submitButton.click()
