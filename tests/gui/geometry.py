"""What "nothing is clipped" means, checked widget by widget: shared by the geometry sweep
(test_geometry.py) and the screenshot script's own check under Xvfb.

For every visible control (button, combo box, text field, text pane, the dose bar) and
every visible label:

- it lies entirely inside the window (the screen: windows are full screen or maximised);
- no ancestor clips it and nothing drawn over it hides part of it: its visibleRegion()
  covers its whole rect (inside a scroll area: fully inside the viewport once scrolled to,
  and without scrolling where `scrolling` is False);
- its text fits its box, measured with its own font's metrics: a label's text (wrapped
  or not, plain or rich) in its contents rect, a button's lines in the style's contents
  rect, a combo box's current text in its edit field, a text field's text or placeholder
  inside its margins;
- a text pane shows at least three lines; the dose bar's own texts (tick labels, the
  injection's chips, the dose's label, the blockade curve's title, scale and values)
  lie inside the bar and fit their boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QRegion, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTextEdit,
    QWidget,
)

#: Kinds of widget checked; anything else (containers, splitter handles) only holds these.
CHECKED = (QAbstractButton, QComboBox, QLineEdit, QTextEdit, QLabel)


def shown_text(text: str) -> str:
    """The text as drawn: a single '&' marks a mnemonic and is not drawn, '&&' is one '&'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _scroll_viewport(widget: QWidget, window: QWidget) -> QWidget | None:
    """The viewport of the scroll area `widget` sits in (a text pane's own viewport aside)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent and not isinstance(area, QTextEdit):
            return parent
        parent = parent.parentWidget()
    return None


def _shown_area(widget: QWidget) -> QRegion:
    """The part of `widget` on screen: its own visible region and its children's (a text
    pane's viewport, a field's clear button), within its rect."""
    region = QRegion(widget.visibleRegion())
    for child in widget.findChildren(QWidget):
        if child.isVisible():
            region = region.united(child.visibleRegion().translated(child.mapTo(widget, QPoint(0, 0))))
    return region.intersected(widget.rect())


def _label_problem(label: QLabel) -> str:
    text = label.text()
    if not text:
        return ""
    box = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(box.width())
        need = doc.size().toSize()
    else:
        fm = QFontMetrics(label.font())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextShowMnemonic)
        if label.wordWrap():
            flags |= int(Qt.TextFlag.TextWordWrap)
            need = fm.boundingRect(QRect(0, 0, box.width(), 100_000), flags, text).size()
        else:
            need = fm.boundingRect(QRect(0, 0, 100_000, 100_000), flags, text).size()
    if need.width() > box.width() or need.height() > box.height():
        return f"text needs {need.width()}x{need.height()} px, has {box.width()}x{box.height()}"
    return ""


def _button_problem(button: QAbstractButton) -> str:
    text = shown_text(button.text())
    if not text or not isinstance(button, QPushButton):
        return ""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    box = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    fm = QFontMetrics(button.font())
    need = fm.boundingRect(QRect(0, 0, 100_000, 100_000), int(Qt.AlignmentFlag.AlignCenter), text).size()
    if need.width() > box.width() or need.height() > box.height():
        return f"text {text!r} needs {need.width()}x{need.height()} px, has {box.width()}x{box.height()}"
    return ""


def _combo_problem(combo: QComboBox) -> str:
    text = combo.currentText() or combo.placeholderText()
    if not text:
        return ""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    need = QFontMetrics(combo.font()).horizontalAdvance(text)
    if need > field.width():
        return f"shows {text!r}: needs {need} px, has {field.width()}"
    return ""


def _line_edit_problem(edit: QLineEdit) -> str:
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    box = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    width = box.width() - margins.left() - margins.right() - 4  # QLineEdit's own 2 px each side
    fm = QFontMetrics(edit.font())
    for what, text in (("text", edit.text()), ("placeholder", edit.placeholderText() if not edit.text() else "")):
        if not text:
            continue
        shown = "•" * len(text) if edit.echoMode() != QLineEdit.EchoMode.Normal else text
        need = fm.horizontalAdvance(shown)
        if need > width:
            return f"{what} {text!r} needs {need} px, has {width}"
    if fm.height() > box.height():
        return f"a line needs {fm.height()} px high, has {box.height()}"
    return ""


def _text_pane_problem(pane: QTextEdit) -> str:
    lines = pane.viewport().height() / QFontMetrics(pane.font()).lineSpacing()
    if lines < 3:
        return f"shows {lines:.1f} lines of text, fewer than 3"
    return ""


def _bar_problems(bar: QWidget) -> list[str]:
    """The dose bar's own texts, from its public geometry."""
    if getattr(bar, "_scheme", None) is None:
        return []
    out: list[str] = []
    fm = QFontMetricsF(bar.font())
    inside = QRectF(bar.rect())
    for x, text in bar.tick_labels():
        width = fm.horizontalAdvance(text)
        if x - width / 2 < 0 or x + width / 2 > bar.width():
            out.append(f"tick label {text!r} at {x:.0f} runs off the bar (0..{bar.width()})")
    for band in bar._scheme.bands:
        rect = bar.band_rect(band.id)
        if rect.isEmpty():
            continue
        if not inside.contains(rect):
            out.append(f"band {band.id} drawn at {rect.getRect()} outside the bar {bar.width()}x{bar.height()}")
        need = fm.horizontalAdvance(band.short_name) + 4
        if band.route == "injection" and need > rect.width():
            out.append(f"chip {band.short_name!r} needs {need:.0f} px, has {rect.width():.0f}")
    if bar.marker_state() != "none":
        bold = QFont(bar.font())
        bold.setBold(True)
        text = bar._marker_text()
        need = QFontMetricsF(bold).horizontalAdvance(text) + 16
        if need > bar.width():
            out.append(f"dose label {text!r} needs {need:.0f} px, the bar is {bar.width()}")
    if bar.minimumSizeHint().height() > bar.height():
        out.append(f"{bar.height()} px high, needs {bar.minimumSizeHint().height()}")
    return out + _curve_problems(bar, inside)


