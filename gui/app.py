"""Start the window: one QApplication, the site configuration and the scheme loaded (or
refused, never replaced), the workstation window or the kiosk."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

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


@dataclass
class Started:
    """What `start` built: the window to show (None when refused on a workstation) and the exit code."""

    widget: QWidget | None
    exit_code: int
    kiosk: bool


def start(scheme_path: str | None, kiosk: bool, config_path: str | None, locale: str | None) -> Started:
    """Read the site configuration and the scheme and build the window, without showing it.

    `--scheme` and `--locale` on the command line win over the configuration's `[scheme] path`
    and `[display] locale`. Any refusal stops the calculator: on a kiosk a full-screen page says
    why (nobody reads stderr there), on a workstation stderr and a dialog do.
    """
    from core.scheme import load_scheme
    from core.scheme_loader import SchemeError
    from core.site_config import ConfigError, load_site_config

    _application()
    try:
        config = load_site_config(config_path)
    except ConfigError as error:
        return _refused(error.message, kiosk, "config", config_path)
    try:
        scheme = load_scheme(scheme_path or config.scheme_path)
    except SchemeError as error:
        return _refused(error.message, kiosk, "scheme", config.path)
    locale = locale or config.locale
    if kiosk:
        from gui.kiosk_window import KioskWindow

        return Started(KioskWindow(scheme, locale, config), EXIT_OK, kiosk=True)
    from gui.main_window import MainWindow

    return Started(MainWindow(scheme, locale), EXIT_OK, kiosk=False)


def _refused(message: str, kiosk: bool, what: str, config_path: str | None) -> Started:
    print(f"naltrexone-dose: refused: {message}", file=sys.stderr)
    if kiosk:
        from gui.error_page import ConfigErrorPage

        return Started(ConfigErrorPage(message, config_path), EXIT_REFUSED, kiosk=True)
    if what == "config":
        _show_config_error(message)
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
    started = start(scheme_path, kiosk, config_path, locale)
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
    code = app.exec()
    return started.exit_code or code


def _application() -> QApplication:
    """The one QApplication (an existing one is reused, e.g. under pytest-qt)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("naltrexone-dose")
    app.setApplicationDisplayName("Naltrexone dose band calculator")
    return app
