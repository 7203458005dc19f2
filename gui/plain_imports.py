"""Import pure-Python modules without PySide6's per-import source scan.

Once PySide6.QtCore is imported, every later `import` goes through PySide6's
`__feature__` hook, which reads the whole source of each new module
(`inspect.getsource`, kept in `linecache`) to see whether it mentions PySide6. For
core, tomllib and pint (about 170 modules, 2.7 million characters of source) that
cost about 7 MiB that stays resident and 20-40 ms of start-up (bench/bench_window.py,
docs/performance.md). The app never uses `from __feature__ import ...`, and core
never imports Qt, so modules imported here lose nothing by skipping the scan.

Only for modules that do not use Qt, set by the GUI thread during start-up (the worker
thread that reads the site files meanwhile imports under it too: gui.app.read_scheme).
"""

from __future__ import annotations

import builtins
import importlib
import linecache
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def plain_imports() -> Iterator[None]:
    """Within the block, `import` is Python's own importlib.__import__."""
    hooked = builtins.__import__
    builtins.__import__ = importlib.__import__
    try:
        yield
    finally:
        builtins.__import__ = hooked


def forget_scanned_sources() -> None:
    """Drop the sources the hook has already read (the modules imported before the first
    paint): nothing needs them, and the memory is reused by what is imported next. A
    traceback reads a file again if it needs it."""
    linecache.clearcache()
