"""What the keystroke's speed-ups (issue 14) must not change: every answer is painted in its
own colours and text, in the window's font, whatever came before it.

- The chip's and the message's style sheets are set only when they differ (Qt re-polishes
  on every setStyleSheet): a chip that kept the last band's colours, or a message that kept
  the error frame under an answer, would fail here.
- The dose bar paints its own background (an opaque layer): it must be the window's, in a
  light and a dark palette, after the palette changes.
- The text panes lay out Latin text without optional shaping: they must still take the
  window's font (the kiosk's larger one too) and draw the answer's text, and nothing after
  a refusal.
- The precautions pane keeps the documents of recent answers: one shown again must be
  exactly what a new pane shows for that answer, in the pane's font of the moment.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from window_driver import band_of, choose, type_dose

from gui.palette import dark_palette, error_colour
from gui.qt_runtime import NO_GUI_THREADPOOL, serial_fills


def dominant_colour(image: QImage) -> str:
    counts = Counter(
        image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )
    return counts.most_common(1)[0][0]


def ink_pixels(image: QImage, background: QColor) -> int:
    """Pixels clearly unlike the background (text drawn on it)."""
    bg = background.lightness()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if abs(image.pixelColor(x, y).lightness() - bg) > 80
    )


# (typed, band or None for a refusal, the message's severity)
SEQUENCE = [
    ("4.5", "ldn", ""),
    ("0.25", "vldn", ""),
    ("abc", None, "error"),
    ("4.5", "ldn", ""),
    ("", None, "hint"),
    ("300", "high", ""),
    ("2*3", None, "error"),
    ("4,5", None, "error"),
    ("0.25", "vldn", ""),
    ("0.25", "vldn", ""),
]


def test_the_chip_and_the_message_are_painted_for_each_answer_in_turn(qtbot, window, scheme):
    """Typed in turn, as a user goes from one dose to the next: the chip is drawn in the band's
    colour every time (never the previous band's), and the message has the error frame only
    while the input is refused with an error."""
    neutral = dominant_colour(window.bandLabel.grab().toImage())
    for typed, band_id, severity in SEQUENCE:
        type_dose(qtbot, window, typed, "mg")
        assert (band_of(window) or None) == band_id, typed
        chip = dominant_colour(window.bandLabel.grab().toImage())
        if band_id is None:
            assert chip == neutral, typed
            assert chip not in {b.colour for b in scheme.bands}, typed
        else:
            assert chip == scheme.band(band_id).colour, typed
        assert window.errorLabel.property("severity") == severity, typed
        sheet = window.errorLabel.styleSheet()
        red = QColor(error_colour(window.palette()))
        message = window.errorLabel.grab().toImage()
        framed = sum(
            1
            for x in range(message.width())
            for y in (0, 1, message.height() - 2, message.height() - 1)
            if message.pixelColor(x, y) == red
        )
        if severity == "error":
            assert error_colour(window.palette()) in sheet and framed > message.width(), typed
        else:
            assert sheet == "" and framed == 0, typed


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_bar_paints_the_windows_background_under_its_bands(qtbot, window, theme):
    if theme == "dark":
        window.setPalette(dark_palette())
    type_dose(qtbot, window, "4.5", "mg")
    bar = window.doseBar
    assert bar.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # Qt paints nothing under it
    background = window.palette().color(QPalette.ColorRole.Window)
    image = window.grab().toImage()
    origin = bar.mapTo(window, QPoint(0, 0))
    dpr = image.devicePixelRatio()
    # the corners of the bar carry no drawing: the window's own background shows there
    for x, y in ((3, 1), (bar.width() - 4, 1), (3, bar.height() - 2)):
        pixel = image.pixelColor(int((origin.x() + x) * dpr), int((origin.y() + y) * dpr))
        assert pixel == background, (theme, x, y, pixel.name(), background.name())
    # and the bands are drawn on it
    rect = bar.band_rect("ldn")
    centre = rect.center()
    pixel = image.pixelColor(int((origin.x() + rect.left() + 3) * dpr), int((origin.y() + centre.y()) * dpr))
    assert pixel == QColor(window.scheme.band("ldn").colour)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_before_the_scheme_the_bar_is_the_windows_background_and_nothing_else(qtbot, theme):
    """Built before the scheme is read (the staged start), the opaque bar paints every pixel
    in the window's background colour itself (Qt paints nothing under it)."""
    from gui.main_window import MainWindow

    window = MainWindow(None, "en_US", scheme_later=True)
    qtbot.addWidget(window)
    if theme == "dark":
        window.setPalette(dark_palette())
    window.show()
    qtbot.waitExposed(window)
    bar = window.doseBar
    background = window.palette().color(QPalette.ColorRole.Window)
    image = bar.grab().toImage()
    colours = Counter(image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(image.height()))
    assert set(colours) == {background.rgb()}, (theme, [QColor(c).name() for c in colours])


def test_the_bar_follows_a_palette_change_after_its_layer_was_drawn(qtbot, window):
    """The layer is cached per palette: a dark palette after a light paint must not keep the
    light background."""
    type_dose(qtbot, window, "4.5", "mg")
    light = window.palette().color(QPalette.ColorRole.Window)
    assert window.doseBar.grab().toImage().pixelColor(3, 1) == light
    window.setPalette(dark_palette())
    dark = window.palette().color(QPalette.ColorRole.Window)
    assert dark != light
    assert window.doseBar.grab().toImage().pixelColor(3, 1) == dark


def test_the_text_panes_take_the_windows_font_and_draw_the_answer(qtbot, window):
    panes = (window.panel.explanationView, window.precautionsView)
    for pane in panes:
        assert pane.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
        assert pane.font().family() == window.font().family()
        assert pane.font().pointSizeF() == window.font().pointSizeF()
    bigger = QFont(window.font())
    bigger.setPointSizeF(window.font().pointSizeF() * 1.5)
    window.setFont(bigger)
    for pane in panes:
        assert pane.font().pointSizeF() == bigger.pointSizeF()  # inherited, not fixed by the pane
        assert pane.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    base = window.palette().color(QPalette.ColorRole.Base)
    type_dose(qtbot, window, "4.5", "mg")
    for pane in panes:
        assert ink_pixels(pane.viewport().grab().toImage(), base) > 500, pane.objectName()
    type_dose(qtbot, window, "2*3", "mg")
    for pane in panes:
        assert ink_pixels(pane.viewport().grab().toImage(), base) == 0, pane.objectName()


def test_the_kiosks_panes_keep_its_larger_font(qtbot, scheme):
    from core.site_config import SiteConfig
    from gui.kiosk_window import KioskWindow

    kiosk = KioskWindow(scheme, "en_US", SiteConfig(path=None))
    qtbot.addWidget(kiosk)
    for pane in (kiosk.panel.explanationView, kiosk.precautionsView):
        assert pane.font().pointSizeF() == kiosk.font().pointSizeF() > QFont().pointSizeF()
        assert pane.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping


def test_fills_stay_on_the_gui_thread_unless_the_site_asks_otherwise(monkeypatch):
    environ: dict[str, str] = {}
    serial_fills(environ)
    assert environ == {NO_GUI_THREADPOOL: "1"}
    environ = {NO_GUI_THREADPOOL: ""}  # set (to anything) by whoever starts the app: kept
    serial_fills(environ)
    assert environ == {NO_GUI_THREADPOOL: ""}
    # the app makes the setting when it makes (or reuses) its QApplication
    import gui.app

    monkeypatch.delenv(NO_GUI_THREADPOOL, raising=False)
    gui.app._application()
    assert os.environ[NO_GUI_THREADPOOL] == "1"


def fresh_precautions(window, result) -> QImage:
    """What a new pane, with no kept documents, shows for `result` at the window's pane size."""
    from gui.precautions_view import PrecautionsView

    pane = PrecautionsView()
    pane.setFont(window.precautionsView.font())
    pane.resize(window.precautionsView.size())
    pane.show_result(result)
    image = pane.viewport().grab().toImage()
    pane.deleteLater()
    return image


# more bands than are kept, each left through a refusal and come back to
TOUR = ["4.5", "2*3", "0.25", "abc", "4.5", "300", "", "50", "100", "25", "0.25", "4,5", "4.5", "300", "4.5"]


def test_precautions_shown_again_are_exactly_what_a_new_pane_shows(qtbot, window, monkeypatch):
    import gui.precautions_view
    from gui.answer_html import precautions_html

    monkeypatch.setattr(gui.precautions_view, "KEPT_DOCUMENTS", 3)  # so that some are forgotten on the way
    assert len({t for t in TOUR if t not in ("2*3", "abc", "", "4,5")}) > 3
    pane = window.precautionsView
    for typed in TOUR:
        type_dose(qtbot, window, typed, "mg")
        result = window.result()
        if result is None:
            assert pane.toPlainText() == "", typed
            continue
        expected = QTextDocument()
        expected.setHtml(precautions_html(result))
        assert pane.toPlainText() == expected.toPlainText(), typed
        assert pane.document().defaultFont() == pane.font(), typed
        assert pane.viewport().grab().toImage() == fresh_precautions(window, result), typed


def test_kept_precautions_follow_a_new_font(qtbot, window):
    type_dose(qtbot, window, "4.5", "mg")
    type_dose(qtbot, window, "0.25", "mg")  # the LDN text is kept, not shown
    bigger = QFont(window.font())
    bigger.setPointSizeF(window.font().pointSizeF() * 1.5)
    window.setFont(bigger)
    type_dose(qtbot, window, "4.5", "mg")
    pane = window.precautionsView
    assert pane.document().defaultFont().pointSizeF() == bigger.pointSizeF()
    assert pane.viewport().grab().toImage() == fresh_precautions(window, window.result())


def test_a_kept_document_edited_is_not_shown_again(qtbot, window):
    """Nothing in the app edits the pane's text; if anything ever did, the edited document
    would no longer be the key's text and must not come back for that band."""
    type_dose(qtbot, window, "4.5", "mg")
    pane = window.precautionsView
    original = pane.toPlainText()
    cursor = QTextCursor(pane.document())
    cursor.insertText("EDITED ")
    type_dose(qtbot, window, "abc", "mg")
    type_dose(qtbot, window, "4.5", "mg")
    assert pane.toPlainText() == original
    assert "EDITED" not in pane.toPlainText()


class _Reads:
    """Stands for an object and records the attribute paths read from it."""

    def __init__(self, target: object, path: str, seen: set[str]) -> None:
        self._target, self._path, self._seen = target, path, seen

    def __getattr__(self, name: str) -> object:
        path = f"{self._path}.{name}"
        self._seen.add(path)
        value = getattr(self._target, name)
        return _Reads(value, path, self._seen) if path == "result.band" else value


def test_the_precautions_key_is_everything_their_text_reads(qtbot, window):
    """The pane keeps documents by `precautions_key`, not by the HTML: if the text ever read
    something the key leaves out, a kept document could show another answer's text."""
    from gui.answer_html import precautions_html
    from gui.precautions_view import precautions_key

    type_dose(qtbot, window, "4.5", "mg")
    seen: set[str] = set()
    html = precautions_html(_Reads(window.result(), "result", seen))  # type: ignore[arg-type]
    assert html == precautions_html(window.result())
    assert seen == {"result.band", "result.band.name", "result.precautions", "result.references"}
    result = window.result()
    places = tuple(tuple(ref.place for ref in p.refs) for p in result.precautions)
    assert precautions_key(result) == (result.band.name, result.precautions, places, result.references)


def test_a_kept_precautions_document_is_not_shown_for_another_place_cited(qtbot, scheme, tmp_path):
    """A cited reference compares as its key alone ("L"), but the text shows the place
    ("L: Pregnancy"): a scheme that corrects only a place must not get the kept document
    of the old text (the view is given both schemes' answers, as a second set_scheme would)."""
    from core.classify import classify
    from core.regimen import read_regimen
    from core.scheme_loader import bundled_path
    from core.verify import load_scheme
    from gui.answer_html import precautions_html
    from gui.precautions_view import PrecautionsView

    text = bundled_path().read_text(encoding="utf-8")
    assert 'refs = ["L: Pregnancy"]' in text
    changed = tmp_path / "scheme.toml"
    changed.write_text(text.replace('refs = ["L: Pregnancy"]', 'refs = ["L: Use in pregnancy"]'), encoding="utf-8")
    other = load_scheme(changed)
    first = classify(read_regimen(["4.5 mg"], scheme.limits), scheme)
    second = classify(read_regimen(["4.5 mg"], other.limits), other)
    assert precautions_html(first) != precautions_html(second)
    view = PrecautionsView()
    qtbot.addWidget(view)
    view.show_result(first)
    view.clear_result()
    view.show_result(second)
    assert "Use in pregnancy" in view.toPlainText()


@pytest.mark.parametrize("form", ["tablet", "liquid", "injection"])
def test_equal_precautions_keys_mean_equal_texts(qtbot, window, form):
    """Across the bands, typed in turn, through the real field: one text per key."""
    from gui.answer_html import precautions_html
    from gui.precautions_view import precautions_key

    texts: dict[tuple[object, ...], set[str]] = {}
    choose(qtbot, window.form.formSelector, form)
    if form == "liquid":
        qtbot.keyClicks(window.form.concentrationInput, "1")
    for typed in ("0.0005", "0.25", "1", "4.5", "25", "50", "100", "300", "380", "1000"):
        type_dose(qtbot, window, typed, None)
        result = window.result()
        if result is not None:
            texts.setdefault(precautions_key(result), set()).add(precautions_html(result))
            assert window.precautionsView.toPlainText().startswith("Precautions for " + result.band.name)
    assert texts and all(len(v) == 1 for v in texts.values())


class _Paints(QObject):
    """Counts the Paint events of the widgets it watches."""

    def __init__(self, widgets: dict[str, QWidget]) -> None:
        super().__init__()
        self.names = {id(w): name for name, w in widgets.items()}
        self.counts: Counter[str] = Counter()
        for widget in widgets.values():
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.counts[self.names[id(watched)]] += 1
        return False


def test_a_refusal_after_a_refusal_paints_no_pane_and_no_bar_again(qtbot, window):
    """Typing through refusals ("2", "2*", "2*3"): the panes and the bar are emptied once, not
    laid out and painted again for each refused key; an answer after them paints all three."""
    type_dose(qtbot, window, "2", "mg")
    assert window.result() is not None
    watched = {
        "explanation": window.panel.explanationView.viewport(),
        "precautions": window.precautionsView.viewport(),
        "bar": window.doseBar,
    }
    paints = _Paints(watched)
    qtbot.keyClick(window.doseInput, "*")
    QApplication.processEvents()
    assert window.result() is None
    assert set(paints.counts) == set(watched), paints.counts  # the answer goes: all three emptied
    base = window.palette().color(QPalette.ColorRole.Base)
    paints.counts.clear()
    qtbot.keyClick(window.doseInput, "3")
    QApplication.processEvents()
    assert window.result() is None and window.errorLabel.text()
    assert paints.counts == Counter(), paints.counts
    for pane in (window.panel.explanationView, window.precautionsView):
        assert pane.toPlainText() == ""
        assert ink_pixels(pane.viewport().grab().toImage(), base) == 0
    assert window.doseBar.marker_state() == "none"
    for _ in range(3):
        qtbot.keyClick(window.doseInput, Qt.Key.Key_Backspace)
    QApplication.processEvents()
    qtbot.keyClick(window.doseInput, "5")
    QApplication.processEvents()
    assert window.doseInput.text() == "5" and band_of(window) == "ldn"
    assert window.precautionsView.toPlainText().startswith("Precautions for ")
    assert all(paints.counts[name] for name in watched), paints.counts
