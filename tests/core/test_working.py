"""The working shown under a dose: the issue's example word for word, and for every line the
arithmetic written in it checks out when redone by hand from the text alone."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from core.classify import classify
from core.locales import number_format
from core.regimen import read_regimen
from core.report import as_json, as_text
from core.working import DIVIDED, TIMES

UNIT_MG = {"ng": Fraction(1, 1_000_000), "mcg": Fraction(1, 1000), "mg": Fraction(1)}


def working_of(scheme, doses, per="day", route="oral", concentration=None, locale="en_US"):
    regimen = read_regimen(doses, scheme.limits, per=per, route=route, concentration=concentration, locale=locale)
    return classify(regimen, scheme, numbers=number_format(locale))


def test_the_issues_liquid_example(scheme):
    result = working_of(scheme, ["4.5 mL"], concentration="1 mg/mL")
    assert result.working == ("4.5 mL × 1 mg/mL = 4.5 mg",)


CASES = [
    (["4.5 mL"], "day", "1 mg/mL", ("4.5 mL × 1 mg/mL = 4.5 mg",)),
    (["4.5 mL", "4.5 mL"], "day", "1 mg/mL", ("4.5 mL × 1 mg/mL = 4.5 mg", "2 × 4.5 mg = 9 mg a day")),
    (["3 mL"], "day", "10 mg/3 mL", ("3 mL × 10 mg/3 mL = 10 mg",)),  # exact, never "about 3.333 mg/mL"
    (["250 mcg", "250 mcg"], "day", None, ("2 × 250 mcg = 500 mcg a day",)),
    (
        ["100 mg", "100 mg", "150 mg"],
        "week",
        None,
        ("100 mg + 100 mg + 150 mg = 350 mg every week; 350 mg ÷ 7 days = 50 mg a day",),
    ),
    (["4.5 mg"], "2 days", None, ("4.5 mg every 2 days; 4.5 mg ÷ 2 days = 2.25 mg a day",)),
    (["250 mcg"], "12 hours", None, ("250 mcg every 12 hours; 250 mcg ÷ 0.5 days = 500 mcg a day",)),
    (["4.5 mg"], "day", None, ()),  # one dose a day: nothing to work out
]


@pytest.mark.parametrize(("doses", "per", "concentration", "expected"), CASES)
def test_working_lines(scheme, doses, per, concentration, expected):
    assert working_of(scheme, doses, per=per, concentration=concentration).working == expected


def test_the_injection_is_never_averaged(scheme):
    assert working_of(scheme, ["380 mg"], per="4 weeks", route="injection").working == ()


def test_numbers_are_written_in_the_readers_locale(scheme):
    result = working_of(scheme, ["4,5 mL"], concentration="1,5 mg/mL", locale="de_DE")
    assert result.working == ("4,5 mL × 1,5 mg/mL = 6,75 mg",)


def _amount(text: str) -> tuple[Fraction, Fraction]:
    """('4.5 mg' | 'about 2.857 mg' | '10 mg/3 mL' | 'mL' | '7 days') read back from a working
    line: (value in mg, mL or days, how far from exact the text may be)."""
    text = text.strip()
    if "/" in text:
        (mg, slack), (ml, _) = (_amount(part) for part in text.split("/"))
        return mg / ml, slack / ml
    about = text.startswith("about ")
    number, _, unit = text.removeprefix("about ").partition(" ")
    if not number[0].isdigit():  # "mL" alone: one of it
        return Fraction(1), Fraction(0)
    scale = UNIT_MG.get(unit, Fraction(1))
    decimals = len(number.partition(".")[2])
    return Fraction(number) * scale, (Fraction(1, 2 * 10**decimals) * scale if about else Fraction(0))


@pytest.mark.parametrize(
    ("doses", "per", "concentration"),
    [
        (["2.5 mL", "2.5 mL", "5 mL"], "week", "2 mg/mL"),
        (["0.5 mL"], "day", "0.5 mg/mL"),
        (["300 mcg", "300 mcg", "400 mcg"], "day", None),
        (["50 mg"] * 3, "week", None),
        (["1.5 mg"], "3 days", None),
    ],
)
def test_every_line_adds_up_when_redone_by_hand(scheme, doses, per, concentration):
    """The oracle is the text itself: each '=' in a line must hold for the numbers written."""
    result = working_of(scheme, doses, per=per, concentration=concentration)
    assert result.working
    for line in result.working:
        for step in line.split("; "):
            if " = " not in step:
                continue  # "4.5 mg every 2 days": what is given, nothing computed
            left, right = step.split(" = ")
            right = re.sub(r" (a day|every .*)$", "", right)
            if TIMES in left:
                a, b = left.split(f" {TIMES} ")
                value = _amount(a)[0] * _amount(b)[0]
            elif DIVIDED in left:
                a, b = left.split(f" {DIVIDED} ")
                value = _amount(a)[0] / _amount(b)[0]
            else:
                value = sum((_amount(part)[0] for part in left.split(" + ")), Fraction(0))
            written, slack = _amount(right)
            assert abs(value - written) <= slack, line  # exact unless the line says "about"
    assert result.daily_text in result.working[-1] or result.regimen.is_liquid


def test_working_reaches_the_record_and_json(scheme):
    result = working_of(scheme, ["4.5 mL"], concentration="1 mg/mL")
    assert "Working: 4.5 mL × 1 mg/mL = 4.5 mg" in as_text(result).splitlines()
    assert as_json(result)["working"] == ["4.5 mL × 1 mg/mL = 4.5 mg"]
