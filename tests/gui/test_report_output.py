"""Copy, Print and Save as PDF through their buttons and keys: what reaches the clipboard
and the file (the record's content: test_record.py)."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from window_driver import type_dose


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def check_summary(text: str, scheme) -> None:
    """The summary for a pharmacy note (test_record.py reads it line by line)."""
    assert text.startswith("4.5 mg a day is a low dose (LDN)")  # the scheme's answer comes first
    assert "Entered: 4.5 mg, once daily; tablet or capsule" in text
    assert "Average daily dose: 4.5 mg a day on average" in text
    assert "Key precautions (4 of " in text
    assert f"version {scheme.version}" in text
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert " ".join(scheme.disclaimer.split()) in text


def test_copy_button_puts_the_summary_on_the_clipboard(qtbot, window, scheme):
    QGuiApplication.clipboard().setText("old")
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.copyButton, Qt.MouseButton.LeftButton)
    check_summary(clipboard(), scheme)
    when = datetime.datetime(2026, 1, 2, 3, 4)
    assert window.summary_text(when).splitlines()[:3] == clipboard().splitlines()[:3]


def test_ctrl_c_with_nothing_selected_copies_the_summary(qtbot, window, scheme):
    type_dose(qtbot, window, "4.5", "mg")
    QGuiApplication.clipboard().setText("old")
    window.doseInput.deselect()
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    check_summary(clipboard(), scheme)


def test_ctrl_c_on_a_selector_copies_the_summary(qtbot, window, scheme):
    type_dose(qtbot, window, "4.5", "mg")
    QGuiApplication.clipboard().setText("old")
    window.form.frequencySelector.setFocus()
    qtbot.keyClick(window.form.frequencySelector, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    check_summary(clipboard(), scheme)


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


def pdf_text(path, page: int | None = None) -> str:
    """The PDF's text (poppler's pdftotext), of one page when `page` is given."""
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed"
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = ["pdftotext", "-layout", *pages, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture
def save_dialog(monkeypatch, tmp_path):
    """The save dialog, replaced at its boundary: it answers with a path in tmp_path."""
    asked: list[str] = []

    def get_save_file_name(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / f"record-{len(asked)}.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return asked


@pytest.fixture
def print_dialog(monkeypatch, tmp_path):
    """The print dialog, replaced at its boundary: accepted, its printer writing a PDF."""
    printed: list[str] = []

    def exec_dialog(dialog):
        path = str(tmp_path / f"printed-{len(printed) + 1}.pdf")
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(path)
        printed.append(path)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", exec_dialog)
    return printed


def test_save_as_pdf_button_writes_one_page_with_band_version_and_disclaimer(
    qtbot, window, scheme, tmp_path, save_dialog
):
    type_dose(qtbot, window, "0.25", "mg")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    assert len(save_dialog) == 1 and save_dialog[0].endswith(".pdf") and "vldn" in save_dialog[0]
    path = tmp_path / "record-1.pdf"
    assert pdf_pages(path) == 1
    text = " ".join(pdf_text(path).split())
    assert "Very low dose (VLDN)" in text
    assert f"version {scheme.version}" in text
    assert "Entered 0.25 mg, once daily" in text
    assert "Decision support only" in text
    assert "250 mcg (0.25 mg) a day is very low (VLDN), not ultra-low" in text
    assert str(path) in window.statusBar().currentMessage()


def test_ctrl_s_saves_the_pdf(qtbot, window, tmp_path, save_dialog):
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.keyClick(window.doseInput, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(save_dialog) == 1
    assert "Low dose (LDN)" in pdf_text(tmp_path / "record-1.pdf")


def test_cancelled_save_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_that_cannot_be_written_says_so(qtbot, window, tmp_path, monkeypatch):
    """A folder that cannot be written: the user is told, nothing is claimed saved."""
    target = tmp_path / "no such folder" / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text)))
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and str(target) in warned[0] and "Choose another folder" in warned[0]
    assert not target.exists()
    assert "saved" not in window.statusBar().currentMessage()


def test_weekly_schedule_pdf_fits_one_page(qtbot, window, tmp_path, save_dialog):
    from core.form_choices import WEEKLY_SCHEDULE

    window.form.select(window.form.frequencySelector, WEEKLY_SCHEDULE)
    for index, amount in ((0, "100"), (2, "100"), (4, "150")):
        qtbot.keyClicks(window.form.weeklyInputs[index], amount)
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    path = tmp_path / "record-1.pdf"
    assert "Standard oral dose" in pdf_text(path)
    assert pdf_pages(path) == 1


def test_the_longest_bundled_summary_fits_one_page_with_its_disclaimer(qtbot, window, tmp_path, save_dialog, scheme):
    """100 mL a day of the 1 mg/mL liquid: an above-standard dose with liquid precautions,
    schedule notes and the most references the bundled scheme shows at once."""
    window.form.select(window.form.formSelector, "liquid")
    qtbot.keyClicks(window.form.concentrationInput, "1")
    type_dose(qtbot, window, "100")
    assert window.result().band.id == "above-standard"
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    path = tmp_path / "record-1.pdf"
    text = " ".join(pdf_text(path).split())
    assert pdf_pages(path) == 1
    assert "Decision support only" in text and "[W]" in text and "suspension, not a solution" in text


def test_a_summary_too_long_for_one_page_goes_on_over_pages_never_cut_off(tmp_path, scheme):
    """A site scheme may write long texts: the record then runs over pages, disclaimer last."""
    import dataclasses

    from core.classify import classify
    from core.regimen import read_regimen
    from gui.report_output import write_pdf

    long_scheme = dataclasses.replace(scheme, review_status="Reviewed at length. " * 900)
    result = classify(read_regimen(["4.5 mg"], scheme.limits, locale="en"), long_scheme)
    path = tmp_path / "long.pdf"
    write_pdf(str(path), result, "4.5 mg, once daily", datetime.datetime(2026, 11, 30, 9, 0))
    text = " ".join(pdf_text(path).split())
    assert pdf_pages(path) >= 2
    last = " ".join(pdf_text(path, page=pdf_pages(path)).split())
    assert "the prescriber decides." in last and last.rstrip().endswith("Date: ____________")  # nothing cut
    assert "References" in text


def test_print_button_prints_the_record_through_the_print_dialog(qtbot, window, print_dialog):
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.printButton, Qt.MouseButton.LeftButton)
    assert len(print_dialog) == 1
    text = pdf_text(print_dialog[0])
    assert "Low dose (LDN)" in text and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert pdf_pages(print_dialog[0]) == 1
    assert window.statusBar().currentMessage().startswith("Record sent to the printer")


def test_ctrl_p_prints(qtbot, window, print_dialog):
    type_dose(qtbot, window, "0.25", "mg")
    qtbot.keyClick(window.doseInput, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(print_dialog) == 1 and "Very low dose (VLDN)" in pdf_text(print_dialog[0])


def test_a_cancelled_print_dialog_prints_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.printButton, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == ""
