"""Damaged scheme files: each is refused with a message naming the problem, or (where the
damage is harmless, such as a comment or a wording) gives exactly the intact bands.
A damaged file must never give a different band."""

from __future__ import annotations

import os
import random
from fractions import Fraction
from pathlib import Path

import pytest

from core.classify import classify
from core.regimen import Regimen
from core.scheme import Scheme
from core.scheme_loader import SchemeError, bundled_path, load

BUNDLED = bundled_path().read_text(encoding="utf-8")
INTACT = load(bundled_path())

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


def assert_refused_or_intact(path: Path) -> str:
    """'refused' or 'intact'; fails on anything else (a different band, a crash)."""
    try:
        scheme = load(path)
    except SchemeError as error:
        assert str(path) in error.message, error.message
        assert len(error.message) > len(str(path)) + 10, error.message
        return "refused"
    assert band_table(scheme) == band_table(INTACT)
    assert bands_of(scheme) == bands_of(INTACT)
    assert scheme.limits == INTACT.limits
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
    ],
)
def test_targeted_damage_is_refused(tmp_path: Path, old: str, new: str) -> None:
    assert old in BUNDLED
    damaged = tmp_path / "targeted.toml"
    damaged.write_text(BUNDLED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemeError):
        load(damaged)
