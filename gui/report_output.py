"""Copy, print and PDF of the record (core.record): the same Record for all three.

Copy gives a short summary for a pharmacy note, or the full record; Print goes through
Qt's print support to a printer the user chose; Save as PDF through QPdfWriter. The
page itself is drawn by gui.record_page.
"""

from __future__ import annotations

import datetime

from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QPdfWriter

from core.classify import Classification
from core.record import full_text, make_record, summary_text
from gui.record_page import page_size_for, paint_record, set_page

#: PDF resolution: fine enough for the bar's hairlines, small enough for a quick save.
PDF_DPI = 300


def record_text(result: Classification, inputs: str, when: datetime.datetime) -> str:
    """The full record as plain text."""
    return full_text(make_record(result, inputs, when))


def summary(result: Classification, inputs: str, when: datetime.datetime) -> str:
    """About ten lines for a pharmacy note."""
    return summary_text(make_record(result, inputs, when))


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def write_pdf(path: str, result: Classification, inputs: str, when: datetime.datetime, locale: str = "") -> None:
    """Save the record as a PDF at `path`, on A4 or Letter as `locale` uses. OSError when
    the file cannot be written."""
    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"Naltrexone dose band record: {result.band.name}")
    writer.setCreator("naltrexone-dose")
    set_page(writer, page_size_for(locale))
    paint_record(writer, make_record(result, inputs, when), result)


def print_record(printer: QPagedPaintDevice, result: Classification, inputs: str, when: datetime.datetime) -> None:
    """Print the record on the printer the user chose, on its paper, with our margins."""
    set_page(printer, printer.pageLayout().pageSize())
    paint_record(printer, make_record(result, inputs, when), result)
