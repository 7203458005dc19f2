"""The site configuration and the scheme, read together the same way for the window, the
kiosk and `check`/`verify`.

Precedence (docs/kiosk.md): `--scheme` on the command line wins over the configuration's
`[scheme] path`, which wins over the bundled scheme (`--locale` wins over `[display]
locale` the same way; the caller applies that). A file that someone other than root or
the user running the app could change (core.outside_file.loose_permissions) is refused
when `strict` (the kiosk: whoever can write the configuration can set the exit PIN) and
reported in `warnings` otherwise (a workstation, the command line).

Every failure, whatever its kind, is a ConfigError or a SchemeError: the callers have
one refusal path and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.refusal import Refusal
from core.scheme import Scheme
from core.scheme_file import SchemeError, bundled_path
from core.site_config import ConfigError, SiteConfig, default_path, load_site_config
from core.verify import load_scheme


@dataclass(frozen=True)
class SiteFiles:
    """What was read: the configuration (defaults when there is none), the scheme, and what
    someone should be told about them (shown on a workstation, sent to stderr everywhere)."""

    config: SiteConfig
    scheme: Scheme
    warnings: tuple[str, ...] = ()


def read_site_files(
    scheme_path: str | None, config_path: str | None, *, strict: bool, check_examples: bool = True
) -> SiteFiles:
    """The configuration at `config_path` (or the default location), then the scheme the
    command line or the configuration names. Raises ConfigError or SchemeError."""
    from core.outside_file import failure, loose_permissions, shown

    warnings: list[str] = []

    def permissions(path: str | Path, error: type[Refusal]) -> None:
        problem = loose_permissions(path)
        if problem is None:
            return
        if strict:
            raise error(f"{problem}. A kiosk does not use a file that others can change.")
        warnings.append(problem)

    config_file = Path(config_path) if config_path is not None else default_path()
    try:
        if config_path is not None or config_file.exists():
            permissions(config_file, ConfigError)
        config = load_site_config(config_path)
        warnings.extend(config.warnings)
    except ConfigError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        raise ConfigError(f"{shown(config_file)}: cannot be used ({failure(error)})") from None
    chosen = scheme_path or config.scheme_path
    try:
        if chosen is not None and Path(chosen) != bundled_path():
            permissions(chosen, SchemeError)
        scheme = load_scheme(chosen, check_examples=check_examples)
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        message = error.message if isinstance(error, Refusal) else f"{shown(chosen or bundled_path())}: "
        message += "" if isinstance(error, Refusal) else f"cannot be used ({failure(error)})"
        if scheme_path is None and config.path is not None:  # say which configuration named it
            message = f"{shown(config.path)}: [scheme] path: the scheme is refused: {message}"
        raise SchemeError(message) from None
    return SiteFiles(config, scheme, tuple(warnings))
