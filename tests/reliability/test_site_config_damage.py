"""Damaged site configuration files (core.site_config.load_site_config).

A kiosk reads a TOML file that a site controls. Every damage is either refused with
core.site_config.ConfigError naming the file and the key (or the TOML fault), or, where
the damage is harmless (a comment, a deleted optional key), loads exactly the intact
values or the documented default for a key that is no longer there. Nothing is silently
replaced by a default while the key is present, and no other exception escapes.

Size: every single-line deletion, every truncation, NALTREXONE_CONFIG_DAMAGE random byte
damages (default 300), and a table of targeted damages.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from dataclasses import fields
from pathlib import Path

import pytest
from harness import env_size

from core.pin import hash_pin
from core.scheme_loader import bundled_path
from core.site_config import DEFAULT_IDLE_RESET_SECONDS, ConfigError, SiteConfig, load_site_config

PIN_HASH = hash_pin("482916")
DEFAULTS = SiteConfig(path=None)


def intact_text(scheme: str = "scheme.toml") -> str:
    return (
        "# Site configuration for ward 7 kiosks\n"
        "[kiosk]\n"
        "idle_reset_seconds = 90  # seconds without a touch before the form clears\n"
        f'exit_pin_hash = "{PIN_HASH}"\n'
        "\n"
        "[scheme]\n"
        f'path = "{scheme}"\n'
        "\n"
        "[display]\n"
        'locale = "de_DE"\n'
    )


@pytest.fixture
def site(tmp_path):
    shutil.copy(bundled_path(), tmp_path / "scheme.toml")
    config = tmp_path / "config.toml"
    config.write_text(intact_text(), encoding="utf-8")
    return config


def _values(config: SiteConfig) -> dict[str, object]:
    return {f.name: getattr(config, f.name) for f in fields(config) if f.name not in ("path", "warnings")}


def outcome(path: Path, intact: SiteConfig, prefix_ok: bool = False) -> str:
    """'refused', 'intact' or 'default' (a key gone, its default used); fails otherwise."""
    try:
        config = load_site_config(path)
    except ConfigError as error:
        assert str(path) in error.message, error.message
        assert len(error.message) > len(str(path)) + 10, error.message
        return "refused"
    got, want, default = _values(config), _values(intact), _values(DEFAULTS)
    kind = "intact"
    for key, value in got.items():
        if value == want[key]:
            continue
        if value == default[key]:
            kind = "default"
            continue
        if prefix_ok and key == "idle_reset_seconds" and str(want[key]).startswith(str(value)):
            kind = "truncated number"  # "90" cut to "9" is refused, "120" cut to "12" is a valid number
            continue
        raise AssertionError(f"{path.name}: {key} = {value!r}, neither the intact {want[key]!r} nor the default")
    return kind


def test_intact_configuration(site):
    config = load_site_config(site)
    assert config.idle_reset_seconds == 90 and config.exit_pin_hash == PIN_HASH and config.locale == "de_DE"
    assert Path(config.scheme_path) == site.parent / "scheme.toml"


def test_every_single_line_deletion(site, report):
    intact = load_site_config(site)
    lines = site.read_text(encoding="utf-8").splitlines(keepends=True)
    counts: Counter[str] = Counter()
    for index in range(len(lines)):
        damaged = site.parent / f"deleted-{index + 1}.toml"
        damaged.write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
        counts[outcome(damaged, intact)] += 1
    # deleting a table header moves its keys into the table above: refused, naming the key
    header_deleted = site.parent / "deleted-6.toml"
    with pytest.raises(ConfigError, match=r"\[kiosk\] path: unknown key"):
        load_site_config(header_deleted)
    report(f"site config single-line deletions: {len(lines)} files: {dict(counts)}")


def test_every_truncation(site, report):
    intact = load_site_config(site)
    data = site.read_bytes()
    counts: Counter[str] = Counter()
    damaged = site.parent / "truncated.toml"
    for cut in range(len(data)):
        damaged.write_bytes(data[:cut])
        counts[outcome(damaged, intact, prefix_ok=True)] += 1
    report(f"site config truncations: {len(data)} files: {dict(counts)}")
    assert counts["refused"] > 0


def test_random_byte_damage_and_garbage(site, report):
    intact = load_site_config(site)
    data = site.read_bytes()
    rng = random.Random(20261125)
    counts: Counter[str] = Counter()
    damaged = site.parent / "damaged.toml"
    n = env_size("NALTREXONE_CONFIG_DAMAGE", 300)
    for i in range(n):
        if i % 5 == 4:  # binary garbage
            blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600)))
        else:
            blob = bytearray(data)
            for _ in range(rng.randrange(1, 3)):
                blob[rng.randrange(len(blob))] = rng.randrange(256)
            blob = bytes(blob)
        damaged.write_bytes(blob)
        try:
            counts[outcome(damaged, intact)] += 1
        except AssertionError:
            # a byte changed inside a value can give another valid value (90 -> 98, de_DE -> de_DF):
            # acceptable only if the file says so, i.e. the loaded value is what the file now holds
            config = load_site_config(damaged)
            text = blob.decode("utf-8")
            for key, value in _values(config).items():
                if value not in (None, DEFAULTS.idle_reset_seconds) and key != "scheme_path":
                    assert str(value) in text, (key, value)
            counts["another valid value, as written"] += 1
    report(f"site config random damage: {n} files: {dict(counts)}")


TARGETED = [
    # (name, text transformation, words the message must contain)
    ("unknown table", lambda t: t + "\n[printer]\nname = 'x'\n", ["[printer]", "unknown table"]),
    ("unknown key", lambda t: t.replace("[display]\n", "[display]\ntheme = 'dark'\n"), ["[display] theme", "unknown"]),
    ("misspelt key", lambda t: t.replace("idle_reset_seconds", "idle_reset_second"), ["idle_reset_second"]),
    ("int as string", lambda t: t.replace("= 90", '= "90"'), ["[kiosk] idle_reset_seconds", "whole number"]),
    ("float", lambda t: t.replace("= 90", "= 90.0"), ["[kiosk] idle_reset_seconds", "whole number"]),
    ("bool for int", lambda t: t.replace("= 90", "= true"), ["[kiosk] idle_reset_seconds"]),
    ("array for int", lambda t: t.replace("= 90", "= [90]"), ["[kiosk] idle_reset_seconds"]),
    ("too small", lambda t: t.replace("= 90", "= 5"), ["[kiosk] idle_reset_seconds", "outside"]),
    ("negative", lambda t: t.replace("= 90", "= -90"), ["[kiosk] idle_reset_seconds"]),
    ("huge", lambda t: t.replace("= 90", "= 99999999999999999999"), ["idle_reset_seconds"]),
    ("string for str", lambda t: t.replace('locale = "de_DE"', "locale = 49"), ["[display] locale", "string"]),
    ("table for key", lambda t: t.replace('locale = "de_DE"', "locale = { name = 'de' }"), ["[display] locale"]),
    ("key for table", lambda t: "display = 'de_DE'\n" + t.replace("[display]\nlocale", "[other]\nlocale"), ["display"]),
    ("bad pin hash", lambda t: t.replace(PIN_HASH, "1234"), ["[kiosk] exit_pin_hash"]),
    ("cut pin hash", lambda t: t.replace(PIN_HASH, PIN_HASH[:-8]), ["[kiosk] exit_pin_hash"]),
    ("weak pin hash", lambda t: t.replace(PIN_HASH, "scrypt:2:8:1:00:00"), ["[kiosk] exit_pin_hash"]),
    ("plain pin", lambda t: t.replace(f'"{PIN_HASH}"', "482916"), ["[kiosk] exit_pin_hash"]),
    ("missing scheme", lambda t: t.replace("scheme.toml", "nowhere.toml"), ["[scheme] path", "nowhere.toml"]),
    ("scheme is a dir", lambda t: t.replace('"scheme.toml"', '"."'), ["[scheme] path"]),
    ("damaged scheme", lambda t: t.replace("scheme.toml", "broken.toml"), ["[scheme] path", "broken.toml"]),
    ("unknown locale", lambda t: t.replace("de_DE", "xx_YY"), ["[display] locale", "xx_YY"]),
    ("duplicate key", lambda t: t.replace("= 90", "= 90\nidle_reset_seconds = 100"), ["cannot read", "overwrite"]),
    ("duplicate table", lambda t: t + "\n[kiosk]\n", ["cannot read"]),
    ("unclosed string", lambda t: t.replace('"de_DE"', '"de_DE'), ["cannot read"]),
]


@pytest.mark.parametrize(("name", "damage", "words"), TARGETED, ids=[t[0] for t in TARGETED])
def test_targeted_damage_is_refused_naming_the_key(site, name, damage, words):
    (site.parent / "broken.toml").write_text("[scheme]\nid = \n", encoding="utf-8")
    site.write_text(damage(intact_text()), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site_config(site)
    message = caught.value.message
    assert str(site) in message
    assert any(w in message for w in words[1:]) or len(words) == 1, message
    assert words[0] in message, message


@pytest.mark.parametrize(
    "blob",
    [
        b"\xff\xfe[kiosk]",
        b"\x00" * 64,
        "[display]\nlocale = 'de_DE'\n".encode("utf-16"),
        b"[kiosk]\nidle_reset_seconds = 9",
    ],
    ids=["not utf-8", "nul bytes", "utf-16", "out of range after a cut"],
)
def test_garbage_is_refused(tmp_path, blob):
    path = tmp_path / "config.toml"
    path.write_bytes(blob)
    with pytest.raises(ConfigError) as caught:
        load_site_config(path)
    assert str(path) in caught.value.message


def test_an_explicit_missing_file_is_refused_never_defaulted(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_site_config(tmp_path / "absent.toml")
    with pytest.raises(ConfigError):
        load_site_config(tmp_path)  # a directory is not a configuration file


def test_defaults_only_for_keys_that_are_absent(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[kiosk]\n", encoding="utf-8")
    config = load_site_config(path)
    assert config.idle_reset_seconds == DEFAULT_IDLE_RESET_SECONDS and config.exit_pin_hash is None
