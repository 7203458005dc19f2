"""A scheme file's values, read with the file, line and key of any fault.

The typed getters that `core.scheme_loader` (each table) and `core.blockade_loader`
(`[blockade_model]`) share, and the one refusal they raise. Nothing here knows which
tables a scheme has or what they mean; this module knows where a key is written and
how to say what is wrong with it.
"""

from __future__ import annotations

import re
import string
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from core.outside_file import shown
from core.quoting import quote, quote_name
from core.refusal import Refusal
from core.scheme import Ref

BUNDLED = "default.toml"
#: Texts shown in labels that neither scroll nor wrap inside a word (the band's heading and
#: its name on the bar, the scheme line): at most this many characters, and no word longer
#: than MAX_LABEL_WORD, so that a site's text cannot push the kiosk's inputs off the screen.
#: The bundled scheme's longest are 52, 8, 79 and 154 characters, with words of 11 or fewer.
LABEL_LIMITS = {"name": 64, "short_name": 12, "title": 120, "review_status": 400}
MAX_LABEL_WORD = 24
#: More bands than any dose scale needs (the bundled scheme has 9); checked before any is read.
MAX_BANDS = 64
#: Optional in every entry that has it: for scheme editors, validated, never shown to users.
EDITOR_NOTE = "editor_note"
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


