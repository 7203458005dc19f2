"""The dose form made for a finger: large buttons instead of small drop-downs.

The workstation's QComboBoxes stay the model (hidden, with their object names), so the
form's own logic (which units and frequencies fit which form) is not repeated here:
each row of buttons mirrors its combo box and sets it when tapped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from gui.dose_form import DoseForm
from gui.palette import is_dark

#: Every control on the kiosk is at least this high (WCAG 2.5.5 asks 44 px, the issue 48 px).
TOUCH_MIN_HEIGHT = 56
#: Kiosk fonts against the workstation's (read at arm's length, standing).
FONT_SCALE = 1.5
_WRAP_AT = 12  # characters: longer choice labels break onto a second line
_WIDE_AT = 30  # characters: a label this long gets a row of its own (on two lines)
_WIDE_AT_IN_TWO = 20  # characters: in two columns, a label this long gets a row of its own


def fit_width(button: QPushButton) -> None:
    """As narrow as the button's longest line allows, and never narrower than a finger: the
    style's default minimum (80 px) would make four unit buttons too wide for a narrow screen."""
    metrics = button.fontMetrics()
    text = max(button.text().split("\n"), key=metrics.horizontalAdvance)
    button.setMinimumWidth(max(TOUCH_MIN_HEIGHT, metrics.horizontalAdvance(text) + 24))


