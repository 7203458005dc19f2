"""The inputs: dose, unit, form, frequency, concentration and a week's schedule.

The form only collects text and choices; what they mean is core's business
(`core.form_input`), and so is how the choices change: `core.form_state` holds the
intent rule (no value the user typed or chose changes meaning without the user's own
action) as plain data, and this widget only displays it. Each user action on a control
becomes one `core.form_state` call; the combo boxes are then refilled from the result
with their signals blocked, so a refill is never mistaken for a choice.

What each transition keeps, in short (the full rule is in `core.form_state`):

- A new form keeps every choice it still offers and every text typed.
- A unit or frequency it does not offer is cleared when the user chose it or a number
  typed under it is on the form: the control shows "Choose…" (the kiosk's buttons show
  none chosen), `FormValues.notices` says what was cleared and why, and the window shows
  no answer until the user chooses. A default nobody chose, with nothing typed under it,
  becomes the new form's default instead.
- A cleared choice stays cleared when the form is switched back.
- The weekly schedule has its own unit (`weeklyUnitSelector`): the dose's unit and the
  schedule's unit never change each other.
- Escape empties the texts and keeps the choices; `reset` (the kiosk's idle reset)
  returns to the launch defaults.

The hardware numeric keypad's decimal key types this computer's decimal separator, as
spreadsheets do (a German keypad's key sends "," and an English one "."; the user means
"the decimal point" either way).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
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

from core.form_choices import FORMS, UNITS_FOR_FORM, WEEKDAYS, WEEKLY_SCHEDULE, frequencies_for, frequency
from core.form_state import (
    FormChoices,
    Typed,
    choose_form,
    choose_frequency,
    choose_unit,
    choose_weekly_unit,
    start,
    weekly_units,
)

#: Longer than any dose text core accepts (it refuses what is longer, saying so), short
#: enough that nobody pastes a document.
_MAX_TYPED = 200


class _WholeEditsOnly(QValidator):
    """Caps a field's length by refusing an edit that would pass it, whole.

    `QLineEdit.setMaxLength` cuts a paste to fit instead: the field then holds a text the
    user never wrote (even half of a character outside the BMP, invisible in `text()` but
    filling the last place). Refused whole, the field keeps exactly what the user had.
    """

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Acceptable if len(text) <= _MAX_TYPED else QValidator.State.Invalid
        return state, text, pos


_WHOLE_EDITS_ONLY = _WholeEditsOnly()
#: What a control with no choice shows (a cleared unit or frequency).
CHOOSE = "Choose…"
#: The widest text a day of the weekly schedule must show whole.
_WIDEST_DAY_TEXT = "250 mcg"
_DAYS_PER_ROW = 4


class FormValues(NamedTuple):
    """What the form holds right now, exactly as typed and chosen (None: cleared)."""

    amount_text: str
    unit: str | None
    form: str
    frequency_id: str | None
    frequency_label: str
    concentration_text: str
    weekly_texts: tuple[str, ...]
    weekly_unit: str = "mg"
    notices: tuple[str, ...] = ()

    @property
    def is_weekly(self) -> bool:
        return self.frequency_id == WEEKLY_SCHEDULE

    @property
    def unit_in_use(self) -> str | None:
        """The unit of the amounts read now: the schedule's own, or the dose's."""
        return self.weekly_unit if self.is_weekly else self.unit

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
                f"{d} {t.strip()} {self.weekly_unit}"
                for d, t in zip(WEEKDAYS, self.weekly_texts, strict=True)
                if t.strip()
            ]
            amount = ", ".join(days) + " each week"
        else:
            amount = f"{self.amount_text.strip()} {self.unit or ''}, {self.frequency_label.lower()}"
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
    edit.setValidator(_WHOLE_EDITS_ONLY)
    edit.setClearButtonEnabled(True)
    return edit


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setPlaceholderText(CHOOSE)  # shown when a cleared choice leaves no selection
    return combo


def is_keypad_decimal(event: QKeyEvent) -> bool:
    """The numeric keypad's decimal key ("." or "," by keyboard layout; Qt has no Key_Decimal)."""
    return bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier) and event.key() in (
        Qt.Key.Key_Period,
        Qt.Key.Key_Comma,
    )