class SchemeError(Refusal):
    """A scheme file that is refused; the message names the file, line, key and fault."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="scheme")


def bundled_path() -> Path:
    """Where the default scheme lives inside the installed package."""
    import resources.schemes  # a plain package on disk, inside the wheel too (not zipped)

    return Path(resources.schemes.__file__).with_name(BUNDLED)


class SchemeFile:
    """One scheme file being read: its path, its text (to find the line of a key) and its
    SHA-256. Every getter returns a value of the expected type or raises a SchemeError that
    names the file, the line, the table and the key, and says what to write instead.

    `reference_keys` is set once `[[references]]` is read; `refs` checks citations against it.
    An empty text is allowed (the checks run after loading, when the file is not at hand):
    messages then name no line."""

    def __init__(self, file: Path, text: str, sha256: str) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.sha256 = sha256
        self.reference_keys: set[str] = set()

    # -- locating and complaining -------------------------------------------------
    def _line_of(self, where: tuple[str, int | None], key: str | None) -> int | None:
        table, index = where
        header = (
            re.compile(r"\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
            if index is not None
            else re.compile(r"\s*\[\s*" + re.escape(table) + r"\s*\]")
        )
        seen = -1
        for number, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    if key is None:
                        return number + 1
                    keyline = re.compile(r"\s*" + re.escape(key) + r"\s*=")
                    for offset, following in enumerate(self.lines[number + 1 :], start=number + 2):
                        if re.match(r"\s*\[", following):
                            break
                        if keyline.match(following):
                            return offset
                    return number + 1
        return None

    def fail(self, where: tuple[str, int | None], key: str | None, problem: str) -> SchemeError:
        """The refusal, naming the file, line, table and key (names from the file quoted)."""
        table, index = where
        name = quote_name(table, 80) if index is None else f"{quote_name(table, 80)}[{index}]"
        if key:
            name += f".{quote_name(key, 80)}"
        line = self._line_of(where, key)
        place = f"{shown(self.file)}:{line}" if line else shown(self.file)
        return SchemeError(f"{place}: {name}: {problem}")

    # -- typed getters ------------------------------------------------------------
    def table(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        value = data.get(name)
        if not isinstance(value, dict):
            raise self.fail((name, None), None, "missing table" if value is None else "must be a table")
        return value

    def array(self, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
        value = data.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.fail((name, None), None, f"needs at least one [[{name}]] table")
        if name == "bands" and len(value) > MAX_BANDS:
            raise self.fail((name, None), None, f"{len(value)} bands; a scheme may have at most {MAX_BANDS}")
        return value

    def keys(self, where: tuple[str, int | None], entry: dict[str, Any], allowed: set[str]) -> None:
        for key in entry:
            if key not in allowed:
                raise self.fail(where, key, f"unknown key (known: {', '.join(sorted(allowed))})")

    def get(self, where: tuple[str, int | None], entry: dict[str, Any], key: str, kind: type) -> Any:
        if key not in entry:
            raise self.fail(where, key, "missing (every value must be written out)")
        value = entry[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise self.fail(where, key, f"must be a {kind.__name__}, not {type(value).__name__}")
        return value

    def text(self, where: tuple[str, int | None], entry: dict[str, Any], key: str, empty: bool = False) -> str:
        value = self.get(where, entry, key, str).strip()
        if not value and not empty:
            raise self.fail(where, key, "must not be empty")
        limit = LABEL_LIMITS.get(key)
        if limit is not None:
            longest = max(re.split(r"[\s-]+", value), key=len)
            if len(value) > limit:
                raise self.fail(where, key, f"{len(value)} characters; at most {limit} (it is shown in a label)")
            if len(longest) > MAX_LABEL_WORD:
                raise self.fail(
                    where, key, f"{quote(longest)} is a word of {len(longest)} characters; at most {MAX_LABEL_WORD} "
                    "(a label breaks lines only between words and after hyphens): shorten it or break it",
                )  # fmt: skip
        return value

    def mg(
        self, where: tuple[str, int | None], entry: dict[str, Any], key: str, infinity: bool = False
    ) -> Fraction | None:
        value = entry.get(key)
        if key in entry and isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.fail(where, key, f'write doses as strings of decimal digits, e.g. "{value}"')
        raw = self.text(where, entry, key)
        if infinity and raw == "infinity":
            return None
        if not _DECIMAL.fullmatch(raw):
            allowed = ' or "infinity"' if infinity else ""
            raise self.fail(where, key, f'{quote(raw)} is not a decimal number such as "0.001"{allowed}')
        try:
            return Fraction(Decimal(raw))
        except InvalidOperation:  # pragma: no cover - the pattern above already rules it out
            raise self.fail(where, key, f'"{raw}" is not a number') from None

    def mg_value(self, where: tuple[str, int | None], entry: dict[str, Any], key: str) -> Fraction:
        """A finite dose in mg, zero allowed (a condition such as "daily_above_mg")."""
        value = self.mg(where, entry, key)
        assert value is not None  # infinity is not accepted here
        return value

    def positive(self, where: tuple[str, int | None], entry: dict[str, Any], key: str) -> Fraction:
        value = self.mg(where, entry, key)
        if value is None or value <= 0:
            raise self.fail(where, key, "must be greater than zero")
        return value

    def count(self, where: tuple[str, int | None], entry: dict[str, Any], key: str) -> int:
        value = self.get(where, entry, key, int)
        if value < 1:
            raise self.fail(where, key, "must be a whole number of at least 1")
        return int(value)

    def refs(
        self, where: tuple[str, int | None], entry: dict[str, Any], key: str, empty: bool = False
    ) -> tuple[str, ...]:
        """Reference keys, each optionally with the place in the source: "L: Contraindications"."""
        value = self.get(where, entry, key, list)
        if not all(isinstance(v, str) for v in value):
            raise self.fail(where, key, "must be a list of reference keys (strings)")
        out: list[Ref] = []
        for text in value:
            ref_key, colon, place = (part.strip() for part in text.partition(":"))
            if ref_key not in self.reference_keys:
                raise self.fail(where, key, f"unknown reference key {quote(ref_key)}")
            if colon and not place:
                raise self.fail(
                    where,
                    key,
                    f'{quote(text)}: write the place after the colon ("L: Contraindications") or drop the colon',
                )
            if any(r == ref_key and r.place == place for r in out):
                raise self.fail(where, key, f"{quote(text)} is cited twice")
            out.append(Ref(ref_key, " ".join(place.split())))
        if not out and not empty:
            raise self.fail(where, key, "needs at least one reference")
        return tuple(out)

    def editor_note(self, where: tuple[str, int | None], entry: dict[str, Any]) -> str:
        """The optional note for scheme editors: a string if present, never shown to users."""
        if EDITOR_NOTE not in entry:
            return ""
        return self.text(where, entry, EDITOR_NOTE, empty=True)

    def placeholders(self, where: tuple[str, int | None], key: str, text: str, allowed: set[str]) -> None:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as error:
            raise self.fail(where, key, f"bad placeholder: {error}") from None
        unknown = names - allowed
        if unknown:
            raise self.fail(
                where, key, f"unknown placeholder {{{sorted(unknown)[0]}}} (allowed: {', '.join(sorted(allowed))})"
            )
