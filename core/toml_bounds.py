"""A cheap look at a TOML text's structure before tomllib parses it.

tomllib is correct but not built for hostile files: 100,000 nested `[` end in a
RecursionError, a dotted key of 20,000 parts takes 1.6 GB, 100,000 tables take seconds
and then the validator's time. This pre-scan counts, outside strings and comments, what
makes the parser (or what reads its result) slow or deep, and refuses a text that has
more than a site file needs, naming the line. It is linear in the text: one regular
expression blanks the strings and comments, then a few counts run at C speed.

The scan never sees less structure than tomllib would: a string that is not closed runs
to the end of its line (or of the file for a multi-line one), where tomllib stops with an
error anyway; anything the scan cannot tell apart is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

# Strings and comments, each matched whole, always (no pattern can fail half-way and
# backtrack over a long line): '''...''', \"\"\"...\"\"\", '...', "...", # ...
_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]?|"(?!""))*(?:"""(?:""?)?|\Z)'
    r"|'''[\s\S]*?(?:'''(?:''?)?|\Z)"
    r'|"(?:[^"\\\n]|\\[^\n]?)*(?:"|(?=\n)|\Z)'
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"
    r"|#[^\n]*"
)
_BRACKET = re.compile(r"[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


@dataclass(frozen=True)
class TomlBounds:
    """How much structure a kind of file may have (docs/reliability.md, "Hostile files").

    `max_line_chars` characters on one line; `max_depth` open `[` and `{` at once (a
    `[[table]]` header is 2); `max_dots_per_line` dots outside strings on one line (a
    dotted key has one fewer parts; a line holds one key); `max_tables` table headers
    plus inline tables; `max_values` keys and array items (`=` and `,`)."""

    max_line_chars: int
    max_depth: int
    max_dots_per_line: int
    max_tables: int
    max_values: int


class TooMuchStructure(ValueError):
    """The text has more structure than its bounds allow; `line` is 1-based (None: the whole text)."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def check_bounds(text: str, bounds: TomlBounds) -> None:
    """Raise TooMuchStructure if `text` exceeds `bounds`; otherwise return (cost: linear in len(text))."""
    lines = text.split("\n")
    longest = max(map(len, lines))
    if longest > bounds.max_line_chars:
        number = next(i for i, line in enumerate(lines, 1) if len(line) > bounds.max_line_chars)
        raise TooMuchStructure(f"a line of more than {bounds.max_line_chars:,} characters", number)
    code = _SKIPPED.sub(_blank, text)  # what tomllib reads as structure, line numbers kept
    values = code.count("=") + code.count(",")
    if values > bounds.max_values:
        raise TooMuchStructure(f"more than {bounds.max_values:,} keys and array items")
    depths = list(accumulate(map(_STEP.__getitem__, _NOT_BRACKET.sub("", code)), initial=0))
    if max(depths) > bounds.max_depth or min(depths) < 0:
        raise _nesting(code, bounds.max_depth)
    tables = code.count("{") + len(_HEADER.findall(code))
    if tables > bounds.max_tables:
        raise TooMuchStructure(f"more than {bounds.max_tables:,} tables")
    for number, line in enumerate(code.split("\n"), 1):
        if line.count(".") > bounds.max_dots_per_line:
            raise TooMuchStructure(
                f"more than {bounds.max_dots_per_line} dots outside strings on one line "
                f"(a dotted key of more than {bounds.max_dots_per_line + 1} parts)",
                number,
            )


def _blank(match: re.Match[str]) -> str:
    """A string or comment becomes one space, keeping its line breaks."""
    return " " + "\n" * match.group().count("\n")


def _nesting(code: str, max_depth: int) -> TooMuchStructure:
    """Where the nesting goes too deep, or a ] or } closes nothing (tomllib stops there,
    so nothing after it could be parsed: it is refused as well, to keep the count exact)."""
    depth = 0
    for match in _BRACKET.finditer(code):
        depth += _STEP[match.group()]
        number = code.count("\n", 0, match.start()) + 1
        if depth > max_depth:
            return TooMuchStructure(f"[ and {{ nested more than {max_depth} deep", number)
        if depth < 0:
            return TooMuchStructure(f"a {match.group()} that closes nothing", number)
    raise AssertionError("unreachable: the depths were out of bounds")  # pragma: no cover
