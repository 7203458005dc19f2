"""Band labels must be readable: text colour on band colour at least 4.5:1, as rendered."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette
from window_driver import band_of, type_dose

from core.colours import MIN_CONTRAST, contrast_ratio
from gui.palette import ERROR_TEXT, dark_palette

#: One dose per band of the bundled scheme: (amount, unit, form, frequency).
DOSE_FOR_BAND = {
    "uldn": ("500", "ng", "tablet", "once-daily"),
    "vldn": ("0.25", "mg", "tablet", "once-daily"),
    "ldn": ("4.5", "mg", "tablet", "once-daily"),
    "intermediate": ("25", "mg", "tablet", "once-daily"),
    "standard": ("50", "mg", "tablet", "once-daily"),
    "above-standard": ("100", "mg", "tablet", "once-daily"),
    "high": ("300", "mg", "tablet", "once-daily"),
    "xr-standard": ("380", "mg", "injection", "every-4-weeks"),
    "xr-nonstandard": ("380", "mg", "injection", "every-2-weeks"),
}


def test_every_band_of_the_scheme_is_covered(scheme):
    assert {b.id for b in scheme.bands} == set(DOSE_FOR_BAND)


def test_band_text_colour_contrast(scheme):
    assert MIN_CONTRAST >= 4.5
    for band in scheme.bands:
        assert contrast_ratio(band.text_colour, band.colour) >= 4.5, band.id


@pytest.mark.parametrize("band_id", list(DOSE_FOR_BAND))
def test_band_label_is_rendered_in_the_schemes_colours(qtbot, window, scheme, band_id):
    amount, unit, form, frequency = DOSE_FOR_BAND[band_id]
    window.form.select(window.form.formSelector, form)
    window.form.select(window.form.frequencySelector, frequency)
    type_dose(qtbot, window, amount, unit)
    assert band_of(window) == band_id
    band = scheme.band(band_id)
    image = window.bandLabel.grab().toImage()
    counts = Counter(
        image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )
    assert counts.most_common(1)[0][0] == band.colour
    text = QColor(band.text_colour)

    def near(name: str) -> bool:
        c = QColor(name)
        return abs(c.red() - text.red()) + abs(c.green() - text.green()) + abs(c.blue() - text.blue()) < 60

    assert sum(n for name, n in counts.items() if near(name)) > 20  # the glyphs are drawn in text_colour
    assert band.name in window.bandLabel.text()  # never colour alone


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_message_colour_contrast(qtbot, theme):
    from PySide6.QtWidgets import QApplication, QStyleFactory

    palette = dark_palette() if theme == "dark" else QStyleFactory.create("Fusion").standardPalette()
    window_colour = palette.color(QPalette.ColorRole.Window).name()
    assert contrast_ratio(ERROR_TEXT[theme], window_colour) >= 4.5
    text = palette.color(QPalette.ColorRole.Text).name()
    assert contrast_ratio(text, palette.color(QPalette.ColorRole.Base).name()) >= 4.5
    assert QApplication.instance() is not None


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_kiosks_chosen_unit_stands_out_and_reads_well(qtbot, scheme, theme):
    """mg or mcg is a thousandfold: on a touch screen the chosen unit (form, frequency) is
    drawn in the selection colours, text at least 4.5:1, in light and in dark."""
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from core.site_config import SiteConfig
    from gui.kiosk_window import KioskWindow

    app = QApplication.instance()
    old = app.palette()
    palette = dark_palette() if theme == "dark" else QStyleFactory.create("Fusion").standardPalette()
    app.setPalette(palette)
    try:
        kiosk = KioskWindow(scheme, "en_US", SiteConfig(path=None))
        qtbot.addWidget(kiosk)
        kiosk.resize(1280, 800)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        units = kiosk.choices["unit"]
        units.button("mcg").click()
        chosen, other = units.button("mcg"), units.button("mg")
        assert chosen.isChecked() and not other.isChecked()

        def background(button) -> str:
            image = button.grab().toImage()
            return image.pixelColor(6, image.height() // 2).name()  # left of the text

        text = chosen.palette().color(QPalette.ColorRole.ButtonText).name()
        chosen_colour, other_colour = background(chosen), background(other)
        assert contrast_ratio(text, chosen_colour) >= MIN_CONTRAST
        assert contrast_ratio(chosen_colour, other_colour) >= 3  # lighter or darker, not just another hue
        units.button("mg").click()  # the colours follow the choice
        assert (background(units.button("mg")), background(units.button("mcg"))) == (chosen_colour, other_colour)
    finally:
        app.setPalette(old)
        # the kiosk refuses pytest-qt's close: hidden here, or it is collected while shown (a crash mid-paint)
        if "kiosk" in locals():
            kiosk.hide()
