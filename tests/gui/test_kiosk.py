"""Kiosk mode driven as on a ward: a finger on the keypad and buttons, walking away, staff exit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextBrowser,
    QWidget,
)
from window_driver import band_of

from core.form_choices import WEEKDAYS
from core.pin import Backoff, hash_pin
from core.site_config import SiteConfig
from gui.keypad import BACKSPACE

PIN = "246813"


@pytest.fixture(scope="session")
def pin_hash():
    return hash_pin(PIN)


@pytest.fixture
def make_kiosk(qtbot, scheme, pin_hash):
    """A shown kiosk window at a ward screen's size; keyword arguments go to KioskWindow."""
    from gui.kiosk_window import KioskWindow

    made = []  # held until teardown: a shown window that Python collects mid-paint crashes the process

    def make(size=(1280, 800), locale="en_US", pin=True, **kwargs):
        config = SiteConfig(path=None, exit_pin_hash=pin_hash if pin else None)
        kwargs.setdefault("hold_ms", 200)
        w = KioskWindow(scheme, locale, config, **kwargs)
        qtbot.addWidget(w, before_close_func=hide)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        made.append(w)
        return w

    yield make
    made.clear()


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()


@pytest.fixture
def steady_cursor():
    """A text cursor that does not blink, so two grabs of the same state are equal."""
    app = QApplication.instance()
    old = app.cursorFlashTime()
    app.setCursorFlashTime(0)
    yield
    app.setCursorFlashTime(old)


def hide(widget: QWidget) -> None:
    """pytest-qt closes widgets after a test; a kiosk ignores that, so hide it (else it paints on, dies mid-paint)."""
    widget.hide()


def tap(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def key(kiosk, text: str) -> QAbstractButton:
    return kiosk.keypad.buttons[text]


def enter(qtbot, kiosk, text: str) -> None:
    for ch in text:
        tap(qtbot, key(kiosk, ch))


def hold_corner(qtbot, kiosk, ms: int | None = None) -> None:
    corner = kiosk.exitCorner
    qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    qtbot.wait(ms if ms is not None else kiosk.exitCorner.hold_ms + 150)
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)


def state(kiosk) -> dict:
    """Everything a passer-by could see or get back, as plain values."""
    form = kiosk.form
    return {
        "texts": [e.text() for e in (form.doseInput, form.concentrationInput, *form.weeklyInputs)],
        "undo": [e.isUndoAvailable() for e in (form.doseInput, form.concentrationInput, *form.weeklyInputs)],
        "choices": (
            form.formSelector.currentData(),
            form.unitSelector.currentData(),
            form.frequencySelector.currentData(),
        ),
        "checked": {k: [b.isChecked() for b in c.buttons()] for k, c in kiosk.choices.items()},
        "band": (
            band_of(kiosk),
            kiosk.bandLabel.text(),
            kiosk.errorLabel.text(),
            kiosk.errorLabel.property("severity"),
        ),
        "result": kiosk.result(),
        "marker": kiosk.doseBar.marker_state(),
        "texts_shown": (kiosk.panel.explanationView.toPlainText(), kiosk.precautionsView.toPlainText()),
        "scroll": [
            (a.objectName(), a.verticalScrollBar().value(), a.horizontalScrollBar().value())
            for a in kiosk.findChildren(QAbstractScrollArea)
        ],
        "visible": (form.concentrationInput.isVisible(), form.weeklyInputs[0].isVisible(), form.doseInput.isVisible()),
        "focus": QApplication.focusWidget().objectName() if QApplication.focusWidget() else None,
        "keypad_target": kiosk.keypad.target().objectName(),
        "overlays": (kiosk.pinOverlay.isVisible(), kiosk.countdownBanner.isVisible(), kiosk.noticeBanner.isVisible()),
        "enabled": kiosk.content.isEnabled(),
    }


def interactive(kiosk) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox)
    found = [w for kind in kinds for w in kiosk.findChildren(kind) if w.isVisible()]
    return [*found, kiosk.exitCorner]


