"""core.regimen.read_regimen and core.periods: what is given in one period, exactly, or a refusal."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from core.periods import Period, parse_period
from core.refusal import Refusal
from core.regimen import Regimen


def refused(read, doses, **kwargs) -> Refusal:
    with pytest.raises(Refusal) as info:
        read(doses, **kwargs)
    assert info.value.message.strip()
    return info.value


# --- average daily dose, exact -------------------------------------------------------------


@pytest.mark.parametrize(
    ("doses", "per", "daily_mg"),
    [
        (["7 mcg"], "week", Fraction(1, 1000)),  # exactly 1 mcg a day, not 0.9999999
        (["100 mg"], "2 days", Fraction(50)),
        (["2 mg", "2 mg"], "day", Fraction(4)),
        (["100 mg", "100 mg", "150 mg"], "week", Fraction(50)),
        (["50 mg"] * 5 + ["100 mg"], "week", Fraction(50)),
        (["150 mg"], "3 days", Fraction(50)),
        (["50 mg", "50 mg", "100 mg"], "week", Fraction(200, 7)),
        (["0.25 mg"], "day", Fraction(1, 4)),
        (["250 mcg"], "day", Fraction(1, 4)),
        (["250000 ng"], "day", Fraction(1, 4)),
        (["0.00025 g"], "day", Fraction(1, 4)),
        (["1 mcg"] * 3, "3 days", Fraction(1, 1000)),
        (["4.5 mg"], "day", Fraction(9, 2)),
        (["380 mg"], "4 weeks", Fraction(380, 28)),
        (["35 mg"], "week", Fraction(5)),
        (["300 mg"], "3 weeks", Fraction(300, 21)),
    ],
)
def test_average_daily_dose_is_exact(read, doses, per, daily_mg):
    regimen = read(doses, per=per)
    assert isinstance(regimen.daily_mg, Fraction)
    assert regimen.daily_mg == daily_mg


def test_total_single_max_and_interval(read):
    regimen = read(["100 mg", "100 mg", "150 mg"], per="week")
    assert regimen.total_mg == 350
    assert regimen.max_single_mg == 150
    assert regimen.interval_hours == 56
    assert regimen.period_days == 7
    assert regimen.doses_mg == (100, 100, 150)
    assert regimen.route == "oral"


def test_german_locale_reads_the_decimal_comma(read):
    assert read("4,5 mg", locale="de").daily_mg == Fraction(9, 2)  # not 45 mg
    assert read("0,25 mg", locale="de_DE.UTF-8").daily_mg == Fraction(1, 4)


def test_default_locale_comes_from_the_system(read, monkeypatch):
    for var in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert read("4,5 mg", locale=None).daily_mg == Fraction(9, 2)
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert read("4.5 mg", locale=None).daily_mg == Fraction(9, 2)
    refused(read, "4,5 mg", locale=None)


def test_regimen_is_immutable(read):
    regimen = read("1 mg")
    with pytest.raises(dataclasses.FrozenInstanceError):
        regimen.doses_mg = (Fraction(2),)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        regimen.period_days = 2  # type: ignore[misc]


def test_describe(read):
    assert read(["100 mg", "100 mg", "150 mg"], per="week").describe() == "100 mg + 100 mg + 150 mg every week, oral"
    assert read("250 mcg").describe() == "250 mcg every day, oral"
    text = read("4.5 mL", concentration="1 mg/mL").describe()
    assert "4.5 mL (4.5 mg)" in text and "1 mg/mL" in text


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [("day", 1), ("Day", 1), ("daily", 1), ("1 day", 1), ("week", 7), ("weekly", 7), ("1 week", 7),
     ("2 days", 2), ("3 days", 3), ("4 weeks", 28), ("3 weeks", 21), ("2 weeks", 14), ("28 days", 28),
     (" 2  days ", 2), ("7 days", 7)],
)  # fmt: skip
def test_periods(text, days):
    assert parse_period(text, 28) == Period.of_days(days)


@pytest.mark.parametrize("text", ["month", "1 month", "monthly", "0 days", "0 weeks", "1.5 days", "1,5 days",
                                  "biweekly", "", "  ", "-1 days", "2 * 3 days", "days 2", "1e1 days",
                                  "5 weeks", "29 days", "1000 days", "x" * 10_000, "½ day", "year"])  # fmt: skip
def test_bad_periods_are_refused_with_what_to_type(text):
    with pytest.raises(Refusal) as info:
        parse_period(text, 28)
    assert info.value.field == "period"
    message = info.value.message
    assert "week" in message or "days" in message


def test_month_is_refused_suggesting_4_weeks():
    with pytest.raises(Refusal) as info:
        parse_period("month", 28)
    assert "4 weeks" in info.value.message or "28 days" in info.value.message


@pytest.mark.parametrize("text", ["2 daily", "3 daily", "2 weekly", "3 weekly"])
def test_n_daily_and_n_weekly_are_refused_as_ambiguous(text):
    """'2 daily' reads as 'twice daily' to many people, '3 weekly' as 'three times weekly'.

    The contract (design.md) is "day", "week", "N days", "N weeks". Taking "2 daily" as
    every 2 days quarters the daily dose of what a reader of "twice daily" means.
    """
    with pytest.raises(Refusal):
        parse_period(text, 28)


def test_period_longer_than_the_scheme_limit_is_refused(read):
    message = refused(read, "380 mg", per="5 weeks", route="injection").message
    assert "28 days" in message


# --- liquids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("volume", "concentration", "mg"),
    [
        ("4.5 mL", "1 mg/mL", Fraction(9, 2)),
        ("4.5 ml", "1 mg/mL", Fraction(9, 2)),
        ("4.5 mL", "0.5 mg/mL", Fraction(9, 4)),
        ("9 mL", "0.5 mg/mL", Fraction(9, 2)),
        ("0.25 mL", "1 mg/mL", Fraction(1, 4)),
        ("50 mL", "1 mg/mL", Fraction(50)),
        ("10 mL", "1 mg/L", Fraction(1, 100)),
        ("0.1 L", "1 mg/mL", Fraction(100)),
        ("5 mL", "1 mg/5 mL", Fraction(1)),
        ("2 mL", "250 mcg/mL", Fraction(1, 2)),
    ],
)
def test_liquid_doses(read, volume, concentration, mg):
    regimen = read(volume, concentration=concentration)
    assert regimen.doses_mg == (mg,)
    assert regimen.is_liquid


def test_liquid_in_german(read):
    assert read("4,5 mL", concentration="1 mg/mL", locale="de").doses_mg == (Fraction(9, 2),)
    assert read("9 mL", concentration="0,5 mg/mL", locale="de").doses_mg == (Fraction(9, 2),)


def test_volume_without_concentration_is_refused(read):
    refusal = refused(read, "4.5 mL")
    assert "concentration" in refusal.message
    assert "1 mg/mL" in refusal.message


def test_mass_with_concentration_is_refused(read):
    refusal = refused(read, "4.5 mg", concentration="1 mg/mL")
    assert "volume" in refusal.message and "mL" in refusal.message


def test_concentration_with_an_injection_is_refused(read):
    refused(read, "380 mg", per="4 weeks", route="injection", concentration="1 mg/mL")


def test_empty_concentration_means_no_liquid(read):
    assert not read("4.5 mg", concentration="  ").is_liquid


@pytest.mark.parametrize("concentration", ["1000 mg/mL", "0.0000001 mg/mL", "1 ng/L"])
def test_concentration_outside_the_scheme_limits_is_refused(read, concentration):
    refusal = refused(read, "1 mL", concentration=concentration)
    assert refusal.field == "concentration"
    assert "mg/mL" in refusal.message


def test_volume_above_the_limit_is_refused(read):
    assert "mL" in refused(read, "1 L", concentration="1 mg/L").message
    assert "mL" in refused(read, "501 mL", concentration="0.1 mg/mL").message
    assert read("500 mL", concentration="0.1 mg/mL").doses_mg == (Fraction(50),)


# --- limits from the scheme -----------------------------------------------------------------


def test_single_dose_below_1_ng_is_refused(read):
    message = refused(read, "0.5 ng").message
    assert "check the unit" in message


def test_one_ng_is_accepted(read):
    assert read("1 ng").daily_mg == Fraction(1, 1_000_000)


def test_single_dose_above_1000_mg_is_refused(read):
    assert read("1000 mg").daily_mg == 1000
    message = refused(read, "1001 mg").message
    assert "check the unit" in message


def test_5_g_is_refused_saying_check_the_unit(read):
    message = refused(read, "5 g").message
    assert "check the unit" in message
    assert "g instead of mg" in message or "mg" in message


def test_daily_average_below_the_limit_is_refused(read):
    message = refused(read, "1 ng", per="2 days").message
    assert "check the amounts, units and period" in message


def test_daily_average_above_the_limit_is_refused(read):
    message = refused(read, ["600 mg", "600 mg"], per="day").message
    assert "check the amounts, units and period" in message


def test_injection_is_not_held_to_the_oral_daily_limits(read):
    # 1000 mg a day is the oral limit; an injection is never averaged, so only the single-dose limit applies.
    assert read("380 mg", per="4 weeks", route="injection").route == "injection"


def test_too_many_administrations_is_refused(read):
    assert len(read(["1 mg"] * 21, per="week").doses_mg) == 21
    message = refused(read, ["1 mg"] * 22, per="week").message
    assert "21" in message


def test_no_dose_is_refused(read):
    refused(read, [])


def test_unknown_route_is_refused(read):
    refusal = refused(read, "1 mg", route="intravenous")
    assert refusal.field == "route"
    assert "oral" in refusal.message and "injection" in refusal.message


@pytest.mark.parametrize(("text", "unit"), [("250 mcg", "mg"), ("5 mg", "mcg"), ("5 mg", "g"), ("4.5 mL", "mg")])
def test_unit_mismatch_between_text_and_chosen_unit_is_refused(read, text, unit):
    refusal = refused(read, text, unit=unit)
    assert refusal.field == "unit"


def test_chosen_unit_applies_to_every_dose(read):
    regimen = read(["100", "100", "150"], per="week", unit="mg")
    assert regimen.daily_mg == 50
    assert read("250", unit="mcg").daily_mg == Fraction(1, 4)


def test_one_bad_dose_refuses_the_whole_regimen(read):
    refused(read, ["100 mg", "100 mg", "1,50 mg"], per="week")


def test_regimen_constructed_directly_matches_read(read):
    assert read(["2 mg", "2 mg"]) == Regimen((Fraction(2), Fraction(2)), 1, "oral", units=("mg", "mg"))
