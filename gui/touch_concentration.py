"""The kiosk's concentration entry: an amount, its unit and the volume it is in, by finger.

A liquid's label says "10 mg/5 mL" or "1 mg/mL". At a touch screen there is no "/" to
type, so the kiosk asks for the three parts: the amount (keypad), mg or mcg (buttons) and
the volume it is dissolved in (keypad; left empty it is 1 mL, as "mg/mL" reads). The
parts are written into the form's concentration field as one text ("10 mg/5 mL"), which
core reads with the same parser as the workstation's field and the command line's
`--concentration`: the kiosk adds no reading of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from gui.touch_form import TOUCH_MIN_HEIGHT, TouchChoices

#: The mass units a concentration is written in (core's closed list takes these).
MASS_UNITS = ("mg", "mcg")
_MAX_TYPED = 20


def concentration_text(amount: str, unit: str, volume: str) -> str:
    """'10 mg/5 mL' from its parts; '10 mg/mL' with no volume; '' with no amount (nothing
    typed yet: the window then asks for the concentration)."""
    amount, volume = amount.strip(), volume.strip()
    if not amount:
        return ""
    return f"{amount} {unit}/{volume} mL" if volume else f"{amount} {unit}/mL"


def _field(name: str, accessible: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(_MAX_TYPED)
    edit.setMinimumHeight(TOUCH_MIN_HEIGHT)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return edit


class ConcentrationEntry(QWidget):
    """[amount] [mg|mcg] per [volume] mL, written into `target` (the form's hidden field)."""

    changed = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concentrationEntry")
        self.setAccessibleName("Concentration")
        self._target = target
        self.amountInput = _field("concentrationAmountInput", "Concentration: amount of naltrexone", "e.g. 1")
        self.volumeInput = _field("concentrationVolumeInput", "Concentration: in how many mL", "1")
        self.unitSelector = QComboBox()
        self.unitSelector.setObjectName("concentrationUnitSelector")
        self.unitSelector.setAccessibleName("Concentration unit")
        for unit in MASS_UNITS:
            self.unitSelector.addItem(unit, unit)
        self.unitButtons = TouchChoices(self.unitSelector, "concentrationUnitButtons", columns=len(MASS_UNITS))
        per = QLabel("in")
        per.setObjectName("concentrationPer")
        volume_unit = QLabel("mL")
        volume_unit.setObjectName("concentrationVolumeUnit")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.amountInput, 0, 0, 1, 2)
        grid.addWidget(self.unitButtons, 0, 2)
        grid.addWidget(per, 1, 0)
        grid.addWidget(self.volumeInput, 1, 1)
        grid.addWidget(volume_unit, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for edit in self.fields():
            edit.textChanged.connect(self._write)
        self.unitSelector.currentIndexChanged.connect(self._write)

    def fields(self) -> tuple[QLineEdit, QLineEdit]:
        return (self.amountInput, self.volumeInput)

    def unit(self) -> str:
        return str(self.unitSelector.currentData())

    def text(self) -> str:
        return concentration_text(self.amountInput.text(), self.unit(), self.volumeInput.text())

    def reset(self) -> None:
        """Empty, in mg (the kiosk's idle reset): no undo history either."""
        for edit in self.fields():
            edit.blockSignals(True)
            edit.setText("")
            edit.blockSignals(False)
        self.unitSelector.setCurrentIndex(0)
        self.unitButtons.sync()
        self._write()

    def _write(self) -> None:
        text = self.text()
        if self._target.text() != text:
            self._target.setText(text)
        self.changed.emit()
