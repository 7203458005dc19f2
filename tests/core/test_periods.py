"""Periods as people write them (issue 10): exact averages, a month for the injection only,
and a frequency given where a period goes answered with what to type."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.classify import classify
from core.form_choices import frequencies_for, frequency
from core.form_input import regimen_from_form
from core.periods import Period, after_doses, parse_period
from core.refusal import Refusal
from core.regimen import Regimen, read_regimen
from core.report import as_json
from core.verify import load_scheme

SCHEME = load_scheme()
LIMITS = SCHEME.limits
DAY = 24


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("every other day", 2 * DAY),
        ("Every Other Day", 2 * DAY),
        ("every second day", 2 * DAY),
        ("every third day", 3 * DAY),
        ("every fourth day", 4 * DAY),
        ("every fifth day", 5 * DAY),
        ("every sixth day", 6 * DAY),
        ("every seventh day", 7 * DAY),
        ("every 3rd day", 3 * DAY),
        ("every other week", 14 * DAY),
        ("every 2 days", 2 * DAY),
        ("every 3 days", 3 * DAY),
        ("every day", DAY),
        ("every week", 7 * DAY),
        ("once a day", DAY),
        ("once a week", 7 * DAY),
        ("12 hours", 12),
        ("every 12 hours", 12),
        ("every 8 hours", 8),
        ("48 hours", 2 * DAY),
        ("every 36 hours", 36),
        ("24 h", DAY),
        ("72 hrs", 3 * DAY),
        ("wk", 7 * DAY),
        ("2 wk", 14 * DAY),
        ("wks", 7 * DAY),
        ("4 wks", 28 * DAY),
        ("3 weeks", 21 * DAY),
        ("every 4 weeks", 28 * DAY),
        ("fortnightly", 14 * DAY),
        ("Fortnight", 14 * DAY),
        ("every fortnight", 14 * DAY),
        ("once a fortnight", 14 * DAY),
        ("a fortnight", 14 * DAY),
    ],
)
def test_periods_people_write(text, hours):
    assert parse_period(text, 28) == Period(hours=hours)


@pytest.mark.parametrize("text", ["month", "once a month", "monthly", "every month", "1 month", "Once A Month"])
def test_a_month_is_a_month_for_the_injection(text):
    assert parse_period(text, 28, months=True) == Period(months=1)


@pytest.mark.parametrize("text", ["month", "once a month", "monthly"])
def test_a_month_is_refused_for_oral_regimens_with_the_reason(text):
    with pytest.raises(Refusal) as info:
        read_regimen(["50 mg"], LIMITS, per=text)
    message = info.value.message
    assert info.value.field == "period"
    assert "months differ in length" in message and "4 weeks" in message and "injection" in message


def test_the_average_stays_exact():
    assert read_regimen(["3 mg"], LIMITS, per="12 hours").daily_mg == 6
    assert read_regimen(["100 mg"], LIMITS, per="48 hours").daily_mg == 50
    assert read_regimen(["1 mg"], LIMITS, per="every 36 hours").daily_mg == Fraction(2, 3)
    assert read_regimen(["7 mcg"], LIMITS, per="every other week").daily_mg == Fraction(1, 2000)
    twelve_hours = read_regimen(["25 mg"], LIMITS, per="every 12 hours")
    assert twelve_hours.period_days == Fraction(1, 2) and twelve_hours.interval_hours == 12
    assert classify(twelve_hours, SCHEME).band_id == "standard"
    assert classify(read_regimen(["150 mg"], LIMITS, per="every third day"), SCHEME).band_id == "standard"


def test_twelve_hours_is_the_same_regimen_as_twice_a_day():
    by_hours = read_regimen(["3 mg"], LIMITS, per="12 hours")
    by_day = read_regimen(["3 mg", "3 mg"], LIMITS, per="day")
    assert by_hours.daily_mg == by_day.daily_mg and by_hours.interval_hours == by_day.interval_hours


@pytest.mark.parametrize(
    ("per", "expected"),
    [
        ("twice a day", "check '3 mg' '3 mg' --per day"),
        ("twice daily", "check '3 mg' '3 mg' --per day"),
        ("bd", "check '3 mg' '3 mg' --per day"),
        ("three times a day", "check '3 mg' '3 mg' '3 mg' --per day"),
        ("twice weekly", "check '3 mg' '3 mg' --per week"),
        ("3 times a week", "check '3 mg' '3 mg' '3 mg' --per week"),
        ("3x week", "check '3 mg' '3 mg' '3 mg' --per week"),
        ("2 x/week", "check '3 mg' '3 mg' --per week"),
        ("2 times daily", "check '3 mg' '3 mg' --per day"),
        ("two times a day", "check '3 mg' '3 mg' --per day"),
    ],
)
def test_a_frequency_given_as_the_period_says_what_to_type(per, expected):
    with pytest.raises(Refusal) as info:
        read_regimen(["3 mg"], LIMITS, per=per)
    assert info.value.field == "period" and expected in info.value.message


def test_the_frequency_example_uses_the_users_own_dose():
    with pytest.raises(Refusal) as info:
        read_regimen(["4.5 mg"], LIMITS, per="twice a day")
    assert "check '4.5 mg' '4.5 mg' --per day" in info.value.message


@pytest.mark.parametrize(
    "text",
    ["every eighth day", "every 0 days", "0 hours", "every other", "2 daily", "9 times a week",
     "1.5 days", "week\u212a",
     "every 2 months", "673 hours", "5 weeks"],
)  # fmt: skip
def test_other_periods_are_refused_with_what_to_type(text):
    with pytest.raises(Refusal) as info:
        parse_period(text, 28, months=True)
    assert info.value.field == "period"
    assert "day" in info.value.message or "week" in info.value.message


@pytest.mark.parametrize(("text", "meanings"), [("biweekly", "twice a week or every two weeks"),
                                                ("Bi-Monthly", "twice a month or every two months")])  # fmt: skip
def test_a_word_with_two_meanings_is_refused_with_both(text, meanings):
    with pytest.raises(Refusal) as info:
        read_regimen(["50 mg"], LIMITS, per=text)
    message = info.value.message
    assert info.value.field == "period" and meanings in message and "not guessed" in message
    assert "mg" not in message  # no example dose: a copied example would check a dose nobody typed
    with pytest.raises(Refusal) as info:  # the same word in the dose: the same answer, not "Unknown unit"
        read_regimen([f"50 mg {text}"], LIMITS)
    assert meanings in info.value.message and "Unknown unit" not in info.value.message


@pytest.mark.parametrize(("text", "period"), [("1x daily", "day"), ("one times a week", "week"), ("a day", "day")])
def test_how_often_once_as_the_period_says_the_period_to_type(text, period):
    with pytest.raises(Refusal) as info:
        read_regimen(["50 mg"], LIMITS, per=text)
    assert info.value.message.endswith(f"give the period it repeats over instead: {period}.")


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        ("50 mg 3 times a week", "check '50 mg' '50 mg' '50 mg' --per week"),
        ("50 mg fortnightly", "check '50 mg' --per '2 weeks'"),
        ("50mg 2x daily", "check '50 mg' '50 mg' --per day"),
    ],
)
def test_a_count_of_times_in_the_dose_says_what_to_type(dose, expected):
    with pytest.raises(Refusal) as info:
        read_regimen([dose], LIMITS)
    assert info.value.field == "frequency" and expected in str(info.value.command_line())


def test_fortnightly_reads_back_as_typed():
    regimen = read_regimen(["50 mg"], LIMITS, per="fortnightly")
    assert regimen.daily_mg == Fraction(50, 14)
    assert after_doses("fortnightly") == "fortnightly" and after_doses("fortnight") == "per fortnight"


# -- the once-a-month injection, end to end -------------------------------------------------


@pytest.mark.parametrize("per", ["month", "once a month", "monthly", "4 weeks", "28 days", "every 4 weeks"])
def test_the_injection_once_a_month_is_the_labelled_regimen(per):
    regimen = read_regimen(["380 mg"], LIMITS, per=per, route="injection")
    result = classify(regimen, SCHEME)
    assert result.band_id == "xr-standard"
    assert result.position == ("the labelled regimen",)
    assert result.daily_mg is None  # never averaged


def test_the_injection_once_a_month_reads_as_the_label_does():
    result = classify(read_regimen(["380 mg"], LIMITS, per="once a month", route="injection"), SCHEME)
    assert result.dose_text.startswith("380 mg once a month, injection")
    assert result.bounds_text == "exactly 380 mg every 4 weeks or once a month"
    data = as_json(result)
    assert (data["period"], data["period_months"], data["period_days"], data["period_hours"]) == (
        "month",
        1,
        None,
        None,
    )


def test_other_injections_are_not_the_labelled_regimen():
    for doses, per in ((["190 mg"], "month"), (["380 mg"], "2 weeks"), (["380 mg"], "3 weeks")):
        result = classify(read_regimen(doses, LIMITS, per=per, route="injection"), SCHEME)
        assert result.band_id == "xr-nonstandard", (doses, per)


def test_the_form_offers_once_a_month_for_the_injection_only():
    monthly = frequency("once-a-month")
    assert monthly.label == "Once a month" and monthly in frequencies_for("injection")
    assert monthly not in frequencies_for("tablet") and monthly not in frequencies_for("liquid")
    regimen = regimen_from_form("380", "mg", "injection", "once-a-month", "en", LIMITS)
    assert regimen.period == Period(months=1)
    assert classify(regimen, SCHEME).band_id == "xr-standard"


def test_a_regimen_accepts_whole_days_as_before():
    assert Regimen((Fraction(50),), 7, "oral").period == Period(hours=168)
    assert Regimen((Fraction(50),), 7, "oral") == Regimen((Fraction(50),), Period.of_days(7), "oral")


# -- the oral regimen that looks like the injection -------------------------------------------


@pytest.mark.parametrize("per", ["4 weeks", "28 days", "every 4 weeks"])
def test_the_injections_regimen_typed_as_oral_carries_a_note(per):
    result = classify(read_regimen(["380 mg"], LIMITS, per=per), SCHEME)
    note = next(n for n in result.notes if n.id == "looks-like-the-injection")
    assert result.notes[0] is note  # first, before the schedule notes
    assert "extended-release injection" in note.text and "--route injection" in note.text
    assert "choose the extended-release injection as the form" in note.text
    assert "about 13.57 mg a day" in note.text  # the average is shown for what it is, not silently
    assert note.refs == ("V",)
    assert "looks-like-the-injection" in [n["id"] for n in as_json(result)["notes"]]


def test_the_injection_note_is_not_raised_for_other_oral_regimens():
    for doses, per in ((["380 mg"], "2 weeks"), (["50 mg"], "day"), (["190 mg"], "4 weeks")):
        result = classify(read_regimen(doses, LIMITS, per=per), SCHEME)
        assert "looks-like-the-injection" not in [n.id for n in result.notes]
    injected = classify(read_regimen(["380 mg"], LIMITS, per="4 weeks", route="injection"), SCHEME)
    assert injected.notes == ()


def test_a_refusal_of_one_of_several_doses_says_which():
    names = ["Dose 1 of 2", "Dose 2 of 2"]
    with pytest.raises(Refusal) as info:
        read_regimen(["0.25 mg", ""], LIMITS, dose_names=names)
    assert info.value.message.startswith("Dose 2 of 2: Type a dose")
    cases = ((["50 mg", "5000 mg"], None), (["1 mL", "5 mg"], "1 mg/mL"), (["1 mL", "900 mL"], "1 mg/mL"))
    for doses, concentration in cases:
        with pytest.raises(Refusal) as info:  # refused after reading: over a limit, not a volume
            read_regimen(doses, LIMITS, concentration=concentration, dose_names=names)
        assert info.value.message.startswith("Dose 2 of 2: "), info.value.message
    assert str(info.value) == info.value.message
    with pytest.raises(Refusal) as info:
        regimen_from_form(
            "", "mg", "tablet", "weekly-schedule", "en_US", LIMITS, weekly_texts=["100", "", "1,5"] + [""] * 4
        )
    assert info.value.message.startswith("Wed: ")


def test_the_month_refusal_suggests_only_periods_that_are_accepted():
    with pytest.raises(Refusal) as info:
        parse_period("month", 28)
    message = info.value.message
    assert "30 days" not in message  # once suggested, then refused as longer than 28 days
    for suggested in ("4 weeks", "28 days"):
        assert suggested in message and parse_period(suggested, 28) == Period(hours=28 * DAY)
    with pytest.raises(Refusal) as info:  # a site scheme with a shorter limit
        parse_period("month", 14)
    assert "Type at most 14 days" in info.value.message and "28" not in info.value.message
