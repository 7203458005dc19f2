"""The closed list of units a dose may be written in, converted exactly with pint.

User text never reaches pint's parser (it evaluates arithmetic, drops commas and reads
MG as megagauss). We look the unit up in our own table and hand pint only our
canonical names. The registry is a lean one holding just these units, built on first
use, so importing this module costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

from core.quoting import quote
from core.refusal import Refusal

if TYPE_CHECKING:
    import pint


@dataclass(frozen=True)
class Unit:
    """A unit from the closed list: its display symbol, its pint name and its kind."""

    symbol: str
    pint_name: str
    kind: str  # "mass" or "volume"


UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        Unit("ng", "nanogram", "mass"),
        Unit("mcg", "microgram", "mass"),
        Unit("mg", "milligram", "mass"),
        Unit("g", "gram", "mass"),
        Unit("mL", "milliliter", "volume"),
        Unit("L", "liter", "volume"),
    )
}

#: Accepted spellings, compared case-insensitively: MG is what a pharmacist means by mg.
_SPELLINGS: dict[str, str] = {
    "ng": "ng", "nanogram": "ng", "nanograms": "ng",
    "mcg": "mcg", "µg": "mcg", "μg": "mcg", "ug": "mcg",
    "microgram": "mcg", "micrograms": "mcg",
    "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "g": "g", "gram": "g", "grams": "g",
    "ml": "mL", "millilitre": "mL", "millilitres": "mL", "milliliter": "mL", "milliliters": "mL",
    "l": "L", "litre": "L", "litres": "L", "liter": "L", "liters": "L",
}  # fmt: skip

_DEFINITIONS = (
    "gram = [mass] = g",
    "milligram = gram / 1000 = mg",
    "microgram = milligram / 1000 = mcg",
    "nanogram = microgram / 1000 = ng",
    "liter = [volume] = L",
    "milliliter = liter / 1000 = mL",
)

MASS_HINT = "use ng, mcg, mg or g"


def lookup_unit(text: str) -> Unit:
    """The Unit for a spelling the user typed, or a Refusal naming the accepted ones."""
    key = " ".join(text.split())
    # Case is ignored only for ASCII (MG is mg). A Greek capital Mu ("ΜG") looks like MG
    # but would fold to μg: such a look-alike is refused, never read as another unit.
    key = key.lower() if key.isascii() else key
    if key in _SPELLINGS:
        return UNITS[_SPELLINGS[key]]
    if "/kg" in key.lower() or "per kg" in key.lower():
        raise Refusal(
            "Doses per kilogram of body weight are not accepted: type the total amount "
            "given in one dose (e.g. 4.5 mg).",
            field="unit",
        )
    if "/" in key or " per " in f" {key} ":
        raise Refusal(
            f"Type the amount of one dose ({MASS_HINT}) and choose the period separately "
            f"(found {quote(text.strip())}).",
            field="unit",
        )
    raise Refusal(f"Unknown unit {quote(text.strip())}: {MASS_HINT} (or mL for a liquid).", field="unit")


@cache
def registry() -> pint.UnitRegistry:
    """A pint registry with exact Fraction magnitudes and only the units above."""
    import pint

    ureg = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    for definition in _DEFINITIONS:
        ureg.define(definition)
    return ureg


@cache
def factor(unit: Unit) -> Fraction:
    """How many mg (mass) or mL (volume) one `unit` is, computed by pint, exactly."""
    ureg = registry()
    quantity = ureg.Quantity(Fraction(1), unit.pint_name)
    target = "milligram" if unit.kind == "mass" else "milliliter"
    if not quantity.check("[mass]" if unit.kind == "mass" else "[volume]"):
        raise AssertionError(f"unit table is wrong about {unit.symbol}")
    return Fraction(quantity.to(target).magnitude)


@cache
def concentration_factor(mass: Unit, volume: Unit) -> Fraction:
    """How many mg/mL one mass/volume is; pint checks the dimension is mass per volume."""
    ureg = registry()
    quantity = ureg.Quantity(Fraction(1), f"{mass.pint_name} / {volume.pint_name}")
    if not quantity.check("[mass] / [volume]"):
        raise Refusal(f"{mass.symbol}/{volume.symbol} is not a concentration.", field="concentration")
    return Fraction(quantity.to("milligram / milliliter").magnitude)


def to_mg(amount: Fraction, unit: Unit) -> Fraction:
    """An amount of a mass unit in mg, exactly."""
    if unit.kind != "mass":
        raise Refusal(f"{unit.symbol} is a volume, not an amount of drug: {MASS_HINT}.", field="unit")
    return amount * factor(unit)


def warm_up() -> None:
    """Import pint and compute every factor now (after the window's first paint), so the
    first keystroke does not pay for it."""
    for unit in UNITS.values():
        factor(unit)
    for mass in (u for u in UNITS.values() if u.kind == "mass"):
        for volume in (u for u in UNITS.values() if u.kind == "volume"):
            concentration_factor(mass, volume)
