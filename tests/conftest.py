"""Shared test setup: Qt renders offscreen so tests run on machines with no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
