"""When a record or an answer was made, with its time zone: a time on a ward record
that does not say its zone cannot be put on a timeline (shift handover, a machine set
to UTC, summer time)."""

from __future__ import annotations

import datetime
import re

_ABBREVIATION = re.compile(r"[A-Z]{2,5}", re.ASCII)


def time_text(when: datetime.datetime) -> str:
    """'2026-11-30 16:06 (CET, UTC+01:00)', or '2026-11-30 15:06 (UTC)'.

    A naive `when` is taken as this machine's local time (what `datetime.now()` gives).
    The offset is always shown; the zone's name only when it is an abbreviation.
    """
    aware = when if when.tzinfo is not None else when.astimezone()
    offset = aware.strftime("%z")
    utc = "UTC" if offset in ("+0000", "-0000") else f"UTC{offset[:3]}:{offset[3:5]}"
    name = aware.tzname() or ""
    # Only a zone abbreviation (CET, NST, AEST) is shown beside the offset: a long or
    # localised name ("Hora estándar de Sudamérica Pacífico") would crowd the record's
    # header, and glibc takes the first word of a misspelt TZ as a name ("Europe").
    shown = _ABBREVIATION.fullmatch(name) and name != "UTC"
    return f"{aware:%Y-%m-%d %H:%M} ({f'{name}, {utc}' if shown else utc})"
