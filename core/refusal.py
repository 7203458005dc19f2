"""The one way core says "no": a refusal that tells the user what to type instead."""

from __future__ import annotations


class Refusal(ValueError):
    """Input that is not classified, with a message fit to show to the user as it is.

    `field` names the input at fault ("dose", "unit", "period", "concentration",
    "locale", "route", "scheme") so a window can point at it.
    """

    def __init__(self, message: str, field: str = "dose") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
