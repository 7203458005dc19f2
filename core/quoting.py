"""User text inside a message: printable, short, safe on any terminal, and every
character that cannot be seen named by its code point and Unicode name.

A reader told "'4.5?' is not a number" cannot see what to delete; told "an invisible
character, U+200B ZERO WIDTH SPACE, after 4.5" they can. Control characters, terminal
escapes, direction overrides and lone surrogates are written as <U+XXXX>, so a message
can never repaint a terminal or reorder what a reader sees.
"""

from __future__ import annotations

import unicodedata

from core.refusal import Refusal

_MAX = 40
#: Direction overrides and isolates (LRE..RLO, LRI..PDI): they can make text look like
#: another number ("5.0" shown for "0.5"), so they are always refused, never stripped.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def char_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE'; characters without a name are described by their category."""
    name = unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Cc": "(a control character)", "Cs": "(a lone surrogate)", "Co": "(private use)"}.get(
            category, "(not assigned in Unicode)"
        )
    return f"U+{ord(char):04X} {name}"


def is_hidden(char: str) -> bool:
    """True for a character that shows nothing or changes how others show: controls (not
    spaces), format characters (ZWSP, BOM, LRM...), combining marks, surrogates, unassigned."""
    if char.isspace():
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Zl", "Zp")


def _shown(char: str) -> str:
    if not char.isprintable() or is_hidden(char):
        return f"<U+{ord(char):04X}>"
    return char


def quote(text: str) -> str:
    """'text' with hidden characters written as <U+XXXX>, cut to a readable length."""
    shown = "".join(_shown(c) for c in text[: _MAX + 1])
    if len(text) > _MAX:
        shown = shown[:_MAX] + "…"
    return f"'{shown}'"


def refuse_hidden(text: str, what: str = "dose", field: str = "dose") -> None:
    """Refuse text holding a hidden character, naming it and where it is (never strip it).

    `what` names the text in the message ("dose", "period", "concentration").

    Text of printable ASCII alone (U+0020-U+007E, what a keyboard types) holds no hidden
    character, so it is passed without the per-character scan (tests/core/test_fast_paths.py
    checks both claims: no such character is hidden, and the two paths agree on any text)."""
    if text.isascii() and text.isprintable():
        return
    _scan_hidden(text, what, field)


def _scan_hidden(text: str, what: str, field: str) -> None:
    """refuse_hidden's scan, character by character."""
    for index, char in enumerate(text):
        if not is_hidden(char):
            continue
        before = text[:index].strip()
        after = "".join(c for c in text[index + 1 :] if not is_hidden(c)).strip()
        if before:
            where = f"after {before[-20:]}"
        elif after:
            where = f"before {after[:20]}"
        else:
            where = "and nothing else"
        if char in DIRECTION_CONTROLS:
            raise Refusal(
                f"The {what} contains a direction override, {char_name(char)}, {where}: it can make text "
                f"look like another number, so it is never ignored. Type the {what} again rather than pasting it.",
                field=field,
            )
        kind = "a combining mark" if unicodedata.category(char) in ("Mn", "Me") else "an invisible character"
        raise Refusal(
            f"The {what} contains {kind}, {char_name(char)}, {where}: delete it, or type the {what} "
            "again rather than pasting it.",
            field=field,
        )


def quote_name(text: str, limit: int = 200) -> str:
    """A file path or a key name read from a file, for a message.

    Shown as it is when every character is safe (as git shows paths, so that a path can be
    copied), else quoted the way quote() quotes user text (hidden characters written as
    <U+XXXX>). Cut only past `limit` characters: a technician needs the whole path."""
    shown = "".join(_shown(char) for char in text[:limit])
    if shown == text:
        return text
    return f"'{shown}{'…' if len(text) > limit else ''}'"


def printable_message(message: str) -> str:
    """A whole message made safe for a terminal, the journal or a screen, on one line: the
    last guard for text from files and arguments that a message did not quote."""
    return "".join(" " if char in "\n\r\t" else _shown(char) for char in message)
