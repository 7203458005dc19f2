"""Core benchmark (not a test): classification throughput from text, and the cold
start of `naltrexone-dose check` against `python -c "import pint"` in the same run.

Run: .venv/bin/python bench/bench_core.py [--seconds 3] [--starts 15] [--per-case]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.classify import classify  # noqa: E402
from core.regimen import read_regimen  # noqa: E402
from core.report import as_text  # noqa: E402
from core.verify import load_scheme  # noqa: E402

# Realistic inputs: every band, several units, periods and locales.
CASES = [
    (["0.25 mg"], "day", "en"), (["250 mcg"], "day", "en"), (["4.5 mg"], "day", "en"),
    (["4,5 mg"], "day", "de"), (["500 ng"], "day", "en"), (["2 mg", "2 mg"], "day", "en"),
    (["100 mg", "100 mg", "150 mg"], "week", "en"), (["50 mg"], "day", "en"),
    (["7 mcg"], "week", "en"), (["100 mg"], "2 days", "en"), (["300 mg"], "day", "en"),
    (["25 mg"], "day", "en"), (["0.05 g"], "day", "en"),
]  # fmt: skip


def throughput(seconds: float, render: bool) -> float:
    """Regimens read and classified per second; with `render`, every text is built too."""
    scheme = load_scheme()
    limits = scheme.limits
    for doses, per, locale in CASES:  # warm up: lean pint registry, unit factors
        as_text(classify(read_regimen(doses, limits, per=per, locale=locale), scheme))
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for doses, per, locale in CASES:
            result = classify(read_regimen(doses, limits, per=per, locale=locale), scheme)
            if render:
                as_text(result)
        count += len(CASES)
    return count / (time.perf_counter() - start)


def per_case(runs: int = 3000) -> list[tuple[list[str], str, str, float]]:
    """CPU microseconds of read_regimen + classify for each case, the best of three runs."""
    scheme = load_scheme()
    out = []
    for doses, per, locale in CASES:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for _ in range(runs):
                classify(read_regimen(doses, scheme.limits, per=per, locale=locale), scheme)
            best = min(best, (time.process_time() - start) / runs)
        out.append((doses, per, locale, best * 1e6))
    return out


def cold(command: list[str], runs: int) -> list[float]:
    times = []
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--per-case", action="store_true", help="also print each regimen's cost (CPU time)")
    args = parser.parse_args()

    rate = throughput(args.seconds, render=False)
    print(f"core throughput: {rate:,.0f} classifications/s from text (parse + classify; target >= 50,000)")
    full = throughput(args.seconds, render=True)
    print(f"with every explanatory text rendered (as_text): {full:,.0f} /s")

    if args.per_case:
        for doses, per, locale, micro in per_case():
            print(f"  {' + '.join(doses):>24} per {per:<6} ({locale}): {micro:5.1f} us")

    # An installed wheel has its bytecode compiled by pip; a checkout under
    # PYTHONDONTWRITEBYTECODE (as on the build machine) would recompile every changed module
    # at each start and measure the compiler, not the command (as bench_window.py does).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "core", "gui", "resources"], cwd=ROOT, check=True)
    exe = Path(sys.executable).with_name("naltrexone-dose")
    check = [str(exe), "check", "0.25 mg", "--locale", "en"]
    pint = [sys.executable, "-c", "import pint"]
    baseline: list[float] = []
    ours: list[float] = []
    for _ in range(args.starts):  # alternate, so load on the machine hits both alike
        baseline += cold(pint, 1)
        ours += cold(check, 1)
    b, o = statistics.median(baseline), statistics.median(ours)
    print(
        f'cold start, median of {args.starts}: python -c "import pint" {b * 1000:.0f} ms; '
        f"naltrexone-dose check {o * 1000:.0f} ms; ratio {o / b:.2f} (target <= 1.3)"
    )


if __name__ == "__main__":
    main()
