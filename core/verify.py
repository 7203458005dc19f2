"""A scheme's worked examples: loading a scheme that passes them, and `verify`, the
installation check a hospital's IT can run.

This is the layer above the classifier: a scheme is only used once every worked example
gives its expected band and every finite band bound is covered by examples in two units.
`load_scheme` is what callers want (the loader, `core.scheme_loader`, checks the file's
structure alone, since the examples need the classifier).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from core.classify import classify
from core.outside_file import failure, shown
from core.periods import after_doses
from core.refusal import Refusal
from core.regimen import Regimen, read_regimen
from core.scheme import Example, Limits, Scheme
from core.scheme_file import SchemeError, SchemeFile
from core.scheme_loader import read


@dataclass(frozen=True)
class Outcome:
    example: Example
    got: str  # band id, or "refused: ..." when the example could not be read
    passed: bool

    def describe(self) -> str:
        e = self.example
        doses = " + ".join(e.doses)
        extra = f", {e.concentration}" if e.concentration else ""
        mark = "ok  " if self.passed else "FAIL"
        return f"{mark} {doses} {after_doses(e.per)} ({e.route}{extra}, {e.locale}) -> {self.got} (expected {e.expect})"


def read_example(example: Example, limits: Limits) -> Regimen:
    """The regimen a worked example describes, read exactly as the user's text would be."""
    return read_regimen(
        example.doses,
        limits,
        per=example.per,
        route=example.route,
        concentration=example.concentration or None,
        locale=example.locale,
    )


def run_examples(scheme: Scheme) -> list[Outcome]:
    """Each worked example classified afresh and compared with its expected band."""
    outcomes = []
    for example in scheme.examples:
        try:
            got = classify(read_example(example, scheme.limits), scheme).band.id
        except Refusal as refusal:
            got = f"refused: {refusal.message}"
        outcomes.append(Outcome(example, got, got == example.expect))
    return outcomes


def load_scheme(path: str | Path | None = None, check_examples: bool = True) -> Scheme:
    """The scheme at `path`, or the bundled default when `path` is None; a SchemeError when
    it is refused (the file, line, key and fault in its message).

    A scheme whose own worked examples give another band, or that lacks examples at a
    bound, is refused. `verify` passes check_examples=False so that it can list every
    mismatch itself; the window does, to run the checks just after its first paint
    (`check_examples`)."""
    scheme, file = read(path)
    if check_examples:
        try:
            _example_coverage(scheme, file)
            _examples_pass(scheme, file)
        except SchemeError:
            raise
        except Refusal as refusal:
            raise SchemeError(f"{shown(file.file)}: {refusal.message}") from None
        except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
            raise SchemeError(f"{shown(file.file)}: cannot be used ({failure(error)})") from None
    return scheme


def check_examples(scheme: Scheme) -> None:
    """The worked-example checks of `load_scheme`, for a scheme loaded with check_examples=False.

    The window loads its scheme without them so that it can paint before the unit
    library is imported, then runs them before it shows any answer."""
    try:
        file = _located(scheme)
        _example_coverage(scheme, file)
        _examples_pass(scheme, file)
    except SchemeError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        raise SchemeError(f"{shown(scheme.path)}: its worked examples cannot be checked ({failure(error)})") from None


def check_example_coverage(scheme: Scheme) -> None:
    """Refuse a scheme without worked examples in two units at every finite bound."""
    _example_coverage(scheme, _located(scheme))


def _located(scheme: Scheme) -> SchemeFile:
    """The scheme's file for messages, without its text (no line numbers: it is not read again)."""
    return SchemeFile(Path(scheme.path), "", scheme.sha256)


def _examples_pass(scheme: Scheme, file: SchemeFile) -> None:
    """Refuse a scheme whose own worked examples give another band."""
    for i, outcome in enumerate(run_examples(scheme)):
        if not outcome.passed:
            raise file.fail(
                ("examples", i), "expect",
                f"this worked example gives {outcome.got}, not {outcome.example.expect} "
                "(run `naltrexone-dose verify --scheme FILE` for all of them)",
            )  # fmt: skip


def _example_coverage(scheme: Scheme, file: SchemeFile) -> None:
    """Every finite oral bound must be the daily dose of examples in two units."""
    units_at: dict[Fraction, set[str]] = {}
    for i, example in enumerate(scheme.examples):
        try:
            regimen = read_example(example, scheme.limits)
        except Refusal as refusal:
            raise file.fail(("examples", i), "doses", f"cannot be read: {refusal.message}") from None
        if regimen.route == "oral" and len(set(regimen.units)) == 1:
            units_at.setdefault(regimen.daily_mg, set()).add(regimen.units[0])
    for band in scheme.oral_bands:
        for bound in (band.lower_mg, band.upper_mg):
            if bound is None or bound == 0:
                continue
            if len(units_at.get(bound, set())) < 2:
                raise file.fail(
                    ("examples", None),
                    None,
                    f"the bound {bound} mg of '{band.id}' needs worked examples in at least "
                    'two units (e.g. "1 mcg" and "0.001 mg")',
                )
