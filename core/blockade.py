"""Estimated central mu-opioid receptor blockade after one oral dose, from the scheme's model.

Why: "does such a small dose still block opioids?" is the question behind most LDN and
VLDN queries. PET studies measured the share of brain mu-opioid receptors blocked in
the first hours after one oral dose, and Trøstheim et al. fitted a hyperbola to them
([P] in the bundled scheme). This module puts a number on each single oral dose, with
the model's limits in words; it holds no number of the model itself (ED50, the data
range and every text are scheme data, `core.scheme.BlockadeModel`).

Computation is exact (Fraction); rounding happens only in `percent_text`, for display.
The extended-release injection gets no value: the model is for single oral doses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from core.formatting import POINT, NumberFormat, decimal_text, mass_text_with_mg, number_text
from core.notes import Note
from core.scheme import BlockadeModel

_TENTH = Fraction(1, 10)


@dataclass(frozen=True)
class BlockadeEstimate:
    """The model's estimate for one single oral dose.

    `fraction` is the exact blocked share (0 < fraction < 1); `extrapolated` is True when
    the dose lies outside the range the measured points cover; `percent_text` is the
    rounded value shown ('about 4 %', 'less than 0.1 %', in the reader's locale); `text`
    is the scheme's sentence for it (no final full stop, no citation); `refs` are the
    model's sources.
    """

    dose_mg: Fraction
    fraction: Fraction
    extrapolated: bool
    percent_text: str
    text: str
    refs: tuple[str, ...]

    @property
    def percent(self) -> Fraction:
        """The blocked share in percent, exact."""
        return self.fraction * 100


def fraction_blocked(model: BlockadeModel, dose_mg: Fraction) -> Fraction:
    """The blocked share D / (D + ED50) for one oral dose of `dose_mg` mg, exact.

    Raises ValueError for a dose that is not positive (the regimen reader never makes one)."""
    if dose_mg <= 0:
        raise ValueError(f"a dose must be positive, not {dose_mg}")
    return dose_mg / (dose_mg + model.ed50_mg)


def dose_for_fraction(model: BlockadeModel, fraction: Fraction) -> Fraction:
    """The single dose (mg) whose estimated blocked share is `fraction` (0 < fraction < 1)."""
    if not 0 < fraction < 1:
        raise ValueError(f"a blocked share must lie strictly between 0 and 1, not {fraction}")
    return model.ed50_mg * fraction / (1 - fraction)


def is_extrapolated(model: BlockadeModel, dose_mg: Fraction) -> bool:
    """True below the smallest and above the largest measured dose (the ends are measured)."""
    return dose_mg < model.data_from_mg or dose_mg > model.data_to_mg


def _round_half_up(value: Fraction, quantum: Fraction) -> Fraction:
    return math.floor(value / quantum + Fraction(1, 2)) * quantum


def percent_text(percent: Fraction, numbers: NumberFormat = POINT) -> str:
    """A blocked share for display: whole percent from 10 % up, one significant figure
    below, "less than 0.1 %" under that; never "100 %" for a share below 100 %.

    'about 45 %', 'about 4 %', 'about 0.2 %' ('0,2' in a comma locale), 'less than
    0.1 %', 'more than 99 %'."""

    def shown(value: Fraction) -> str:
        return numbers.localise(decimal_text(value)[0])

    if percent < _TENTH:
        return f"less than {shown(_TENTH)} %"
    if percent < 10:
        quantum = Fraction(1) if percent >= 1 else _TENTH
        return f"about {shown(_round_half_up(percent, quantum))} %"
    whole = _round_half_up(percent, Fraction(1))
    if whole >= 100 and percent < 100:
        return "more than 99 %"
    return f"about {shown(whole)} %"


def data_range_text(model: BlockadeModel, numbers: NumberFormat = POINT) -> str:
    """'2-50 mg': the doses the measured points cover."""
    return f"{number_text(model.data_from_mg, numbers)}-{number_text(model.data_to_mg, numbers)} mg"


def estimate(model: BlockadeModel, dose_mg: Fraction, numbers: NumberFormat = POINT) -> BlockadeEstimate:
    """The estimate for one single oral dose, with the scheme's sentence for it (numbers
    written in `numbers`, the locale of the answer)."""
    share = fraction_blocked(model, dose_mg)
    extrapolated = is_extrapolated(model, dose_mg)
    shown = percent_text(share * 100, numbers)
    coverage = (model.outside_data if extrapolated else model.within_data).format(
        data_range=data_range_text(model, numbers)
    )
    text = model.line.format(dose=mass_text_with_mg(dose_mg, numbers=numbers), estimate=shown, coverage=coverage)
    return BlockadeEstimate(dose_mg, share, extrapolated, shown, text, model.refs)


def estimates(
    model: BlockadeModel, doses_mg: Iterable[Fraction], numbers: NumberFormat = POINT
) -> tuple[BlockadeEstimate, ...]:
    """One estimate per distinct single oral dose, smallest first."""
    return tuple(estimate(model, dose, numbers) for dose in sorted(set(doses_mg)))


def note_for(model: BlockadeModel, injection: bool) -> Note:
    """What the estimates are not (oral), or why there is none (the injection)."""
    if injection:
        return Note("blockade-injection", "blockade", model.injection, model.refs)
    return Note("blockade-caveat", "blockade", model.caveat.format(window=model.time_window), model.caveat_refs)


def describe_model(model: BlockadeModel, numbers: NumberFormat = POINT) -> str:
    """The model in one line, for the JSON output."""
    return (
        f"{model.name}: blocked share = D / (D + {number_text(model.ed50_mg, numbers)} mg) for one oral dose D, "
        f"in {model.time_window} after the dose; measured data cover {data_range_text(model, numbers)}"
    )
