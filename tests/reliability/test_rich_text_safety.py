"""Text typed or pasted into any input never becomes markup anywhere in the window.

Every hostile text goes into every text input (dose, concentration, each weekly field),
alone and beside valid inputs. Then: any label showing it is plain text; the rich-text
views (explanation, precautions) never hold it as markup (their HTML has only the escaped
form); no tooltip or accessible text carries it as markup; and the record that Copy puts on
the clipboard holds user text only in its "Entered:" line, literally.
"""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from core.verify import load_scheme

SCHEME = load_scheme()
HOSTILE = [
    "<b>5</b> mg",
    "<img src=x>",
    "&lt;",
    '<a href="file:///etc/passwd">x</a>',
    "<!DOCTYPE html><h1>4.5</h1>",
    "4.5<br>mg",
    "<script>alert(1)</script>",
    "<style>*{color:red}</style>5",
    "&#60;b&#62;5",
]


@pytest.fixture
def window(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow(SCHEME, locale="en_US")
    qtbot.addWidget(w)
    w.show()
    return w


def _paste(field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QGuiApplication.clipboard().setText(text)
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _assert_never_markup(window, text: str) -> None:
    for label in window.findChildren(QLabel):
        if text in label.text() or "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())
    for view in window.findChildren(QTextBrowser):
        html = view.toHtml()
        assert text not in html, (view.objectName(), "raw user text in rich text")
        for tag in ("<img", "<script", "<a href", "<h1", "<style>*"):
            if tag in text:
                assert tag not in html.replace("<style type=", ""), (view.objectName(), tag)
    for widget in window.findChildren(QWidget):  # tooltips are rich text when they look like it
        assert text not in widget.toolTip(), widget.objectName()
    # (accessible descriptions may quote the message: screen readers take them as plain text)


def _fill(window, where: str, text: str) -> None:
    form = window.form
    if where == "dose":
        _paste(form.doseInput, text)
    elif where == "concentration":
        form.select(form.formSelector, "liquid")
        _paste(form.doseInput, "4.5")
        _paste(form.concentrationInput, text)
    else:
        form.select(form.frequencySelector, "weekly-schedule")
        _paste(form.weeklyInputs[0], "100")
        _paste(form.weeklyInputs[int(where[-1])], text)


@pytest.mark.parametrize("where", ["dose", "concentration", "weekly1", "weekly4"])
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_any_input_is_shown_as_text(window, where, text):
    _fill(window, where, text)
    assert window.bandLabel.property("bandId") == ""
    assert window.errorLabel.textFormat() == Qt.TextFormat.PlainText
    assert window.errorLabel.text()
    _assert_never_markup(window, text)
    assert window.record_text() == ""  # nothing to copy: no record with this text in it


def test_hostile_text_reaches_rich_text_only_escaped(window):
    """The one place inputs are echoed in rich text is the printed record: escaped there."""
    from core.record import make_record
    from gui.record_page import body_html

    _paste(window.doseInput, "4.5")
    result = window.result()
    assert result is not None
    when = datetime.datetime(2026, 11, 25, 9, 30)
    for text in HOSTILE:
        html = body_html(make_record(result, text, when))
        assert text not in html or text == "&lt;" and "&amp;lt;" in html
        doc = __import__("PySide6.QtGui", fromlist=["QTextDocument"]).QTextDocument()
        doc.setHtml(html)
        assert f"Entered\t{text}" in doc.toPlainText() or f"Entered\n{text}" in doc.toPlainText()


def test_copy_holds_the_inputs_literally(window):
    _paste(window.doseInput, "  4.5  ")
    record = window.record_text(datetime.datetime(2026, 11, 25, 9, 30))
    entered = [line for line in record.splitlines() if line.startswith("Entered:")]
    assert entered == ["Entered: 4.5 mg, once daily; tablet or capsule"]
