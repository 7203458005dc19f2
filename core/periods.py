"""The period a schedule repeats over, read exactly from what people write.

Accepted (case-insensitive, one space or many): "day", "daily", "week", "weekly",
"N days", "N weeks" ("wk", "wks", "w", "d"), "every N days|weeks", "every other day",
"every second ... seventh day|week" (also "2nd".."7th"), "N hours" / "every N hours"
("h", "hr", "hrs"), "once a day|week", "fortnight" / "fortnightly" (14 days), and, for
the extended-release injection only, "month", "monthly", "once a month", "every month".
The value read is a `core.period.Period` (re-exported here).

How often, given where a period goes ("twice a day"), is refused with the regimen it
would mean; `frequency_meant` reads such words, including "every" followed by any period
this module reads ("every 3 days"), for the dose reader.
"""

from __future__ import annotations

import re

from core.frequency_words import Frequency, ambiguous_frequency, listed_frequency
from core.period import HOURS_PER_DAY, HOURS_PER_WEEK, Period
from core.quoting import quote, refuse_hidden
from core.refusal import Refusal

__all__ = ["HOURS_PER_DAY", "HOURS_PER_WEEK", "FrequencyNotPeriod", "Period", "frequency_meant", "parse_period"]
_HINT = "type day, week, N days, N weeks or N hours (e.g. 2 days, 4 weeks, 12 hours)"
_ORDINALS = {"other": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS.update({f"{n}{'nd' if n == 2 else 'rd' if n == 3 else 'th'}": n for n in range(2, 8)})
_UNITS = {
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), "hour"),
    **dict.fromkeys(("day", "days", "d"), "day"),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "w"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
}
_HOURS = {"hour": 1, "day": HOURS_PER_DAY, "week": HOURS_PER_WEEK}
_COUNTED = re.compile(r"(?:every |once every |per )?(?:(\d{1,4}) ?)?([a-z]+)", re.ASCII)
_ORDINAL = re.compile(r"every ([a-z0-9]+) (day|week)", re.ASCII)
_ONCE = re.compile(r"once (?:a|per) (day|week|month)", re.ASCII)
#: A fortnight is exactly 14 days (British usage); its words are listed in core.frequency_words.
_FORTNIGHTLY = Frequency(1, "2 weeks")
_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "once daily": "day", "once weekly": "week",
            "once monthly": "month"}  # fmt: skip


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
            # Only what this scheme accepts is suggested (30 days was, and then refused).
            instead = "Type 4 weeks or 28 days if that is meant" if max_days >= 28 else f"Type at most {max_days} days"
            raise Refusal(
                'A month is accepted only for the extended-release injection (its label\'s "once a month"): '
                f"months differ in length, so an oral schedule cannot be averaged over one. {instead}.",
                field="period",
            )
        if count != 1:
            raise Refusal(
                f"The longest period accepted is {max_days} days, or one month for the injection: {_HINT}.",
                field="period",
            )
        return Period(months=1)
    hours = count * _HOURS[unit]
    if hours > max_days * HOURS_PER_DAY:
        longest = f"{max_days} days" + (", or one month for the injection" if months else "")
        raise Refusal(f"The longest period accepted is {longest}: {_HINT}.", field="period")
    return Period(hours=hours)


def _read(cleaned: str) -> tuple[int, str]:
    """(count, 'hour'|'day'|'week'|'month'), or (0, '') when `cleaned` is not a period."""
    if cleaned in _UNITS:  # "day", "week": what _COUNTED reads as one of the unit, without a regex
        return 1, _UNITS[cleaned]
    if cleaned in _ADVERBS:
        return 1, _ADVERBS[cleaned]
    if listed_frequency(cleaned) == _FORTNIGHTLY:
        return 2, "week"
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
    ambiguous = ambiguous_frequency(cleaned)
    if ambiguous is not None:
        raise ambiguous
    meant = listed_frequency(cleaned)
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
    if meant is not None:  # "1x daily", "qd": how often, once; the period is what to type
        raise Refusal(
            f"{quote(text.strip())} says how often; give the period it repeats over instead: {meant.per}.",
            field="period",
        )
    raise Refusal(f"Unknown period {quote(text.strip())}: {_HINT}.", field="period")


def frequency_meant(words: str) -> Frequency | None:
    """The frequency that `words` (after the unit of a dose) stand for, or None if they are
    not one: a listed word ("bd", "twice daily"), "qNh", or "every" and a period read as
    `parse_period` reads it ("every 3 days")."""
    listed = listed_frequency(words)
    if listed is not None:
        return listed
    key = " ".join(words.lower().split())
    if not key.startswith(("every ", "once every ")):
        return None
    period = key.removeprefix("once ").removeprefix("every ")
    try:
        parse_period(period, 10_000, months=True)
    except Refusal:
        return None
    return Frequency(1, period)


def after_doses(text: str) -> str:
    """The period as typed, worded to follow the doses in an 'Entered:' line.

    'day' -> 'per day', '3 days' -> 'per 3 days', but 'every third day', 'once a month'
    and 'daily' stand as they are ('150 mg every third day', not 'per every third day').
    The user's words are kept; only the joining word is chosen.
    """
    words = " ".join(text.split())
    lowered = words.lower()
    if lowered.startswith(("every ", "once ", "per ", "a ")) or lowered in _ADVERBS or lowered == "fortnightly":
        return words
    return f"per {words}"
