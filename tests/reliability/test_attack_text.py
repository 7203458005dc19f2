"""Hostile characters in the texts of site files (issue 15 follow-up): a scheme or a site
configuration whose values hold control, direction or invisible characters is refused.

Before, the loader took them as written: a right-to-left override in a precaution made
"Take 0.25 mg" show as another number in the window and on the record, and `check`
printed a bell and terminal escapes from the scheme as they were. Now core.file_text
refuses them with the loader's usual message (file, line, table and key) that names the
character ("U+202E RIGHT-TO-LEFT OVERRIDE"); prose may still be written over several
lines of the file, and is read as one paragraph.

Each character class is written into a copy of the bundled scheme (a precaution's text,
which is prose, and a band's name, which is one line) and into a site configuration, as
a TOML escape, and read through the loader, `check` and the kiosk's start.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

import gui.app
from core.cli import main
from core.scheme_loader import SchemeError, bundled_path, load
from core.site_config import ConfigError, load_site_config

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = bundled_path().read_text(encoding="utf-8")

#: class -> (the TOML escape written into the file, the character's name, what the message calls it)
CLASSES: dict[str, tuple[str, str, str]] = {
    "C0 control: bell": ("\\u0007", "U+0007 (a control character)", "a control character"),
    "C0 control: escape": ("\\u001b", "U+001B (a control character)", "a control character"),
    "C0 control: carriage return": ("\\r", "U+000D CARRIAGE RETURN", "a control character"),
    "delete": ("\\u007f", "U+007F (a control character)", "a control character"),
    "C1 control: CSI": ("\\u009b", "U+009B (a control character)", "a control character"),
    "C1 control: next line": ("\\u0085", "U+0085 (a control character)", "a control character"),
    "direction override": ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE", "a direction control"),
    "direction embedding": ("\\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING", "a direction control"),
    "direction isolate": ("\\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE", "a direction control"),
    "direction mark": ("\\u200f", "U+200F RIGHT-TO-LEFT MARK", "a direction control"),
    "Arabic letter mark": ("\\u061c", "U+061C ARABIC LETTER MARK", "a direction control"),
    "zero width space": ("\\u200b", "U+200B ZERO WIDTH SPACE", "an invisible character"),
    "zero width joiner": ("\\u200d", "U+200D ZERO WIDTH JOINER", "an invisible character"),
    "byte order mark": ("\\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "an invisible character"),
    "line separator": ("\\u2028", "U+2028 LINE SEPARATOR", "an invisible character"),
    "paragraph separator": ("\\u2029", "U+2029 PARAGRAPH SEPARATOR", "an invisible character"),
    "soft hyphen": ("\\u00ad", "U+00AD SOFT HYPHEN", "an invisible character"),
    "blank letter": ("\\u3164", "U+3164 HANGUL FILLER", "an invisible character"),
    "private use": ("\\ue000", "U+E000 (private use)", "no agreed look"),
    "combining mark on a digit": ("\\u0338", "U+0338 COMBINING LONG SOLIDUS OVERLAY", "a combining mark on '1'"),
}
#: What no message, page or stderr line may hold, whatever was in the file.
RAW = [
    "\x07", "\x1b", "\r", "\x7f", "\x9b", "\x85", "\u202e", "\u202a", "\u2067", "\u200f", "\u061c", "\u200b",
    "\u200d", "\ufeff", "\u2028", "\u2029", "\u00ad", "\u3164", "\ue000", "\u0338",
]  # fmt: skip

PROSE_LINE = "Naltrexone blocks opioids, pain relief included. The label contraindicates it with \\\n"
ONE_LINE = 'name = "Very low dose"\n'


def _line(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _scheme(folder: Path, escape: str, where: str) -> tuple[Path, str]:
    """The bundled scheme with `escape` written after a digit in a precaution's text (prose)
    or in a band's name (one line); its path and the place the refusal must name."""
    if where == "prose":
        assert BUNDLED.count(PROSE_LINE) == 1
        text = BUNDLED.replace(PROSE_LINE, f"Take 1{escape}.25 mg. {PROSE_LINE}")
        place = f":{_line(BUNDLED, PROSE_LINE) - 1}: precautions[0].text: "
    else:
        assert BUNDLED.count(ONE_LINE) == 1
        text = BUNDLED.replace(ONE_LINE, f'name = "Very low dose (<1{escape} mg)"\n')
        place = f":{_line(BUNDLED, ONE_LINE)}: bands[1].name: "
    path = folder / f"{where}.toml"
    path.write_text(text, encoding="utf-8")
    return path, place


