"""The kiosk's weekly page and finger concentration entry under attack (issue 15 follow-up).

* A concentration with a zero part (0 mg in 5 mL, 10 mg in 0 mL) was refused as "A dose of
  zero cannot be classified: type the amount given": the nurse had typed the dose, and the
  zero was the volume. It now says which part is zero and what to type there.
* Huge and tiny parts (20 digits; 10 mg in 0.00000001 mL; 1 mcg in 99,999,999,999,999 mL)
  are refused at once with a message, never an answer from another number.
* A random walk over every control of both pages (seeded, so a failure repeats): after each
  tap the keypad types only into a field that is shown, and a key changes that field alone
  (no hidden field, the form's own concentration field included, ever changes by a key).
* After the real idle reset (the watcher's clock, not a call), the kiosk is the same as one
  just started, widget by widget: every field's text and undo history, every button's
  state, the page shown, the keypad's target, the focus, the labels and the bar.
"""

from __future__ import annotations

import random
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTextBrowser,
    QWidget,
)
from states import PIN, WEEKLY, click, dispose, kiosk, settle

from core.cli import main
from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE
from core.pin import hash_pin
from gui.keypad import BACKSPACE

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def make(qtbot, scheme):
    made: list[QWidget] = []

    def build(state: str = "empty", pin_hash: str = "") -> QWidget:
        window = kiosk(scheme, state, pin_hash=pin_hash)
        made.append(window)
        return window

    yield build
    for window in made:
        dispose(window)


def keys(window, text: str) -> None:
    for char in text:
        click(window.keypad.buttons[char])


def concentration(window, amount: str, unit: str, volume: str) -> None:
    """Tap in a liquid's concentration as a nurse does: the amount, mg or mcg, the volume."""
    entry = window.concentration
    for edit, text in ((entry.amountInput, amount), (entry.volumeInput, volume)):
        click(edit)
        click(window.keypad.buttons["Clear"])
        keys(window, text)
    click(window.choices["concentrationUnit"].button(unit))


def liquid(make):
    window = make("liquid")  # 4.5 mL of 1 mg/mL
    assert window.bandLabel.property("bandId") == "ldn"
    return window


# --- zero, huge and tiny concentrations ------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "volume", "says"),
    [
        ("10", "0", "The volume in the concentration is zero: type the volume that holds the amount"),
        ("10", "0.0", "The volume in the concentration is zero"),
        ("0", "5", "The amount in the concentration is zero: type how much naltrexone the volume holds"),
        ("0", "", "The amount in the concentration is zero"),
    ],
)
def test_a_zero_in_the_concentration_says_which_part_is_zero(make, amount, volume, says):
    window = liquid(make)
    concentration(window, amount, "mg", volume)
    assert says in window.errorLabel.text() and "dose of zero" not in window.errorLabel.text()
    assert window.result() is None and window.bandLabel.property("bandId") in (None, "")
    concentration(window, "10", "mg", "5")  # the same fields, corrected: an answer again
    assert window.result() is not None and window.bandLabel.property("bandId") == "intermediate"  # 9 mg a day


@pytest.mark.parametrize(
    ("amount", "unit", "volume", "says"),
    [
        ("99999999999999999999", "mg", "", "Too many digits"),
        ("10", "mg", "99999999999999999999", "Too many digits"),
        ("10", "mg", "0.00000001", "is outside 0.000001 to 100 mg/mL"),
        ("1", "mcg", "99999999999999", "is outside 0.000001 to 100 mg/mL"),
        ("100000", "mg", "1", "is outside 0.000001 to 100 mg/mL"),
    ],
)
def test_huge_and_tiny_concentrations_are_refused_at_once(make, amount, unit, volume, says):
    window = liquid(make)
    started = time.process_time()
    concentration(window, amount, unit, volume)
    assert time.process_time() - started < 5  # a few dozen taps, each classified
    assert says in window.errorLabel.text(), window.errorLabel.text()
    assert window.result() is None and window.bandLabel.property("bandId") in (None, "")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("10 mg/0 mL", "The volume in the concentration is zero"),
        ("0 mg/5 mL", "The amount in the concentration is zero"),
    ],
)
def test_check_says_which_part_of_the_concentration_is_zero(capsys, text, says):
    assert main(["check", "5 mL", "--concentration", text, "--locale", "en_US"]) == 2
    err = capsys.readouterr().err
    assert says in err and "dose of zero" not in err


