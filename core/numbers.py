"""Read one number exactly, the way a careful pharmacist would, or refuse it.

Only ASCII digits and the locale's decimal separator are accepted. Anything a second
reader could read as another number (a comma in a point locale, "1.000", "2.500") is
refused with a suggestion, never repaired. No arithmetic is evaluated; the work is
linear in a length that is capped first, so any text is answered in microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from core.locales import decimal_separator
from core.quoting import quote
from core.refusal import Refusal

MAX_TEXT_LENGTH = 40
MAX_DIGITS = 15

_EXPONENT = re.compile(r"^[0-9][0-9.,]*[eE][+\-−]?[0-9]")
_NON_FINITE = ("nan", "inf", "infinity", "∞")
_ARITHMETIC = set("*×·/÷⁄^()[]%=")
_SIGNS = set("+-−–—‒﹣－")
_GROUPING = set("'’`_")


def _quote(text: str) -> str:
    return quote(text)


def example_number(locale: str) -> str:
    """'0.25' or '0,25': the example a message shows, written as in the locale."""
    try:
        return f"0{decimal_separator(locale)}25"
    except Refusal:
        return "0.25"


def check_length(text: str, example: str = "0.25") -> None:
    """Refuse text too long to be a dose before any other work is done."""
    if len(text) > MAX_TEXT_LENGTH:
        raise Refusal(
            f"That is too long to be a dose ({len(text)} characters): type one number, for example {example}."
        )


def refuse_non_numeric_forms(text: str, example: str = "0.25") -> None:
    """Refuse exponents, infinities and NaN by name, with what to type instead."""
    lowered = text.strip().lower()
    if lowered.startswith(_NON_FINITE) or "∞" in lowered:
        raise Refusal(f"{_quote(text.strip())} is not a dose: type a number such as {example}.")
    if _EXPONENT.match(lowered):
        raise Refusal("Scientific notation is not accepted: write the number in full (type 0.001, not 1e-3).")


def parse_number(text: str, locale: str) -> Fraction:
    """The exact positive value of `text` in `locale`, or a Refusal saying what to type."""
    dec = decimal_separator(locale)
    example = f"0{dec}25"
    check_length(text, example)
    refuse_non_numeric_forms(text, example)
    other = "," if dec == "." else "."
    stripped = text.strip()
    if not stripped:
        raise Refusal(f"Type a dose, for example {example}.")
    _check_characters(stripped, example)
    if other in stripped:
        _refuse_other_separator(stripped, dec, other, locale)
    whole, sep, fraction = stripped.partition(dec)
    if dec in fraction:
        raise Refusal(f"{_quote(stripped)} has more than one '{dec}': type one number such as 4{dec}5.")
    if sep and not whole:
        raise Refusal(f"Write a leading zero: type 0{dec}{fraction} rather than {dec}{fraction}.")
    if sep and not fraction:
        raise Refusal(f"Nothing follows the '{dec}': type {whole} or finish the decimal (e.g. {whole}{dec}5).")
    if sep and len(fraction) == 3 and 1 <= len(whole) <= 3 and whole.lstrip("0"):
        grouped = whole + fraction
        raise Refusal(
            f"{_quote(stripped)} could be read as {whole}{dec}{fraction} or as {grouped} "
            f"(where '{dec}' separates thousands). Type it so it cannot be misread: "
            f"{_unambiguous(whole, fraction, dec)} or {int(grouped)}."
        )
    digits = whole + fraction
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise Refusal(f"Too many digits: type at most {MAX_DIGITS} significant digits.")
    value = Fraction(int(digits), 10 ** len(fraction))
    if value == 0:
        raise Refusal(f"A dose of zero cannot be classified: type the amount given, e.g. {example}.")
    return value


def _unambiguous(whole: str, fraction: str, dec: str) -> str:
    trimmed = fraction.rstrip("0")
    if trimmed:
        return f"{whole}{dec}{trimmed}" if len(trimmed) < 3 else f"{whole}{dec}{fraction}0"
    return whole


def _check_characters(text: str, example: str) -> None:
    for index, char in enumerate(text):
        if "0" <= char <= "9" or char in ".,":
            continue
        if char in _SIGNS:
            if index == 0 and char != "+":
                raise Refusal(f"A dose cannot be negative: type the amount given, e.g. {example}.")
            if index == 0:
                raise Refusal(f"Type the number without a sign: {text[1:].strip() or example}.")
            raise Refusal(f"Type one number, without arithmetic or ranges (found {_quote(char)} in {_quote(text)}).")
        if char in _ARITHMETIC:
            raise Refusal(f"Type the result as one number: arithmetic is not evaluated (found '{char}').")
        if char in _GROUPING:
            raise Refusal(f"Type the number without thousands separators (found {_quote(char)}).")
        if char.isspace():
            raise Refusal(f"Type one number, without spaces inside it (found {_quote(text)}).")
        if unicodedata.numeric(char, None) is not None:
            if unicodedata.decimal(char, None) is None and unicodedata.digit(char, None) is None:
                raise Refusal(
                    f"Type the fraction as a decimal number (found {_quote(char)}; for example 0.5 rather than ½)."
                )
            raise Refusal(f"Type the digits 0-9 (found {_quote(char)}).")
        raise Refusal(f"{_quote(text)} is not a number: type digits such as {example} (found {_quote(char)}).")


def _refuse_other_separator(text: str, dec: str, other: str, locale: str) -> None:
    if dec not in text and re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(other) + r"\d{3})+", text):
        plain = text.replace(other, "")
        raise Refusal(
            f"{_quote(text)} could mean {plain} or a decimal number, depending on the locale: "
            f"type {plain} without a separator, or use '{dec}' for decimals."
        )
    if dec not in text and text.count(other) == 1:
        suggestion = text.replace(other, dec)
        if suggestion.startswith(dec):
            suggestion = "0" + suggestion
        if suggestion.endswith(dec):
            suggestion = suggestion[:-1]
        raise Refusal(f"In this locale ({locale}) the decimal separator is '{dec}', not '{other}': type {suggestion}.")
    raise Refusal(
        f"{_quote(text)} mixes '{other}' and '{dec}' or repeats one: type one plain number "
        f"with '{dec}' for decimals and no thousands separator."
    )
