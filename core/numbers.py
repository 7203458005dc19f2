"""Read one number exactly, the way a careful pharmacist would, or refuse it.

Only ASCII digits and the locale's decimal separator are accepted. Anything a second
reader could read as another number (a comma in a point locale, "1.500 mcg") is refused
with a suggestion, never repaired. No arithmetic is evaluated; the work is linear in a
length that is capped first, so any text is answered in microseconds.

Three decimals after one to three digits ("1.125") can be a thousands group in another
locale. Such a number is refused only when both readings (1.125 and 1125) are possible
amounts; the caller says which are (`plausible`, from the scheme's limits for the unit),
and without it both are taken as possible. A refusal never suggests a trailing zero
(ISMP lists them as error-prone): the caller suggests a change of unit instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from fractions import Fraction

from core.formatting import POINT, NumberFormat, number_text
from core.quoting import quote, refuse_hidden
from core.refusal import Refusal

MAX_TEXT_LENGTH = 40
MAX_DIGITS = 15
_MAX_EXPONENT = 18  # "1e3" is answered "type 1000"; a longer number is not written out

_NON_FINITE = ("nan", "inf", "infinity", "∞")
_ARITHMETIC = set("*×·/÷⁄^()[]%=")
_SIGNS = set("+-−–—‒﹣－")
_GROUPING = set("'’`_")
#: A separator that some locale uses for decimals (CLDR: '.', ',', and the Arabic one).
_SEPARATORS = ".,\u066b"


class AmbiguousNumber(Refusal):
    """Three decimals that could be a thousands group ("1.500"), both readings possible.

    `decimal_reading` (1.5) and `grouped_reading` (1500) let a caller that knows the unit
    suggest how to write either one so it cannot be misread."""

    def __init__(self, message: str, text: str, decimal_reading: Fraction, grouped_reading: Fraction) -> None:
        super().__init__(message)
        self.text = text
        self.decimal_reading = decimal_reading
        self.grouped_reading = grouped_reading


def number_format_of(locale: NumberFormat | str | None) -> NumberFormat:
    """A NumberFormat from a locale name (CLDR via core.locales, which keeps each name's
    format once resolved) or the format itself."""
    if isinstance(locale, NumberFormat):
        return locale
    from core.locales import number_format, system_locale

    return number_format(locale or system_locale())


def example_number(locale: NumberFormat | str | None) -> str:
    """'0.25' or '0,25': the example a message shows, written as in the locale."""
    try:
        return f"0{number_format_of(locale).decimal}25"
    except Refusal:
        return "0.25"


def check_length(text: str, example: str = "0.25") -> None:
    """Refuse text too long to be a dose before any other work is done."""
    if len(text) > MAX_TEXT_LENGTH:
        raise Refusal(
            f"That is too long to be a dose ({len(text)} characters): type one number, for example {example}."
        )


_SCIENTIFIC = re.compile(r"\s*([0-9]{1,15})(?:([.,\u066b])([0-9]{1,15}))?[eE]([+\-−]?)([0-9]{1,4})(?![0-9])")


def refuse_non_numeric_forms(text: str, example: str | NumberFormat = "0.25") -> None:
    """Refuse exponents, infinities and NaN by name, with what to type instead: "1e3" is
    answered "type 1000" (the number it stands for, in the locale), never another number."""
    numbers = example if isinstance(example, NumberFormat) else POINT
    shown = f"0{numbers.decimal}25" if isinstance(example, NumberFormat) else example
    lowered = text.strip().lower()
    if lowered.startswith(_NON_FINITE) or "∞" in lowered:
        raise Refusal(f"{quote(text.strip())} is not a dose: type a number such as {shown}.")
    match = _SCIENTIFIC.match(text)
    if not match:
        return
    whole, sep, fraction, sign, exponent = match.groups()
    written = text[: match.end()].strip()
    if sep and sep != numbers.decimal:
        raise Refusal(
            f"Scientific notation is not accepted ({quote(written)}): write the number in full, "
            f"with '{numbers.decimal}' for decimals (for example {shown})."
        )
    power = int(exponent) * (-1 if sign in ("-", "−") else 1)
    if abs(power) > _MAX_EXPONENT:
        raise Refusal(f"Scientific notation is not accepted ({quote(written)}): write the number in full.")
    fraction = fraction or ""
    value = Fraction(int(whole + fraction), 10 ** len(fraction)) * Fraction(10) ** power
    raise Refusal(
        f"Scientific notation is not accepted: write the number in full (type {number_text(value, numbers)}, "
        f"not {written})."
    )


def parse_number(
    text: str, locale: NumberFormat | str | None, plausible: Callable[[Fraction], bool] | None = None
) -> Fraction:
    """The exact positive value of `text` in `locale`, or a Refusal saying what to type.

    `plausible(value)` says whether a value is a possible amount in the caller's unit; it
    decides whether three decimals ("1.125") are ambiguous (AmbiguousNumber when both
    readings are possible; otherwise the locale's decimal reading)."""
    numbers = number_format_of(locale)
    dec = numbers.decimal
    example = f"0{dec}25"
    check_length(text, example)
    refuse_hidden(text)
    refuse_non_numeric_forms(text, numbers)
    stripped = text.strip()
    if not stripped:
        raise Refusal(f"Type a dose, for example {example}.")
    _check_characters(stripped, example, dec)
    others = [s for s in _SEPARATORS if s != dec and s in stripped]
    if others:
        _refuse_other_separator(stripped, dec, others[0], numbers.locale)
    whole, sep, fraction = stripped.partition(dec)
    if dec in fraction:
        raise Refusal(f"{quote(stripped)} has more than one '{dec}': type one number such as 4{dec}5.")
    if sep and not whole:
        raise Refusal(f"Write a leading zero: type {_tidy(f'0{dec}{fraction}', dec)} rather than {dec}{fraction}.")
    if sep and not fraction:
        raise Refusal(f"Nothing follows the '{dec}': type {whole} or finish the decimal (e.g. {whole}{dec}5).")
    digits = whole + fraction
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise Refusal(f"Too many digits: type at most {MAX_DIGITS} significant digits.")
    value = Fraction(int(digits), 10 ** len(fraction))
    if sep and len(fraction) == 3 and 1 <= len(whole) <= 3 and whole.lstrip("0"):
        grouped = Fraction(int(whole + fraction))
        if plausible is None or (plausible(value) and plausible(grouped)):
            raise AmbiguousNumber(_ambiguity_message(stripped, value, grouped, numbers), stripped, value, grouped)
    if value == 0:
        raise Refusal(f"A dose of zero cannot be classified: type the amount given, e.g. {example}.")
    return value


def _ambiguity_message(text: str, value: Fraction, grouped: Fraction, numbers: NumberFormat) -> str:
    """Without a unit: name both readings; the plain digits are the grouped one's safe form."""
    shown = number_text(value, numbers)
    plain = number_text(grouped, numbers)
    if (value * 100).denominator == 1:  # "1.500": the decimal reading is written shorter ("1.5")
        return (
            f"{quote(text)} could mean {shown} or {plain} ('{numbers.decimal}' also separates thousands in some "
            f"places): type {shown} or {plain}, whichever is meant."
        )
    return (
        f"{quote(text)} could mean {shown} or {plain} ('{numbers.decimal}' also separates thousands in some "
        f"places): type {plain} if that is meant; for {shown}, write it in a smaller unit."
    )


def _tidy(text: str, dec: str) -> str:
    """A suggestion without trailing zeros or a dangling separator ('4.50' -> '4.5', '4.' -> '4')."""
    if dec in text and all(c.isdigit() or c == dec for c in text):
        text = text.rstrip("0").rstrip(dec) if text.count(dec) == 1 else text
    return text


def _check_characters(text: str, example: str, dec: str) -> None:
    for index, char in enumerate(text):
        if "0" <= char <= "9" or char in _SEPARATORS or char == dec:
            continue
        if char in _SIGNS:
            if index == 0 and char != "+":
                raise Refusal(f"A dose cannot be negative: type the amount given, e.g. {example}.")
            if index == 0:
                raise Refusal(f"Type the number without a sign: {_tidy(text[1:].strip(), dec) or example}.")
            raise Refusal(f"Type one number, without arithmetic or ranges (found {quote(char)} in {quote(text)}).")
        if char in _ARITHMETIC:
            raise Refusal(f"Type the result as one number: arithmetic is not evaluated (found '{char}').")
        if char in _GROUPING:
            plain = _tidy("".join(c for c in text if c not in _GROUPING), dec)
            raise Refusal(f"Type the number without thousands separators: {plain} (found {quote(char)}).")
        if char.isspace():
            raise Refusal(f"Type one number, without spaces inside it (found {quote(text)}).")
        if unicodedata.numeric(char, None) is not None:
            if unicodedata.decimal(char, None) is None and unicodedata.digit(char, None) is None:
                raise Refusal(
                    f"Type the fraction as a decimal number (found {quote(char)}; for example 0{dec}5 rather than ½)."
                )
            raise Refusal(f"Type the digits 0-9 (found {quote(char)}).")
        raise Refusal(f"{quote(text)} is not a number: type digits such as {example} (found {quote(char)}).")


def _refuse_other_separator(text: str, dec: str, other: str, locale: str) -> None:
    if dec not in text and re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(other) + r"\d{3})+", text):
        plain = text.replace(other, "")
        raise Refusal(
            f"{quote(text)} could mean {plain} or a decimal number, depending on the locale: "
            f"type {plain} without a separator, or use '{dec}' for decimals."
        )
    if dec not in text and text.count(other) == 1 and all(c.isdigit() or c == other for c in text):
        suggestion = text.replace(other, dec)
        if suggestion.startswith(dec):
            suggestion = "0" + suggestion
        suggestion = _tidy(suggestion, dec)
        raise Refusal(f"In this locale ({locale}) the decimal separator is '{dec}', not '{other}': type {suggestion}.")
    raise Refusal(
        f"{quote(text)} mixes '{other}' and '{dec}' or repeats one: type one plain number "
        f"with '{dec}' for decimals and no thousands separator."
    )