def _config(folder: Path, escape: str, key: str = "locale") -> Path:
    path = folder / "config.toml"
    value = {"locale": f"en_US1{escape}", "path": f"scheme1{escape}.toml", "exit_pin_hash": f"scrypt-v2:1{escape}"}[key]
    table = {"locale": "display", "path": "scheme", "exit_pin_hash": "kiosk"}[key]
    path.write_text(f'[{table}]\n{key} = "{value}"\n', encoding="utf-8")
    return path


def _clean(text: str) -> bool:
    return not any(char in text for char in RAW)


def test_the_prose_line_is_the_first_precautions_text():
    """The places the tests expect: the line above PROSE_LINE is `text = \"\"\"\\` of precautions[0]."""
    lines = BUNDLED.splitlines()
    number = _line(BUNDLED, PROSE_LINE)
    assert lines[number - 2] == 'text = """\\'
    first = BUNDLED.index("[[precautions]]")
    assert first < BUNDLED.index(PROSE_LINE) < BUNDLED.index("[[precautions]]", first + 1)
    assert BUNDLED[: BUNDLED.index(ONE_LINE)].count("[[bands]]") == 2  # bands[1]


# --- the loader ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["prose", "one line"])
@pytest.mark.parametrize("kind", list(CLASSES))
def test_the_scheme_loader_refuses_each_class_naming_line_key_and_character(tmp_path, kind, where):
    escape, name, called = CLASSES[kind]
    path, place = _scheme(tmp_path, escape, where)
    with pytest.raises(SchemeError) as refused:
        load(path)
    message = refused.value.message
    assert message.startswith(f"{path}{place}contains {name} after "), message
    assert called in message and "Delete it" in message
    assert _clean(message) and "\n" not in message


@pytest.mark.parametrize("kind", list(CLASSES))
def test_the_site_configuration_refuses_each_class_naming_the_key(tmp_path, kind):
    escape, name, called = CLASSES[kind]
    path = _config(tmp_path, escape)
    with pytest.raises(ConfigError) as refused:
        load_site_config(path)
    message = refused.value.message
    assert message.startswith(f"{path}: [display] locale: contains {name} after 'en_US1'"), message
    assert called in message and _clean(message)


@pytest.mark.parametrize("key", ["path", "exit_pin_hash"])
def test_every_text_value_of_the_configuration_is_checked(tmp_path, key):
    path = _config(tmp_path, "\\u202e", key)
    with pytest.raises(ConfigError, match=rf"\] {key}: contains U\+202E RIGHT-TO-LEFT OVERRIDE"):
        load_site_config(path)


@pytest.mark.parametrize(
    ("escape", "name", "says"),
    [
        ("\\n", "U+000A LINE FEED", "a line break: this value must fit on one line"),
        ("\\t", "U+0009 CHARACTER TABULATION", "a tab: use a space"),
    ],
)
def test_line_breaks_and_tabs_are_refused_in_one_line_values(tmp_path, escape, name, says):
    path, place = _scheme(tmp_path, escape, "one line")
    with pytest.raises(SchemeError) as refused:
        load(path)
    assert refused.value.message.startswith(f"{path}{place}contains {name} after 'Very low dose (<1': {says}")
    with pytest.raises(ConfigError) as refused:
        load_site_config(_config(tmp_path, escape))
    assert f"[display] locale: contains {name} after 'en_US1': {says}" in refused.value.message


