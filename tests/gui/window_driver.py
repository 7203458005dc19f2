"""Drive the real window the way a user does; shared by the GUI tests.

A module of its own (not conftest.py), because several test folders have a conftest
and `from conftest import ...` would pick whichever was imported first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt


def type_dose(qtbot, window, text: str, unit: str | None = None) -> None:
    """Replace the dose text by typing it, as a user would (one key at a time)."""
    form = window.form
    if unit is not None:
        form.select(form.unitSelector, unit)
    form.doseInput.setFocus()
    form.doseInput.selectAll()
    qtbot.keyClick(form.doseInput, Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.doseInput, text)


def band_of(window) -> str:
    return window.bandLabel.property("bandId")


def choose(qtbot, combo, data: str) -> None:
    """Choose an item the way a user does: open the combo box's list and click the item."""
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    combo.showPopup()
    view = combo.view()
    rect = view.visualRect(view.model().index(index, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not view.isVisible() and combo.currentIndex() == index
