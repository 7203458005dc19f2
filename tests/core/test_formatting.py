"""core.formatting: doses shown the way ISMP asks, and never rounded onto a band boundary."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.formatting import decimal_text, mass_text, mass_text_with_mg, mg_decimal_string, number_text, ratio_text
from core.report import as_json

SHOWN = re.compile(r"^(about )?(0|[1-9][0-9]*)(\.[0-9]*[1-9])? (ng|mcg|mg)$")
TO_MG = {"ng": Fraction(1, 10**6), "mcg": Fraction(1, 1000), "mg": Fraction(1)}
BOUNDS_MG = (Fraction(1, 1000), Fraction(1), Fraction(5), Fraction(50), Fraction(300))


def shown_mg(text: str) -> Fraction:
    match = SHOWN.match(text)
    assert match, f"{text!r} is not a plain ISMP-style amount"
    number, unit = text.removeprefix("about ").split(" ")
    return Fraction(Decimal(number)) * TO_MG[unit]


@pytest.mark.parametrize(
    ("mg", "text"),
    [
        (Fraction(1, 4), "250 mcg"),
        (Fraction(1, 1000), "1 mcg"),
        (Fraction(999, 10**6), "999 ng"),
        (Fraction(1, 10**6), "1 ng"),
        (Fraction(1, 2 * 10**6), "0.5 ng"),
        (Fraction(1), "1 mg"),
        (Fraction(9, 2), "4.5 mg"),
        (Fraction(5), "5 mg"),
        (Fraction(50), "50 mg"),
        (Fraction(380), "380 mg"),
        (Fraction(1000), "1000 mg"),
        (Fraction(5001, 1000), "5.001 mg"),
        (Fraction(1, 10), "100 mcg"),
        (Fraction(15, 10000), "1.5 mcg"),
    ],
)
def test_mass_text(mg, text):
    assert mass_text(mg) == text


def test_mcg_never_micro_sign():
    for mg in (Fraction(1, 4), Fraction(1, 1000), Fraction(7, 900)):
        assert "µ" not in mass_text(mg) and "μ" not in mass_text(mg)
        assert "mcg" in mass_text(mg)


def test_leading_zero_and_no_trailing_zero():
    assert number_text(Fraction(1, 2)) == "0.5"
    assert number_text(Fraction(5)) == "5"
    assert number_text(Fraction(50)) == "50"
    assert number_text(Fraction(9, 2)) == "4.5"
    assert number_text(Fraction(1, 10**7)) == "0.0000001"  # written out, no exponent
    assert number_text(Fraction(10**12)) == "1000000000000"


def test_inexact_values_say_about():
    assert number_text(Fraction(200, 7)) == "about 28.57"
    assert number_text(Fraction(1, 3)) == "about 0.3333"
    assert mass_text(Fraction(200, 7)) == "about 28.57 mg"
    assert decimal_text(Fraction(1, 3)) == ("0.3333", False)
    assert decimal_text(Fraction(1, 4)) == ("0.25", True)


def test_value_just_above_a_bound_is_not_shown_as_the_bound():
    assert mass_text(Fraction("5.0000001")) == "5.0000001 mg"
    assert mass_text(Fraction(5) + Fraction(1, 3 * 10**9)) != "about 5 mg"
    assert mass_text(Fraction(5) - Fraction(1, 3 * 10**9)) != "about 5 mg"
    assert number_text(Fraction(50) + Fraction(1, 7 * 10**12)).startswith("about 50.000000000000")
    assert mass_text(Fraction(1, 1000) - Fraction(1, 3 * 10**12)) not in ("about 1000 ng", "about 1 mcg")


def test_with_mg():
    assert mass_text_with_mg(Fraction(1, 4)) == "250 mcg (0.25 mg)"
    assert mass_text_with_mg(Fraction(9, 2)) == "4.5 mg"
    assert mass_text_with_mg(Fraction(1, 10**6)) == "1 ng (0.000001 mg)"


def test_json_decimal_strings():
    assert mg_decimal_string(Fraction(1, 4)) == "0.25"
    assert mg_decimal_string(Fraction(50)) == "50"
    assert mg_decimal_string(Fraction(1, 10**6)) == "0.000001"
    with localcontext(prec=20):
        assert Decimal(mg_decimal_string(Fraction(200, 7))) == Decimal(200) / Decimal(7)  # 20 significant digits


def test_ratio_text():
    assert ratio_text(Fraction(250)) == "250"
    assert ratio_text(Fraction(4)) == "4"
    assert ratio_text(Fraction(7, 3)) == "about 2.33"


@settings(max_examples=500, deadline=None)
@given(mg=st.fractions(min_value=Fraction(1, 10**7), max_value=2000, max_denominator=10**12))
def test_every_amount_is_shown_plainly_and_never_on_a_bound_it_is_not(mg):
    text = mass_text(mg)
    value = shown_mg(text)  # asserts the ISMP shape: leading zero, no trailing zero, mcg, no exponent
    if not text.startswith("about "):
        assert value == mg, "an exact-looking amount must be exact"
    else:
        assert value != mg
    for bound in BOUNDS_MG:
        if value == bound:
            assert mg == bound, f"{mg} mg is shown as {text}, the band bound {bound} mg"


def test_reachable_value_just_above_5_mg_is_not_shown_as_5_mg(read, check):
    """35 mg a week plus 1e-20 mg is just above 5 mg a day: intermediate, not low dose.

    Typed as "34.999999 mg" + "1.00000000000001 ng" per week (each number has at most 15
    digits, as the parser allows), the daily dose is 5 + 1/(7*10**20) mg. The band is right
    (intermediate), but the dose was shown as "about 5 mg" and in JSON as "5": the value
    shown lands on the boundary the band excludes, so the pharmacist reads 5 mg = Low dose.
    """
    result = check(["34.999999 mg", "1.00000000000001 ng"], per="week")
    assert result.daily_mg == 5 + Fraction(1, 7 * 10**20)
    assert result.band.id == "intermediate"
    shown = mass_text(result.daily_mg)
    assert shown not in ("5 mg", "about 5 mg"), shown
    assert not result.dose_text.startswith(("5 mg", "about 5 mg ")), result.dose_text
    assert as_json(result)["daily_dose_mg"] != "5"
    assert Decimal(as_json(result)["daily_dose_mg"]) > 5


def test_reachable_value_just_below_1_mcg_is_not_shown_as_1_mcg(check):
    """7 mcg a week minus 1e-20 mg is just below 1 mcg a day: ultra-low, not very low."""
    result = check(["6.9989 mcg", "1.09999999999999 ng"], per="week")
    assert result.daily_mg == Fraction(1, 1000) - Fraction(1, 7 * 10**20)
    assert result.band.id == "uldn"
    assert shown_mg(mass_text(result.daily_mg)) != Fraction(1, 1000), mass_text(result.daily_mg)
    assert Decimal(as_json(result)["daily_dose_mg"]) < Decimal("0.001")
