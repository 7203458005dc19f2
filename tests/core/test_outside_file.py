"""Reading outside files (core.outside_file) and bounding their TOML structure (core.toml_bounds).

The pre-scan must never see less structure than tomllib (that would let a hostile file
through) and must not count what is inside strings and comments (that would refuse a
good scheme). A generated-TOML property checks both against tomllib's own reading.
"""

from __future__ import annotations

import json
import os
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.outside_file import CONFIG_FILE, SCHEME_FILE, FileRefused, loose_permissions, read_bytes, read_toml
from core.quoting import printable_message, quote_name
from core.scheme_loader import bundled_path
from core.toml_bounds import TomlBounds, TooMuchStructure, check_bounds

WIDE = TomlBounds(max_line_chars=10**6, max_depth=10**6, max_dots_per_line=10**6, max_tables=10**6, max_values=10**6)


def bounded(**limits: int) -> TomlBounds:
    values = {name: getattr(WIDE, name) for name in WIDE.__dataclass_fields__}
    values.update(limits)
    return TomlBounds(**values)


def test_the_bundled_scheme_and_example_configuration_are_well_within_the_bounds():
    check_bounds(bundled_path().read_text(encoding="utf-8"), SCHEME_FILE.bounds)
    data, source = read_toml(bundled_path(), SCHEME_FILE)
    assert data["scheme"]["id"] and len(source.raw) < SCHEME_FILE.max_bytes / 4
    read_toml(bundled_path().parents[2] / "deploy" / "config.example.toml", CONFIG_FILE)


@pytest.mark.parametrize(
    "text",
    [
        'x = "[[[[[[[[[[{{{{{{"\n',
        "x = '[[[[[[[[[[[[[['\n",
        'x = """\n[[[[[[[[[[[\n{{{{{{{{{{\n"""\n',
        "x = '''\n[[[[[[[[[[[[\n'''\n",
        "# [[[[[[[[[[[[[[[[[[[[[[\nx = 1\n",
        'x = "a\\"[[[[[[[[[[[[[[[\\""\n',
        'x = """a""[[[[[[[[[[[[[""""\n',
        'x = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r"\n',
        'a = """\\\n  [[[[[[[[[[[[[[[ """\n',
    ],
)
def test_what_is_inside_strings_and_comments_does_not_count(text):
    tomllib.loads(text)  # valid TOML
    check_bounds(text, bounded(max_depth=2, max_dots_per_line=1, max_tables=0, max_values=1))


@pytest.mark.parametrize(
    ("text", "limits", "says", "line"),
    [
        ("x = [[[1]]]\n", {"max_depth": 2}, "nested more than 2 deep", 1),
        ("x = 1\ny = [\n[\n[\n1]]]\n", {"max_depth": 2}, "nested more than 2 deep", 4),
        ("x = {a = {b = {c = 1}}}\n", {"max_depth": 2}, "nested more than 2 deep", 1),
        ("] [[[\n", {"max_depth": 8}, "a ] that closes nothing", 1),
        ("a.b.c = 1\n", {"max_dots_per_line": 1}, "more than 1 dots", 1),
        ("a . b . c = 1\n", {"max_dots_per_line": 1}, "more than 1 dots", 1),
        ('"a"."b"."c" = 1\n', {"max_dots_per_line": 1}, "more than 1 dots", 1),
        ("x = 1\n[a]\n[b]\n", {"max_tables": 1}, "more than 1 tables", None),
        ("x = [{}, {}]\n", {"max_tables": 1}, "more than 1 tables", None),
        ("x = [1, 2, 3]\n", {"max_values": 2}, "more than 2 keys and array items", None),
        ("x = 1\n" + "y" * 50 + " = 2\n", {"max_line_chars": 40}, "a line of more than 40 characters", 2),
    ],
)
def test_each_bound_is_enforced_naming_the_line(text, limits, says, line):
    with pytest.raises(TooMuchStructure) as raised:
        check_bounds(text, bounded(**limits))
    assert says in raised.value.problem and raised.value.line == line


@pytest.mark.parametrize(
    "text",
    ['"\\' * 3000 + "\n", "'" * 3001, '"""' + '\\"' * 3000, "'''" + "a'" * 3000, ('"\\\n' * 1000)],
)
def test_unclosed_strings_cost_linear_time(text, best_time=None):
    """No pattern of the pre-scan fails half-way and backtracks over the line again."""
    import time

    start = time.perf_counter()
    try:
        check_bounds(text * 20, SCHEME_FILE.bounds)
    except TooMuchStructure:
        pass
    assert time.perf_counter() - start < 0.5


