"""The real window and the real kiosk under random use, against a model of what the user did.

A hypothesis RuleBasedStateMachine drives `MainWindow` and `KioskWindow` the way their
users do: keys typed (QTest for ASCII, raw key events for other characters), Ctrl+V,
Backspace, the numeric keypad's decimal key, items clicked in the workstation's drop-down
lists and chosen with the arrow keys, Escape and Enter; on the kiosk, taps on the choice
buttons, on the fields and on the on-screen keypad, Escape (which a kiosk ignores) and an
idle reset that really waits for the idle clock.

The oracle is `intent_model.UserModel`: it records what was typed and chosen and never
reads a widget. After every step the window must classify exactly what the model says
the user means: the same band, doses (exact mg), period, route, concentration and units;
or no answer when the model says a choice was cleared, with a message naming it; or
core's refusal of the model's texts. The fields must hold exactly the texts the model
recorded, and the controls must show the model's choices (nothing chosen when cleared).

Sizes (CI): NALTREXONE_INTENT_EXAMPLES examples (default 30) of NALTREXONE_INTENT_STEPS
steps (default 30) for the window; the kiosk runs NALTREXONE_KIOSK_INTENT_EXAMPLES
(default 15). docs/reliability.md has the long run and what it found.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

from harness import env_size
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from intent_model import (
    CONCENTRATION,
    CONCENTRATION_AMOUNT,
    CONCENTRATION_UNIT,
    CONCENTRATION_VOLUME,
    DOSE,
    KIOSK_FIELDS,
    Expected,
    KioskModel,
    UserModel,
)
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from test_window_state_machine import shore_up_none

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE
from core.site_config import SiteConfig
from core.verify import load_scheme

SCHEME = load_scheme()
EXAMPLES = env_size("NALTREXONE_INTENT_EXAMPLES", 30)
KIOSK_EXAMPLES = env_size("NALTREXONE_KIOSK_INTENT_EXAMPLES", 15)
STEPS = env_size("NALTREXONE_INTENT_STEPS", 30)
#: CI runs the same examples every time (its size cannot promise that random ones reach a
#: cleared choice, which the run asserts it explored); a long run sets NALTREXONE_INTENT_RANDOM=1.
RANDOM = os.environ.get("NALTREXONE_INTENT_RANDOM") == "1"
LONG_IDLE_MS = 600_000  # nobody walks away during a step; the idle-reset rule shortens it
KEYPAD = Qt.KeyboardModifier.KeypadModifier

#: What a pharmacist types, and what slips in.
plain = st.sampled_from(["0.25", "250", "4.5", "50", "100", "150", "380", "1", "5", "7", "25", "2", "0.5", "1000"])
odd = st.sampled_from([" mg", "mcg", "0", ".", ",", "e3", "-", "1,000", "½", "٣", "é", "\u200b", "\u00a0", " ", "mL"])
typed = st.one_of(plain, plain, odd)
pasted = st.one_of(
    plain,
    st.sampled_from(["4.5 mg", "250 mcg", "1 mg/mL", "10 mg/5 mL", "  50\n", "<b>5</b>", "5 MG", "1,5", "x" * 70]),
    # Qt's clipboard drops a byte-order mark (U+FEFF, or U+FFFE swapped) at the very start of
    # its text before the window sees it: not a change the window makes, so not modelled
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12).filter(lambda t: t[:1] not in ("\ufeff", "\ufffe")),
)
field_pick = st.integers(0, 8)
rarely = st.sampled_from([False, False, False, True])  # hypothesis leans towards 0: not an integer
seldom = st.sampled_from([False] * 7 + [True])  # an idle reset takes a third of a second
CONTROLS = ["unit", "form", "frequency", "weekly_unit"]
controls = st.sampled_from(CONTROLS)


def type_keys(widget: QLineEdit, text: str) -> None:
    """Key presses: QTest's keys for printable ASCII, raw key events for other characters."""
    for char in text:
        if " " <= char <= "~":
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