def wrapped(label: str, width: int = _WRAP_AT) -> str:
    """Break a long label at the space nearest its middle, so buttons stay narrow."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1 :]


class TouchChoices(QWidget):
    """A grid of checkable buttons showing a combo box's items; tapping one selects it.

    `sync()` follows the combo when the form changes its items (e.g. tablet -> injection).
    """

    def __init__(self, combo: QComboBox, name: str, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(combo.accessibleName())
        self.combo = combo
        self.columns = columns
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._items: list[tuple[str, str]] = []
        combo.setParent(self)  # leaves the form's layout: the buttons take its place
        combo.hide()
        combo.currentIndexChanged.connect(self.sync)
        model = combo.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.sync)
        self.group.idClicked.connect(self._clicked)
        self.sync()

    def buttons(self) -> list[QPushButton]:
        return [b for b in self.group.buttons() if isinstance(b, QPushButton)]

    def button(self, data: str) -> QPushButton | None:
        """The button for an item's data (a unit, form or frequency id)."""
        for index, (item, _label) in enumerate(self._items):
            if item == data:
                found = self.group.button(index)
                return found if isinstance(found, QPushButton) else None
        return None

    def sync(self) -> None:
        """Rebuild the buttons if the combo's items changed; check the current one."""
        items = [(str(self.combo.itemData(i)), self.combo.itemText(i)) for i in range(self.combo.count())]
        if items != self._items:
            for button in self.group.buttons():
                self.group.removeButton(button)
                button.deleteLater()
            self._items = items
            for index, (data, label) in enumerate(items):
                button = QPushButton(wrapped(label))
                button.setObjectName(f"{self.objectName()}_{data}")
                button.setAccessibleName(f"{self.combo.accessibleName()}: {label}")
                button.setCheckable(True)
                button.setAutoDefault(False)
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap leaves the focus in the dose field
                button.setMinimumHeight(TOUCH_MIN_HEIGHT + (8 if "\n" in button.text() else 0))
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                fit_width(button)
                self.group.addButton(button, index)
            self._place()
        current = self.combo.currentIndex()
        self.group.setExclusive(False)  # a cleared choice (-1) leaves no button checked
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == current)
        self.group.setExclusive(True)
        self._colour_checked()

    def _colour_checked(self) -> None:
        """The chosen unit, form or frequency must be unmistakable in light and dark themes
        (mg or mcg is a thousandfold): it takes the selection colours, not a shade of grey.
        (A palette, not a style sheet: a style sheet would reset the kiosk's large font.)"""
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        chosen = QPalette(palette)
        # Lightness opposite to the other buttons (not only another hue), text at least 4.5:1
        # as the style renders it (tests/gui/test_contrast.py, light and dark).
        if is_dark(palette):
            chosen.setColor(QPalette.ColorRole.Button, highlight.lighter(150))
            chosen.setColor(QPalette.ColorRole.ButtonText, QColor("#000000"))
        else:
            chosen.setColor(QPalette.ColorRole.Button, highlight.darker(150))
            chosen.setColor(QPalette.ColorRole.ButtonText, QColor("#ffffff"))
        for button in self.group.buttons():
            button.setPalette(chosen if button.isChecked() else palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_checked()  # the system switched between light and dark
        elif event.type() == QEvent.Type.FontChange:
            for button in self.buttons():  # the kiosk's type arrives once the row is on the window
                fit_width(button)
        super().changeEvent(event)

    def set_columns(self, columns: int) -> None:
        """Lay the buttons out in `columns` columns (fewer on a narrow screen)."""
        if columns != self.columns:
            self.columns = columns
            self._place()

    def _place(self) -> None:
        """Fill the grid row by row; a long label takes a whole row, on two lines."""
        while self._grid.count():
            self._grid.takeAt(0)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        row, col = 0, 0
        for index, (_data, label) in enumerate(self._items):
            button = self.group.button(index)
            if len(label) >= (_WIDE_AT if self.columns > 2 else _WIDE_AT_IN_TWO):
                if col:
                    row, col = row + 1, 0
                button.setText(wrapped(label, 15) if len(label) >= _WIDE_AT else label)
                button.setMinimumHeight(TOUCH_MIN_HEIGHT + (8 if "\n" in button.text() else 0))
                fit_width(button)
                self._grid.addWidget(button, row, 0, 1, self.columns)
                row += 1
                continue
            button.setText(wrapped(label))
            button.setMinimumHeight(TOUCH_MIN_HEIGHT + (8 if "\n" in button.text() else 0))
            fit_width(button)
            self._grid.addWidget(button, row, col)
            col += 1
            if col == self.columns:
                row, col = row + 1, 0
        for column in range(self.columns):  # equal columns, whatever their labels
            self._grid.setColumnStretch(column, 1)

    def _clicked(self, index: int) -> None:
        if 0 <= index < self.combo.count():
            self.combo.setCurrentIndex(index)
            self.combo.activated.emit(index)  # a tap is the user's choice, even of the item shown
        self.sync()  # a tap on the current item must leave it checked, not unchecked


def touch_form(form: DoseForm) -> dict[str, TouchChoices]:
    """Rearrange `form` for touch: labels above fields, button rows for unit, form and frequency."""
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    layout.setContentsMargins(0, 0, 0, 0)  # the page has its own; a narrow screen needs every pixel
    layout.setVerticalSpacing(6)
    for edit in (form.doseInput, form.concentrationInput, *form.weeklyInputs):
        edit.setClearButtonEnabled(False)  # too small for a finger; the keypad has Clear
        edit.setMinimumHeight(TOUCH_MIN_HEIGHT)
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    rows = {
        key: _row_of(layout, combo)
        for key, combo in (("form", form.formSelector), ("frequency", form.frequencySelector))
    }
    choices = {
        "unit": TouchChoices(form.unitSelector, "unitButtons", columns=4),
        "form": TouchChoices(form.formSelector, "formButtons", columns=3),
        "frequency": TouchChoices(form.frequencySelector, "frequencyButtons", columns=3),
        "weeklyUnit": TouchChoices(form.weeklyUnitSelector, "weeklyUnitButtons", columns=4),
    }
    form.weeklyUnitWidget = choices["weeklyUnit"]
    form.weeklyLabel.setText("Unit for every day")
    form.arrange_weekly(days_per_row=2, unit_on_its_own_row=True, day_labels_beside=True)
    for key, row in rows.items():  # the buttons go where the combo box was
        layout.setWidget(row, QFormLayout.ItemRole.FieldRole, choices[key])
    for row_of_buttons in choices.values():  # the form refills its combo boxes with their signals blocked
        form.changed.connect(row_of_buttons.sync)
    unit_label = QLabel("Unit")
    unit_label.setObjectName("unitLabel")
    layout.insertRow(1, unit_label, choices["unit"])
    drop_mnemonics(form)
    form.changed.connect(lambda: drop_mnemonics(form))  # the form relabels rows when the form changes
    return choices


def drop_mnemonics(form: DoseForm) -> None:
    """No Alt+letter underlines: a touch screen has no Alt key, and the labels read cleaner."""
    for label in form.findChildren(QLabel):
        if "&" in label.text():
            label.setText(label.text().replace("&", ""))


def _row_of(layout: QFormLayout, field: QWidget) -> int:
    """The form layout row that holds `field`."""
    row, _role = layout.getWidgetPosition(field)
    if row < 0:
        raise LookupError(field.objectName())
    return row


def text_fields(form: DoseForm) -> tuple[QLineEdit, ...]:
    """The fields the keypad can type into."""
    return (form.doseInput, form.concentrationInput, *form.weeklyInputs)
