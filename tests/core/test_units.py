"""core.units and core.doses: a closed list of units, converted exactly with pint."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.doses import parse_amount, parse_concentration, split_amount
from core.refusal import Refusal
from core.units import UNITS, concentration_factor, factor, lookup_unit, registry, to_mg

SPELLINGS = {
    "ng": "ng", "NG": "ng", "nanogram": "ng", "nanograms": "ng",
    "mcg": "mcg", "MCG": "mcg", "Mcg": "mcg", "\u00b5g": "mcg", "\u03bcg": "mcg", "ug": "mcg", "UG": "mcg",
    "microgram": "mcg", "micrograms": "mcg", "Micrograms": "mcg",
    "mg": "mg", "MG": "mg", "Mg": "mg", "mG": "mg", "milligram": "mg", "milligrams": "mg", "MILLIGRAMS": "mg",
    "g": "g", "G": "g", "gram": "g", "grams": "g",
    "mL": "mL", "ml": "mL", "ML": "mL", "millilitre": "mL", "milliliters": "mL",
    "L": "L", "l": "L", "litre": "L", "liters": "L",
}  # fmt: skip


@pytest.mark.parametrize(("spelling", "symbol"), sorted(SPELLINGS.items()))
def test_every_accepted_spelling(spelling, symbol):
    assert lookup_unit(spelling).symbol == symbol
    assert lookup_unit(f"  {spelling} ").symbol == symbol


@pytest.mark.parametrize(("spelling", "symbol"), sorted(SPELLINGS.items()))
def test_every_spelling_after_a_number(spelling, symbol):
    amount = parse_amount(f"2 {spelling}", "en")
    assert amount.unit.symbol == symbol
    assert amount.value == 2


def test_micro_sign_and_greek_mu_are_both_micrograms():
    assert parse_amount("250 \u00b5g", "en").unit.symbol == "mcg"
    assert parse_amount("250 \u03bcg", "en").unit.symbol == "mcg"
    assert parse_amount("250\u00b5g", "en").unit.symbol == "mcg"


@pytest.mark.parametrize("text", ["5 MG", "5 Mg", "5 mg", "5MG", "5 mG"])
def test_MG_is_milligrams_never_megagauss_or_megagrams(text):
    amount = parse_amount(text, "en")
    assert amount.unit.symbol == "mg"
    assert amount.in_base == 5  # 5 mg, not 5e9 mg (megagram) nor a magnetic field


def test_greek_capital_mu_g_that_looks_like_MG_is_not_read_as_micrograms():
    """'ΜG' with a Greek capital Mu (U+039C) looks exactly like 'MG' (milligrams).

    Folding case turns it into 'μg' (micrograms): the reader sees MG, the program reads
    mcg, a thousand-fold difference. It must be refused, not guessed.
    """
    with pytest.raises(Refusal):
        parse_amount("5 \u039cG", "en")


UNKNOWN_UNITS = ["cc", "IU", "iu", "units", "mgs", "mmol", "oz", "gr", "mgm", "tab", "tablets", "drops", "µ", "m",
                 "mcl", "µl", "dl", "kilogram"]  # fmt: skip


@pytest.mark.parametrize("unit", UNKNOWN_UNITS)
def test_unknown_units_are_refused_listing_the_accepted_ones(unit):
    with pytest.raises(Refusal) as info:
        parse_amount(f"5 {unit}", "en")
    message = info.value.message
    assert info.value.field == "unit"
    for accepted in ("ng", "mcg", "mg"):
        assert accepted in message


def test_kg_is_refused_listing_the_accepted_units():
    """'5 kg' is a (wrong) unit, not a per-kilogram dose: say which units to use."""
    with pytest.raises(Refusal) as info:
        parse_amount("5 kg", "en")
    message = info.value.message
    assert "ng" in message and "mcg" in message and "mg" in message, message
    assert "per kilogram" not in message, message


@pytest.mark.parametrize("text", ["4.5 mg/kg", "4.5 mg per kg", "4.5 mcg/kg", "4.5 MG/KG"])
def test_per_kg_doses_are_refused(text):
    with pytest.raises(Refusal) as info:
        parse_amount(text, "en")
    assert "kilogram" in info.value.message
    assert "mg" in info.value.message  # says to type the amount in mg


@pytest.mark.parametrize(
    ("text", "dose"), [("4.5 mg/day", "4.5 mg"), ("4.5 mg per day", "4.5 mg"), ("50 mg/week", "50 mg")]
)
def test_rates_are_refused_as_a_dose_saying_where_how_often_goes(text, dose):
    with pytest.raises(Refusal) as info:
        parse_amount(text, "en")
    assert info.value.field == "frequency"
    assert "how often" in info.value.message and f"({dose})" in info.value.message


def test_a_concentration_typed_as_a_dose_is_refused():
    with pytest.raises(Refusal) as info:
        parse_amount("1 mg/mL", "en")
    assert "period" in info.value.message
    assert "mcg" in info.value.message and "mg" in info.value.message


def test_missing_unit_is_refused_with_suggestions():
    with pytest.raises(Refusal) as info:
        parse_amount("0.25", "en")
    assert "0.25 mg" in info.value.message


def test_unit_before_number_is_refused():
    with pytest.raises(Refusal) as info:
        parse_amount("mg 5", "en")
    assert "number first" in info.value.message


def test_split_amount():
    assert split_amount("0.25mg") == ("0.25", "mg")
    assert split_amount(" 0.25  mg ") == ("0.25", "mg")
    assert split_amount("4,5 mg") == ("4,5", "mg")
    assert split_amount("12") == ("12", "")


@pytest.mark.parametrize("text", ["2 x 50 mg", "50 mg x 2", "1 2 mg", "50mgx2", "1 mg 2"])
def test_more_than_one_number_is_refused(text):
    with pytest.raises(Refusal):
        parse_amount(text, "en")


# --- exact conversions through pint --------------------------------------------------------


def test_factors_are_exact_fractions():
    assert factor(UNITS["g"]) == 1000
    assert factor(UNITS["mg"]) == 1
    assert factor(UNITS["mcg"]) == Fraction(1, 1000)
    assert factor(UNITS["ng"]) == Fraction(1, 1_000_000)
    assert factor(UNITS["L"]) == 1000
    assert factor(UNITS["mL"]) == 1
    for unit in UNITS.values():
        assert isinstance(factor(unit), Fraction)


def test_conversions_to_mg_are_exact():
    assert to_mg(Fraction(1), UNITS["g"]) == 1000
    assert to_mg(Fraction(1), UNITS["mcg"]) == Fraction(1, 1000)
    assert to_mg(Fraction(7), UNITS["mcg"]) / 7 == Fraction(1, 1000)
    assert to_mg(Fraction(250), UNITS["mcg"]) == Fraction(1, 4)
    assert to_mg(Fraction(1, 10), UNITS["g"]) == 100
    assert to_mg(Fraction(3), UNITS["ng"]) * 3 == Fraction(9, 1_000_000)


def test_volume_is_not_an_amount_of_drug():
    with pytest.raises(Refusal):
        to_mg(Fraction(1), UNITS["mL"])


def test_pint_agrees_dimensionally():
    ureg = registry()
    assert ureg.Quantity(Fraction(1), "gram").check("[mass]")
    assert ureg.Quantity(Fraction(1), "milliliter").check("[volume]")
    assert ureg.Quantity(Fraction(1), "gram").to("microgram").magnitude == 1_000_000


def test_concentration_factors_are_exact():
    assert concentration_factor(UNITS["mg"], UNITS["mL"]) == 1
    assert concentration_factor(UNITS["mg"], UNITS["L"]) == Fraction(1, 1000)
    assert concentration_factor(UNITS["mcg"], UNITS["mL"]) == Fraction(1, 1000)
    assert concentration_factor(UNITS["g"], UNITS["L"]) == 1


def test_mass_over_mass_is_not_a_concentration():
    with pytest.raises(Refusal):
        concentration_factor(UNITS["mg"], UNITS["mg"])


@pytest.mark.parametrize(
    ("text", "locale", "mg_per_ml"),
    [
        ("1 mg/mL", "en", Fraction(1)),
        ("0.5 mg/mL", "en", Fraction(1, 2)),
        ("0,5 mg/mL", "de", Fraction(1, 2)),
        ("1 mg/L", "en", Fraction(1, 1000)),
        ("1 mg per mL", "en", Fraction(1)),
        ("500 mcg/mL", "en", Fraction(1, 2)),
        ("1 mg/5 mL", "en", Fraction(1, 5)),
        ("1 g/L", "en", Fraction(1)),
        ("1 MG/ML", "en", Fraction(1)),
    ],
)
def test_concentrations(text, locale, mg_per_ml):
    assert parse_concentration(text, locale) == mg_per_ml


@pytest.mark.parametrize("text", ["1 mg", "1 mL/mL", "1 mg/mg", "mg/mL", "1 mg/", "4,5 mg/mL", "2*3 mg/mL", "0 mg/mL"])
def test_bad_concentrations_are_refused(text):
    with pytest.raises(Refusal) as info:
        parse_concentration(text, "en")
    assert info.value.field == "concentration"


@pytest.mark.parametrize("text", ["1 mg/0 mL", "1 mg/-5 mL", "1 mg/cc", "1 xyz/mL"])
def test_concentration_refusals_point_at_the_concentration_input(text):
    """The refusal's field tells the window which input to highlight: here the concentration."""
    with pytest.raises(Refusal) as info:
        parse_concentration(text, "en")
    assert info.value.field == "concentration", (info.value.field, info.value.message)


# --- the unit chosen in the window and the unit in the text --------------------------------


def test_chosen_unit_is_used_when_the_text_has_none():
    amount = parse_amount("250", "en", unit="mcg")
    assert amount.unit.symbol == "mcg" and amount.in_base == Fraction(1, 4)


def test_text_unit_that_agrees_with_the_chosen_unit_is_accepted():
    assert parse_amount("250 mcg", "en", unit="mcg").in_base == Fraction(1, 4)
    assert parse_amount("250 µg", "en", unit="mcg").in_base == Fraction(1, 4)


def test_text_unit_that_disagrees_with_the_chosen_unit_is_refused():
    with pytest.raises(Refusal) as info:
        parse_amount("250 mcg", "en", unit="mg")
    message = info.value.message
    assert "mcg" in message and "mg" in message
    assert info.value.field == "unit"