# -- full screen, frameless, nothing that leaves the app ---------------------------------------------------------
def test_kiosk_goes_full_screen_and_frameless(qtbot, scheme):
    from gui.kiosk_window import KioskWindow, show_kiosk

    w = KioskWindow(scheme, "en_US", SiteConfig(path=None))
    qtbot.addWidget(w, before_close_func=hide)
    show_kiosk(w)
    qtbot.waitExposed(w)
    # the platform confirms the state change asynchronously
    qtbot.waitUntil(lambda: bool(w.windowState() & Qt.WindowState.WindowFullScreen), timeout=2000)
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert w.isVisible()
    assert not w.statusBar().isVisible()
    qtbot.waitUntil(w.doseInput.hasFocus, timeout=2000)  # activation, too, arrives asynchronously


def test_object_names_hold_in_kiosk_mode(kiosk):
    for name in (
        "doseInput",
        "unitSelector",
        "frequencySelector",
        "formSelector",
        "concentrationInput",
        "bandLabel",
        "errorLabel",
        "doseBar",
        "precautionsView",
        "schemeLabel",
        "keypad",
        "exitCorner",
        "unitButtons",
        "formButtons",
        "frequencyButtons",
    ):
        assert kiosk.findChild(QWidget, name) is not None, name
    assert kiosk.bandLabel.property("bandId") == ""
    assert kiosk.schemeLabel.isVisible() and kiosk.scheme.version in kiosk.schemeLabel.text()


def test_no_dialogs_printing_files_or_links(kiosk):
    for name in ("copyButton", "printButton", "pdfButton", "aboutButton"):
        assert kiosk.findChild(QWidget, name) is None, name
    assert kiosk.actions() == []
    for view in kiosk.findChildren(QTextBrowser):
        assert not view.openLinks() and not view.openExternalLinks()
    assert kiosk.save_pdf("/tmp/never.pdf") is None


def test_fonts_are_larger_than_on_the_workstation(kiosk, window):
    assert kiosk.doseInput.font().pointSizeF() >= 1.45 * window.doseInput.font().pointSizeF()
    assert kiosk.bandLabel.font().pointSizeF() > window.bandLabel.font().pointSizeF()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("form", ["tablet", "liquid", "injection", "weekly"])
def test_every_control_is_at_least_48_px_high(qtbot, make_kiosk, size, form):
    kiosk = make_kiosk(size=size)
    if form == "weekly":
        tap(qtbot, kiosk.choices["frequency"].button("weekly-schedule"))
    else:
        tap(qtbot, kiosk.choices["form"].button(form))
    controls = interactive(kiosk)
    assert len(controls) >= 20
    for control in controls:
        assert control.height() >= 48, (control.objectName(), control.height())
        assert control.accessibleName(), control.objectName()
    # and nothing clipped off the screen
    assert kiosk.minimumSizeHint().width() <= size[0] and kiosk.minimumSizeHint().height() <= size[1]


def test_pin_prompt_controls_are_touch_sized(qtbot, kiosk):
    hold_corner(qtbot, kiosk)
    assert kiosk.pinOverlay.isVisible()
    for control in kiosk.pinOverlay.findChildren(QAbstractButton):
        assert control.height() >= 48, control.objectName()
    assert kiosk.pinOverlay.pinInput.height() >= 48


def test_no_context_menus(qtbot, kiosk):
    for widget in (kiosk.doseInput, kiosk.precautionsView.viewport(), kiosk, kiosk.keypad):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5)))
        QApplication.sendEvent(widget, event)
        assert QApplication.activePopupWidget() is None
        assert widget.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


# -- cannot be closed --------------------------------------------------------------------------------------------
def test_close_attempts_do_nothing(qtbot, kiosk):
    enter(qtbot, kiosk, "4.5")
    assert kiosk.close() is False
    event = QCloseEvent()
    QApplication.sendEvent(kiosk, event)
    assert not event.isAccepted()
    assert kiosk.isVisible()
    assert band_of(kiosk) == "ldn" and kiosk.doseInput.text() == "4.5"


CLOSING_KEYS = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Close, Qt.KeyboardModifier.NoModifier),
]


@pytest.mark.parametrize(("key_", "modifiers"), CLOSING_KEYS)
def test_closing_keys_are_ignored(qtbot, kiosk, key_, modifiers):
    from gui.kiosk_window import is_blocked_key

    enter(qtbot, kiosk, "4.5")
    before = state(kiosk)
    window_state = kiosk.windowState()
    for target in (kiosk.doseInput, kiosk, kiosk.precautionsView):
        qtbot.keyClick(target, key_, modifiers)
    assert kiosk.isVisible() and kiosk.windowState() == window_state
    assert state(kiosk) == before
    assert is_blocked_key(QKeyEvent(QEvent.Type.KeyPress, key_, modifiers))


