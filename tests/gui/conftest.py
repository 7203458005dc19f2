"""Fixtures that drive the real window; tests/conftest.py already makes Qt render offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from core.verify import load_scheme  # noqa: E402


@pytest.fixture(scope="session")
def scheme():
    return load_scheme(None)


@pytest.fixture
def window(qtbot, scheme):
    from gui.main_window import MainWindow

    w = MainWindow(scheme, locale="en_US")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.doseInput.setFocus()
    return w
