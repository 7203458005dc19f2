"""The period a schedule repeats over, as a value: whole hours or calendar months.

A model type (the scheme's injection band names its periods with it, a regimen holds
one). Reading a period from what people write is `core.periods`.

A period is whole hours (so 12 hours is exactly half a day and the average daily dose
stays exact) or calendar months. A month is never turned into days: months differ in
length, so an oral schedule cannot be averaged over one; for the injection "once a
month" is the label's own wording and is compared as a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

HOURS_PER_DAY = 24
HOURS_PER_WEEK = 7 * HOURS_PER_DAY


@dataclass(frozen=True)
class Period:
    """Whole hours, or calendar months (the injection only); exactly one is positive."""

    hours: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        if (self.hours > 0) == (self.months > 0) or self.hours < 0 or self.months < 0:
            raise ValueError(f"a period is a positive number of hours or of months, not {self!r}")

    @classmethod
    def of_days(cls, days: int) -> Period:
        return cls(hours=days * HOURS_PER_DAY)

    @property
    def is_months(self) -> bool:
        return self.months > 0

    @property
    def days(self) -> Fraction:
        """The period in days, exactly (12 hours is 1/2); a ValueError for months."""
        if self.months:
            raise ValueError("a month is not a fixed number of days")
        return Fraction(self.hours, HOURS_PER_DAY)

    @property
    def text(self) -> str:
        """'day', '2 days', 'week', '4 weeks', '12 hours', 'month' (after "every")."""
        if self.months:
            return "month" if self.months == 1 else f"{self.months} months"
        if self.hours % HOURS_PER_WEEK == 0:
            weeks = self.hours // HOURS_PER_WEEK
            return "week" if weeks == 1 else f"{weeks} weeks"
        if self.hours % HOURS_PER_DAY == 0:
            days = self.hours // HOURS_PER_DAY
            return "day" if days == 1 else f"{days} days"
        return "hour" if self.hours == 1 else f"{self.hours} hours"

    @property
    def every(self) -> str:
        """'every 4 weeks', 'every 12 hours', 'once a month' (the label's words for a month)."""
        return "once a month" if self.months == 1 else f"every {self.text}"
