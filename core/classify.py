"""classify(regimen, scheme): the band, and everything a reader needs to trust it.

The window and the command line only display what this returns; they compute nothing
clinical themselves. Oral regimens are judged by their exact average daily dose; the
injection only against its labelled regimen, never by a daily average.

Numbers in the texts are written in the NumberFormat passed to `classify` (the locale
the dose was read in: "4,5 mg" for a German reader); scheme prose stays as written.

The band is decided at once; the explanatory texts are derived from the (immutable)
result the first time they are read, so a caller that needs only the band pays only
for the band. Nothing is shared between results, so no text can be stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from core.band_text import bounds_text
from core.blockade import BlockadeEstimate, estimates, note_for
from core.formatting import POINT, NumberFormat, mass_text, mass_text_with_mg, ratio_text
from core.notes import Note, mg_text, naming_notes, rule_notes
from core.regimen import Regimen
from core.scheme import Band, Precaution, Reference, Scheme
from core.working import working


@dataclass(frozen=True)
class Mechanism:
    """What a band's mechanism says, shown with its status ("hypothesis", ...) and sources."""

    text: str
    status: str
    refs: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Classification:
    """The answer for one regimen under one scheme. Immutable; safe to share."""

    band: Band
    regimen: Regimen
    scheme: Scheme
    numbers: NumberFormat = POINT  # how the texts below write numbers (core.formatting)

    @property
    def band_id(self) -> str:
        return self.band.id

    @property
    def daily_mg(self) -> Fraction | None:
        """The exact average daily dose; None for the injection, which is never averaged."""
        return None if self.regimen.route == "injection" else self.regimen.daily_mg

    @cached_property
    def daily_text(self) -> str:
        """'250 mcg' (oral) or '' (injection)."""
        return "" if self.daily_mg is None else mass_text(self.daily_mg, self.numbers)

    @cached_property
    def dose_text(self) -> str:
        """'250 mcg (0.25 mg) a day on average', with the schedule when there is one."""
        regimen = self.regimen
        if self.daily_mg is None:
            return f"{regimen.describe(self.numbers)} (judged as a regimen, never as a daily average)"
        text = f"{mass_text_with_mg(self.daily_mg, self.daily_text, self.numbers)} a day on average"
        if regimen.doses_mg != (self.daily_mg,):
            text += f" ({regimen.describe(self.numbers)})"
        return text

    @cached_property
    def answer(self) -> str:
        """The first line a reader meets, from the band's `answer` template in the scheme:
        '250 mcg (0.25 mg) a day is very low (VLDN), not ultra-low; ultra-low is below 1 mcg a day.'
        Its sources are `bounds_refs`."""
        values = {"regimen": self.regimen.describe(self.numbers)}
        if self.daily_mg is not None:
            values.update(daily=self.daily_text, daily_mg=mg_text(self.daily_mg, self.numbers))
        text = self.band.answer.format_map(values)
        return text[:1].upper() + text[1:]  # "About 13.57 mg a day is ..."

    @cached_property
    def working(self) -> tuple[str, ...]:
        """How the dose and the average daily dose come from what was entered, one line each:
        '4.5 mL × 1 mg/mL = 4.5 mg', '100 mg + 100 mg + 150 mg = 350 mg every week; 350 mg ÷ 7
        days = 50 mg a day' (core.working); () when there is nothing to work out."""
        return working(self.regimen, self.numbers)

    @cached_property
    def bounds_text(self) -> str:
        """The band's range in words ('at least 1 mg and at most 5 mg a day'), numbers in
        this result's format."""
        return self.band.range_text if self.numbers == POINT else bounds_text(self.band, self.numbers)

    @property
    def bounds_refs(self) -> tuple[str, ...]:
        return self.band.refs

    @cached_property
    def reason(self) -> str:
        """Why: the dose, the band's bounds, the scheme and the basis of the bounds."""
        measured = f"{self.daily_text} a day" if self.daily_mg is not None else self.regimen.describe(self.numbers)
        band = self.band
        if band.lower_mg is not None and band.lower_mg == band.upper_mg:
            return f"{measured} on average is {band.name} under {self.scheme.title}. {band.basis}"
        return f"{measured} is {self.bounds_text}: {band.name} under {self.scheme.title}. {band.basis}"

    @cached_property
    def position(self) -> tuple[str, ...]:
        """Where the dose sits against the neighbouring bands."""
        if self.daily_mg is None:
            labelled = next(b for b in self.scheme.injection_bands if b.rule == "labelled-regimen")
            if self.band is labelled:
                return ("the labelled regimen",)
            labelled_text = bounds_text(labelled, self.numbers)
            return (f"not the labelled regimen, which is {labelled_text.removeprefix('exactly ')}",)
        return _position(self.band, self.daily_mg, self.daily_text, self.scheme.oral_bands, self.numbers)

    @cached_property
    def notes(self) -> tuple[Note, ...]:
        """Boundary and schedule notes (oral only)."""
        if self.daily_mg is None:
            return ()
        return rule_notes(self.regimen, self.band, self.scheme, self.daily_text, self.numbers)

    @cached_property
    def naming(self) -> tuple[Note, ...]:
        """How other sources name a dose of this size (oral only)."""
        if self.daily_mg is None:
            return ()
        return naming_notes(self.daily_mg, self.daily_text, self.scheme, self.numbers)

    @cached_property
    def blockade(self) -> tuple[BlockadeEstimate, ...]:
        """Estimated receptor blockade, one per distinct single oral dose, smallest first.

        Empty for the injection (the model is for single oral doses; `blockade_note`
        says so) and when the scheme has no blockade model."""
        model = self.scheme.blockade_model
        if model is None or self.daily_mg is None:
            return ()
        return estimates(model, self.regimen.doses_mg, self.numbers)

    @cached_property
    def blockade_note(self) -> Note | None:
        """What the estimates are not (oral), or why there is none (injection); None without a model."""
        model = self.scheme.blockade_model
        if model is None:
            return None
        return note_for(model, injection=self.daily_mg is None)

    @cached_property
    def mechanism(self) -> Mechanism | None:
        """The band's mechanism, or None when it has none or a note says it does not
        describe this regimen (e.g. LDN-sized doses that average below 1 mg a day)."""
        band = self.band
        if not band.mechanism or any(n.hides_mechanism for n in self.notes):
            return None
        return Mechanism(band.mechanism, band.mechanism_status, band.mechanism_refs)

    @cached_property
    def precautions(self) -> tuple[Precaution, ...]:
        return tuple(p for p in self.scheme.precautions if p.applies(self.band.id, self.regimen.form))

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """Every source cited by what this result shows, in the scheme's order."""
        cited = {*self.band.refs, *(self.mechanism.refs if self.mechanism else ())}
        for item in (*self.notes, *self.naming, *self.precautions, *self.blockade):
            cited.update(item.refs)
        if self.blockade_note is not None:
            cited.update(self.blockade_note.refs)
        return tuple(r for r in self.scheme.references if r.key in cited)

    @property
    def headline(self) -> str:
        """'Very low dose (VLDN): 250 mcg (0.25 mg) a day on average.'"""
        return f"{self.band.heading}: {self.dose_text}."


