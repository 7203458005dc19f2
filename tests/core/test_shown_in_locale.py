"""Numbers are shown in the locale they were read in (issue 10): German input "4,5" gives
an answer that says "4,5 mg" everywhere a number is computed, and scheme prose stays as
the scheme's editors wrote it."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from core.classify import classify
from core.formatting import POINT, NumberFormat, mass_text, mass_text_with_mg, number_text, ratio_text
from core.locales import number_format
from core.regimen import read_regimen
from core.report import as_json, as_text
from core.verify import load_scheme

SCHEME = load_scheme()
GERMAN = number_format("de_DE")
#: a number written the English way: digits, a point, digits (not inside a scheme's prose)
POINT_NUMBER = re.compile(r"\d\.\d")


def german(doses: list[str], per: str = "day", **kwargs):
    regimen = read_regimen(doses, SCHEME.limits, per=per, locale=GERMAN, **kwargs)
    return classify(regimen, SCHEME, GERMAN)


def test_the_formatter_writes_the_locales_separator_and_keeps_the_ismp_rules():
    assert number_text(Fraction(9, 2), GERMAN) == "4,5"
    assert mass_text(Fraction(1, 4), GERMAN) == "250 mcg"  # mcg, never µg
    assert mass_text_with_mg(Fraction(1, 4), numbers=GERMAN) == "250 mcg (0,25 mg)"  # leading zero
    assert mass_text(Fraction(5), GERMAN) == "5 mg"  # no trailing zero
    assert mass_text(Fraction(1000), GERMAN) == "1000 mg"  # never a thousands separator
    assert number_text(Fraction(200, 7), GERMAN) == "about 28,57"
    assert mass_text(Fraction(5) + Fraction(1, 3 * 10**9), GERMAN) != "about 5 mg"  # never rounded onto a bound
    assert ratio_text(Fraction(7, 3), GERMAN) == "about 2,33"
    assert NumberFormat() == POINT and mass_text(Fraction(9, 2)) == "4.5 mg"


def test_german_input_gives_a_german_answer():
    result = german(["4,5 mg"])
    assert result.band_id == "ldn"
    assert result.dose_text == "4,5 mg a day on average"
    assert result.reason.startswith("4,5 mg a day is at least 1 mg and at most 5 mg a day: Low dose")
    assert result.position == (
        "4,5 times the upper limit of Very low dose (1 mg)",
        "about 1,11 times below the start of Between low and standard dose (5 mg)",
    )
    assert result.bounds_text == "at least 1 mg and at most 5 mg a day"


def test_schedules_notes_and_the_record_use_the_locale():
    result = german(["0,25 mg"], per="week")
    assert result.dose_text == "about 35,71 mcg (about 0,03571 mg) a day on average (250 mcg every week, oral)"
    long_interval = next(n for n in result.notes if n.id == "long-interval")
    assert long_interval.text.startswith("About 168 hours pass")
    liquid = german(["4,5 mL"], concentration="0,5 mg/mL")
    assert liquid.regimen.describe(GERMAN) == "4,5 mL (2,25 mg) every day, oral liquid at 0,5 mg/mL"
    record = as_text(german(["2,5 mg"], per="12 hours"))
    assert "Dose: 5 mg a day on average (2,5 mg every 12 hours, oral)" in record
    computed = [line for line in record.splitlines() if line.startswith(("Dose:", "Position:"))]
    assert computed and not any(POINT_NUMBER.search(line) for line in computed), computed


def test_json_keeps_machine_decimals_and_carries_the_shown_texts():
    data = as_json(german(["4,5 mg"]))
    assert data["daily_dose_mg"] == "4.5" and data["doses_mg"] == ["4.5"]
    assert data["dose_text"] == "4,5 mg a day on average"


def test_scheme_prose_stays_as_written():
    result = german(["300 mg"])
    assert result.band.basis in result.reason  # the editors' words, not rewritten


@pytest.mark.parametrize("name", ["en_GB", "en_US", "cy_GB", "fil_PH", "de_CH"])
def test_point_locales_answer_with_points(name):
    numbers = number_format(name)
    regimen = read_regimen(["4.5 mg"], SCHEME.limits, locale=numbers)
    assert classify(regimen, SCHEME, numbers).dose_text == "4.5 mg a day on average"


def test_the_injection_is_described_in_the_locale():
    regimen = read_regimen(["190 mg"], SCHEME.limits, per="2 weeks", route="injection", locale=GERMAN)
    result = classify(regimen, SCHEME, GERMAN)
    assert result.band_id == "xr-nonstandard"
    assert result.position == ("not the labelled regimen, which is 380 mg every 4 weeks or once a month",)
