"""Start the window: one QApplication, the site configuration and the scheme loaded (or
refused, never replaced), the workstation window or the kiosk."""

from __future__ import annotations

import gc
import sys
import threading
from typing import TYPE_CHECKING, NamedTuple

from gui.plain_imports import forget_scanned_sources, plain_imports
from gui.qt_runtime import qt_runtime_problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QWidget

    from core.scheme import Scheme
    from core.site_config import SiteConfig
    from core.site_files import SiteFiles
    from gui.main_window import MainWindow

EXIT_OK = 0
EXIT_REFUSED = 2
#: The start-up watchdog: the site configuration and the scheme must be read (and the bands
#: drawn) within this time after the first paint, or the calculator is refused. Any file
#: within the limits of core.outside_file takes well under a second; this catches what no
#: limit can (a file on a network drive that stops answering, a bug).
STARTUP_WATCHDOG_MS = 5000


def _show_scheme_error(message: str) -> None:
    """A bad scheme stops the app: say which file and what is wrong, in a dialog."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        "Scheme refused",
        f"The dose scheme could not be used, so the calculator will not start:\n\n{message}\n\n"
        "No other scheme is used instead. Fix the file (see `naltrexone-dose verify --scheme FILE`) "
        "or start without --scheme to use the bundled scheme.",
    )


def _show_config_error(message: str) -> None:
    """A bad site configuration stops the workstation app too: a dialog naming file and key."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        "Site configuration refused",
        f"The site configuration could not be used, so the calculator will not start:\n\n{message}\n\n"
        "The app only reads this file; ask whoever manages it to correct it.",
    )


def _show_locale_error(message: str) -> None:
    """A locale CLDR does not know stops the app once, at start-up (never per keystroke)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        "Locale refused",
        f"The locale for numbers could not be used, so the calculator will not start:\n\n{message}\n\n"
        "Doses are never read in a guessed locale.",
    )


def _warn(window: QWidget, warnings: tuple[str, ...], kiosk: bool) -> None:
    """Something about the site files that someone should fix (a file others can write to,
    an old exit PIN hash): to stderr (the journal) always, and on a workstation in a
    window that stays until it is closed. The kiosk shows nothing to a passer-by."""
    if not warnings:
        return
    from core.quoting import printable_message

    lines = [printable_message(w) for w in warnings]
    for line in lines:
        print(f"naltrexone-dose: warning: {line}", file=sys.stderr, flush=True)
    if kiosk:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Site files need attention", "", parent=window)
    box.setObjectName("siteFilesWarning")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("The calculator started, but ask whoever manages this computer to fix this:\n\n" + "\n\n".join(lines))
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.show()


def _show_qt_error(message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "Qt version refused", message)


class Started(NamedTuple):
    """What `start` built: the window to show (None when refused on a workstation), the exit
    code, and where the scheme comes from (read by `read_scheme` when the start is staged)."""

    widget: QWidget | None
    exit_code: int
    kiosk: bool
    scheme_path: str | None = None  # from the command line
    config_path: str | None = None  # from the command line
    locale: str | None = None  # from the command line


def _fit_to_screen(widget: QWidget) -> None:
    """The window's first size within the screen's available area (never below its minimum):
    on a 1024x600 screen the default 1280x760 put the high band, the buttons and the
    scheme's review notice off the screen."""
    screen = widget.screen()
    if screen is not None:
        available = screen.availableGeometry().size()
        widget.resize(widget.size().boundedTo(available).expandedTo(widget.minimumSize()))


