"""Validate a scheme's `[blockade_model]` section, or refuse it with line, key and reason.

The section is optional: without it no blockade estimate is shown anywhere. When it
is present every key is required, unknown keys are refused, the measured points must
span exactly the declared data range, and ED50 must agree with a least-squares fit of
those points (within the scheme's own tolerance), so that a mistyped parameter cannot
load. Called by `core.scheme_loader` with the file being read (`core.scheme_file`), whose
messages name the file, line and key.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from core.blockade_fit import least_squares_ed50
from core.formatting import decimal_text
from core.scheme import BlockadeModel, BlockadePoint
from core.scheme_file import SchemeFile

SECTION = "blockade_model"
POINTS = f"{SECTION}.points"
FORMS = ("hyperbola",)
#: Placeholders each text may use; those in REQUIRED must be used (the number and its limits).
PLACEHOLDERS: dict[str, set[str]] = {
    "name": set(),
    "time_window": set(),
    "label": set(),
    "chart_label": set(),
    "line": {"dose", "estimate", "coverage"},
    "within_data": {"data_range"},
    "outside_data": {"data_range"},
    "caveat": {"window"},
    "injection": set(),
}
REQUIRED: dict[str, set[str]] = {
    "line": {"dose", "estimate", "coverage"},
    "within_data": {"data_range"},
    "outside_data": {"data_range"},
}
_NUMBERS = ("ed50_mg", "fit_tolerance_mg", "data_from_mg", "data_to_mg")
#: The keys of `[blockade_model]` and of each `[[blockade_model.points]]`: all required.
KEYS = (*PLACEHOLDERS, *_NUMBERS, "form", "refs", "caveat_refs", "points")
POINT_KEYS = ("dose_mg", "blocked_percent", "source", "refs")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


def read_blockade_model(v: SchemeFile, data: dict[str, Any]) -> BlockadeModel | None:
    """The validated model, or None when the scheme has no `[blockade_model]` section.

    The scheme's references must already be known to `v` (`v.reference_keys`)."""
    if SECTION not in data:
        return None
    entry = v.table(data, SECTION)
    where = (SECTION, None)
    v.keys(where, entry, set(KEYS))
    form = v.text(where, entry, "form")
    if form not in FORMS:
        raise v.fail(where, "form", f'"{form}" is not a model form the app can compute (known: {", ".join(FORMS)})')
    numbers = {key: v.positive(where, entry, key) for key in _NUMBERS}
    if numbers["data_from_mg"] >= numbers["data_to_mg"]:
        raise v.fail(where, "data_from_mg", "must be smaller than data_to_mg")
    texts: dict[str, str] = {}
    for key, allowed in PLACEHOLDERS.items():
        text = v.text(where, entry, key)
        v.placeholders(where, key, text, allowed)
        missing = sorted(REQUIRED.get(key, set()) - _used(text))
        if missing:
            raise v.fail(where, key, f"must use {{{missing[0]}}} (it carries the estimate or its limits)")
        texts[key] = text
    refs = v.refs(where, entry, "refs")
    caveat_refs = v.refs(where, entry, "caveat_refs")
    points = _points(v, entry)
    _points_span_the_range(v, points, numbers["data_from_mg"], numbers["data_to_mg"])
    model = BlockadeModel(
        form=form,
        refs=refs,
        caveat_refs=caveat_refs,
        points=points,
        **numbers,
        **texts,
    )
    _ed50_fits(v, model)
    return model


def _used(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _points(v: SchemeFile, entry: dict[str, Any]) -> tuple[BlockadePoint, ...]:
    raw = entry.get("points")
    if not isinstance(raw, list) or not raw or not all(isinstance(p, dict) for p in raw):
        raise v.fail((SECTION, None), "points" if "points" in entry else None,
                     f"needs the measured points as [[{POINTS}]] tables (at least one)")  # fmt: skip
    out: list[BlockadePoint] = []
    for i, point in enumerate(raw):
        where = (POINTS, i)
        v.keys(where, point, set(POINT_KEYS))
        dose = v.positive(where, point, "dose_mg")
        out.append(
            BlockadePoint(
                dose_mg=dose,
                blocked_percent=_percent(v, where, point),
                source=v.text(where, point, "source"),
                refs=v.refs(where, point, "refs"),
            )
        )
    return tuple(out)


def _percent(v: SchemeFile, where: tuple[str, int | None], point: dict[str, Any]) -> Fraction:
    value = point.get("blocked_percent")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise v.fail(where, "blocked_percent", f'write the percentage as a string of decimal digits, e.g. "{value}"')
    text = v.text(where, point, "blocked_percent")
    if not _DECIMAL.fullmatch(text):
        raise v.fail(where, "blocked_percent", f'"{text}" is not a percentage such as "27" or "43.5"')
    percent = Fraction(Decimal(text))
    if percent > 100:
        raise v.fail(
            where, "blocked_percent", f"{text} % is more than 100 %: a blocked share cannot exceed all receptors"
        )
    return percent


def _points_span_the_range(v: SchemeFile, points: tuple[BlockadePoint, ...], low: Fraction, high: Fraction) -> None:
    """The declared range is what says "extrapolation": it must be the points' own span."""
    doses = [p.dose_mg for p in points]
    for key, declared, actual in (("data_from_mg", low, min(doses)), ("data_to_mg", high, max(doses))):
        if declared != actual:
            end = "smallest" if key == "data_from_mg" else "largest"
            raise v.fail(
                (SECTION, None), key,
                f"must be the {end} dose among the [[{POINTS}]] ({_mg(actual)} mg), not {_mg(declared)} mg: "
                "outside the measured doses every value is an extrapolation",
            )  # fmt: skip


def _ed50_fits(v: SchemeFile, model: BlockadeModel) -> None:
    fitted = least_squares_ed50([(p.dose_mg, p.blocked_percent) for p in model.points])
    if abs(fitted - float(model.ed50_mg)) > float(model.fit_tolerance_mg):
        raise v.fail(
            (SECTION, None), "ed50_mg",
            f"{_mg(model.ed50_mg)} mg does not fit the measured points: a least-squares fit gives "
            f"{fitted:.2f} mg, more than fit_tolerance_mg ({_mg(model.fit_tolerance_mg)} mg) away; "
            "check ed50_mg and the points",
        )  # fmt: skip


def _mg(value: Fraction) -> str:
    return decimal_text(value)[0]