def _curve_problems(bar: QWidget, inside: QRectF) -> list[str]:
    """The blockade curve's texts: its title, its 0/50/100 % scale and the doses' values."""
    area = bar.curve_area()
    if area.isEmpty():
        return []
    out: list[str] = []
    small = QFontMetricsF(bar._small_font())
    if small.height() * 2.5 > area.height():
        out.append(f"blockade curve {area.height():.0f} px high, too low for its 0/50/100 % scale")
    if bar.curve_scale_x() + small.horizontalAdvance("100 %") > bar.width():
        out.append(f"the curve's '100 %' runs off the bar (from {bar.curve_scale_x():.0f}, bar {bar.width()})")
    title = bar.chart_title_rect()
    if title.width() < small.horizontalAdvance(bar._scheme.blockade_model.chart_label[:12]):
        out.append(f"the curve's title has {title.width():.0f} px, too little to read")
    for text, rect in bar.dose_labels():
        if not inside.contains(rect):
            out.append(f"blockade value {text!r} at {rect.getRect()} outside the bar")
    return out


def problems(window: QWidget, scope: QWidget | None = None, scrolling: bool = True) -> list[str]:
    """Every clipped, hidden or overflowing control or label in `scope` (default: the
    window), in words. `scrolling` False: a control inside a scroll area must show without
    scrolling."""
    from gui.dose_bar import DoseBar

    scope = scope or window
    screen = window.rect()
    found: list[str] = []
    widgets = [w for w in scope.findChildren(QWidget) if w.isVisible() and w.window() is window]
    for widget in widgets:
        if not isinstance(widget, (*CHECKED, DoseBar)):
            continue
        name = widget.objectName() or f"{type(widget).__name__} {shown_text(getattr(widget, 'text', str)() or '')!r}"
        rect = _in_window(widget, window)

        def report(what: str, name: str = name) -> None:
            found.append(f"{name}: {what}")

        if widget.width() <= 0 or widget.height() <= 0:
            report("has no size")
            continue
        viewport = _scroll_viewport(widget, window)
        if viewport is not None and scrolling:  # it shows once its scroll area is scrolled to it
            area = _in_window(viewport, window)
            if not screen.contains(area):
                report(f"its scroll area at {area.getRect()} is outside the window {screen.width()}x{screen.height()}")
        elif not screen.contains(rect):
            report(f"at {rect.getRect()}, outside the window {screen.width()}x{screen.height()}")
        if viewport is not None:
            in_view = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            if in_view.left() < 0 or in_view.right() > viewport.width() - 1:
                report(f"wider than its scroll area ({in_view.getRect()} in {viewport.width()} px)")
            elif not scrolling and not viewport.rect().contains(in_view):
                report(f"needs scrolling to be seen ({in_view.getRect()} in {viewport.width()}x{viewport.height()})")
        if viewport is None or not scrolling:
            covered = _shown_area(widget)
            missing = widget.width() * widget.height() - sum(r.width() * r.height() for r in covered)
            if missing > 0:
                report(f"{missing} px of it are clipped or covered (shows {covered.boundingRect().getRect()})")
        text_problem = ""
        if isinstance(widget, QLabel):
            text_problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            text_problem = _button_problem(widget)
        elif isinstance(widget, QComboBox):
            text_problem = _combo_problem(widget)
        elif isinstance(widget, QLineEdit):
            text_problem = _line_edit_problem(widget)
        elif isinstance(widget, QTextEdit):
            text_problem = _text_pane_problem(widget)
        elif isinstance(widget, DoseBar):
            for problem in _bar_problems(widget):
                report(problem)
        if text_problem:
            report(text_problem)
    return found
