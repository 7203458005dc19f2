"""Doses typed at every band edge and limit, and one unit either side, in every mass unit
and over a day, a week, two and three days, in English and German: the band (or the
refusal) must be the one found by comparing exact fractions with Fraction's own operators,
outside the reader's shortcuts and the classifier's cross-multiplication (issue 14)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.classify import classify
from core.refusal import Refusal
from core.regimen import read_regimen
from core.verify import load_scheme

SCHEME = load_scheme()
LIMITS = SCHEME.limits
MG_PER = {"ng": Fraction(1, 10**6), "mcg": Fraction(1, 1000), "mg": Fraction(1), "g": Fraction(1000)}
PERIODS = {"day": 1, "week": 7, "2 days": 2, "every third day": 3}


def expected(single_mg: Fraction, days: int) -> str:
    """The band by the scheme's bounds and flags, compared with Fraction's operators."""
    daily = single_mg / days
    if not (LIMITS.min_single_mg <= single_mg <= LIMITS.max_single_mg):
        return "refused"
    if not (LIMITS.min_daily_mg <= daily <= LIMITS.max_daily_mg):
        return "refused"
    found = [
        band.id
        for band in SCHEME.oral_bands
        if (daily > band.lower_mg or (daily == band.lower_mg and band.lower_inclusive))
        and (band.upper_mg is None or daily < band.upper_mg or (daily == band.upper_mg and band.upper_inclusive))
    ]
    assert len(found) == 1, (daily, found)
    return found[0]


def edge_cases() -> list[tuple[str, str]]:
    edges = {b.lower_mg for b in SCHEME.oral_bands} | {b.upper_mg for b in SCHEME.oral_bands if b.upper_mg}
    edges |= {LIMITS.min_single_mg, LIMITS.max_single_mg, LIMITS.min_daily_mg, LIMITS.max_daily_mg}
    cases = []
    for edge in sorted(edges):
        for unit, mg in MG_PER.items():
            for per, days in PERIODS.items():
                centre = edge / mg * days
                for value in (centre - 1, centre, centre + 1):
                    if value > 0 and value.denominator == 1:
                        cases.append((f"{value.numerator} {unit}", per))
    return cases


CASES = edge_cases()


def test_the_edges_are_many_and_reach_every_band():
    assert len(CASES) > 200
    bands = {expected(Fraction(int(t.split()[0])) * MG_PER[t.split()[1]], PERIODS[p]) for t, p in CASES}
    assert bands >= {b.id for b in SCHEME.oral_bands} | {"refused"}


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_a_dose_at_a_band_edge_falls_in_the_band_fractions_say(locale):
    wrong = []
    for text, per in CASES:
        amount, unit = text.split()
        single = Fraction(int(amount)) * MG_PER[unit]
        try:
            regimen = read_regimen([text], LIMITS, per=per, locale=locale)
            got = classify(regimen, SCHEME).band.id
            assert regimen.daily_mg == single / PERIODS[per], text
        except Refusal:
            got = "refused"
        if got != expected(single, PERIODS[per]):
            wrong.append((text, per, got, expected(single, PERIODS[per])))
    assert wrong == []
