"""Sizes and timing shared by the reliability harness.

Every harness runs at a bounded "CI size" by default and scales with environment
variables for the long runs (docs/reliability.md):

    NALTREXONE_FUZZ_EXAMPLES     parser / regimen inputs per property (default 2000)
    NALTREXONE_CLI_EXAMPLES      command-line subprocess runs (default 120)
    NALTREXONE_INTENT_EXAMPLES   window intent-machine examples (default 30; de_DE a third)
    NALTREXONE_KIOSK_INTENT_EXAMPLES  kiosk intent-machine examples (default 15)
    NALTREXONE_INTENT_STEPS      steps per intent-machine example (default 30)
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
