"""The tour: in every state a user meets, press every control the window offers (found by
walking the widget tree, see tour.py), as a user does: each press on a fresh workstation
window, and on the kiosk after its own start-again (the idle reset) and the taps that lead
back to the state.

After every press the window must still agree with core about the form it shows (the
band for what the form holds, or core's refusal), and whatever crossed a boundary must be
right: a PDF saved through the file dialog opens, has one page and names the band and the
scheme version; a print through the print dialog (a PDF printer here) likewise; the
clipboard holds a record of this answer, never anything on the kiosk; the kiosk never
closes. pytest-qt fails the test on any exception raised inside a Qt slot.

The counts per state are printed past pytest's capture, like the reliability harness's.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from states import KIOSK_STATES, PIN, STATES, dispose, enter_kiosk_state, kiosk, workstation
from tour import Control, controls, locate, press, summary

from core.refusal import Refusal

SENTINEL = "clipboard before the press"


@pytest.fixture
def report(capsys):
    def _report(text: str) -> None:
        with capsys.disabled():
            print(f"\n[tour] {text}", flush=True)

    return _report


class Boundary:
    """The file and print dialogs, replaced at the dialog boundary: the save dialog answers
    with a path in tmp_path, the print dialog accepts with its printer writing a PDF."""

    def __init__(self, monkeypatch, folder) -> None:
        self.folder = folder
        self.saved: list[str] = []
        self.printed: list[str] = []
        boundary = self

        def get_save_file_name(*_args, **_kwargs):
            path = str(folder / f"saved-{len(boundary.saved)}.pdf")
            boundary.saved.append(path)
            return path, "PDF (*.pdf)"

        def exec_print_dialog(dialog):
            printer = dialog.printer()
            path = str(folder / f"printed-{len(boundary.printed)}.pdf")
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(path)
            boundary.printed.append(path)
            return QDialog.DialogCode.Accepted.value

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
        monkeypatch.setattr(QPrintDialog, "exec", exec_print_dialog)


def expected_answer(window) -> tuple[str, str]:
    """(band id, message) core gives for what the form holds now: the model the window must match."""
    from core.classify import classify
    from core.form_input import regimen_from_form
    from gui.main_window import CHECKING_SCHEME, READING_SCHEME

    if window.scheme is None:
        return "", READING_SCHEME
    if not window._checked:
        return "", CHECKING_SCHEME
    values = window.form.values()
    if values.notices:  # a unit or frequency cleared by a change of form (core.form_state)
        return "", " ".join(values.notices)
    try:
        regimen = regimen_from_form(
            values.amount_text,
            values.unit_in_use,
            values.form,
            values.frequency_id,
            window.locale,
            window.scheme.limits,
            concentration_text=values.concentration_text,
            weekly_texts=values.weekly_texts if values.is_weekly else (),
        )
    except Refusal as refusal:
        return "", refusal.message
    return classify(regimen, window.scheme).band.id, ""


def pdf_facts(path: str) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    return pages, " ".join(text.split())


def check_after(window, control: Control, before, boundary: Boundary, saved: int, printed: int, kiosk_mode: bool):
    """Every defect this press left, in words."""
    defects: list[str] = []
    where = control.label
    if not window.isVisible():
        defects.append(f"{where}: the window closed")
        return defects
    if control.kind == "combo item":
        combo = locate(window, control)
        if combo.currentIndex() != control.detail:
            defects.append(f"{where}: the click left {combo.currentText()!r} chosen")
    if hasattr(window, "form"):
        band, message = expected_answer(window)
        shown = (window.bandLabel.property("bandId") or "", window.errorLabel.text())
        if shown != (band, message):
            defects.append(f"{where}: shows {shown}, core says {(band, message)} for the form as it is")
    files = [("saved", p) for p in boundary.saved[saved:]] + [("printed", p) for p in boundary.printed[printed:]]
    if kiosk_mode and files:
        defects.append(f"{where}: the kiosk opened a file or print dialog")
    for what, path in files:
        if before is None:
            defects.append(f"{where}: {what} with no answer on screen")
            continue
        try:
            pages, text = pdf_facts(path)
        except (subprocess.CalledProcessError, AttributeError) as error:
            defects.append(f"{where}: {what} PDF does not open ({error})")
            continue
        if pages != 1:
            defects.append(f"{where}: {what} PDF has {pages} pages")
        for needed in (before.band.name, f"version {before.scheme.version}"):
            if needed not in text:
                defects.append(f"{where}: {what} PDF lacks {needed!r}")
    clip = QGuiApplication.clipboard().text()
    if clip != SENTINEL:
        if kiosk_mode:
            if clip:  # "" is the kiosk clearing whatever reaches the clipboard (the sentinel too)
                defects.append(f"{where}: the kiosk put text on the clipboard")
        elif before is None or before.band.name not in clip or before.scheme.version not in clip:
            defects.append(f"{where}: the clipboard holds {clip[:60]!r}, not this answer's record")
    return defects


def _identity(control: Control) -> tuple[str, str, str]:
    """A control as the same control in any state (its index among its kind may differ)."""
    return control.kind, control.label, str(control.detail)


def tour(make, states, boundary: Boundary, report, kiosk_mode: bool, restart=None) -> None:
    """Press every control of every state; then every control that only a press brings on
    screen (the kiosk's "Amounts on each day …" after "Back to the frequency"), reached by
    that press, so a control no state shows is pressed too."""
    defects: list[str] = []
    pressed: set[tuple[str, str, str]] = set()
    revealed: dict[tuple[str, str, str], tuple[str, Control, Control]] = {}
    window = None
    shown_state = ""  # the state `window` was made for

    def ready(state: str, current):
        nonlocal shown_state
        if current is not None and restart is not None and current.isVisible() and state == shown_state:
            restart(current, state)  # the kiosk's own start-again (as after a passer-by), then the state again
            return current
        if current is not None:
            dispose(current)
        shown_state = state
        return make(state)

    def press_and_check(current, control: Control, counts: Counter[str], dialogs: Counter[str]) -> None:
        before = current.result() if hasattr(current, "result") else None
        QGuiApplication.clipboard().setText(SENTINEL)
        saved, printed = len(boundary.saved), len(boundary.printed)
        outcome = press(None, current, control)
        counts[control.kind] += 1
        dialogs.update(outcome.dialogs)
        pressed.add(_identity(control))
        defects.extend(check_after(current, control, before, boundary, saved, printed, kiosk_mode))

    for state in states:
        if window is not None:
            dispose(window)
        window = make(state)
        found = controls(window)
        dispose(window)
        counts: Counter[str] = Counter()
        dialogs: Counter[str] = Counter()
        window = None
        for control in found:
            window = ready(state, window)
            press_and_check(window, control, counts, dialogs)
            if window.isVisible():
                for new in controls(window):
                    revealed.setdefault(_identity(new), (state, control, new))
            if restart is None:
                dispose(window)
                window = None
        extra = f"; dialogs closed with their buttons: {dict(dialogs)}" if dialogs else ""
        report(f"{'kiosk' if kiosk_mode else 'workstation'} / {state}: {len(found)} presses ({summary(counts)}){extra}")
    counts = Counter()
    dialogs = Counter()
    followed: list[str] = []
    for identity, (state, first, control) in revealed.items():
        if identity in pressed:
            continue
        window = ready(state, window)
        press(None, window, first)  # the press that brings it on screen
        press_and_check(window, control, counts, dialogs)
        followed.append(f"{control.label} (after {first.label} in {state})")
        if restart is None:
            dispose(window)
            window = None
    if window is not None:
        dispose(window)
    report(f"{'kiosk' if kiosk_mode else 'workstation'}: shown only after a press: {followed or 'none'}")
    report(f"files saved {len(boundary.saved)}, printed {len(boundary.printed)}; defects: {len(defects)}")
    assert not defects, "\n".join(defects)


def test_workstation_tour(qtbot, scheme, monkeypatch, tmp_path, report):
    boundary = Boundary(monkeypatch, tmp_path)
    tour(lambda state: workstation(scheme, state), STATES, boundary, report, kiosk_mode=False)
    assert boundary.saved and boundary.printed  # the tour did reach both dialogs


def test_kiosk_tour(qtbot, scheme, monkeypatch, tmp_path, report):
    from core.pin import hash_pin

    pin_hash = hash_pin(PIN)
    boundary = Boundary(monkeypatch, tmp_path)

    def restart(window, state):
        if state == "error page":
            return  # nothing on it changes
        window.reset_to_start()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # buttons of choices gone by now
        enter_kiosk_state(window, state)

    tour(
        lambda state: kiosk(scheme, state, pin_hash=pin_hash),
        KIOSK_STATES,
        boundary,
        report,
        kiosk_mode=True,
        restart=restart,
    )
    assert not boundary.saved and not boundary.printed
