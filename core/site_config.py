"""The site configuration: a read-only TOML file that a site, not the user, controls.

Default location: the platform's site configuration directory (platformdirs), e.g.
/etc/xdg/naltrexone-dose/config.toml on Linux; `--config PATH` overrides. The app never
writes it. A faulty file is refused with the key and what is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.file_text import unsafe_character
from core.pin import LEGACY_WARNING, is_legacy_hash, pin_hash_problem
from core.quoting import quote_name
from core.refusal import Refusal

APP_NAME = "naltrexone-dose"
FILE_NAME = "config.toml"
DEFAULT_IDLE_RESET_SECONDS = 120
IDLE_RANGE = (10, 3600)
_KNOWN = {
    "kiosk": {"idle_reset_seconds": int, "exit_pin_hash": str},
    "scheme": {"path": str},
    "display": {"locale": str},
}


class ConfigError(Refusal):
    """A site configuration that is refused; the message names the file and key."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="config")


@dataclass(frozen=True)
class SiteConfig:
    path: str | None  # None: no file, built-in defaults
    idle_reset_seconds: int = DEFAULT_IDLE_RESET_SECONDS
    exit_pin_hash: str | None = None
    scheme_path: str | None = None
    locale: str | None = None
    warnings: tuple[str, ...] = ()  # accepted, but someone should act (e.g. an old exit PIN hash)


def default_path() -> Path:
    """Where a site puts its configuration on this platform."""
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def load_site_config(path: str | Path | None = None, check_scheme: bool = True) -> SiteConfig:
    """The configuration at `path`, or at the default location if a file is there.

    The file is read as core.outside_file reads any outside file (a regular file of at most
    64 KiB, its structure bounded); any failure, whatever its kind, is a ConfigError.
    With `check_scheme` the scheme a `[scheme] path` names is read and its structure
    validated (`core.scheme_loader`; its worked examples need the classifier and are run
    by `core.site_files`, which reads the two together). With `check_scheme=False` the path
    must name an existing file but the scheme is not read: the caller reads it next (the
    window, after its first paint).
    """

    explicit = path is not None
    file = Path(path) if path is not None else default_path()
    from core.outside_file import CONFIG_FILE, FileRefused, failure, read_toml, shown

    if not os.path.lexists(file):
        if explicit:
            raise ConfigError(f"{shown(file)}: no such configuration file")
        return SiteConfig(path=None)
    try:
        data, _ = read_toml(file, CONFIG_FILE)
        return _validate(file, data, check_scheme)
    except FileRefused as refusal:
        raise ConfigError(refusal.message) from None
    except ConfigError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        raise ConfigError(f"{shown(file)}: cannot be used ({failure(error)})") from None


def _validate(file: Path, data: dict[str, Any], check_scheme: bool = True) -> SiteConfig:
    from core.outside_file import shown

    where = shown(file)
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for table, entries in data.items():
        if table not in _KNOWN:
            raise ConfigError(f"{where}: [{quote_name(table)}]: unknown table (known: {', '.join(_KNOWN)})")
        if not isinstance(entries, dict):
            raise ConfigError(f"{where}: {quote_name(table)}: must be a table such as [{table}]")
        for key, value in entries.items():
            expected = _KNOWN[table].get(key)
            name = f"[{table}] {quote_name(key)}"
            if expected is None:
                raise ConfigError(f"{where}: {name}: unknown key (known: {', '.join(_KNOWN[table])})")
            if not isinstance(value, expected) or isinstance(value, bool):
                raise ConfigError(f"{where}: {name}: must be a {'whole number' if expected is int else 'string'}")
            problem = unsafe_character(value) if isinstance(value, str) else None
            if problem is not None:  # a path, a locale or a hash: one line of visible characters
                raise ConfigError(f"{where}: {name}: {problem}")
            values[f"{table}.{key}"] = value
    idle = values.get("kiosk.idle_reset_seconds", DEFAULT_IDLE_RESET_SECONDS)
    if not IDLE_RANGE[0] <= idle <= IDLE_RANGE[1]:
        raise ConfigError(
            f"{where}: [kiosk] idle_reset_seconds: {idle} is outside {IDLE_RANGE[0]} to {IDLE_RANGE[1]} seconds"
        )
    pin_hash = values.get("kiosk.exit_pin_hash")
    if pin_hash is not None:
        problem = pin_hash_problem(pin_hash)
        if problem:
            raise ConfigError(f"{where}: [kiosk] exit_pin_hash: {problem}")
        if is_legacy_hash(pin_hash):
            warnings.append(f"{where}: [kiosk] exit_pin_hash {LEGACY_WARNING}")
    scheme_path = values.get("scheme.path")
    if scheme_path is not None:
        resolved = Path(scheme_path) if Path(scheme_path).is_absolute() else file.parent / scheme_path
        if check_scheme:
            from core.scheme_loader import load

            try:
                load(str(resolved))
            except Refusal as refusal:
                raise ConfigError(f"{where}: [scheme] path: the scheme is refused: {refusal.message}") from None
        elif not os.path.lexists(resolved):
            raise ConfigError(f"{where}: [scheme] path: {shown(resolved)}: no such scheme file")
        scheme_path = str(resolved)
    locale = values.get("display.locale")
    if locale is not None:
        from core.locales import number_format

        try:
            number_format(locale)
        except Refusal as refusal:
            raise ConfigError(f"{where}: [display] locale: {refusal.message}") from None
    return SiteConfig(
        path=str(file),
        idle_reset_seconds=idle,
        exit_pin_hash=pin_hash,
        scheme_path=scheme_path,
        locale=locale,
        warnings=tuple(warnings),
    )
