"""Kiosk mode: the calculator full screen on a ward touch screen that anyone walks up to.

The same window logic as the workstation (a MainWindow subclass: core reads the form,
core classifies, the same result panel, bar and precautions), laid out for a finger,
with what a passer-by must not do taken away: no close, no dialogs, no printing, no
links, no context menus, no previous person's dose (idle reset), and an exit only for
staff who know the PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QClipboard,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScroller,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.pin import Backoff
from core.site_config import SiteConfig
from gui.exit_pin import HOLD_MS, ExitCorner, PinOverlay
from gui.first_paint import after_first_paint
from gui.idle_reset import IdleWatcher
from gui.keypad import Keypad
from gui.kiosk_inputs import KioskInputs
from gui.main_window import TITLE, MainWindow
from gui.touch_form import FONT_SCALE, TOUCH_MIN_HEIGHT, TouchChoices
from gui.window_events import belongs_to

if TYPE_CHECKING:
    from core.scheme import Scheme

NOTICE_MS = 6000
SCROLLBAR_WIDTH = 28
KEY_HEIGHT = (72, 104)  # px: the keypad's keys grow with the screen, within these bounds
COMPACT_BELOW = 1200  # px wide: below this (1024x600 screens) the kiosk lays out narrower
COMPACT_KEY_WIDTH = 56  # px: still wider than the 48 px a finger needs
NO_PIN_NOTICE = (
    "No exit PIN is set in the site configuration, so this kiosk cannot be closed from the screen. "
    "Staff: stop it from the operating system (see docs/kiosk.md)."
)


def is_blocked_key(event: QKeyEvent) -> bool:
    """Keys that close, quit or leave a window elsewhere; on the kiosk they do nothing."""
    key = event.key()
    mods = event.modifiers()
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    if key == Qt.Key.Key_Escape or key in (Qt.Key.Key_Close, Qt.Key.Key_Exit, Qt.Key.Key_PowerOff, Qt.Key.Key_Sleep):
        return True
    if key == Qt.Key.Key_F4 and (ctrl or alt):
        return True
    if ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W):
        return True
    if alt and key in (Qt.Key.Key_Tab, Qt.Key.Key_Space):
        return True
    if key in (Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Meta, Qt.Key.Key_Menu, Qt.Key.Key_F11):
        return True
    return event.matches(QKeySequence.StandardKey.Close) or event.matches(QKeySequence.StandardKey.Quit)


def is_copy_key(event: QKeyEvent) -> bool:
    """Keys that copy or cut (Ctrl+C, Ctrl+Insert, Ctrl+X, Shift+Delete, the Copy and Cut
    keys): on the kiosk nothing is put on the clipboard, so they do nothing."""
    if event.key() in (Qt.Key.Key_Copy, Qt.Key.Key_Cut):
        return True
    return event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut)


_MOUSE_BUTTON_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)


class _KioskGuard(QObject):
    """Application-wide filter for one kiosk window: eats closing keys, copy and cut keys,
    the middle button (X11 pastes the PRIMARY selection with it) and context menus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _belongs(self, watched: QObject) -> bool:
        return belongs_to(self._window, watched)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and self._belongs(watched):
            return True
        if (
            kind in _MOUSE_BUTTON_EVENTS
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.MiddleButton
            and self._belongs(watched)
        ):
            return True
        if (
            kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
            and isinstance(event, QKeyEvent)
            and (is_blocked_key(event) or is_copy_key(event))
            and self._belongs(watched)
        ):
            event.accept()
            return True
        return False


