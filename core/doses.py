"""Read "AMOUNT UNIT" texts (a dose, a volume, a concentration) into exact amounts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from core.formatting import NumberFormat, number_text
from core.frequency_words import ambiguous_frequency, refuse_frequency
from core.numbers import (
    MAX_DIGITS,
    MAX_TEXT_LENGTH,
    AmbiguousNumber,
    check_length,
    number_format_of,
    parse_number,
    refuse_non_numeric_forms,
)
from core.periods import frequency_meant
from core.quoting import quote, refuse_hidden
from core.refusal import Refusal
from core.units import MASS_HINT, UNITS, Unit, concentration_factor, factor, lookup_unit

if TYPE_CHECKING:
    from core.scheme import Limits

#: Units from smallest to largest, per kind: where a suggestion may move a number to.
_LADDER = {
    "mass": [u for u in UNITS.values() if u.kind == "mass"],
    "volume": [u for u in UNITS.values() if u.kind == "volume"],
}
_UNIT_THEN_WORDS = re.compile(r"([^\s/]+)\s*(.*)")


@dataclass(frozen=True)
class Amount:
    """An exact amount in a unit from the closed list, as the user wrote it."""

    value: Fraction
    unit: Unit

    @property
    def in_base(self) -> Fraction:
        """The amount in mg (mass) or mL (volume)."""
        base = factor(self.unit)
        return self.value if base == 1 else self.value * base  # mg and mL: nothing to multiply


def split_amount(text: str) -> tuple[str, str]:
    """'0.25mg' -> ('0.25', 'mg'): the number comes first, the unit is the rest."""
    stripped = text.strip()
    for index, char in enumerate(stripped):
        if char.isalpha() or char.isspace():
            return stripped[:index], stripped[index:].strip()
    return stripped, ""


def parse_amount(
    text: str,
    locale: NumberFormat | str | None,
    unit: str | None = None,
    field: str = "dose",
    limits: Limits | None = None,
    plausible_base: Callable[[Fraction], bool] | None = None,
) -> Amount:
    """An Amount from 'AMOUNT UNIT' text; `unit` is the unit chosen elsewhere (a selector).

    The text may carry its own unit only if it agrees with `unit`. `limits` (the scheme's)
    or `plausible_base` (a test on the amount in mg or mL) say which amounts are possible,
    which decides whether three decimals ("1.125 mg") are ambiguous; without either, they
    always are. How often ("4.5 mg daily") is refused with where it goes (FrequencyInDose).
    """
    numbers = number_format_of(locale)
    plain = _plain_amount(text, numbers, unit)
    if plain is not None:
        return plain
    return _read_amount(text, numbers, unit, field, limits, plausible_base)


#: Digits, at most one decimal separator with digits on both sides, and letters after:
#: what a keyboard types for a dose ("0.25 mg", "4,5mg", "250"), per decimal separator.
_PLAIN = {
    sep: re.compile(r" *([0-9]{1,15})(?:" + re.escape(sep) + r"([0-9]{1,15}))? *([A-Za-z]{1,20})? *", re.ASCII)
    for sep in (".", ",")
}


def _plain_amount(text: str, numbers: NumberFormat, unit: str | None) -> Amount | None:
    """The Amount of a plain dose text that `_read_amount` would accept as it is, or None
    to let `_read_amount` read it (and say what is wrong, if anything).

    A shortcut, not a second reader: it answers only printable ASCII of the form above,
    in a known unit that agrees with `unit`, that is not zero, has at most 15 significant
    digits and is not three decimals after one to three digits (the possible thousands
    group, whose reading depends on the limits). Every such text passes each of
    `_read_amount`'s checks, and the value is computed as `parse_number` computes it;
    tests/core/test_fast_paths.py compares the two on generated texts."""
    pattern = _PLAIN.get(numbers.decimal)
    if pattern is None or len(text) > MAX_TEXT_LENGTH or not text.isascii():
        return None
    match = pattern.fullmatch(text)
    if match is None:
        return None
    whole, fraction, typed_text = match.groups()
    fraction = fraction or ""
    if fraction and len(fraction) == 3 and len(whole) <= 3 and whole.lstrip("0"):
        return None
    digits = whole + fraction
    significant = digits.lstrip("0")
    if not significant or len(significant) > MAX_DIGITS:
        return None
    try:
        chosen = lookup_unit(unit) if unit else None
        typed = lookup_unit(typed_text) if typed_text else None
    except Refusal:
        return None
    resolved = typed or chosen
    if resolved is None or (typed and chosen and typed != chosen):
        return None
    return Amount(Fraction(int(digits), 10 ** len(fraction)), resolved)


def _read_amount(
    text: str,
    numbers: NumberFormat,
    unit: str | None,
    field: str,
    limits: Limits | None,
    plausible_base: Callable[[Fraction], bool] | None,
) -> Amount:
    """parse_amount's reader: every check, in order, each refusal saying what to type."""
    try:
        example = f"0{numbers.decimal}25"
        check_length(text, example)
        refuse_hidden(text, what=field if field in ("dose", "concentration") else "dose", field=field)
        refuse_non_numeric_forms(text, numbers)
        number_part, unit_text = split_amount(text)
        if not number_part:
            if text.strip():
                raise Refusal(f"Put the number first, then the unit (e.g. {example} mg); found {quote(text.strip())}.")
            raise Refusal(f"Type a dose, for example {example}" + (" mg." if unit is None else "."))
        chosen = lookup_unit(unit) if unit else None
        typed, unit_problem, words = _typed_unit(unit_text)
        if unit_problem is not None and any(c.isdigit() for c in unit_text):
            raise Refusal(
                f"Type one number followed by its unit (found more than one number in {quote(text.strip())})."
            )
        resolved = typed or chosen
        test = plausible_base or (_possible(limits, resolved.kind) if resolved else None)
        try:
            value = parse_number(
                number_part, numbers, (lambda v: test(v * factor(resolved))) if test and resolved else None
            )
        except AmbiguousNumber as ambiguous:
            if resolved is None:
                raise
            raise Refusal(_ambiguity(text.strip(), ambiguous, resolved, typed is not None, numbers)) from None
        if words:
            meant = frequency_meant(words)
            assert meant is not None
            dose = number_part if typed is None else f"{number_part} {typed.symbol}"
            raise refuse_frequency(dose, words, meant)
        if unit_problem is not None:
            raise unit_problem
        if typed and chosen and typed != chosen:
            raise Refusal(
                f"You typed {typed.symbol} but the unit chosen is {chosen.symbol}: "
                f"type the number alone or choose {typed.symbol}.",
                field="unit",
            )
        if resolved is None:
            raise Refusal(f"Add a unit after the number: {number_part} mg or {number_part} mcg ({MASS_HINT}).")
    except Refusal as refusal:
        if refusal.field == "dose" and field != "dose":
            raise Refusal(refusal.message, field=field) from None
        raise
    return Amount(value, resolved)


def _typed_unit(unit_text: str) -> tuple[Unit | None, Refusal | None, str]:
    """(unit, problem, frequency words): the unit typed after the number; a problem to
    raise once the number is read; or how often, written after (or instead of) the unit."""
    if not unit_text:
        return None, None, ""
    try:
        return lookup_unit(unit_text), None, ""
    except Refusal as problem:
        if frequency_meant(unit_text) is not None:
            return None, None, unit_text
        match = _UNIT_THEN_WORDS.fullmatch(unit_text)
        if match and match.group(2) and frequency_meant(match.group(2)) is not None:
            try:
                return lookup_unit(match.group(1)), None, match.group(2)
            except Refusal:
                pass
        words = match.group(2) if match and match.group(2) else unit_text
        ambiguous = ambiguous_frequency(words)  # "50 mg biweekly": two schedules, said as such
        if ambiguous is not None:
            return None, Refusal(ambiguous.message, field="frequency"), ""
        return None, problem, ""  # raised once the number is read (its errors come first)


def _possible(limits: Limits | None, kind: str) -> Callable[[Fraction], bool] | None:
    """Whether an amount in mg (mass) or mL (volume) is a possible single dose."""
    if limits is None:
        return None
    if kind == "mass":
        return lambda mg: limits.min_single_mg <= mg <= limits.max_single_mg
    return lambda ml: 0 < ml <= limits.max_volume_ml


def _ambiguity(text: str, ambiguous: AmbiguousNumber, unit: Unit, typed: bool, numbers: NumberFormat) -> str:
    """Both readings of "1.125 mcg", and how to type each so that it cannot be misread:
    never with a trailing zero (ISMP), but in another unit when three decimals remain."""
    first, second = ambiguous.decimal_reading, ambiguous.grouped_reading

    def shown(value: Fraction, in_unit: Unit) -> str:
        return f"{number_text(value, numbers)} {in_unit.symbol}"

    def typing(value: Fraction, in_unit: Unit) -> str:
        number = number_text(value, numbers)
        if typed:
            return f"{number} {in_unit.symbol}"
        return number if in_unit == unit else f"{number} with {in_unit.symbol} chosen"

    ladder = _LADDER[unit.kind]
    index = ladder.index(unit)
    smaller = ladder[index - 1] if index > 0 else None
    larger = ladder[index + 1] if index + 1 < len(ladder) else None
    if (first * 100).denominator == 1:  # "1.500": written "1.5", which cannot be a group
        first_ways = [typing(first, unit)]
        if smaller is not None:
            first_ways.append(typing(first * 1000, smaller))
    else:  # "1.125": only another unit avoids three decimals
        other = smaller or larger
        assert other is not None
        first_ways = [typing(first * (1000 if other is smaller else Fraction(1, 1000)), other)]
    second_ways = [typing(second, unit)]
    if larger is not None and (second / 10).denominator == 1:  # 1500 mcg is 1.5 mg, two decimals at most
        second_ways.append(typing(second / 1000, larger))
    return (
        f"{quote(text)} could mean {shown(first, unit)} or {shown(second, unit)} "
        f"('{numbers.decimal}' also separates thousands in some places). Type {' or '.join(first_ways)} "
        f"if you mean {shown(first, unit)}, or {' or '.join(second_ways)} if you mean {shown(second, unit)}."
    )


def parse_concentration(text: str, locale: NumberFormat | str | None, limits: Limits | None = None) -> Fraction:
    """Exact mg/mL from text such as '1 mg/mL' or '0.5 mg per mL'."""
    try:
        return _concentration(text, number_format_of(locale), limits)
    except Refusal as refusal:  # whatever part is wrong, the concentration box is at fault
        if refusal.field == "concentration":
            raise
        raise Refusal(refusal.message, field="concentration") from None


def _concentration(text: str, numbers: NumberFormat, limits: Limits | None) -> Fraction:
    check_length(text)
    refuse_hidden(text, "concentration", field="concentration")
    cleaned = text.replace(" per ", "/")
    mass_part, slash, volume_text = cleaned.partition("/")
    example = "type a concentration such as 1 mg/mL"
    if not slash or not volume_text.strip():
        raise Refusal(f"A concentration is an amount per volume: {example}.", field="concentration")
    volume_words = volume_text.strip()
    number_part, unit_part = split_amount(volume_words)
    # A zero is refused by parse_number as "a dose of zero": here say which part is zero.
    if _is_zero(number_part, numbers):
        raise Refusal(
            "The volume in the concentration is zero: type the volume that holds the amount, "
            "e.g. 10 mg/5 mL for 10 mg in 5 mL (or 10 mg/mL for 10 mg in 1 mL).",
            field="concentration",
        )
    if _is_zero(split_amount(mass_part)[0], numbers):
        raise Refusal(
            "The amount in the concentration is zero: type how much naltrexone the volume holds, "
            "e.g. 1 mg/mL or 10 mg/5 mL.",
            field="concentration",
        )
    per_volume = parse_number(number_part, numbers) if number_part else Fraction(1)
    volume = lookup_unit(unit_part or volume_words)
    if volume.kind != "volume":
        raise Refusal(f"The concentration must be per volume (mL or L): {example}.", field="concentration")
    per_ml = per_volume * factor(volume)
    plausible = None
    if limits is not None:
        low, high = limits.min_concentration_mg_per_ml, limits.max_concentration_mg_per_ml

        def plausible(mg: Fraction) -> bool:
            return low <= mg / per_ml <= high

    amount = parse_amount(mass_part, numbers, field="concentration", plausible_base=plausible)
    if amount.unit.kind != "mass":
        raise Refusal(f"The concentration must start with an amount of drug: {example}.", field="concentration")
    return amount.value * concentration_factor(amount.unit, volume) / per_volume


def _is_zero(number: str, numbers: NumberFormat) -> bool:
    """'0', '0.0', '00' (in the locale's decimal separator): a number that is zero."""
    digits = number.strip().replace(numbers.decimal, "", 1)
    return bool(digits) and set(digits) == {"0"}
