"""The bar's geometry: decades are equal, bands sit where the scheme says, markers point right."""

from __future__ import annotations

import dataclasses
from collections import Counter
from fractions import Fraction

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from core.classify import classify
from core.form_input import regimen_from_form
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
