"""Which characters a text read from a site file (a scheme, the site configuration) may hold.

A scheme's texts reach the window, the kiosk, `check` and the printed record as they are
written. A right-to-left override in a precaution can make "0.25 mg" read as "52.0 mg"
on screen and on paper; a zero-width space makes two texts that look the same differ; a
terminal escape or a bell rewrites what `check` shows. None of these is needed by
clinical prose, so a text holding one is refused (never stripped: whoever wrote the file
must see what was in it), naming the character as core.quoting names it for a dose.

Refused, in any text value:

* control characters, C0 (U+0000-U+001F) and C1 (U+0080-U+009F) and DEL, except a line
  break and a tab in prose written over several lines (`multiline`);
* direction controls: the embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069) and the marks U+200E, U+200F, U+061C;
* invisible characters: every other format character (zero-width space and joiners,
  U+FEFF, word joiner, soft hyphen, ...), the line and paragraph separators U+2028 and
  U+2029, variation selectors, and letters that draw nothing (Hangul fillers, the blank
  Braille pattern);
* characters with no agreed look: private use, unassigned, lone surrogates;
* a combining mark that does not follow a letter (one drawn over a digit or a sign can
  strike "0" through or turn "<" into "≮").

Spaces other than U+0020 (no-break, narrow no-break, thin) are visible and allowed.
"""

from __future__ import annotations

import re
import unicodedata

from core.quoting import DIRECTION_CONTROLS, char_name, quote

#: Marks that change the direction of what follows without showing (LRM, RLM, ALM).
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
#: Not format characters, but they draw nothing: the Hangul fillers, the blank Braille
#: pattern, the combining grapheme joiner and the variation selectors.
BLANK = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f"
    + "".join(map(chr, range(0x180B, 0x1810)))
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
_LINE_BREAKS = re.compile(r"[ \t]*[\n\t][ \t\n]*")


def unsafe_character(text: str, multiline: bool = False) -> str | None:
    """None when `text` may be shown as it is, else what is wrong with its first unsafe
    character, for a message: "contains U+202E RIGHT-TO-LEFT OVERRIDE after 'Take ': ...".

    With `multiline`, line breaks and tabs are allowed (prose written over several lines
    of the file; fold_line_breaks reads them as spaces)."""
    if text.isascii() and text.isprintable():
        return None
    previous = ""
    for index, char in enumerate(text):
        kind = _kind(char, previous, multiline)
        if kind is not None:
            before = text[:index]
            where = f"after {quote(before[-24:])}" if before.strip() else "at the start of the text"
            name = _CONTROL_NAMES.get(char) or char_name(char)
            return f"contains {name} {where}: {kind}. Delete it{_WHY[multiline]}"
        previous = char
    return None


#: The controls that a text editor or TOML escape puts in most often, by their Unicode
#: alias (unicodedata has no name for controls).
_CONTROL_NAMES = {"\t": "U+0009 CHARACTER TABULATION", "\n": "U+000A LINE FEED", "\r": "U+000D CARRIAGE RETURN"}
_WHY = {
    False: " (a value like this one holds letters, digits, punctuation and spaces, on one line)",
    True: " (a scheme text holds letters, digits, punctuation, spaces and line breaks)",
}


def _kind(char: str, previous: str, multiline: bool) -> str | None:
    """What `char` is, said for a message, when it may not be shown; None when it may."""
    if char in "\n\t":
        if multiline:
            return None
        return "a line break: this value must fit on one line" if char == "\n" else "a tab: use a space"
    if char in DIRECTION_CONTROLS or char in DIRECTION_MARKS:
        return 'a direction control, which can make text read in another order ("0.25" shown as "52.0")'
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character, which can ring a bell or rewrite what a terminal or the journal shows"
    if category in ("Cf", "Zl", "Zp") or char in BLANK:
        return "an invisible character, which can make two texts that look the same differ"
    if category in ("Co", "Cn", "Cs"):
        return "a character with no agreed look (private use, not assigned, or half a pair)"
    if category in ("Mn", "Me") and not (previous and unicodedata.category(previous)[0] in "LM"):
        shown = f"on {quote(previous)}" if previous else "with nothing to sit on"
        return f"a combining mark {shown}, which can draw over a digit or a sign (a stroke through 0)"
    return None


def fold_line_breaks(text: str) -> str:
    """Prose written over several lines, read as one paragraph: each run of spaces and tabs
    that holds a line break or a tab becomes one space (as the window's HTML shows it), so
    that `check` and the record show the same text and a line break cannot start what
    looks like another line of the record ("Band: Standard")."""
    return _LINE_BREAKS.sub(" ", text)


class UnsafeText(ValueError):
    """A text value of a file holds a character that may not be shown.

    `table` and `index` locate its table as the scheme loader names tables ("bands", 2;
    "blockade_model.points", 0; "scheme", None); `key` is the value's key (None for a
    value outside any table); `problem` is unsafe_character's text."""

    def __init__(self, table: str, index: int | None, key: str | None, problem: str) -> None:
        super().__init__(problem)
        self.table, self.index, self.key, self.problem = table, index, key, problem


def checked_texts(data: dict[str, object], prose: frozenset[str] = frozenset()) -> dict[str, object]:
    """A copy of parsed TOML `data` in which every string has been checked by
    unsafe_character (the first fault raises UnsafeText) and the values of the keys in
    `prose` (and the strings of their arrays) may span lines and are folded to one.

    Linear in the data; its depth is bounded before parsing (core.toml_bounds)."""
    out: dict[str, object] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            out[name] = _table(value, name, None, prose)
        elif _is_table_array(value):
            out[name] = [_table(entry, name, i, prose) for i, entry in enumerate(value)]
        else:
            out[name] = _value(value, (name, None), None, False)
    return out


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _table(entry: dict[str, object], table: str, index: int | None, prose: frozenset[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in entry.items():
        if isinstance(value, str) and value.isascii() and value.isprintable():
            out[key] = value  # the common case, first
            continue
        inner = f"{table}.{key}"
        if isinstance(value, dict):
            out[key] = _table(value, inner, None, prose)
        elif _is_table_array(value):
            out[key] = [_table(item, inner, i, prose) for i, item in enumerate(value)]
        else:
            out[key] = _value(value, (table, index), key, key in prose)
    return out


def _value(value: object, where: tuple[str, int | None], key: str | None, multiline: bool) -> object:
    if isinstance(value, str):
        problem = unsafe_character(value, multiline)
        if problem is not None:
            raise UnsafeText(where[0], where[1], key, problem)
        return fold_line_breaks(value) if multiline and ("\n" in value or "\t" in value) else value
    if isinstance(value, list):
        return [_value(item, where, key, multiline) for item in value]
    if isinstance(value, dict):  # an inline table inside an array: checked, named by its key
        return {k: _value(v, where, key, multiline) for k, v in value.items()}
    return value
