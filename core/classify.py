"""classify(regimen, scheme): the band, and everything a reader needs to trust it.

The window and the command line only display what this returns; they compute nothing
clinical themselves. Oral regimens are judged by their exact average daily dose; the
injection only against its labelled regimen, never by a daily average.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from core.formatting import mass_text, mass_text_with_mg, number_text, ratio_text
from core.notes import Note, naming_notes, rule_notes
from core.regimen import Regimen
from core.scheme import Band, Precaution, Reference, Scheme


@dataclass(frozen=True)
class Classification:
    """The answer for one regimen under one scheme. Immutable; safe to share."""

    band: Band
    regimen: Regimen
    daily_mg: Fraction | None  # None for the injection: it is never averaged
    dose_text: str
    bounds_text: str
    bounds_refs: tuple[str, ...]
    reason: str
    position: tuple[str, ...]
    notes: tuple[Note, ...]
    naming: tuple[Note, ...]
    precautions: tuple[Precaution, ...]
    references: tuple[Reference, ...]
    scheme: Scheme

    @property
    def band_id(self) -> str:
        return self.band.id

    @property
    def headline(self) -> str:
        """'Very low dose (VLDN): 250 mcg (0.25 mg) a day.'"""
        return f"{self.band.name} ({self.band.short_name}): {self.dose_text}."


def bounds_text(band: Band) -> str:
    """The band's range in words: 'at least 1 mcg and less than 1 mg a day'."""
    if band.route == "injection":
        if band.rule == "labelled-regimen":
            assert band.amount_mg is not None and band.period_days is not None
            return f"exactly {mass_text(band.amount_mg)} every {_days(band.period_days)}"
        return "any injected amount or interval other than the labelled regimen"
    assert band.lower_mg is not None
    if band.upper_mg == band.lower_mg:
        return f"exactly {mass_text(band.lower_mg)} a day on average"
    if band.lower_mg == 0:
        lower = "more than 0"
    else:
        lower = ("at least " if band.lower_inclusive else "more than ") + mass_text(band.lower_mg)
    if band.upper_mg is None:
        return f"{lower} a day"
    upper = ("at most " if band.upper_inclusive else "less than ") + mass_text(band.upper_mg)
    return f"{lower} and {upper} a day"


def _days(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "week" if weeks == 1 else f"{weeks} weeks"
    return "day" if days == 1 else f"{days} days"


def _position(band: Band, daily: Fraction, bands: tuple[Band, ...]) -> tuple[str, ...]:
    index = bands.index(band)
    assert band.lower_mg is not None
    if band.upper_mg == band.lower_mg:
        return (f"exactly {mass_text(daily)} a day, the single value of {band.name}",)
    out: list[str] = []
    if index > 0 and band.lower_mg > 0:
        below, bound = bands[index - 1], band.lower_mg
        if daily == bound:
            out.append(f"exactly at the lower bound of {band.name} ({mass_text(bound)})")
        else:
            out.append(f"{ratio_text(daily / bound)} times the upper limit of {below.name} ({mass_text(bound)})")
    if band.upper_mg is not None and index + 1 < len(bands):
        above, bound = bands[index + 1], band.upper_mg
        if daily == bound:
            out.append(f"exactly at the upper bound of {band.name} ({mass_text(bound)})")
        else:
            out.append(f"{ratio_text(bound / daily)} times below the start of {above.name} ({mass_text(bound)})")
    return tuple(out)


def _oral_band(daily: Fraction, scheme: Scheme) -> Band:
    matches = [b for b in scheme.oral_bands if b.contains(daily)]
    if len(matches) != 1:  # the loader rules this out; never answer if it happens anyway
        raise AssertionError(f"{len(matches)} bands contain {daily} mg/day in scheme {scheme.id}")
    return matches[0]


def _injection_band(regimen: Regimen, scheme: Scheme) -> Band:
    for band in scheme.injection_bands:
        if (
            band.rule == "labelled-regimen"
            and regimen.doses_mg == (band.amount_mg,)
            and regimen.period_days == band.period_days
        ):
            return band
    return next(b for b in scheme.injection_bands if b.rule == "other")


def classify(regimen: Regimen, scheme: Scheme) -> Classification:
    """The band of `regimen` under `scheme`, with its reasons, notes and precautions."""
    if regimen.route == "injection":
        band = _injection_band(regimen, scheme)
        daily: Fraction | None = None
        dose_text = f"{regimen.describe()} (judged as a regimen, never as a daily average)"
        labelled = next(b for b in scheme.injection_bands if b.rule == "labelled-regimen")
        position: tuple[str, ...] = (
            ("the labelled regimen",)
            if band is labelled
            else (f"not the labelled regimen, which is {bounds_text(labelled).removeprefix('exactly ')}",)
        )
        notes: tuple[Note, ...] = ()
        naming: tuple[Note, ...] = ()
    else:
        daily = regimen.daily_mg
        band = _oral_band(daily, scheme)
        dose_text = f"{mass_text_with_mg(daily)} a day on average"
        if regimen.doses_mg != (daily,):
            dose_text += f" ({regimen.describe()})"
        position = _position(band, daily, scheme.oral_bands)
        notes = rule_notes(regimen, band, scheme)
        naming = naming_notes(daily, scheme)
    bounds = bounds_text(band)
    measured = mass_text(daily) + " a day" if daily is not None else regimen.describe()
    reason = f"{measured} is {bounds}: {band.name} under {scheme.title}. {band.basis}"
    precautions = tuple(p for p in scheme.precautions if p.applies(band.id))
    cited = {*band.refs, *band.mechanism_refs}
    for item in (*notes, *naming, *precautions):
        cited.update(item.refs)
    references = tuple(r for r in scheme.references if r.key in cited)
    return Classification(
        band=band,
        regimen=regimen,
        daily_mg=daily,
        dose_text=dose_text,
        bounds_text=bounds,
        bounds_refs=band.refs,
        reason=reason,
        position=position,
        notes=notes,
        naming=naming,
        precautions=precautions,
        references=references,
        scheme=scheme,
    )


__all__ = ["Classification", "Note", "bounds_text", "classify", "number_text"]
