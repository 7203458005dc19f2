"""The record a pharmacist files, read back from what the buttons write: Save as PDF and Print
(through their dialogs, replaced at the dialog boundary), checked with poppler's tools
(pdfinfo, pdftotext, pdfimages, pdftoppm), not with the code that drew it."""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from states import dispose, type_into, workstation
from test_report_output import pdf_pages, pdf_text
from window_driver import type_dose

MM = 72 / 25.4  # points per millimetre
SIZES_PT = {"A4": (595, 842), "Letter": (612, 792)}


def flat(text: str) -> str:
    """Whitespace collapsed; a word broken after its hyphen at a line end joined again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


def page_size(path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = (round(float(v)) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    return next(name for name, size in SIZES_PT.items() if size == (width, height))


def rendered(path, tmp_path, dpi: int = 72) -> QImage:
    """The page as pdftoppm draws it (colour, `dpi`)."""
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(path), str(stem)], check=True)
    image = QImage(str(stem) + ".png")
    assert not image.isNull()
    return image


def ink_outside_margins(image: QImage, margin_mm: float, dpi: int = 72) -> int:
    """Pixels that are not white within `margin_mm` of any edge."""
    edge = int(margin_mm / 25.4 * dpi)
    width, height = image.width(), image.height()
    marked = 0
    for y in range(height):
        columns = range(width) if y < edge or y >= height - edge else (*range(edge), *range(width - edge, width))
        marked += sum(1 for x in columns if QColor(image.pixel(x, y)).lightness() < 250)
    return marked


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """The file dialog, replaced at its boundary; returns where each save went."""
    from PySide6.QtWidgets import QFileDialog

    paths = []

    def answer(*_args):
        paths.append(tmp_path / f"record-{len(paths) + 1}.pdf")
        return str(paths[-1]), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return paths


def test_the_record_on_one_a4_page_has_everything_a_pharmacist_files(qtbot, scheme, saved, tmp_path):
    window = workstation(scheme, "empty", (1280, 800))
    window.set_locale("en_GB")  # a British pharmacy prints on A4
    type_into(window.doseInput, "0.25")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    dispose(window)
    path = saved[0]
    assert pdf_pages(path) == 1 and page_size(path) == "A4"
    text = flat(pdf_text(path))
    for needed in (
        "Naltrexone dose band record",
        "Very low dose (VLDN)",  # the band in words (its colour: below)
        "Entered 0.25 mg, once daily; tablet or capsule",  # the regimen as entered
        "Average daily dose 250 mcg (0.25 mg) a day on average",
        "Bounds (source) Very low dose: at least 1 mcg and less than 1 mg a day. Toljan and Vrooman",
        "Notes",
        "Precautions",
        scheme.precautions[0].text.split(". ")[0],  # the first precaution, as the scheme words it
        "References",
        "[T] Toljan K, Vrooman B.",
        f"id {scheme.id}",
        f"version {scheme.version}",
        scheme.sha256,
        "Checked by (name, signature):",
        "Decision support only",
    ):
        assert needed in text, needed
    assert re.search(r"Generated \d{4}-\d\d-\d\d \d\d:\d\d", text)
    # the bar: the scheme's bands, its axis and the dose marked, as text and lines, not a picture
    for label in ("ULDN", "VLDN", "LDN", "XR 380", "1 mcg", "1 mg", "250 mcg (0.25 mg) a day"):
        assert label in text, label
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header lines only: no raster image at all


def test_margins_are_at_least_12_mm_and_the_band_is_in_its_colour(qtbot, scheme, saved, tmp_path, window):
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    path = saved[0]
    assert page_size(path) == "Letter"  # en_US
    image = rendered(path, tmp_path)
    assert ink_outside_margins(image, 12) == 0
    assert ink_outside_margins(image, 18) > 0  # the check sees ink where there is some
    colour = QColor(scheme.band("ldn").colour)
    top = image.copy(0, 0, image.width(), image.height() // 4)
    chip = sum(
        1
        for y in range(top.height())
        for x in range(top.width())
        if all(abs(a - b) <= 3 for a, b in zip(QColor(top.pixel(x, y)).getRgb()[:3], colour.getRgb()[:3], strict=True))
    )
    assert chip > 0.2 * top.width() * 20  # a band-coloured chip across the page under the title


def test_a_liquid_record_shows_the_working(qtbot, scheme, saved):
    window = workstation(scheme, "liquid")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    dispose(window)
    text = flat(pdf_text(saved[0]))
    assert "Working: 4.5 mL × 1 mg/mL = 4.5 mg" in text


def test_the_injection_is_never_called_an_average(qtbot, scheme, saved):
    window = workstation(scheme, "injection")
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    dispose(window)
    text = flat(pdf_text(saved[0]))
    assert "Average daily dose" not in text and "Dose 380 mg every 4 weeks, injection (judged as a regimen" in text
    assert pdf_pages(saved[0]) == 1


REGIMENS = [
    ("100", "mL", "once-daily"),  # with a concentration below: the most the bundled scheme shows at once
    ("0.5", "mcg", "once-daily"),
    ("0.25", "mg", "once-daily"),
    ("4.5", "mg", "twice-daily"),
    ("12.5", "mg", "three-times-daily"),
    ("50", "mg", "once-daily"),
    ("100", "mg", "once-daily"),
    ("150", "mg", "three-times-daily"),
    ("4.5", "mg", "every-other-day"),
]


@pytest.mark.parametrize("locale", ["en_GB", "en_US"])
def test_every_band_fits_one_page_and_nothing_is_cut(qtbot, scheme, tmp_path, locale):
    """The longest records (every oral band, the weekly schedule, a liquid, the injection) on
    one page of A4 and of Letter, down to the last line."""
    from gui.report_output import write_pdf

    when = datetime.datetime(2026, 11, 30, 9, 30)
    cases = [workstation(scheme, state) for state in ("weekly", "liquid", "injection")]
    for amount, unit, frequency in REGIMENS:
        window = workstation(scheme, "empty")
        if unit == "mL":
            window.form.select(window.form.formSelector, "liquid")
            type_into(window.form.concentrationInput, "1")
        window.form.select(window.form.unitSelector, unit)
        window.form.select(window.form.frequencySelector, frequency)
        type_into(window.doseInput, amount)
        cases.append(window)
    bands = set()
    for index, window in enumerate(cases):
        result = window.result()
        assert result is not None
        bands.add(result.band.id)
        path = tmp_path / f"{locale}-{index}.pdf"
        write_pdf(str(path), result, window.inputs_text(), when, locale)
        text = flat(pdf_text(path))
        assert pdf_pages(path) == 1, (result.band.id, window.inputs_text())
        assert "Checked by" in text and flat(scheme.disclaimer) in text
        assert all(f"[{r.key}]" in text for r in result.references)  # the last section whole
        dispose(window)
    assert bands >= {"uldn", "vldn", "ldn", "intermediate", "standard", "above-standard", "high", "xr-standard"}


def test_print_button_prints_the_same_record(qtbot, scheme, monkeypatch, tmp_path, window):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    printed = []

    def exec_dialog(dialog):
        printer = dialog.printer()
        printed.append((tmp_path / "printed.pdf", printer.pageLayout().pageSize().id()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed[0][0]))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", exec_dialog)
    type_dose(qtbot, window, "4.5", "mg")
    qtbot.mouseClick(window.printButton, Qt.MouseButton.LeftButton)
    path, offered = printed[0]
    from PySide6.QtGui import QPageSize

    assert offered == QPageSize.PageSizeId.Letter  # the dialog offers the locale's paper first
    assert pdf_pages(path) == 1
    text = flat(pdf_text(path))
    assert "Low dose (LDN)" in text and "Checked by" in text and scheme.sha256 in text
    image = rendered(path, tmp_path)
    assert ink_outside_margins(image, 12) == 0


def test_copy_gives_a_short_summary_and_the_menu_the_full_record(qtbot, scheme, window):
    from tour import menu_point

    type_dose(qtbot, window, "4.5", "mg")
    QGuiApplication.clipboard().setText("old")
    qtbot.mouseClick(window.copyButton, Qt.MouseButton.LeftButton)
    summary = QGuiApplication.clipboard().text().splitlines()
    assert 8 <= len(summary) <= 12, summary
    assert summary[0].startswith("4.5 mg a day is a low dose (LDN)")  # the scheme's answer
    assert summary[1] == "Band: Low dose (LDN)"
    assert summary[2] == "Entered: 4.5 mg, once daily; tablet or capsule"
    assert summary[3] == "Average daily dose: 4.5 mg a day on average"
    assert summary[4].startswith("Why: 4.5 mg a day is at least 1 mg and at most 5 mg a day") and "[T" in summary[4]
    first = scheme.precautions[0]  # the scheme leads with what matters at every dose
    assert any(line.startswith(f"- {first.group}: {first.text.split('. ')[0]}") for line in summary)
    assert any(f"version {scheme.version}" in line and scheme.sha256[:12] in line for line in summary)

    def choose_full_record():
        menu = window.copyButton.menu()
        qtbot.waitUntil(menu.isVisible)
        action = next(a for a in menu.actions() if a.text() == "Copy full record")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, choose_full_record)
    qtbot.mouseClick(window.copyButton, Qt.MouseButton.LeftButton, pos=menu_point(window.copyButton))
    full = QGuiApplication.clipboard().text()
    assert full.startswith("Naltrexone dose band record, generated")
    assert "References:" in full and scheme.sha256 in full and "Checked by" in full
    QGuiApplication.clipboard().setText("old")
    window.activateWindow()  # offscreen, the closed menu leaves no window active
    # the activation is an event of its own: a window shortcut waits for it (under load it came late)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.doseInput, Qt.Key.Key_C, shift_ctrl)
    assert QGuiApplication.clipboard().text().startswith("Naltrexone dose band record")


def editor_notes(scheme) -> list[str]:
    """Every editor_note of the scheme file, read from the TOML itself (never shown to users)."""
    import tomllib

    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "editor_note" and isinstance(value, str) and value.strip():
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    with open(scheme.path, "rb") as handle:
        walk(tomllib.load(handle))
    return found


@pytest.mark.parametrize("state", ["band", "weekly", "liquid", "injection"])
def test_no_editors_note_reaches_the_record(qtbot, scheme, saved, state):
    """The scheme's notes to its editors ('PMID ... not verified; left out of the pmid field')
    are in the file, and in no summary, full record or PDF."""
    notes = editor_notes(scheme)
    assert len(notes) >= 5  # the bundled scheme has them: the check below can fail
    window = workstation(scheme, state)
    qtbot.mouseClick(window.pdfButton, Qt.MouseButton.LeftButton)
    outputs = {"summary": window.summary_text(), "full record": window.record_text(), "PDF": pdf_text(saved[0])}
    dispose(window)
    for what, text in outputs.items():
        flat_text = flat(text)
        for note in notes:
            # a whole note, or any distinctive stretch of one, would be a leak
            pieces = [note] + [note[i : i + 40] for i in range(0, max(1, len(note) - 40), 20)]
            assert not any(flat(piece) in flat_text for piece in pieces), (what, note)


def test_the_time_in_the_header_is_shown_whole_with_its_zone(qtbot, scheme, tmp_path):
    """A long zone ('NST, UTC-03:30') once pushed 'Generated' under the band's chip, where
    it was cut off (pdftotext still read it): each word of the stamp must have dark ink
    where poppler says the word is."""
    from zoneinfo import ZoneInfo

    from gui.report_output import write_pdf

    window = workstation(scheme, "empty")
    type_into(window.doseInput, "0.25")
    when = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=ZoneInfo("America/St_Johns"))
    path = tmp_path / "zone.pdf"
    write_pdf(str(path), window.result(), window.inputs_text(), when, "en_US")
    dispose(window)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)
    stamp = ["Generated", "2026-01-05", "08:00", "(NST,", "UTC-03:30)"]
    found = [w for w in words if w[4] in stamp]
    assert [w[4] for w in found[:5]] == stamp, found
    dpi = 144
    image = rendered(path, tmp_path, dpi)
    for x0, y0, x1, y1, word in found[:5]:
        left, top, right, bottom = (round(float(v) * dpi / 72) for v in (x0, y0, x1, y1))
        first_third = left + (right - left) // 3  # where a word cut at its start has no ink
        pixels = (QColor(image.pixel(x, y)) for y in range(top, bottom) for x in range(left, first_third))
        dark = sum(1 for colour in pixels if colour.lightness() < 128)
        assert dark > 10, (word, dark)  # the word is drawn from its first letter, not cut off under the chip
