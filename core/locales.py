"""Which locale numbers are read and shown in, and its decimal separator (CLDR, via Babel).

One resolution for the window, the kiosk and `check` (`choose_locale`): `--locale`, then
the site configuration's `[display] locale`, then the environment's LC_ALL, LC_NUMERIC
and LANG, as the C library reads them; C and POSIX (or nothing at all) read like
English. The separator comes from the Unicode CLDR through Babel, not from the C library
(a fresh Debian machine generates no locales, so `locale.localeconv()` would answer "."
everywhere) nor from a table of our own. Babel is imported only here, on the first
resolution of a locale other than C/POSIX (after the window's first paint; its cost,
about 50 ms and 6 MiB, is in docs/performance.md). Babel keeps every locale's whole CLDR
data to answer one symbol: the window resolves the formats it will need
(`resolve_number_formats`), then lets Babel drop that data (`release_cldr_data`).

A name CLDR does not know is refused, never guessed; a territory CLDR does not know is
read as its language, as CLDR's own lookup falls back ("no_NO" is read as "no"). The
parser refuses any text whose reading depends on the separator, so that fallback
cannot change an amount.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from core.quoting import quote
from core.refusal import Refusal

if TYPE_CHECKING:
    from babel import Locale

    from core.formatting import NumberFormat

#: What the C library and Qt call the locale without a language: read like English.
_NEUTRAL = frozenset({"", "c", "posix"})
#: The locale assumed when the system names none (C/POSIX uses a point, like English).
NEUTRAL_LOCALE = "en"
#: Where a locale name can come from, in the order they are tried.
ENVIRONMENT = ("LC_ALL", "LC_NUMERIC", "LANG")

_NAME = re.compile(
    r"[A-Za-z]{1,8}(?:[_-][A-Za-z0-9]{2,8}){0,3}(?:\.[A-Za-z0-9_-]{1,20})?(?:@[A-Za-z0-9_-]{1,20})?", re.ASCII
)
_HOW_TO_CHOOSE = (
    "start with --locale NAME or set [display] locale in the site configuration "
    "(a CLDR locale such as en_GB, en_US, de_DE or fr_FR)"
)


class LocaleChoice(NamedTuple):
    """A locale name and where it came from ("--locale", "[display] locale", "LC_ALL", ...)."""

    name: str
    source: str


def choose_locale(
    command_line: str | None = None, site: str | None = None, environ: Mapping[str, str] | None = None
) -> LocaleChoice:
    """The locale to read numbers in: `--locale`, else the site's `[display] locale`, else
    LC_ALL, LC_NUMERIC, LANG (an empty variable counts as unset, as in POSIX), else C."""
    if command_line:
        return LocaleChoice(command_line, "--locale")
    if site:
        return LocaleChoice(site, "[display] locale")
    env = os.environ if environ is None else environ
    for variable in ENVIRONMENT:
        value = env.get(variable, "")
        if value:
            return LocaleChoice(value, variable)
    return LocaleChoice("C", "default")


def system_locale() -> str:
    """The locale the environment names for numbers (LC_ALL, LC_NUMERIC, LANG), or 'C'."""
    return choose_locale().name


def split_locale(name: str) -> tuple[str, str]:
    """'de_DE.UTF-8' -> ('de', 'DE'); 'pt-BR' -> ('pt', 'BR')."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _, territory = base.partition("_")
    return language.lower(), territory.upper()


def number_format(name: str, source: str = "") -> NumberFormat:
    """The NumberFormat of locale `name` (any locale CLDR knows), or a Refusal
    (field "locale") that says how to choose one. `source` says where the name came from."""
    try:
        return _number_format(name)
    except Refusal as refusal:
        if not source or source == "--locale":
            raise
        raise Refusal(f"{refusal.message.removesuffix('.')} (from {source}).", field="locale") from None


@cache
def _number_format(name: str) -> NumberFormat:
    if not _NAME.fullmatch(name):
        raise Refusal(f"Unknown locale {quote(name)}: {_HOW_TO_CHOOSE}.", field="locale")
    base = name.split(".", 1)[0].replace("-", "_")
    language = base.split("@", 1)[0].split("_", 1)[0].lower()
    from core.formatting import NumberFormat

    if language in _NEUTRAL:  # POSIX defines the C locale's radix character as "."; no CLDR needed
        return NumberFormat(decimal=".", locale=NEUTRAL_LOCALE)
    locale = _cldr_locale(base)
    if locale is None:
        raise Refusal(f"Unknown locale {quote(name)}: CLDR does not know it; {_HOW_TO_CHOOSE}.", field="locale")
    from babel.numbers import get_decimal_symbol

    # Latin digits: only ASCII 0-9 are read, so the separator written with them counts.
    return NumberFormat(decimal=get_decimal_symbol(locale, numbering_system="latn"), locale=str(locale))


def resolve_number_formats(names: Iterable[str]) -> None:
    """Resolve the number formats of `names` now; they stay cached for the process. A name
    CLDR does not know is left alone here: it is refused where it is used, as before."""
    for name in dict.fromkeys(names):
        try:
            _number_format(name)
        except Refusal:
            continue


def release_cldr_data() -> None:
    """Let Babel drop the CLDR locale data it has loaded (`babel.localedata.clear_caches`,
    Babel >= 2.19; older Babel keeps it, which costs memory only). The number formats
    resolved so far stay cached here; a locale resolved later loads its data again. Babel's
    global data (likely subtags, parent locales) stays: Babel has no public way to drop it."""
    localedata = sys.modules.get("babel.localedata")
    clear = getattr(localedata, "clear_caches", None)
    if clear is not None:
        clear()


def _cldr_locale(base: str) -> Locale | None:
    """The CLDR identifier for a POSIX-style name ('de_DE', 'sr_RS@latin'), falling back
    from an unknown territory to its language as CLDR's lookup does; None if unknown."""
    from babel import Locale, UnknownLocaleError

    name, _, modifier = base.partition("@")
    parts = name.split("_")
    candidates = ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]
    for candidate in candidates:
        try:
            locale = Locale.parse(f"{candidate}@{modifier}" if modifier else candidate)
        except (UnknownLocaleError, ValueError):
            try:  # a modifier Babel does not know ('@euro') does not change the separator
                locale = Locale.parse(candidate) if modifier else None
            except (UnknownLocaleError, ValueError):
                locale = None
        if locale is not None:
            return locale
    return None


def decimal_separator(name: str) -> str:
    """The decimal separator of locale `name`, or a Refusal naming how to choose one."""
    return number_format(name).decimal
