"""How often, written into the dose ("4.5 mg daily", "3 mg bd", "50 mg at bedtime").

The frequency belongs to the period (`--per` on the command line, the Frequency control
in the window), never to the dose text: such a dose is refused with where the frequency
goes, and the regimen it would mean (how many doses, over which period) so the caller
can show exactly what to type. Nothing here is guessed into a regimen.

This module holds the words; it knows no periods (`core.periods` reads them and uses the
words to refuse "twice a day" given as a period).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from core.quoting import quote
from core.refusal import Refusal


class Frequency(NamedTuple):
    """`count` doses every `per` ("day", "week", "2 days", "12 hours", "month")."""

    count: int
    per: str


#: Words and abbreviations a prescription uses for how often, and what they mean.
_WORDS: dict[str, Frequency] = {}
for _words, _meaning in (
    (
        "daily|once daily|once a day|once per day|a day|per day|every day|each day|/day|/d|od|o.d.|qd|q.d."
        "|nightly|at night|every night|each night|nocte|at bedtime|bedtime|before bed|before bedtime|hs|h.s."
        "|in the morning|every morning|each morning|mane",
        Frequency(1, "day"),
    ),
    ("twice daily|twice a day|two times a day|2 times a day|bd|b.d.|bid|b.i.d.|q12h", Frequency(2, "day")),
    (
        "three times daily|three times a day|3 times a day|thrice daily|tds|t.d.s.|tid|t.i.d.|q8h",
        Frequency(3, "day"),
    ),
    ("four times daily|four times a day|4 times a day|qds|q.d.s.|qid|q.i.d.|q6h", Frequency(4, "day")),
    ("weekly|once weekly|once a week|per week|a week|every week|each week|/week|/wk|/w", Frequency(1, "week")),
    ("twice weekly|twice a week", Frequency(2, "week")),
    ("three times weekly|three times a week|thrice weekly", Frequency(3, "week")),
    ("every other day|alternate days|on alternate days|eod|qod|q.o.d.", Frequency(1, "2 days")),
    (
        "fortnightly|once fortnightly|every fortnight|once a fortnight|per fortnight|a fortnight|fortnight",
        Frequency(1, "2 weeks"),
    ),
    ("monthly|once monthly|once a month|every month|a month|per month|/month", Frequency(1, "month")),
):
    for _word in _words.split("|"):
        _WORDS[_word] = _meaning

_HOURLY = re.compile(r"q\s*(\d{1,2})\s*h", re.IGNORECASE | re.ASCII)
#: "3 times a week", "2x daily", "3 x/week": a count of doses in a day or a week.
_TIMES = re.compile(
    r"(one|two|three|four|five|six|seven|eight|[1-8]) ?(?:times|x) ?"
    r"(?:a |per |each |every |/ ?)?(day|week|daily|weekly)",
    re.ASCII,
)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
#: Words that name two different schedules; never read, refused with both readings.
AMBIGUOUS: dict[str, str] = {
    "biweekly": "twice a week or every two weeks",
    "bi-weekly": "twice a week or every two weeks",
    "bimonthly": "twice a month or every two months",
    "bi-monthly": "twice a month or every two months",
}


class FrequencyInDose(Refusal):
    """A dose with how often written into it; `dose` is the dose without it ("4.5 mg")."""

    def __init__(self, message: str, dose: str, words: str, frequency: Frequency) -> None:
        super().__init__(message, field="frequency")
        self.dose = dose
        self.words = words
        self.frequency = frequency

    def command_line(self, route: str = "oral") -> str:
        """The `check` arguments that give this regimen: "check '4.5 mg' '4.5 mg' --per day"."""
        doses = " ".join([quote(self.dose)] * self.frequency.count)
        per = self.frequency.per
        text = f"check {doses} --per {per if ' ' not in per else quote(per)}"
        if route == "injection":
            text += " --route injection"  # without it the command would answer for tablets
        elif per == "month":
            text += " --route injection (a month is accepted for the injection only)"
        return text


def ambiguous_frequency(words: str) -> Refusal | None:
    """The refusal for a word that names two schedules ("biweekly"), or None; it names
    both and what to type for each, with no dose of its own (a copied example would check
    a dose nobody typed)."""
    key = " ".join(words.lower().split())
    if key not in AMBIGUOUS:
        return None
    if "week" in key:
        what = (
            "for every two weeks type the period 2 weeks (or fortnightly); "
            "for twice a week give both doses of a week with the period week"
        )
    else:
        what = "type the period in days or weeks instead"
    return Refusal(f"{quote(words.strip())} can mean {AMBIGUOUS[key]}, so it is not guessed: {what}.", field="period")


def listed_frequency(words: str) -> Frequency | None:
    """The frequency that `words` stand for when they are a listed word or abbreviation
    ("twice daily", "bd", "q12h", "3 times a week", "2x daily"), or None. "every" followed by a period ("every 3 days")
    is read by `core.periods.frequency_meant`, which knows periods."""
    key = " ".join(words.lower().split())
    if key in _WORDS:
        return _WORDS[key]
    match = _HOURLY.fullmatch(key)
    if match is not None:
        return Frequency(1, f"{int(match.group(1))} hours")
    match = _TIMES.fullmatch(key)
    if match is None:
        return None
    count = _COUNTS.get(match.group(1)) or int(match.group(1))
    return Frequency(count, "day" if match.group(2).startswith("d") else "week")


def refuse_frequency(dose: str, words: str, frequency: Frequency) -> FrequencyInDose:
    """The refusal for a dose such as "4.5 mg daily": where the frequency goes, in words
    that fit the window and the command line alike (each caller may add its own place)."""
    return FrequencyInDose(
        f"{quote(words)} says how often, not how much: type the dose alone ({dose}) and give how often "
        "it is taken as the frequency.",
        dose,
        words,
        frequency,
    )