def start(
    scheme_path: str | None, kiosk: bool, config_path: str | None, locale: str | None, staged: bool = False
) -> Started:
    """Read the site configuration and the scheme and build the window, without showing it.

    `--scheme` and `--locale` on the command line win over the configuration's `[scheme] path`
    and `[display] locale`. Any refusal stops the calculator: on a kiosk a full-screen page says
    why (nobody reads stderr there), on a workstation stderr and a dialog do.

    `staged` is how the app starts: nothing is read from disk before the window first paints,
    so that it paints as early as it can; `complete_start` (or `read_scheme` then
    `check_scheme`) then reads the site configuration and the scheme and runs the scheme's
    worked examples. No answer is shown until they pass, and whatever is typed meanwhile is
    kept. A refusal found then replaces the window, as it would have before it showed.
    """
    _application()
    problem = qt_runtime_problem()
    if problem:
        return _refused(problem, kiosk, "qt", config_path)
    if staged:
        return Started(_window(None, kiosk, locale, None), EXIT_OK, kiosk, scheme_path, config_path, locale)
    files = read_files(Started(None, EXIT_OK, kiosk, scheme_path, config_path, locale), check_examples=True)
    if isinstance(files, Refused):
        return _refused(files.message, kiosk, files.what, files.config_path)
    from core.locales import choose_locale, number_format
    from core.refusal import Refusal

    chosen = choose_locale(locale, files.config.locale)
    try:
        number_format(*chosen)
    except Refusal as refusal:
        return _refused(refusal.message, kiosk, "locale", files.config.path)
    window = _window(files.scheme, kiosk, chosen.name, files.config)
    _warn(window, files.warnings, kiosk)
    return Started(window, EXIT_OK, kiosk, scheme_path, config_path, locale)


class Refused(NamedTuple):
    """Why the site files were not used: the message, "config" or "scheme", and the
    configuration file named on the command line (for the kiosk's page)."""

    message: str
    what: str
    config_path: str | None


def read_files(started: Started, check_examples: bool = False) -> SiteFiles | Refused:
    """Read the site configuration and the scheme (core.site_files): strict about who may
    write them on a kiosk. No Qt here, and no exception escapes: this runs in a worker
    thread while the window stays responsive (`read_scheme`)."""
    from core.outside_file import failure, shown
    from core.scheme_file import SchemeError
    from core.site_config import ConfigError
    from core.site_files import read_site_files

    try:
        files = read_site_files(
            started.scheme_path, started.config_path, strict=started.kiosk, check_examples=check_examples
        )
        _resolve_number_formats(started, files)
        return files
    except ConfigError as error:
        return Refused(error.message, "config", started.config_path)
    except SchemeError as error:
        return Refused(error.message, "scheme", started.config_path)
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        where = shown(started.config_path) if started.config_path else "the site configuration or the scheme"
        return Refused(f"{where}: cannot be used ({failure(error)})", "config", started.config_path)


def _resolve_number_formats(started: Started, files: SiteFiles) -> None:
    """The number formats the window and the scheme's worked examples read in, resolved now
    (in the worker), then Babel's CLDR data dropped: the formats stay cached in
    core.locales, and pint, imported next, reuses the memory (about 3 MiB less once ready,
    docs/performance.md). A locale that is refused is refused where it is used, as before."""
    from core.locales import choose_locale, release_cldr_data, resolve_number_formats

    window = choose_locale(started.locale, files.config.locale).name
    resolve_number_formats([window, *(example.locale for example in files.scheme.examples)])
    release_cldr_data()


def _window(scheme: Scheme | None, kiosk: bool, locale: str | None, config: SiteConfig | None) -> MainWindow:
    """The calculator (a kiosk's or a workstation's); with no scheme, one that waits for it."""
    if kiosk:
        from gui.kiosk_window import KioskWindow

        return KioskWindow(scheme, locale, config, scheme_later=scheme is None)
    from gui.main_window import MainWindow

    return MainWindow(scheme, locale, scheme_later=scheme is None)


def complete_start(started: Started) -> Started:
    """The rest of a staged start, at once: read the scheme, then check it."""
    outcome = read_scheme(started)
    return check_scheme(outcome) if outcome is started else outcome


