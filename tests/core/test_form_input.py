"""core.form_input: the window's form (amount, unit, form, frequency) as a Regimen."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.classify import classify
from core.form_choices import FREQUENCIES, UNITS_FOR_FORM, frequencies_for, frequency
from core.form_input import regimen_from_form
from core.refusal import Refusal


def form(scheme, amount, unit, kind, freq, locale="en", **kwargs):
    return regimen_from_form(amount, unit, kind, freq, locale, scheme.limits, **kwargs)


@pytest.mark.parametrize(
    ("freq", "count", "days"),
    [("once-daily", 1, 1), ("twice-daily", 2, 1), ("three-times-daily", 3, 1), ("every-other-day", 1, 2),
     ("every-third-day", 1, 3), ("three-times-weekly", 3, 7), ("once-weekly", 1, 7)],
)  # fmt: skip
def test_oral_frequencies(scheme, freq, count, days):
    regimen = form(scheme, "2", "mg", "tablet", freq)
    assert regimen.doses_mg == (Fraction(2),) * count
    assert regimen.period_days == days
    assert regimen.daily_mg == Fraction(2 * count, days)


def test_twice_daily_ldn_is_4_mg(scheme):
    result = classify(form(scheme, "2", "mg", "tablet", "twice-daily"), scheme)
    assert result.band.id == "ldn" and result.daily_mg == 4


def test_every_other_day_100_mg_is_standard(scheme):
    assert classify(form(scheme, "100", "mg", "tablet", "every-other-day"), scheme).band.id == "standard"


def test_weekly_schedule(scheme):
    texts = ["100", "", "100", "", "150", "", ""]
    regimen = form(scheme, "", "mg", "tablet", "weekly-schedule", weekly_texts=texts)
    assert regimen.daily_mg == 50
    assert classify(regimen, scheme).band.id == "standard"
    with pytest.raises(Refusal):
        form(scheme, "", "mg", "tablet", "weekly-schedule", weekly_texts=["", ""])


def test_liquid_with_bare_concentration_means_mg_per_ml(scheme):
    regimen = form(scheme, "4.5", "mL", "liquid", "once-daily", concentration_text="1")
    assert regimen.doses_mg == (Fraction(9, 2),)
    regimen = form(scheme, "4,5", "mL", "liquid", "once-daily", locale="de", concentration_text="1")
    assert regimen.doses_mg == (Fraction(9, 2),)
    regimen = form(scheme, "2", "mL", "liquid", "once-daily", concentration_text="500 mcg/mL")
    assert regimen.doses_mg == (Fraction(1),)


def test_liquid_without_concentration_is_refused(scheme):
    with pytest.raises(Refusal) as info:
        form(scheme, "4.5", "mL", "liquid", "once-daily", concentration_text=" ")
    assert info.value.field == "concentration"


@pytest.mark.parametrize(
    ("freq", "band"),
    [("every-4-weeks", "xr-standard"), ("every-2-weeks", "xr-nonstandard"), ("every-3-weeks", "xr-nonstandard"),
     ("once-weekly", "xr-nonstandard")],
)  # fmt: skip
def test_injection(scheme, freq, band):
    result = classify(form(scheme, "380", "mg", "injection", freq), scheme)
    assert result.band.id == band
    assert result.daily_mg is None


def test_frequencies_fit_their_forms():
    assert "twice-daily" not in {f.id for f in frequencies_for("injection")}
    assert "every-4-weeks" not in {f.id for f in frequencies_for("tablet")}
    assert {f.id for f in frequencies_for("injection")} == {"once-weekly", "every-2-weeks", "every-3-weeks",
                                                            "every-4-weeks", "once-a-month"}  # fmt: skip
    assert UNITS_FOR_FORM["injection"] == ("mg",)
    assert frequency("twice-daily").count == 2
    assert all(f.period_days <= 28 for f in FREQUENCIES)


def test_frequency_not_offered_for_the_form_is_refused(scheme):
    with pytest.raises(Refusal) as info:
        form(scheme, "380", "mg", "injection", "twice-daily")
    assert info.value.field == "frequency"


def test_unknown_form_is_refused(scheme):
    with pytest.raises(Refusal) as info:
        form(scheme, "1", "mg", "patch", "once-daily")
    assert info.value.field == "form"


def test_typed_unit_must_agree_with_the_selector(scheme):
    with pytest.raises(Refusal):
        form(scheme, "250 mcg", "mg", "tablet", "once-daily")
    assert form(scheme, "250 mcg", "mcg", "tablet", "once-daily").daily_mg == Fraction(1, 4)


@pytest.mark.parametrize(("unit", "freq", "field"), [(None, "once-daily", "unit"), ("mg", None, "frequency")])
def test_a_cleared_unit_or_frequency_gives_no_regimen(scheme, unit, freq, field):
    with pytest.raises(Refusal) as refused:
        form(scheme, "250", unit, "tablet", freq)
    assert refused.value.field == field and refused.value.message == f"Choose the {field}."