def test_ordinary_keys_still_type(qtbot, kiosk):
    qtbot.keyClicks(kiosk.doseInput, "50")
    assert band_of(kiosk) == "standard"
    qtbot.keyClick(kiosk.doseInput, Qt.Key.Key_Backspace)
    assert kiosk.doseInput.text() == "5"


# -- keypad and touch choices ------------------------------------------------------------------------------------
def test_keypad_types_into_the_dose_field(qtbot, kiosk):
    assert kiosk.findChild(QWidget, "keypad") is kiosk.keypad
    enter(qtbot, kiosk, "4.5")
    assert kiosk.doseInput.text() == "4.5"
    assert band_of(kiosk) == "ldn"
    assert kiosk.doseInput.hasFocus()
    tap(qtbot, key(kiosk, BACKSPACE))
    assert kiosk.doseInput.text() == "4."
    tap(qtbot, key(kiosk, "Clear"))
    assert kiosk.doseInput.text() == ""
    assert band_of(kiosk) == "" and kiosk.result() is None
    assert kiosk.errorLabel.property("severity") == "hint"


def test_keypad_has_digits_separator_backspace_clear(kiosk):
    assert set(kiosk.keypad.buttons) == {*"0123456789", ".", BACKSPACE, "Clear"}
    for button in kiosk.keypad.buttons.values():
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_keypad_uses_the_locale_decimal_separator(qtbot, make_kiosk):
    kiosk = make_kiosk(locale="de_DE")
    assert "," in kiosk.keypad.buttons and "." not in kiosk.keypad.buttons
    enter(qtbot, kiosk, "4,5")
    assert band_of(kiosk) == "ldn"


def test_keypad_types_where_the_cursor_is(qtbot, kiosk):
    tap(qtbot, kiosk.choices["form"].button("liquid"))
    assert kiosk.concentration.amountInput.isVisible() and kiosk.form.concentrationInput.isHidden()
    enter(qtbot, kiosk, "4.5")
    tap(qtbot, kiosk.concentration.amountInput)
    enter(qtbot, kiosk, "1")
    assert kiosk.concentration.amountInput.text() == "1" and kiosk.form.concentrationInput.text() == "1 mg/mL"
    assert band_of(kiosk) == "ldn"
    tap(qtbot, kiosk.choices["frequency"].button("once-daily"))
    tap(qtbot, kiosk.choices["form"].button("tablet"))
    tap(qtbot, kiosk.choices["frequency"].button("weekly-schedule"))
    enter(qtbot, kiosk, "7")  # the dose field is hidden: the keypad types into Monday
    assert kiosk.form.weeklyInputs[0].text() == "7"
    kiosk.form.weeklyInputs[WEEKDAYS.index("Wed")].setFocus()
    enter(qtbot, kiosk, "14")
    assert kiosk.form.weeklyInputs[2].text() == "14"
    assert band_of(kiosk) == "ldn"  # 21 mg a week is 3 mg a day


def test_buttons_choose_unit_form_and_frequency(qtbot, kiosk):
    enter(qtbot, kiosk, "250")
    assert band_of(kiosk) == "above-standard"
    tap(qtbot, kiosk.choices["unit"].button("mcg"))
    assert kiosk.form.unitSelector.currentData() == "mcg" and band_of(kiosk) == "vldn"
    assert kiosk.choices["unit"].button("mcg").isChecked()
    assert not kiosk.choices["unit"].button("mg").isChecked()
    tap(qtbot, kiosk.choices["unit"].button("mcg"))  # tapping the chosen one keeps it chosen
    assert kiosk.choices["unit"].button("mcg").isChecked()
    tap(qtbot, kiosk.choices["form"].button("injection"))
    assert [b.text() for b in kiosk.choices["unit"].buttons()] == ["mg"]
    # 250 mcg once daily has no meaning for the injection: both choices are cleared, visibly
    assert not any(b.isChecked() for b in kiosk.choices["unit"].buttons())
    assert not any(b.isChecked() for b in kiosk.choices["frequency"].buttons())
    assert band_of(kiosk) == "" and "The unit mcg is not offered for the injection" in kiosk.errorLabel.text()
    tap(qtbot, kiosk.choices["unit"].button("mg"))
    tap(qtbot, kiosk.choices["frequency"].button("every-4-weeks"))
    assert kiosk.choices["frequency"].button("every-4-weeks").isChecked()
    tap(qtbot, key(kiosk, "Clear"))
    enter(qtbot, kiosk, "380")
    assert band_of(kiosk) == "xr-standard"
    tap(qtbot, kiosk.choices["frequency"].button("every-2-weeks"))
    assert band_of(kiosk) == "xr-nonstandard"
    assert kiosk.doseInput.hasFocus()  # a tap on a choice leaves the cursor in the dose field


