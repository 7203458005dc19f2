"""Start-up: the window paints before the scheme is read and before the unit library
loads, shows no answer until the scheme's worked examples pass, keeps what was typed
meanwhile, refuses a bad scheme found after the first paint, and refuses a broken Qt."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter, QWidget
from window_driver import band_of, type_dose

from core.scheme_loader import bundled_path
from gui.app import check_scheme, complete_start, read_scheme, start
from gui.first_paint import after_first_paint
from gui.main_window import CHECKING_SCHEME, READING_SCHEME
from gui.qt_runtime import qt_runtime_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    return shown


def test_answers_wait_for_the_scheme_and_its_examples_and_nothing_typed_is_lost(qtbot):
    started = start(None, False, None, "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    window.show()
    assert window.scheme is None and window.errorLabel.text() == READING_SCHEME
    assert "being read" in window.doseBar.accessibleDescription()
    assert not window.aboutButton.isEnabled()  # About shows the scheme
    qtbot.waitExposed(window)
    panes = window.findChild(QSplitter, "detailSplitter").geometry()
    type_dose(qtbot, window, "0.25", unit="mg")
    assert band_of(window) == "" and window.result() is None
    assert window.errorLabel.text() == READING_SCHEME
    assert not window.copyButton.isEnabled()

    assert read_scheme(started) is started
    assert window.scheme is not None and window.doseBar.band_rect("vldn").width() > 0
    assert "Toljan" in window.schemeLabel.text() and window.aboutButton.isEnabled()
    QApplication.processEvents()
    assert window.findChild(QSplitter, "detailSplitter").geometry() == panes  # nothing moves when it arrives
    assert band_of(window) == "" and window.errorLabel.text() == CHECKING_SCHEME
    type_dose(qtbot, window, "0.5", unit="mg")
    assert band_of(window) == ""

    assert check_scheme(started) is started
    assert window.doseInput.text() == "0.5"
    assert band_of(window) == "vldn" and window.errorLabel.text() == ""
    type_dose(qtbot, window, "4.5")
    assert band_of(window) == "ldn"


def test_the_worked_examples_read_german_with_formats_resolved_while_the_files_were_read(qtbot, monkeypatch):
    """The read resolves the number formats of the window and of every worked example, then
    Babel drops its CLDR data (docs/performance.md): the German examples still pass, and
    checking them loads no CLDR data again."""
    from babel import localedata

    import core.locales

    # as in a fresh process: no locale resolved yet, no CLDR data loaded
    core.locales._number_format.cache_clear()
    localedata.clear_caches()
    started = start(None, False, None, "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    assert read_scheme(started) is started
    assert {"en", "de_DE"} <= {example.locale for example in window.scheme.examples}
    loaded: list[str] = []
    original = localedata.resolve_locale_filename
    monkeypatch.setattr(localedata, "resolve_locale_filename", lambda name: (loaded.append(name), original(name))[1])
    assert check_scheme(started) is started
    assert loaded == []
    type_dose(qtbot, window, "4.5", unit="mg")
    assert band_of(window) == "ldn"


def test_choices_made_before_the_scheme_arrives_are_kept(qtbot):
    """The scheme says which injection interval to offer first; if the user has already
    chosen one when it arrives, their choice stands (never a silently different regimen)."""
    started = start(None, False, None, "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    form = window.form
    form.select(form.formSelector, "injection")
    form.select(form.frequencySelector, "every-2-weeks")
    type_dose(qtbot, window, "380")
    assert complete_start(started) is started
    assert form.frequencySelector.currentData() == "every-2-weeks" and form.doseInput.text() == "380"
    assert band_of(window) == "xr-nonstandard"
    form.select(form.formSelector, "tablet")
    form.select(form.formSelector, "injection")
    # the user's interval was cleared on the tablet, and switching back neither brings it
    # back nor puts the scheme's preferred interval under the typed 380 (core.form_state)
    assert form.frequencySelector.currentData() is None and band_of(window) == ""
    assert "Every 2 weeks was cleared" in window.errorLabel.text()


def test_the_staged_kiosk_answers_once_the_scheme_is_checked(qtbot):
    started = start(None, True, None, "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    assert window.objectName() == "kioskWindow" and window.scheme is None
    type_dose(qtbot, window, "4.5", unit="mg")
    assert band_of(window) == ""
    assert complete_start(started) is started
    assert band_of(window) == "ldn"


def test_a_scheme_whose_examples_fail_replaces_the_calculator(qtbot, tmp_path: Path, dialogs, capsys):
    text = bundled_path().read_text(encoding="utf-8")
    old = 'expect = "vldn"\nwhy = "0.25 mg is very low, not ultra-low"'
    assert text.count(old) == 1
    site = tmp_path / "site.toml"
    site.write_text(text.replace(old, old.replace('"vldn"', '"uldn"')), encoding="utf-8")
    started = start(str(site), False, None, "en_US", staged=True)
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
    started = start(str(site), True, None, "en_US", staged=True)
    qtbot.addWidget(started.widget)
    outcome = complete_start(started)
    qtbot.addWidget(outcome.widget)
    assert outcome.widget.objectName() == "configErrorPage"
    assert outcome.widget.isVisible() and not started.widget.isVisible()


@pytest.mark.parametrize("kiosk", [False, True])
def test_a_broken_scheme_named_by_the_site_config_is_refused_after_the_first_paint(
    qtbot, tmp_path: Path, dialogs, capsys, kiosk
):
    (tmp_path / "broken.toml").write_text("[scheme]\nid = \n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("[scheme]\npath = 'broken.toml'\n", encoding="utf-8")
    started = start(None, kiosk, str(config), "en_US", staged=True)
    window = started.widget
    qtbot.addWidget(window)
    window.show()
    outcome = read_scheme(started)
    assert outcome.exit_code == 2 and not window.isVisible()
    assert "broken.toml" in capsys.readouterr().err
    if kiosk:
        qtbot.addWidget(outcome.widget)
        assert outcome.widget.objectName() == "configErrorPage" and "broken.toml" in outcome.widget.message()
    else:
        assert outcome.widget is None and dialogs and "broken.toml" in dialogs[0][2]


def test_the_site_config_is_read_after_the_first_paint_and_applied(qtbot, tmp_path: Path):
    from core.pin import hash_pin

    shutil.copy(bundled_path(), tmp_path / "site-scheme.toml")
    config = tmp_path / "config.toml"
    pin_hash = hash_pin("246813")
    config.write_text(
        f'[kiosk]\nidle_reset_seconds = 30\nexit_pin_hash = "{pin_hash}"\n'
        "[scheme]\npath = 'site-scheme.toml'\n[display]\nlocale = 'de_DE'\n",
        encoding="utf-8",
    )
    started = start(None, True, str(config), None, staged=True)
    window = started.widget
    qtbot.addWidget(window)
    assert window.config.path is None and window.watcher.idle_ms == 120_000
    assert complete_start(started) is started
    assert window.config.path == str(config) and window.config.exit_pin_hash == pin_hash
    assert window.watcher.idle_ms == 30_000 and window.scheme.path == str(tmp_path / "site-scheme.toml")
    assert window.locale == "de_DE" and window.doseInput.placeholderText() == "e.g. 0,25"
    assert window.keypad.decimal_separator == "," and "," in window.keypad.buttons
    window.keypad.set_target(window.doseInput)
    for key in ("4", ",", "5"):
        window.keypad.buttons[key].click()
    assert window.doseInput.text() == "4,5" and band_of(window) == "ldn"


def test_a_command_line_locale_wins_over_the_site_config_read_later(qtbot, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("[display]\nlocale = 'de_DE'\n", encoding="utf-8")
    for given, expected, typed, band in ((None, "de_DE", "4,5", "ldn"), ("en_US", "en_US", "4.5", "ldn")):
        started = start(None, False, str(config), given, staged=True)
        window = started.widget
        qtbot.addWidget(window)
        assert complete_start(started) is started
        assert window.locale == expected
        type_dose(qtbot, window, typed, unit="mg")
        assert band_of(window) == band


def test_a_missing_scheme_named_by_the_site_config_is_refused(qtbot, tmp_path: Path, dialogs, capsys):
    config = tmp_path / "config.toml"
    config.write_text("[scheme]\npath = 'nowhere.toml'\n", encoding="utf-8")
    started = start(None, False, str(config), "en_US", staged=True)
    qtbot.addWidget(started.widget)
    outcome = complete_start(started)
    assert outcome.widget is None and outcome.exit_code == 2 and not started.widget.isVisible()
    assert "[scheme] path" in capsys.readouterr().err and "nowhere.toml" in dialogs[0][2]


def test_work_after_the_first_paint_runs_even_if_no_paint_comes(qtbot):
    hidden = QWidget()
    qtbot.addWidget(hidden)
    ran: list[int] = []
    after_first_paint(hidden, lambda: ran.append(1))
    qtbot.waitUntil(lambda: ran == [1], timeout=3000)
    qtbot.wait(50)
    assert ran == [1]


def test_the_first_paint_needs_neither_the_scheme_nor_core_nor_pint():
    """What the window loads before it first paints, in a fresh process as the app starts;
    and neither the window's modules nor those read after the first paint are scanned into
    linecache by PySide6's import hook."""
    script = textwrap.dedent(
        """
        import json, linecache, sys
        import gui.app as app
        from PySide6.QtWidgets import QApplication

        seen = {}
        read, check = app.read_scheme, app.check_scheme

        def read_scheme(started):
            seen["at_first_paint"] = sorted(sys.modules)
            seen["scanned_at_first_paint"] = sorted(linecache.cache)
            return read(started)

        def check_scheme(started):
            outcome = check(started)
            seen["cached_sources"] = sorted(linecache.cache)
            seen["band"] = (started.widget.doseInput.setText("0.25"), started.widget.bandLabel.property("bandId"))[1]
            QApplication.quit()
            return outcome

        app.read_scheme, app.check_scheme = read_scheme, check_scheme
        seen["code"] = app.run(None, False, None, "en_US")
        print(json.dumps(seen))
        """
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["band"] == "vldn"
    loaded = set(seen["at_first_paint"])
    for module in ("core.scheme", "core.scheme_loader", "core.classify", "core.regimen", "pint", "fractions", "babel"):
        assert module not in loaded, module
    assert "gui.main_window" in loaded and "PySide6.QtWidgets" in loaded
    # the window's modules, and the standard library's they name, skip PySide6's source scan
    # (gui.plain_imports), which cost the first paint about 12 ms
    window_modules = ("gui/main_window.py", "gui/dose_form.py", "gui/palette.py", "/typing.py", "/dataclasses.py")
    assert not [path for path in seen["scanned_at_first_paint"] if path.endswith(window_modules)]
    scanned = seen["cached_sources"]
    assert not [path for path in scanned if any(name in path for name in ("/pint/", "/tomllib/", "scheme_loader"))]
    assert not [path for path in scanned if path.endswith(("gui/dose_form.py", "gui/dose_bar.py"))]  # forgotten


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_first_paint_builds_no_gradient_type(kiosk: bool):
    """Nothing drawn before the scheme fills through QPainter.fillRect, whose overloads make
    PySide6 build QGradient and its five enums (180 presets; 2-5 ms of the first paint,
    docs/performance.md): the bar's background and the exit corner's padlock are erased
    with the painter's background instead (the same pixels)."""
    script = textwrap.dedent(
        f"""
        import json, sys
        import gui.app as app
        from PySide6 import QtGui
        from PySide6.QtWidgets import QApplication

        seen = {{}}

        def read_scheme(started):
            seen["gradient"] = "QGradient" in vars(QtGui)
            QApplication.instance().exit(0)
            return started

        app.read_scheme = read_scheme
        app.run(None, {kiosk}, None, "en_US")
        print(json.dumps(seen))
        """
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"gradient": False}


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


@pytest.mark.parametrize(("screen", "expected"), [((1024, 600), [1024, 600]), ((1920, 1080), [1280, 760])])
def test_the_window_opens_within_a_small_screen(tmp_path: Path, screen, expected):
    """Through the real start on a screen of that size (Qt's offscreen platform, configured):
    on 1024x600 the default 1280x760 put the high band, the buttons and the review notice off
    the screen (found by a fresh-user session under Xvfb)."""
    config = tmp_path / "screen.json"
    width, height = screen
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height}]}))
    script = textwrap.dedent(
        """
        import json
        import gui.app as app
        from PySide6.QtWidgets import QApplication

        seen = {}
        check = app.check_scheme

        def check_scheme(started):
            seen["size"] = [started.widget.width(), started.widget.height()]
            QApplication.quit()
            return check(started)

        app.check_scheme = check_scheme
        seen["code"] = app.run(None, False, None, "en_US")
        print(json.dumps(seen))
        """
    )
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["size"] == expected


def test_no_display_is_a_plain_message_not_a_qt_abort():
    """`naltrexone-dose` with no display: Qt aborted with exit 134 and its own xcb message
    (found by a fresh-user session); now one line that says what to do, and exit 2."""
    script = "import sys; from gui.launcher import main; sys.exit(main([]))"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT)}  # no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr[-800:]
    assert done.stderr.strip().splitlines() == [
        "naltrexone-dose: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        'Start it from a desktop session, or answer on the command line: naltrexone-dose check "4.5 mg".'
    ]


def test_platforms_that_need_no_display_are_left_to_qt():
    from gui.qt_runtime import display_problem

    for qpa in ("offscreen", "eglfs", "linuxfb", "vnc"):
        assert display_problem({"QT_QPA_PLATFORM": qpa}, "linux") is None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux") is not None
    assert display_problem({}, "win32") is None
