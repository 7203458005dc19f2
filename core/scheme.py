"""A dose scheme in memory: immutable, already validated, read by the classifier.

Loading and validation live in `core.scheme_loader`; `load_scheme` is re-exported here
because it is what callers want.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from core.periods import Period


def _compare(a: Fraction, b: Fraction) -> int:
    """-1, 0 or 1, exactly, by cross-multiplying (several times faster than Fraction's <)."""
    left, right = a.numerator * b.denominator, b.numerator * a.denominator
    return (left > right) - (left < right)


def above(value: Fraction, bound: Fraction, inclusive: bool) -> bool:
    """value > bound, or value >= bound when the bound is inclusive."""
    c = _compare(value, bound)
    return c > 0 or (c == 0 and inclusive)


def below(value: Fraction, bound: Fraction, inclusive: bool) -> bool:
    """value < bound, or value <= bound when the bound is inclusive."""
    c = _compare(value, bound)
    return c < 0 or (c == 0 and inclusive)


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    doi: str
    pmid: str
    pmcid: str
    url: str
    note: str

    @property
    def identifiers(self) -> str:
        """'doi:...; PMID ...' for the parts that are known."""
        parts = []
        if self.doi:
            parts.append(f"doi:{self.doi}")
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        if self.pmcid:
            parts.append(f"PMCID {self.pmcid}")
        if self.url:
            parts.append(self.url)
        return "; ".join(parts)

    @property
    def full(self) -> str:
        """The citation with its identifiers and caveat, as one line."""
        text = self.citation
        if self.identifiers:
            text += f" {self.identifiers}."
        if self.note:
            text += f" ({self.note})"
        return text


@dataclass(frozen=True)
class Band:
    id: str
    route: str
    name: str
    short_name: str
    colour: str
    text_colour: str
    description: str
    basis: str
    refs: tuple[str, ...]
    mechanism: str
    mechanism_status: str
    mechanism_refs: tuple[str, ...]
    lower_mg: Fraction | None = None
    lower_inclusive: bool = False
    upper_mg: Fraction | None = None  # None: no upper bound (infinity)
    upper_inclusive: bool = False
    rule: str = ""
    amount_mg: Fraction | None = None
    period_days: int | None = None
    also_every: tuple[Period, ...] = ()  # other periods the label gives for the same regimen
    # Derived by the loader from the bounds above (core.band_text), never read from the file.
    range_text: str = ""
    lower_text: str = ""
    upper_text: str = ""

    def contains(self, daily_mg: Fraction) -> bool:
        """Whether an average oral daily dose falls in this band, flags respected."""
        assert self.lower_mg is not None
        if not above(daily_mg, self.lower_mg, self.lower_inclusive):
            return False
        return self.upper_mg is None or below(daily_mg, self.upper_mg, self.upper_inclusive)

    def labels(self, period: Period) -> bool:
        """Whether `period` is one of this labelled regimen's intervals (period_days or also_every)."""
        if self.period_days is None:
            return False
        return period == Period.of_days(self.period_days) or period in self.also_every


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    text: str
    refs: tuple[str, ...]
    single_at_least_mg: Fraction | None = None
    daily_below_mg: Fraction | None = None
    single_above_mg: Fraction | None = None
    interval_above_hours: int | None = None
    amounts_mg: tuple[Fraction, ...] = ()
    period_days: int | None = None


@dataclass(frozen=True)
class Naming:
    id: str
    from_mg: Fraction
    from_inclusive: bool
    to_mg: Fraction | None
    to_inclusive: bool
    text: str
    refs: tuple[str, ...]

    def covers(self, daily_mg: Fraction) -> bool:
        if not above(daily_mg, self.from_mg, self.from_inclusive):
            return False
        return self.to_mg is None or below(daily_mg, self.to_mg, self.to_inclusive)


@dataclass(frozen=True)
class Precaution:
    id: str
    group: str
    applies_to: tuple[str, ...]
    forms: tuple[str, ...]
    text: str
    refs: tuple[str, ...]
    confidence: str

    def applies(self, band_id: str, form: str) -> bool:
        """For this band ("all" or its id) and this form (tablet, liquid, injection)."""
        return ("all" in self.applies_to or band_id in self.applies_to) and form in self.forms


@dataclass(frozen=True)
class Example:
    doses: tuple[str, ...]
    per: str
    route: str
    concentration: str
    locale: str
    expect: str
    why: str


@dataclass(frozen=True)
class BlockadePoint:
    """One measured share of brain mu-opioid receptors blocked after one oral dose."""

    dose_mg: Fraction
    blocked_percent: Fraction
    source: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class BlockadeModel:
    """The scheme's model of central mu-opioid receptor blockade after one oral dose.

    Every number and every word of it is scheme data (`[blockade_model]`, see
    docs/scheme-format.md); `core.blockade` computes with it. The only form known is
    "hyperbola": blocked share = D / (D + ed50_mg) for a single oral dose D in mg.
    `data_from_mg`..`data_to_mg` is the dose range the measured points cover (the loader
    checks that they are the smallest and largest point); outside it a value is an
    extrapolation. Texts may use placeholders: `line` {dose}, {estimate}, {coverage};
    `within_data` and `outside_data` {data_range}; `caveat` {window}.
    """

    name: str
    form: str
    ed50_mg: Fraction
    fit_tolerance_mg: Fraction
    data_from_mg: Fraction
    data_to_mg: Fraction
    time_window: str
    refs: tuple[str, ...]
    label: str
    chart_label: str
    line: str
    within_data: str
    outside_data: str
    caveat: str
    caveat_refs: tuple[str, ...]
    injection: str
    points: tuple[BlockadePoint, ...]


@dataclass(frozen=True)
class Limits:
    min_single_mg: Fraction
    max_single_mg: Fraction
    min_daily_mg: Fraction
    max_daily_mg: Fraction
    max_volume_ml: Fraction
    min_concentration_mg_per_ml: Fraction
    max_concentration_mg_per_ml: Fraction
    max_administrations: int
    max_period_days: int
    axis_min_mg: Fraction
    axis_max_mg: Fraction


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    version: str
    date: datetime.date
    review_status: str
    disclaimer: str
    limits: Limits
    bands: tuple[Band, ...]
    rules: tuple[Rule, ...]
    naming: tuple[Naming, ...]
    precautions: tuple[Precaution, ...]
    references: tuple[Reference, ...]
    examples: tuple[Example, ...]
    path: str
    sha256: str
    # None when the file has no [blockade_model] section: then no estimate is shown.
    blockade_model: BlockadeModel | None = None

    @cached_property
    def oral_bands(self) -> tuple[Band, ...]:
        return tuple(b for b in self.bands if b.route == "oral")

    @cached_property
    def injection_bands(self) -> tuple[Band, ...]:
        return tuple(b for b in self.bands if b.route == "injection")

    def band(self, band_id: str) -> Band:
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)

    def reference(self, key: str) -> Reference:
        for reference in self.references:
            if reference.key == key:
                return reference
        raise KeyError(key)

    @property
    def label(self) -> str:
        """'title, version V (date)': what the window and reports show."""
        return f"{self.title}, version {self.version} ({self.date.isoformat()})"


def load_scheme(path: str | None = None, check_examples: bool = True) -> Scheme:
    """The scheme at `path`, or the bundled default when `path` is None.

    A scheme whose own worked examples give another band, or that lacks examples at a
    bound, is refused. `verify` passes check_examples=False so that it can list every
    mismatch itself; the window does, to run the checks just after its first paint."""
    from core.scheme_loader import load

    return load(path, check_examples=check_examples)
