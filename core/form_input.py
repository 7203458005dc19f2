"""Turn the window's form (amount, unit, form, frequency) into a Regimen.

The choices themselves (forms, frequencies and which forms they fit) are in
`core.form_choices`, not in a widget, so the window, the kiosk and the tests share one
meaning of "twice daily" or "every other day".
"""

from __future__ import annotations

from collections.abc import Sequence

from core.form_choices import FORMS, WEEKDAYS, WEEKLY_SCHEDULE, frequencies_for, frequency
from core.formatting import NumberFormat
from core.frequency_words import FrequencyInDose
from core.periods import HOURS_PER_DAY, parse_period
from core.refusal import Refusal
from core.regimen import Regimen, read_regimen
from core.scheme import Limits


def offered_frequency(form: str, meant: FrequencyInDose) -> str | None:
    """The label of the form's Frequency choice that gives how often `meant` says
    ("twice daily" -> "Twice daily"), or None when the form offers none."""
    count, per = meant.frequency
    try:
        period = parse_period(per, 10_000, months=True)
    except Refusal:
        return None
    for choice in frequencies_for(form):
        if choice.id == WEEKLY_SCHEDULE or choice.count != count:
            continue
        if (choice.months and period.months == choice.months) or (
            not choice.months and not period.months and period.hours == choice.period_days * HOURS_PER_DAY
        ):
            return choice.label
    return None


def regimen_from_form(
    amount_text: str,
    unit: str | None,
    form: str,
    frequency_id: str | None,
    locale: NumberFormat | str,
    limits: Limits,
    concentration_text: str = "",
    weekly_texts: Sequence[str] = (),
) -> Regimen:
    """The Regimen the form describes, or a Refusal saying what to type.

    `unit` is the unit of the amounts read (the weekly schedule's own unit for a schedule);
    `weekly_texts` are the schedule's amounts, one per weekday, Monday first (at most 7);
    a unit or frequency that was cleared (None, see `core.form_state`) gives no answer.
    """
    if form not in FORMS:
        raise Refusal(f"Unknown form '{form}': choose {', '.join(FORMS.values())}.", field="form")
    if not frequency_id:
        raise Refusal("Choose the frequency.", field="frequency")
    if not unit:
        raise Refusal("Choose the unit.", field="unit")
    freq = frequency(frequency_id)
    if form not in freq.forms:
        raise Refusal(
            f"{freq.label} is not offered for {FORMS[form].lower()}: choose another frequency.", field="frequency"
        )
    names = None
    if freq.id == WEEKLY_SCHEDULE:
        if len(weekly_texts) > len(WEEKDAYS):
            raise ValueError(f"weekly_texts holds {len(weekly_texts)} texts: one per weekday, Monday first")
        days = [(day, t) for day, t in zip(WEEKDAYS, weekly_texts, strict=False) if t.strip()]
        doses = [t for _, t in days]
        names = [day for day, _ in days]
        if not doses:
            raise Refusal("Type the amount for at least one day of the week (e.g. 100 on Mon).")
    else:
        doses = [amount_text] * freq.count
    concentration = None
    if form == "liquid":
        concentration = concentration_text.strip()
        if not concentration:
            raise Refusal("Type the liquid's concentration, for example 1 (mg/mL).", field="concentration")
        if "/" not in concentration and " per " not in concentration:
            concentration += " mg/mL"
    route = "injection" if form == "injection" else "oral"
    return read_regimen(
        doses,
        limits,
        per=freq.per,
        route=route,
        concentration=concentration,
        locale=locale,
        unit=unit,
        dose_names=names,
    )
