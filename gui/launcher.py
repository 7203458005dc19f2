"""The `naltrexone-dose` console script: the one module above both core and the window.

Importing it loads no Qt (`gui/__init__.py` imports nothing): the command line is
`core.cli`, which runs `check`, `verify` and `hash-pin` itself, with no display and no
Qt libraries, and calls `open_window` for anything else, which imports the window
(`gui.app`) only then. Core never names gui; this is where the two meet.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from core.cli import main as command_line


def main(argv: Sequence[str] | None = None) -> int:
    """`naltrexone-dose [ARGS]`: the exit code of the command, or of the window."""
    return command_line(argv, open_window=open_window)


def open_window(*, scheme_path: str | None, kiosk: bool, config_path: str | None, locale: str | None) -> int:
    """The calculator (or the kiosk) until it is closed; 2 when something is refused."""
    from gui.app import run

    return run(scheme_path=scheme_path, kiosk=kiosk, config_path=config_path, locale=locale)


if __name__ == "__main__":
    sys.exit(main())
