"""An independent, deliberately strict reader of dose text: "what a pharmacist would read".

It shares no code with `core` (no import from it) so that the fuzzers can hold core to
it: whenever core accepts a text, this reader must read the same text and find exactly
the same amount. Core may refuse more than this reader (e.g. "1.000", which a second
pharmacist could read as one thousand); it must never accept a text this reader cannot
read, nor read it as a different amount.

The rules are the plain ones of a printed prescription: ASCII digits 0-9; at most one
decimal separator, the locale's own, with digits on both sides; optional spaces; then
a unit from a short, explicit list, case-insensitive for ASCII letters only.

Periods are read in hours (or months, for the injection only), so "12 hours" and
"every other day" are compared exactly. Three decimals after one to three digits
("1.125") are ambiguous to this reader exactly when both readings, 1.125 and 1125 of
the unit, are possible single doses under the scheme's limits, which it reads from the
scheme file itself (tomllib), not through core.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

#: Characters a reader sees as (or cannot tell from) a space between or around the words.
#: str.isspace() is exactly this set; we write it out so the oracle does not lean on it.
#: The C0/C1 separators (U+001C-U+001F, U+0085) and U+2028/U+2029 are invisible: they
#: separate the number from the unit without changing either, so reading them as a space
#: cannot change the amount a pharmacist sees.
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_S = "[" + re.escape(SPACES) + "]"

#: Decimal separator of the locales the harness uses (CLDR, as printed in its charts).
DECIMAL = {"en_US": ".", "en_GB": ".", "en": ".", "C": ".", "de_DE": ",", "fr_FR": ",", "de_CH": ".", "en_ZA": ",",
           "cy_GB": ".", "fil_PH": "."}  # fmt: skip

#: Unit spelling (ASCII spellings compared case-insensitively) -> (kind, factor to mg or mL).
MASS_MG = {
    "ng": Fraction(1, 10**6),
    "nanogram": Fraction(1, 10**6),
    "nanograms": Fraction(1, 10**6),
    "mcg": Fraction(1, 1000),
    "ug": Fraction(1, 1000),
    "\u00b5g": Fraction(1, 1000),  # MICRO SIGN + g
    "\u03bcg": Fraction(1, 1000),  # GREEK SMALL LETTER MU + g
    "microgram": Fraction(1, 1000),
    "micrograms": Fraction(1, 1000),
    "mg": Fraction(1),
    "milligram": Fraction(1),
    "milligrams": Fraction(1),
    "g": Fraction(1000),
    "gram": Fraction(1000),
    "grams": Fraction(1000),
}
VOLUME_ML = {
    "ml": Fraction(1),
    "millilitre": Fraction(1),
    "millilitres": Fraction(1),
    "milliliter": Fraction(1),
    "milliliters": Fraction(1),
    "l": Fraction(1000),
    "litre": Fraction(1000),
    "litres": Fraction(1000),
    "liter": Fraction(1000),
    "liters": Fraction(1000),
}


@dataclass(frozen=True)
class Reading:
    kind: str  # "mass" (amount in mg) or "volume" (amount in mL)
    amount: Fraction  # in mg or mL


def _unit(text: str) -> tuple[str, Fraction] | None:
    key = text.lower() if text.isascii() else text
    if key in MASS_MG:
        return "mass", MASS_MG[key]
    if key in VOLUME_ML:
        return "volume", VOLUME_ML[key]
    return None


def read_number(text: str, locale: str) -> Fraction | None:
    """ASCII digits with at most one locale separator between digits; None if not plain."""
    sep = re.escape(DECIMAL[locale])
    match = re.fullmatch(_S + "*([0-9]+)(?:" + sep + "([0-9]+))?" + _S + "*", text)
    if not match:
        return None
    whole, fraction = match.group(1), match.group(2) or ""
    return Fraction(int(whole + fraction), 10 ** len(fraction))


_AMOUNT_CACHE: dict[str, re.Pattern[str]] = {}


def read_amount(text: str, locale: str, chosen_unit: str | None = None) -> Reading | None:
    """'0.25 mg' -> Reading('mass', 1/4); a bare number takes `chosen_unit` (a selector)."""
    pattern = _AMOUNT_CACHE.get(locale)
    if pattern is None:
        sep = re.escape(DECIMAL[locale])
        pattern = re.compile(_S + "*([0-9]+(?:" + sep + "[0-9]+)?)" + _S + "*([^\\s0-9]*)" + _S + "*")
        _AMOUNT_CACHE[locale] = pattern
    match = pattern.fullmatch(text)
    if not match:
        return None
    value = read_number(match.group(1), locale)
    assert value is not None
    typed = _unit(match.group(2)) if match.group(2) else None
    if match.group(2) and typed is None:
        return None
    chosen = _unit(chosen_unit) if chosen_unit else None
    if typed and chosen and typed != chosen:
        return None  # "5 mcg" with "mg" chosen: two units, a pharmacist would ask
    unit = typed or chosen
    if unit is None or value == 0:
        return None
    return Reading(unit[0], value * unit[1])


_UNIT_HOURS = {"hour": 1, "hours": 1, "hr": 1, "hrs": 1, "h": 1, "day": 24, "days": 24, "d": 24,
               "week": 168, "weeks": 168, "wk": 168, "wks": 168, "w": 168}  # fmt: skip
_NTH = {"other": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7}  # fmt: skip
_MONTH = re.compile(r"(?:(?:every|once every|per) )?(?:1 ?)?months?|monthly|once (?:a|per) month|once monthly")


def read_period(text: str, injection: bool = False, max_days: int = 28) -> tuple[int, int] | None:
    """(hours, months): 'day' -> (24, 0), '12 hours' -> (12, 0), 'every other day' -> (48, 0),
    'month' -> (0, 1) for the injection only; None when not plainly a period."""
    if not text.isascii():
        # Letters and digits of other scripts can look like ASCII ones of another value
        # (Bengali 4 looks like 8, Arabic-Indic zero like a dot): a pharmacist cannot
        # be sure what they mean.
        if any(not (c.isascii() or c in SPACES) for c in text):
            return None
    words = " ".join(re.split(_S + "+", text.strip(SPACES))).lower()
    if _MONTH.fullmatch(words):
        return (0, 1) if injection else None
    hours = _hours(words)
    if hours is None or hours == 0 or hours > max_days * 24:
        return None
    return hours, 0


def _hours(words: str) -> int | None:
    if words in ("daily", "once daily", "once a day", "once per day"):
        return 24
    if words in ("weekly", "once weekly", "once a week", "once per week"):
        return 168
    if words in ("fortnight", "fortnightly", "once fortnightly", "every fortnight", "once a fortnight",
                 "per fortnight", "a fortnight"):  # fmt: skip
        return 336  # a fortnight is 14 days
    match = re.fullmatch(r"every (other|second|third|fourth|fifth|sixth|seventh|[2-7](?:nd|rd|th)) (day|week)", words)
    if match:
        if match.group(1) not in _NTH:  # "3nd" is not an ordinal
            return None
        return _NTH[match.group(1)] * _UNIT_HOURS[match.group(2)]
    match = re.fullmatch(r"(?:every |once every |per )?(?:([0-9]{1,4}) ?)?([a-z]+)", words)
    if match and match.group(2) in _UNIT_HOURS:
        return int(match.group(1) or 1) * _UNIT_HOURS[match.group(2)]
    return None


@cache
def single_dose_limits_mg() -> tuple[Fraction, Fraction]:
    """(min, max) single dose in mg, read from the bundled scheme file itself."""
    path = Path(__file__).resolve().parents[2] / "resources" / "schemes" / "default.toml"
    limits = tomllib.loads(path.read_text(encoding="utf-8"))["limits"]
    return Fraction(limits["min_single_mg"]), Fraction(limits["max_single_mg"])


def three_decimals_ambiguous(number: str, locale: str, unit_mg: Fraction) -> bool:
    """Whether a plain number such as "1.125" in a mass unit (`unit_mg` mg each) could as
    well be 1125 of that unit, both being possible single doses."""
    whole, _, fraction = number.partition(DECIMAL[locale])
    if len(fraction) != 3 or not 1 <= len(whole) <= 3 or not whole.strip("0"):
        return False
    low, high = single_dose_limits_mg()
    readings = (Fraction(int(whole + fraction), 1000), Fraction(int(whole + fraction)))
    return all(low <= r * unit_mg <= high for r in readings)


def read_concentration(text: str, locale: str) -> Fraction | None:
    """'1 mg/mL', '5 mg per 5 mL', '1 g/L' -> mg per mL; None if not plain."""
    sep = re.escape(DECIMAL[locale])
    number = "[0-9]+(?:" + sep + "[0-9]+)?"
    match = re.fullmatch(
        _S
        + "*("
        + number
        + ")"
        + _S
        + "*([^\\s0-9/]+)"
        + _S
        + "*(?:/| per )"
        + _S
        + "*(?:("
        + number
        + ")"
        + _S
        + "*)?([^\\s0-9/]+)"
        + _S
        + "*",
        text,
    )
    if not match:
        return None
    amount = read_number(match.group(1), locale)
    per = read_number(match.group(3), locale) if match.group(3) else Fraction(1)
    mass = _unit(match.group(2))
    volume = _unit(match.group(4))
    if not amount or not per or mass is None or volume is None:
        return None
    if mass[0] != "mass" or volume[0] != "volume":
        return None
    return amount * mass[1] / (per * volume[1])
