"""A band's range in words, derived once from its bounds when the scheme is loaded."""

from __future__ import annotations

from core.formatting import POINT, NumberFormat, mass_text
from core.period import Period
from core.scheme import Band


def bounds_text(band: Band, numbers: NumberFormat = POINT) -> str:
    """'at least 1 mcg and less than 1 mg a day', 'exactly 380 mg every 4 weeks or once a month'."""
    if band.route == "injection":
        if band.rule == "labelled-regimen":
            assert band.amount_mg is not None and band.period_days is not None
            periods = (Period.of_days(band.period_days), *band.also_every)
            return f"exactly {mass_text(band.amount_mg, numbers)} " + " or ".join(p.every for p in periods)
        return "any injected amount or interval other than the labelled regimen"
    assert band.lower_mg is not None
    if band.upper_mg == band.lower_mg:
        return f"exactly {mass_text(band.lower_mg, numbers)} a day on average"
    if band.lower_mg == 0:
        lower = "more than 0"
    else:
        lower = ("at least " if band.lower_inclusive else "more than ") + mass_text(band.lower_mg, numbers)
    if band.upper_mg is None:
        return f"{lower} a day"
    upper = ("at most " if band.upper_inclusive else "less than ") + mass_text(band.upper_mg, numbers)
    return f"{lower} and {upper} a day"


def with_texts(band: Band) -> Band:
    """The band with its derived texts filled in (bands are immutable)."""
    from dataclasses import replace

    return replace(
        band,
        range_text=bounds_text(band),
        lower_text=mass_text(band.lower_mg) if band.lower_mg else "",
        upper_text=mass_text(band.upper_mg) if band.upper_mg is not None else "",
    )
