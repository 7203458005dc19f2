"""Hypothesis strategies for adversarial dose text, shared by the parser and command-line fuzzers.

Every Unicode digit and numeric character, separators of every script, signs, exponents,
arithmetic, non-finite words, units in every case and their look-alikes, control and
formatting characters, and "plain" texts a pharmacist would type (so the accepting paths
are exercised as much as the refusing ones).
"""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import strategies as st
from pharmacist import DECIMAL, MASS_MG, VOLUME_ML

LOCALES = ["en_US", "de_DE", "fr_FR", "de_CH", "en_ZA", "cy_GB", "fil_PH"]

ALL_ND = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"]
NON_ASCII_ND = [c for c in ALL_ND if not c.isascii()]
OTHER_NUMERIC = [
    chr(c)
    for c in range(sys.maxunicode + 1)
    if unicodedata.category(chr(c)) in ("No", "Nl") and unicodedata.numeric(chr(c), None) is not None
]

ascii_number = st.from_regex(r"[0-9]{1,7}([.,][0-9]{1,7})?", fullmatch=True)
unicode_digit = st.one_of(
    st.sampled_from(NON_ASCII_ND),
    st.sampled_from(OTHER_NUMERIC),
    st.sampled_from(list("０１２３４５６７８９⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂½¼¾⅓⅛⅒")),
)
separator = st.sampled_from(
    [".", ",", "'", "’", "`", "_", " ", "\u00a0", "\u2009", "\u202f", "\u066b", "\u066c", "·", "٫", "，", "．", "。"]
)
sign = st.sampled_from(["+", "-", "−", "–", "—", "‒", "﹣", "－", "±"])
exponent = st.sampled_from(["e", "E", "e-", "E+", "e−", "×10^", "x10^", "*10**", "·10⁻³", "×10⁻³", "e0"])
arithmetic = st.sampled_from(["*", "/", "x", "×", "+", "(", ")", "^", "÷", "%", "=", "**", "⁄", "·"])
word = st.sampled_from(
    ["nan", "NaN", "NAN", "inf", "Inf", "infinity", "-inf", "∞", "None", "null", "half", "one", "twice", "per day"]
)
UNIT_BASES = sorted({*MASS_MG, *VOLUME_ML, "mL", "L"})
LOOKALIKES = [
    "\u039cg",  # GREEK CAPITAL MU + g: looks like Mg
    "\u039cG",
    "\u03bcG",
    "\u00b5G",
    "\u043c\u0433",  # Cyrillic мг
    "\u043c\u043a\u0433",  # Cyrillic мкг
    "\u0433",  # Cyrillic г
    "rng",
    "rnq",
    "mq",
    "mcq",
    "rncg",
    "mg.",
    "m g",
    "ｍｇ",  # fullwidth
    "mgs",
    "gr",
    "gm",
    "µ",
    "kg",
    "mg/kg",
    "mg/day",
    "mg per kg",
    "cc",
    "IU",
    "units",
    "m\u0301g",  # combining acute
    "m\u200bg",  # zero-width space inside
    "mg\u200d",
    "\u212a g",  # KELVIN SIGN
    "ſ",  # LONG S
    "mℊ",  # SCRIPT SMALL G
    "𝗆𝗀",  # mathematical sans-serif
]


def _random_case(text: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda flips: "".join(c.upper() if f else c for c, f in zip(text, flips, strict=True))
    )


unit = st.one_of(st.sampled_from(UNIT_BASES).flatmap(_random_case), st.sampled_from(LOOKALIKES))
space = st.sampled_from(
    ["", " ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u202f", "\u3000", "\x1c", "\x85", "\u2028"]
    + ["\u200b", "\ufeff", "\x00", "\u202e", "\u2066", "\x1b[31m", "\u0301", "\x7f"]
)
control = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Co"])

dose_piece = st.one_of(
    ascii_number, unicode_digit, separator, sign, exponent, arithmetic, word, unit, space, control, ascii_number
)
#: Pieces glued together: mostly nonsense near a dose.
dose_soup = st.lists(dose_piece, min_size=1, max_size=8).map("".join)
#: A number and a unit with assorted spacing: the texts that should mostly be accepted.
near_valid = st.tuples(space, ascii_number, space, st.one_of(st.just(""), unit), space).map("".join)
#: One damaged character in a near-valid text.
mutated = st.tuples(near_valid, st.integers(0, 30), st.characters()).map(
    lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + 1 :]
)
dose_text = st.one_of(st.text(max_size=60), dose_soup, near_valid, near_valid, mutated)

