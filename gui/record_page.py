"""The record as one printed page (PDF or paper): the band in words and colour, the dose bar
drawn as vector graphics with the dose marked, then the record's text (core.record).

The page is A4 or US Letter (by the reader's locale, or as the printer is set up) with
margins of 13 mm. The header and the bar keep their size; the text below takes the rest
of the page, in the largest type size that fits it on the one page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from core.classify import Classification
from core.record import CHECKED_BY, TITLE, Record

MARGIN_MM = 13.0  # at least 12 mm, which most printers can print inside
#: Type sizes tried for the text, largest first, until the record fits its page.
BODY_POINTS = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
#: The references are set smaller than the rest, never below this.
REFERENCE_SCALE, REFERENCE_MIN = 0.85, 5.5
INK = QColor("#000000")
PAPER = QColor("#ffffff")
FAINT = QColor("#555555")


def page_size_for(locale: str) -> QPageSize:
    """US Letter where it is the usual paper (the US, Canada, Mexico, the Philippines, ...),
    else A4: what QLocale's measurement system says for `locale`."""
    from PySide6.QtCore import QLocale

    if QLocale(locale).measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def set_page(device: QPagedPaintDevice, size: QPageSize) -> None:
    """Portrait, `size`, margins of MARGIN_MM on every side."""
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter))


#: The page is laid out at this resolution whatever the device's (a PDF at 300 dpi, a printer
#: at 600 or 1200): text metrics differ slightly between resolutions, so laying out once,
#: then scaling, gives every device the same page (and the same line breaks).
DESIGN_DPI = 300


def _design() -> QImage:
    """The paint device the page is laid out for: only its resolution is used."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(DESIGN_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _points(pt: float) -> float:
    """Layout units (DESIGN_DPI pixels) for `pt` points."""
    return pt * DESIGN_DPI / 72.0


def _font(points: float, bold: bool = False) -> QFont:
    """The page's type in points (for the text document, laid out at DESIGN_DPI), without
    ligatures: text copied or searched in the PDF ('ff' in a SHA-256, 'fi' in 'filed')
    reads back letter for letter."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    for feature in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _drawn(points: float, bold: bool = False) -> QFont:
    """The same type for the painter, in layout units (pixels), so that its size does not
    depend on the device's own resolution."""
    font = _font(points, bold)
    font.setPixelSize(round(_points(points)))
    return font


def body_html(record: Record) -> str:
    """The record's text below the bar, as escaped HTML."""

    def row(label: str, value: str) -> str:
        return f"<tr><td class='k' width='19%'><b>{escape(label)}</b></td><td>{value}</td></tr>"

    daily = escape(record.daily)
    if record.working:
        daily += "<br>" + "<br>".join(f"Working: {escape(line)}" for line in record.working)
    parts = [
        f"<p class='answer'><b>{escape(record.answer)}</b></p>",
        "<table cellspacing='0' cellpadding='1' width='100%'>",
        row("Entered", escape(record.entered)),
        row(record.daily_label, daily),
        row("Bounds (source)", f"{escape(record.bounds.text)}. {escape(record.basis.line)}"),
        "</table>",
    ]
    for section in record.sections:
        if not section.items:
            continue
        parts.append(f"<h3>{escape(section.title)}</h3>")
        if section.title == "Precautions":
            group = None
            for item in section.items:
                if item.label != group:
                    if group is not None:
                        parts.append("</ul>")
                    group = item.label
                    parts.append(f"<p class='group'><b>{escape(group)}</b></p><ul>")
                tail = f" <i>({escape(item.confidence)})</i>" if item.confidence else ""
                parts.append(f"<li>{escape(item.text)}{escape(_cite(item.refs))}{tail}</li>")
            parts.append("</ul>")
        elif section.title == "References":
            parts.extend(f"<p class='ref'>{escape(item.text)}</p>" for item in section.items)
        else:
            parts.append("<ul>")
            for item in section.items:
                head = f"<b>{escape(item.label)}:</b> " if item.label else ""
                parts.append(f"<li>{head}{escape(item.text)}{escape(_cite(item.refs))}</li>")
            parts.append("</ul>")
    parts += [
        f"<p class='ref'><b>Scheme:</b> {escape(record.scheme_title)}, version {escape(record.scheme_version)}"
        f" ({escape(record.scheme_date)}), id {escape(record.scheme_id)}, SHA-256"
        f" <span style='font-family: DejaVu Sans Mono'>{escape(record.scheme_sha256)}</span>."
        f" Review: {escape(record.scheme_review)}</p>",
        f"<p><b>{escape(record.disclaimer)}</b></p>",
    ]
    return "".join(parts)


def _cite(refs: tuple[str, ...]) -> str:
    from core.report import cite

    return cite(refs)


_CSS = (
    "h3 { margin-top: 6px; margin-bottom: 2px; } p { margin-top: 2px; margin-bottom: 2px; }"
    " ul { margin-top: 0px; margin-bottom: 2px; } td.k { white-space: nowrap; padding-right: 8px; }"
    " p.ref { margin-left: 12px; } p.group { margin-top: 4px; margin-bottom: 0px; }"
)


