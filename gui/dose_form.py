"""The inputs: dose, unit, form, frequency, concentration and a week's schedule.

The form only collects text and choices; what they mean is core's business
(`core.form_input`). Choices that make no sense together are simply not offered.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from core.form_choices import FORMS, UNITS_FOR_FORM, WEEKDAYS, WEEKLY_SCHEDULE, frequencies_for

#: Longer than any dose text core accepts, short enough that nobody pastes a document.
_MAX_TYPED = 60


class FormValues(NamedTuple):
    """What the form holds right now, exactly as typed and chosen."""

    amount_text: str
    unit: str
    form: str
    frequency_id: str
    frequency_label: str
    concentration_text: str
    weekly_texts: tuple[str, ...]

    @property
    def is_weekly(self) -> bool:
        return self.frequency_id == WEEKLY_SCHEDULE

    def nothing_typed(self) -> bool:
        """True when the user has not typed what is needed yet (a hint, not an error)."""
        amounts = self.weekly_texts if self.is_weekly else (self.amount_text,)
        if not any(t.strip() for t in amounts):
            return True
        return self.form == "liquid" and not self.concentration_text.strip()

    def describe(self) -> str:
        """The inputs as the user would recognise them, for the 'Entered:' line of a record."""
        if self.is_weekly:
            days = [
                f"{d} {t.strip()} {self.unit}" for d, t in zip(WEEKDAYS, self.weekly_texts, strict=True) if t.strip()
            ]
            amount = ", ".join(days) + " each week"
        else:
            amount = f"{self.amount_text.strip()} {self.unit}, {self.frequency_label.lower()}"
        text = f"{amount}; {FORMS[self.form].lower()}"
        if self.form == "liquid":
            text += f" at {self.concentration_text.strip()}"
            if "/" not in self.concentration_text and " per " not in self.concentration_text:
                text += " mg/mL"
        return text


def _line_edit(name: str, accessible: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(_MAX_TYPED)
    edit.setClearButtonEnabled(True)
    return edit


class DoseForm(QWidget):
    """The dose inputs. Emits `changed` on every edit and `submitted` on Enter."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, decimal_example: str = "0.25", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseForm")
        self._example = decimal_example

        self.doseInput = _line_edit("doseInput", "Dose amount", f"e.g. {decimal_example}")
        self.doseInput.setAccessibleDescription("The amount given each time, read in this computer's number format.")
        self.unitSelector = QComboBox()
        self.unitSelector.setObjectName("unitSelector")
        self.unitSelector.setAccessibleName("Unit")
        self.unitSelector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.formSelector = QComboBox()
        self.formSelector.setObjectName("formSelector")
        self.formSelector.setAccessibleName("Form")
        for form_id, label in FORMS.items():
            self.formSelector.addItem(label, form_id)
        self.frequencySelector = QComboBox()
        self.frequencySelector.setObjectName("frequencySelector")
        self.frequencySelector.setAccessibleName("Frequency")
        self.concentrationInput = _line_edit("concentrationInput", "Concentration", "e.g. 1 mg/mL")
        self.concentrationInput.setAccessibleDescription("mg per mL of the liquid; a number alone means mg/mL.")
        self.weeklyInputs = tuple(_line_edit(f"weeklyInput{day}", f"Amount on {day}", "") for day in WEEKDAYS)

        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        dose_row = QHBoxLayout()
        dose_row.addWidget(self.doseInput, 1)
        dose_row.addWidget(self.unitSelector)
        self._dose_label = QLabel("&Dose each time")
        self._dose_label.setBuddy(self.doseInput)
        layout.addRow(self._dose_label, dose_row)
        form_label = QLabel("&Form")
        form_label.setBuddy(self.formSelector)
        layout.addRow(form_label, self.formSelector)
        frequency_label = QLabel("F&requency")
        frequency_label.setBuddy(self.frequencySelector)
        layout.addRow(frequency_label, self.frequencySelector)
        self._concentration_label = QLabel("Co&ncentration")
        self._concentration_label.setBuddy(self.concentrationInput)
        layout.addRow(self._concentration_label, self.concentrationInput)

        self._weekly = QWidget()
        self._weekly.setObjectName("weeklySchedule")
        self._weekly.setAccessibleName("Amount on each day of the week")
        grid = QGridLayout(self._weekly)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        self._weekly_label = QLabel("Amoun&t on each day")
        self._weekly_label.setBuddy(self.weeklyInputs[0])
        grid.addWidget(self._weekly_label, 0, 0, 1, len(WEEKDAYS))
        for column, (day, edit) in enumerate(zip(WEEKDAYS, self.weeklyInputs, strict=True)):
            label = QLabel(day)
            label.setBuddy(edit)
            grid.addWidget(label, 1, column)
            edit.setMinimumWidth(36)
            edit.setClearButtonEnabled(False)
            edit.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            grid.addWidget(edit, 2, column)
        layout.addRow(self._weekly)  # spans both columns: seven fields need the width
        self._layout = layout

        QWidget.setTabOrder(self.doseInput, self.unitSelector)
        QWidget.setTabOrder(self.unitSelector, self.formSelector)
        QWidget.setTabOrder(self.formSelector, self.frequencySelector)
        QWidget.setTabOrder(self.frequencySelector, self.concentrationInput)
        previous: QWidget = self.concentrationInput
        for edit in self.weeklyInputs:
            QWidget.setTabOrder(previous, edit)
            previous = edit

        self._preferred_frequency: dict[str, str] = {}
        self._apply_form(self.form())

        for edit in (self.doseInput, self.concentrationInput, *self.weeklyInputs):
            edit.textChanged.connect(self.changed)
            edit.returnPressed.connect(self.submitted)
        self.unitSelector.currentIndexChanged.connect(self._unit_changed)
        self.formSelector.currentIndexChanged.connect(self._form_changed)
        self.frequencySelector.currentIndexChanged.connect(self._frequency_changed)

    # -- reading ------------------------------------------------------------------
    def form(self) -> str:
        return str(self.formSelector.currentData())

    def values(self) -> FormValues:
        """The current inputs, untouched (core does all reading)."""
        return FormValues(
            amount_text=self.doseInput.text(),
            unit=str(self.unitSelector.currentData()),
            form=self.form(),
            frequency_id=str(self.frequencySelector.currentData()),
            frequency_label=self.frequencySelector.currentText(),
            concentration_text=self.concentrationInput.text(),
            weekly_texts=tuple(e.text() for e in self.weeklyInputs),
        )

    def field_widget(self, field: str) -> QWidget:
        """The widget a core Refusal's `field` points at, to focus or mark it."""
        if field == "concentration":
            return self.concentrationInput
        if field == "unit":
            return self.unitSelector
        if field == "frequency":
            return self.frequencySelector
        if field == "form":
            return self.formSelector
        if self.values().is_weekly:
            return next((e for e in self.weeklyInputs if e.text().strip()), self.weeklyInputs[0])
        return self.doseInput

    # -- choosing -----------------------------------------------------------------
    def set_decimal_example(self, decimal_example: str) -> None:
        """The example in the dose field, written with this computer's decimal separator."""
        self._example = decimal_example
        self.doseInput.setPlaceholderText(f"e.g. {decimal_example}")

    def select(self, combo: QComboBox, data: str) -> None:
        """Choose the item whose data is `data` (a form, unit or frequency id)."""
        index = combo.findData(data)
        if index < 0:
            raise KeyError(data)
        combo.setCurrentIndex(index)

    def set_preferred_frequency(self, form: str, frequency_id: str) -> None:
        """The frequency chosen first when the user next switches to `form` (e.g. the labelled
        interval). What is chosen now never changes: the scheme, which says what to prefer,
        can arrive after the user has already chosen."""
        self._preferred_frequency[form] = frequency_id

    def clear_typed(self) -> None:
        """Empty every text the user typed (Escape); the choices stay."""
        for edit in (self.doseInput, self.concentrationInput, *self.weeklyInputs):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.changed.emit()

    # -- keeping the form consistent ---------------------------------------------
    def _apply_form(self, form: str) -> None:
        """Offer only the units and frequencies that fit `form`; keep what still fits."""
        old_unit = self.unitSelector.currentData()
        old_frequency = self.frequencySelector.currentData()
        for combo in (self.unitSelector, self.frequencySelector):
            combo.blockSignals(True)
            combo.clear()
        units = UNITS_FOR_FORM[form]
        for unit in units:
            self.unitSelector.addItem(unit, unit)
        self.unitSelector.setCurrentIndex(
            units.index(old_unit) if old_unit in units else (units.index("mg") if "mg" in units else 0)
        )
        frequencies = frequencies_for(form)
        for freq in frequencies:
            self.frequencySelector.addItem(freq.label, freq.id)
        ids = [f.id for f in frequencies]
        preferred = self._preferred_frequency.get(form)
        if old_frequency in ids:
            chosen = ids.index(old_frequency)
        elif preferred in ids:
            chosen = ids.index(preferred)
        else:
            chosen = 0
        self.frequencySelector.setCurrentIndex(chosen)
        for combo in (self.unitSelector, self.frequencySelector):
            combo.blockSignals(False)
        liquid = form == "liquid"
        self._layout.setRowVisible(self.concentrationInput, liquid)
        self._dose_label.setText("&Volume each time" if liquid else "&Dose each time")
        self.doseInput.setAccessibleName("Volume each time" if liquid else "Dose amount")
        self._apply_frequency()

    def _apply_frequency(self) -> None:
        weekly = self.frequencySelector.currentData() == WEEKLY_SCHEDULE
        self._layout.setRowVisible(self._weekly, weekly)
        self._layout.setRowVisible(self._dose_label, not weekly)
        unit = self.unitSelector.currentData()
        self._weekly_label.setText(f"Amoun&t on each day, in {unit} (leave days without a dose empty)")
        for day, edit in zip(WEEKDAYS, self.weeklyInputs, strict=True):
            edit.setAccessibleName(f"Amount on {day} in {unit}")

    def _form_changed(self) -> None:
        self._apply_form(self.form())
        self.changed.emit()

    def _frequency_changed(self) -> None:
        self._apply_frequency()
        self.changed.emit()

    def _unit_changed(self) -> None:
        self._apply_frequency()
        self.changed.emit()