class Counts:
    """What the runs explored, for the report (docs/reliability.md)."""

    def __init__(self) -> None:
        self.steps: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.states: set[tuple[object, ...]] = set()
        self.examples = 0

    def text(self, name: str) -> str:
        total = sum(self.steps.values())
        return (
            f"{name}: {self.examples} examples, {total} steps, {sum(self.outcomes.values())} states checked, "
            f"{len(self.states)} distinct states (choices, whose, cleared, outcome); outcomes {dict(self.outcomes)}; "
            f"steps {dict(self.steps)}"
        )


WINDOW_COUNTS = Counts()
KIOSK_COUNTS = Counts()


class IntentMachine(RuleBasedStateMachine):
    """Shared: the model, the invariant and the typing rules; subclasses build the window."""

    counts: Counts
    locale = "en_US"
    separator = "."

    def __init__(self) -> None:
        super().__init__()
        self.escaped: list[BaseException] = []
        self._saved_hook = sys.excepthook
        sys.excepthook = lambda kind, value, tb: self.escaped.append(value)
        self.model = UserModel()
        self.window = self.build()
        self.window.show()
        self.window.activateWindow()
        self.form = self.window.form
        self.counts.examples += 1

    def build(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def teardown(self) -> None:
        sys.excepthook = self._saved_hook
        self.window.hide()
        self.window.deleteLater()
        QApplication.processEvents()

    # -- helpers ------------------------------------------------------------------------
    def widget(self, name: str) -> QLineEdit:
        if name == DOSE:
            return self.form.doseInput
        if name == CONCENTRATION:
            return self.form.concentrationInput
        return self.form.weeklyInputs[WEEKDAYS.index(name)]

    def typed_fields(self) -> tuple[str, ...]:
        return (DOSE, CONCENTRATION, *WEEKDAYS)

    def pick(self, index: int) -> str:
        fields = self.model.visible_fields()
        return fields[index % len(fields)]

    def step(self, name: str) -> None:
        self.counts.steps[name] += 1
        QApplication.processEvents()
        shore_up_none()

    def at_end(self, name: str) -> QLineEdit:
        """The field, focused, with the cursor after its text (a click there, or End)."""
        edit = self.widget(name)
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_End)
        return edit

    # -- the oracle ---------------------------------------------------------------------------
    @invariant()
    def classifies_what_the_user_means(self) -> None:
        assert not self.escaped, f"exception escaped into the event loop: {self.escaped!r}"
        window, model = self.window, self.model
        for name in self.typed_fields():  # nothing typed is lost or altered
            assert self.widget(name).text() == model.texts[name], (name, self.widget(name).text(), model.texts[name])
        for name in model.visible_fields():
            assert self.widget(name).isVisibleTo(window), f"{name} should be shown"
        self.check_choices_shown()
        expected = model.expect(SCHEME, self.locale)
        self.counts.outcomes[expected.outcome] += 1
        self.counts.states.add(model.state_key(expected.outcome))
        result = window.result()
        if expected.band is None:
            assert result is None, f"an answer ({result.band.id}) where the user means none: {expected}"
            assert window.bandLabel.property("bandId") == ""
            assert window.doseBar.marker_state() == "none"
            message = window.errorLabel.text()
            if expected.cleared:
                for control, value in expected.cleared:
                    assert model.cleared_words(control, value) in message, (control, value, message)
                assert window.errorLabel.property("severity") == "error"
            else:
                assert message == expected.refusal
                assert window.errorLabel.property("severity") == ("hint" if expected.hint else "error")
            return
        assert result is not None, f"no answer where the user means {expected.band}: {window.errorLabel.text()!r}"
        regimen = result.regimen
        assert (result.band.id, window.bandLabel.property("bandId")) == (expected.band, expected.band)
        assert regimen.doses_mg == expected.doses_mg
        assert regimen.period == expected.period
        assert regimen.route == expected.route
        assert regimen.concentration_mg_per_ml == expected.concentration
        assert regimen.units == expected.units
        assert window.errorLabel.text() == ""

    def check_choices_shown(self) -> None:
        form, model = self.form, self.model
        combos = {
            "form": form.formSelector,
            "unit": form.unitSelector,
            "frequency": form.frequencySelector,
            "weekly_unit": form.weeklyUnitSelector,
        }
        for control, combo in combos.items():
            shown = combo.currentData() if combo.currentIndex() >= 0 else None
            assert shown == model.value(control), (control, shown, model.value(control))
            offered = [combo.itemData(i) for i in range(combo.count())]
            assert offered == model.offered(control), (control, offered)

    def report(self, result: Expected) -> None:  # pragma: no cover - debugging aid
        print(result)


