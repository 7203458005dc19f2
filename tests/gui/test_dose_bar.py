"""The bar's geometry: decades are equal, bands sit where the scheme says, markers point right."""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from fractions import Fraction

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF

from core.classify import classify
from core.form_input import regimen_from_form
from core.regimen import read_regimen
from gui.dose_bar import SINGLE_VALUE_WIDTH, DoseBar


def result_for(scheme, amount, unit="mg", form="tablet", frequency="once-daily"):
    return classify(regimen_from_form(amount, unit, form, frequency, "en_US", scheme.limits), scheme)


@pytest.fixture(params=[700, 1000, 1600])
def bar(qtbot, scheme, request):
    widget = DoseBar(scheme)
    qtbot.addWidget(widget)
    widget.resize(request.param, widget.minimumSizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_decades_have_equal_width(bar):
    width = bar.decade_width()
    assert width > 20
    for low in (Fraction(1, 10**6), Fraction(1, 1000), Fraction(1), Fraction(10)):
        assert bar.x_for_mg(low * 10) - bar.x_for_mg(low) == pytest.approx(width)


def test_marker_for_doses_a_decade_apart_moves_one_decade(bar, scheme):
    bar.set_result(result_for(scheme, "0.45"))
    x_small = bar.marker_x()
    bar.set_result(result_for(scheme, "4.5"))
    x_large = bar.marker_x()
    assert x_large - x_small == pytest.approx(bar.decade_width())
    assert x_large == pytest.approx(bar.x_for_mg(Fraction(9, 2)))


def test_axis_ends_are_the_schemes_range(bar, scheme):
    left, right = bar.axis_span()
    assert bar.x_for_mg(scheme.limits.axis_min_mg) == pytest.approx(left)
    assert bar.x_for_mg(scheme.limits.axis_max_mg) == pytest.approx(right)
    assert 0 < left < right < bar.width()


def test_bands_sit_where_the_scheme_says(bar, scheme):
    left, right = bar.axis_span()
    for band in scheme.oral_bands:
        rect = bar.band_rect(band.id)
        assert not rect.isEmpty(), band.id
        if band.upper_mg == band.lower_mg:
            assert rect.center().x() == pytest.approx(bar.x_for_mg(band.lower_mg))
            continue
        expected_left = left if band.lower_mg == 0 else bar.x_for_mg(band.lower_mg)
        expected_right = right if band.upper_mg is None else bar.x_for_mg(band.upper_mg)
        assert rect.left() == pytest.approx(expected_left), band.id
        assert rect.right() == pytest.approx(expected_right), band.id


def test_single_value_band_is_visible_and_can_be_pointed_at(bar, scheme):
    standard = next(b for b in scheme.oral_bands if b.upper_mg == b.lower_mg)
    rect = bar.band_rect(standard.id)
    assert rect.width() >= SINGLE_VALUE_WIDTH >= 6
    assert bar.band_at(rect.center()) is standard
    image = bar.grab().toImage()
    dpr = image.devicePixelRatio()
    pixel = image.pixelColor(int(rect.center().x() * dpr), int((rect.top() + 4) * dpr))
    assert pixel == QColor(standard.colour)


def test_segments_use_the_schemes_colours(bar, scheme):
    image = bar.grab().toImage()
    dpr = image.devicePixelRatio()
    for band in scheme.bands:
        rect = bar.band_rect(band.id)
        colours = Counter(
            image.pixelColor(int(x * dpr), int((rect.top() + 3) * dpr)).name()
            for x in range(int(rect.left()) + 3, int(rect.right()) - 2)
        )
        assert colours.most_common(1)[0][0] == band.colour, band.id


def test_injection_has_its_own_indicator(bar, scheme):
    _left, right = bar.axis_span()
    for band in scheme.injection_bands:
        assert bar.band_rect(band.id).left() > right
    result = classify(regimen_from_form("380", "mg", "injection", "every-4-weeks", "en_US", scheme.limits), scheme)
    bar.set_result(result)
    assert bar.marker_state() == "injection"
    assert bar.band_rect("xr-standard").contains(QPointF(bar.marker_x(), bar.band_rect("xr-standard").center().y()))


def test_tick_labels_are_safe_and_never_overlap(bar):
    labels = bar.tick_labels()
    texts = [t for _x, t in labels]
    assert texts[0] == "1 ng" and texts[-1] == "1 g"
    assert not any("µ" in t or t.startswith(".") or ".0 " in t for t in texts)
    if bar.width() >= 1000:
        assert texts == ["1 ng", "10 ng", "100 ng", "1 mcg", "10 mcg", "100 mcg", "1 mg", "10 mg", "100 mg", "1 g"]
    xs = [x for x, _t in labels]
    assert all(b - a > 40 for a, b in zip(xs, xs[1:], strict=False))


def test_off_scale_dose_gets_an_arrow_at_the_edge(qtbot, scheme):
    limits = dataclasses.replace(scheme.limits, axis_min_mg=Fraction(1, 1000), axis_max_mg=Fraction(100))
    narrow = dataclasses.replace(scheme, limits=limits)
    bar = DoseBar(narrow)
    qtbot.addWidget(bar)
    bar.resize(900, bar.minimumSizeHint().height())
    left, right = bar.axis_span()
    bar.set_result(result_for(scheme, "300"))
    assert bar.marker_state() == "above" and bar.marker_x() == pytest.approx(right)
    assert "off the scale, above 100 mg" in bar.accessibleDescription()
    assert not bar.grab().isNull()
    bar.set_result(result_for(scheme, "500", unit="ng"))
    assert bar.marker_state() == "below" and bar.marker_x() == pytest.approx(left)
    assert "below 1 mcg" in bar.accessibleDescription()
    assert not bar.grab().isNull()


def test_no_result_no_marker(bar):
    bar.set_result(None)
    assert bar.marker_state() == "none" and bar.marker_x() is None
    assert "No dose" in bar.accessibleDescription()


def test_crisp_at_high_device_pixel_ratio(bar, scheme):
    from PySide6.QtGui import QImage

    bar.set_result(result_for(scheme, "4.5"))
    image = QImage(bar.width() * 2, bar.height() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(0)
    bar.render(image)
    rect = bar.band_rect("ldn")
    # a segment edge lands on a device pixel: the pixel just inside has the pure band colour
    inside = image.pixelColor(int(rect.left() * 2) + 2, int((rect.top() + 3) * 2))
    assert inside == QColor(scheme.band("ldn").colour)


# --- the estimated receptor-blockade curve (issue 13) ------------------------------------------
# The oracle: D / (D + 5.59 mg), the scheme's ED50 written out here, and the measured points of
# the clinical reference sheet (Rabiner 2011 via Trøstheim et al., Table 1).

ED50 = 5.59
PET_POINTS = [(2, 27), (5, 43), (5, 46), (5, 58), (15, 61), (50, 92), (50, 98)]


def share(mg: float) -> float:
    return mg / (mg + ED50)


def curve_y_at(bar, x: float) -> float:
    """The drawn curve's y at x, interpolated between the polyline's vertices."""
    vertices = [(p.x(), p.y()) for polygon, _e in bar.curve_segments() for p in polygon]
    return curve_y(vertices, x)


def curve_y(vertices: list[tuple[float, float]], x: float) -> float:
    index = bisect.bisect_left(vertices, (x, float("-inf")))
    if index == 0:
        if vertices and vertices[0][0] == x:
            return vertices[0][1]
        raise AssertionError(f"no curve at x={x}")
    if index == len(vertices):
        raise AssertionError(f"no curve at x={x}")
    (ax, ay), (bx, by) = vertices[index - 1], vertices[index]
    return ay if bx == ax else ay + (x - ax) / (bx - ax) * (by - ay)


@pytest.mark.parametrize(
    ("amount", "unit", "mg"),
    [
        ("1", "mcg", 0.001),
        ("0.25", "mg", 0.25),
        ("2", "mg", 2),
        ("4.5", "mg", 4.5),
        ("50", "mg", 50),
        ("150", "mg", 150),
    ],
)
def test_the_curve_passes_through_the_marked_dose_at_the_right_height(bar, scheme, amount, unit, mg):
    bar.set_result(result_for(scheme, amount, unit))
    area = bar.curve_area()
    assert not area.isEmpty()
    ((estimate, centre),) = bar.dose_points()
    assert float(estimate.dose_mg) == pytest.approx(mg)
    assert centre.x() == pytest.approx(bar.x_for_mg(Fraction(amount) / (1000 if unit == "mcg" else 1)))
    assert centre.y() == pytest.approx(area.bottom() - share(mg) * area.height())
    assert curve_y_at(bar, centre.x()) == pytest.approx(centre.y(), abs=0.5)
    image = bar.grab().toImage()
    dpr = image.devicePixelRatio()
    ink = bar.palette().color(bar.foregroundRole())
    assert image.pixelColor(int(centre.x() * dpr), int(centre.y() * dpr)) == ink  # the dose's dot is filled


def test_the_scale_runs_from_0_at_the_bottom_to_100_percent_at_the_top(bar):
    area = bar.curve_area()
    assert bar.y_for_share(0) == pytest.approx(area.bottom())
    assert bar.y_for_share(1) == pytest.approx(area.top())
    assert bar.y_for_share(0.5) == pytest.approx(area.center().y())
    left, right = bar.axis_span()
    assert (area.left(), area.right()) == (pytest.approx(left), pytest.approx(right))  # the same dose axis
    rows = bar._rows()
    assert rows.strip_bottom < area.top() < area.bottom() < rows.tick_top  # between the bands and the axis


def test_extrapolated_segments_are_outside_2_to_50_mg(bar):
    segments = bar.curve_segments()
    assert [extrapolated for _polygon, extrapolated in segments] == [True, False, True]
    (low, _), (measured, _), (high, _) = segments
    left, right = bar.axis_span()
    assert low.first().x() == pytest.approx(left) and low.last().x() == pytest.approx(bar.x_for_mg(Fraction(2)))
    assert measured.first().x() == pytest.approx(bar.x_for_mg(Fraction(2)))
    assert measured.last().x() == pytest.approx(bar.x_for_mg(Fraction(50)))
    assert high.first().x() == pytest.approx(bar.x_for_mg(Fraction(50))) and high.last().x() == pytest.approx(right)
    for polygon, _extrapolated in segments:  # every vertex on the formula
        for i in range(0, polygon.size(), 7):
            point = polygon.at(i)
            mg = 10 ** ((point.x() - bar.x_for_mg(Fraction(1))) / bar.decade_width())
            assert point.y() == pytest.approx(bar.y_for_share(share(mg)), abs=0.05)


def _inked_columns(bar, image, x_from: float, x_to: float) -> list[bool]:
    """For each pixel column, whether ink lies on the curve there (within 1.5 px of it)."""
    dpr = image.devicePixelRatio()
    ink = bar.palette().color(bar.foregroundRole())
    vertices = [(p.x(), p.y()) for polygon, _e in bar.curve_segments() for p in polygon]
    out = []
    for x in range(int(x_from) + 1, int(x_to)):
        y = curve_y(vertices, x + 0.5)
        rows = range(int((y - 1.5) * dpr), int((y + 1.5) * dpr) + 1)
        colours = [image.pixelColor(int((x + 0.5) * dpr), r) for r in rows]
        out.append(any(abs(c.lightness() - ink.lightness()) < 60 for c in colours))
    return out


def test_dashed_where_extrapolated_solid_where_measured_without_relying_on_colour(bar):
    """Structure, not colour: the measured stretch is inked in every column, the
    extrapolated one has gaps; the measured points are rings (paper inside)."""
    image = bar.grab().toImage()
    solid = _inked_columns(bar, image, bar.x_for_mg(Fraction(23, 10)), bar.x_for_mg(Fraction(4)))
    assert all(solid)
    dashed = _inked_columns(bar, image, bar.x_for_mg(Fraction(1, 2)), bar.x_for_mg(Fraction(19, 10)))
    assert any(dashed) and not all(dashed)
    dpr = image.devicePixelRatio()
    paper = bar.palette().color(bar.backgroundRole())
    centres = bar.data_point_centres()
    expected = sorted((bar.x_for_mg(Fraction(d)), bar.y_for_share(p / 100)) for d, p in PET_POINTS)
    assert sorted((c.x(), c.y()) for c in centres) == [(pytest.approx(x), pytest.approx(y)) for x, y in expected]
    ring = centres[0]  # 2 mg, 27 %: alone
    assert image.pixelColor(int(ring.x() * dpr), int(ring.y() * dpr)).lightness() == pytest.approx(
        paper.lightness(), abs=25
    )


def test_the_title_and_the_values_never_sit_on_the_curve(bar, scheme):
    title = bar.chart_title_rect()
    assert title.width() > 60
    for polygon, _extrapolated in bar.curve_segments():
        for i in range(polygon.size()):
            point = polygon.at(i)
            if title.left() <= point.x() <= title.right():
                assert point.y() > title.bottom(), (point, title)
    bar.set_result(result_for(scheme, "4.5"))
    ((text, rect),) = bar.dose_labels()
    assert text == "about 45 %"
    assert QRectF(bar.rect()).contains(rect)
    vertices = [(p.x(), p.y()) for polygon, _e in bar.curve_segments() for p in polygon]
    ys = [curve_y(vertices, x / 4) for x in range(int(rect.left() * 4), int(rect.right() * 4))]
    assert all(y > rect.bottom() or y < rect.top() for y in ys)


def test_scale_labels_sit_in_the_injection_column_between_chips_and_caption(bar):
    rows = bar._rows()
    inj = bar.injection_area()
    assert bar.axis_span()[1] < bar.curve_scale_x() < inj.left()
    text_h = QFontMetricsF(bar._small_font()).height()
    assert rows.strip_bottom < bar.y_for_share(1) - text_h / 2
    assert bar.y_for_share(0) + text_h / 2 < rows.tick_top + 6  # above the "Injection" caption
    assert bar.curve_scale_x() + QFontMetricsF(bar._small_font()).horizontalAdvance("100 %") < bar.width()


def test_a_weekly_schedule_marks_each_distinct_single_dose(bar, scheme):
    regimen = read_regimen(["100 mg", "100 mg", "150 mg"], scheme.limits, per="week", locale="en")
    bar.set_result(classify(regimen, scheme))
    points = bar.dose_points()
    assert [float(e.dose_mg) for e, _c in points] == [100, 150]
    labels = bar.dose_labels()
    assert [text for text, _rect in labels] == ["100 mg: about 95 %", "150 mg: about 96 %"]  # each names its dose
    rects = [rect for _text, rect in labels]
    assert not rects[0].intersects(rects[1])
    assert all(rect.top() >= bar.chart_title_rect().bottom() for rect in rects)  # listed under the title
    vertices = [(p.x(), p.y()) for polygon, _e in bar.curve_segments() for p in polygon]
    for rect in rects:
        assert QRectF(bar.curve_area()).contains(rect)
        ys = [curve_y(vertices, x / 2) for x in range(int(rect.left() * 2), int(rect.right() * 2))]
        assert all(y > rect.bottom() for y in ys)  # the curve is still below the list there
        assert not any(rect.contains(centre) for _estimate, centre in points)  # no label hides a dot


def test_more_doses_than_room_say_how_many_are_left_out(bar, scheme):
    amounts = ["0.5 mg", "1 mg", "2 mg", "3 mg", "4 mg", "6 mg", "7 mg"]
    bar.set_result(classify(read_regimen(amounts, scheme.limits, per="week", locale="en"), scheme))
    assert len(bar.dose_points()) == 7
    labels = bar.dose_labels()
    texts = [t for t, _r in labels]
    everything = ["500 mcg: about 8 %", "1 mg: about 15 %", "2 mg: about 26 %", "3 mg: about 35 %",
                  "4 mg: about 42 %", "6 mg: about 52 %", "7 mg: about 56 %"]  # fmt: skip
    if texts != everything:  # a wide bar has room for all; a narrow one says how many are left out
        assert 1 <= len(texts) < 7
        assert texts[-1] == f"and {7 - len(texts) + 1} more (listed in the answer)"
        assert texts[:-1] == everything[: len(texts) - 1]
    assert all(not a.intersects(b) for i, (_t, a) in enumerate(labels) for _u, b in labels[i + 1 :])
    assert all(QRectF(bar.curve_area()).contains(rect) for _text, rect in labels)
    assert "One 7 mg dose" in bar.accessibleDescription()


def test_the_description_carries_the_estimate(bar, scheme):
    bar.set_result(result_for(scheme, "0.25"))
    assert bar.accessibleDescription() == (
        "250 mcg a day: Very low dose, at least 1 mcg and less than 1 mg a day. Estimated receptor blockade: "
        "One 250 mcg (0.25 mg) dose: about 4 % of brain mu-opioid receptors blocked in the first hours "
        "(model estimate; measured data cover 2-50 mg, so this is an extrapolation)."
    )
    bar.set_result(
        classify(regimen_from_form("380", "mg", "injection", "every-4-weeks", "en_US", scheme.limits), scheme)
    )
    assert bar.dose_points() == []
    assert bar.accessibleDescription().endswith(
        "Estimated receptor blockade: No blockade estimate for the extended-release injection: the model was "
        "fitted to single oral doses, and the injection has other kinetics."
    )


def test_dark_palette_draws_the_curve_in_light_ink(bar, scheme):
    from PySide6.QtGui import QPalette

    palette = QPalette(bar.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f1f3f4"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#000000"))
    bar.setPalette(palette)
    bar.setAutoFillBackground(True)
    bar.set_result(result_for(scheme, "4.5"))
    image = bar.grab().toImage()
    # from 2.3 mg (clear of the 2 mg measurement's ring) to 3.5 mg: the 4.5 mg dot's ring
    # (the base colour, to lift it off the curve) starts just after
    assert all(_inked_columns(bar, image, bar.x_for_mg(Fraction(23, 10)), bar.x_for_mg(Fraction(7, 2))))
    ((_estimate, centre),) = bar.dose_points()
    dpr = image.devicePixelRatio()
    assert image.pixelColor(int(centre.x() * dpr), int(centre.y() * dpr)) == QColor("#f1f3f4")


def test_a_scheme_without_the_model_draws_no_curve_and_is_shorter(qtbot, scheme):
    with_model = DoseBar(scheme)
    qtbot.addWidget(with_model)
    without = DoseBar(None)
    qtbot.addWidget(without)
    reserved = without.minimumSizeHint().height()
    without.set_scheme(dataclasses.replace(scheme, blockade_model=None))
    assert reserved == with_model.minimumSizeHint().height()  # reserved before the scheme is read
    assert without.minimumSizeHint().height() < reserved
    without.resize(900, without.minimumSizeHint().height())
    assert without.curve_area().isEmpty() and without.curve_segments() == []
    without.set_result(result_for(scheme, "0.25"))
    assert without.dose_points() == [] and "blockade" not in without.accessibleDescription()
    assert not without.grab().isNull()


@pytest.mark.parametrize("scale", [1.0, 1.2 * 1.35, 2.0])
def test_bigger_fonts_grow_the_curve_and_keep_it_inside(qtbot, scheme, scale):
    """The kiosk gives the bar a larger font; the curve and its labels grow and stay inside."""
    bar = DoseBar(scheme)
    qtbot.addWidget(bar)
    font = bar.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    bar.setFont(font)
    bar.resize(620, bar.minimumSizeHint().height())
    bar.set_result(result_for(scheme, "0.25"))
    area = bar.curve_area()
    assert area.height() >= QFontMetricsF(bar.font()).height() * 2.5  # the smallest it shrinks to
    assert QRectF(bar.rect()).contains(area)
    for rect in (*(r for _t, r in bar.dose_labels()), bar.chart_title_rect()):
        assert QRectF(bar.rect()).contains(rect)
    assert bar.curve_scale_x() + QFontMetricsF(bar._small_font()).horizontalAdvance("100 %") <= bar.width()


def test_the_curve_shrinks_on_a_short_screen_and_grows_where_there_is_room(qtbot, scheme):
    bar = DoseBar(scheme)
    qtbot.addWidget(bar)
    text_h = QFontMetricsF(bar.font()).height()
    assert bar.minimumSizeHint().height() < bar.sizeHint().height()
    heights = []
    for height in (bar.minimumSizeHint().height(), bar.sizeHint().height(), bar.sizeHint().height() + 50):
        bar.resize(900, height)
        area = bar.curve_area()
        heights.append(area.height())
        assert bar._rows().tick_top + 6 + text_h + 4 <= height + 1  # the axis labels stay inside
    assert heights[0] == pytest.approx(max(36, round(text_h * 2.6)))
    assert heights[1] == heights[2] == pytest.approx(round(text_h * 3.6))  # never taller than preferred
