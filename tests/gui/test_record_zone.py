"""The record's header with a long zone name (Windows' tzname is a long, often localised,
name such as 'Hora estándar de Sudamérica Pacífico'; glibc's POSIX TZ takes any <...>
name): the band's chip stays readable and the stamp stays on the page (found by the attack
pass: the header's time column once widened to any name and squeezed the chip)."""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest
from PySide6.QtGui import QColor
from states import dispose, type_into, workstation
from test_record import rendered


class Named(datetime.tzinfo):
    def __init__(self, name: str, hours: float) -> None:
        self._name, self._offset = name, datetime.timedelta(hours=hours)

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return datetime.timedelta(0)

    def tzname(self, dt):
        return self._name


def _words(path):
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [
        (float(a), float(b), float(c), float(d), w)
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes
        )
    ]


@pytest.mark.parametrize("locale", ["en_GB", "en_US"])  # A4 and Letter
@pytest.mark.parametrize(
    "zone",
    [
        "Hora estándar de Sudamérica Pacífico",  # a Windows Spanish tzname
        "VERYLONGZONENAMEABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",  # TZ='<...>-5' on Linux
    ],
)
def test_a_long_zone_leaves_the_band_readable(qtbot, scheme, tmp_path, locale, zone):
    from gui.report_output import write_pdf

    window = workstation(scheme, "empty")
    type_into(window.doseInput, "10")  # 10 mg a day: "Between low and standard dose (5–50)"
    result = window.result()
    heading = result.band.name
    when = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=Named(zone, -4))
    path = tmp_path / "zone.pdf"
    write_pdf(str(path), result, window.inputs_text(), when, locale)
    dispose(window)
    words = _words(path)
    page_width = {"en_GB": 595, "en_US": 612}[locale]
    top = [w for w in words if w[1] < 200]  # the header
    text = " ".join(w[4] for w in top)
    # every word of the band's name is on the page, inside it, and not overlapping the stamp
    for word in heading.split():
        hits = [w for w in top if w[4] == word]
        assert hits, (word, text)
        x0, _, x1, _, _ = hits[0]
        assert 0 <= x0 and x1 <= page_width, (word, x0, x1)
    assert zone.split()[0] not in text  # a long name is left out; the offset says the zone
    stamp = [w for w in top if w[4] in ("Generated", "(UTC-04:00)")]
    assert len(stamp) == 2 and stamp[0][0] >= 0 and stamp[1][2] <= page_width, stamp
    # the chip's right edge, where its fill colour ends on poppler's rendering (72 dpi: 1 px = 1 pt)
    image = rendered(path, tmp_path, 72)
    fill = QColor(result.band.colour).rgb()
    chip_right = 0
    first = min((w for w in top if w[4] == heading.split()[0]), key=lambda w: w[0])
    for y in range(int(first[1]), int(first[3])):  # the chip's first line: no other fill there
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if (
                abs(colour.red() - QColor(fill).red()) < 8
                and abs(colour.green() - QColor(fill).green()) < 8
                and abs(colour.blue() - QColor(fill).blue()) < 8
            ):
                chip_right = max(chip_right, x)
    assert chip_right > 0
    for word in heading.split():
        hit = min((w for w in top if w[4] == word), key=lambda w: w[0])
        assert hit[2] <= chip_right + 2, (f"{word!r} runs past the band chip's edge (clipped)", hit[2], chip_right)
