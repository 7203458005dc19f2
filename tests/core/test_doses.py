"""core.doses: a dose text is read exactly as typed, or refused saying what to type (issue 10:
three decimals, invisible characters, how often written into the dose, suggestions that
match the input)."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from core.doses import parse_amount, parse_concentration
from core.frequency_words import FrequencyInDose
from core.numbers import parse_number
from core.refusal import Refusal
from core.regimen import read_regimen
from core.verify import load_scheme

LIMITS = load_scheme().limits
TRAILING_ZERO = re.compile(r"\d[.,]\d*0(?!\d)")


def advice(message: str) -> str:
    """The message without the user's own text quoted in it: what it suggests."""
    return re.sub(r"'[^']*'", "''", message)


def refused(text: str, locale: str = "en", unit: str | None = None) -> Refusal:
    with pytest.raises(Refusal) as info:
        parse_amount(text, locale, unit, limits=LIMITS)
    return info.value


# -- three decimals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "unit", "mg"),
    [
        ("1.125 mg", "en", None, Fraction(1125, 1000)),  # 1125 mg is above the 1000 mg limit
        ("1,125 mg", "de_DE", None, Fraction(1125, 1000)),
        ("1.125", "en", "mg", Fraction(1125, 1000)),
        ("5.001 mg", "en", None, Fraction(5001, 1000)),
        ("2.500 mg", "en", None, Fraction(5, 2)),
        ("1.500 g", "en", None, Fraction(1500)),  # both readings impossible: the locale's reading, refused later
    ],
)
def test_three_decimals_are_read_when_only_one_reading_is_a_possible_dose(text, locale, unit, mg):
    assert parse_amount(text, locale, unit, limits=LIMITS).in_base == mg


def test_the_issues_example_1_125_mg_is_1_125_mg():
    regimen = read_regimen(["1.125 mg"], LIMITS, locale="en")
    assert regimen.doses_mg == (Fraction(9, 8),)


def test_1_500_mcg_stays_refused_suggesting_a_unit_change_never_a_trailing_zero():
    message = refused("1.500 mcg").message
    assert message == (
        "'1.500 mcg' could mean 1.5 mcg or 1500 mcg ('.' also separates thousands in some places). "
        "Type 1.5 mcg or 1500 ng if you mean 1.5 mcg, or 1500 mcg or 1.5 mg if you mean 1500 mcg."
    )
    assert not TRAILING_ZERO.search(advice(message))


@pytest.mark.parametrize(
    ("text", "locale", "unit", "suggestions"),
    [
        ("1.125 mcg", "en", None, ("Type 1125 ng if you mean 1.125 mcg", "or 1125 mcg if you mean 1125 mcg")),
        ("1,125 mcg", "de_DE", None, ("Type 1125 ng if you mean 1,125 mcg",)),
        ("1.125", "en", "mcg", ("Type 1125 with ng chosen if you mean 1.125 mcg", "or 1125 if you mean 1125 mcg")),
        ("1.500", "en", "mcg", ("Type 1.5 or 1500 with ng chosen", "or 1500 or 1.5 with mg chosen")),
        ("1.125 ng", "en", None, ("Type 0.001125 mcg if you mean 1.125 ng",)),
        ("1.000 mcg", "en", None, ("Type 1 mcg or 1000 ng if you mean 1 mcg", "or 1000 mcg or 1 mg")),
    ],
)
def test_ambiguous_three_decimals_suggest_each_reading_in_a_form_that_cannot_be_misread(
    text, locale, unit, suggestions
):
    message = refused(text, locale, unit).message
    for suggestion in suggestions:
        assert suggestion in message, message
    assert not TRAILING_ZERO.search(advice(message)), message


def test_without_limits_three_decimals_are_refused_and_no_trailing_zero_is_suggested():
    with pytest.raises(Refusal) as info:
        parse_number("1.125", "en")
    assert "1125" in info.value.message and "1.1250" not in info.value.message
    assert not TRAILING_ZERO.search(advice(info.value.message))


def test_a_concentration_with_three_decimals_is_judged_by_the_concentration_limits():
    assert parse_concentration("1.500 mg/mL", "en", LIMITS) == Fraction(3, 2)  # 1500 mg/mL is above 100
    with pytest.raises(Refusal):
        parse_concentration("1.500 mcg/mL", "en", LIMITS)  # 0.0015 and 1.5 mg/mL are both possible


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("4,50", "type 4.5."),
        ("0,500", "type 0.5."),
        ("+4.50", ": 4.5."),
        (".50", "type 0.5 rather"),
        ("1_000.50", ": 1000.5 "),
    ],
)
def test_other_suggestions_never_carry_a_trailing_zero(text, suggestion):
    message = refused(f"{text} mg").message
    assert suggestion in message and not TRAILING_ZERO.search(advice(message)), message


