#!/usr/bin/env bash
# Set everything up (see setup.sh) and open the window. Extra arguments go to the app,
# e.g. `bash scripts/run-app.sh check "0.25 mg"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/naltrexone-dose "$@"
