"""core.locales: one resolution of the numeric locale for window, kiosk and check; CLDR
separators through Babel for any locale CLDR knows (issue 10)."""

from __future__ import annotations

import pytest

from core.formatting import NumberFormat
from core.locales import choose_locale, number_format
from core.refusal import Refusal


@pytest.mark.parametrize(
    ("name", "decimal"),
    [
        ("cy_GB", "."),  # Welsh: outside the old hand-written table, which refused every dose
        ("cy_GB.UTF-8", "."),
        ("fil_PH", "."),  # Filipino: the same
        ("fil_PH.UTF-8", "."),
        ("de_DE", ","),
        ("de_DE.UTF-8@euro", ","),
        ("fr_FR", ","),
        ("de_CH", "."),
        ("it_CH", "."),
        ("en_ZA", ","),
        ("es_MX", "."),
        ("es_ES", ","),
        ("pt-BR", ","),
        ("nb_NO", ","),
        ("tr_TR", ","),
        ("zh_Hant_TW", "."),
        ("bgn_PK", "\u066b"),  # Western Balochi writes the Arabic decimal separator even with 0-9
        ("C", "."),
        ("POSIX", "."),
        ("C.UTF-8", "."),
    ],
)
def test_separators_come_from_cldr(name, decimal):
    assert number_format(name).decimal == decimal


def test_an_unknown_territory_is_read_as_its_language_as_cldr_falls_back():
    assert number_format("no_NO").decimal == ","  # glibc's old name for Norwegian
    assert number_format("de_XX") == NumberFormat(",", "de")


@pytest.mark.parametrize(("name", "source"), [("xx_YY", "--locale"), ("klingon", "LANG"), ("tlh", "[display] locale")])
def test_a_locale_cldr_does_not_know_is_refused_naming_how_to_choose_one(name, source):
    with pytest.raises(Refusal) as info:
        number_format(name, source)
    message = info.value.message
    assert info.value.field == "locale" and name in message
    assert "--locale" in message and "[display] locale" in message
    if source != "--locale":
        assert f"(from {source})" in message


def test_resolution_order_is_command_line_site_then_lc_all_lc_numeric_lang():
    env = {"LC_ALL": "fr_FR.UTF-8", "LC_NUMERIC": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}
    assert choose_locale("cy_GB", "de_DE", env) == ("cy_GB", "--locale")
    assert choose_locale(None, "de_DE", env) == ("de_DE", "[display] locale")
    assert choose_locale(None, None, env) == ("fr_FR.UTF-8", "LC_ALL")
    assert choose_locale(None, None, {**env, "LC_ALL": ""}) == ("de_DE.UTF-8", "LC_NUMERIC")  # empty is unset
    assert choose_locale(None, None, {"LANG": "en_GB.UTF-8"}) == ("en_GB.UTF-8", "LANG")
    assert choose_locale(None, None, {}) == ("C", "default")
    assert number_format(*choose_locale(None, None, {})).decimal == "."


def test_the_issues_mixed_environment_reads_numbers_with_lc_numeric():
    """LANG=en_GB, LC_NUMERIC=de_DE: numbers are German (the window used to follow LANG)."""
    chosen = choose_locale(None, None, {"LANG": "en_GB.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"})
    assert number_format(*chosen).decimal == ","


def test_babel_is_imported_only_when_a_locale_is_resolved():
    import subprocess
    import sys

    code = (
        "import sys, core.locales, core.numbers, core.regimen, core.classify;"
        "print('babel' in sys.modules);"
        "core.locales.number_format('de_DE');"
        "print('babel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_formats_resolved_before_babel_drops_its_data_stay_and_a_new_one_loads_again(monkeypatch):
    """The window resolves the formats it needs, then lets Babel drop its CLDR data (memory,
    docs/performance.md): those formats need no CLDR again, and a locale resolved later
    loads its data afresh (Babel's copy of German really was dropped)."""
    from babel import localedata

    from core.locales import release_cldr_data, resolve_number_formats

    resolve_number_formats(["de_DE", "en", "xx_NOWHERE"])  # an unknown one is refused where it is used
    release_cldr_data()
    loaded: list[str] = []
    original = localedata.resolve_locale_filename
    monkeypatch.setattr(localedata, "resolve_locale_filename", lambda name: (loaded.append(name), original(name))[1])
    assert number_format("de_DE").decimal == "," and number_format("en").decimal == "."
    assert loaded == []
    with pytest.raises(Refusal, match="xx_NOWHERE"):
        number_format("xx_NOWHERE")
    assert number_format("de_LU").decimal == ","  # used nowhere else in the tests: not cached here
    assert "de" in loaded  # its parent was read from Babel's files again, not from a cache
