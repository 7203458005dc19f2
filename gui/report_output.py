"""Copy, print and PDF: the same content as core's text record, on one page with the disclaimer.

The clipboard text is core.report.as_text, so the window and the command line never
disagree about what goes into a pharmacy record.
"""

from __future__ import annotations

import datetime
from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from core.classify import Classification
from core.report import as_text
from gui.answer_html import explanation_html, precautions_html

#: Font sizes tried, largest first, until the summary fits on one page.
_POINT_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
#: Paper is denser than a screen: a quarter line between paragraphs, not a whole one
#: (Qt's default), so the precautions and references fit one page at a readable size.
_PRINT_STYLE = "p, ul, h2, h3, h4 { margin-top: 0.25em; margin-bottom: 0.25em; }"


def record_text(result: Classification, inputs: str, when: datetime.datetime) -> str:
    """The text for a pharmacy record: inputs, band, dose, notes, precautions, scheme, time."""
    return as_text(result, inputs, when)


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def summary_html(result: Classification, inputs: str, when: datetime.datetime) -> str:
    """The one-page summary as escaped HTML: the window's content plus the record's header."""
    band, scheme = result.band, result.scheme
    return (
        "<h2>Naltrexone dose band</h2>"
        f"<table cellpadding='6' cellspacing='0' border='1'><tr><td bgcolor='{escape(band.colour)}'>"
        f"<span style='color:{escape(band.text_colour)}; font-size:x-large'><b>{escape(band.heading)}</b>"
        "</span></td></tr></table>"
        f"<p><b>Entered:</b> {escape(inputs)}<br><b>Checked:</b> {escape(when.strftime('%Y-%m-%d %H:%M'))}<br>"
        f"<b>Scheme:</b> {escape(scheme.label)}, id {escape(scheme.id)}<br>"
        f"<b>Review:</b> {escape(scheme.review_status)}</p>"
        f"{explanation_html(result, disclaimer=False)}{precautions_html(result)}"
        f"<hr><p><b>{escape(scheme.disclaimer)}</b></p>"
    )


def render_summary(device: QPagedPaintDevice, html: str) -> float:
    """Paint `html` on one page of `device`, shrinking the font until it fits; returns the size used.

    A summary that does not fit even at the smallest size (a site scheme with long texts)
    goes on over further pages: a record is never cut off before its disclaimer."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultStyleSheet(_PRINT_STYLE)
    size = QSizeF(device.width(), device.height())
    doc.setPageSize(size)
    used = _POINT_SIZES[-1]
    for points in _POINT_SIZES:
        font = QFont()
        font.setPointSizeF(points)
        doc.setDefaultFont(font)
        doc.setHtml(html)
        doc.setPageSize(size)
        used = points
        if doc.pageCount() <= 1:
            break
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be started (is the file's folder writable?)")
    try:
        for page in range(doc.pageCount()):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * size.height())
            doc.drawContents(painter, QRectF(0, page * size.height(), size.width(), size.height()))
            painter.restore()
    finally:
        painter.end()
    return used


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15))
    )


def write_pdf(path: str, result: Classification, inputs: str, when: datetime.datetime) -> None:
    """Save the one-page summary as a PDF at `path`."""
    writer = QPdfWriter(path)
    writer.setResolution(300)
    writer.setTitle(f"Naltrexone dose band: {result.band.name}")
    writer.setCreator("naltrexone-dose")
    _a4(writer)
    render_summary(writer, summary_html(result, inputs, when))


def print_summary(printer: QPagedPaintDevice, result: Classification, inputs: str, when: datetime.datetime) -> None:
    """Print the one-page summary on a printer the user chose (or a QPrinter writing a PDF)."""
    render_summary(printer, summary_html(result, inputs, when))
