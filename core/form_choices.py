"""The form's choices: forms, units, frequencies and days of the week.

Plain data with no parsing behind it, so the window can build its form before the
rest of core is imported (start-up); `core.form_input` gives the choices their meaning.
"""

from __future__ import annotations

from typing import NamedTuple

FORMS = {"tablet": "Tablet or capsule", "liquid": "Oral liquid", "injection": "Extended-release injection"}
WEEKLY_SCHEDULE = "weekly-schedule"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Frequency(NamedTuple):
    id: str
    label: str
    count: int  # administrations per period
    period_days: int  # 0 for a period of months
    forms: tuple[str, ...]
    months: int = 0  # the injection's "once a month" (a month is never made into days)

    @property
    def per(self) -> str:
        """The period in the words `--per` takes: '2 days', 'month'."""
        return "month" if self.months else f"{self.period_days} days"


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
    Frequency("once-a-month", "Once a month", 1, 0, ("injection",), months=1),
)
UNITS_FOR_FORM = {"tablet": ("ng", "mcg", "mg", "g"), "liquid": ("mL",), "injection": ("mg",)}
#: What a form offers first when nobody has chosen (the scheme may prefer an injection interval).
DEFAULT_UNIT = {"tablet": "mg", "liquid": "mL", "injection": "mg"}
DEFAULT_FREQUENCY = {"tablet": "once-daily", "liquid": "once-daily"}


def frequencies_for(form: str) -> tuple[Frequency, ...]:
    """The frequencies that make sense for a form (no injection twice daily)."""
    return tuple(f for f in FREQUENCIES if form in f.forms)


def frequency(frequency_id: str) -> Frequency:
    for f in FREQUENCIES:
        if f.id == frequency_id:
            return f
    raise KeyError(frequency_id)