def read_scheme(started: Started) -> Started:
    """After the first paint: read the site configuration and the scheme (validated), resolve
    the locale (`--locale`, `[display] locale`, LC_ALL, LC_NUMERIC, LANG; CLDR through Babel,
    imported here) and draw the scheme's bands. A refusal replaces the calculator, as if
    refused before showing.

    The files are read in a worker thread while the window keeps painting and taking
    input; if they are not read within STARTUP_WATCHDOG_MS, the calculator is refused
    (the kiosk's page, the workstation's dialog), never left waiting for ever."""
    from gui.main_window import MainWindow

    window = started.widget
    assert isinstance(window, MainWindow)
    forget_scanned_sources()
    # The worker's imports skip PySide6's source scan too (plain_imports swaps the import
    # function for the whole process). Nothing imported meanwhile uses `__feature__`.
    with plain_imports():
        files = _read_in_background(started)
        if files is None:  # the application was told to quit meanwhile: nothing more to start
            return started._replace(widget=None)
        if isinstance(files, Refused):
            return _replace(started, files.message, files.what, files.config_path)
        from core.locales import choose_locale
        from core.refusal import Refusal

        chosen = choose_locale(started.locale, files.config.locale)
        try:
            window.set_locale(*chosen)
        except Refusal as refusal:
            return _replace(started, refusal.message, "locale", files.config.path)
    window.apply_site_config(files.config)
    window.set_scheme(files.scheme)
    _warn(window, files.warnings, started.kiosk)
    return started


def _read_in_background(started: Started) -> SiteFiles | Refused | None:
    """`read_files` in a daemon thread, waiting in a local event loop (the window paints,
    input is kept) until it is done or the watchdog fires."""
    from PySide6.QtCore import QEventLoop, QTimer

    outcome: list[SiteFiles | Refused] = []
    fired: list[bool] = []
    loop = QEventLoop()
    done = threading.Event()

    def work() -> None:
        outcome.append(read_files(started))
        done.set()

    def too_late() -> None:
        fired.append(True)
        loop.quit()

    # No garbage collection while the worker runs: a collection started by its allocations
    # would run there and could destroy Qt objects (cyclic garbage of the GUI) off the GUI
    # thread, which crashes. The read allocates little (core.outside_file bounds it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        threading.Thread(target=work, name="read-site-files", daemon=True).start()
        if not done.wait(0.05):  # most reads end here, without a local event loop
            poll = QTimer(interval=10)
            poll.timeout.connect(lambda: done.is_set() and loop.quit())
            watchdog = QTimer(singleShot=True, interval=STARTUP_WATCHDOG_MS)
            watchdog.timeout.connect(too_late)
            poll.start()
            watchdog.start()
            loop.exec()
            poll.stop()
            watchdog.stop()
    finally:
        if collecting:
            gc.enable()
    if done.is_set():
        return outcome[0]
    return _too_slow(started) if fired else None


def _too_slow(started: Started) -> Refused:
    from core.outside_file import shown

    named = [shown(p) for p in (started.config_path, started.scheme_path) if p]
    files = f" ({', '.join(named)})" if named else ""
    return Refused(
        f"the site configuration and the dose scheme{files} were not read within "
        f"{STARTUP_WATCHDOG_MS // 1000} s (a file on a drive that does not answer?)",
        "scheme",
        started.config_path,
    )


def check_scheme(started: Started) -> Started:
    """Then run the scheme's worked examples (this imports pint and warms its unit table,
    so the first keystroke is fast); answers start when they pass."""
    from gui.main_window import MainWindow

    window = started.widget
    assert isinstance(window, MainWindow) and window.scheme is not None
    with plain_imports():
        # what the window imports on its first answer, imported here too (see plain_imports)
        import core.classify  # noqa: F401
        import core.form_input  # noqa: F401
        import gui.answer_html  # noqa: F401
        from core.scheme_file import SchemeError
        from core.units import warm_up
        from core.verify import check_examples

        try:
            check_examples(window.scheme)
            warm_up()
        except SchemeError as error:
            return _replace(started, error.message, "scheme", started.config_path)
        except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
            from core.outside_file import failure, shown

            message = f"{shown(window.scheme.path)}: cannot be used ({failure(error)})"
            return _replace(started, message, "scheme", started.config_path)
    window.scheme_checks_passed()
    return started


