"""gui.plain_imports: the workaround for PySide6's per-import source scan, and the reason
it exists (the upstream hook), both checked in a fresh process.

If PySide6 stops scanning every import, the first test fails: then plain_imports has
nothing left to skip and can go (docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys


def run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pyside6_still_scans_the_source_of_every_import():
    seen = run(
        "import builtins, json, linecache\n"
        "from PySide6 import QtCore\n"
        "import colorsys\n"
        "print(json.dumps({'hook': builtins.__import__.__name__,\n"
        "    'scanned': any(p.endswith('colorsys.py') for p in linecache.cache)}))\n"
    )
    assert seen == {"hook": "__feature_import__", "scanned": True}


def test_plain_imports_skips_the_scan_and_restores_the_hook():
    seen = run(
        "import builtins, json, linecache\n"
        "import gui.plain_imports as plain\n"
        "from PySide6 import QtCore\n"
        "hook = builtins.__import__\n"
        "import calendar\n"
        "plain.forget_scanned_sources()\n"
        "with plain.plain_imports():\n"
        "    inside = builtins.__import__\n"
        "    import colorsys, fractions\n"
        "try:\n"
        "    with plain.plain_imports():\n"
        "        raise KeyError\n"
        "except KeyError:\n"
        "    pass\n"
        "print(json.dumps({'inside': inside.__name__, 'builtin': inside is plain.PYTHON_IMPORT,\n"
        "    'restored': builtins.__import__ is hook,\n"
        "    'cached': sorted(p.rsplit('/', 1)[-1] for p in linecache.cache)}))\n"
    )
    assert seen["inside"] == "__import__" and seen["builtin"]  # Python's own C import, not the hook
    assert seen["restored"]  # also after an exception in the block
    assert "colorsys.py" not in seen["cached"] and "fractions.py" not in seen["cached"]
    assert "calendar.py" not in seen["cached"]  # what the hook read before was forgotten
