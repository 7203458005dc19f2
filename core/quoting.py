"""User text quoted inside a message: printable, short, and safe on any terminal.

Control characters, terminal escapes, bidirectional overrides and lone surrogates are
shown as '?' so a refusal can never repaint a terminal or reorder what a reader sees.
"""

from __future__ import annotations

import unicodedata

_MAX = 40


def _safe(char: str) -> str:
    if not char.isprintable() or unicodedata.category(char) in ("Cf", "Cs", "Co", "Cn"):
        return "?"
    return char


def quote(text: str) -> str:
    """'text' with unsafe characters replaced, cut to a readable length."""
    shown = "".join(_safe(c) for c in text[: _MAX + 1])
    if len(text) > _MAX:
        shown = shown[:_MAX] + "…"
    return f"'{shown}'"
