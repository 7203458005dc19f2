"""Start the window: one QApplication, the scheme loaded (or refused, never replaced)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

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


def run(scheme_path: str | None, kiosk: bool, config_path: str | None, locale: str | None) -> int:
    """Open the calculator window and run the event loop; 2 when the scheme is refused."""
    if kiosk:
        print("naltrexone-dose: kiosk mode is not available in this version.", file=sys.stderr)
        return EXIT_REFUSED
    if config_path is not None:
        print("naltrexone-dose: --config is used only in kiosk mode; ignored.", file=sys.stderr)
    from core.scheme import load_scheme
    from core.scheme_loader import SchemeError

    try:
        scheme = load_scheme(scheme_path)
    except SchemeError as error:
        print(f"naltrexone-dose: refused: {error.message}", file=sys.stderr)
        _application()
        _show_scheme_error(error.message)
        return EXIT_REFUSED
    from gui.icon import app_icon
    from gui.main_window import MainWindow
    from gui.palette import apply_theme, follow_system

    app = _application()
    apply_theme(app)
    follow_system(app)
    app.setWindowIcon(app_icon())
    window = MainWindow(scheme, locale)
    window.show()
    return app.exec()


def _application() -> QApplication:
    """The one QApplication (an existing one is reused, e.g. under pytest-qt)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("naltrexone-dose")
    app.setApplicationDisplayName("Naltrexone dose band calculator")
    return app