def _replace(started: Started, message: str, what: str, config_path: str | None) -> Started:
    """Hide the calculator and show the refusal instead (a page on a kiosk, a dialog here)."""
    assert started.widget is not None
    started.widget.hide()
    refused = _refused(message, started.kiosk, what, config_path)
    if refused.widget is not None:
        from gui.kiosk_window import show_kiosk

        show_kiosk(refused.widget)
    return refused


def _refused(message: str, kiosk: bool, what: str, config_path: str | None) -> Started:
    from core.quoting import printable_message

    message = printable_message(message)  # the last guard: no escape, BEL or override from a file
    print(f"naltrexone-dose: refused: {message}", file=sys.stderr, flush=True)
    if kiosk:
        from gui.error_page import ConfigErrorPage

        return Started(ConfigErrorPage(message, config_path), EXIT_REFUSED, kiosk=True)
    if what == "config":
        _show_config_error(message)
    elif what == "locale":
        _show_locale_error(message)
    elif what == "qt":
        _show_qt_error(message)
    else:
        _show_scheme_error(message)
    return Started(None, EXIT_REFUSED, kiosk=False)


def run(scheme_path: str | None, kiosk: bool, config_path: str | None, locale: str | None) -> int:
    """Open the calculator (or the kiosk) and run the event loop; 2 when something is refused."""
    import os

    from gui.qt_runtime import display_problem

    problem = display_problem(os.environ)
    if problem:
        print(f"naltrexone-dose: {problem}", file=sys.stderr)
        return EXIT_REFUSED
    app = _application()
    outcome: list[Started] = []
    # The window's modules, and the standard library's that they name, are imported without
    # PySide6's source scan: it read 55 sources (typing's, inspect's, ours) before the first
    # paint, about 12 ms (docs/performance.md). Ours never use `__feature__` (gui.plain_imports).
    with plain_imports():
        started = _open(app, scheme_path, kiosk, config_path, locale, outcome)
    if started.widget is None:
        return started.exit_code
    code = app.exec()
    return (outcome[-1].exit_code if outcome else 0) or started.exit_code or code


def _open(
    app: QApplication,
    scheme_path: str | None,
    kiosk: bool,
    config_path: str | None,
    locale: str | None,
    outcome: list[Started],
) -> Started:
    """Theme, icon and the window, shown; the rest of the start after its first paint, each
    step's outcome appended to `outcome`."""
    from gui.icon import app_icon
    from gui.palette import apply_theme, follow_system

    apply_theme(app)
    follow_system(app)
    app.setWindowIcon(app_icon())
    started = start(scheme_path, kiosk, config_path, locale, staged=True)
    widget = started.widget
    if widget is None:
        return started
    if started.kiosk:
        from gui.kiosk_window import KioskWindow, show_kiosk

        if isinstance(widget, KioskWindow):
            widget.exitRequested.connect(app.quit)
        show_kiosk(widget)
    else:
        _fit_to_screen(widget)
        widget.show()
    if started.exit_code == EXIT_OK:
        from gui.first_paint import after_first_paint

        def finish(step: Callable[[Started], Started]) -> bool:
            outcome.append(step(started))
            if outcome[-1].exit_code and not outcome[-1].kiosk:
                app.exit(outcome[-1].exit_code)
            return outcome[-1] is started

        def read() -> None:
            if finish(read_scheme):  # the bands are drawn before pint is loaded
                after_first_paint(widget, lambda: finish(check_scheme))

        after_first_paint(widget, read)
    return started


def _application() -> QApplication:
    """The one QApplication (an existing one is reused, e.g. under pytest-qt)."""
    import os

    from PySide6.QtWidgets import QApplication

    from gui.qt_runtime import serial_fills

    serial_fills(os.environ)  # before the first paint, when Qt reads it
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("naltrexone-dose")
    app.setApplicationDisplayName("Naltrexone dose band calculator")
    return app
