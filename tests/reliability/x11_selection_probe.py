"""What another X11 client sees of the kiosk's clipboard and PRIMARY selection (run under Xvfb).

Offscreen Qt has no PRIMARY selection, so this runs the real app as an xcb client and reads
the selections back from a second, separate X client, as a passer-by's middle-click would:

    python x11_selection_probe.py read               print {"clipboard": ..., "selection": ...}
    python x11_selection_probe.py own TEXT SECONDS   hold TEXT as CLIPBOARD and PRIMARY
    python x11_selection_probe.py app kiosk|window   drive the app, print what the reader saw

In `app` mode the steps are those of a person at the screen: type a dose, select it with
the mouse (a drag) and by keyboard, press Ctrl+C, Ctrl+Insert, Ctrl+X and
Shift+Delete, wait for the idle reset (kiosk), then middle-click in the empty dose field
while another client owns PRIMARY. The workstation window is the control: the same steps
there do put the dose on the clipboard and the selection, so the reader is shown to work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QClipboard  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def _read() -> None:
    app = QApplication([])
    clipboard = app.clipboard()
    print(
        json.dumps(
            {
                "clipboard": clipboard.text(QClipboard.Mode.Clipboard),
                "selection": clipboard.text(QClipboard.Mode.Selection),
            }
        ),
        flush=True,
    )


def _own(text: str, seconds: float) -> None:
    app = QApplication([])
    clipboard = app.clipboard()
    clipboard.setText(text, QClipboard.Mode.Clipboard)
    clipboard.setText(text, QClipboard.Mode.Selection)
    print("owning", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # serve the selection requests of other clients
        app.processEvents()
        time.sleep(0.01)


def _child(app: QApplication, *args: str) -> subprocess.Popen[str]:
    """Another X client, while this app keeps answering selection requests."""
    child = subprocess.Popen(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if args[0] == "own":
        assert child.stdout is not None
        while True:  # until it owns the selections
            app.processEvents()
            line = child.stdout.readline()
            if "owning" in line or child.poll() is not None:
                break
    return child


def _seen(app: QApplication) -> dict[str, str]:
    reader = _child(app, "read")
    end = time.monotonic() + 20
    while reader.poll() is None and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    out, err = reader.communicate(timeout=10)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the reader printed nothing: {err[-400:]}")
    return json.loads(lines[-1])


def _settle(app: QApplication, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _app(mode: str) -> None:
    from core.verify import load_scheme

    app = QApplication([])
    scheme = load_scheme(None)
    if mode == "kiosk":
        from gui.kiosk_window import KioskWindow, show_kiosk

        window = KioskWindow(scheme, "en_US", idle_ms=2500)
        show_kiosk(window)
    else:
        from gui.main_window import MainWindow

        window = MainWindow(scheme, "en_US")
        window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    edit = window.doseInput
    edit.setFocus()
    _settle(app)
    report: dict[str, object] = {"mode": mode}

    QTest.keyClicks(edit, "4.5")
    left, right = QPoint(4, edit.height() // 2), QPoint(edit.width() - 4, edit.height() // 2)
    QTest.mousePress(edit, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, left)
    QTest.mouseMove(edit, right)
    QTest.mouseRelease(edit, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, right)
    _settle(app)
    report["after_mouse_selection"] = _seen(app)
    report["selected_text"] = edit.selectedText()

    QTest.keyClick(edit, Qt.Key.Key_End)
    QTest.keyClick(edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    _settle(app)
    report["after_keyboard_selection"] = _seen(app)

    for name, key, modifier in (
        ("ctrl_c", Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
        ("ctrl_insert", Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier),
        ("ctrl_x", Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier),
        ("shift_delete", Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier),
    ):
        edit.setText("4.5")
        edit.selectAll()
        QTest.keyClick(edit, key, modifier)
        _settle(app)
        report[name] = {"seen": _seen(app), "text_after": edit.text()}

    if mode == "kiosk":  # the idle reset, then nothing of the last person anywhere
        edit.setText("4.5")
        QTest.keyClick(edit, Qt.Key.Key_End)
        start = time.monotonic()
        while edit.text() and time.monotonic() - start < 15:
            app.processEvents()
            time.sleep(0.02)
        report["reset_done"] = edit.text() == ""
        report["after_reset"] = _seen(app)

    edit.setText("")
    owner = _child(app, "own", "4.5", "20")
    try:
        point = QPoint(edit.width() // 2, edit.height() // 2)
        QTest.mouseClick(edit, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, point)
        # the paste is a round trip through the X server and the owner: a loaded machine takes
        # longer than 0.4 s. The workstation (the control) waits until it arrives; the kiosk
        # waits as long, so that its empty field means refused, not late.
        start = time.monotonic()
        while not edit.text() and time.monotonic() - start < 5:
            _settle(app, 50)
        report["after_middle_click"] = edit.text()
        report["band_after_middle_click"] = window.bandLabel.property("bandId")
    finally:
        owner.kill()
        owner.wait(timeout=10)
    print(json.dumps(report), flush=True)
    window.hide()


if __name__ == "__main__":
    if sys.argv[1] == "read":
        _read()
    elif sys.argv[1] == "own":
        _own(sys.argv[2], float(sys.argv[3]))
    else:
        _app(sys.argv[2])
