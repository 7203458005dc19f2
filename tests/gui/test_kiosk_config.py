"""The site configuration as `gui.app` uses it: each kind of fault refused with the key named,
on a kiosk as a full-screen page, on a workstation on stderr and in a dialog; never a silent fallback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from core.pin import hash_pin

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "schemes" / "default.toml"


@pytest.fixture
def dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    return shown


@pytest.fixture
def keep(qtbot):
    """Hold what `start` built until teardown, hidden first (a kiosk ignores pytest-qt's close)."""
    held = []

    def add(widget):
        if widget is not None:
            qtbot.addWidget(widget, before_close_func=lambda w: w.hide())
            held.append(widget)
        return widget

    yield add
    held.clear()


def write(tmp_path: Path, text: str, name: str = "config.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


FAULTS = {
    "unknown key": ("[kiosk]\nidle_reset_second = 30\n", "[kiosk] idle_reset_second"),
    "unknown table": ("[printer]\nname = 'ward'\n", "[printer]"),
    "wrong type": ("[kiosk]\nidle_reset_seconds = '30'\n", "[kiosk] idle_reset_seconds"),
    "out of range": ("[kiosk]\nidle_reset_seconds = 3\n", "[kiosk] idle_reset_seconds"),
    "not a pin hash": ("[kiosk]\nexit_pin_hash = '1234'\n", "[kiosk] exit_pin_hash"),
    "scheme missing": ("[scheme]\npath = 'no-such-scheme.toml'\n", "[scheme] path"),
    "scheme broken": ("[scheme]\npath = 'broken.toml'\n", "[scheme] path"),
    "unknown locale": ("[display]\nlocale = 'xx_YY'\n", "[display] locale"),
    "not TOML": ("[kiosk\nidle_reset_seconds = 30\n", "cannot read the site configuration"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_kiosk_shows_a_full_screen_page_for_each_fault(qtbot, tmp_path, keep, capsys, fault):
    from gui.app import EXIT_REFUSED, start
    from gui.error_page import ConfigErrorPage

    text, key = FAULTS[fault]
    (tmp_path / "broken.toml").write_text("[scheme]\nid = \n", encoding="utf-8")
    config = write(tmp_path, text)
    started = start(None, kiosk=True, config_path=config, locale=None)
    page = keep(started.widget)
    assert started.exit_code == EXIT_REFUSED
    assert isinstance(page, ConfigErrorPage) and page.objectName() == "configErrorPage"
    message = page.findChild(QLabel, "configErrorMessage").text()
    assert key in message and "config.toml" in message
    assert key in capsys.readouterr().err
    assert page.findChild(QWidget, "doseInput") is None  # not the calculator


def test_error_page_is_full_screen_and_cannot_be_closed(qtbot, tmp_path, keep):
    from gui.app import start
    from gui.kiosk_window import show_kiosk

    started = start(None, kiosk=True, config_path=write(tmp_path, "[kiosk]\ncolour = 1\n"), locale=None)
    page = keep(started.widget)
    show_kiosk(page)
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: bool(page.windowState() & Qt.WindowState.WindowFullScreen), timeout=2000)
    assert page.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert page.close() is False and page.isVisible()
    assert page.font().pointSizeF() > QApplication.font().pointSizeF()


def test_kiosk_refuses_a_missing_config_file(qtbot, tmp_path, keep):
    from gui.app import start

    started = start(None, kiosk=True, config_path=str(tmp_path / "absent.toml"), locale=None)
    page = keep(started.widget)
    assert "absent.toml: no such configuration file" in page.message()


@pytest.mark.parametrize("fault", ["unknown key", "wrong type", "scheme broken"])
def test_workstation_refuses_with_stderr_and_a_dialog(tmp_path, dialogs, capsys, fault):
    from gui.app import EXIT_REFUSED, start

    text, key = FAULTS[fault]
    (tmp_path / "broken.toml").write_text("[scheme]\nid = \n", encoding="utf-8")
    started = start(None, kiosk=False, config_path=write(tmp_path, text), locale=None)
    assert started.widget is None and started.exit_code == EXIT_REFUSED
    assert key in capsys.readouterr().err
    assert dialogs and key in dialogs[0][2]


def test_run_returns_2_on_a_workstation(tmp_path, dialogs):
    from gui.app import run

    assert run(None, kiosk=False, config_path=write(tmp_path, "[kiosk]\nfoo = 1\n"), locale=None) == 2
    assert dialogs


def test_run_shows_the_page_full_screen_on_a_kiosk(qtbot, tmp_path):
    """The whole start-up path with the real event loop: the calculator paints first, the
    configuration is read after it and refused, and the page replaces the calculator."""
    from PySide6.QtCore import QTimer

    from gui.app import run

    seen: dict[str, object] = {}

    def look() -> None:
        app = QApplication.instance()
        pages = [w for w in app.topLevelWidgets() if w.objectName() == "configErrorPage" and w.isVisible()]
        if not pages:
            return
        seen["pages"] = [(p.windowState(), p.findChild(QLabel, "configErrorMessage").text()) for p in pages]
        seen["calculators"] = [w for w in app.topLevelWidgets() if w.objectName() == "kioskWindow" and w.isVisible()]
        for page in pages:
            page.hide()
            page.deleteLater()
        app.quit()

    poll = QTimer(interval=20)
    poll.timeout.connect(look)
    poll.start()
    guard = QTimer(singleShot=True, interval=10_000)
    guard.timeout.connect(lambda: QApplication.exit(9))
    guard.start()
    code = run(None, kiosk=True, config_path=write(tmp_path, "[kiosk]\nfoo = 1\n"), locale=None)
    poll.stop()
    guard.stop()
    assert code == 2
    assert len(seen["pages"]) == 1 and "[kiosk] foo" in seen["pages"][0][1]
    assert seen["pages"][0][0] & Qt.WindowState.WindowFullScreen
    assert seen["calculators"] == []


def test_config_supplies_scheme_locale_idle_time_and_pin(qtbot, tmp_path, keep):
    from gui.app import start
    from gui.kiosk_window import KioskWindow

    shutil.copy(BUNDLED, tmp_path / "site-scheme.toml")
    pin_hash = hash_pin("135790")
    config = write(
        tmp_path,
        "[kiosk]\nidle_reset_seconds = 30\n"
        f'exit_pin_hash = "{pin_hash}"\n'
        "[scheme]\npath = 'site-scheme.toml'\n"
        "[display]\nlocale = 'de_DE'\n",
    )
    os.chmod(config, 0o444)
    before = Path(config).stat().st_mtime_ns
    window = keep(start(None, kiosk=True, config_path=config, locale=None).widget)
    assert isinstance(window, KioskWindow)
    assert window.scheme.path == str(tmp_path / "site-scheme.toml")
    assert window.locale == "de_DE" and "," in window.keypad.buttons
    assert window.watcher.idle_ms == 30_000
    assert window.config.exit_pin_hash == pin_hash
    assert Path(config).stat().st_mtime_ns == before  # read, never written

    # the command line wins over the configuration
    window = keep(start(str(BUNDLED), kiosk=True, config_path=config, locale="en_GB").widget)
    assert window.scheme.path == str(BUNDLED) and window.locale == "en_GB"


def test_workstation_uses_the_config_too(qtbot, tmp_path, keep):
    from gui.app import start
    from gui.main_window import MainWindow

    window = keep(
        start(None, kiosk=False, config_path=write(tmp_path, "[display]\nlocale = 'de_DE'\n"), locale=None).widget
    )
    assert type(window) is MainWindow and window.locale == "de_DE"


def test_a_bad_command_line_scheme_is_never_replaced_by_the_config_scheme(qtbot, tmp_path, keep):
    from gui.app import start

    shutil.copy(BUNDLED, tmp_path / "site-scheme.toml")
    config = write(tmp_path, "[scheme]\npath = 'site-scheme.toml'\n")
    bad = write(tmp_path, "[scheme]\nid = \n", name="bad-scheme.toml")
    page = keep(start(bad, kiosk=True, config_path=config, locale=None).widget)
    assert page.objectName() == "configErrorPage" and "bad-scheme.toml" in page.message()


def test_the_documented_example_configuration_is_valid():
    from core.site_config import load_site_config

    config = load_site_config(ROOT / "deploy" / "config.example.toml")
    assert config.idle_reset_seconds == 120 and config.locale == "en_GB" and config.exit_pin_hash is None


def test_the_systemd_unit_starts_the_kiosk_under_cage():
    unit = (ROOT / "deploy" / "naltrexone-dose-kiosk.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/cage -d -- /opt/naltrexone-dose/.venv/bin/naltrexone-dose --kiosk" in unit
    for setting in ("PAMName=cage", "TTYPath=/dev/tty1", "User=kiosk", "Restart=always"):
        assert setting in unit


def test_run_ignores_a_stray_quit_and_ends_on_the_right_pin(tmp_path):
    """The real event loop, in its own process: quit() alone is refused, the PIN ends `run` with 0."""
    import subprocess
    import sys
    import textwrap

    config = write(tmp_path, f'[kiosk]\nexit_pin_hash = "{hash_pin("246813")}"\n')
    script = textwrap.dedent(
        f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from gui.app import _application, run
        app = _application()

        def stray_quit():
            app.quit()
            QTimer.singleShot(300, staff_exit)

        def staff_exit():
            window = [w for w in app.topLevelWidgets() if w.objectName() == "kioskWindow"][0]
            print("visible after quit:", window.isVisible(), flush=True)
            window.request_exit()
            for key in "246813":
                window.pinOverlay.pinKeypad.buttons[key].click()
            window.pinOverlay.submitButton.click()

        def when_ready():  # not a fixed delay: a loaded machine starts later than 0.5 s
            kiosks = [w for w in app.topLevelWidgets() if w.objectName() == "kioskWindow"]
            if kiosks and kiosks[0].isVisible() and kiosks[0]._checked:
                stray_quit()
            else:
                QTimer.singleShot(50, when_ready)

        QTimer.singleShot(50, when_ready)
        QTimer.singleShot(40000, lambda: app.exit(9))
        print("run returned", run(None, kiosk=True, config_path={config!r}, locale=None), flush=True)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "visible after quit: True" in done.stdout, done.stderr[-600:]
    assert "run returned 0" in done.stdout and done.returncode == 0
