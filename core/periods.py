"""The period a schedule repeats over, read exactly from what people write.

Accepted (case-insensitive, one space or many): "day", "daily", "week", "weekly",
"N days", "N weeks" ("wk", "wks", "w", "d"), "every N days|weeks", "every other day",
"every second ... seventh day|week" (also "2nd".."7th"), "N hours" / "every N hours"
("h", "hr", "hrs"), "once a day|week", and, for the extended-release injection only,
"month", "monthly", "once a month", "every month".

A period is whole hours (so 12 hours is exactly half a day and the average daily dose
stays exact) or calendar months. A month is never turned into days: months differ in
length, so an oral schedule cannot be averaged over one; for the injection "once a
month" is the label's own wording and is compared as a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from core.quoting import quote, refuse_hidden
from core.refusal import Refusal

HOURS_PER_DAY = 24
HOURS_PER_WEEK = 7 * HOURS_PER_DAY
_HINT = "type day, week, N days, N weeks or N hours (e.g. 2 days, 4 weeks, 12 hours)"
_ORDINALS = {"other": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS.update({f"{n}{'nd' if n == 2 else 'rd' if n == 3 else 'th'}": n for n in range(2, 8)})
_UNITS = {
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), "hour"),
    **dict.fromkeys(("day", "days", "d"), "day"),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "w"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
}
_COUNTED = re.compile(r"(?:every |once every |per )?(?:(\d{1,4}) ?)?([a-z]+)", re.ASCII)
_ORDINAL = re.compile(r"every ([a-z0-9]+) (day|week)", re.ASCII)
_ONCE = re.compile(r"once (?:a|per) (day|week|month)", re.ASCII)
_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "once daily": "day", "once weekly": "week",
            "once monthly": "month"}  # fmt: skip


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


class FrequencyNotPeriod(Refusal):
    """A frequency such as "twice a day" given where a period goes: `count` doses per `per`."""

    def __init__(self, message: str, words: str, count: int, per: str) -> None:
        super().__init__(message, field="period")
        self.words = words
        self.count = count
        self.per = per


def parse_period(text: str, max_days: int, months: bool = False) -> Period:
    """The Period `text` names, or a Refusal saying what to type.

    `max_days` is the longest period accepted (the scheme's limit); `months` allows a
    month (the injection: its label says "every 4 weeks or once a month")."""
    if len(text) > 100:  # before any other work: a period is a few words
        raise Refusal(f"That period is too long to read: {_HINT}.", field="period")
    refuse_hidden(text, "period", field="period")
    cleaned = " ".join(text.split())
    if len(cleaned) > 30:
        raise Refusal(f"That period is too long to read: {_HINT}.", field="period")
    if not cleaned.isascii():  # a look-alike letter or digit of another script is not guessed
        raise Refusal(f"Unknown period {quote(cleaned)}: use the letters a-z and digits 0-9; {_HINT}.", field="period")
    cleaned = cleaned.lower()
    count, unit = _read(cleaned)
    if unit == "":
        _refuse_unknown(text, cleaned)
    if count == 0:
        raise Refusal(f"A period of zero cannot be used: {_HINT}.", field="period")
    if unit == "month":
        if not months:
            raise Refusal(
                'A month is accepted only for the extended-release injection (its label\'s "once a month"): '
                "months differ in length, so an oral schedule cannot be averaged over one. "
                "Type 4 weeks, 28 days or 30 days, whichever is meant.",
                field="period",
            )
        if count != 1:
            raise Refusal(
                f"The longest period accepted is {max_days} days, or one month for the injection: {_HINT}.",
                field="period",
            )
        return Period(months=1)
    hours = count * {"hour": 1, "day": HOURS_PER_DAY, "week": HOURS_PER_WEEK}[unit]
    if hours > max_days * HOURS_PER_DAY:
        longest = f"{max_days} days" + (", or one month for the injection" if months else "")
        raise Refusal(f"The longest period accepted is {longest}: {_HINT}.", field="period")
    return Period(hours=hours)


def _read(cleaned: str) -> tuple[int, str]:
    """(count, 'hour'|'day'|'week'|'month'), or (0, '') when `cleaned` is not a period."""
    if cleaned in _ADVERBS:
        return 1, _ADVERBS[cleaned]
    match = _ONCE.fullmatch(cleaned)
    if match:
        return 1, match.group(1)
    match = _ORDINAL.fullmatch(cleaned)
    if match:
        if match.group(1) not in _ORDINALS:
            return 0, ""
        return _ORDINALS[match.group(1)], match.group(2)
    match = _COUNTED.fullmatch(cleaned)
    if match and match.group(2) in _UNITS:
        return (int(match.group(1)) if match.group(1) else 1), _UNITS[match.group(2)]
    return 0, ""


def _refuse_unknown(text: str, cleaned: str) -> None:
    from core.frequency_words import frequency_meant

    meant = frequency_meant(cleaned)
    if meant is not None and meant.count > 1:
        hours = {"day": HOURS_PER_DAY, "week": HOURS_PER_WEEK}.get(meant.per)
        every = ""
        if hours and hours % meant.count == 0:
            every = f", or one dose --per '{Period(hours=hours // meant.count).text}'"
        doses = " ".join(["'3 mg'"] * meant.count)
        raise FrequencyNotPeriod(
            f"{quote(text.strip())} says how often, not over which period: give each dose given in one "
            f"{meant.per} and the period, e.g. for 3 mg {cleaned}: check {doses} --per {meant.per}{every}.",
            cleaned,
            meant.count,
            meant.per,
        )
    raise Refusal(f"Unknown period {quote(text.strip())}: {_HINT}.", field="period")
