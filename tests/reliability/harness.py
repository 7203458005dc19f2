"""Sizes and timing shared by the reliability harness.

Every harness runs at a bounded "CI size" by default and scales with environment
variables for the long runs (docs/reliability.md):

    NALTREXONE_FUZZ_EXAMPLES     parser / regimen inputs per property (default 2000)
    NALTREXONE_CLI_EXAMPLES      command-line subprocess runs (default 120)
    NALTREXONE_STATE_EXAMPLES    window state-machine examples (default 60)
    NALTREXONE_STATE_STEPS       steps per state-machine example (default 25)
    NALTREXONE_CONFIG_DAMAGE     random site-configuration damages (default 300)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable


def env_size(name: str, default: int) -> int:
    return max(1, int(os.environ.get(name, str(default))))


def timed(call: Callable[[], object]) -> tuple[float, object, BaseException | None]:
    """(seconds, result, exception) of one call."""
    start = time.perf_counter()
    try:
        result = call()
    except Exception as error:  # noqa: BLE001 - the caller judges the exception
        return time.perf_counter() - start, None, error
    return time.perf_counter() - start, result, None


def best_time(call: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of a few runs: the cost of the code, not of a busy CI machine."""
    return min(timed(call)[0] for _ in range(repeats))
