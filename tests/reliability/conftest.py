"""Fixtures shared by the reliability harness (sizes and helpers live in harness.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def report(capsys):
    """report("text"): print past pytest's capture, so CI logs always show the counts."""

    def _report(text: str) -> None:
        with capsys.disabled():
            print(f"\n[reliability] {text}", flush=True)

    return _report
