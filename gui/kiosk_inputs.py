"""The kiosk's inputs, as two pages that take turns beside the keypad.

The choices page holds the dose (or volume), its unit, the form, the frequency and, for
a liquid, the concentration entry. Seven day fields do not fit beside those on a ward
screen (at 1280x800 they pushed the form off the screen, Sunday out of reach), so the
weekly schedule is a page of its own: choosing "Different amounts on days of the week"
opens it, with its own unit buttons, the seven days two to a row, and a button back to
the choices. The keypad stays beside whichever page is shown and types into it.

Each page scrolls on its own, so a short page never scrolls for the sake of a long one;
at 1280x800 and above neither needs to. The choices lay out in three columns, or two on a
narrow screen (`set_compact`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.form_choices import WEEKLY_SCHEDULE
from gui.dose_form import DoseForm
from gui.touch_concentration import ConcentrationEntry
from gui.touch_form import TOUCH_MIN_HEIGHT, TouchChoices, drop_mnemonics, touch_form

SCROLLBAR_WIDTH = 28  # px: wide enough for a finger


def _scroll(name: str, page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap on a choice leaves the cursor where it is
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # only the bar: a style sheet on the area would reset the kiosk's fonts
    area.verticalScrollBar().setStyleSheet(f"QScrollBar:vertical {{ width: {SCROLLBAR_WIDTH}px; }}")
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


def _touch_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setAutoDefault(False)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap leaves the cursor in its field
    button.setMinimumHeight(TOUCH_MIN_HEIGHT)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class KioskInputs(QStackedWidget):
    """The choices page and the weekly schedule's page (object names `choicesPage`, `daysPage`).

    `choices` maps "unit", "form", "frequency", "weeklyUnit" and "concentrationUnit" to
    their rows of buttons; `concentration` is the liquid's concentration entry.
    `pageChanged` is emitted when the other page is shown.
    """

    pageChanged = Signal()

    def __init__(self, form: DoseForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskInputs")
        self.form = form
        self.choices: dict[str, TouchChoices] = touch_form(form)
        layout = form.layout()
        assert isinstance(layout, QFormLayout)

        # the liquid's concentration: three parts instead of one typed text
        self.concentration = ConcentrationEntry(form.concentrationInput)
        self.choices["concentrationUnit"] = self.concentration.unitButtons
        row, _role = layout.getWidgetPosition(form.concentrationInput)
        form.concentrationInput.setParent(self.concentration)  # kept (core reads it), never shown
        form.concentrationInput.hide()
        layout.setWidget(row, QFormLayout.ItemRole.FieldRole, self.concentration)
        label = layout.labelForField(self.concentration)
        if isinstance(label, QLabel):
            label.setText("Concentration")  # its unit is a choice here, not fixed at mg/mL
        for edit in self.concentration.fields():
            edit.installEventFilter(form)  # a USB keypad's decimal key, as in the form's own fields

        # on the choices page, a weekly schedule shows as a button that opens its page
        self.openDaysButton = _touch_button("Amounts on each day …", "openDaysButton")
        self.openDaysButton.clicked.connect(self.open_days)
        layout.insertRow(0, self.openDaysButton)

        choices_page = QWidget()
        choices_page.setObjectName("choicesPage")
        box = QVBoxLayout(choices_page)
        box.setContentsMargins(0, 0, 8, 0)
        box.addWidget(form)
        box.addStretch(1)

        days_page = QWidget()
        days_page.setObjectName("daysPage")
        days = QVBoxLayout(days_page)
        days.setContentsMargins(0, 0, 8, 0)
        days.setSpacing(8)
        self.daysTitle = QLabel("Tablets: a different amount on each day")
        self.daysTitle.setObjectName("daysTitle")
        self.daysTitle.setWordWrap(True)
        title_font = self.daysTitle.font()
        title_font.setBold(True)
        self.daysTitle.setFont(title_font)
        self.backButton = _touch_button("Back to the frequency", "daysBackButton")
        self.backButton.clicked.connect(self.close_days)
        heading = QHBoxLayout()
        heading.addWidget(self.daysTitle, 1)
        days.addLayout(heading)
        days.addWidget(self.backButton)
        days.addWidget(form.take_weekly_panel())
        days.addStretch(1)
        drop_mnemonics(form)  # taking the panel out relabelled the form's rows

        # a row whose choice was cleared says so beside its name, not only in the message
        self._row_labels = {
            key: (label, label.text())
            for key in ("unit", "frequency")
            if isinstance(label := layout.labelForField(self.choices[key]), QLabel)
        }

        self.choicesScroll = _scroll("inputsScroll", choices_page)
        self.daysScroll = _scroll("daysScroll", days_page)
        self.addWidget(self.choicesScroll)
        self.addWidget(self.daysScroll)
        self._days_open = False
        self._was_weekly = False
        self._switching = False
        form.changed.connect(self.follow_form)
        form.frequencySelector.activated.connect(self._frequency_tapped)
        self.follow_form()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As wide as the widest page needs beside its scroll bar: a page is never cut off
        sideways (a scroll area alone would allow it)."""
        pages = (self.choicesScroll.widget(), self.daysScroll.widget())
        width = max(page.minimumSizeHint().width() for page in pages) + SCROLLBAR_WIDTH + 4
        return QSize(width, 3 * TOUCH_MIN_HEIGHT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.minimumSizeHint()

    # -- pages ------------------------------------------------------------------------
    def days_open(self) -> bool:
        return self._days_open

    def switching(self) -> bool:
        """True while the pages change places (the focus moves then by Qt's own rule)."""
        return self._switching

    def open_days(self) -> None:
        """Show the weekly schedule's page (only while the schedule is the frequency)."""
        self._show(self.form.choices.is_weekly)

    def close_days(self) -> None:
        """Back to the choices (the schedule stays the frequency until another is chosen)."""
        self._show(False)

    def _frequency_tapped(self, index: int) -> None:
        if self.form.frequencySelector.itemData(index) == WEEKLY_SCHEDULE:
            self.open_days()  # also a tap on the schedule when it is already chosen

    def follow_form(self) -> None:
        """Choosing the schedule opens its page; any other frequency (or form) closes it."""
        choices = self.form.choices
        for key, (label, name) in self._row_labels.items():
            label.setText(f"{name}: choose one" if getattr(choices, key) is None else name)
        weekly = choices.is_weekly
        layout = self.form.layout()
        assert isinstance(layout, QFormLayout)
        layout.setRowVisible(self.choices["unit"], not weekly)  # the schedule has its own unit
        opening = weekly and not self._was_weekly
        self._was_weekly = weekly
        self._show(self._days_open and weekly or opening)

    def _show(self, days: bool) -> None:
        changed = days != self._days_open or self.currentWidget() is not (
            self.daysScroll if days else self.choicesScroll
        )
        self._days_open = days
        self.openDaysButton.setVisible(self.form.choices.is_weekly and not days)
        self._switching = True  # Qt moves the focus to the page's own last focus: not ours to follow
        try:
            self.setCurrentWidget(self.daysScroll if days else self.choicesScroll)
        finally:
            self._switching = False
        if changed:
            self.pageChanged.emit()

    # -- for the window ------------------------------------------------------------------
    def reveal(self, field: QWidget) -> None:
        """Scroll the page that holds `field` until it shows. The keypad types into the field
        that last had the cursor; at 1024x600 the choices page scrolls, and a nurse who has
        scrolled down to a frequency would otherwise type into a dose field out of sight."""
        for area in (self.choicesScroll, self.daysScroll):
            page = area.widget()
            if page is not None and page.isAncestorOf(field):
                # the whole field: ensureWidgetVisible brings only a line edit's cursor into sight
                centre = field.mapTo(page, field.rect().center())
                area.ensureVisible(centre.x(), centre.y(), field.width() // 2, field.height() // 2 + 8)

    def typing_fields(self) -> tuple[QLineEdit, ...]:
        """Every field the keypad can type into (the form's concentration field is written
        by the concentration entry, never typed)."""
        form = self.form
        return (form.doseInput, *self.concentration.fields(), *form.weeklyInputs)

    def set_compact(self, compact: bool) -> None:
        """Two columns of choices on a narrow screen, three otherwise."""
        columns = 2 if compact else 3
        if self.choices["frequency"].columns == columns:
            return
        for key in ("form", "frequency"):
            self.choices[key].set_columns(columns)
        # Tell every level now, bottom up, that it may be narrower: the scroll areas size
        # their pages in this same resize, and would otherwise keep them as wide as before
        # (cut off at the side) until some later change made them look again.
        for row in self.choices.values():
            row.updateGeometry()
        self.form.updateGeometry()
        for area in (self.choicesScroll, self.daysScroll):
            area.widget().updateGeometry()
        self.updateGeometry()

    def reset(self) -> None:
        """The launch state: the choices page at its top, an empty concentration in mg."""
        self.concentration.reset()
        self._was_weekly = False
        self._show(False)
