"""The receptor-blockade estimate where the user meets it: the answer, Copy and the PDF record.

Driven through the real controls; the expected figures are the formula's (0.25 mg:
0.25 / 5.84 = 4.3 %, 100 mg 94.7 %, 150 mg 96.4 %), not read back from the code.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from test_report_output import pdf_pages, pdf_text
from window_driver import type_dose

from core.form_choices import WEEKDAYS, WEEKLY_SCHEDULE

QUARTER = (
    "One 250 mcg (0.25 mg) dose: about 4 % of brain mu-opioid receptors blocked in the first hours "
    "(model estimate; measured data cover 2-50 mg, so this is an extrapolation)"
)


def flat(text: str) -> str:
    """Whitespace collapsed and PDF ligatures (ﬁ, ﬀ) unfolded."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_answer_shows_the_estimate_with_what_it_is_not(qtbot, window):
    type_dose(qtbot, window, "0.25", "mg")
    text = flat(window.panel.explanationView.toPlainText())
    assert "Estimated receptor blockade:" in text
    assert QUARTER + ". [P]" in text
    assert "not a clinical effect and not a time course" in text and "72 to 108 hours. [P, W]" in text
    references = flat(window.precautionsView.toPlainText())
    assert "[P] Trøstheim M" in references and "[W] Lee MC" in references


def test_a_weekly_schedule_gets_one_line_per_distinct_dose(qtbot, window):
    window.form.select(window.form.frequencySelector, WEEKLY_SCHEDULE)
    for day, amount in (("Mon", "100"), ("Wed", "100"), ("Fri", "150")):
        qtbot.keyClicks(window.form.weeklyInputs[WEEKDAYS.index(day)], amount)
    text = flat(window.panel.explanationView.toPlainText())
    assert text.count("One 100 mg dose: about 95 %") == 1
    assert text.count("One 150 mg dose: about 96 %") == 1
    assert "One 350 mg" not in text and "One 50 mg" not in text  # never the weekly or daily total


def test_the_injection_says_why_there_is_no_value(qtbot, window):
    form = window.form
    form.select(form.formSelector, "injection")
    form.select(form.frequencySelector, "every-4-weeks")
    type_dose(qtbot, window, "380")
    text = flat(window.panel.explanationView.toPlainText())
    line = text[text.index("Estimated receptor blockade:") :]
    assert line.startswith("Estimated receptor blockade: No blockade estimate for the extended-release injection")
    assert "% of brain" not in text


def test_copy_puts_the_labelled_line_in_the_record(qtbot, window):
    type_dose(qtbot, window, "0.25", "mg")
    QGuiApplication.clipboard().setText("old")
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, shift_ctrl)  # Copy full record
    lines = [
        x.removeprefix("  - ")
        for x in QGuiApplication.clipboard().text().splitlines()
        if x.startswith("  - Estimated receptor blockade:")
    ]
    assert len(lines) == 1
    assert QUARTER in lines[0] and lines[0].endswith("[P, W]")


def test_the_pdf_record_carries_the_estimate_on_its_one_page(qtbot, window, tmp_path):
    type_dose(qtbot, window, "0.25", "mg")
    path = tmp_path / "summary.pdf"
    assert window.save_pdf(str(path)) == str(path)
    text = flat(pdf_text(path))
    assert "Estimated receptor blockade:" in text
    assert "about 4 % of brain mu-opioid receptors" in text and "so this is an extrapolation" in text
    assert "not a clinical effect" in text
    assert pdf_pages(path) == 1
