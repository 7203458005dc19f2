"""Damaged scheme files: each is refused with a message naming the problem, or (where the
damage is harmless, such as a comment or a wording) gives exactly the intact bands.
A damaged file must never give a different band."""

from __future__ import annotations

import os
import random
import re
from fractions import Fraction
from pathlib import Path

import pytest

from core.classify import classify
from core.regimen import Regimen
from core.scheme import Scheme
from core.scheme_loader import SchemeError, bundled_path
from core.verify import load_scheme

BUNDLED = bundled_path().read_text(encoding="utf-8")
INTACT = load_scheme(bundled_path())

# Probe doses on and around every bound, plus the injection regimens.
_PROBES_MG = sorted(
    {
        Fraction(x)
        for bound in ("0.000001", "0.001", "1", "5", "50", "300", "1000")
        for x in (Fraction(bound), Fraction(bound) * Fraction(999, 1000), Fraction(bound) * Fraction(1001, 1000))
    }
)
PROBES = [Regimen((mg,), 1, "oral") for mg in _PROBES_MG] + [
    Regimen((Fraction(380),), 28, "injection"),
    Regimen((Fraction(380),), 14, "injection"),
    Regimen((Fraction(190),), 28, "injection"),
]


def bands_of(scheme: Scheme) -> list[str]:
    return [classify(regimen, scheme).band.id for regimen in PROBES]


def band_table(scheme: Scheme) -> list[tuple[object, ...]]:
    return [
        (b.id, b.route, b.lower_mg, b.lower_inclusive, b.upper_mg, b.upper_inclusive, b.amount_mg, b.period_days)
        for b in scheme.bands
    ]


def blockade_numbers(scheme: Scheme) -> tuple[object, ...]:
    """Every number of the receptor-blockade model: damage must not change an estimate either."""
    model = scheme.blockade_model
    if model is None:
        return ()
    points = tuple((p.dose_mg, p.blocked_percent) for p in model.points)
    return (model.form, model.ed50_mg, model.data_from_mg, model.data_to_mg, points)


def assert_refused_or_intact(path: Path) -> str:
    """'refused' or 'intact'; fails on anything else (a different band, a crash)."""
    try:
        scheme = load_scheme(path)
    except SchemeError as error:
        assert str(path) in error.message, error.message
        assert len(error.message) > len(str(path)) + 10, error.message
        return "refused"
    assert band_table(scheme) == band_table(INTACT)
    assert bands_of(scheme) == bands_of(INTACT)
    assert scheme.limits == INTACT.limits
    assert blockade_numbers(scheme) == blockade_numbers(INTACT)
    return "intact"


def test_probes_cover_every_band() -> None:
    assert set(bands_of(INTACT)) == {b.id for b in INTACT.bands}


def test_every_single_line_deletion(tmp_path: Path) -> None:
    lines = BUNDLED.splitlines(keepends=True)
    outcomes = {"refused": 0, "intact": 0}
    for index in range(len(lines)):
        if not lines[index].strip():
            continue
        damaged = tmp_path / f"deleted-{index + 1}.toml"
        damaged.write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
        outcomes[assert_refused_or_intact(damaged)] += 1
    # Deleting any bound or flag must be refused, so refusals are many.
    assert outcomes["refused"] > 100, outcomes
    print(f"single-line deletions: {outcomes}")


def test_truncations(tmp_path: Path) -> None:
    data = BUNDLED.encode("utf-8")
    step = max(1, len(data) // int(os.environ.get("NALTREXONE_DAMAGE_TRUNCATIONS", "300")))
    refused = 0
    for cut in range(0, len(data), step):
        damaged = tmp_path / "truncated.toml"
        damaged.write_bytes(data[:cut])
        refused += assert_refused_or_intact(damaged) == "refused"
    assert refused > 0


def test_binary_garbage(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    for _ in range(50):
        damaged = tmp_path / "garbage.toml"
        damaged.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))))
        assert assert_refused_or_intact(damaged) == "refused"


