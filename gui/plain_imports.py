"""Import pure-Python modules without PySide6's per-import source scan.

Once PySide6.QtCore is imported, `builtins.__import__` is shiboken's
`__feature_import__`: after every import it calls `feature_imported`, which reads the
whole source of each new module (`inspect.getsource`, kept in `linecache`) to see
whether it mentions PySide, for the opt-in `from __feature__ import snake_case`. The
cost is upstream's, reported with napari's start-up (napari/napari#8584, "the PySide6
__feature__ startup tax"; the hook itself is described in pyzo/pyzo#851). For core,
tomllib, Babel and pint (about 180 modules) it kept 7.4 MiB of source text resident and
cost tens of milliseconds (docs/performance.md; A/B: `bench/bench_window.py
plain-imports`). The app never uses `__feature__`, and core never imports Qt, so
modules imported here lose nothing by skipping the scan (a module the hook never saw is
"not using PySide" to shiboken, which is true of them).

Used by the GUI thread during start-up: for the window's own modules before the first
paint (gui.app.run; the scan of 55 modules, ours and the standard library's they name,
cost about 12 ms there), and after it for core, Babel and pint (the worker thread that
reads the site files meanwhile imports under it too: gui.app.read_scheme). Our gui
modules use Qt but never `__feature__`: shiboken gives a module missing from its table
the selection of the last module that had one, and no module of this process selects a
feature, so they see Qt's names exactly as a scanned module does (a `from __feature__
import ...` under plain imports would fail at once with ImportError, not silently).
This module is the one place that touches the import function
(tests/gui/test_plain_imports.py checks that the upstream hook is still there to skip).
"""

from __future__ import annotations

import builtins
import importlib
import linecache
from collections.abc import Iterator
from contextlib import contextmanager

#: Python's own import: the C builtin when this module is imported before PySide6 (as
#: gui.app imports it), else importlib's (the same import, written in Python).
PYTHON_IMPORT = builtins.__import__ if builtins.__import__.__name__ == "__import__" else importlib.__import__


@contextmanager
def plain_imports() -> Iterator[None]:
    """Within the block, `import` is Python's own, without PySide6's source scan."""
    hooked = builtins.__import__
    builtins.__import__ = PYTHON_IMPORT
    try:
        yield
    finally:
        builtins.__import__ = hooked


def forget_scanned_sources() -> None:
    """Drop the sources the hook has already read (the modules imported before the first
    paint): nothing needs them, and the memory is reused by what is imported next. A
    traceback reads a file again if it needs it."""
    linecache.clearcache()
