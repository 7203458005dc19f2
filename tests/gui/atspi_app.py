"""The window (or the kiosk) as a real X11 application for the AT-SPI test: started by
test_accessibility_atspi.py under Xvfb with a private D-Bus session, driven by commands on
stdin, one a line:

    type TEXT     select the dose field's text and type TEXT (real key presses)
    tab           press Tab
    quit          leave

It prints "ready" once the window is shown with 4.5 typed, and "done" after each command.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSocketNotifier, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

APP_NAME = "naltrexone-dose-atspi-test"


def main() -> int:
    kiosk = "--kiosk" in sys.argv
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    from gui.palette import apply_theme

    apply_theme(app)
    if kiosk:
        from gui.kiosk_window import KioskWindow, show_kiosk

        window = KioskWindow(locale="en_US")
        show_kiosk(window)
    else:
        from gui.main_window import MainWindow

        window = MainWindow(locale="en_US")
        window.show()
    window.activateWindow()
    dose = window.form.doseInput
    dose.setFocus()
    QTest.keyClicks(dose, "4.5")

    def run(line: str) -> None:
        if line.startswith("type "):
            dose.setFocus()
            dose.selectAll()
            QTest.keyClicks(dose, line[5:])
        elif line == "tab":
            QTest.keyClick(app.focusWidget(), Qt.Key.Key_Tab)
        elif line in ("quit", ""):
            window.hide()
            app.exit(0)
            return
        print("done", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: run(sys.stdin.readline().strip()))
    QTimer.singleShot(800, lambda: print("ready", flush=True))  # the answer announced by then too
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
