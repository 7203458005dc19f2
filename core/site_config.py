"""The site configuration: a read-only TOML file that a site, not the user, controls.

Default location: the platform's site configuration directory (platformdirs), e.g.
/etc/xdg/naltrexone-dose/config.toml on Linux; `--config PATH` overrides. The app never
writes it. A faulty file is refused with the key and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.pin import is_pin_hash
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


def default_path() -> Path:
    """Where a site puts its configuration on this platform."""
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def load_site_config(path: str | Path | None = None, check_scheme: bool = True) -> SiteConfig:
    """The configuration at `path`, or at the default location if a file is there.

    With `check_scheme=False` a `[scheme] path` must name an existing file but the scheme
    is not read: the window reads it after its first paint and refuses it then.
    """

    explicit = path is not None
    file = Path(path) if path is not None else default_path()
    if not file.exists():
        if explicit:
            raise ConfigError(f"{file}: no such configuration file")
        return SiteConfig(path=None)
    import tomllib

    try:
        data = tomllib.loads(file.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{file}: cannot read the configuration: {error}") from None
    return _validate(file, data, check_scheme)


def _validate(file: Path, data: dict[str, Any], check_scheme: bool = True) -> SiteConfig:
    values: dict[str, Any] = {}
    for table, entries in data.items():
        if table not in _KNOWN:
            raise ConfigError(f"{file}: [{table}]: unknown table (known: {', '.join(_KNOWN)})")
        if not isinstance(entries, dict):
            raise ConfigError(f"{file}: {table}: must be a table such as [{table}]")
        for key, value in entries.items():
            expected = _KNOWN[table].get(key)
            name = f"[{table}] {key}"
            if expected is None:
                raise ConfigError(f"{file}: {name}: unknown key (known: {', '.join(_KNOWN[table])})")
            if not isinstance(value, expected) or isinstance(value, bool):
                raise ConfigError(f"{file}: {name}: must be a {'whole number' if expected is int else 'string'}")
            values[f"{table}.{key}"] = value
    idle = values.get("kiosk.idle_reset_seconds", DEFAULT_IDLE_RESET_SECONDS)
    if not IDLE_RANGE[0] <= idle <= IDLE_RANGE[1]:
        raise ConfigError(
            f"{file}: [kiosk] idle_reset_seconds: {idle} is outside {IDLE_RANGE[0]} to {IDLE_RANGE[1]} seconds"
        )
    pin_hash = values.get("kiosk.exit_pin_hash")
    if pin_hash is not None and not is_pin_hash(pin_hash):
        raise ConfigError(
            f"{file}: [kiosk] exit_pin_hash: not a hash made by `naltrexone-dose hash-pin` (paste its output)"
        )
    scheme_path = values.get("scheme.path")
    if scheme_path is not None:
        resolved = Path(scheme_path) if Path(scheme_path).is_absolute() else file.parent / scheme_path
        if check_scheme:
            from core.scheme import load_scheme

            try:
                load_scheme(str(resolved))
            except Refusal as refusal:
                raise ConfigError(f"{file}: [scheme] path: the scheme is refused: {refusal.message}") from None
        elif not resolved.is_file():
            raise ConfigError(f"{file}: [scheme] path: {resolved}: no such scheme file")
        scheme_path = str(resolved)
    locale = values.get("display.locale")
    if locale is not None:
        from core.locales import number_format

        try:
            number_format(locale)
        except Refusal as refusal:
            raise ConfigError(f"{file}: [display] locale: {refusal.message}") from None
    return SiteConfig(
        path=str(file), idle_reset_seconds=idle, exit_pin_hash=pin_hash, scheme_path=scheme_path, locale=locale
    )
