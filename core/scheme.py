"""A dose scheme in memory: immutable, already validated, read by the classifier.

The model knows nothing of how it is read or checked: `core.scheme_loader` reads and
validates a file into it, and `core.verify.load_scheme` (what callers want) also runs
its worked examples.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from core.period import Period


def _compare(a: Fraction, b: Fraction) -> int:
    """-1, 0 or 1, exactly, by cross-multiplying (several times faster than Fraction's <)."""
    (an, ad), (bn, bd) = a.as_integer_ratio(), b.as_integer_ratio()
    left, right = an * bd, bn * ad
    return (left > right) - (left < right)


def above(value: Fraction, bound: Fraction, inclusive: bool) -> bool:
    """value > bound, or value >= bound when the bound is inclusive."""
    c = _compare(value, bound)
    return c > 0 or (c == 0 and inclusive)


def below(value: Fraction, bound: Fraction, inclusive: bool) -> bool:
    """value < bound, or value <= bound when the bound is inclusive."""
    c = _compare(value, bound)
    return c < 0 or (c == 0 and inclusive)


class Ref(str):
    """A cited reference key ("L") that also knows the place cited in the source.

    It is the key itself as a string, so `ref in keys`, JSON and de-duplication see only
    the key; `place` ("Contraindications", "Table 1", "") says where in the source the
    statement is, and `cite` shows it. Written in a scheme as "L: Contraindications".
    """

    place: str

    def __new__(cls, key: str, place: str = "") -> Ref:
        ref = super().__new__(cls, key)
        ref.place = place
        return ref

    @property
    def key(self) -> str:
        return str(self)

    @property
    def label(self) -> str:
        """'L: Contraindications', or 'L' when no place is given."""
        return f"{self.key}: {self.place}" if self.place else self.key


def ref_place(ref: str) -> str:
    """The place cited in the source ("" when none, or for a plain string key)."""
    return getattr(ref, "place", "")


@dataclass(frozen=True)
class Reference:
    """A source. `note` is a caveat readers see ("read second-hand"); `editor_note` is
    for whoever edits the scheme and is never shown (not in `full`, the record or JSON)."""

    key: str
    citation: str
    doi: str
    pmid: str
    pmcid: str
    url: str
    note: str
    editor_note: str = field(default="", repr=False)

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
    # What the first line says, e.g. "{daily} ({daily_mg}) a day is very low (VLDN), not ultra-low; ...";
    # placeholders are filled by core.classify (the code holds no clinical wording).
    answer: str = ""
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
    editor_note: str = field(default="", repr=False)

    @property
    def heading(self) -> str:
        """'Very low dose (VLDN)'; the short name only when the name does not already say it
        ('High dose (liver injury reported)', never '... (High)')."""
        words = {w.strip("()[],.:;").casefold() for w in self.name.split()}
        if self.short_name.casefold() in words or self.short_name.casefold() == self.name.casefold():
            return self.name
        return f"{self.name} ({self.short_name})"

    def contains(self, daily_mg: Fraction) -> bool:
        """Whether an average oral daily dose falls in this band, flags respected.

        Exactly as `above(daily_mg, lower_mg, ...)` and `below(daily_mg, upper_mg, ...)`, by
        integer cross-multiplication with the bounds' ratios taken once per band (the
        classifier asks every band in turn; tests/core/test_fast_paths.py compares them)."""
        lower_n, lower_d, upper_n, upper_d = self._bound_ratios
        n, d = daily_mg.as_integer_ratio()
        left, right = n * lower_d, lower_n * d
        if left < right or (left == right and not self.lower_inclusive):
            return False
        if upper_d == 0:  # no upper bound
            return True
        left, right = n * upper_d, upper_n * d
        return left < right or (left == right and self.upper_inclusive)

    @cached_property
    def _bound_ratios(self) -> tuple[int, int, int, int]:
        """(lower numerator, lower denominator, upper numerator, upper denominator); the
        upper is (1, 0) when the band has no upper bound."""
        assert self.lower_mg is not None
        upper = (1, 0) if self.upper_mg is None else self.upper_mg.as_integer_ratio()
        return (*self.lower_mg.as_integer_ratio(), *upper)

    def labels(self, period: Period) -> bool:
        """Whether `period` is one of this labelled regimen's intervals (period_days or also_every)."""
        if self.period_days is None:
            return False
        return period == Period.of_days(self.period_days) or period in self.also_every


#: Comparisons a rule of kind "conditions" may make: key -> (quantity, operator).
CONDITIONS: dict[str, tuple[str, str]] = {
    "single_above_mg": ("single", ">"),
    "single_at_least_mg": ("single", ">="),
    "single_below_mg": ("single", "<"),
    "single_at_most_mg": ("single", "<="),
    "daily_above_mg": ("daily", ">"),
    "daily_at_least_mg": ("daily", ">="),
    "daily_below_mg": ("daily", "<"),
    "daily_at_most_mg": ("daily", "<="),
    "daily_equal_mg": ("daily", "=="),
    "daily_not_equal_mg": ("daily", "!="),
}


@dataclass(frozen=True)
class Condition:
    """One comparison of a "conditions" rule: the largest single dose or the average daily
    dose (mg, exact) against a value."""

    quantity: str  # "single" or "daily"
    operator: str  # ">", ">=", "<", "<=", "==", "!="
    value_mg: Fraction

    def holds(self, single_mg: Fraction, daily_mg: Fraction) -> bool:
        c = _compare(single_mg if self.quantity == "single" else daily_mg, self.value_mg)
        return {">": c > 0, ">=": c >= 0, "<": c < 0, "<=": c <= 0, "==": c == 0, "!=": c != 0}[self.operator]


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
    conditions: tuple[Condition, ...] = ()
    # The band's mechanism does not describe a regimen this rule fires for: leave it out.
    hide_mechanism: bool = False
    editor_note: str = field(default="", repr=False)


@dataclass(frozen=True)
class Naming:
    id: str
    from_mg: Fraction
    from_inclusive: bool
    to_mg: Fraction | None
    to_inclusive: bool
    text: str
    refs: tuple[str, ...]
    confidence: str = "established"
    editor_note: str = field(default="", repr=False)

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
    editor_note: str = field(default="", repr=False)

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
class Change:
    """One dated entry of the scheme's change list (newest first in the file)."""

    version: str
    date: datetime.date
    items: tuple[str, ...]


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
    changes: tuple[Change, ...] = ()

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
