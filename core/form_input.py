"""Turn the window's form (amount, unit, form, frequency) into a Regimen.

Frequencies and which forms they fit live here, not in a widget, so the window, the
kiosk and the tests share one meaning of "twice daily" or "every other day".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.refusal import Refusal
from core.regimen import Regimen, read_regimen
from core.scheme import Limits

FORMS = {"tablet": "Tablet or capsule", "liquid": "Oral liquid", "injection": "Extended-release injection"}
WEEKLY_SCHEDULE = "weekly-schedule"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Frequency:
    id: str
    label: str
    count: int  # administrations per period
    period_days: int
    forms: tuple[str, ...]


_ORAL = ("tablet", "liquid")
FREQUENCIES: tuple[Frequency, ...] = (
    Frequency("once-daily", "Once daily", 1, 1, _ORAL),
    Frequency("twice-daily", "Twice daily", 2, 1, _ORAL),
    Frequency("three-times-daily", "Three times daily", 3, 1, _ORAL),
    Frequency("every-other-day", "Every other day", 1, 2, _ORAL),
    Frequency("every-third-day", "Every third day", 1, 3, _ORAL),
    Frequency("three-times-weekly", "Three times weekly", 3, 7, _ORAL),
    Frequency("once-weekly", "Once weekly", 1, 7, ("tablet", "liquid", "injection")),
    Frequency(WEEKLY_SCHEDULE, "Different amounts on days of the week", 0, 7, ("tablet",)),
    Frequency("every-2-weeks", "Every 2 weeks", 1, 14, ("injection",)),
    Frequency("every-3-weeks", "Every 3 weeks", 1, 21, ("injection",)),
    Frequency("every-4-weeks", "Every 4 weeks", 1, 28, ("injection",)),
)
UNITS_FOR_FORM = {"tablet": ("ng", "mcg", "mg", "g"), "liquid": ("mL",), "injection": ("mg",)}


def frequencies_for(form: str) -> tuple[Frequency, ...]:
    """The frequencies that make sense for a form (no injection twice daily)."""
    return tuple(f for f in FREQUENCIES if form in f.forms)


def frequency(frequency_id: str) -> Frequency:
    for f in FREQUENCIES:
        if f.id == frequency_id:
            return f
    raise KeyError(frequency_id)


def regimen_from_form(
    amount_text: str,
    unit: str,
    form: str,
    frequency_id: str,
    locale: str,
    limits: Limits,
    concentration_text: str = "",
    weekly_texts: Sequence[str] = (),
) -> Regimen:
    """The Regimen the form describes, or a Refusal saying what to type."""
    if form not in FORMS:
        raise Refusal(f"Unknown form '{form}': choose {', '.join(FORMS.values())}.", field="form")
    freq = frequency(frequency_id)
    if form not in freq.forms:
        raise Refusal(
            f"{freq.label} is not offered for {FORMS[form].lower()}: choose another frequency.", field="frequency"
        )
    if freq.id == WEEKLY_SCHEDULE:
        doses = [t for t in weekly_texts if t.strip()]
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
        per=f"{freq.period_days} days",
        route=route,
        concentration=concentration,
        locale=locale,
        unit=unit,
    )