#: Periods as people write them (issue 10): ordinals, hours, wk/wks, a month (the injection's).
written_period = st.one_of(
    st.tuples(
        st.sampled_from(["every ", "Every ", "every  ", "once every ", ""]),
        st.sampled_from(["other", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "2nd", "3rd",
                         "4th", "7th", "8th", "3nd", "tenth", "0th"]),
        st.sampled_from([" day", " week", " days", " month", " hour", "day"]),
    ).map("".join),
    st.tuples(
        st.sampled_from(["", "every ", "EVERY ", "per ", "once every "]),
        st.one_of(st.integers(0, 700).map(str), st.just("")),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["hours", "hour", "h", "hr", "hrs", "wk", "wks", "month", "months", "days", "weeks", "mo",
                         "Hours", "HRS"]),
    ).map("".join),
    st.sampled_from(["month", "monthly", "once a month", "Once A Month", "once per month", "every month", "1 month",
                     "2 months", "once a day", "once a week", "once daily", "twice a day", "twice daily", "bd",
                     "every other day", "12 hours", "48 hours", "every 12 hours", "every third day", "q12h",
                     "fortnightly", "every fortnight", "a fortnight", "biweekly", "3 times a week"]),
)  # fmt: skip
period_text = st.one_of(
    st.sampled_from(["day", "week", "2 days", "3 days", "4 weeks", "7 days"]),
    written_period,
    st.sampled_from(["day", "week", "daily", "weekly", "d", "w", "wk", "Day", "WEEK", "2 days", "4 weeks", "28 days"]),
    st.tuples(
        st.one_of(st.integers(0, 40).map(str), unicode_digit, st.tuples(unicode_digit, unicode_digit).map("".join)),
        space,
        st.sampled_from(["d", "day", "days", "w", "wk", "week", "weeks", "dayſ", "DAYS", "month", "fortnight"]),
    ).map("".join),
    st.text(max_size=25),
)
concentration_text = st.one_of(
    st.none(),
    st.tuples(near_valid, st.sampled_from(["/", " per ", "/ ", " / ", "per", "÷", "/mL/"]), space, near_valid).map(
        "".join
    ),
    st.text(max_size=30),
)
locale = st.sampled_from(LOCALES)
chosen_unit = st.sampled_from([None, "mg", "mcg", "ng", "g", "mL", "L", "MG", "µg"])
plain_space = st.sampled_from(["", " ", " ", "  ", "\t", "\u00a0", "\u202f"])


def plain_dose(loc: str) -> st.SearchStrategy[str]:
    """What a pharmacist types in `loc`: the accepting paths of core, with edge values."""
    number = st.from_regex(r"[0-9]{1,7}(" + "\\" + DECIMAL[loc] + r"[0-9]{1,7})?", fullmatch=True)
    units = st.one_of(st.just(""), st.sampled_from(UNIT_BASES).flatmap(_random_case))
    return st.tuples(plain_space, number, plain_space, units, plain_space).map("".join)


#: (text, locale, unit chosen in a selector): a third plain, two thirds adversarial.
dose_case = locale.flatmap(
    lambda loc: st.tuples(st.one_of(dose_text, dose_text, plain_dose(loc)), st.just(loc), chosen_unit)
)


#: A period written with a digit of another script, alone or after an ASCII one.
other_digits = st.tuples(
    st.sampled_from(["", "1", "2"]), st.sampled_from(NON_ASCII_ND), plain_space, st.sampled_from(["d", "days", "weeks"])
).map("".join)


def plain_regimen(loc: str) -> st.SearchStrategy[tuple[list[str], str, str, str | None, str]]:
    """Arguments of `check` as a pharmacist writes them, often with one adversarial part."""
    number = st.tuples(
        st.integers(0, 999).map(str), st.one_of(st.just(""), st.from_regex(r"[0-9]{1,3}", fullmatch=True))
    ).map(lambda t: t[0] + (DECIMAL[loc] + t[1] if t[1] else "") if t != ("0", "") else "1")
    mass = st.tuples(number, plain_space, st.sampled_from(["mg", "mcg", "MG", "ng", "g", "µg", "Milligrams"]))
    volume = st.tuples(number, plain_space, st.sampled_from(["mL", "ml", "L", "millilitres"]))
    conc = st.tuples(number, plain_space, st.sampled_from(["mg", "mcg", "g"]), st.sampled_from(["/", " per "]))
    conc = st.tuples(
        conc.map("".join),
        st.sampled_from(["", "1 ", "5 ", "0" + DECIMAL[loc] + "5 "]),
        st.sampled_from(["mL", "ml", "L", "millilitres"]),
    )
    masses = st.lists(mass.map("".join), min_size=1, max_size=4)
    mixed = st.lists(st.one_of(mass.map("".join), dose_text), max_size=4)
    oral = st.tuples(st.one_of(masses, masses, mixed), st.none())
    liquid = st.tuples(
        st.lists(st.one_of(volume.map("".join), volume.map("".join), dose_text), min_size=1, max_size=3),
        st.one_of(conc.map("".join), conc.map("".join), concentration_text),
    )
    return st.tuples(
        st.one_of(oral, oral, liquid),
        st.one_of(st.sampled_from(["day", "week", "2 days", "4 weeks", "daily", "14 d"]), period_text, other_digits),
        st.sampled_from(["oral"] * 7 + ["injection"] * 3 + ["Oral", "iv"]),
        st.just(loc),
    ).map(lambda t: (t[0][0], t[1], t[2], t[0][1], t[3]))
