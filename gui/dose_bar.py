"""The dose bar: the scheme's bands on a logarithmic axis of daily dose, and a marker; under
them, over the same axis, the scheme's estimated receptor blockade after one oral dose
(a curve on a small 0-100 % scale, its measured points, the entered single doses).

Everything drawn comes from the scheme (bounds, colours, short names, the blockade model)
or from the Classification (the dose, its band, its estimates). The widget only maps
doses to pixels.

The bar is built before the scheme is read (the window paints first, see `gui.app`):
until `set_scheme` it draws nothing, and core is imported only where a dose is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
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

    from core.blockade import BlockadeEstimate
    from core.classify import Classification
    from core.scheme import Band, Scheme

#: A band that is a single value (the standard dose) is still drawn this wide, in pixels.
SINGLE_VALUE_WIDTH = 9.0
_PAD = 10.0
_GAP = 28.0  # between the daily axis and the injection indicator
_CHIP_MIN = 70.0
#: The blockade curve's height in lines of the bar's font: what it gets where there is room,
#: and what it shrinks to on a short screen (the kiosk at 1024x600), but never below
#: _PLOT_MIN_H pixels. Its 0/50/100 % scale needs three lines of its smaller font.
_PLOT_LINES, _PLOT_MIN_LINES = 3.6, 2.6
_PLOT_MIN_H = 36.0


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
    plot_top: float = 0.0
    plot_h: float = 0.0  # 0: no blockade curve (the scheme has no model)

    @property
    def strip_bottom(self) -> float:
        return self.strip_top + self.strip_h

    @property
    def plot_bottom(self) -> float:
        return self.plot_top + self.plot_h


class DoseBar(QWidget):
    """Log-scale bar of the scheme's oral bands, the injection's own indicator, and a marker."""

    def __init__(self, scheme: Scheme | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseBar")
        self.setAccessibleName("Dose bar")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # as tall as sizeHint where there is room; the curve shrinks (to minimumSizeHint) where not
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setMouseTracking(True)
        # The bar paints every pixel (its layer starts with the window's background), so Qt
        # need not paint the widgets under it first, and the layer is copied, not blended.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._scheme = scheme
        self._result: Classification | None = None
        self._span_key: tuple[object, ...] | None = None
        self._span = (0.0, 1.0)
        self._layer_key: tuple[object, ...] | None = None
        self._layer: QPixmap | None = None
        self._rows_cache: dict[tuple[object, ...], _Rows] = {}
        self._curve = True
        self._painting_font_key = ""  # the font's key while a paint runs (see _font_key)
        self._update_description()

    # -- data ---------------------------------------------------------------------
    def set_curve_shown(self, shown: bool) -> None:
        """Draw the blockade curve (the default when the scheme has a model) or not: the
        printed record leaves it out for room and gives the estimates in words."""
        self._curve = shown
        self._layer_key = None
        self.updateGeometry()
        self.update()

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self._span_key = None
        self._layer_key = None
        self._rows_cache.clear()
        self._result = None
        self._update_description()
        self.updateGeometry()  # a scheme without a blockade model needs no curve row
        self.update()

    def set_result(self, result: Classification | None) -> None:
        """Show `result`'s marker, or none when `result` is None (input empty or refused)."""
        if result is None and self._result is None:
            return  # no marker before, none now: nothing to draw again (typing through refusals)
        self._result = result
        self._update_description()
        self.update()

    def result(self) -> Classification | None:
        return self._result

    # -- geometry (public so tests and accessibility can check it) -------------------
    def _rows(self, plot: str = "fit") -> _Rows:
        """The rows (see _compute_rows), remembered for the size, font and scheme they were
        computed for: several geometry helpers ask for them on every paint."""
        key = (plot, self.width(), self.height(), self._font_key(), id(self._scheme), self._curve)
        cached = self._rows_cache.get(key)
        if cached is None:
            if len(self._rows_cache) > 8:
                self._rows_cache.clear()
            cached = self._rows_cache[key] = self._compute_rows(plot)
        return cached

    def _font_key(self) -> str:
        """The font's key, for the geometry caches' keys: read once per paint (a paint
        asked for it 15 times, a tenth of the bar's paint; the font cannot change while the
        bar paints), and afresh at any other time."""
        return self._painting_font_key or self.font().key()

    def _compute_rows(self, plot: str) -> _Rows:
        """Rows from top: the dose's label, the band strip, names of narrow bands, the
        blockade curve (when the scheme has a model, or before the scheme is read, so
        that the bar does not change height then), the decade axis and its labels.

        The curve is as tall as the widget allows between its smallest and its preferred
        height (`plot` "fit"), or exactly one of them ("min", "preferred")."""
        fm = QFontMetricsF(self.font())
        text_h = fm.height()
        label_h = text_h + 8
        strip_top = 2 + label_h + 8
        strip_h = max(30.0, round(text_h * 1.9))
        callout_top = strip_top + strip_h + 3
        tick_top = callout_top + text_h + 1
        if self._scheme is not None and (self._scheme.blockade_model is None or not self._curve):
            return _Rows(2, label_h, strip_top, strip_h, callout_top, tick_top, text_h)
        plot_top = tick_top + 6
        smallest = max(_PLOT_MIN_H, round(text_h * _PLOT_MIN_LINES))
        preferred = max(smallest, round(text_h * _PLOT_LINES))
        below_plot = 6 + 6 + text_h + 4  # to the axis, its ticks and labels (as in minimumSizeHint)
        plot_h = {"min": smallest, "preferred": preferred}.get(plot)
        if plot_h is None:
            plot_h = min(preferred, max(smallest, math.floor(self.height() - plot_top - below_plot)))
        return _Rows(2, label_h, strip_top, strip_h, callout_top, plot_top + plot_h + 6, text_h, plot_top, plot_h)

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
        key = (self.width(), self._font_key())
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

    # -- the blockade curve (geometry) ---------------------------------------------------
    def curve_area(self) -> QRectF:
        """The curve's plot: the daily axis's x span, 0 % at the bottom, 100 % at the top
        (empty when the scheme has no blockade model)."""
        if self._scheme is None or self._scheme.blockade_model is None or not self._curve:
            return QRectF()
        rows = self._rows()
        left, right = self.axis_span()
        return QRectF(left, rows.plot_top, right - left, rows.plot_h)

    def y_for_share(self, share: float) -> float:
        """The y of a blocked share (0 to 1) on the curve's small secondary scale."""
        area = self.curve_area()
        return area.bottom() - share * area.height()

    def curve_segments(self) -> list[tuple[QPolygonF, bool]]:
        """The curve as (polyline, extrapolated) pieces, left to right: dashed outside the
        measured doses, solid within. One vertex per pixel column, plus the joints. Floats:
        this is drawing only; every figure shown in words is exact (core.blockade)."""
        area = self.curve_area()
        if area.isEmpty():
            return []
        model = self._scheme_now().blockade_model
        assert model is not None
        low, high = self._axis_range()
        lo_x, hi_x = self.x_for_mg(low), self.x_for_mg(high)
        joints = [lo_x, max(lo_x, min(hi_x, self.x_for_mg(model.data_from_mg))),
                  max(lo_x, min(hi_x, self.x_for_mg(model.data_to_mg))), hi_x]  # fmt: skip
        log_low, width = _log10(low), self.decade_width()
        bottom, height, ed50 = area.bottom(), area.height(), float(model.ed50_mg)

        def y_at(x: float) -> float:  # y_for_share(D / (D + ED50)) inlined: one call per pixel column
            mg = 10 ** (log_low + (x - lo_x) / width)
            return bottom - mg / (mg + ed50) * height

        out: list[tuple[QPolygonF, bool]] = []
        for index, (start, end) in enumerate(zip(joints, joints[1:], strict=False)):
            if end - start < 0.5:
                continue
            xs = [start, *[float(x) for x in range(math.ceil(start), math.floor(end) + 1) if start < x < end], end]
            out.append((QPolygonF([QPointF(x, y_at(x)) for x in xs]), index != 1))
        return out

    def data_point_centres(self) -> list[QPointF]:
        """Where the scheme's measured points are drawn (dose, measured share)."""
        model = self._scheme.blockade_model if self._scheme is not None else None
        if model is None:
            return []
        return [
            QPointF(self.x_for_mg(p.dose_mg), self.y_for_share(float(p.blocked_percent) / 100)) for p in model.points
        ]

    def dose_points(self) -> list[tuple[BlockadeEstimate, QPointF]]:
        """The entered single doses on the curve (those within the axis), smallest first."""
        if self._result is None or self.curve_area().isEmpty():
            return []
        low, high = self._axis_range()
        return [
            (e, QPointF(self.x_for_mg(e.dose_mg), self.y_for_share(float(e.fraction))))
            for e in self._result.blockade
            if low <= e.dose_mg <= high
        ]

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
            ) + self._blockade_words()
        numbers = result.numbers
        text = f"{mass_text(result.daily_mg, numbers)} a day: {result.band.name}, {result.bounds_text}"
        state = self.marker_state()
        low, high = self._axis_range()
        if state == "below":
            text += f" (off the scale, below {mass_text(low, numbers)})"
        elif state == "above":
            text += f" (off the scale, above {mass_text(high, numbers)})"
        return text + "." + self._blockade_words()

    def _blockade_words(self) -> str:
        """' Estimated receptor blockade: One 4.5 mg dose: about 45 % ... .' ('' without a model)."""
        result, model = self._result, self._scheme.blockade_model if self._scheme is not None else None
        if result is None or model is None or result.blockade_note is None:
            return ""
        sentences = [f"{e.text}." for e in result.blockade] or [result.blockade_note.text]
        return f" {model.label}: {' '.join(sentences)}"

    def curve_tooltip(self) -> str:
        """What the curve is, in words: its title, sources, and how the measured range is drawn."""
        model = self._scheme_now().blockade_model
        if model is None:
            return ""
        from core.blockade import data_range_text
        from core.report import cite

        return (
            f"{model.chart_label}{cite(model.refs)}: solid over the measured doses ({data_range_text(model)}), "
            "dashed where the model is extrapolated; rings are the measurements; dots are the doses entered."
        )

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
        rows = self._rows("preferred")
        return QSize(900, int(math.ceil(rows.tick_top + 6 + rows.text_h + 4)))

    def minimumSizeHint(self) -> QSize:
        rows = self._rows("min")
        return QSize(480, int(math.ceil(rows.tick_top + 6 + rows.text_h + 4)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            band = self.band_at(QPointF(event.pos()))
            if band is None and self.curve_area().adjusted(-4, -4, 4, 4).contains(QPointF(event.pos())):
                QToolTip.showText(event.globalPos(), self.curve_tooltip(), self)
                return True
            if band is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), f"{band.heading}: {band.range_text}", self)
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
        self._painting_font_key = self.font().key()
        try:
            self._paint(event)
        finally:
            self._painting_font_key = ""

    def _paint(self, event: QPaintEvent) -> None:  # noqa: ARG002 - as paintEvent
        pal = self.palette()
        if self._scheme is None:
            # opaque: what is under it. eraseRect is fillRect with the painter's background;
            # fillRect's overloads made PySide6 build QGradient's enums for the first paint (2-5 ms)
            painter = QPainter(self)
            painter.setBackground(pal.brush(self.backgroundRole()))
            painter.eraseRect(self.rect())
            return
        ink = pal.color(QPalette.ColorRole.WindowText)
        paper = pal.color(QPalette.ColorRole.Window)
        dpr = self.devicePixelRatioF() or 1.0
        key = (self.width(), self.height(), dpr, self._font_key(), pal.cacheKey(), id(self._scheme))
        if self._layer_key != key or self._layer is None:
            self._layer = self._paint_layer(dpr, ink, paper)
            self._layer_key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_marker(painter, self._rows(), QFontMetricsF(self.font()), ink, paper,
                           pal.color(QPalette.ColorRole.Base))  # fmt: skip
        self._paint_dose_points(painter, ink, pal.color(QPalette.ColorRole.Base))
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def _paint_layer(self, dpr: float, ink: QColor, paper: QColor) -> QPixmap:
        """Everything that depends on the scheme and the geometry, not on the dose, on the
        window's background (the palette is in the layer's key): an opaque layer, copied
        onto the screen each paint rather than blended."""
        layer = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        layer.setDevicePixelRatio(dpr)
        background = self.palette().brush(self.backgroundRole())
        layer.fill(background.color())  # an opaque colour keeps the pixmap without an alpha channel
        painter = QPainter(layer)
        if background.style() != Qt.BrushStyle.SolidPattern:
            painter.fillRect(QRectF(0, 0, self.width(), self.height()), background)
        self._paint_static(painter, dpr, ink, paper)
        painter.end()
        return layer

    def render_vector(self, painter: QPainter, ink: QColor, paper: QColor) -> None:
        """Draw the whole bar with `painter` in this widget's coordinates, as vector
        graphics (the record's page: a PDF or a printer), not through the cached pixmap.
        The widget need not be shown; give it a font in pixels so that its geometry and
        the page's text agree."""
        if self._scheme is None:
            return
        painter.save()
        self._paint_static(painter, 1.0, ink, paper)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        self._paint_marker(painter, self._rows(), QFontMetricsF(self.font()), ink, paper, paper)
        self._paint_dose_points(painter, ink, paper)
        painter.restore()

    def _paint_static(self, painter: QPainter, dpr: float, ink: QColor, paper: QColor) -> None:
        """The bands, their names, the curve, the axis and the injection's chips."""
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
        self._paint_curve(painter, ink, paper, snap)
        self._paint_ticks(painter, rows, fm, ink)
        self._paint_injection(painter, [(b, r) for b, r in rects if b.route == "injection"], rows, fm, ink, paper)

    def _small_font(self) -> QFont:
        """The curve's title, scale and values: a little smaller than the bar's labels."""
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        else:  # a font sized in pixels
            small.setPixelSize(max(1, round(small.pixelSize() * 0.85)))
        return small

    def curve_scale_x(self) -> float:
        """The left edge of the 0/50/100 % labels: right of the axis, in the injection's column
        (which has nothing else at the curve's height)."""
        inj = self.injection_area()
        return (inj.left() - _GAP / 2 + 4) if not inj.isEmpty() else self.axis_span()[1] + 4

    def chart_title_rect(self) -> QRectF:
        """Where the curve's title is written: top left, just under 100 %, left of where the
        curve rises into it (the title is elided to this width)."""
        area = self.curve_area()
        if area.isEmpty():
            return QRectF()
        model = self._scheme_now().blockade_model
        assert model is not None
        height = QFontMetricsF(self._small_font()).height()
        top = area.top() + 2
        limit = self._left_of_curve(top + height + 3)
        return QRectF(area.left() + 2, top, max(0.0, min(limit, area.right()) - area.left() - 2), height)

    def _left_of_curve(self, y: float) -> float:
        """The x up to which the curve stays below height `y` (minus a small margin), so
        text above `y` and left of it never covers the curve."""
        area = self.curve_area()
        model = self._scheme_now().blockade_model
        assert model is not None
        share = min(0.999, max(0.001, (area.bottom() - y) / area.height()))
        dose = float(model.ed50_mg) * share / (1 - share)  # the inverse of D / (D + ED50), for drawing only
        low, _high = self._axis_range()
        return min(area.right(), area.left() + (math.log10(dose) - _log10(low)) * self.decade_width() - 4)

    def _paint_curve(self, painter: QPainter, ink: QColor, paper: QColor, snap: Callable[[float], float]) -> None:
        """Estimated blockade after one oral dose, on a small 0-100 % scale of its own: solid
        over the measured doses, dashed where extrapolated, the measured points as rings.
        Ink only (no colour carries meaning), so it reads the same in greyscale."""
        area = self.curve_area()
        if area.isEmpty():
            return
        model = self._scheme_now().blockade_model
        assert model is not None
        small = self._small_font()
        sfm = QFontMetricsF(small)
        grid = QColor(ink)
        grid.setAlphaF(0.4)
        painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        scale_x = self.curve_scale_x()
        painter.setFont(small)
        for share, text in ((1.0, "100 %"), (0.5, "50 %"), (0.0, "0 %")):
            y = snap(self.y_for_share(share))
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(ink)
            label = QRectF(scale_x, y - sfm.height() / 2, self.width() - scale_x, sfm.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        title = self.chart_title_rect()
        text = sfm.elidedText(model.chart_label, Qt.TextElideMode.ElideRight, title.width())
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for polygon, extrapolated in self.curve_segments():
            pen = QPen(
                ink, 1.6 if extrapolated else 2.6, Qt.PenStyle.DashLine if extrapolated else Qt.PenStyle.SolidLine
            )
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawPolyline(polygon)
        painter.setPen(QPen(ink, 1.3))
        painter.setBrush(paper)
        for centre in self.data_point_centres():
            painter.drawEllipse(centre, 3.2, 3.2)
        painter.setFont(self.font())

    def dose_labels(self, points: list[tuple[BlockadeEstimate, QPointF]] | None = None) -> list[tuple[str, QRectF]]:
        """(text, rect) of the entered doses' values.

        One dose: 'about 4 %' beside its point, above-left (where the rising curve is
        lower), or below-right when there is no room above. Several doses: each names its
        dose ('100 mg: about 95 %'), set in rows under the curve's title, where the curve
        is still low (a label beside a neighbouring dot could be read as that dose's).
        When they do not all fit, the last item says how many are left out (the answer's
        text and the accessible description give them all). `points`: dose_points(), when
        the caller has them already."""
        points = self.dose_points() if points is None else points
        if not points:
            return []
        area = self.curve_area()
        bold = self._small_font()
        bold.setBold(True)
        fm = QFontMetricsF(bold)
        height = fm.height()
        if len(points) == 1:
            ((estimate, centre),) = points
            text = estimate.percent_text
            width = fm.horizontalAdvance(text) + 6
            if centre.y() - 4 - height >= area.top() - 2:
                rect = QRectF(centre.x() - 7 - width, centre.y() - 4 - height, width, height)
                if rect.left() < area.left():
                    rect.moveLeft(centre.x() + 7)
            else:
                rect = QRectF(centre.x() + 7, centre.y() + 4, width, height)
            rect.moveLeft(max(area.left(), min(rect.left(), area.right() - width)))
            return [(text, rect)]
        from core.formatting import mass_text

        assert self._result is not None  # there are dose points
        texts = [f"{mass_text(e.dose_mg, self._result.numbers)}: {e.percent_text}" for e, _centre in points]
        top, start = self.chart_title_rect().bottom() + 1, area.left() + 2

        def flow(items: list[str]) -> list[tuple[str, QRectF]] | None:
            """Left to right, row under row, each row left of where the curve rises into
            it; None when they do not fit above the 0 % line."""
            placed: list[tuple[str, QRectF]] = []
            x, y = start, top
            for text in items:
                width = fm.horizontalAdvance(text) + 6
                if x > start and x + width > self._left_of_curve(y + height):
                    x, y = start, y + height + 1
                if y + height > area.bottom() - 1 or x + width > self._left_of_curve(y + height):
                    return None
                placed.append((text, QRectF(x, y, width, height)))
                x += width + 8
            return placed

        for shown in range(len(texts), -1, -1):
            more = [] if shown == len(texts) else [f"and {len(texts) - shown} more (listed in the answer)"]
            placed = flow(texts[:shown] + more)
            if placed is not None:
                return placed
        return []

    def _paint_dose_points(self, painter: QPainter, ink: QColor, base: QColor) -> None:
        """The entered single doses on the curve: a dot ringed in the base colour, a dotted
        drop to 0 %, and the rounded estimate beside it."""
        points = self.dose_points()
        if not points:
            return
        area = self.curve_area()
        for _estimate, centre in points:
            painter.setPen(QPen(ink, 1, Qt.PenStyle.DotLine))
            painter.drawLine(centre, QPointF(centre.x(), area.bottom()))
        for _estimate, centre in points:
            painter.setPen(QPen(base, 2))
            painter.setBrush(ink)
            painter.drawEllipse(centre, 5.5, 5.5)
        bold = self._small_font()
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        halo = QColor(base)
        halo.setAlphaF(0.85)
        for text, rect in self.dose_labels(points):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(ink)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

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
        """The dose: a line through the strip (the injection: a ring round its chip), a
        pointer, and its value in words above."""
        x = self.marker_x()
        if x is None:
            return
        state = self.marker_state()
        top, bottom = rows.strip_top, rows.strip_bottom
        if state == "injection":  # the chip is ringed: a line through it would cross its name
            assert self._result is not None
            ring = self.band_rect(self._result.band.id).adjusted(-3, -3, 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(base, 5))
            painter.drawRoundedRect(ring, 6, 6)
            painter.setPen(QPen(ink, 2.5))
            painter.drawRoundedRect(ring, 6, 6)
            pointer = QPolygonF([QPointF(x - 7, top - 12), QPointF(x + 7, top - 12), QPointF(x, top - 4)])
        elif state == "on":
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
