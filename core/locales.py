"""Which character a locale uses as its decimal separator.

A short table from the Unicode CLDR (`symbols/decimal`) rather than the C library:
fresh Debian machines generate no locales, so `locale.localeconv()` would silently
answer "." everywhere. An unknown locale is refused, never guessed.
"""

from __future__ import annotations

import os
import re
from functools import cache

from core.quoting import quote
from core.refusal import Refusal

#: Languages whose decimal separator is a comma (CLDR, Latin digits).
_COMMA_LANGUAGES = frozenset(
    "af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv"
    " mk mn nb nl nn no pl pt ro ru sk sl sq sr sv tr uk uz vi".split()
)
#: Languages whose decimal separator is a point.
_POINT_LANGUAGES = frozenset("ar bn en ga he hi ja km ko lo ml mr ms mt my ne pa si sw ta te th tl ur zh".split())
#: Territories that differ from their language's usual separator (CLDR).
_TERRITORY_EXCEPTIONS = {
    ("de", "CH"): ".",
    ("de", "LI"): ".",
    ("it", "CH"): ".",
    ("en", "ZA"): ",",
    ("es", "MX"): ".",
    ("es", "US"): ".",
    ("es", "PR"): ".",
    ("es", "GT"): ".",
    ("es", "DO"): ".",
    ("es", "PA"): ".",
    ("es", "PE"): ".",
    ("es", "HN"): ".",
    ("es", "NI"): ".",
    ("es", "SV"): ".",
    ("ms", "BN"): ",",
}
#: What the C library and Qt call the locale without a language.
_NEUTRAL = frozenset({"", "c", "posix"})
#: The locale assumed when the system names none (C/POSIX uses a point, like English).
NEUTRAL_LOCALE = "en"


_NAME = re.compile(
    r"[A-Za-z]{1,8}(?:[_-][A-Za-z0-9]{2,8})?(?:\.[A-Za-z0-9_-]{1,20})?(?:@[A-Za-z0-9_-]{1,20})?", re.ASCII
)


def split_locale(name: str) -> tuple[str, str]:
    """'de_DE.UTF-8' -> ('de', 'DE'); 'pt-BR' -> ('pt', 'BR')."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _, territory = base.partition("_")
    return language.lower(), territory.upper()


@cache
def decimal_separator(name: str) -> str:
    """The decimal separator of locale `name`, or a Refusal naming what to type."""
    if not _NAME.fullmatch(name):
        raise Refusal(
            f"Unknown locale {quote(name)}: give a locale such as en_GB, en_US, de_DE or fr_FR.", field="locale"
        )
    language, territory = split_locale(name)
    if language in _NEUTRAL:
        language = NEUTRAL_LOCALE
    if (language, territory) in _TERRITORY_EXCEPTIONS:
        return _TERRITORY_EXCEPTIONS[(language, territory)]
    if language in _COMMA_LANGUAGES:
        return ","
    if language in _POINT_LANGUAGES:
        return "."
    raise Refusal(
        f"Unknown locale {quote(name)}: give a locale such as en_GB, en_US, de_DE or fr_FR.",
        field="locale",
    )


def system_locale() -> str:
    """The locale the system uses for numbers (LC_ALL, LC_NUMERIC, LANG), or 'C'."""
    for variable in ("LC_ALL", "LC_NUMERIC", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value
    return "C"