def test_random_byte_flips(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytearray(BUNDLED.encode("utf-8"))
    for _ in range(int(os.environ.get("NALTREXONE_DAMAGE_FLIPS", "300"))):
        damaged_bytes = bytearray(data)
        position = rng.randrange(len(damaged_bytes))
        damaged_bytes[position] = rng.randrange(256)
        damaged = tmp_path / "flipped.toml"
        damaged.write_bytes(bytes(damaged_bytes))
        assert_refused_or_intact(damaged)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('upper_mg = "5"', 'upper_mg = "50"'),  # overlap
        ('lower_mg = "300"', 'lower_mg = "3000"'),  # gap
        ('lower_mg = "1"\n', 'lower_mg = "0.5"\n'),  # overlap with VLDN
        ('amount_mg = "380"', "amount_mg = 380"),  # number instead of decimal string
        ("lower_inclusive = true", 'lower_inclusive = "true"'),  # wrong type
        (
            'lower_mg = "1"\nlower_inclusive = true\nupper_mg = "5"',
            'lower_mg = "5"\nlower_inclusive = true\nupper_mg = "1"',
        ),
        (
            'refs = ["L: Dosage and administration", "K"]',
            'refs = ["L: Dosage and administration", "Q"]',
        ),  # unknown reference key
        ('mechanism_refs = ["M"]', 'mechanism_refs = ["m"]'),  # unknown reference key (case)
        ('id = "vldn"', 'id = "uldn"'),  # duplicate band id
        ('id = "vldn"', 'id = "VLDN"'),  # id outside the contract's spelling
        ('upper_mg = "infinity"', 'upper_mg = "inf"'),  # another spelling of no upper bound
        ('upper_mg = "0.001"', 'upper_mg = "1e-3"'),  # exponent in a bound
        ('upper_mg = "0.001"', 'upper_mg = "0,001"'),  # comma decimal in a bound
        ('amount_mg = "380"', 'amount_mg = "-380"'),  # negative injection amount
        ("period_days = 28", "period_days = 0"),  # zero interval
        ('colour = "#9ecae1"', 'colour = "#9ecae"'),  # bad colour
        ('route = "oral"', 'route = "Oral"'),  # unknown route
        ("[[bands]]", "[[band]]"),  # unknown table
    ],
)
def test_targeted_damage_is_refused(tmp_path: Path, old: str, new: str) -> None:
    assert old in BUNDLED
    damaged = tmp_path / "targeted.toml"
    damaged.write_text(BUNDLED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemeError):
        load_scheme(damaged)


def _changed_values(value: str) -> list[str]:
    """Other plausible values for a right-hand side: digits added, removed, moved; flags flipped."""
    match = re.fullmatch(r'"(\d+(?:\.\d+)?)"(.*)', value, re.S)
    out = []
    if match:
        number, rest = match.group(1), match.group(2)
        candidates = {number + "0", number[:-1] or "1", "1" + number, number.replace("1", "2")}
        candidates.add(number + ".0" if "." not in number else "0" + number)
        candidates.add(str(int(Fraction(number) * 10)) if Fraction(number) >= 1 else number.replace("0.", "0.0", 1))
        out += [f'"{c}"{rest}' for c in sorted(candidates) if c != number]
    if value.startswith("true"):
        out.append("false" + value[4:])
    if value.startswith("false"):
        out.append("true" + value[5:])
    match = re.fullmatch(r"(\d+)(\s.*)?", value, re.S)
    if match:
        tail = match.group(2) or "\n"
        out += [f"{int(match.group(1)) + 1}{tail}", f"{int(match.group(1)) * 2}{tail}"]
    return out


def test_every_value_changed(tmp_path):
    """Every number, bound and flag changed in turn: refused, or every probe keeps its band.

    (A changed limit, e.g. max_single_mg, is a site's decision and changes what is accepted,
    not which band an accepted dose gets; so limits may differ here, bands may not.)"""
    lines = BUNDLED.splitlines(keepends=True)
    outcomes = {"refused": 0, "same bands": 0}
    for index, line in enumerate(lines):
        match = re.match(r"(\s*[a-z_]+\s*=\s*)(.*)", line, re.S)
        if not match:
            continue
        for value in _changed_values(match.group(2)):
            damaged = tmp_path / "changed.toml"
            damaged.write_text("".join([*lines[:index], match.group(1) + value, *lines[index + 1 :]]), encoding="utf-8")
            try:
                scheme = load_scheme(damaged)
            except SchemeError as error:
                assert str(damaged) in error.message
                outcomes["refused"] += 1
                continue
            assert bands_of(scheme) == bands_of(INTACT), f"line {index + 1}: {line.strip()} -> {value.strip()}"
            outcomes["same bands"] += 1
    print(f"changed values: {outcomes}")
    assert outcomes["refused"] > 50, outcomes
