"""A regimen: what is given within one period, by which route, read from text exactly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from core.doses import Amount, parse_amount, parse_concentration
from core.formatting import POINT, NumberFormat, mass_text, number_text
from core.numbers import number_format_of
from core.period import HOURS_PER_DAY, Period
from core.periods import FrequencyNotPeriod, parse_period
from core.quoting import quote
from core.refusal import Refusal
from core.scheme import Limits

ROUTES = ("oral", "injection")


@dataclass(frozen=True)
class Regimen:
    """Administrations within one period; amounts exact, in mg.

    `period` is a Period (whole hours, or months for the injection); a whole number of
    days is accepted too and kept as that Period (`Regimen((mg,), 7, "oral")`)."""

    doses_mg: tuple[Fraction, ...]
    period: Period
    route: str
    concentration_mg_per_ml: Fraction | None = None
    volumes_ml: tuple[Fraction, ...] = ()
    units: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.period, int):
            object.__setattr__(self, "period", Period.of_days(self.period))

    @property
    def period_days(self) -> Fraction:
        """The period in days, exactly (12 hours is 1/2); a ValueError for a month."""
        return self.period.days

    @cached_property
    def total_mg(self) -> Fraction:
        return sum(self.doses_mg[1:], self.doses_mg[0])

    @cached_property
    def daily_mg(self) -> Fraction:
        """Average daily dose over the whole period, exact (7 mcg a week is 1 mcg a day).
        A ValueError for a period of months (the injection, never averaged)."""
        total, hours = self.total_mg, self.period.hours
        if not hours:
            return total / self.period_days  # the ValueError
        # total / (hours / 24) in one exact step (Fraction reduces it): half the work of two
        return Fraction(total.numerator * HOURS_PER_DAY, total.denominator * hours)

    @cached_property
    def max_single_mg(self) -> Fraction:
        return max(self.doses_mg)

    @cached_property
    def interval_hours(self) -> Fraction:
        """Average hours between administrations when spread evenly over the period."""
        return Fraction(self.period.hours, len(self.doses_mg))

    @property
    def is_liquid(self) -> bool:
        return self.concentration_mg_per_ml is not None

    @property
    def form(self) -> str:
        """'tablet' (tablet or capsule), 'liquid' or 'injection'."""
        return "injection" if self.route == "injection" else "liquid" if self.is_liquid else "tablet"

    def describe(self, numbers: NumberFormat = POINT) -> str:
        """'100 mg + 100 mg + 150 mg every week', as the inputs were understood."""
        if self.is_liquid:
            parts = [
                f"{number_text(v, numbers)} mL ({mass_text(m, numbers)})"
                for v, m in zip(self.volumes_ml, self.doses_mg, strict=True)
            ]
        else:
            parts = [mass_text(m, numbers) for m in self.doses_mg]
        text = " + ".join(parts) + f" {self.period.every}, {self.route}"
        if self.is_liquid:
            assert self.concentration_mg_per_ml is not None
            text += f" liquid at {number_text(self.concentration_mg_per_ml, numbers)} mg/mL"
        return text


def read_regimen(
    doses: Sequence[str],
    limits: Limits,
    per: str = "day",
    route: str = "oral",
    concentration: str | None = None,
    locale: NumberFormat | str | None = None,
    unit: str | None = None,
    period: Period | None = None,
    dose_names: Sequence[str] | None = None,
) -> Regimen:
    """Read what the user typed into a Regimen, or raise a Refusal saying what to type.

    `locale` is a NumberFormat or a locale name (None: the environment's, core.locales);
    refusals show numbers in it. `unit` is a unit chosen outside the text (the window's
    selector); a text may carry its own unit only if it agrees. `period` is a period
    chosen outside the text (the window's frequency); it replaces `per`. `dose_names`
    (one per dose: "Wed", "Dose 2 of 3") begin a refusal of that dose's text, so that
    the user knows which of several doses to correct.
    """
    numbers = number_format_of(locale)
    if route not in ROUTES:
        raise Refusal(f"Unknown route {quote(route)}: choose oral or injection.", field="route")
    if not doses:
        raise Refusal("Type at least one dose, for example 0.25 mg.")
    if len(doses) > limits.max_administrations:
        raise Refusal(
            f"At most {limits.max_administrations} doses in one period: choose a shorter period.",
        )
    if period is None:
        period = _read_period(per, limits, route, doses)
    conc = None
    if concentration is not None and concentration.strip():
        if route == "injection":
            raise Refusal("The injection takes no concentration: give its amount in mg.", field="concentration")
        conc = parse_concentration(concentration, numbers, limits)
        _check_concentration(conc, limits, numbers)
    doses_mg: list[Fraction] = []
    volumes: list[Fraction] = []
    amounts: list[Amount] = []
    for index, text in enumerate(doses):
        try:
            amount = parse_amount(text, numbers, unit, limits=limits)
            mg, volume = _dose_mg(amount, conc, limits, numbers)
            _check_single(mg, limits, numbers)
        except Refusal as refusal:
            if dose_names is not None:  # which of several doses to correct
                refusal.message = f"{dose_names[index]}: {refusal.message}"
                refusal.args = (refusal.message,)
            raise
        amounts.append(amount)
        doses_mg.append(mg)
        if volume is not None:
            volumes.append(volume)
    regimen = Regimen(tuple(doses_mg), period, route, conc, tuple(volumes), tuple(a.unit.symbol for a in amounts))
    if route == "oral":
        _check_daily(regimen.daily_mg, limits, numbers)
    return regimen


def _dose_mg(
    amount: Amount, conc: Fraction | None, limits: Limits, numbers: NumberFormat
) -> tuple[Fraction, Fraction | None]:
    """(mg, mL or None): one dose's amount of drug, from its volume when there is a concentration."""
    if conc is not None:
        if amount.unit.kind != "volume":
            raise Refusal("With a concentration, type the volume of each dose (e.g. 4.5 mL).", field="unit")
        volume = amount.in_base
        if volume > limits.max_volume_ml:
            raise Refusal(
                f"{number_text(volume, numbers)} mL is more than {number_text(limits.max_volume_ml, numbers)} mL "
                "in one dose: check the volume.",
            )
        return volume * conc, volume
    if amount.unit.kind == "volume":
        raise Refusal(
            "A volume needs a concentration to become a dose: give the concentration "
            "(e.g. 1 mg/mL) or type the amount in mg.",
            field="concentration",
        )
    return amount.in_base, None


def _read_period(per: str, limits: Limits, route: str, doses: Sequence[str]) -> Period:
    """The period `per` names; a frequency given instead ("twice a day") is answered with
    the user's own dose in the example when there is one."""
    try:
        return parse_period(per, limits.max_period_days, months=route == "injection")
    except FrequencyNotPeriod as refusal:
        if len(doses) != 1 or not doses[0].strip():
            raise
        dose = " ".join(doses[0].split())
        listed = " ".join([quote(dose)] * refusal.count)
        raise Refusal(
            f"{quote(refusal.words)} says how often, not over which period: give each dose given in one "
            f"{refusal.per} and the period, e.g. check {listed} --per {refusal.per}.",
            field="period",
        ) from None


def _outside(value: Fraction, low: Fraction, high: Fraction) -> int:
    """-1 when `value` < `low`, 1 when `value` > `high`, else 0: exactly, by integer
    cross-multiplication (as core.scheme's `below` and `above`, the value's ratio read once)."""
    n, d = value.as_integer_ratio()
    low_n, low_d = low.as_integer_ratio()
    if n * low_d < low_n * d:
        return -1
    high_n, high_d = high.as_integer_ratio()
    return 1 if n * high_d > high_n * d else 0


def _check_single(mg: Fraction, limits: Limits, numbers: NumberFormat) -> None:
    side = _outside(mg, limits.min_single_mg, limits.max_single_mg)
    if side < 0:
        raise Refusal(
            f"{mass_text(mg, numbers)} in one dose is below {mass_text(limits.min_single_mg, numbers)}, smaller "
            "than any real dose of naltrexone: check the unit (mg, mcg or ng?)."
        )
    if side > 0:
        raise Refusal(
            f"{mass_text(mg, numbers)} in one dose is more than {mass_text(limits.max_single_mg, numbers)}, larger "
            "than any real dose of naltrexone: check the unit (g instead of mg?)."
        )


def _check_daily(daily: Fraction, limits: Limits, numbers: NumberFormat) -> None:
    side = _outside(daily, limits.min_daily_mg, limits.max_daily_mg)
    if side < 0:
        raise Refusal(
            f"This schedule averages {mass_text(daily, numbers)} a day, below "
            f"{mass_text(limits.min_daily_mg, numbers)} a day, smaller than any real dose of naltrexone: "
            "check the amounts, units and period."
        )
    if side > 0:
        raise Refusal(
            f"This schedule averages {mass_text(daily, numbers)} a day, more than "
            f"{mass_text(limits.max_daily_mg, numbers)} a day, larger than any real dose of naltrexone: "
            "check the amounts, units and period."
        )


def _check_concentration(conc: Fraction, limits: Limits, numbers: NumberFormat) -> None:
    low, high = limits.min_concentration_mg_per_ml, limits.max_concentration_mg_per_ml
    if not low <= conc <= high:
        raise Refusal(
            f"A concentration of {number_text(conc, numbers)} mg/mL is outside {number_text(low, numbers)} to "
            f"{number_text(high, numbers)} mg/mL: check it (e.g. 1 mg/mL).",
            field="concentration",
        )