def _position(
    band: Band, daily: Fraction, daily_text: str, bands: tuple[Band, ...], numbers: NumberFormat
) -> tuple[str, ...]:
    index = bands.index(band)
    assert band.lower_mg is not None
    below = bands[index - 1] if index > 0 else None
    above = bands[index + 1] if index + 1 < len(bands) else None
    if band.upper_mg == band.lower_mg:
        text = f"exactly {daily_text} a day, the single value of {band.name}"
        if below and above:
            text += f": a little less is {below.name}, a little more is {above.name}"
        return (text,)
    out: list[str] = []
    if below and band.lower_mg > 0:
        lower_text = mass_text(band.lower_mg, numbers)
        if daily == band.lower_mg:
            out.append(f"exactly at the lower bound of {band.name} ({lower_text})")
        else:
            ratio = ratio_text(daily / band.lower_mg, numbers)
            out.append(f"{ratio} times the upper limit of {below.name} ({lower_text})")
    if above and band.upper_mg is not None:
        upper_text = mass_text(band.upper_mg, numbers)
        if daily == band.upper_mg:
            out.append(f"exactly at the upper bound of {band.name} ({upper_text})")
        else:
            ratio = ratio_text(band.upper_mg / daily, numbers)
            out.append(f"{ratio} times below the start of {above.name} ({upper_text})")
    return tuple(out)


def _oral_band(daily: Fraction, scheme: Scheme) -> Band:
    """The one oral band containing `daily`. The loader has checked that the bands are
    sorted and contiguous; the neighbour is checked again, so an overlap never answers."""
    bands = scheme.oral_bands
    for index, band in enumerate(bands):
        if band.contains(daily):
            if index + 1 < len(bands) and bands[index + 1].contains(daily):
                raise AssertionError(f"two bands contain {daily} mg/day in scheme {scheme.id}")
            return band
    raise AssertionError(f"no band contains {daily} mg/day in scheme {scheme.id}")


def _injection_band(regimen: Regimen, scheme: Scheme) -> Band:
    for band in scheme.bands:
        if band.rule == "labelled-regimen" and regimen.doses_mg == (band.amount_mg,) and band.labels(regimen.period):
            return band
    return next(b for b in scheme.bands if b.rule == "other")


def classify(regimen: Regimen, scheme: Scheme, numbers: NumberFormat = POINT) -> Classification:
    """The band of `regimen` under `scheme`, with its reasons, notes and precautions; their
    numbers written in `numbers` (core.locales.number_format(name); default English)."""
    if regimen.route == "injection":
        band = _injection_band(regimen, scheme)
    else:
        band = _oral_band(regimen.daily_mg, scheme)
    return Classification(band=band, regimen=regimen, scheme=scheme, numbers=numbers)


__all__ = ["Classification", "Mechanism", "Note", "classify"]
