"""When a record or an answer was made, with its time zone: a time on a ward record
that does not say its zone cannot be put on a timeline (shift handover, a machine set
to UTC, summer time)."""

from __future__ import annotations

import datetime


def time_text(when: datetime.datetime) -> str:
    """'2026-11-30 16:06 (CET, UTC+01:00)', or '2026-11-30 15:06 (UTC)'.

    A naive `when` is taken as this machine's local time (what `datetime.now()` gives).
    """
    aware = when if when.tzinfo is not None else when.astimezone()
    offset = aware.strftime("%z")
    utc = "UTC" if offset in ("+0000", "-0000") else f"UTC{offset[:3]}:{offset[3:5]}"
    name = aware.tzname() or ""
    zone = utc if not name or name == "UTC" or name.startswith(("+", "-", "UTC")) else f"{name}, {utc}"
    return f"{aware:%Y-%m-%d %H:%M} ({zone})"
