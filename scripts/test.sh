#!/usr/bin/env bash
# Set everything up (see setup.sh) and run the whole test suite: lint, tests (core and
# window, offscreen), and the installed wheel checked from outside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== import layers (pyproject.toml [tool.importlinter])"
.venv/bin/lint-imports --no-cache

echo "== installed wheel"
bash scripts/check-wheel.sh

echo "== pytest"
.venv/bin/python -m pytest
