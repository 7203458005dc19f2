"""The main window: assembles the form, the answer, the bar and the precautions.

Data flows one way: form -> core.form_input.regimen_from_form -> core.classify ->
the widgets. Every edit reclassifies at once (core takes microseconds), and a refused
or empty input clears the whole answer, so a stale answer is never on screen.

At start-up the window can be built and painted before the scheme is read (see
`gui.app`): it then shows no answer, keeps whatever is typed, and answers once
`set_scheme` and `scheme_checks_passed` have been called. Core's parsing and
classification modules are imported on first use, not with this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.form_choices import WEEKLY_SCHEDULE, frequencies_for
from core.locales import choose_locale
from core.refusal import Refusal
from gui.accessibility import Announcer, install, name_clear_button, name_with_text
from gui.dose_bar import DoseBar
from gui.dose_form import DoseForm, FormValues
from gui.icon import app_icon
from gui.palette import error_colour
from gui.precautions_view import PrecautionsView
from gui.result_panel import ResultPanel

if TYPE_CHECKING:
    import datetime

    from core.classify import Classification
    from core.formatting import NumberFormat
    from core.scheme import Scheme
    from core.site_config import SiteConfig

TITLE = "Naltrexone dose band calculator"
MINIMUM_SIZE = QSize(1024, 600)


READING_SCHEME = "Reading the dose scheme…"
CHECKING_SCHEME = "Checking the dose scheme's worked examples…"


class MainWindow(QMainWindow):
    """The calculator window; `MainWindow()` runs on the bundled scheme.

    With `scheme_later=True` and no scheme, the window is built without one and answers
    nothing until `set_scheme` and `scheme_checks_passed` (the staged start in `gui.app`).

    `locale` is the locale numbers are read and shown in; None: the environment's
    (core.locales.choose_locale: LC_ALL, LC_NUMERIC, LANG). Its number format (CLDR via
    Babel) is resolved at once, or with `scheme_later` by `set_locale` after the first
    paint; an unknown locale raises a Refusal (gui.app refuses it once, at start-up).
    """

    def __init__(
        self,
        scheme: Scheme | None = None,
        locale: str | None = None,
        parent: QWidget | None = None,
        *,
        scheme_later: bool = False,
    ) -> None:
        super().__init__(parent)
        if scheme is None and not scheme_later:
            from core.verify import load_scheme

            scheme = load_scheme(None)
        self.scheme: Scheme | None = scheme
        chosen = choose_locale(locale)
        self.locale = chosen.name
        self.numbers: NumberFormat | None = None
        if not scheme_later:
            from core.locales import number_format

            self.numbers = number_format(*chosen)
        self._result: Classification | None = None
        # False from the start of a staged start until the scheme's worked examples pass
        self._checked = scheme is not None
        self._values: FormValues | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(TITLE)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(1280, 760)

        install()  # roles for the bar and the splitter (gui.accessibility), once per process
        self.form = DoseForm(self._decimal_separator())
        self.panel = ResultPanel()
        self.doseBar = DoseBar(scheme)
        self.precautionsView = PrecautionsView()
        self.errorLabel = QLabel()
        self.errorLabel.setObjectName("errorLabel")
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setAccessibleName("Message")
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errorLabel.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.schemeLabel = QLabel()
        self.schemeLabel.setObjectName("schemeLabel")
        self.schemeLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.schemeLabel.setWordWrap(True)
        self.schemeLabel.setAccessibleName("Scheme in use")
        self.schemeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.schemeLabel.setText(f"Scheme: {READING_SCHEME}")
        name_with_text(self.schemeLabel, "Scheme in use")
        self.announcer = Announcer(self.panel.bandLabel)  # the answer, spoken when it changes

        self._build_actions()
        self._build_layout()
        self._set_about_enabled(False)
        if scheme is not None:
            self._show_scheme(scheme)
        self.statusBar().setSizeGripEnabled(True)  # created now so a message never shifts the layout
        for edit in (self.form.doseInput, self.form.concentrationInput):
            name_clear_button(edit)
        self._wire()
        self.reclassify()
        self.form.doseInput.setFocus()

    # -- convenient handles (stable object names, design.md) --------------------------
    @property
    def doseInput(self) -> QLineEdit:  # noqa: N802 - the contract's object name
        return self.form.doseInput

    @property
    def bandLabel(self) -> QLabel:  # noqa: N802
        return self.panel.bandLabel

    def result(self) -> Classification | None:
        """The answer on screen now, or None when there is none."""
        return self._result

    # -- building ------------------------------------------------------------------
    def _decimal_separator(self) -> str:
        return self.numbers.decimal if self.numbers else "."

    def _show_scheme(self, scheme: Scheme) -> None:
        """Everything on screen that comes from the scheme but not from an answer."""
        self.schemeLabel.setText(f"Scheme: {scheme.label}. {scheme.review_status}")
        name_with_text(self.schemeLabel, "Scheme in use")
        self.schemeLabel.setToolTip(f"{scheme.path}\nSHA-256 {scheme.sha256}")
        self._prefer_labelled_injection_interval(scheme)
        self._set_about_enabled(True)

    def _prefer_labelled_injection_interval(self, scheme: Scheme) -> None:
        """Offer the scheme's labelled injection interval first when the user picks the injection."""
        for band in scheme.injection_bands:
            if band.rule == "labelled-regimen" and band.period_days:
                for freq in frequencies_for("injection"):
                    if freq.count == 1 and freq.period_days == band.period_days:
                        self.form.set_preferred_frequency("injection", freq.id)
                return

    def _action(self, text: str, shortcut: QKeySequence | str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # triggered(bool) would hand `checked` to a slot with an optional argument
        # (save_pdf(path) got False as its path): the slot is called with nothing.
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.copyAction = self._action("Copy summary", QKeySequence.StandardKey.Copy, self.copy_result)
        self.copyFullAction = self._action("Copy full record", QKeySequence("Ctrl+Shift+C"), self.copy_full_record)
        self.printAction = self._action("Print…", QKeySequence.StandardKey.Print, self.print_result)
        self.pdfAction = self._action("Save as PDF…", QKeySequence.StandardKey.Save, self.save_pdf)
        self.clearAction = self._action("Clear", QKeySequence(Qt.Key.Key_Escape), self.clear_input)
        self.aboutAction = self._action("About", QKeySequence.StandardKey.HelpContents, self.show_about)

    def _button(self, name: str, text: str, action: QAction, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        button.clicked.connect(action.trigger)
        button.setAutoDefault(False)
        return button

    def _copy_button(self) -> QToolButton:
        """Copy: a click copies the summary; its arrow offers the full record too."""
        button = QToolButton()
        button.setObjectName("copyButton")
        button.setText("&Copy summary")
        button.setAccessibleName("Copy summary")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        menu.setObjectName("copyMenu")
        menu.addAction(self.copyAction)
        menu.addAction(self.copyFullAction)
        button.setMenu(menu)
        button.clicked.connect(self.copyAction.trigger)
        button.setToolTip(
            "Copy a short summary for a pharmacy note (Ctrl+C); the arrow offers the full record (Ctrl+Shift+C)"
        )
        return button

    def _build_layout(self) -> None:
        inputs = QGroupBox("Regimen")
        inputs.setObjectName("inputsBox")
        box = QVBoxLayout(inputs)
        box.addWidget(self.form)
        box.addWidget(self.errorLabel)
        box.addStretch(1)
        inputs.setFixedWidth(430)  # the answer, not the form, gets the extra width of a big screen
        inputs.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        # room for a three-line message, so the layout never jumps while the user types
        self.errorLabel.setMinimumHeight(self.errorLabel.fontMetrics().lineSpacing() * 3 + 12)

        answer = QWidget()
        answer_layout = QVBoxLayout(answer)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(self.panel.bandLabel)
        answer_layout.addWidget(self.doseBar)
        answer_layout.addStretch(1)
        answer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        top = QHBoxLayout()
        top.addWidget(inputs, 0)
        top.addWidget(answer, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("detailSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.panel.explanationView)
        splitter.addWidget(self.precautionsView)
        splitter.setSizes([1, 1])

        self.copyButton = self._copy_button()
        self.printButton = self._button("printButton", "&Print…", self.printAction, "Print the one-page record")
        self.pdfButton = self._button("pdfButton", "&Save as PDF…", self.pdfAction, "Save the one-page record")
        self.aboutButton = self._button("aboutButton", "A&bout", self.aboutAction, "Version, scheme and sources")
        self.copyButton.setMinimumHeight(self.printButton.sizeHint().height())  # one row of equal buttons
        footer = QHBoxLayout()
        footer.addWidget(self.schemeLabel, 1)
        # two lines, the scheme's label once it is read, so the layout does not move then
        self.schemeLabel.setMinimumHeight(self.schemeLabel.fontMetrics().lineSpacing() * 2)
        for button in (self.copyButton, self.printButton, self.pdfButton, self.aboutButton):
            footer.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(line)
        layout.addLayout(footer)
        self.setCentralWidget(central)

        order: list[QWidget] = [
            self.form.doseInput,
            self.form.unitSelector,
            self.form.formSelector,
            self.form.frequencySelector,
            self.form.concentrationInput,
            self.form.weeklyUnitSelector,
            *self.form.weeklyInputs,
            self.doseBar,
            self.panel.explanationView,
            self.precautionsView,
            self.copyButton,
            self.printButton,
            self.pdfButton,
            self.aboutButton,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _wire(self) -> None:
        self.form.changed.connect(self.reclassify)
        self.form.submitted.connect(self._submitted)
        for widget in (
            self.form.doseInput,
            self.form.concentrationInput,
            *self.form.weeklyInputs,
            self.panel.explanationView,
            self.precautionsView,
        ):
            widget.installEventFilter(self)

    # -- start-up ------------------------------------------------------------------------
    def set_locale(self, locale: str, source: str = "--locale") -> None:
        """Read and show numbers in `locale`'s number format from now on (resolved after the
        first paint, with the site configuration's `[display] locale`). An unknown locale
        raises a Refusal naming `source` and changes nothing."""
        from core.locales import number_format

        self.numbers = number_format(locale, source)
        self.locale = locale
        self.form.set_decimal_separator(self._decimal_separator())
        self.reclassify()

    def apply_site_config(self, config: SiteConfig) -> None:
        """What the site configuration sets besides the scheme and the locale (nothing on a
        workstation; the kiosk's idle time and exit PIN)."""

    def set_scheme(self, scheme: Scheme) -> None:
        """The scheme read after the first paint: draw its bands, then wait for its worked
        examples (they import the unit library, the slowest part of start-up) to pass
        (`scheme_checks_passed`) before answering."""
        self.scheme = scheme
        self._checked = False
        self.doseBar.set_scheme(scheme)
        self._show_scheme(scheme)
        self.reclassify()

    def scheme_checks_passed(self) -> None:
        if self.scheme is None:
            raise RuntimeError("no scheme to answer from")
        self._checked = True
        self.reclassify()

    # -- the one-way flow ---------------------------------------------------------------
    def reclassify(self) -> None:
        """Read the form through core and show the full answer, or clear everything."""
        values = self.form.values()
        self._values = values
        if self.scheme is None or not self._checked or self.numbers is None:
            self._show_refusal(READING_SCHEME if self.scheme is None else CHECKING_SCHEME, hint=True)
            return
        if values.notices:  # a choice was cleared: say which and why; no answer until the user chooses
            self._show_refusal(" ".join(values.notices), hint=False)
            return
        from core.classify import classify
        from core.form_input import regimen_from_form

        try:
            regimen = regimen_from_form(
                values.amount_text,
                values.unit_in_use,
                values.form,
                values.frequency_id,
                self.numbers,
                self.scheme.limits,
                concentration_text=values.concentration_text,
                weekly_texts=values.weekly_texts if values.is_weekly else (),
            )
            result = classify(regimen, self.scheme, self.numbers)
        except Refusal as refusal:
            message = refusal.message + _where_frequency_goes(values.form, refusal)
            self._show_refusal(message, hint=values.nothing_typed())
            return
        self._show_result(result)

    def _show_result(self, result: Classification) -> None:
        self._result = result
        self.panel.show_result(result)
        self.doseBar.set_result(result)
        self.precautionsView.show_result(result)
        self.errorLabel.setText("")
        name_with_text(self.errorLabel, "Message")
        self.errorLabel.setProperty("severity", "")
        self._set_message_style("")
        self._set_output_enabled(True)
        self.announcer.say(result.headline)

    def _show_refusal(self, message: str, hint: bool) -> None:
        """Clear every part of the answer at once; say what is wrong and what to type."""
        self._result = None
        self.panel.clear(message)
        self.doseBar.set_result(None)
        self.precautionsView.clear_result()
        self.errorLabel.setText(message)
        name_with_text(self.errorLabel, "Message")
        self.announcer.say(message)
        self.errorLabel.setProperty("severity", "hint" if hint else "error")
        if hint:
            self._set_message_style("")
        else:
            self._set_message_style(self._error_sheet())
        self._set_output_enabled(False)

    def _error_sheet(self) -> str:
        """The error frame, in the error colour that reads well on the window's palette."""
        colour = error_colour(self.palette())
        return (
            f"QLabel#errorLabel {{ color: {colour}; border: 1px solid {colour}; border-radius: 4px;"
            " padding: 4px; font-weight: bold; }"
        )

    def _set_message_style(self, sheet: str) -> None:
        """Set the message's style sheet only when it differs: Qt re-polishes the label on
        every setStyleSheet, even an identical one (the sheet is compared whole)."""
        if self.errorLabel.styleSheet() != sheet:
            self.errorLabel.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new palette (the system switched light/dark): the chip and the message are
        styled again. A label with a style sheet keeps the palette its sheet was resolved
        against (palette(window-text) and the rest) until it is polished again, and the
        sheets are set only when they differ, so without this a chip or message kept the
        old theme's colours for as long as the answer (or the refusal) stayed the same."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "errorLabel"):  # not while being built
            self.panel.restyle()
            error = self.errorLabel.property("severity") == "error"
            sheet = self._error_sheet() if error else self.errorLabel.styleSheet()
            if sheet:
                self.errorLabel.setStyleSheet(sheet)  # set even when equal: polished against the new palette

    def _set_about_enabled(self, enabled: bool) -> None:
        """About shows the scheme, so it waits for it."""
        self.aboutAction.setEnabled(enabled)
        self.aboutButton.setEnabled(enabled)

    def _set_output_enabled(self, enabled: bool) -> None:
        for action in (self.copyAction, self.copyFullAction, self.printAction, self.pdfAction):
            action.setEnabled(enabled)
        for button in (self.copyButton, self.printButton, self.pdfButton):
            button.setEnabled(enabled)

    def _submitted(self) -> None:
        """Enter: classify now; if refused, put the cursor where the fault is."""
        self.reclassify()
        if self._result is None and self.errorLabel.property("severity") == "error":
            self.form.doseInput.selectAll()

    def clear_input(self) -> None:
        """Escape: empty what was typed and start again from the dose."""
        self.form.clear_typed()
        target = self.form.weeklyInputs[0] if self.form.values().is_weekly else self.form.doseInput
        target.setFocus()

    # -- output --------------------------------------------------------------------------
    def inputs_text(self) -> str:
        values = self._values or self.form.values()
        return values.describe()

    def record_text(self, when: datetime.datetime | None = None) -> str:
        """The full record as plain text ('' when there is no answer): Copy full record."""
        import datetime

        from gui.report_output import record_text

        if self._result is None:
            return ""
        return record_text(self._result, self.inputs_text(), when or datetime.datetime.now())

    def summary_text(self, when: datetime.datetime | None = None) -> str:
        """About ten lines for a pharmacy note ('' when there is no answer): Copy, Ctrl+C."""
        import datetime

        from gui.report_output import summary

        if self._result is None:
            return ""
        return summary(self._result, self.inputs_text(), when or datetime.datetime.now())

    def copy_result(self) -> None:
        """Copy the summary for a pharmacy note."""
        self._copy(self.summary_text(), "Summary copied, ready to paste into a pharmacy note.")

    def copy_full_record(self) -> None:
        self._copy(self.record_text(), "Full record copied as text.")

    def _copy(self, text: str, message: str) -> None:
        from gui.report_output import copy_to_clipboard

        if not text:
            return
        copy_to_clipboard(text)
        self.statusBar().showMessage(message, 5000)

    def save_pdf(self, path: str | None = None) -> str | None:
        """Save the record as a one-page PDF; asks where when `path` is None. Returns the path or None."""
        import datetime
        from pathlib import Path

        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from gui.report_output import write_pdf

        if self._result is None:
            return None
        if path is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"naltrexone-dose-{self._result.band.id}-{stamp}.pdf")
            path, _filter = QFileDialog.getSaveFileName(self, "Save the record as PDF", suggested, "PDF (*.pdf)")
            if not path:
                return None
        try:
            write_pdf(path, self._result, self.inputs_text(), datetime.datetime.now(), self.locale)
        except OSError as error:
            QMessageBox.warning(
                self, "The PDF was not saved", f"{path} could not be written: {error}.\n\nChoose another folder."
            )
            return None
        self.statusBar().showMessage(f"Record saved to {path}", 8000)
        return path

    def print_result(self) -> None:
        import datetime

        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from gui.record_page import page_size_for
        from gui.report_output import print_record

        if self._result is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(page_size_for(self.locale))  # the user may choose other paper in the dialog
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the record")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            print_record(printer, self._result, self.inputs_text(), datetime.datetime.now())
        except OSError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Nothing was printed", f"The printer could not start the page: {error}.")
            return
        self.statusBar().showMessage("Record sent to the printer.", 8000)

    def show_about(self) -> None:
        from gui.about import AboutDialog

        if self.scheme is not None:
            AboutDialog(self.scheme, self).exec()

    # -- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+C in a text field with nothing selected copies the result instead."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Copy) and isinstance(watched, QLineEdit | QTextBrowser):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key press comes to us below, not to the window's action
                    return True
                if _has_selection(watched):
                    return False
                self.copy_result()
                return True
        return super().eventFilter(watched, event)


def _where_frequency_goes(form: str, refusal: Refusal) -> str:
    """For how often typed into the dose: the Frequency choice that gives it, or that the
    list has none for this form (never a pointer to a choice that is not there)."""
    from core.form_input import offered_frequency
    from core.frequency_words import FrequencyInDose

    if not isinstance(refusal, FrequencyInDose):
        return ""
    label = offered_frequency(form, refusal)
    if label is not None:
        return f" Choose {label} under Frequency."
    weekly = next((f.label for f in frequencies_for(form) if f.id == WEEKLY_SCHEDULE), None)
    if weekly is not None and refusal.frequency.per == "week":
        return f" Choose {weekly} under Frequency and type the dose on each day it is taken."
    return " The Frequency list has no such choice for this form."


def _has_selection(widget: QObject) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.hasSelectedText()
    if isinstance(widget, QTextBrowser):
        return widget.textCursor().hasSelection()
    return False
