"""The shortcuts of the dose reader are proven-equivalent to the full checks they skip.

Reading a typed dose runs every check on every text (hidden characters, direction
controls, exponents, separators, three decimals, ...). For the texts a keyboard types,
some of that work is skipped: printable ASCII holds no hidden character
(`core.quoting.refuse_hidden`), a plain "0.25 mg" is read without the full reader
(`core.doses._plain_amount`), and a bare "day" or "week" without regular expressions
(`core.periods._read`). Each test below runs both paths on the same text and requires the
same outcome: the same value, or the same refusal (its type, message and field). The
band search and the limit checks compare exact fractions by integer cross-multiplication
(`Band.contains`, `core.regimen._outside`): they are held to core.scheme's `above` and
`below` on generated fractions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from fractions import Fraction
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.doses import Amount, _plain_amount, _read_amount, parse_amount
from core.numbers import number_format_of
from core.periods import _COUNTED, _UNITS, _read, parse_period
from core.quoting import DIRECTION_CONTROLS, _scan_hidden, is_hidden, refuse_hidden
from core.refusal import Refusal
from core.regimen import _outside
from core.scheme import above, below
from core.units import UNITS, factor
from core.verify import load_scheme

SCHEME = load_scheme()
LIMITS = SCHEME.limits
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(call: Callable[[], object]) -> tuple[object, ...]:
    """('ok', value), or the refusal's type, message and field."""
    try:
        return ("ok", call())
    except Refusal as refusal:
        return (type(refusal), refusal.message, refusal.field)


# -- hidden characters ------------------------------------------------------------------------


def test_no_printable_ascii_character_is_hidden() -> None:
    printable = [chr(code) for code in range(0x20, 0x7F)]
    assert all(c.isascii() and c.isprintable() for c in printable)
    assert not any(is_hidden(c) for c in printable)
    # and every other ASCII character is outside the shortcut: the scan sees it
    assert not any(chr(code).isprintable() for code in [*range(0x20), 0x7F])


hidden = st.sampled_from(
    ["\u200b", "\u200d", "\ufeff", "\u00ad", "\u0301", "\x00", "\x1b", "\x7f", "\u2028", "\ue000", "\U000e0001"]
    + sorted(DIRECTION_CONTROLS)
)
text_with_hidden = st.lists(st.one_of(st.sampled_from(list("0.25 mg,")), hidden, st.characters()), max_size=12).map(
    "".join
)


@SETTINGS
@given(st.one_of(st.text(max_size=30), text_with_hidden))
def test_hidden_character_shortcut_agrees_with_the_scan(text: str) -> None:
    for what, field in (("dose", "dose"), ("period", "period")):
        assert outcome(partial(refuse_hidden, text, what, field)) == outcome(partial(_scan_hidden, text, what, field))


@pytest.mark.parametrize("char", sorted(DIRECTION_CONTROLS))
def test_a_direction_control_is_refused_in_every_reader(char: str) -> None:
    for call in (
        lambda: parse_amount(f"0.25{char} mg", "en", limits=LIMITS),
        lambda: parse_amount(f"{char}0.25 mg", "en", limits=LIMITS),
        lambda: parse_period(f"da{char}y", 90),
    ):
        with pytest.raises(Refusal, match="direction override"):
            call()


# -- plain dose texts -------------------------------------------------------------------------

UNIT_WORDS = ["mg", "MG", "Mg", "mcg", "ug", "ng", "g", "mL", "ml", "L", "grams", "milligram", "kg", "e", "daily"]
near_plain = st.builds(
    lambda spaces1, number, spaces2, unit, spaces3: f"{spaces1}{number}{spaces2}{unit}{spaces3}",
    st.sampled_from(["", " ", "  "]),
    st.one_of(
        st.from_regex(r"[0-9]{1,17}([.,][0-9]{0,17})?", fullmatch=True),
        st.from_regex(r"[0-9]{1,3}[.,][0-9]{3}", fullmatch=True),  # the possible thousands group
        st.from_regex(r"0{1,4}([.,]0{1,4})?", fullmatch=True),  # zero
        st.from_regex(r"[.,]?[0-9]{0,4}[.,]{1,2}[0-9]{0,4}[eE]?[0-9]{0,2}", fullmatch=True),
    ),
    st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
    st.one_of(st.just(""), st.sampled_from(UNIT_WORDS), st.text(alphabet="abcdeglmnsu/ ", max_size=6)),
    st.sampled_from(["", " ", "\u200b", "\u202e"]),
)