# -- invisible characters and direction overrides ------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("4.5\u200b mg", "an invisible character, U+200B ZERO WIDTH SPACE, after 4.5"),
        ("\ufeff4.5 mg", "an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, before 4.5 mg"),
        ("4.5 m\u200bg", "an invisible character, U+200B ZERO WIDTH SPACE, after 4.5 m"),
        ("4.5\u200e mg", "an invisible character, U+200E LEFT-TO-RIGHT MARK, after 4.5"),
        ("4.5\u200f mg", "an invisible character, U+200F RIGHT-TO-LEFT MARK, after 4.5"),
        ("4\u00ad5 mg", "an invisible character, U+00AD SOFT HYPHEN, after 4"),
        ("4.5 mg\x00", "an invisible character, U+0000 (a control character), after 4.5 mg"),
        ("4.5\u2060 mg", "an invisible character, U+2060 WORD JOINER, after 4.5"),
    ],
)
def test_invisible_characters_are_named_never_shown_as_a_question_mark(text, named):
    message = refused(text).message
    assert named in message, message
    assert "?" not in message


@pytest.mark.parametrize("char", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_direction_overrides_are_always_refused_never_stripped(char):
    for text in (f"0.5{char} mg", f"{char}5.0 mg", f"5 mg{char}"):
        message = refused(text).message
        assert "direction override" in message and f"U+{ord(char):04X}" in message, message
        assert "never ignored" in message
    with pytest.raises(Refusal) as info:
        read_regimen(["5 mg"], LIMITS, per="\u202eday")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in info.value.message and info.value.field == "period"
    with pytest.raises(Refusal) as info:
        parse_concentration(f"1 mg{char}/mL", "en")
    assert info.value.field == "concentration" and "direction override" in info.value.message


def test_an_unknown_unit_quotes_hidden_characters_by_code_point():
    from core.units import lookup_unit

    with pytest.raises(Refusal) as info:
        lookup_unit("m\x1b[2Jg")
    assert "<U+001B>" in info.value.message and "?" not in info.value.message


# -- how often typed into the dose -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "count", "per"),
    [
        ("4.5 mg daily", "daily", 1, "day"),
        ("4.5 mg at bedtime", "at bedtime", 1, "day"),
        ("4.5 mg twice daily", "twice daily", 2, "day"),
        ("4.5 mg nightly", "nightly", 1, "day"),
        ("3 mg bd", "bd", 2, "day"),
        ("4.5 mg od", "od", 1, "day"),
        ("4.5mg BD", "BD", 2, "day"),
        ("1 mg tds", "tds", 3, "day"),
        ("50 mg weekly", "weekly", 1, "week"),
        ("100 mg every other day", "every other day", 1, "2 days"),
        ("4.5 mg every 12 hours", "every 12 hours", 1, "12 hours"),
        ("4.5 mg q12h", "q12h", 2, "day"),
        ("380 mg once a month", "once a month", 1, "month"),
        ("4.5 mg/day", "/day", 1, "day"),
        ("4.5 mg per day", "per day", 1, "day"),
        ("4.5 daily", "daily", 1, "day"),
    ],
)
def test_how_often_in_the_dose_says_where_it_goes(text, words, count, per):
    with pytest.raises(FrequencyInDose) as info:
        parse_amount(text, "en", limits=LIMITS)
    refusal = info.value
    assert refusal.field == "frequency"
    assert (refusal.words, refusal.frequency.count, refusal.frequency.per) == (words, count, per)
    assert "Unknown unit" not in refusal.message
    assert refusal.message.startswith(f"'{words}' says how often, not how much: type the dose alone")


def test_how_often_in_the_dose_gives_the_command_line_for_the_same_regimen():
    with pytest.raises(FrequencyInDose) as info:
        parse_amount("4.5 mg twice daily", "en")
    assert info.value.command_line() == "check '4.5 mg' '4.5 mg' --per day"
    with pytest.raises(FrequencyInDose) as info:
        parse_amount("4,5 mg every 12 hours", "de_DE")
    assert info.value.command_line() == "check '4,5 mg' --per '12 hours'"


def test_how_often_with_the_unit_chosen_in_the_window_names_the_number_alone():
    with pytest.raises(FrequencyInDose) as info:
        parse_amount("4.5 daily", "en", "mg")
    assert "type the dose alone (4.5)" in info.value.message


def test_the_number_is_checked_before_how_often():
    refusal = refused("4,5 mg daily")  # a comma in a point locale
    assert "type 4.5" in refusal.message and refusal.field == "dose"


def test_words_that_are_not_how_often_stay_an_unknown_unit():
    refusal = refused("4.5 mg tablets")
    assert refusal.field == "unit" and "Unknown unit 'mg tablets'" in refusal.message
