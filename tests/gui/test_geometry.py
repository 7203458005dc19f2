"""Nothing clipped, at every size we support, in every mode, light and dark (geometry.py says
what is checked for each widget).

Each state is reached through the real controls (states.py) on a window shown at the
first size, then resized to each size in turn, as a window is when it is maximised or
made full screen. The workstation starts at the largest size; the kiosk at the smallest,
where its choices page scrolls and every tap must first bring its control into sight
(states.reveal), as a finger does. The counts are printed past pytest's capture.

The kiosk's core controls must show without scrolling at 1280x800 and above; at 1024x600
the form may scroll, but nothing may be cut off sideways or hidden.
"""

from __future__ import annotations

from collections import Counter

import pytest
from geometry import problems
from PySide6.QtWidgets import QApplication, QWidget
from states import KIOSK_STATES, PIN, STATES, click, dispose, kiosk, settle, workstation

SIZES = ((1920, 1080), (1366, 768), (1280, 800), (1024, 600))
KIOSK_SIZES = tuple(reversed(SIZES))  # 1024x600 first: the states are tapped in where the page scrolls
KIOSK_SWEPT = KIOSK_STATES


@pytest.fixture
def report(capsys):
    def _report(text: str) -> None:
        with capsys.disabled():
            print(f"\n[geometry] {text}", flush=True)

    return _report


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    """The app in the light or the dark palette, as gui.palette sets it; restored after."""
    from gui.palette import dark_palette

    old_style, old_palette = qapp.style().name(), qapp.palette()
    qapp.setStyle("Fusion")
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    else:
        qapp.setPalette(qapp.style().standardPalette())
    yield request.param
    qapp.setStyle(old_style)
    qapp.setPalette(old_palette)


def sweep(make, states, sizes, scope=lambda window, state: None) -> tuple[list[str], Counter[str]]:
    found: list[str] = []
    counts: Counter[str] = Counter()
    for state in states:
        window = make(state, sizes[0])
        for width, height in sizes:
            window.resize(width, height)
            settle()
            if (window.width(), window.height()) != (width, height):
                actual = f"{window.width()}x{window.height()}"
                found.append(f"{state} {width}x{height}: the window cannot be that size ({actual})")
                continue
            checked = problems(window, scope(window, state), scrolling=height < 800)
            found.extend(f"{state} {width}x{height}: {problem}" for problem in checked)
            counts["states x sizes"] += 1
            counts["widgets"] += sum(1 for w in window.findChildren(QWidget) if w.isVisible())
        dispose(window)
    return found, counts


def test_workstation_nothing_clipped(qtbot, scheme, theme, report):
    found, counts = sweep(lambda state, size: workstation(scheme, state, size), STATES, SIZES)
    report(f"workstation, {theme}: {counts['states x sizes']} states x sizes, {counts['widgets']} widgets shown, "
           f"{len(found)} problems")  # fmt: skip
    assert not found, "\n".join(found)


def test_kiosk_nothing_clipped(qtbot, scheme, theme, report):
    from core.pin import hash_pin

    pin_hash = hash_pin(PIN)

    def scope(window, state):
        return window.pinOverlay if state == "pin" else None  # the prompt covers the calculator on purpose

    found, counts = sweep(
        lambda state, size: kiosk(scheme, state, size, pin_hash=pin_hash), KIOSK_SWEPT, KIOSK_SIZES, scope
    )
    report(f"kiosk, {theme}: {counts['states x sizes']} states x sizes, {counts['widgets']} widgets shown, "
           f"{len(found)} problems")  # fmt: skip
    assert not found, "\n".join(found)


def test_the_check_sees_a_clipped_control(qtbot, scheme):
    """The oracle itself: a button squeezed below its text, a label cut by its parent and a
    field off the window are all reported.

    The three are children no layout manages, so nothing puts them back: moving a laid-out
    field (doseInput) off the window made this test flaky, since any late event that asks
    for a layout (a focus-in or an activation the platform delivers later under load) put
    the field back before the check ran. The layouts are made to run again here before the
    check, to show the placements do not depend on that timing."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

    window = workstation(scheme, "band", (1280, 800))
    central = window.centralWidget()
    button = QPushButton("A button with a long label", central)
    button.setGeometry(10, 10, 40, 30)
    holder = QWidget(central)
    holder.setGeometry(300, 10, 50, 30)
    label = QLabel("cut by its parent", holder)
    label.setGeometry(0, 0, 200, 30)
    field = QLineEdit("off the window", central)
    field.setObjectName("offWindowField")
    field.setGeometry(20, central.height() + 200, 200, 30)
    for widget in (button, holder, field):
        widget.show()
    for widget in central.findChildren(QWidget):
        widget.updateGeometry()  # every layout runs again, as a late event would make it
    settle()
    settle()
    found = "\n".join(problems(window))
    dispose(window)
    assert "'A button with a long label' needs" in found
    assert "QLabel 'cut by its parent':" in found and "clipped or covered" in found
    assert "offWindowField: at" in found and "outside the window" in found
    assert QApplication.instance() is not None


def test_the_kiosk_keypad_types_into_a_field_in_sight(qtbot, scheme):
    """At 1024x600 the kiosk's choices page scrolls. A nurse who has scrolled to the bottom
    (a frequency, the concentration) and taps the keypad must see the digits arrive: the
    field they go to comes into sight. Seen in the screenshots: the liquid's concentration,
    tapped below the fold, stayed out of sight while it was typed into."""
    window = kiosk(scheme, "liquid", (1024, 600))
    area = window.findChild(QWidget, "inputsScroll")
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0, "the choices page no longer scrolls at 1024x600: this test checks nothing"
    found = []
    for field, scrolled_to in ((window.form.doseInput, bar.maximum()), (window.concentration.amountInput, 0)):
        click(field)  # the nurse taps the field (scrolled into sight first, as a finger does)
        bar.setValue(scrolled_to)  # then drags the page the other way
        settle()
        assert field.visibleRegion().boundingRect() != field.rect(), (field.objectName(), "still in sight")
        click(window.keypad.buttons["5"])
        assert field.text().endswith("5"), (field.objectName(), field.text())
        shown = field.visibleRegion().boundingRect()
        if shown != field.rect():
            found.append(f"{field.objectName()} typed into with {shown.getRect()} of {field.rect().getRect()} in sight")
    dispose(window)
    assert not found, "\n".join(found)