@SETTINGS
@given(
    text=st.one_of(near_plain, st.text(max_size=45)),
    locale=st.sampled_from(["en", "de_DE"]),
    unit=st.sampled_from([None, "mg", "mcg", "mL", "kg"]),
)
def test_plain_dose_shortcut_agrees_with_the_full_reader(text: str, locale: str, unit: str | None) -> None:
    numbers = number_format_of(locale)
    full = outcome(lambda: _read_amount(text, numbers, unit, "dose", LIMITS, None))
    assert outcome(lambda: parse_amount(text, numbers, unit, limits=LIMITS)) == full
    shortcut = _plain_amount(text, numbers, unit)
    if shortcut is not None:  # whatever the shortcut answers, the full reader answers too
        assert full == ("ok", shortcut)


@pytest.mark.parametrize(
    ("text", "locale", "unit"),
    [("0.25 mg", "en", None), ("4,5 mg", "de_DE", None), ("250mcg", "en", None), ("7", "en", "mcg"),
     (" 100 MG ", "en", None), ("0.05 g", "en", "g"), ("1.5 mL", "en", None)],
)  # fmt: skip
def test_the_shortcut_reads_what_a_keyboard_types(text: str, locale: str, unit: str | None) -> None:
    """It is taken (so the comparison above compares something) and gives the full reading."""
    numbers = number_format_of(locale)
    shortcut = _plain_amount(text, numbers, unit)
    assert shortcut is not None
    assert shortcut == _read_amount(text, numbers, unit, "dose", LIMITS, None)


@pytest.mark.parametrize(
    ("text", "locale", "unit"),
    [("1.125 mg", "en", None), ("1,500 mcg", "de_DE", None), ("0 mg", "en", None), ("0.0", "en", "mg"),
     ("4,5 mg", "en", None), ("4.5 mg", "de_DE", None), ("5 mg", "en", "mcg"), ("5", "en", None),
     ("1e3 mg", "en", None), ("1234567890123456 mg", "en", None), ("5 mg daily", "en", None), ("5 kg", "en", None)],
)  # fmt: skip
def test_the_shortcut_leaves_every_doubt_to_the_full_reader(text: str, locale: str, unit: str | None) -> None:
    assert _plain_amount(text, number_format_of(locale), unit) is None


# -- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize("word", sorted(_UNITS))
def test_a_bare_unit_word_reads_as_the_counted_pattern_reads_it(word: str) -> None:
    match = _COUNTED.fullmatch(word)
    assert match is not None and match.group(1) is None
    assert _read(word) == (1, _UNITS[match.group(2)])
    assert re.fullmatch(r"[a-z]+", word)


# -- band search ------------------------------------------------------------------------------

fractions = st.fractions(min_value=0, max_value=10_000, max_denominator=10**9)


@SETTINGS
@given(
    daily=fractions,
    lower=fractions,
    span=st.one_of(st.none(), fractions),
    lower_inclusive=st.booleans(),
    upper_inclusive=st.booleans(),
)
def test_band_contains_is_above_lower_and_below_upper(
    daily: Fraction, lower: Fraction, span: Fraction | None, lower_inclusive: bool, upper_inclusive: bool
) -> None:
    band = dataclasses.replace(
        SCHEME.oral_bands[1],
        lower_mg=lower,
        upper_mg=None if span is None else lower + span,
        lower_inclusive=lower_inclusive,
        upper_inclusive=upper_inclusive,
    )
    expected = above(daily, lower, lower_inclusive) and (span is None or below(daily, lower + span, upper_inclusive))
    assert band.contains(daily) is expected
    if span != 0:  # at the lower bound itself, its flag decides
        assert band.contains(lower) is lower_inclusive


@SETTINGS
@given(value=fractions, low=fractions, span=fractions)
def test_outside_the_limits_is_below_low_or_above_high(value: Fraction, low: Fraction, span: Fraction) -> None:
    high = low + span
    expected = -1 if below(value, low, False) else 1 if above(value, high, False) else 0
    assert _outside(value, low, high) == expected


@pytest.mark.parametrize("symbol", sorted(UNITS))
def test_an_amount_in_base_units_is_the_value_times_the_factor(symbol: str) -> None:
    for value in (Fraction(1, 4), Fraction(7), Fraction(123456789, 10**9)):
        amount = Amount(value, UNITS[symbol])
        assert amount.in_base == value * factor(UNITS[symbol])
        assert isinstance(amount.in_base, Fraction)