def test_buttons_follow_the_model(kiosk):
    """Automation may drive the hidden combo boxes; the buttons show the same choice."""
    kiosk.form.select(kiosk.form.frequencySelector, "twice-daily")
    assert kiosk.choices["frequency"].button("twice-daily").isChecked()
    assert kiosk.form.frequencySelector.isHidden()


def test_kiosk_shows_the_same_answer_as_the_workstation(qtbot, kiosk, window):
    from window_driver import type_dose

    enter(qtbot, kiosk, "0.25")
    type_dose(qtbot, window, "0.25", "mg")
    assert kiosk.result().band == window.result().band and kiosk.result().daily_mg == window.result().daily_mg
    assert kiosk.result().dose_text == window.result().dose_text
    assert kiosk.precautionsView.toPlainText() == window.precautionsView.toPlainText()
    assert kiosk.panel.explanationView.toPlainText() == window.panel.explanationView.toPlainText()


# -- idle reset ----------------------------------------------------------------------------------------------------
def test_idle_reset_returns_exactly_to_the_start(qtbot, make_kiosk, steady_cursor):
    kiosk = make_kiosk(idle_ms=1200)
    qtbot.mouseMove(kiosk.bandLabel)
    qtbot.wait(50)
    start_state = state(kiosk)
    start_image = kiosk.grab().toImage()
    assert start_state["focus"] == "doseInput"

    # someone uses it: a liquid, a dose, a concentration, scrolled precautions, the PIN prompt open
    tap(qtbot, kiosk.choices["form"].button("liquid"))
    tap(qtbot, kiosk.choices["frequency"].button("twice-daily"))
    enter(qtbot, kiosk, "4.5")
    tap(qtbot, kiosk.concentration.amountInput)
    enter(qtbot, kiosk, "1")
    assert band_of(kiosk) == "intermediate"
    kiosk.precautionsView.verticalScrollBar().setValue(kiosk.precautionsView.verticalScrollBar().maximum())
    assert kiosk.precautionsView.verticalScrollBar().value() > 0
    hold_corner(qtbot, kiosk)
    assert kiosk.pinOverlay.isVisible()
    counted = []
    kiosk.watcher.countdown.connect(counted.append)
    assert state(kiosk) != start_state

    with qtbot.waitSignal(kiosk.resetDone, timeout=5000):
        pass
    assert counted and counted[0] >= 1  # the countdown was shown before the reset
    qtbot.mouseMove(kiosk.bandLabel)
    qtbot.wait(50)
    assert state(kiosk) == start_state
    image = kiosk.grab().toImage()
    if image != start_image:
        start_image.save("/tmp/kiosk-start-state.png")
        image.save("/tmp/kiosk-after-reset.png")
    assert image.size() == start_image.size()
    assert image.convertToFormat(QImage.Format.Format_RGB32) == start_image.convertToFormat(QImage.Format.Format_RGB32)
    assert not kiosk.doseInput.isUndoAvailable()  # Ctrl+Z cannot bring the last dose back


def test_countdown_shows_then_a_touch_cancels_it(qtbot, make_kiosk):
    kiosk = make_kiosk(idle_ms=1000)
    enter(qtbot, kiosk, "4.5")
    qtbot.waitUntil(kiosk.countdownBanner.isVisible, timeout=3000)
    assert "Starting again in" in kiosk.countdownBanner.text()
    assert kiosk.watcher.is_counting_down()
    device = QTest.createTouchDevice()
    point = kiosk.bandLabel.mapTo(kiosk, QPoint(10, 10))
    QTest.touchEvent(kiosk, device, False).press(0, point, kiosk).commit()
    QTest.touchEvent(kiosk, device, False).release(0, point, kiosk).commit()
    assert not kiosk.countdownBanner.isVisible()
    assert not kiosk.watcher.is_counting_down()
    qtbot.wait(400)  # past the original reset time: the touch restarted the clock
    assert kiosk.doseInput.text() == "4.5" and band_of(kiosk) == "ldn"


