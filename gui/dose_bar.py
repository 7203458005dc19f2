"""The dose bar: the scheme's bands on a logarithmic axis of daily dose, and a marker.

Everything drawn comes from the scheme (bounds, colours, short names) or from the
Classification (the dose and its band). The widget only maps doses to pixels.

The bar is built before the scheme is read (the window paints first, see `gui.app`):
until `set_scheme` it draws nothing, and core is imported only where a dose is drawn.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

if TYPE_CHECKING:
    from fractions import Fraction

    from core.classify import Classification
    from core.scheme import Band, Scheme

#: A band that is a single value (the standard dose) is still drawn this wide, in pixels.
SINGLE_VALUE_WIDTH = 9.0
_PAD = 10.0
_GAP = 28.0  # between the daily axis and the injection indicator
_CHIP_MIN = 70.0


def _log10(mg: Fraction) -> float:
    """log10 of an exact positive amount, safe for any size of numerator/denominator."""
    return math.log10(mg.numerator) - math.log10(mg.denominator)


def _decade(k: int) -> Fraction:
    """10 to the power k, exactly."""
    from fractions import Fraction

    return Fraction(10) ** k


class _Rows(NamedTuple):
    label_top: float
    label_h: float
    strip_top: float
    strip_h: float
    callout_top: float
    tick_top: float
    text_h: float

    @property
    def strip_bottom(self) -> float:
        return self.strip_top + self.strip_h


class DoseBar(QWidget):
    """Log-scale bar of the scheme's oral bands, the injection's own indicator, and a marker."""

    def __init__(self, scheme: Scheme | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseBar")
        self.setAccessibleName("Dose bar")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._scheme = scheme
        self._result: Classification | None = None
        self._span_key: tuple[object, ...] | None = None
        self._span = (0.0, 1.0)
        self._layer_key: tuple[object, ...] | None = None
        self._layer: QPixmap | None = None
        self._update_description()

    # -- data ---------------------------------------------------------------------
    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self._span_key = None
        self._layer_key = None
        self._result = None
        self._update_description()
        self.update()

    def set_result(self, result: Classification | None) -> None:
        """Show `result`'s marker, or none when `result` is None (input empty or refused)."""
        self._result = result
        self._update_description()
        self.update()

    def result(self) -> Classification | None:
        return self._result

    # -- geometry (public so tests and accessibility can check it) -------------------
    def _rows(self) -> _Rows:
        fm = QFontMetricsF(self.font())
        text_h = fm.height()
        label_h = text_h + 8
        strip_top = 2 + label_h + 8
        strip_h = max(30.0, round(text_h * 1.9))
        callout_top = strip_top + strip_h + 3
        tick_top = callout_top + text_h + 1
        return _Rows(2, label_h, strip_top, strip_h, callout_top, tick_top, text_h)

    def _scheme_now(self) -> Scheme:
        """The scheme; geometry is only asked for once there is one."""
        if self._scheme is None:
            raise RuntimeError("the dose bar has no scheme yet")
        return self._scheme

    def _axis_range(self) -> tuple[Fraction, Fraction]:
        limits = self._scheme_now().limits
        return limits.axis_min_mg, limits.axis_max_mg

    def _chip_width(self) -> float:
        fm = QFontMetricsF(self.font())
        return max([_CHIP_MIN] + [fm.horizontalAdvance(b.short_name) + 16 for b in self._scheme_now().injection_bands])

    def injection_area(self) -> QRectF:
        """Where the injection's own indicator is drawn (empty when the scheme has none)."""
        bands = self._scheme.injection_bands if self._scheme is not None else ()
        if not bands:
            return QRectF()
        rows = self._rows()
        width = self._chip_width() * len(bands) + 2 * (len(bands) - 1)
        return QRectF(self.width() - _PAD - width, rows.strip_top, width, rows.strip_h)

    def axis_span(self) -> tuple[float, float]:
        """The x of the axis minimum and maximum, in logical pixels (pure geometry,
        remembered for the width, font and scheme it was computed for)."""
        key = (self.width(), self.font().key())
        if self._span_key != key:
            self._span = self._compute_axis_span()
            self._span_key = key
        return self._span

    def _compute_axis_span(self) -> tuple[float, float]:
        from core.formatting import scale_text

        fm = QFontMetricsF(self.font())
        low, high = self._axis_range()
        left = _PAD + fm.horizontalAdvance(scale_text(low)) / 2
        right_edge = self.width() - _PAD
        inj = self.injection_area()
        if not inj.isEmpty():
            right_edge = inj.left() - _GAP
        right = right_edge - fm.horizontalAdvance(scale_text(high)) / 2
        return left, max(right, left + 1)

    def decade_width(self) -> float:
        """Pixels per factor of ten on the daily axis."""
        low, high = self._axis_range()
        left, right = self.axis_span()
        return (right - left) / (_log10(high) - _log10(low))

    def x_for_mg(self, mg: Fraction) -> float:
        """The x of a daily dose on the axis (not clamped: off-scale doses fall outside)."""
        low, _high = self._axis_range()
        left, _right = self.axis_span()
        return left + (_log10(mg) - _log10(low)) * self.decade_width()

    def band_rect(self, band_id: str) -> QRectF:
        """The rectangle drawn for a band (empty when the band is not on the bar)."""
        for band, rect in self._band_rects():
            if band.id == band_id:
                return rect
        return QRectF()

    def _band_rects(self) -> list[tuple[Band, QRectF]]:
        rows = self._rows()
        low, high = self._axis_range()
        out: list[tuple[Band, QRectF]] = []
        scheme = self._scheme_now()
        for band in scheme.oral_bands:
            assert band.lower_mg is not None
            lower = max(band.lower_mg, low)
            upper = high if band.upper_mg is None else min(band.upper_mg, high)
            if upper < low or lower > high or (upper == lower and band.upper_mg != band.lower_mg):
                continue
            x0, x1 = self.x_for_mg(lower), self.x_for_mg(upper)
            if band.upper_mg == band.lower_mg:
                centre = x0
                x0, x1 = centre - SINGLE_VALUE_WIDTH / 2, centre + SINGLE_VALUE_WIDTH / 2
            out.append((band, QRectF(x0, rows.strip_top, x1 - x0, rows.strip_h)))
        inj = self.injection_area()
        chip = self._chip_width()
        for i, band in enumerate(scheme.injection_bands):
            out.append((band, QRectF(inj.left() + i * (chip + 2), inj.top(), chip, inj.height())))
        return out

    def marker_state(self) -> str:
        """'none', 'on' (on the daily axis), 'below' or 'above' (off the scale), or 'injection'."""
        result = self._result
        if result is None:
            return "none"
        if result.daily_mg is None:
            return "injection"
        low, high = self._axis_range()
        if result.daily_mg < low:
            return "below"
        if result.daily_mg > high:
            return "above"
        return "on"

    def marker_x(self) -> float | None:
        """The x the marker points at (clamped to the axis ends when off the scale), or None."""
        state = self.marker_state()
        if state == "none":
            return None
        assert self._result is not None
        if state == "injection":
            return self.band_rect(self._result.band.id).center().x()
        left, right = self.axis_span()
        if state == "below":
            return left
        if state == "above":
            return right
        assert self._result.daily_mg is not None
        return self.x_for_mg(self._result.daily_mg)

    def band_at(self, point: QPointF) -> Band | None:
        """The band under a point; a single-value band wins over its wide neighbours."""
        if self._scheme is None:
            return None
        rects = self._band_rects()
        rects.sort(key=lambda item: item[0].upper_mg != item[0].lower_mg or item[0].route != "oral")
        for band, rect in rects:
            if rect.adjusted(-2, 0, 2, 0).contains(point):
                return band
        return None

    # -- words ----------------------------------------------------------------------
    def description(self) -> str:
        """Where the dose is, in words (the accessible description)."""
        if self._scheme is None:
            return "The dose scheme is being read: no bands yet."
        from core.formatting import mass_text

        result = self._result
        if result is None:
            return "No dose entered: the bar shows the bands of the scheme with no marker."
        if result.daily_mg is None:
            return (
                f"{result.regimen.describe(result.numbers)}: {result.band.name}, {result.bounds_text}. "
                "The injection is shown beside the daily scale, never as a daily dose."
            )
        numbers = result.numbers
        text = f"{mass_text(result.daily_mg, numbers)} a day: {result.band.name}, {result.bounds_text}"
        state = self.marker_state()
        low, high = self._axis_range()
        if state == "below":
            text += f" (off the scale, below {mass_text(low, numbers)})"
        elif state == "above":
            text += f" (off the scale, above {mass_text(high, numbers)})"
        return text + "."

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.description())

    def _marker_text(self) -> str:
        from core.formatting import mass_text_with_mg

        result = self._result
        assert result is not None
        if result.daily_mg is None:
            return result.regimen.describe(result.numbers)
        text = f"{mass_text_with_mg(result.daily_mg, result.daily_text, result.numbers)} a day"
        state = self.marker_state()
        if state == "below":
            text = "◀ " + text + " (below the scale)"
        elif state == "above":
            text += " (above the scale) ▶"
        return text

    # -- Qt -----------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(900, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        rows = self._rows()
        return QSize(480, int(math.ceil(rows.tick_top + 6 + rows.text_h + 4)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            band = self.band_at(QPointF(event.pos()))
            if band is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), f"{band.name} ({band.short_name}): {band.range_text}", self)
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt signature
        """The scheme's bands, ticks and labels come from a layer drawn once per size,
        pixel ratio, font and palette; only the marker is drawn for each answer."""
        if self._scheme is None:
            return
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        paper = pal.color(QPalette.ColorRole.Window)
        dpr = self.devicePixelRatioF() or 1.0
        key = (self.width(), self.height(), dpr, self.font().key(), pal.cacheKey(), id(self._scheme))
        if self._layer_key != key or self._layer is None:
            self._layer = self._paint_layer(dpr, ink, paper)
            self._layer_key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_marker(painter, self._rows(), QFontMetricsF(self.font()), ink, paper,
                           pal.color(QPalette.ColorRole.Base))  # fmt: skip
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_layer(self, dpr: float, ink: QColor, paper: QColor) -> QPixmap:
        """Everything that depends on the scheme and the geometry, not on the dose."""
        layer = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        layer.setDevicePixelRatio(dpr)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        rows = self._rows()
        fm = QFontMetricsF(self.font())

        def snap(v: float) -> float:
            return round(v * dpr) / dpr

        rects = self._band_rects()
        oral = [(b, r) for b, r in rects if b.route == "oral"]
        singles = [(b, r) for b, r in oral if b.upper_mg == b.lower_mg]
        wide = [(b, r) for b, r in oral if b.upper_mg != b.lower_mg]
        callouts: list[tuple[Band, QRectF]] = []
        for band, rect in (*wide, *singles):
            snapped = QRectF(QPointF(snap(rect.left()), rect.top()), QPointF(snap(rect.right()), rect.bottom()))
            painter.setPen(QPen(paper, 1.0) if band not in [b for b, _ in singles] else QPen(ink, 1.5))
            painter.setBrush(QColor(band.colour))
            painter.drawRect(snapped)
            if fm.horizontalAdvance(band.short_name) + 8 <= rect.width():
                painter.setPen(QColor(band.text_colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, band.short_name)
            else:
                callouts.append((band, rect))
        self._paint_callouts(painter, callouts, rows, fm, ink)
        self._paint_ticks(painter, rows, fm, ink)
        self._paint_injection(painter, [(b, r) for b, r in rects if b.route == "injection"], rows, fm, ink, paper)
        painter.end()
        return layer

    def _paint_callouts(
        self, painter: QPainter, callouts: list[tuple[Band, QRectF]], rows: _Rows, fm: QFontMetricsF, ink: QColor
    ) -> None:
        """Names of bands too narrow to hold them, written just under their segment."""
        painter.setPen(ink)
        last_right = -1e9
        for band, rect in sorted(callouts, key=lambda item: item[1].center().x()):
            width = fm.horizontalAdvance(band.short_name)
            left = rect.center().x() - width / 2
            if left < last_right + 4:
                continue
            painter.drawLine(QPointF(rect.center().x(), rect.bottom()), QPointF(rect.center().x(), rows.callout_top))
            painter.drawText(
                QRectF(left, rows.callout_top, width, rows.text_h), Qt.AlignmentFlag.AlignCenter, band.short_name
            )
            last_right = left + width

    def _paint_ticks(self, painter: QPainter, rows: _Rows, fm: QFontMetricsF, ink: QColor) -> None:
        """Decade ticks, labelled the ISMP way by core's mass_text (1 ng, 10 mcg, 1 mg...)."""
        low, high = self._axis_range()
        first, last = math.ceil(_log10(low) - 1e-9), math.floor(_log10(high) + 1e-9)
        painter.setPen(QPen(ink, 1))
        left, right = self.axis_span()
        painter.drawLine(QPointF(left, rows.tick_top), QPointF(right, rows.tick_top))
        labels = self.tick_labels()
        for k in range(first, last + 1):
            x = self.x_for_mg(_decade(k))
            painter.drawLine(QPointF(x, rows.tick_top), QPointF(x, rows.tick_top + 5))
        for x, text in labels:
            width = fm.horizontalAdvance(text)
            painter.drawText(
                QRectF(x - width / 2 - 1, rows.tick_top + 6, width + 2, rows.text_h), Qt.AlignmentFlag.AlignCenter, text
            )

    def tick_labels(self) -> list[tuple[float, str]]:
        """(x, text) of the decade labels drawn: every decade, or every 2nd/3rd when narrow.

        The ends of the axis are always labelled; labels never overlap.
        """
        from core.formatting import scale_text

        fm = QFontMetricsF(self.font())
        low, high = self._axis_range()
        first, last = math.ceil(_log10(low) - 1e-9), math.floor(_log10(high) + 1e-9)
        ticks = [(self.x_for_mg(_decade(k)), scale_text(_decade(k))) for k in range(first, last + 1)]
        widest = max((fm.horizontalAdvance(text) for _x, text in ticks), default=0.0) + 8
        step = 1
        while step < len(ticks) and self.decade_width() * step < widest:
            step += 1
        chosen = ticks[::step]
        if ticks and chosen[-1] != ticks[-1]:
            if chosen and ticks[-1][0] - chosen[-1][0] < widest:
                chosen.pop()
            chosen.append(ticks[-1])
        return chosen

    def _paint_injection(
        self,
        painter: QPainter,
        chips: list[tuple[Band, QRectF]],
        rows: _Rows,
        fm: QFontMetricsF,
        ink: QColor,
        paper: QColor,
    ) -> None:
        """The injection's own indicator: one chip per injection band, beside the daily axis."""
        if not chips:
            return
        for band, rect in chips:
            painter.setPen(QPen(paper, 1))
            painter.setBrush(QColor(band.colour))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QColor(band.text_colour))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, band.short_name)
        area = self.injection_area()
        painter.setPen(ink)
        painter.drawText(
            QRectF(area.left() - 20, rows.tick_top + 6, area.width() + 20 + _PAD, rows.text_h),
            Qt.AlignmentFlag.AlignCenter,
            "Injection",
        )
        separator = area.left() - _GAP / 2
        painter.setPen(QPen(ink, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(separator, rows.strip_top - 4), QPointF(separator, rows.tick_top + rows.text_h))

    def _paint_marker(
        self, painter: QPainter, rows: _Rows, fm: QFontMetricsF, ink: QColor, paper: QColor, base: QColor
    ) -> None:
        """The dose: a line through the strip, a pointer, and its value in words above."""
        x = self.marker_x()
        if x is None:
            return
        state = self.marker_state()
        top, bottom = rows.strip_top, rows.strip_bottom
        if state in ("on", "injection"):
            painter.setPen(QPen(base, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(x, top - 6), QPointF(x, bottom + 2))
            painter.setPen(QPen(ink, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(x, top - 6), QPointF(x, bottom + 2))
            pointer = QPolygonF([QPointF(x - 7, top - 9), QPointF(x + 7, top - 9), QPointF(x, top - 1)])
        else:
            direction = -1 if state == "below" else 1
            tip = x + direction * 14
            middle = (top + bottom) / 2
            pointer = QPolygonF([QPointF(x, middle - 11), QPointF(x, middle + 11), QPointF(tip, middle)])
        painter.setPen(QPen(base, 1.5))
        painter.setBrush(ink)
        painter.drawPolygon(pointer)
        text = self._marker_text()
        bold = painter.font()
        bold.setBold(True)
        width = QFontMetricsF(bold).horizontalAdvance(text) + 16
        left = min(max(x - width / 2, 1.0), self.width() - width - 1)
        box = QRectF(left, rows.label_top, width, rows.label_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawRoundedRect(box, 4, 4)
        painter.save()
        painter.setFont(bold)
        painter.setPen(paper)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
