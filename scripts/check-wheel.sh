#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtual environment and use it from a
# directory outside the checkout: the scheme must travel inside the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/*.whl
cd "$work"
"$work/venv/bin/naltrexone-dose" verify
out=$("$work/venv/bin/naltrexone-dose" check "0.25 mg" --locale en --json)
echo "$out" | "$work/venv/bin/python" -c 'import json,sys; d=json.load(sys.stdin); assert d["band"]=="vldn", d; print("installed check: 0.25 mg ->", d["band"])'
QT_QPA_PLATFORM=offscreen "$work/venv/bin/python" -c '
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.main_window import MainWindow
w = MainWindow(locale="en_US"); w.show(); app.processEvents()
print("installed window:", w.windowTitle())
'
# the scheme's JSON Schema travels beside it, where the bundled scheme's "#:schema" line points
"$work/venv/bin/python" -c '
import json, pathlib, resources.schemes
folder = pathlib.Path(resources.schemes.__file__).parent
assert (folder / "default.toml").read_text(encoding="utf-8").startswith("#:schema ./scheme.schema.json\n")
json.loads((folder / "scheme.schema.json").read_text(encoding="utf-8"))
print("installed schema:", folder / "scheme.schema.json")
'
echo "wheel: ok"
