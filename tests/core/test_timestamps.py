"""The time on an answer and a record says its zone (a ward record read at handover, a
machine set to UTC): checked against zoneinfo's own rules, not our arithmetic."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.timestamps import time_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("zone", "when", "expected"),
    [
        ("UTC", datetime.datetime(2026, 11, 30, 15, 6), "2026-11-30 15:06 (UTC)"),
        ("Europe/Berlin", datetime.datetime(2026, 11, 30, 16, 6), "2026-11-30 16:06 (CET, UTC+01:00)"),
        ("Europe/London", datetime.datetime(2026, 7, 1, 9, 0), "2026-07-01 09:00 (BST, UTC+01:00)"),
        ("Asia/Kolkata", datetime.datetime(2026, 11, 30, 20, 57), "2026-11-30 20:57 (IST, UTC+05:30)"),
        ("America/St_Johns", datetime.datetime(2026, 1, 5, 8, 0), "2026-01-05 08:00 (NST, UTC-03:30)"),
        ("Asia/Dubai", datetime.datetime(2026, 1, 5, 8, 0), "2026-01-05 08:00 (UTC+04:00)"),  # tzname '+04'
    ],
)
def test_the_time_says_its_zone(zone, when, expected):
    assert time_text(when.replace(tzinfo=ZoneInfo(zone))) == expected


def test_a_naive_time_is_this_machines_local_time():
    env = dict(os.environ, TZ="Europe/Berlin")
    code = "import datetime; from core.timestamps import time_text; print(time_text(datetime.datetime(2026, 7, 1, 9)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2026-07-01 09:00 (CEST, UTC+02:00)"


def test_check_prints_the_zone():
    env = dict(os.environ, TZ="Asia/Kolkata")
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "check", "4.5 mg", "--locale", "en"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    checked = [line for line in proc.stdout.splitlines() if line.startswith("Checked: ")]
    assert len(checked) == 1 and checked[0].endswith("(IST, UTC+05:30)"), checked


def test_a_misspelt_zone_shows_no_made_up_name():
    """glibc reads TZ=Europe/Berln as a zone named 'Europe' at UTC: only the offset is shown."""
    env = dict(os.environ, TZ="Europe/Berln")
    code = "import datetime; from core.timestamps import time_text; print(time_text(datetime.datetime(2026, 7, 1, 9)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2026-07-01 09:00 (UTC)"
