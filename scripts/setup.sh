#!/usr/bin/env bash
# Set up everything naltrexone-dose needs on a fresh Debian/Ubuntu machine:
# the Debian libraries Qt needs (offscreen and X11), a virtual environment in .venv,
# and the project with its test extras. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt (PySide6 wheel) offscreen and on a desktop
  libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  fonts-dejavu-core
  # a real X11 window (xcb platform), virtual screen for screenshots and kiosk checks
  xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-util1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-shape0
  libxcb-xkb1 libxcb1 libx11-xcb1 libxkbcommon-x11-0
  # reading back the PDF the app writes (tests)
  poppler-utils
  # the accessibility tree as a screen reader gets it (tests/gui/test_accessibility_atspi.py):
  # a D-Bus session, the AT-SPI bus and registry, and a real AT-SPI client for Debian's python3
  dbus-daemon at-spi2-core python3-pyatspi
)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ! python3 -m venv --help >/dev/null 2>&1; then missing+=(python3-venv); fi
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: no apt-get here; install the Qt libraries listed in scripts/setup.sh yourself" >&2
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
echo "setup: ready (.venv): the command is .venv/bin/naltrexone-dose (after \`source .venv/bin/activate\`: naltrexone-dose)"
