"""Long texts in a site scheme (issue 15 follow-up): the kiosk's inputs stay whole.

Before, a band name of 2,000 characters loaded, and on the kiosk its heading set the
width of the answer's column: the unit, form and frequency buttons were cut off at the
side (seen in a screenshot at 1280x800). Now the loader bounds the texts shown in labels
(core.scheme_file.LABEL_LIMITS: a band's name and short name, the scheme's title and
review status; no word in them longer than MAX_LABEL_WORD), and the kiosk's heading no
longer sets its column's width, so a long word within the bounds is cut off in the
heading alone (it is written in full in the answer below it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from geometry import problems
from PySide6.QtWidgets import QWidget
from states import click, dispose, kiosk, settle

from core.scheme_file import LABEL_LIMITS, MAX_LABEL_WORD
from core.scheme_loader import SchemeError, bundled_path, load

BUNDLED = bundled_path().read_text(encoding="utf-8")
LDN_NAME = 'name = "Low dose"\n'


def _with(folder: Path, key: str, value: str) -> Path:
    if key == "name":
        text = BUNDLED.replace(LDN_NAME, f'name = "{value}"\n')
    elif key == "short_name":
        text = BUNDLED.replace('short_name = "LDN"\n', f'short_name = "{value}"\n')
    elif key == "title":
        text = re.sub(r"(?m)^title = .*$", f'title = "{value}"', BUNDLED, count=1)
    else:
        start = BUNDLED.index("review_status = ")
        text = BUNDLED[:start] + f'review_status = "{value}"' + BUNDLED[BUNDLED.index('"""', start + 20) + 3 :]
    path = folder / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _words(total: int, word: int = 10) -> str:
    """Ordinary words of `word` letters, `total` characters in all."""
    return " ".join(["Naltrexone"[:word].ljust(word, "x")] * (total // (word + 1) + 1))[:total].strip()


@pytest.mark.parametrize("key", list(LABEL_LIMITS))
def test_a_label_text_over_its_limit_is_refused_and_at_it_loads(tmp_path, key):
    limit = LABEL_LIMITS[key]
    at = _words(limit, 4 if key == "short_name" else 10)
    assert len(at) == limit
    loaded = load(_with(tmp_path, key, at))
    assert at in (
        loaded.title,
        loaded.review_status,
        *(b.name for b in loaded.bands),
        *(b.short_name for b in loaded.bands),
    )
    over = at + "s"
    with pytest.raises(SchemeError) as refused:
        load(_with(tmp_path, key, over))
    assert f".{key}: {limit + 1} characters; at most {limit} (it is shown in a label)" in refused.value.message


@pytest.mark.parametrize("key", [key for key, limit in LABEL_LIMITS.items() if limit > MAX_LABEL_WORD])
def test_a_word_too_long_for_a_label_is_refused(tmp_path, key):
    word = "W" * (MAX_LABEL_WORD + 1)
    with pytest.raises(SchemeError) as refused:
        load(_with(tmp_path, key, f"Low {word} dose"))
    message = refused.value.message
    assert f".{key}: '{word}' is a word of {MAX_LABEL_WORD + 1} characters; at most {MAX_LABEL_WORD}" in message


def test_the_2000_character_name_of_the_screenshot_is_refused(tmp_path):
    with pytest.raises(SchemeError, match=r"bands\[2\]\.name: 2000 characters; at most 64"):
        load(_with(tmp_path, "name", "W" * 2000))


def test_hyphens_break_a_word(tmp_path):
    name = "-".join(["W" * MAX_LABEL_WORD] * 2)  # 49 characters, two words of 24
    assert load(_with(tmp_path, "name", name)).bands[2].name == name


@pytest.mark.parametrize("size", [(1024, 600), (1280, 800)])
def test_the_longest_words_a_heading_may_have_leave_the_kiosk_s_controls_whole(qtbot, tmp_path, size):
    """Three words of 24 W (the widest letter): the heading is cut off, but every input, the
    keypad and the exit corner are whole (before, the inputs were cut off at the side)."""
    name = " ".join(["W" * MAX_LABEL_WORD] * 3)[: LABEL_LIMITS["name"]]
    scheme = load(_with(tmp_path, "name", name))
    window = kiosk(scheme, "empty", size)
    try:
        for char in "4.5":
            click(window.keypad.buttons[char])
        settle()
        assert window.bandLabel.property("bandId") == "ldn"
        controls = {window.inputs, window.keypad, window.exitCorner}
        names = {w.objectName() for c in controls for w in (c, *c.findChildren(QWidget)) if w.objectName()}
        found = [problem for problem in problems(window) if problem.split(":")[0] in names]
        assert found == []
        assert all(problem.split(":")[0] in ("bandLabel", "doseBar") for problem in problems(window))
        assert name in window.panel.explanationView.toPlainText() or name in window.precautionsView.toPlainText()
    finally:
        dispose(window)
