"""Dose text the way safe-practice guidance asks: mcg (never µg), a leading zero, no
trailing zero, and never a rounding that lands on a band boundary; in the locale the
numbers were read in.

The one formatter for numbers shown to a reader. Every function takes a NumberFormat
(`numbers`, default POINT): a German reader sees "4,5 mg", since "4.5 mg" can be taken
for a thousands group there. Machine text (JSON's decimal strings) always uses POINT.
No thousands separator is ever written, in any locale: "1000 mg", never "1,000 mg"
(a grouping mark reads as a decimal one elsewhere).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class NumberFormat:
    """How one locale writes a decimal number: its CLDR decimal separator.

    Built from a locale name by `core.locales.number_format` (Babel's CLDR data); `locale`
    is the CLDR identifier it resolved to (e.g. "de_DE"), for messages.
    """

    decimal: str = "."
    locale: str = "en"

    def localise(self, plain: str) -> str:
        """'4.5' (core's own point text: digits and at most one '.') in this locale."""
        return plain if self.decimal == "." else plain.replace(".", self.decimal)


#: English usage: the default where no locale is given, and the format of machine text.
POINT = NumberFormat()

_START_DIGITS = 4
_MAX_DIGITS = 60  # enough to separate any accepted input from a nearby round number


def _is_terminating(value: Fraction) -> bool:
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _plain(d: decimal.Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _terminating_text(numerator: int, denominator: int) -> str | None:
    """Exact decimal text of numerator/denominator with integer arithmetic, or None."""
    twos = fives = 0
    d = denominator
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    places = max(twos, fives)
    digits = str(numerator * 10**places // denominator)
    if places == 0:
        return digits
    digits = digits.rjust(places + 1, "0")
    whole, fraction = digits[:-places], digits[-places:].rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def decimal_text(value: Fraction, start_digits: int = _START_DIGITS) -> tuple[str, bool]:
    """(text, exact). Inexact values keep adding digits until the last one shown is not
    zero, so 5.0000001 never reads as '5' and 200/7 reads as '28.57'."""
    exact = _terminating_text(value.numerator, value.denominator)
    if exact is not None:
        return exact, True
    numerator = decimal.Decimal(value.numerator)
    denominator = decimal.Decimal(value.denominator)
    for digits in range(start_digits, _MAX_DIGITS + 1):
        with decimal.localcontext(prec=digits, rounding=decimal.ROUND_HALF_EVEN):
            rounded = numerator / denominator
        if rounded.as_tuple().digits[-1] != 0:
            break
    return _plain(rounded), False


def number_text(value: Fraction, numbers: NumberFormat = POINT) -> str:
    """'about 28.57' or '4.5' ('4,5' in a comma locale)."""
    text, exact = decimal_text(value)
    text = numbers.localise(text)
    return text if exact else f"about {text}"


def mass_text(mg: Fraction, numbers: NumberFormat = POINT) -> str:
    """An amount in the unit a pharmacist reads best: ng below 1 mcg, mcg below 1 mg."""
    if mg < Fraction(1, 1000):
        return f"{number_text(mg * 1_000_000, numbers)} ng"
    if mg < 1:
        return f"{number_text(mg * 1000, numbers)} mcg"
    return f"{number_text(mg, numbers)} mg"


def scale_text(mg: Fraction, numbers: NumberFormat = POINT) -> str:
    """Axis labels: like mass_text, but whole grams as g (1 g, not 1000 mg)."""
    if mg >= 1000 and (mg / 1000).denominator == 1:
        return f"{number_text(mg / 1000, numbers)} g"
    return mass_text(mg, numbers)


def mass_text_with_mg(mg: Fraction, main: str | None = None, numbers: NumberFormat = POINT) -> str:
    """'250 mcg (0.25 mg)': the readable unit, and mg beside it when that differs.

    `main` is mass_text(mg, numbers) when the caller has it already."""
    main = main or mass_text(mg, numbers)
    if main.endswith(" mg"):
        return main
    return f"{main} ({number_text(mg, numbers)} mg)"


def mg_decimal_string(mg: Fraction) -> str:
    """The exact decimal for a terminating value; else rounded with enough digits that it
    never reads as a nearby round number: at least 20 significant digits (JSON also
    carries the exact fraction)."""
    return decimal_text(mg, start_digits=20)[0]


def ratio_text(ratio: Fraction, numbers: NumberFormat = POINT) -> str:
    """'250', '4', 'about 2.3': a ratio to at most three significant digits."""
    if ratio.denominator == 1 or (_is_terminating(ratio) and len(decimal_text(ratio)[0]) <= 5):
        return numbers.localise(decimal_text(ratio)[0])
    with decimal.localcontext(prec=3):
        d = decimal.Decimal(ratio.numerator) / decimal.Decimal(ratio.denominator)
    return f"about {numbers.localise(_plain(d))}"