@pytest.mark.parametrize("how", ["click", "key"])
def test_countdown_cancels_on_click_or_key(qtbot, make_kiosk, how):
    kiosk = make_kiosk(idle_ms=1000)
    enter(qtbot, kiosk, "4.5")
    qtbot.waitUntil(kiosk.countdownBanner.isVisible, timeout=3000)
    if how == "click":
        tap(qtbot, kiosk.bandLabel)
    else:
        qtbot.keyClick(kiosk.doseInput, Qt.Key.Key_Shift)
    assert not kiosk.countdownBanner.isVisible()
    assert kiosk.doseInput.text() == "4.5"


def test_untouched_kiosk_shows_no_countdown(qtbot, make_kiosk):
    kiosk = make_kiosk(idle_ms=400)
    resets = []
    kiosk.resetDone.connect(lambda: resets.append(1))
    qtbot.wait(700)
    assert not resets and not kiosk.countdownBanner.isVisible()
    assert not kiosk.watcher.is_armed()


def test_idle_time_comes_from_the_site_configuration(qtbot, scheme):
    from gui.idle_reset import countdown_ms
    from gui.kiosk_window import KioskWindow

    w = KioskWindow(scheme, "en_US", SiteConfig(path=None, idle_reset_seconds=45))
    qtbot.addWidget(w, before_close_func=hide)
    assert w.watcher.idle_ms == 45_000
    assert countdown_ms(45_000) == 10_000 and countdown_ms(1000) == 500


# -- supervised exit ---------------------------------------------------------------------------------------------
def pin_keys(qtbot, kiosk, text: str) -> None:
    for ch in text:
        tap(qtbot, kiosk.pinOverlay.pinKeypad.buttons[ch])


def test_short_press_on_the_corner_does_nothing(qtbot, kiosk):
    hold_corner(qtbot, kiosk, ms=50)
    qtbot.wait(300)
    assert not kiosk.pinOverlay.isVisible()


def test_right_pin_exits(qtbot, kiosk):
    hold_corner(qtbot, kiosk)
    overlay = kiosk.pinOverlay
    assert overlay.isVisible() and overlay.geometry() == kiosk.rect()
    assert overlay.pinInput.echoMode() == QLineEdit.EchoMode.Password
    assert overlay.pinInput.hasFocus()
    assert not kiosk.content.isEnabled()  # the calculator behind does not react
    pin_keys(qtbot, kiosk, PIN)
    assert overlay.pinInput.text() == PIN
    with qtbot.waitSignal(kiosk.exitRequested, timeout=2000):
        tap(qtbot, overlay.submitButton)
    assert kiosk.exit_authorised()
    assert not kiosk.isVisible()


def test_pin_from_a_hardware_keyboard(qtbot, kiosk):
    hold_corner(qtbot, kiosk)
    qtbot.keyClicks(kiosk.pinOverlay.pinInput, "ab" + PIN)  # letters are not accepted
    assert kiosk.pinOverlay.pinInput.text() == PIN
    with qtbot.waitSignal(kiosk.exitRequested, timeout=2000):
        qtbot.keyClick(kiosk.pinOverlay.pinInput, Qt.Key.Key_Return)


def test_wrong_pins_slow_down_further_tries(qtbot, kiosk, capfd):
    exits = []
    kiosk.exitRequested.connect(lambda: exits.append(1))
    hold_corner(qtbot, kiosk)
    overlay = kiosk.pinOverlay
    pin_keys(qtbot, kiosk, "1111")
    tap(qtbot, overlay.submitButton)
    assert overlay.pinMessage.text() == "Wrong PIN. Try again."
    assert overlay.pinInput.text() == "" and overlay.submitButton.isEnabled()
    # the journal says the first wrong PIN may be followed at once, not "in 0 s"
    assert "wrong exit PIN (1 in a row); next try allowed now" in capfd.readouterr().err
    pin_keys(qtbot, kiosk, "2222")
    tap(qtbot, overlay.submitButton)
    assert overlay.pinMessage.text() == "Wrong PIN. Try again in 2 s."
    assert "wrong exit PIN (2 in a row); next try allowed in 2 s" in capfd.readouterr().err
    assert not overlay.submitButton.isEnabled() and not overlay.pinInput.isEnabled()
    overlay.pinInput.setText(PIN)
    overlay.submit()  # the right PIN during the wait is not even checked
    assert not exits and kiosk.isVisible()
    # cancelling and holding again does not skip the wait
    tap(qtbot, overlay.cancelButton)
    assert not overlay.isVisible() and kiosk.content.isEnabled()
    hold_corner(qtbot, kiosk)
    assert overlay.locked_seconds() >= 1 and "Try again in" in overlay.pinMessage.text()
    assert not overlay.submitButton.isEnabled()


