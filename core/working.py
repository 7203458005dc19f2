"""The working behind a dose, in words a pharmacist checks by hand.

A liquid's dose is its volume times its concentration ("4.5 mL × 1 mg/mL = 4.5 mg"); an
average daily dose is what is given in one period divided by the period's length
("100 mg + 100 mg + 150 mg = 350 mg every week; 350 mg ÷ 7 days = 50 mg a day"). The
numbers are the regimen's own exact values, written as the rest of the answer writes
them (`NumberFormat`), so a reader can redo the sum and land on the same figure.
"""

from __future__ import annotations

from fractions import Fraction

from core.formatting import POINT, NumberFormat, decimal_text, mass_text, number_text
from core.regimen import Regimen

TIMES = "\N{MULTIPLICATION SIGN}"
DIVIDED = "\N{DIVISION SIGN}"


def dose_working(regimen: Regimen, numbers: NumberFormat = POINT) -> tuple[str, ...]:
    """One line per distinct volume of a liquid ('4.5 mL × 1 mg/mL = 4.5 mg'); () for
    anything that is not a liquid."""
    conc = regimen.concentration_mg_per_ml
    if conc is None:
        return ()
    if decimal_text(conc)[1]:
        per_ml = f"{number_text(conc, numbers)} mg/mL"
    else:  # 10 mg in 3 mL: exact as a ratio, not "about 3.333 mg/mL"
        mg, ml = (number_text(Fraction(n), numbers) for n in (conc.numerator, conc.denominator))
        per_ml = f"{mg} mg/{ml} mL"
    lines: list[str] = []
    for volume, mg in zip(regimen.volumes_ml, regimen.doses_mg, strict=True):
        line = f"{number_text(volume, numbers)} mL {TIMES} {per_ml} = {mass_text(mg, numbers)}"
        if line not in lines:
            lines.append(line)
    return tuple(lines)


def daily_working(regimen: Regimen, numbers: NumberFormat = POINT) -> str:
    """How the average daily dose comes from the doses and the period; '' when there is
    nothing to work out (one dose a day) and for the injection (never averaged)."""
    if regimen.route == "injection" or regimen.period.is_months:
        return ""
    doses = regimen.doses_mg
    days = regimen.period_days
    if len(doses) == 1 and days == 1:
        return ""
    each = [mass_text(mg, numbers) for mg in doses]
    if len(doses) == 1:
        given = each[0]
    elif len(set(doses)) == 1:
        given = f"{len(doses)} {TIMES} {each[0]} = {mass_text(regimen.total_mg, numbers)}"
    else:
        given = f"{' + '.join(each)} = {mass_text(regimen.total_mg, numbers)}"
    daily = mass_text(regimen.daily_mg, numbers)
    if days == 1:
        return f"{given} a day"
    total = mass_text(regimen.total_mg, numbers)
    return f"{given} {regimen.period.every}; {total} {DIVIDED} {number_text(days, numbers)} days = {daily} a day"


def working(regimen: Regimen, numbers: NumberFormat = POINT) -> tuple[str, ...]:
    """Every line of working, the dose's first: what the answer shows under the dose."""
    daily = daily_working(regimen, numbers)
    return (*dose_working(regimen, numbers), *((daily,) if daily else ()))