# --- the pre-scan against tomllib on generated TOML -------------------------------------------

_TEXT = st.lists(st.sampled_from([*"ab[]{}.,=#'\"\\ \n", "'''", '"""']), max_size=8).map("".join)
_VALUES = st.recursive(
    st.one_of(st.integers(-5, 5), _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("abc"), inner, max_size=3)),
    max_leaves=12,
)


def _string(text: str, style: int) -> str:
    if style == 1 and "'" not in text and "\n" not in text:
        return f"'{text}'"
    if style == 2 and "'''" not in text and not text.endswith("'") and not text.startswith("\n"):
        return f"'''{text}'''"
    return json.dumps(text)  # a TOML basic string: \" \\ \n \uXXXX


def _toml(value: object, style: int) -> str:
    if isinstance(value, str):
        return _string(value, style)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v, style) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v, style)}" for k, v in value.items()) + "}"
    return str(value)


def _depth(value: object) -> int:
    if isinstance(value, list | dict):
        inner = value.values() if isinstance(value, dict) else value
        return 1 + max((_depth(v) for v in inner), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.integers(0, 2))
def test_the_pre_scan_counts_exactly_the_nesting_tomllib_reads(value, style):
    text = f"x = {_toml(value, style)}  # [[[ {{{{\n"
    assert tomllib.loads(text)["x"] == value  # the generator writes valid TOML
    depth = _depth(value)
    check_bounds(text, bounded(max_depth=depth))  # strings never count
    if depth:
        with pytest.raises(TooMuchStructure, match="nested more than"):
            check_bounds(text, bounded(max_depth=depth - 1))


# --- reading --------------------------------------------------------------------------------


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "growing.toml"
    path.write_text("x = 1\n")
    real_stat = os.stat

    class Small:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size, self.st_uid = info.st_mode, 10, info.st_uid

    import core.outside_file

    monkeypatch.setattr(core.outside_file.os, "stat", lambda p: Small(real_stat(p)))
    path.write_text("#" * (CONFIG_FILE.max_bytes + 10))
    with pytest.raises(FileRefused, match="larger than that"):
        read_bytes(path, CONFIG_FILE)


def test_proc_files_that_say_size_0_are_still_bounded():
    with pytest.raises(FileRefused):
        read_toml("/proc/self/maps", CONFIG_FILE)  # not TOML, or too large: either way refused, bounded


def test_a_missing_file_and_an_unreadable_one_are_refused_with_the_reason(tmp_path):
    with pytest.raises(FileRefused, match="No such file"):
        read_bytes(tmp_path / "none.toml", CONFIG_FILE)


def test_not_utf8_is_refused_naming_the_byte(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"x = '\xb5g'\n")
    with pytest.raises(FileRefused, match="not a UTF-8 text file \\(byte 5\\)"):
        read_toml(path, CONFIG_FILE)


def test_loose_permissions_of_a_private_file_are_none(tmp_path):
    path = tmp_path / "private.toml"
    path.write_text("x = 1\n")
    path.chmod(0o640)
    tmp_path.chmod(0o755)
    assert loose_permissions(path) is None
    path.chmod(0o646)
    assert "anyone can write to it" in loose_permissions(path)


def test_a_symlink_into_a_world_writable_directory_is_looked_at_where_it_points(tmp_path):
    safe, loose = tmp_path / "safe", tmp_path / "loose"
    safe.mkdir()
    loose.mkdir()
    (loose / "config.toml").write_text("x = 1\n")
    loose.chmod(0o777)
    (safe / "config.toml").symlink_to(loose / "config.toml")
    assert "writable by anyone" in loose_permissions(safe / "config.toml")


# --- names from files in messages -------------------------------------------------------------


def test_names_are_shown_as_they_are_when_safe_and_quoted_when_not():
    assert quote_name("/etc/xdg/naltrexone-dose/config.toml") == "/etc/xdg/naltrexone-dose/config.toml"
    assert quote_name("ward 7's scheme.toml") == "ward 7's scheme.toml"
    shown = quote_name("a\x1b[2J\x07\u202eb.toml")
    assert shown.startswith("'") and shown.endswith("'") and "[2J" in shown
    assert not any(c in shown for c in "\x1b\x07\u202e")
    long = quote_name("\x1b" + "x" * 500)
    assert long.endswith("…'") and len(long) < 260


def test_printable_message_is_one_safe_line():
    assert printable_message("a\nb\x1b[2J\u202ec").count("\n") == 0
    assert not any(c in printable_message("a\x1b\x07\u202e\u2066\x9b") for c in "\x1b\x07\u202e\u2066\x9b")