def test_prose_may_be_written_over_several_lines_and_is_read_as_one_paragraph(tmp_path):
    """A multi-line string without the line-ending backslash, indented with a tab."""
    start = BUNDLED.index('text = """\\\n' + PROSE_LINE)
    end = BUNDLED.index('"""', start + 10) + 3
    path = tmp_path / "multi-line.toml"
    path.write_text(
        BUNDLED[:start] + 'text = """\nTake 0.25 mg\n\tonce a day,\n    with food."""' + BUNDLED[end:], encoding="utf-8"
    )
    assert load(path).precautions[0].text == "Take 0.25 mg once a day, with food."


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("0,25\\u00a0mg", "0,25\u00a0mg"),  # no-break space
        ("0,25\\u202fmg", "0,25\u202fmg"),  # narrow no-break space (French)
        ("Tro\\u0308stheim", "Tro\u0308stheim"),  # a combining mark on a letter
        ("Trøstheim", "Trøstheim"),
    ],
)
def test_visible_text_that_clinical_prose_needs_is_kept_as_written(tmp_path, written, read):
    path = tmp_path / "visible.toml"
    path.write_text(BUNDLED.replace(PROSE_LINE, f"Take {written}. {PROSE_LINE}"), encoding="utf-8")
    assert f"Take {read}. Naltrexone blocks" in load(path).precautions[0].text


def test_the_bundled_scheme_still_loads_with_its_texts_unchanged():
    import tomllib

    scheme = load()
    raw = tomllib.loads(BUNDLED)
    assert [p.text for p in scheme.precautions] == [p["text"].strip() for p in raw["precautions"]]
    assert [b.name for b in scheme.bands] == [b["name"] for b in raw["bands"]]


# --- `check` ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(CLASSES))
def test_check_refuses_the_scheme_and_the_configuration_with_exit_2_and_one_line(tmp_path, kind, capsys):
    escape, name, _ = CLASSES[kind]
    scheme, place = _scheme(tmp_path, escape, "prose")
    config = _config(tmp_path, escape)
    for args, says in (
        (["check", "0.25 mg", "--locale", "en_US", "--scheme", str(scheme)], f"{scheme}{place}contains {name}"),
        (["--config", str(config), "check", "0.25 mg"], f"{config}: [display] locale: contains {name}"),
    ):
        assert main(args) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, captured
        assert captured.err.startswith(f"naltrexone-dose: refused: {says}"), captured.err
        assert _clean(captured.err)


@pytest.mark.parametrize(("kind", "option"), [("direction override", "--scheme"), ("C0 control: escape", "--config")])
def test_check_in_a_process_writes_nothing_raw_to_stderr(tmp_path, kind, option):
    escape, name, _ = CLASSES[kind]
    path = _scheme(tmp_path, escape, "one line")[0] if option == "--scheme" else _config(tmp_path, escape)
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", option, str(path), "check", "0.25 mg", "--locale", "en_US"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and done.stdout == b"" and err.count("\n") == 1, err
    assert name in err and _clean(err) and "Traceback" not in err


# --- the kiosk ----------------------------------------------------------------------------


@pytest.fixture
def held(qtbot):
    """Widgets to close at teardown (hidden first: a kiosk ignores close)."""

    def hold(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget, before_close_func=lambda w: w.hide())
        return widget

    return hold


@pytest.mark.parametrize("kind", list(CLASSES))
def test_the_kiosk_shows_the_refusal_page_for_the_scheme_and_the_configuration(qtbot, tmp_path, kind, held):
    escape, name, _ = CLASSES[kind]
    scheme, place = _scheme(tmp_path, escape, "prose")
    for started, says in (
        (gui.app.start(str(scheme), True, None, "en_US"), f"{scheme}{place}contains {name}"),
        (gui.app.start(None, True, str(_config(tmp_path, escape)), None), f"[display] locale: contains {name}"),
    ):
        page = held(started.widget)
        assert started.exit_code == 2 and page.objectName() == "configErrorPage"
        assert says in page.message(), page.message()
        for label in page.findChildren(QLabel):
            assert _clean(label.text()), label.objectName()
