"""Read "AMOUNT UNIT" texts (a dose, a volume, a concentration) into exact amounts."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from core.numbers import check_length, example_number, parse_number, refuse_non_numeric_forms
from core.quoting import quote
from core.refusal import Refusal
from core.units import MASS_HINT, Unit, concentration_factor, factor, lookup_unit


@dataclass(frozen=True)
class Amount:
    """An exact amount in a unit from the closed list, as the user wrote it."""

    value: Fraction
    unit: Unit

    @property
    def in_base(self) -> Fraction:
        """The amount in mg (mass) or mL (volume)."""
        return self.value * factor(self.unit)


def split_amount(text: str) -> tuple[str, str]:
    """'0.25mg' -> ('0.25', 'mg'): the number comes first, the unit is the rest."""
    stripped = text.strip()
    for index, char in enumerate(stripped):
        if char.isalpha() or char.isspace():
            return stripped[:index], stripped[index:].strip()
    return stripped, ""


def parse_amount(text: str, locale: str, unit: str | None = None, field: str = "dose") -> Amount:
    """An Amount from 'AMOUNT UNIT' text; `unit` is the unit chosen elsewhere (a selector).

    The text may carry its own unit only if it agrees with `unit`.
    """
    try:
        example = example_number(locale)
        check_length(text, example)
        refuse_non_numeric_forms(text, example)
        number_text, unit_text = split_amount(text)
        if not number_text:
            if text.strip():
                raise Refusal(f"Put the number first, then the unit (e.g. {example} mg); found {quote(text.strip())}.")
            raise Refusal(f"Type a dose, for example {example}" + (" mg." if unit is None else "."))
        if any(c.isdigit() for c in unit_text):
            raise Refusal(
                f"Type one number followed by its unit (found more than one number in {quote(text.strip())})."
            )
        value = parse_number(number_text, locale)
        typed = lookup_unit(unit_text) if unit_text else None
        chosen = lookup_unit(unit) if unit else None
        if typed and chosen and typed != chosen:
            raise Refusal(
                f"You typed {typed.symbol} but the unit chosen is {chosen.symbol}: "
                f"type the number alone or choose {typed.symbol}.",
                field="unit",
            )
        resolved = typed or chosen
        if resolved is None:
            raise Refusal(f"Add a unit after the number: {number_text} mg or {number_text} mcg ({MASS_HINT}).")
    except Refusal as refusal:
        if refusal.field == "dose" and field != "dose":
            raise Refusal(refusal.message, field=field) from None
        raise
    return Amount(value, resolved)


def parse_concentration(text: str, locale: str) -> Fraction:
    """Exact mg/mL from text such as '1 mg/mL' or '0.5 mg per mL'."""
    try:
        return _concentration(text, locale)
    except Refusal as refusal:  # whatever part is wrong, the concentration box is at fault
        if refusal.field == "concentration":
            raise
        raise Refusal(refusal.message, field="concentration") from None


def _concentration(text: str, locale: str) -> Fraction:
    check_length(text)
    cleaned = text.replace(" per ", "/")
    mass_text, slash, volume_text = cleaned.partition("/")
    example = "type a concentration such as 1 mg/mL"
    if not slash or not volume_text.strip():
        raise Refusal(f"A concentration is an amount per volume: {example}.", field="concentration")
    amount = parse_amount(mass_text, locale, field="concentration")
    if amount.unit.kind != "mass":
        raise Refusal(f"The concentration must start with an amount of drug: {example}.", field="concentration")
    volume_words = volume_text.strip()
    number_part, unit_part = split_amount(volume_words)
    per_volume = parse_number(number_part, locale) if number_part else Fraction(1)
    volume = lookup_unit(unit_part or volume_words)
    if volume.kind != "volume":
        raise Refusal(f"The concentration must be per volume (mL or L): {example}.", field="concentration")
    return amount.value * concentration_factor(amount.unit, volume) / per_volume