class DoseForm(QWidget):
    """The dose inputs. Emits `changed` on every edit and `submitted` on Enter."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, decimal_separator: str = ".", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doseForm")
        self.decimal_separator = decimal_separator
        self._preferred_frequency: dict[str, str] = {}
        self.choices: FormChoices = start()
        self._weekly_detached = False

        self.doseInput = _line_edit("doseInput", "Dose amount", "")
        self.doseInput.setAccessibleDescription("The amount given each time, read in this computer's number format.")
        self.unitSelector = _combo("unitSelector", "Unit")
        self.unitSelector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.formSelector = _combo("formSelector", "Form")
        for form_id, label in FORMS.items():
            self.formSelector.addItem(label, form_id)
        self.frequencySelector = _combo("frequencySelector", "Frequency")
        # the unit is in the label: a number alone is mg/mL; "10 mg/5 mL" may be typed whole
        self.concentrationInput = _line_edit("concentrationInput", "Concentration in mg/mL", "e.g. 1 or 10 mg/5 mL")
        self.concentrationInput.setAccessibleDescription("mg per mL of the liquid; a number alone means mg/mL.")
        self.weeklyUnitSelector = _combo("weeklyUnitSelector", "Unit of the weekly schedule")
        for unit in weekly_units():
            self.weeklyUnitSelector.addItem(unit, unit)
        self.weeklyInputs = tuple(_line_edit(f"weeklyInput{day}", f"Amount on {day}", "") for day in WEEKDAYS)
        self.set_decimal_separator(decimal_separator)

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
        self._concentration_label = QLabel("Co&ncentration, mg/mL")
        self._concentration_label.setBuddy(self.concentrationInput)
        layout.addRow(self._concentration_label, self.concentrationInput)
        self.weeklyPanel = self._build_weekly()
        layout.addRow(self.weeklyPanel)  # spans both columns: seven fields need the width
        self._layout = layout

        QWidget.setTabOrder(self.doseInput, self.unitSelector)
        QWidget.setTabOrder(self.unitSelector, self.formSelector)
        QWidget.setTabOrder(self.formSelector, self.frequencySelector)
        QWidget.setTabOrder(self.frequencySelector, self.concentrationInput)
        QWidget.setTabOrder(self.concentrationInput, self.weeklyUnitSelector)
        previous: QWidget = self.weeklyUnitSelector
        for edit in self.weeklyInputs:
            QWidget.setTabOrder(previous, edit)
            previous = edit

        self._show_choices()

        for edit in self.text_fields():
            edit.textChanged.connect(self.changed)
            edit.returnPressed.connect(self.submitted)
            edit.installEventFilter(self)
        for combo, handler in (
            (self.unitSelector, self._unit_chosen),
            (self.formSelector, self._form_chosen),
            (self.frequencySelector, self._frequency_chosen),
            (self.weeklyUnitSelector, self._weekly_unit_chosen),
        ):
            # activated: a user's choice, even of the item already shown (it becomes theirs);
            # currentIndexChanged: automation that sets the index (refills block signals)
            combo.activated.connect(handler)
            combo.currentIndexChanged.connect(handler)

    def _build_weekly(self) -> QWidget:
        """The weekly schedule: its own unit, then the days in rows wide enough for '250 mcg'."""
        panel = QWidget()
        panel.setObjectName("weeklySchedule")
        panel.setAccessibleName("Amount on each day of the week")
        self.weeklyLabel = QLabel("Amoun&t on each day, in")
        self.weeklyLabel.setObjectName("weeklyLabel")
        self.weeklyLabel.setBuddy(self.weeklyInputs[0])
        self.weeklyUnitWidget: QWidget = self.weeklyUnitSelector  # the kiosk puts buttons here
        self.weeklyHint = QLabel("Leave days without a dose empty.")
        self.weeklyHint.setObjectName("weeklyHint")
        self.weeklyHint.setWordWrap(True)
        self.weeklyDayLabels: list[QLabel] = []
        for day, edit in zip(WEEKDAYS, self.weeklyInputs, strict=True):
            label = QLabel(day)
            label.setObjectName(f"weeklyLabel{day}")
            label.setBuddy(edit)
            self.weeklyDayLabels.append(label)
            edit.setClearButtonEnabled(False)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._weekly_grid = QGridLayout(panel)
        self._weekly_grid.setContentsMargins(0, 0, 0, 0)
        self.arrange_weekly(_DAYS_PER_ROW, unit_on_its_own_row=False, day_labels_beside=False)
        self.fit_weekly_fields()
        return panel

    def arrange_weekly(self, days_per_row: int, unit_on_its_own_row: bool, day_labels_beside: bool) -> None:
        """Lay out the schedule: the workstation puts the unit after its label and each day's
        name above its field, four days a row; the kiosk gives its unit buttons a row and
        puts each name beside its field, two days a row."""
        grid = self._weekly_grid
        while grid.count():  # take every item out (the widgets stay, ready to be placed again)
            inner = grid.takeAt(0).layout()
            if inner is not None:
                while inner.count():
                    inner.takeAt(0)
                inner.setParent(None)
        cells = 2 * days_per_row if day_labels_beside else days_per_row
        grid.setHorizontalSpacing(8 if day_labels_beside else 6)
        grid.setVerticalSpacing(8 if day_labels_beside else 2)
        if unit_on_its_own_row:
            grid.addWidget(self.weeklyLabel, 0, 0, 1, cells)
            grid.addWidget(self.weeklyUnitWidget, 1, 0, 1, cells)
        else:
            heading = QHBoxLayout()
            heading.addWidget(self.weeklyLabel)
            heading.addWidget(self.weeklyUnitWidget)
            heading.addStretch(1)
            grid.addLayout(heading, 0, 0, 1, cells)
        grid.addWidget(self.weeklyHint, 2, 0, 1, cells)
        for index, (label, edit) in enumerate(zip(self.weeklyDayLabels, self.weeklyInputs, strict=True)):
            row, column = divmod(index, days_per_row)
            if day_labels_beside:
                grid.addWidget(label, 3 + row, 2 * column)
                grid.addWidget(edit, 3 + row, 2 * column + 1)
                grid.setColumnStretch(2 * column + 1, 1)
            else:
                grid.addWidget(label, 3 + 2 * row, column)
                grid.addWidget(edit, 4 + 2 * row, column)

    def take_weekly_panel(self) -> QWidget:
        """Take the weekly schedule out of the form (the kiosk shows it as a page of its own);
        the form then shows or hides the panel itself."""
        self._layout.takeRow(self.weeklyPanel)
        self._weekly_detached = True
        self._show_choices()
        return self.weeklyPanel

    def fit_weekly_fields(self) -> None:
        """Day fields wide enough to show '250 mcg' whole, in their current font (the frame
        and QLineEdit's own margins take about 12 px)."""
        for edit in self.weeklyInputs:
            text_width = edit.fontMetrics().horizontalAdvance(_WIDEST_DAY_TEXT)
            edit.setMinimumWidth(text_width + edit.fontMetrics().averageCharWidth() + 12)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self.fit_weekly_fields()  # the kiosk's larger type arrives after the fields are made
        super().changeEvent(event)

    # -- reading ------------------------------------------------------------------
    def form(self) -> str:
        return self.choices.form

    def text_fields(self) -> tuple[QLineEdit, ...]:
        """Every field the user types into."""
        return (self.doseInput, self.concentrationInput, *self.weeklyInputs)

    def typed(self) -> Typed:
        """Which texts hold something (what a choice can be 'under', core.form_state)."""
        return Typed(
            amount=bool(self.doseInput.text().strip()),
            weekly=any(e.text().strip() for e in self.weeklyInputs),
        )

    def values(self) -> FormValues:
        """The current inputs, untouched (core does all reading)."""
        choices = self.choices
        return FormValues(
            amount_text=self.doseInput.text(),
            unit=choices.unit,
            form=choices.form,
            frequency_id=choices.frequency,
            frequency_label=frequency(choices.frequency).label if choices.frequency else "",
            concentration_text=self.concentrationInput.text(),
            weekly_texts=tuple(e.text() for e in self.weeklyInputs),
            weekly_unit=choices.weekly_unit,
            notices=choices.notices(),
        )

    def field_widget(self, field: str) -> QWidget:
        """The widget a core Refusal's `field` points at, to focus or mark it."""
        weekly = self.choices.is_weekly
        if field == "concentration":
            return self.concentrationInput
        if field == "unit":
            return self.weeklyUnitSelector if weekly else self.unitSelector
        if field == "frequency":
            return self.frequencySelector
        if field == "form":
            return self.formSelector
        if weekly:
            return next((e for e in self.weeklyInputs if e.text().strip()), self.weeklyInputs[0])
        return self.doseInput

    # -- choosing -----------------------------------------------------------------
    def set_decimal_separator(self, separator: str) -> None:
        """This computer's decimal separator: the dose's example, and what the keypad's key types."""
        self.decimal_separator = separator
        self.doseInput.setPlaceholderText(f"e.g. 0{separator}25")

    def select(self, combo: QComboBox, data: str) -> None:
        """Choose the item whose data is `data` (a form, unit or frequency id), as a user would."""
        index = combo.findData(data)
        if index < 0:
            raise KeyError(data)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def set_preferred_frequency(self, form: str, frequency_id: str) -> None:
        """The frequency offered first when the user next switches to `form` with nothing
        held (e.g. the labelled interval). What is chosen now never changes: the scheme,
        which says what to prefer, can arrive after the user has already chosen."""
        self._preferred_frequency[form] = frequency_id

    def clear_typed(self) -> None:
        """Empty every text the user typed (Escape); the choices stay."""
        for edit in self.text_fields():
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.changed.emit()

    def reset(self) -> None:
        """The choices at launch (the kiosk's idle reset): defaults, nothing chosen or cleared."""
        self.choices = start(preferred_frequency=self._preferred_frequency)
        self._show_choices()
        self.changed.emit()

    # -- user actions -> core.form_state -------------------------------------------
    def _form_chosen(self) -> None:
        form = self.formSelector.currentData()
        if form is None or form == self.choices.form:
            return
        self._apply(choose_form(self.choices, str(form), self.typed(), self._preferred_frequency))

    def _unit_chosen(self) -> None:
        unit = self.unitSelector.currentData()
        if unit is not None:
            self._apply(choose_unit(self.choices, str(unit)))

    def _frequency_chosen(self) -> None:
        freq = self.frequencySelector.currentData()
        if freq is not None:
            self._apply(choose_frequency(self.choices, str(freq)))

    def _weekly_unit_chosen(self) -> None:
        unit = self.weeklyUnitSelector.currentData()
        if unit is not None:
            self._apply(choose_weekly_unit(self.choices, str(unit)))

    def _apply(self, choices: FormChoices) -> None:
        if choices == self.choices:
            return
        self.choices = choices
        self._show_choices()
        self.changed.emit()

    # -- display ---------------------------------------------------------------------
    def _show_choices(self) -> None:
        """Show `self.choices`: the items the form offers, the chosen one or none (cleared)."""
        choices = self.choices
        combos = (self.unitSelector, self.formSelector, self.frequencySelector, self.weeklyUnitSelector)
        for combo in combos:
            combo.blockSignals(True)
        _fill(self.unitSelector, [(u, u) for u in UNITS_FOR_FORM[choices.form]], choices.unit)
        self.formSelector.setCurrentIndex(self.formSelector.findData(choices.form))
        _fill(self.frequencySelector, [(f.id, f.label) for f in frequencies_for(choices.form)], choices.frequency)
        self.weeklyUnitSelector.setCurrentIndex(self.weeklyUnitSelector.findData(choices.weekly_unit))
        for combo in combos:
            combo.blockSignals(False)
        liquid = choices.form == "liquid"
        weekly = choices.is_weekly
        self._layout.setRowVisible(self._concentration_label, liquid)  # the kiosk replaces the field
        if self._weekly_detached:
            self.weeklyPanel.setVisible(weekly)
        else:
            self._layout.setRowVisible(self.weeklyPanel, weekly)
        self._layout.setRowVisible(self._dose_label, not weekly)
        self._dose_label.setText("&Volume each time" if liquid else "&Dose each time")
        self.doseInput.setAccessibleName("Volume each time" if liquid else "Dose amount")
        for day, edit in zip(WEEKDAYS, self.weeklyInputs, strict=True):
            edit.setAccessibleName(f"Amount on {day} in {choices.weekly_unit}")

    # -- keys ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The numeric keypad's decimal key types the locale's separator."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QLineEdit)
            and is_keypad_decimal(event)
        ):
            watched.insert(self.decimal_separator)
            return True
        return super().eventFilter(watched, event)


def _fill(combo: QComboBox, items: list[tuple[str, str]], current: str | None) -> None:
    """Offer `items` (data, label); select `current`, or nothing when it is None (cleared)."""
    if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] != items:
        combo.clear()
        for data, label in items:
            combo.addItem(label, data)
    combo.setCurrentIndex(combo.findData(current) if current is not None else -1)