class KioskWindow(MainWindow):
    """The calculator in kiosk mode. `KioskWindow(scheme, locale, config)`.

    `idle_ms`, `hold_ms` and `backoff` exist for tests (the site file's minimum idle
    time is 10 s); in service they come from the site configuration and core.pin.
    """

    exitRequested = Signal()
    resetDone = Signal()

    def __init__(
        self,
        scheme: Scheme | None = None,
        locale: str | None = None,
        config: SiteConfig | None = None,
        *,
        idle_ms: int | None = None,
        hold_ms: int = HOLD_MS,
        backoff: Backoff | None = None,
        parent: QWidget | None = None,
        scheme_later: bool = False,
    ) -> None:
        self.config = config if config is not None else SiteConfig(path=None)
        self._idle_ms_given = idle_ms is not None
        self.idle_ms = idle_ms if idle_ms is not None else self.config.idle_reset_seconds * 1000
        self._hold_ms = hold_ms
        self._backoff = backoff
        self._authorised_exit = False
        super().__init__(scheme, locale or self.config.locale, parent, scheme_later=scheme_later)
        self.setObjectName("kioskWindow")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setMinimumSize(0, 0)
        # the screen decides the size, not the layout: a narrow screen would otherwise have the
        # wide layout's minimum refuse its size, and never learn to lay out narrower
        self.content.setMinimumSize(1, 1)
        self.statusBar().hide()
        _lock_down(self)
        # the PIN prompt (hidden until the corner is held for seconds) is built right after the
        # first paint, not before it: see pinOverlay
        after_first_paint(self, lambda: self.pinOverlay)
        self._guard = _KioskGuard(self)
        self._clearing = False
        clipboard = QApplication.clipboard()
        if clipboard is not None:  # whatever puts something there (a selection, a key), it goes
            clipboard.dataChanged.connect(self._forget_clipboard)
            clipboard.selectionChanged.connect(self._forget_clipboard)
        self.watcher = IdleWatcher(self, self.idle_ms)
        self.watcher.countdown.connect(self._show_countdown)
        self.watcher.cancelled.connect(self.countdownBanner.hide)
        self.watcher.reset.connect(self.reset_to_start)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._last_day: QLineEdit | None = None  # where the keypad typed last on the schedule's page
        self.form.changed.connect(self._retarget)
        self.keypad.pressed.connect(self._reveal_target)
        self.keypad.set_target(self.form.doseInput)
        self.form.doseInput.setFocus()

    # -- building (MainWindow calls these) ----------------------------------------------
    def _build_actions(self) -> None:
        """No Copy, Print, Save as PDF or About: they open dialogs or other programs."""

    def _set_output_enabled(self, enabled: bool) -> None:
        """Nothing to enable: the kiosk has no output actions."""

    def _set_about_enabled(self, enabled: bool) -> None:
        """Nothing to enable: the kiosk has no About (the scheme is on screen)."""

    def _build_layout(self) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * FONT_SCALE)
        self.setFont(font)
        band_font = self.panel.bandLabel.font()
        band_font.setPointSizeF(band_font.pointSizeF() * FONT_SCALE)
        self.panel.bandLabel.setFont(band_font)
        # The heading's longest word (a site scheme's band name) must not set the width of the
        # answer's column: a long one pushed the inputs off their column, cut off (issue 15).
        self.panel.bandLabel.setMinimumWidth(1)

        self.inputs = KioskInputs(self.form)
        self.choices: dict[str, TouchChoices] = self.inputs.choices
        self.concentration = self.inputs.concentration
        self.inputs.pageChanged.connect(self._page_changed)
        # the locale's separator; "." until a staged start has resolved the locale (set_locale)
        self.keypad = Keypad(self.numbers.decimal if self.numbers else ".")

        title = QLabel(TITLE)
        title.setObjectName("kioskTitle")
        title.setWordWrap(True)
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title.setFont(title_font)
        self.exitCorner = ExitCorner(self._hold_ms)
        self.exitCorner.held.connect(self.request_exit)

        # under the band: where the answer would be, the reason there is none (room for two lines)
        self.errorLabel.setMinimumHeight(QFontMetrics(font).lineSpacing() * 2 + 12)
        # set, not inherited: the label's error style sheet comes and goes, and each time a
        # style sheet is applied it takes the font the label was given, not the window's
        self.errorLabel.setFont(font)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        keypad_column = QVBoxLayout()
        keypad_column.setSpacing(8)
        keypad_column.addWidget(self.keypad)
        keypad_hint = QLabel("The keypad types where the cursor is.")
        keypad_hint.setObjectName("keypadHint")
        keypad_hint.setWordWrap(True)
        keypad_column.addWidget(keypad_hint)
        keypad_column.addStretch(1)
        self._keypad_hint = keypad_hint
        self._layout_for(QSize(1280, 800))

        entry = QHBoxLayout()  # what the user does: the inputs' page and the keypad
        entry.setSpacing(8)
        entry.addWidget(self.inputs, 1)
        entry.addLayout(keypad_column, 0)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(title)
        left.addLayout(entry, 1)

        for label in (self.panel.bandLabel, self.schemeLabel):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        texts = QSplitter(Qt.Orientation.Vertical)
        texts.setObjectName("detailSplitter")
        texts.setChildrenCollapsible(False)
        texts.setHandleWidth(12)
        for view in (self.panel.explanationView, self.precautionsView):
            _touch_text(view)
            texts.addWidget(view)
        texts.setSizes([1, 1])
        top = QHBoxLayout()  # the band, and the staff's corner at the top right of the screen
        top.addWidget(self.panel.bandLabel, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.exitCorner, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        answer = QVBoxLayout()
        answer.setSpacing(6)
        answer.addLayout(top)
        answer.addWidget(self.errorLabel)
        answer.addWidget(self.doseBar)
        answer.addWidget(texts, 1)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addLayout(left, 0)
        body.addLayout(answer, 1)

        self.schemeLabel.setWordWrap(True)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() / FONT_SCALE * 1.15)  # long and rarely read: a little smaller
        self.schemeLabel.setFont(small)
        # two lines, the scheme's label once it is read, so the layout does not move then
        self.schemeLabel.setMinimumHeight(QFontMetrics(small).lineSpacing() * 2)
        bar_font = QFont(font)
        bar_font.setPointSizeF(font.pointSizeF() / FONT_SCALE * 1.2)  # the bar's labels must fit half a screen
        self.doseBar.setFont(bar_font)

        self.content = QWidget()
        self.content.setObjectName("kioskContent")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(body, 1)
        layout.addWidget(self.schemeLabel)
        self.setCentralWidget(self.content)
        for area in (self.panel.explanationView, self.precautionsView):
            bar = area.verticalScrollBar()  # wide enough for a finger (only the bar: a window style sheet
            bar.setStyleSheet(f"QScrollBar:vertical {{ width: {SCROLLBAR_WIDTH}px; }}")  # would reset fonts)

        self.countdownBanner = _banner("idleCountdown", self)
        self.noticeBanner = _banner("kioskNotice", self)
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.noticeBanner.hide)
        self._pin_overlay: PinOverlay | None = None  # built when first needed (pinOverlay)

    @property
    def pinOverlay(self) -> PinOverlay:  # noqa: N802 - named like the window's other parts
        """The exit PIN prompt: built right after the window's first paint (or when anything asks
        for it sooner), not with the window. It is hidden until the corner is held, and with its
        own keypad it cost the kiosk's first paint about 5 ms. Once built it stays (it keeps the
        wrong PINs' wait, also across idle resets); it is locked down as the rest of the window
        (`_lock_down`)."""
        if self._pin_overlay is None:
            overlay = PinOverlay(self.config.exit_pin_hash or "", self._backoff, self)
            overlay.authorised.connect(self._exit_authorised)
            overlay.closed.connect(self._prompt_closed)
            overlay.setGeometry(self.rect())
            _lock_down(overlay)
            self._pin_overlay = overlay
        return self._pin_overlay

    # -- the start screen -----------------------------------------------------------------
    def reset_to_start(self) -> None:
        """Everything exactly as at launch: no input, no answer, top of every list, dose field focused."""
        self.watcher.stop()
        if self._pin_overlay is not None:
            self._pin_overlay.close_prompt()
        self.countdownBanner.hide()
        self.noticeBanner.hide()
        self.exitCorner.cancel()
        self.form.reset()  # the launch defaults: nothing chosen, nothing cleared
        for edit in (*self.inputs.typing_fields(), self.form.concentrationInput):
            edit.blockSignals(True)
            edit.setText("")  # unlike clear(), setText() also empties the undo history (no Ctrl+Z back)
            edit.blockSignals(False)
        self.inputs.reset()  # the choices page, an empty concentration in mg
        self._last_day = None
        self.reclassify()
        for area in self.findChildren(QAbstractScrollArea):
            area.verticalScrollBar().setValue(0)
            area.horizontalScrollBar().setValue(0)
        for choices in self.choices.values():
            choices.sync()
        self.clear_clipboard()
        self.keypad.set_target(self.form.doseInput)
        self.form.doseInput.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resetDone.emit()

    # -- the clipboard and the PRIMARY selection -------------------------------------------
    def clear_clipboard(self) -> None:
        """Empty the clipboard and, on X11, the PRIMARY selection (the text last selected,
        which a middle-click pastes): the next person must find nothing of this one."""
        clipboard = QApplication.clipboard()
        if clipboard is None:
            return
        self._clearing = True
        try:
            clipboard.clear(QClipboard.Mode.Clipboard)
            if clipboard.supportsSelection():
                clipboard.clear(QClipboard.Mode.Selection)
        finally:
            self._clearing = False

    def _forget_clipboard(self) -> None:
        """Something reached the clipboard or the selection (selecting text in a field sets
        the PRIMARY selection on X11): clear it at once, while the kiosk is on screen."""
        if not self._clearing and self.isVisible():
            self.clear_clipboard()

    def _show_countdown(self, seconds: int) -> None:
        self.countdownBanner.setText(
            f"Starting again in {seconds} s: the screen will be cleared for the next person. "
            "Touch the screen to keep this answer."
        )
        self._place_banners()
        self.countdownBanner.show()
        self.countdownBanner.raise_()

    # -- keypad ------------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.inputs.switching():
            return  # a page's remembered focus (maybe the last person's day): _page_changed decides
        if isinstance(new, QLineEdit) and new in self.inputs.typing_fields():
            self.keypad.set_target(new)
            if new in self.form.weeklyInputs:
                self._last_day = new

    def _reveal_target(self, _key: str) -> None:
        """What a key typed is seen: its field is scrolled into sight (KioskInputs.reveal)."""
        target = self.keypad.target()
        if target is not None:
            self.inputs.reveal(target)

    def _retarget(self, page_changed: bool = False) -> None:
        """Type into a field that is shown: after a change of form or frequency, the one typed
        into last if it still is, else the dose; on the schedule's page, the day typed into
        last there, else Monday. With none shown (the choices page of a weekly schedule) the
        keypad is disabled. The new field takes the focus, so its cursor shows where the keys
        type (and a USB keyboard types there too)."""
        target = self.keypad.target()
        if not page_changed and target is not None and target.isVisibleTo(self):
            return
        if self.inputs.days_open():
            fallback = self._last_day or self.form.weeklyInputs[0]
        else:
            fallback = self.form.doseInput
        shown = fallback if fallback.isVisibleTo(self) else None
        self.keypad.set_target(shown)
        if shown is not None:
            shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self) -> None:
        if hasattr(self, "keypad"):  # not while the layout is being built
            self._retarget(page_changed=True)

    # -- the site configuration (read after the first paint) ------------------------------
    def apply_site_config(self, config: SiteConfig) -> None:
        """The site's idle time and exit PIN, once its configuration has been read."""
        self.config = config
        if not self._idle_ms_given:
            self.idle_ms = config.idle_reset_seconds * 1000
            self.watcher.set_idle_ms(self.idle_ms)
        if self._pin_overlay is not None:  # else it is built with this configuration's hash
            self._pin_overlay.set_pin_hash(config.exit_pin_hash or "")

    def set_locale(self, locale: str, source: str = "--locale") -> None:
        super().set_locale(locale, source)
        assert self.numbers is not None
        self.keypad.set_decimal_separator(self.numbers.decimal)

    # -- leaving ------------------------------------------------------------------------
    def request_exit(self) -> None:
        """The corner was held: ask for the PIN, or say that there is no exit here."""
        if not self.config.exit_pin_hash:
            self.noticeBanner.setText(NO_PIN_NOTICE)
            self._place_banners()
            self.noticeBanner.show()
            self.noticeBanner.raise_()
            self._notice_timer.start()
            return
        self.content.setEnabled(False)  # nothing behind the prompt reacts while it is open
        self.pinOverlay.open_prompt()

    def _prompt_closed(self) -> None:
        self.content.setEnabled(True)
        self.form.doseInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _exit_authorised(self) -> None:
        self._authorised_exit = True
        self.exitRequested.emit()
        self.close()

    def exit_authorised(self) -> bool:
        return self._authorised_exit

    def closeEvent(self, event: QCloseEvent) -> None:
        """Only the supervised exit closes the kiosk; Alt+F4, a window manager or a script cannot."""
        if self._authorised_exit:
            event.accept()
        else:
            event.ignore()

    # -- output the kiosk does not offer ----------------------------------------------------
    def copy_result(self) -> None:
        """No clipboard: the next person must not paste this person's answer."""

    def print_result(self) -> None:
        """No printing from a ward kiosk."""

    def save_pdf(self, path: str | None = None) -> str | None:  # noqa: ARG002 - same signature as MainWindow
        """No files from a ward kiosk."""
        return None

    def show_about(self) -> None:
        """No About dialog: the scheme and version are on screen."""

    # -- geometry ----------------------------------------------------------------------
    def _layout_for(self, size: QSize) -> None:
        """Fit the screen: keys as tall as its height allows (72 px at 600 and 800 px, 104 px
        at 1080 px); on a narrow screen (1024 px) narrower keys and two columns of choices,
        so the answer keeps the width its bar needs."""
        compact = size.width() < COMPACT_BELOW
        key_height = max(KEY_HEIGHT[0], min(KEY_HEIGHT[1], (size.height() - 260) // 7))
        key_width = COMPACT_KEY_WIDTH if compact else key_height + 4
        keypad = QSize(3 * key_width + 2 * 8, 5 * key_height + 4 * 8)
        if self.keypad.size() != keypad:
            self.keypad.setFixedSize(keypad)
            self._keypad_hint.setFixedWidth(keypad.width())
        self.inputs.set_compact(compact)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new palette: the banners are polished again (their sheets name palette roles,
        which Qt resolves only when it polishes: a banner made in a light theme showed the
        light highlight after the system switched to dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "noticeBanner"):  # not while being built
            for banner in (self.countdownBanner, self.noticeBanner):
                banner.setStyleSheet(banner.styleSheet())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout_for(event.size())
        super().resizeEvent(event)
        if self._pin_overlay is not None:
            self._pin_overlay.setGeometry(self.rect())
        self._place_banners()

    def _place_banners(self) -> None:
        for banner in (self.countdownBanner, self.noticeBanner):
            height = banner.heightForWidth(self.width() - 32) if banner.hasHeightForWidth() else 0
            height = max(height, TOUCH_MIN_HEIGHT + 24)
            banner.setGeometry(QRect(16, self.height() - height - 16, self.width() - 32, height))


def _banner(name: str, parent: QWidget) -> QLabel:
    """A large message across the bottom of the window, over the calculator."""
    banner = QLabel(parent)
    banner.setObjectName(name)
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setAccessibleName("Notice")
    font = banner.font()
    font.setBold(True)
    banner.setFont(font)
    banner.setStyleSheet(
        f"QLabel#{name} {{ background-color: palette(highlight); color: palette(highlighted-text);"
        " border-radius: 8px; padding: 12px; }"
    )
    banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    banner.hide()
    return banner


def _lock_down(root: QWidget) -> None:
    """No context menu on `root` or anything in it, and nothing dragged out of a field nor
    into it: every line edit, the hidden ones too (the form's concentration field is written
    by the finger entry, never shown)."""
    root.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for widget in root.findChildren(QWidget):
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for edit in root.findChildren(QLineEdit):
        edit.setDragEnabled(False)
        edit.setAcceptDrops(False)


def _touch_text(view: QTextBrowser) -> None:
    """Read-only text scrolled by dragging a finger; links never open."""
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)
    view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


def show_kiosk(window: QWidget) -> None:
    """Cover the screen: size to it first (no window manager does it for us), then full screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()
