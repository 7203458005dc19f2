"""core.form_state: the intent rule as plain data (no Qt), transition by transition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.form_choices import DEFAULT_UNIT, FORMS, UNITS_FOR_FORM, WEEKLY_SCHEDULE, frequencies_for
from core.form_state import (
    FREQUENCY,
    UNIT,
    Cleared,
    FormChoices,
    Typed,
    choose_form,
    choose_frequency,
    choose_unit,
    choose_weekly_unit,
    start,
    weekly_units,
)

PREFER = {"injection": "every-4-weeks"}
NOTHING = Typed()
AMOUNT = Typed(amount=True)
DAYS = Typed(weekly=True)


def test_start_is_the_defaults_with_nothing_chosen_or_cleared():
    choices = start(preferred_frequency=PREFER)
    assert choices == FormChoices()
    assert (choices.form, choices.unit, choices.frequency, choices.weekly_unit) == ("tablet", "mg", "once-daily", "mg")
    assert choices.chosen == frozenset() and choices.cleared == () and choices.notices() == ()
    assert start("injection", PREFER).frequency == "every-4-weeks"


# -- the sequences ------------------------------------------------------------------------------
def test_250_mcg_tablet_liquid_tablet_never_becomes_250_mg():
    choices = choose_unit(start(), "mcg")
    liquid = choose_form(choices, "liquid", AMOUNT, PREFER)
    assert liquid.unit is None
    assert liquid.notices() == (
        "The unit mcg is not offered for the oral liquid (the liquid is given by volume, in mL): choose one.",
    )
    tablet = choose_form(liquid, "tablet", AMOUNT, PREFER)
    assert tablet.unit is None, "switching back must not bring mcg (or mg) back silently"
    assert tablet.notices() == ("The unit mcg was cleared when you chose the oral liquid: choose the unit again.",)
    assert choose_unit(tablet, "mcg").notices() == ()
    injection = choose_form(tablet, "injection", AMOUNT, PREFER)  # mcg was cleared on the liquid, not here
    assert injection.notices()[0] == (
        "The unit mcg, cleared when you chose the oral liquid, is not offered for the injection either: choose one."
    )


def test_150_mg_every_third_day_injection_tablet_never_becomes_once_daily():
    choices = choose_frequency(start(), "every-third-day")
    injection = choose_form(choices, "injection", AMOUNT, PREFER)
    assert injection.unit == "mg"  # kept: the injection offers mg
    assert injection.frequency is None  # not the labelled interval under a typed 150
    assert injection.notices() == ("Every third day is not offered for the injection: choose a frequency.",)
    tablet = choose_form(injection, "tablet", AMOUNT, PREFER)
    assert tablet.frequency is None, "not once daily, and not every third day either: the user chooses"
    assert tablet.notices() == (
        "Every third day was cleared when you chose the injection: choose the frequency again.",
    )


def test_380_mg_for_the_injection_never_becomes_380_ml_of_liquid():
    injection = choose_frequency(choose_form(start(), "injection", NOTHING, PREFER), "every-4-weeks")
    liquid = choose_form(injection, "liquid", AMOUNT, PREFER)
    assert liquid.unit is None and liquid.frequency is None
    assert liquid.notices() == (
        "The unit mg is not offered for the oral liquid (the liquid is given by volume, in mL): choose one.",
        "Every 4 weeks is not offered for the oral liquid: choose a frequency.",
    )


def test_the_weekly_schedule_keeps_its_unit_when_the_dose_unit_changes():
    weekly = choose_frequency(choose_weekly_unit(start(), "mcg"), WEEKLY_SCHEDULE)
    single = choose_unit(choose_frequency(weekly, "once-daily"), "mg")  # the unit changed on another screen
    back = choose_frequency(single, WEEKLY_SCHEDULE)
    assert back.weekly_unit == "mcg" and back.unit_in_use() == "mcg"
    assert choose_weekly_unit(back, "g").unit == "mg"  # and the reverse


# -- what is kept, what is cleared, what is defaulted -------------------------------------------------------
def test_a_default_nobody_chose_with_nothing_typed_becomes_the_new_forms_default():
    liquid = choose_form(start(), "liquid", NOTHING, PREFER)
    assert (liquid.unit, liquid.frequency, liquid.notices()) == ("mL", "once-daily", ())
    injection = choose_form(liquid, "injection", NOTHING, PREFER)
    assert (injection.unit, injection.frequency, injection.notices()) == ("mg", "every-4-weeks", ())


def test_a_choice_the_user_made_is_cleared_even_with_nothing_typed():
    choices = choose_form(choose_unit(start(), "mg"), "liquid", NOTHING, PREFER)
    assert choices.unit is None and choices.cleared == (Cleared(UNIT, "mg", "liquid"),)


def test_a_default_under_a_typed_number_is_held():
    choices = choose_form(start(), "injection", AMOUNT, PREFER)
    assert choices.unit == "mg"  # offered: kept
    assert choices.frequency is None and choices.cleared == (Cleared(FREQUENCY, "once-daily", "injection"),)


def test_days_typed_hold_the_weekly_schedule_but_not_the_dose_unit():
    weekly = choose_frequency(start(), WEEKLY_SCHEDULE)
    liquid = choose_form(weekly, "liquid", DAYS, PREFER)
    assert liquid.frequency is None and liquid.unit == "mL"  # the dose unit was an untouched default
    assert liquid.notices() == (
        "Different amounts on days of the week is not offered for the oral liquid: choose a frequency.",
    )


def test_a_weekly_schedule_does_not_need_the_dose_unit():
    choices = choose_form(choose_unit(start(), "mcg"), "injection", AMOUNT, PREFER)
    choices = choose_form(choices, "tablet", AMOUNT, PREFER)
    assert choices.unit is None
    weekly = choose_frequency(choices, WEEKLY_SCHEDULE)
    assert weekly.notices() == () and weekly.unit_in_use() == "mg"
    assert len(choose_frequency(weekly, "once-daily").notices()) == 1  # back on the dose: choose its unit


def test_choosing_the_same_form_changes_nothing():
    choices = choose_unit(start(), "ng")
    assert choose_form(choices, "tablet", AMOUNT, PREFER) is choices


def test_values_that_are_not_offered_are_refused():
    with pytest.raises(ValueError):
        choose_unit(start(), "mL")
    with pytest.raises(ValueError):
        choose_frequency(start("injection"), "twice-daily")
    with pytest.raises(ValueError):
        choose_form(start(), "patch", NOTHING)
    assert weekly_units() == UNITS_FOR_FORM["tablet"]


# -- the rule, for every sequence -------------------------------------------------------------------------------
actions = st.lists(
    st.one_of(
        st.tuples(st.just("form"), st.sampled_from(sorted(FORMS)), st.booleans(), st.booleans()),
        st.tuples(st.just("unit"), st.integers(0, 3)),
        st.tuples(st.just("frequency"), st.integers(0, 10)),
        st.tuples(st.just("weekly_unit"), st.integers(0, 3)),
    ),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(actions)
def test_no_held_choice_ever_changes_to_another_value(steps):
    """Whatever the user does, a change of form never turns a held choice into another value:
    it stays, or it is cleared with a notice; only an untouched default becomes another default."""
    choices = start(preferred_frequency=PREFER)
    for step in steps:
        kind = step[0]
        if kind == "form":
            _, form, amount, weekly = step
            typed = Typed(amount, weekly)
            after = choose_form(choices, form, typed, PREFER)
            for control, before_value, after_value in (
                (UNIT, choices.unit, after.unit),
                (FREQUENCY, choices.frequency, after.frequency),
            ):
                if before_value is None:
                    assert after_value is None  # never resurrected
                    continue
                under = typed.weekly if before_value == WEEKLY_SCHEDULE else typed.amount
                held = control in choices.chosen or under
                if after_value == before_value or after_value is None:
                    if after_value is None:
                        assert held and any(c.control == control for c in after.cleared)
                        assert after.notices() or after.is_weekly  # the user is told (the schedule needs no dose unit)
                    continue
                assert not held, f"{control} {before_value} became {after_value} under the user's input"
                expected = DEFAULT_UNIT[form] if control == UNIT else None
                assert expected is None or after_value == expected
            assert after.weekly_unit == choices.weekly_unit
            choices = after
        elif kind == "unit":
            offered = UNITS_FOR_FORM[choices.form]
            choices = choose_unit(choices, offered[step[1] % len(offered)])
            assert choices.unit is not None and not any(c.control == UNIT for c in choices.cleared)
        elif kind == "frequency":
            offered = frequencies_for(choices.form)
            choices = choose_frequency(choices, offered[step[1] % len(offered)].id)
            assert not any(c.control == FREQUENCY for c in choices.cleared)
        else:
            choices = choose_weekly_unit(choices, weekly_units()[step[1] % len(weekly_units())])
        needed_missing = choices.frequency is None or (choices.unit is None and not choices.is_weekly)
        assert bool(choices.notices()) == needed_missing  # no answer exactly when a notice says why
