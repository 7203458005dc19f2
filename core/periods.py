"""Read the period a schedule repeats over: 'day', 'week', 'N days', 'N weeks'."""

from __future__ import annotations

import re

from core.quoting import quote
from core.refusal import Refusal

_PERIOD = re.compile(r"daily|weekly|(?:(\d{1,3})\s*)?(day|days|d|week|weeks|wk|w)", re.IGNORECASE | re.ASCII)
_HINT = "type day, week, N days or N weeks (e.g. 2 days, 4 weeks)"


def parse_period(text: str, max_days: int) -> int:
    """The period in whole days, or a Refusal saying what to type."""
    cleaned = " ".join(text.split())
    if len(cleaned) > 20:
        raise Refusal(f"That period is too long to read: {_HINT}.", field="period")
    match = _PERIOD.fullmatch(cleaned)
    if not match:
        if re.search(r"month", cleaned, re.IGNORECASE | re.ASCII):
            raise Refusal("Months differ in length: type 4 weeks or 28 days.", field="period")
        raise Refusal(f"Unknown period {quote(cleaned)}: {_HINT}.", field="period")
    count = int(match.group(1)) if match.group(1) else 1
    unit = match.group(2) or cleaned  # "daily" / "weekly" take no count ("2 daily" reads as twice daily)
    days = count * (7 if unit.lower().startswith("w") else 1)
    if count == 0:
        raise Refusal(f"A period of zero cannot be used: {_HINT}.", field="period")
    if days > max_days:
        raise Refusal(f"The longest period accepted is {max_days} days: {_HINT}.", field="period")
    return days