def test_back_off_ends_and_grows(qtbot, make_kiosk):
    backoff = Backoff(first_delay=0.4)
    kiosk = make_kiosk(backoff=backoff)
    hold_corner(qtbot, kiosk)
    overlay = kiosk.pinOverlay
    for attempt in range(3):
        qtbot.waitUntil(overlay.submitButton.isEnabled, timeout=3000)
        pin_keys(qtbot, kiosk, "9999")
        tap(qtbot, overlay.submitButton)
        assert backoff.failures == attempt + 1
    assert backoff.delay == pytest.approx(0.8)
    assert not overlay.submitButton.isEnabled()
    qtbot.waitUntil(overlay.submitButton.isEnabled, timeout=3000)
    assert overlay.pinMessage.text() == "Wrong PIN. Try again."
    pin_keys(qtbot, kiosk, PIN)
    with qtbot.waitSignal(kiosk.exitRequested, timeout=2000):
        tap(qtbot, overlay.submitButton)
    assert backoff.failures == 0


def test_pin_prompt_is_built_after_the_first_paint(qtbot, scheme, pin_hash):
    """Started as the app starts it (the site configuration read after the first paint), the
    kiosk builds its hidden PIN prompt after its first paint, not before; held, the corner
    opens it with the site's PIN, over the whole window, as locked down as the rest (no
    context menu, nothing dragged in or out)."""
    from gui.kiosk_window import KioskWindow

    w = KioskWindow(scheme, "en_US", None, hold_ms=200)
    qtbot.addWidget(w, before_close_func=hide)
    w.resize(1280, 800)
    assert w.findChild(QWidget, "exitPinDialog") is None  # not part of the first frame's work
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.findChild(QWidget, "exitPinDialog") is not None, timeout=2000)
    overlay = w.findChild(QWidget, "exitPinDialog")
    assert overlay is w.pinOverlay and not overlay.isVisible() and overlay.geometry() == w.rect()
    w.apply_site_config(SiteConfig(path=None, exit_pin_hash=pin_hash))  # read after the first paint
    hold_corner(qtbot, w)
    assert overlay.isVisible() and overlay.geometry() == w.rect()
    assert not overlay.pinInput.dragEnabled() and not overlay.pinInput.acceptDrops()
    for widget in (overlay, *overlay.findChildren(QWidget)):
        assert widget.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu, widget.objectName()
    w.resize(1024, 600)
    qtbot.waitUntil(lambda: overlay.geometry() == w.rect())
    pin_keys(qtbot, w, PIN)
    with qtbot.waitSignal(w.exitRequested, timeout=2000):
        tap(qtbot, overlay.submitButton)
    assert w.exit_authorised()


def test_no_pin_configured_means_no_exit(qtbot, make_kiosk):
    kiosk = make_kiosk(pin=False)
    hold_corner(qtbot, kiosk)
    assert not kiosk.pinOverlay.isVisible()
    assert kiosk.noticeBanner.isVisible() and "No exit PIN" in kiosk.noticeBanner.text()
    assert kiosk.close() is False and kiosk.isVisible()


def test_idle_reset_closes_the_pin_prompt(qtbot, make_kiosk):
    kiosk = make_kiosk(idle_ms=800)
    hold_corner(qtbot, kiosk)
    pin_keys(qtbot, kiosk, "12")
    with qtbot.waitSignal(kiosk.resetDone, timeout=4000):
        pass
    assert not kiosk.pinOverlay.isVisible() and kiosk.pinOverlay.pinInput.text() == ""
    assert kiosk.content.isEnabled() and kiosk.doseInput.hasFocus()
