"""Start the window: one QApplication, the site configuration and the scheme loaded (or
refused, never replaced), the workstation window or the kiosk."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NamedTuple

from gui.plain_imports import forget_scanned_sources, plain_imports
from gui.qt_runtime import qt_runtime_problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QWidget

    from core.scheme import Scheme
    from core.site_config import SiteConfig
    from gui.main_window import MainWindow

EXIT_OK = 0
EXIT_REFUSED = 2


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
    from core.scheme import load_scheme
    from core.scheme_loader import SchemeError
    from core.site_config import ConfigError, load_site_config

    try:
        config = load_site_config(config_path)
    except ConfigError as error:
        return _refused(error.message, kiosk, "config", config_path)
    try:
        scheme = load_scheme(scheme_path or config.scheme_path)
    except SchemeError as error:
        return _refused(error.message, kiosk, "scheme", config.path)
    from core.locales import choose_locale, number_format
    from core.refusal import Refusal

    chosen = choose_locale(locale, config.locale)
    try:
        number_format(*chosen)
    except Refusal as refusal:
        return _refused(refusal.message, kiosk, "locale", config.path)
    window = _window(scheme, kiosk, chosen.name, config)
    return Started(window, EXIT_OK, kiosk, scheme_path, config_path, locale)


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
    refused before showing."""
    from gui.main_window import MainWindow

    window = started.widget
    assert isinstance(window, MainWindow)
    forget_scanned_sources()
    with plain_imports():
        from core.scheme import load_scheme
        from core.scheme_loader import SchemeError
        from core.site_config import ConfigError, load_site_config

        try:
            config = load_site_config(started.config_path, check_scheme=False)
        except ConfigError as error:
            return _replace(started, error.message, "config", started.config_path)
        try:
            scheme = load_scheme(started.scheme_path or config.scheme_path, check_examples=False)
        except SchemeError as error:
            return _replace(started, error.message, "scheme", config.path)
        from core.locales import choose_locale
        from core.refusal import Refusal

        chosen = choose_locale(started.locale, config.locale)
        try:
            window.set_locale(*chosen)
        except Refusal as refusal:
            return _replace(started, refusal.message, "locale", config.path)
    window.apply_site_config(config)
    window.set_scheme(scheme)
    return started


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
        from core.scheme_loader import SchemeError, check_examples
        from core.units import warm_up

        try:
            check_examples(window.scheme)
        except SchemeError as error:
            return _replace(started, error.message, "scheme", started.config_path)
        warm_up()
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
    print(f"naltrexone-dose: refused: {message}", file=sys.stderr)
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
    app = _application()
    from gui.icon import app_icon
    from gui.palette import apply_theme, follow_system

    apply_theme(app)
    follow_system(app)
    app.setWindowIcon(app_icon())
    started = start(scheme_path, kiosk, config_path, locale, staged=True)
    widget = started.widget
    if widget is None:
        return started.exit_code
    if started.kiosk:
        from gui.kiosk_window import KioskWindow, show_kiosk

        if isinstance(widget, KioskWindow):
            widget.exitRequested.connect(app.quit)
        show_kiosk(widget)
    else:
        widget.show()
    outcome: list[Started] = []
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
    code = app.exec()
    return (outcome[-1].exit_code if outcome else 0) or started.exit_code or code


def _application() -> QApplication:
    """The one QApplication (an existing one is reused, e.g. under pytest-qt)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("naltrexone-dose")
    app.setApplicationDisplayName("Naltrexone dose band calculator")
    return app