# --- the keypad types only where it can be seen ----------------------------------------------


def _fields(window) -> list[QLineEdit]:
    """Every line edit of the kiosk, shown or not (the PIN's own field aside: its keypad is
    another one)."""
    return [e for e in window.findChildren(QLineEdit) if e is not window.pinOverlay.pinInput]


def _actions(window) -> list[QWidget]:
    """What a finger can tap now: the choices' buttons, the page buttons, the fields."""
    taps: list[QWidget] = []
    for row in window.choices.values():
        taps += [b for b in row.buttons() if b.isVisible() and b.isEnabled()]
    taps += [b for b in (window.inputs.openDaysButton, window.inputs.backButton) if b.isVisible()]
    taps += [e for e in window.inputs.typing_fields() if e.isVisible()]
    return taps


def _tap(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit):  # at the end of its text, as a nurse taps to add to it
        QTest.mouseClick(widget, LEFT, pos=QPoint(widget.width() - 6, widget.height() // 2))
        settle()
    else:
        click(widget)


@pytest.mark.parametrize("seed", [15, 1115])
def test_the_keypad_never_types_into_a_field_that_is_not_shown(make, seed, report_steps):
    window = make()
    rng = random.Random(seed)
    taps = 0
    for _step in range(120):
        _tap(rng.choice(_actions(window)))
        taps += 1
        target = window.keypad.target()
        before = {edit: edit.text() for edit in _fields(window)}
        if target is None:
            assert not any(b.isEnabled() for b in window.keypad.buttons.values()), "keys with nowhere to type"
            continue
        assert target.isVisible() and target in window.inputs.typing_fields(), target.objectName()
        click(window.keypad.buttons["7"])
        changed = [e for e in _fields(window) if e.text() != before[e] and e is not window.form.concentrationInput]
        assert changed == [target], ([e.objectName() for e in changed], target.objectName())
        if target.maxLength() > len(before[target]):
            assert "7" in target.text()
        click(window.keypad.buttons[BACKSPACE])  # as it was: the walk goes on from the user's state
        assert target.text() == before[target]
        hidden = [e for e in _fields(window) if not e.isVisible() and e.text() != before[e]]
        assert hidden == [], [e.objectName() for e in hidden]
    report_steps(f"seed {seed}: {taps} taps, a key pressed after each")


@pytest.fixture
def report_steps(capsys):
    def report(text: str) -> None:
        with capsys.disabled():
            print(f"\n[kiosk attack] {text}", flush=True)

    return report


# --- after the idle reset, nothing of the previous person -------------------------------------


def _path(widget: QWidget, root: QWidget) -> str:
    """A widget's place in the window, by object names (an unnamed one by its type and its
    rank among unnamed siblings of that type: buttons are rebuilt as the choices change)."""
    parts = []
    while widget is not None and widget is not root:
        parent = widget.parentWidget()
        siblings = [c for c in parent.children() if type(c) is type(widget) and not c.objectName()] if parent else []
        rank = siblings.index(widget) if widget in siblings else 0
        parts.append(f"{type(widget).__name__}:{widget.objectName() or rank}")
        widget = parent
    return "/".join(reversed(parts))


def snapshot(window) -> dict[str, object]:
    """What a person could find of the one before: every widget's state, shown or hidden."""
    out: dict[str, object] = {}
    for widget in window.findChildren(QWidget):
        state: list[object] = [widget.isVisibleTo(window), widget.isEnabled()]
        if isinstance(widget, QLineEdit):
            state += [widget.text(), widget.isUndoAvailable(), widget.isRedoAvailable(), widget.hasSelectedText()]
            state += [widget.cursorPosition(), widget.hasFocus()]
        elif isinstance(widget, QAbstractButton):
            state += [widget.text(), widget.isChecked(), widget.isDown()]
        elif isinstance(widget, QLabel):
            # the countdown's last words ("Starting again in 1 s") stay in its hidden label: not
            # the person's, and rewritten before it shows again
            text = "" if widget is window.countdownBanner else widget.text()
            state += [text, widget.accessibleName(), widget.accessibleDescription()]
        elif isinstance(widget, QComboBox):
            state += [widget.currentIndex(), widget.count()]
        elif isinstance(widget, QTextBrowser):
            state += [widget.toPlainText()]
        elif isinstance(widget, QStackedWidget):
            state += [widget.currentIndex()]
        if isinstance(widget, QAbstractScrollArea):
            state += [widget.verticalScrollBar().value(), widget.horizontalScrollBar().value()]
        out[_path(widget, window)] = tuple(state)
    target = window.keypad.target()
    out["keypad target"] = target.objectName() if target else None
    out["focus"] = _path(window.focusWidget(), window) if window.focusWidget() else None
    out["band"] = window.bandLabel.property("bandId")
    out["result"] = window.result()
    out["bar"] = window.doseBar.grab().toImage()
    return out


def _weekly_in_mcg_on_its_page(window) -> None:
    keys(window, "4.5")
    click(window.choices["frequency"].button(WEEKLY_SCHEDULE))
    for day, amount in WEEKLY.items():
        click(window.form.weeklyInputs[WEEKDAYS.index(day)])
        keys(window, amount)
    click(window.choices["weeklyUnit"].button("mcg"))
    window.inputs.daysScroll.verticalScrollBar().setValue(window.inputs.daysScroll.verticalScrollBar().maximum())


def _weekly_then_back(window) -> None:
    _weekly_in_mcg_on_its_page(window)
    click(window.inputs.backButton)


def _liquid_in_mcg(window) -> None:
    click(window.choices["form"].button("liquid"))
    click(window.choices["unit"].button("mL"))
    keys(window, "4.5")
    concentration(window, "500", "mcg", "5")
    assert window.result() is not None


def _liquid_then_tablets(window) -> None:
    """The concentration stays in the hidden fields while tablets are chosen."""
    _liquid_in_mcg(window)
    click(window.choices["form"].button("tablet"))
    click(window.choices["unit"].button("mg"))


def _refused_concentration(window) -> None:
    _liquid_in_mcg(window)
    concentration(window, "10", "mg", "0")


def _pin_prompt_open(window) -> None:
    keys(window, "4.5")
    corner = window.exitCorner
    QTest.mousePress(corner, LEFT)
    QTest.qWait(corner.hold_ms + 150)
    QTest.mouseRelease(corner, LEFT)
    assert window.pinOverlay.isVisible()
    for digit in PIN[:3]:
        click(window.pinOverlay.pinKeypad.buttons[digit])


USES = {
    "weekly in mcg, on its page": _weekly_in_mcg_on_its_page,
    "weekly, back to the choices": _weekly_then_back,
    "liquid with a concentration in mcg": _liquid_in_mcg,
    "a liquid's concentration, then tablets": _liquid_then_tablets,
    "a refused concentration": _refused_concentration,
    "the exit PIN half typed": _pin_prompt_open,
}


@pytest.mark.parametrize("use", list(USES))
def test_after_the_idle_reset_the_kiosk_is_as_if_just_started(make, use):
    pin_hash = hash_pin(PIN)
    fresh = make(pin_hash=pin_hash)
    settle()
    expected = snapshot(fresh)
    fresh.hide()  # disposed with the others at teardown
    window = make(pin_hash=pin_hash)
    USES[use](window)
    assert snapshot(window) != expected  # the use left something to forget
    window.watcher.set_idle_ms(400)
    window.watcher.poke()
    deadline = time.monotonic() + 10
    while window.watcher.is_armed() and time.monotonic() < deadline:
        QTest.qWait(50)
    settle()
    assert not window.watcher.is_armed(), "the idle reset did not come"
    found = snapshot(window)
    left = {key: (expected.get(key), found.get(key)) for key in expected.keys() | found.keys()}
    left = {key: pair for key, pair in left.items() if pair[0] != pair[1]}
    assert left == {}, sorted(left)
