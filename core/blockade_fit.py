"""Least-squares fit of the blockade model's ED50 to its measured points.

Kept apart from `core.blockade` so that the scheme loader can check a scheme's ED50
against its own data without importing the regimen and formatting modules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def least_squares_ed50(points: Sequence[tuple[Fraction, Fraction]]) -> float:
    """The ED50 (mg) that minimises the sum of squared differences between the measured
    shares and D / (D + ED50), for (dose_mg, blocked_percent) points.

    The loader compares it with the scheme's ed50_mg, so a mistyped parameter cannot
    load. A log-spaced scan over six decades around the data finds the best region (the
    sum need not have a single minimum for arbitrary data), a golden-section search
    refines it."""
    data = [(float(dose), float(percent) / 100) for dose, percent in points]
    if not data:
        raise ValueError("no data points to fit")

    def squares(ed50: float) -> float:
        return sum((share - dose / (dose + ed50)) ** 2 for dose, share in data)

    low, high = min(d for d, _ in data) / 1000, max(d for d, _ in data) * 1000
    steps = 600
    grid = [low * (high / low) ** (i / steps) for i in range(steps + 1)]
    best = min(range(steps + 1), key=lambda i: squares(grid[i]))
    a, b = grid[max(best - 1, 0)], grid[min(best + 1, steps)]
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(100):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if squares(c) <= squares(d):
            b = d
        else:
            a = c
    return (a + b) / 2