def _bar(result: Classification, width: float) -> tuple[object, float]:
    """A dose bar laid out for the page: (bar, scale from its pixels to layout units)."""
    from gui.dose_bar import DoseBar

    bar = DoseBar(result.scheme)
    logical = 1000  # the bar's own width in its pixels; the page scales it to `width`
    scale = width / logical
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(6, round(_points(7) / scale)))  # 7 pt on paper
    bar.setFont(font)
    bar.set_curve_shown(False)  # the blockade estimates are in the notes, in words
    bar.resize(logical, bar.minimumSizeHint().height())
    bar.set_result(result)
    return bar, scale


def paint_record(device: QPagedPaintDevice, record: Record, result: Classification) -> float:
    """Paint the record on one page of `device` (a QPdfWriter, or a QPrinter the user
    chose); returns the text's type size in points. Raises OSError when the device cannot
    start a page (a folder that cannot be written, a printer that went away)."""
    to_device = device.logicalDpiY() / DESIGN_DPI
    width, height = device.width() / to_device, device.height() / to_device
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be started (is the file's folder writable?)")
    try:
        painter.scale(to_device, to_device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        y = _header(painter, record, width)
        bar, scale = _bar(result, width)
        painter.save()
        painter.translate(0, y)
        painter.scale(scale, scale)
        bar.render_vector(painter, INK, PAPER)
        painter.restore()
        y += bar.height() * scale + _points(4)
        bar.deleteLater()
        checked_height = _points(18)
        used = _body(painter, device, record, QRectF(0, y, width, height - y - checked_height))
        painter.setFont(_drawn(9))
        painter.setPen(INK)
        painter.drawText(
            QRectF(0, height - checked_height, width, checked_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            CHECKED_BY,
        )
    finally:
        painter.end()
    return used


def _header(painter: QPainter, record: Record, width: float) -> float:
    """The band in words on its colour, beside the title and the time; returns where it ends."""
    title_font, time_font, band_font = _drawn(10, bold=True), _drawn(8.5), _drawn(14, bold=True)
    stamp = f"Generated {record.when_text}"
    # The title's column on the right, wide enough for the time with its zone in full.
    side = max(
        _points(170), *(QFontMetricsF(f).horizontalAdvance(t) for f, t in ((title_font, TITLE), (time_font, stamp)))
    )
    gap, pad = _points(8), _points(6)
    chip_width = width - side - gap
    wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
    name = record.band_heading
    needed = QFontMetricsF(band_font).boundingRect(QRectF(0, 0, chip_width - 2 * pad, 1e6), wrap, name)
    title_line, time_line = (QFontMetricsF(f).height() for f in (title_font, time_font))
    height = max(needed.height() + pad, title_line + time_line + _points(4))
    chip = QRectF(0, 0, chip_width, height)
    painter.setPen(QPen(INK, _points(0.75)))
    painter.setBrush(QColor(record.band_colour))
    painter.drawRoundedRect(chip, _points(4), _points(4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setFont(band_font)
    painter.setPen(QColor(record.band_text_colour))
    painter.drawText(chip.adjusted(pad, 0, -pad, 0), wrap, name)
    painter.setPen(INK)
    right = QRectF(width - side, 0, side, title_line)
    painter.setFont(title_font)
    painter.drawText(right, Qt.AlignmentFlag.AlignRight, TITLE)
    painter.setFont(time_font)
    painter.drawText(right.translated(0, title_line), Qt.AlignmentFlag.AlignRight, stamp)
    return height + _points(6)


def _body(painter: QPainter, device: QPagedPaintDevice, record: Record, area: QRectF) -> float:
    """The text in the largest type size that fits `area`; returns that size. A record too
    long for one page even in the smallest size goes on over more pages, broken between
    lines: nothing is ever cut off."""
    doc = QTextDocument()
    design = _design()
    doc.documentLayout().setPaintDevice(design)
    doc.setDocumentMargin(0)
    doc.setIndentWidth(_points(6))  # a list's indent: Qt's default is 40 screen pixels
    html = body_html(record)
    used = BODY_POINTS[-1]
    for points in BODY_POINTS:
        references = max(REFERENCE_MIN, points * REFERENCE_SCALE)
        doc.setDefaultStyleSheet(_CSS + f" p.ref {{ font-size: {references:g}pt; }}")
        doc.setDefaultFont(_font(points))
        doc.setHtml(html)
        doc.setTextWidth(area.width())
        used = points
        if doc.size().height() <= area.height():
            break
    doc.setPageSize(QSizeF(area.width(), area.height()))
    painter.setPen(INK)
    for page in range(doc.pageCount()):
        if page:
            device.newPage()
        painter.save()
        painter.translate(area.left(), (area.top() if page == 0 else 0) - page * area.height())
        doc.drawContents(painter, QRectF(0, page * area.height(), area.width(), area.height()))
        painter.restore()
    return used
