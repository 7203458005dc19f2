"""Run a scheme's worked examples: the installation check a hospital's IT can run."""

from __future__ import annotations

from dataclasses import dataclass

from core.classify import classify
from core.refusal import Refusal
from core.regimen import Regimen, read_regimen
from core.scheme import Example, Limits, Scheme


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
        return f"{mark} {doses} per {e.per} ({e.route}{extra}, {e.locale}) -> {self.got} (expected {e.expect})"


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
