"""Fixtures shared by the core tests: the bundled scheme and short ways to classify text."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core.classify import Classification, classify
from core.regimen import Regimen, read_regimen
from core.scheme import Scheme
from core.scheme_loader import bundled_path
from core.verify import load_scheme

#: Oral band ids of the bundled scheme, lowest first (design.md "Contracts").
ORAL_BAND_IDS = ("uldn", "vldn", "ldn", "intermediate", "standard", "above-standard", "high")
INJECTION_BAND_IDS = ("xr-standard", "xr-nonstandard")


@pytest.fixture(scope="session")
def scheme() -> Scheme:
    return load_scheme()


@pytest.fixture(scope="session")
def default_toml() -> str:
    return Path(bundled_path()).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def read(scheme: Scheme) -> Callable[..., Regimen]:
    """read(["0.25 mg"], per="day", locale="en", ...) -> Regimen (or Refusal)."""

    def _read(doses: str | list[str], **kwargs: object) -> Regimen:
        if isinstance(doses, str):
            doses = [doses]
        kwargs.setdefault("locale", "en")
        return read_regimen(doses, scheme.limits, **kwargs)  # type: ignore[arg-type]

    return _read


@pytest.fixture(scope="session")
def check(scheme: Scheme, read: Callable[..., Regimen]) -> Callable[..., Classification]:
    """check(["0.25 mg"], per="week", ...) -> Classification under the bundled scheme."""

    def _check(doses: str | list[str], **kwargs: object) -> Classification:
        return classify(read(doses, **kwargs), scheme)

    return _check


def _best_time(call: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of a few runs of `call`, in seconds: the cost of the code, not of a busy machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            call()
        except Exception:  # noqa: BLE001 - timing only; outcomes are asserted by the caller
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.fixture(scope="session")
def best_time() -> Callable[..., float]:
    """best_time(call) -> seconds: the fastest of a few runs (a busy CI machine only slows some runs)."""
    return _best_time