class WindowIntentMachine(IntentMachine):
    """The workstation: keys, pastes, list items clicked, arrow keys on the lists."""

    counts = WINDOW_COUNTS

    def build(self):
        from gui.main_window import MainWindow

        window = MainWindow(SCHEME, locale=self.locale)
        window.resize(1280, 800)
        return window

    def combo(self, control: str) -> QComboBox:
        return {
            "unit": self.form.unitSelector,
            "form": self.form.formSelector,
            "frequency": self.form.frequencySelector,
            "weekly_unit": self.form.weeklyUnitSelector,
        }[control]

    def combo_shown(self, control: str) -> bool:
        return control != ("weekly_unit" if not self.model.weekly else "unit")

    @rule(index=field_pick, text=typed)
    def type_text(self, index: int, text: str) -> None:
        name = self.pick(index)
        type_keys(self.at_end(name), text)
        self.model.append(name, text)
        self.step("type")

    @rule(index=field_pick, text=plain)
    def retype(self, index: int, text: str) -> None:
        """Select the field's text, delete it, type a plain dose."""
        name = self.pick(index)
        edit = self.at_end(name)
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        QTest.keyClicks(edit, text)
        self.model.replace(name, text)
        self.step("retype")

    @rule(index=field_pick, count=st.integers(1, 4))
    def backspace(self, index: int, count: int) -> None:
        name = self.pick(index)
        edit = self.at_end(name)
        for _ in range(count):
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
        self.model.backspace(name, count)
        self.step("backspace")

    @rule(index=field_pick, text=pasted)
    def paste(self, index: int, text: str) -> None:
        name = self.pick(index)
        edit = self.at_end(name)
        QGuiApplication.clipboard().setText(text)
        QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        self.model.append(name, text)
        self.step("paste")

    @rule(index=field_pick, key=st.sampled_from([Qt.Key.Key_Period, Qt.Key.Key_Comma]))
    def keypad_decimal(self, index: int, key: Qt.Key) -> None:
        name = self.pick(index)
        QTest.keyClick(self.at_end(name), key, KEYPAD)
        self.model.append(name, self.separator)
        self.step("keypad decimal")

    @rule(control=controls, index=st.integers(0, 12))
    def click_item(self, control: str, index: int) -> None:
        """Open the drop-down list and click an item, as a user does."""
        if not self.combo_shown(control):
            return
        offered = self.model.offered(control)
        value = offered[index % len(offered)]
        combo = self.combo(control)
        combo.showPopup()
        view = combo.view()
        rect = view.visualRect(view.model().index(combo.findData(value), 0))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        # the window system gives the window back its activation when a popup closes; the
        # offscreen platform does not, and the window's shortcuts (Escape) need it
        self.window.activateWindow()
        self.model.choose(control, value)
        self.step("click item")

    @rule(
        control=controls,
        key=st.sampled_from([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End]),
    )
    def arrow_key(self, control: str, key: Qt.Key) -> None:
        """An arrow key on a closed list moves the choice (Qt: only a move is a choice)."""
        if not self.combo_shown(control):
            return
        offered = self.model.offered(control)
        current = self.model.value(control)
        at = offered.index(current) if current is not None else -1
        target = {
            Qt.Key.Key_Down: min(at + 1, len(offered) - 1),
            Qt.Key.Key_Up: at - 1 if at > 0 else at,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(offered) - 1,
        }[key]
        combo = self.combo(control)
        combo.setFocus()
        QTest.keyClick(combo, key)
        if target != at and target >= 0:
            self.model.choose(control, offered[target])
        self.step("arrow key")

    @rule(now=rarely)
    def escape(self, now: bool) -> None:
        if not now:  # Escape empties every field: rarer than typing
            return
        QTest.keyClick(self.form.doseInput if not self.model.weekly else self.form.weeklyInputs[0], Qt.Key.Key_Escape)
        self.model.clear_texts()
        self.step("escape")

    @rule(index=field_pick, now=rarely)
    def enter(self, index: int, now: bool) -> None:
        if not now:
            return
        QTest.keyClick(self.widget(self.pick(index)), Qt.Key.Key_Return)
        self.step("enter")

    @rule(index=field_pick, now=rarely)
    def copy(self, index: int, now: bool) -> None:
        """Ctrl+C in a field with nothing selected copies the answer the user means, or nothing."""
        if not now:
            return
        expected = self.model.expect(SCHEME, self.locale)
        QGuiApplication.clipboard().setText("before")
        QTest.keyClick(self.at_end(self.pick(index)), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        text = QGuiApplication.clipboard().text()
        if expected.band is None:
            assert text == "before", "Copy put an answer on the clipboard where the user means none"
        else:
            band = SCHEME.band(expected.band)  # the summary for a pharmacy note names the band and the scheme
            assert f"Band: {band.heading}" in text.splitlines() and f"version {SCHEME.version}" in text, text[:200]
        self.step("copy")


class GermanWindowIntentMachine(WindowIntentMachine):
    locale = "de_DE"
    separator = ","


class KioskIntentMachine(IntentMachine):
    """The kiosk: a finger on the buttons, the fields and the keypad; walking away."""

    counts = KIOSK_COUNTS

    def __init__(self) -> None:
        super().__init__()
        self.model = KioskModel()

    def build(self):
        from gui.kiosk_window import KioskWindow

        window = KioskWindow(SCHEME, self.locale, SiteConfig(path=None), idle_ms=LONG_IDLE_MS)
        window.resize(1280, 800)
        return window

    def typed_fields(self) -> tuple[str, ...]:
        return KIOSK_FIELDS  # the form's concentration field is written from the entry's parts

    def widget(self, name: str) -> QLineEdit:
        entry = self.window.concentration
        return {CONCENTRATION_AMOUNT: entry.amountInput, CONCENTRATION_VOLUME: entry.volumeInput}.get(
            name
        ) or super().widget(name)

    def tap(self, widget, pos: QPoint | None = None) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or QPoint())

    @rule(index=field_pick)
    def tap_field(self, index: int) -> None:
        """A finger on a field, just after its text: the cursor goes there and the keypad follows."""
        fields = self.model.visible_fields()
        if not fields:
            return
        name = fields[index % len(fields)]
        edit = self.widget(name)
        self.tap(edit, QPoint(edit.width() - 6, edit.height() // 2))
        assert edit.cursorPosition() == len(edit.text()), "the tap did not put the cursor after the text"
        self.model.tap(name)
        self.step("tap field")

    @rule(keys=st.lists(st.sampled_from([*"0123456789", "sep", "back", "Clear", "usb-sep", "Esc"]), max_size=5))
    def keypad(self, keys: list[str]) -> None:
        """Keys on the screen's keypad; a USB numeric keypad's decimal key; Escape (ignored)."""
        buttons = self.window.keypad.buttons
        model = self.model
        for key in keys:
            name = model.target
            if key == "usb-sep":
                if name is not None:  # a USB keypad types into the field with the cursor
                    QTest.keyClick(self.widget(name), Qt.Key.Key_Comma, KEYPAD)
                    model.append(name, self.separator)
                continue
            if key == "Esc":
                if name is not None:
                    QTest.keyClick(self.widget(name), Qt.Key.Key_Escape)  # a kiosk ignores it
                continue
            text = {"sep": self.separator, "back": "\N{ERASE TO THE LEFT}"}.get(key, key)
            self.tap(buttons[text])  # a disabled key (nothing to type into) does nothing
            if name is None:
                continue
            if key == "back":
                model.backspace(name)
            elif key == "Clear":
                model.replace(name, "")
            else:
                model.append(name, text)
        self.step("keypad")

    @rule(control=st.sampled_from([*CONTROLS, CONCENTRATION_UNIT]), index=st.integers(0, 12))
    def tap_choice(self, control: str, index: int) -> None:
        if control not in self.model.shown_controls():
            return  # that row is not on the screen now
        offered = self.model.offered(control)
        value = offered[index % len(offered)]
        key = {"weekly_unit": "weeklyUnit", CONCENTRATION_UNIT: "concentrationUnit"}.get(control, control)
        self.tap(self.window.choices[key].button(value))
        self.model.choose(control, value)
        self.step("tap choice")

    @rule()
    def choose_the_weekly_schedule(self) -> None:
        """Tap "Different amounts on days of the week" (often: it opens a page of its own)."""
        model = self.model
        if "frequency" not in model.shown_controls() or WEEKLY_SCHEDULE not in model.offered("frequency"):
            return
        self.tap(self.window.choices["frequency"].button(WEEKLY_SCHEDULE))
        model.choose("frequency", WEEKLY_SCHEDULE)
        self.step("tap the weekly schedule")

    @rule(back=st.booleans())
    def page_button(self, back: bool) -> None:
        """The weekly schedule's back button, or the button that opens its page again."""
        inputs = self.window.inputs
        if back and self.model.days_open:
            self.tap(inputs.backButton)
            self.model.close_days()
        elif not back and self.model.weekly and not self.model.days_open:
            self.tap(inputs.openDaysButton)
            self.model.open_days()
        else:
            return
        self.step("page button")

    @rule(now=seldom)
    def walk_away(self, now: bool) -> None:
        """Nobody touches the screen until the idle reset (the idle time shortened, the clock real)."""
        if not now:  # rarer than the rest: it empties everything
            return
        watcher = self.window.watcher
        watcher.set_idle_ms(300)
        watcher.poke()  # the last touch was now
        done: list[bool] = []
        self.window.resetDone.connect(lambda: done.append(True))
        deadline = 200
        while not done and deadline:
            QTest.qWait(25)
            deadline -= 1
        assert done, "the idle reset did not come"
        watcher.set_idle_ms(LONG_IDLE_MS)
        self.model.reset()
        self.step("idle reset")

    def check_choices_shown(self) -> None:
        super().check_choices_shown()
        model, window = self.model, self.window
        entry = window.concentration
        assert entry.unit() == model.concentration_unit
        assert self.form.concentrationInput.text() == model.concentration_text()  # what core reads
        assert window.inputs.days_open() == model.days_open, "the weekly schedule's page"
        for name in (CONCENTRATION_AMOUNT, CONCENTRATION_VOLUME):
            assert self.widget(name).text() == model.texts[name], name
        target = window.keypad.target()
        assert (target.objectName() if target else None) == (
            self.widget(model.target).objectName() if model.target else None
        ), "the keypad types somewhere else"
        for control, key in (("unit", "unit"), ("form", "form"), ("frequency", "frequency"),
                             ("weekly_unit", "weeklyUnit"), (CONCENTRATION_UNIT, "concentrationUnit")):  # fmt: skip
            row = window.choices[key]
            checked = [b for b in row.buttons() if b.isChecked()]
            value = model.value(control)
            assert checked == ([row.button(value)] if value is not None else []), (control, value)
            assert row.isVisibleTo(window) == (control in model.shown_controls()), (control, "row shown")


def run(machine: type[IntentMachine], examples: int, report, counts: Counts, name: str) -> None:
    counts.__init__()
    shore_up_none()
    try:
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=examples,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                derandomize=not RANDOM,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        report(counts.text(name))
    assert counts.outcomes["cleared"] > 0 and counts.outcomes["refused"] > 0
    assert sum(v for k, v in counts.outcomes.items() if k not in ("cleared", "refused", "hint")) > 0


def test_the_window_classifies_what_the_user_means(qapp, report):
    run(WindowIntentMachine, EXAMPLES, report, WINDOW_COUNTS, "window intent machine (en_US)")


def test_the_window_classifies_what_the_user_means_in_german(qapp, report):
    run(GermanWindowIntentMachine, max(1, EXAMPLES // 3), report, WINDOW_COUNTS, "window intent machine (de_DE)")


def test_the_kiosk_classifies_what_the_user_means(qapp, report):
    run(KioskIntentMachine, KIOSK_EXAMPLES, report, KIOSK_COUNTS, "kiosk intent machine (en_US)")
