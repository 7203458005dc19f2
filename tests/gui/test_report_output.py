"""Copy and PDF: what reaches the clipboard and the page."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from window_driver import type_dose


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def check_record(text: str, scheme) -> None:
    assert text.startswith("Naltrexone dose band: Low dose (LDN) [ldn]")
    assert "Entered: 4.5 mg, once daily; tablet or capsule" in text
    assert "Dose: 4.5 mg a day on average" in text
    assert "Precautions - All doses:" in text
    assert f"version {scheme.version}" in text
    assert re.search(r"Checked: \d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert " ".join(scheme.disclaimer.split()) in text


def test_copy_button_puts_the_record_on_the_clipboard(qtbot, window, scheme):
    QGuiApplication.clipboard().setText("old")
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.copyButton, Qt.MouseButton.LeftButton)
    check_record(clipboard(), scheme)
    when = datetime.datetime(2026, 1, 2, 3, 4)
    assert window.record_text(when).splitlines()[:3] == clipboard().splitlines()[:3]


def test_ctrl_c_with_nothing_selected_copies_the_record(qtbot, window, scheme):
    type_dose(qtbot, window, "4.5", "mg")
    QGuiApplication.clipboard().setText("old")
    window.doseInput.deselect()
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    check_record(clipboard(), scheme)


def test_ctrl_c_on_a_selector_copies_the_record(qtbot, window, scheme):
    type_dose(qtbot, window, "4.5", "mg")
    QGuiApplication.clipboard().setText("old")
    window.form.frequencySelector.setFocus()
    qtbot.keyClick(window.form.frequencySelector, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    check_record(clipboard(), scheme)


def test_ctrl_c_with_a_selection_copies_the_selection(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    window.doseInput.selectAll()
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "4.5"
    window.precautionsView.setFocus()
    window.precautionsView.selectAll()
    qtbot.keyClick(window.precautionsView, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard().startswith("Precautions for Low dose")


def test_nothing_to_copy_without_an_answer(qtbot, window):
    type_dose(qtbot, window, "abc")
    QGuiApplication.clipboard().setText("old")
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "old"
    assert not window.copyButton.isEnabled() and not window.pdfButton.isEnabled()
    assert window.save_pdf("/nonexistent/never.pdf") is None


def pdf_text(path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed"
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_pdf_is_written_on_one_page_with_band_version_and_disclaimer(qtbot, window, scheme, tmp_path):
    type_dose(qtbot, window, "0.25", "mg")
    path = tmp_path / "summary.pdf"
    assert window.save_pdf(str(path)) == str(path)
    text = " ".join(pdf_text(path).split())
    assert "Very low dose (VLDN)" in text
    assert f"version {scheme.version}" in text
    assert "Entered: 0.25 mg, once daily" in text
    assert "Decision support only" in text
    assert "it is very low" in text
    assert pdf_pages(path) == 1


def test_weekly_schedule_pdf_fits_one_page(qtbot, window, tmp_path):
    from core.form_choices import WEEKLY_SCHEDULE

    window.form.select(window.form.frequencySelector, WEEKLY_SCHEDULE)
    for index, amount in ((0, "100"), (2, "100"), (4, "150")):
        qtbot.keyClicks(window.form.weeklyInputs[index], amount)
    path = tmp_path / "standard.pdf"
    window.save_pdf(str(path))
    assert "Standard oral dose" in pdf_text(path)
    assert pdf_pages(path) == 1


def test_print_goes_through_the_same_summary(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from gui.report_output import print_summary

    type_dose(qtbot, window, "4.5", "mg")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    path = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(path))
    print_summary(printer, window.result(), window.inputs_text(), datetime.datetime(2026, 1, 2, 3, 4))
    text = pdf_text(path)
    assert "Low dose (LDN)" in text and "2026-01-02 03:04" in text
    assert pdf_pages(path) == 1
