"""Notes raised with a band: boundary and schedule rules, and other sources' naming.

The rule kinds are code; their thresholds, wording and sources are scheme data.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from core.formatting import POINT, NumberFormat, mass_text, number_text
from core.period import Period
from core.regimen import Regimen
from core.scheme import Band, Rule, Scheme


@dataclass(frozen=True)
class Note:
    id: str
    kind: str  # "boundary", "schedule" or "naming"
    text: str
    refs: tuple[str, ...]
    confidence: str = "established"  # naming notes carry their source's confidence
    hides_mechanism: bool = False  # the band's mechanism does not describe this regimen


def mg_text(mg: Fraction, numbers: NumberFormat = POINT) -> str:
    """'0.25 mg' ('0,25 mg'): an amount always in mg (the {daily_mg} placeholder), however small."""
    return f"{number_text(mg, numbers)} mg"


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:  # the loader allows only known placeholders
        raise KeyError(key)


def _values(regimen: Regimen, daily_text: str, numbers: NumberFormat) -> _Values:
    return _Values(
        daily=daily_text,
        daily_mg=mg_text(regimen.daily_mg, numbers),
        single_max=mass_text(regimen.max_single_mg, numbers),
        interval_hours=number_text(regimen.interval_hours, numbers),
    )


def _fires(rule: Rule, regimen: Regimen, scheme: Scheme) -> bool:
    if rule.kind == "large-single-low-average":
        assert rule.single_at_least_mg is not None and rule.daily_below_mg is not None
        return regimen.max_single_mg >= rule.single_at_least_mg and regimen.daily_mg < rule.daily_below_mg
    if rule.kind == "single-above":
        assert rule.single_above_mg is not None
        return regimen.max_single_mg > rule.single_above_mg
    if rule.kind == "interval-above":
        assert rule.interval_above_hours is not None
        return regimen.interval_hours > rule.interval_above_hours
    if rule.kind == "conditions":
        return all(c.holds(regimen.max_single_mg, regimen.daily_mg) for c in rule.conditions)
    if rule.kind == "exact-regimen":
        assert rule.period_days is not None
        return tuple(sorted(regimen.doses_mg)) == rule.amounts_mg and regimen.period == Period.of_days(rule.period_days)
    if rule.kind == "injection-regimen-taken-orally":
        # the injection's labelled regimen typed as an oral one: never a silent daily average
        labelled = next(b for b in scheme.injection_bands if b.rule == "labelled-regimen")
        return regimen.route == "oral" and regimen.doses_mg == (labelled.amount_mg,) and labelled.labels(regimen.period)
    return False


def _boundary(
    rule: Rule, regimen: Regimen, band: Band, scheme: Scheme, daily_text: str, numbers: NumberFormat
) -> Note | None:
    daily = regimen.daily_mg
    bands = scheme.oral_bands
    at_joint: list[Band] = []
    for i, candidate in enumerate(bands):
        if candidate.upper_mg == daily and i + 1 < len(bands):
            at_joint += [candidate, bands[i + 1]]
    others = [b for b in dict.fromkeys(at_joint) if b is not band]
    if not others or band.lower_mg == band.upper_mg:  # a single-value band: its position says it
        return None
    values = _values(regimen, daily_text, numbers)
    values.update(bound=daily_text, band=band.name, other=" and ".join(b.name for b in others))
    # The sources of a boundary are those of the bands that meet there.
    refs = tuple(dict.fromkeys((*rule.refs, *band.refs, *(r for b in others for r in b.refs))))
    return Note(rule.id, "boundary", rule.text.format_map(values), refs)


def rule_notes(
    regimen: Regimen, band: Band, scheme: Scheme, daily_text: str, numbers: NumberFormat = POINT
) -> tuple[Note, ...]:
    """The boundary and schedule notes that apply to an oral regimen, in scheme order;
    the numbers put into their placeholders are written in `numbers`."""
    out: list[Note] = []
    for rule in scheme.rules:
        if rule.kind == "boundary":
            note = _boundary(rule, regimen, band, scheme, daily_text, numbers)
            if note:
                out.append(note)
        elif _fires(rule, regimen, scheme):
            text = rule.text.format_map(_values(regimen, daily_text, numbers))
            out.append(Note(rule.id, "schedule", text, rule.refs, hides_mechanism=rule.hide_mechanism))
    return tuple(out)


def naming_notes(daily: Fraction, daily_text: str, scheme: Scheme, numbers: NumberFormat = POINT) -> tuple[Note, ...]:
    """How other sources name a dose of this size."""
    values = _Values(daily=daily_text, daily_mg=mg_text(daily, numbers), single_max="", interval_hours="")
    return tuple(
        Note(n.id, "naming", n.text.format_map(values), n.refs, n.confidence) for n in scheme.naming if n.covers(daily)
    )
