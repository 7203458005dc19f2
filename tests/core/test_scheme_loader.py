"""core.scheme_loader: the bundled scheme loads and verifies; every kind of fault is refused clearly.

Each fault test writes a modified copy of resources/schemes/default.toml to tmp_path and
checks that SchemeError names the file, the key (with its line where the loader can find
it) and the problem. The app never runs on a half-valid scheme.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.classify import classify
from core.regimen import read_regimen
from core.scheme_loader import SchemeError, bundled_path
from core.verify import load_scheme, run_examples


def block_span(text: str, table: str, ident: str, key: str = "id") -> tuple[int, int]:
    """(start, end) character offsets of the [[table]] whose line `key = "ident"` is present
    (or, with key="", whose text contains the line `ident`)."""
    headers = [m.start() for m in re.finditer(rf"^\[\[{re.escape(table)}\]\]\s*$", text, flags=re.M)]
    ends = [m.start() for m in re.finditer(r"^\[", text, flags=re.M)]
    wanted = ident if not key else f'{key} = "{ident}"'
    for start in headers:
        end = next((e for e in ends if e > start), len(text))
        if re.search(rf"^{re.escape(wanted)}\s*$", text[start:end], flags=re.M):
            return start, end
    raise AssertionError(f"no [[{table}]] with {wanted!r}")


def edit_block(text: str, table: str, ident: str, old: str, new: str, key: str = "id") -> str:
    start, end = block_span(text, table, ident, key)
    part = text[start:end]
    assert part.count(old) == 1, f"{old!r} occurs {part.count(old)} times in [[{table}]] {ident}"
    return text[:start] + part.replace(old, new) + text[end:]


#: The [scheme] table's version and date, and the newest [[changes]] entry (which must match them).
SCHEME_VERSION = 'version = "1.1.0"\ndate = 2026-11-30\nreview_status'
LATEST_CHANGE = '[[changes]]\nversion = "1.1.0"'


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, fragment: str, after: int = 0) -> int:
    """1-based line number of the first line at or after offset `after` that starts with `fragment`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if sum(len(x) + 1 for x in text.splitlines()[: number - 1]) >= after and line.startswith(fragment):
            return number
    raise AssertionError(fragment)


def refused(tmp_path: Path, text: str | bytes, name: str = "site.toml") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    message = str(info.value)
    assert str(path) in message, f"the message must name the file: {message}"
    assert info.value.field == "scheme"
    return message


def band_index(text: str, ident: str) -> int:
    start, _ = block_span(text, "bands", ident)
    return len(re.findall(r"^\[\[bands\]\]", text[:start], flags=re.M))


# --- the bundled scheme -----------------------------------------------------------------------


def test_bundled_scheme_loads(scheme):
    assert scheme.id == "toljan-vrooman-2018-extended"
    assert scheme.version
    assert Path(scheme.path) == Path(bundled_path())
    assert len(scheme.sha256) == 64


def test_every_worked_example_passes(scheme):
    outcomes = run_examples(scheme)
    assert outcomes, "the bundled scheme must carry worked examples"
    failed = [o.describe() for o in outcomes if not o.passed]
    assert not failed, failed


def test_worked_examples_agree_with_the_clinical_sheet(scheme):
    """The examples themselves are checked against the sheet, not just against the classifier."""
    by_case = {(e.doses, e.per, e.route, e.concentration): e.expect for e in scheme.examples}
    assert by_case[(("0.25 mg",), "day", "oral", "")] == "vldn"
    assert by_case[(("1 mcg",), "day", "oral", "")] == "vldn"
    assert by_case[(("0.999 mcg",), "day", "oral", "")] == "uldn"
    assert by_case[(("1 mg",), "day", "oral", "")] == "ldn"
    assert by_case[(("5 mg",), "day", "oral", "")] == "ldn"
    assert by_case[(("50 mg",), "day", "oral", "")] == "standard"
    assert by_case[(("300 mg",), "day", "oral", "")] == "high"
    assert by_case[(("100 mg", "100 mg", "150 mg"), "week", "oral", "")] == "standard"
    assert by_case[(("50 mg", "50 mg", "100 mg"), "week", "oral", "")] == "intermediate"
    assert by_case[(("380 mg",), "4 weeks", "injection", "")] == "xr-standard"


def test_bundled_bands_match_the_clinical_sheet(scheme):
    from fractions import Fraction

    bounds = {b.id: (b.lower_mg, b.lower_inclusive, b.upper_mg, b.upper_inclusive) for b in scheme.oral_bands}
    assert bounds == {
        "uldn": (0, False, Fraction(1, 1000), False),
        "vldn": (Fraction(1, 1000), True, 1, False),
        "ldn": (1, True, 5, True),
        "intermediate": (5, False, 50, False),
        "standard": (50, True, 50, True),
        "above-standard": (50, False, 300, False),
        "high": (300, True, None, False),
    }
    xr = scheme.band("xr-standard")
    assert (xr.amount_mg, xr.period_days) == (380, 28)


def test_loading_twice_gives_equal_schemes():
    assert load_scheme().sha256 == load_scheme(str(bundled_path())).sha256


def test_unchanged_copy_loads(tmp_path, default_toml):
    path = tmp_path / "copy.toml"
    path.write_text(default_toml, encoding="utf-8")
    scheme = load_scheme(path)
    assert scheme.path == str(path)
    assert all(o.passed for o in run_examples(scheme))


# --- one test per kind of fault ---------------------------------------------------------------


def test_toml_syntax_error(tmp_path, default_toml):
    text = replace_once(default_toml, SCHEME_VERSION, SCHEME_VERSION.replace('"1.1.0"', '"1.1.0'))
    message = refused(tmp_path, text)
    assert "TOML" in message
    assert f"line {line_of(text, 'version =')}" in message


def test_missing_key(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", "upper_inclusive = true\n", "")
    message = refused(tmp_path, text)
    i = band_index(text, "ldn")
    assert f"bands[{i}].upper_inclusive" in message
    assert "missing" in message
    start, _ = block_span(text, "bands", "ldn")
    assert f":{text[:start].count(chr(10)) + 1}:" in message  # the line of the band's [[bands]] header


def test_unknown_key(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", 'short_name = "VLDN"\n', 'short_name = "VLDN"\nshortname = "V"\n')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'vldn')}].shortname" in message
    assert "unknown key" in message
    assert f":{line_of(text, 'shortname =')}:" in message


def test_number_instead_of_string_for_a_bound(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", 'upper_mg = "5"', "upper_mg = 5")
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'ldn')}].upper_mg" in message
    assert '"5"' in message and "string" in message
    start, _ = block_span(text, "bands", "ldn")
    assert f":{line_of(text, 'upper_mg = 5', start)}:" in message


def test_float_bound_is_refused_as_inexact(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "uldn", 'upper_mg = "0.001"', "upper_mg = 0.001")
    message = refused(tmp_path, text)
    assert "bands[0].upper_mg" in message and "string" in message


def test_string_for_a_bool(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", "lower_inclusive = true", 'lower_inclusive = "true"')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'vldn')}].lower_inclusive" in message
    assert "bool" in message


def test_bound_that_is_not_a_decimal(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", 'upper_mg = "5"', 'upper_mg = "5 mg"')
    message = refused(tmp_path, text)
    assert "upper_mg" in message and "decimal" in message


def test_unsorted_bands(tmp_path, default_toml):
    a_start, a_end = block_span(default_toml, "bands", "uldn")
    b_start, b_end = block_span(default_toml, "bands", "vldn")
    assert a_end <= b_start
    uldn, vldn = default_toml[a_start:a_end], default_toml[b_start:b_end]
    text = default_toml[:a_start] + vldn + default_toml[a_end:b_start] + uldn + default_toml[b_end:]
    message = refused(tmp_path, text)
    assert "bands[0].lower_mg" in message
    assert '"0"' in message or "start at" in message


def test_unsorted_bands_in_the_middle(tmp_path, default_toml):
    a_start, a_end = block_span(default_toml, "bands", "ldn")
    b_start, b_end = block_span(default_toml, "bands", "intermediate")
    ldn, mid = default_toml[a_start:a_end], default_toml[b_start:b_end]
    text = default_toml[:a_start] + mid + default_toml[a_end:b_start] + ldn + default_toml[b_end:]
    message = refused(tmp_path, text)
    assert "bands[2].lower_mg" in message
    assert "order" in message or "gap" in message


def test_gap(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", 'upper_mg = "1"', 'upper_mg = "0.9"')
    message = refused(tmp_path, text)
    i = band_index(text, "ldn")
    assert f"bands[{i}].lower_mg" in message
    assert "gap" in message and "vldn" in message
    start, _ = block_span(text, "bands", "ldn")
    assert f":{line_of(text, 'lower_mg =', start)}:" in message


def test_overlap_both_inclusive_at_a_joint(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", "upper_inclusive = false", "upper_inclusive = true")
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'ldn')}].lower_inclusive" in message
    assert "both include" in message and "'vldn'" in message and "'ldn'" in message


def test_neither_inclusive_at_a_joint(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", "lower_inclusive = true", "lower_inclusive = false")
    message = refused(tmp_path, text)
    assert "neither includes" in message


def test_overlapping_ranges(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", 'lower_mg = "1"', 'lower_mg = "0.5"')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'ldn')}].lower_mg" in message
    assert "overlap" in message


def test_swapped_bounds(tmp_path, default_toml):
    # vldn written as 0.001 .. 0.0005 (upper below lower), the neighbours adjusted so the joints agree
    text = edit_block(default_toml, "bands", "vldn", 'upper_mg = "1"', 'upper_mg = "0.0005"')
    text = edit_block(text, "bands", "ldn", 'lower_mg = "1"', 'lower_mg = "0.0005"')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'vldn')}].upper_mg" in message
    assert "swapped" in message


def test_swapped_bounds_simple(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", 'lower_mg = "1"', 'lower_mg = "5"')
    text = edit_block(text, "bands", "ldn", 'upper_mg = "5"', 'upper_mg = "1"')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'ldn')}]." in message  # the swapped band is named


def test_single_value_band_not_inclusive(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "standard", "upper_inclusive = true", "upper_inclusive = false")
    text = edit_block(text, "bands", "above-standard", "lower_inclusive = false", "lower_inclusive = true")
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'standard')}].upper_mg" in message
    assert "single-value" in message


def test_infinity_on_a_band_that_is_not_last(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "above-standard", 'upper_mg = "300"', 'upper_mg = "infinity"')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'above-standard')}].upper_mg" in message
    assert "infinity" in message and "last" in message


def test_last_band_must_end_at_infinity(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "high", 'upper_mg = "infinity"', 'upper_mg = "1000"')
    message = refused(tmp_path, text)
    assert "upper_mg" in message and "infinity" in message


def test_unknown_reference_key(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", 'refs = ["T: abstract"]', 'refs = ["Q"]')
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'vldn')}].refs" in message
    assert "'Q'" in message and "reference" in message
    start, _ = block_span(text, "bands", "vldn")
    assert f":{line_of(text, 'refs = [', start)}:" in message


def test_unknown_reference_key_in_a_precaution(tmp_path, default_toml):
    text = edit_block(default_toml, "precautions", "liver-above-50", 'refs = ["L"]', 'refs = ["L", "LL"]')
    message = refused(tmp_path, text)
    assert "precautions[" in message and ".refs" in message and "'LL'" in message


def test_duplicate_band_id(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", 'id = "vldn"', 'id = "uldn"', key="id")
    message = refused(tmp_path, text)
    assert "bands[1].id" in message
    assert "duplicate" in message and "uldn" in message


def test_duplicate_reference_key(tmp_path, default_toml):
    text = edit_block(default_toml, "references", "K", 'key = "K"', 'key = "L"', key="key")
    message = refused(tmp_path, text)
    assert ".key" in message and "duplicate" in message


@pytest.mark.parametrize("bad", ["#d4e9f", "blue", "#d4e9fz", "d4e9f7", "#d4e9f7ff"])
def test_bad_colour_string(tmp_path, default_toml, bad):
    text = edit_block(default_toml, "bands", "uldn", 'colour = "#d4e9f7"', f'colour = "{bad}"')
    message = refused(tmp_path, text)
    assert "bands[0].colour" in message
    assert bad in message and "colour" in message


def test_low_contrast_colours(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "uldn", 'text_colour = "#000000"', 'text_colour = "#ffffff"')
    message = refused(tmp_path, text)
    assert "bands[0].text_colour" in message
    assert "contrast" in message and "4.5" in message
    start, _ = block_span(text, "bands", "uldn")
    assert f":{line_of(text, 'text_colour =', start)}:" in message


def test_missing_worked_examples_for_a_bound(tmp_path, default_toml):
    """Remove the 300 mg bound's example in g: the bound is then covered in one unit only."""
    start, end = block_span(default_toml, "examples", 'doses = ["0.3 g"]', key="")
    message = refused(tmp_path, default_toml[:start] + default_toml[end:])
    assert "examples" in message
    assert "300" in message and "two units" in message


def test_example_that_cannot_be_read(tmp_path, default_toml):
    text = replace_once(default_toml, 'doses = ["0.999 mcg"]', 'doses = ["0,999 mcg"]')
    message = refused(tmp_path, text)
    assert "examples[" in message and ".doses" in message and "cannot be read" in message


def test_unknown_rule_kind(tmp_path, default_toml):
    text = edit_block(default_toml, "rules", "single-above-50", 'kind = "single-above"', 'kind = "single-below"')
    message = refused(tmp_path, text)
    assert "rules[" in message and ".kind" in message
    assert "unknown kind" in message
    start, _ = block_span(text, "rules", "single-above-50")
    assert f":{line_of(text, 'kind =', start)}:" in message


def test_unknown_placeholder_in_text(tmp_path, default_toml):
    old, new = "A single dose of {single_max}", "A single dose of {dose}"
    text = edit_block(default_toml, "rules", "single-above-50", old, new)
    message = refused(tmp_path, text)
    assert "rules[" in message and ".text" in message
    assert "{dose}" in message and "placeholder" in message


def test_boundary_placeholder_outside_a_boundary_rule(tmp_path, default_toml):
    text = edit_block(default_toml, "rules", "single-above-50", "A single dose of {single_max}", "In {band}, a dose")
    message = refused(tmp_path, text)
    assert "{band}" in message


def test_unknown_band_in_applies_to(tmp_path, default_toml):
    text = edit_block(default_toml, "precautions", "ldn-side-effects", 'applies_to = ["ldn"]', 'applies_to = ["lnd"]')
    message = refused(tmp_path, text)
    assert "precautions[" in message and ".applies_to" in message and "'lnd'" in message


def test_unknown_band_in_expect(tmp_path, default_toml):
    text = edit_block(default_toml, "examples", 'doses = ["4.5 mg"]', 'expect = "ldn"', 'expect = "low"', key="")
    message = refused(tmp_path, text)
    assert "examples[" in message and ".expect" in message and "'low'" in message


@pytest.mark.parametrize("ident", ["xr-nonstandard", "xr-standard"])
def test_missing_injection_band(tmp_path, default_toml, ident):
    start, end = block_span(default_toml, "bands", ident)
    text = default_toml[:start] + default_toml[end:]
    message = refused(tmp_path, text)
    assert "bands" in message and "injection" in message
    rule = "other" if ident == "xr-nonstandard" else "labelled-regimen"
    assert rule in message


def test_oral_band_after_the_injection_bands(tmp_path, default_toml):
    h_start, h_end = block_span(default_toml, "bands", "high")
    x_start, x_end = block_span(default_toml, "bands", "xr-nonstandard")
    high = default_toml[h_start:h_end]
    text = default_toml[:h_start] + default_toml[h_end:x_end] + high + default_toml[x_end:]
    message = refused(tmp_path, text)
    assert "route" in message or "infinity" in message


def test_not_utf8(tmp_path, default_toml):
    data = default_toml.encode("utf-8").replace(b"Toljan", b"Tolj\xe1n", 1)
    message = refused(tmp_path, data)
    assert "UTF-8" in message


@pytest.mark.parametrize("data", [b"\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n", bytes(range(256)), b"\x00" * 64])
def test_binary_garbage(tmp_path, data):
    message = refused(tmp_path, data, name="garbage.toml")
    assert "UTF-8" in message or "TOML" in message


def test_empty_file(tmp_path):
    message = refused(tmp_path, "")
    assert "scheme" in message and "missing" in message


def test_unreadable_path(tmp_path):
    missing = tmp_path / "no-such-scheme.toml"
    with pytest.raises(SchemeError) as info:
        load_scheme(missing)
    assert str(missing) in str(info.value)
    assert "cannot read" in str(info.value)


def test_directory_instead_of_a_file(tmp_path):
    with pytest.raises(SchemeError) as info:
        load_scheme(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_unknown_table(tmp_path, default_toml):
    message = refused(tmp_path, default_toml + '\n[extras]\nfoo = "bar"\n')
    assert "extras" in message and "unknown table" in message


def test_missing_limit(tmp_path, default_toml):
    text = replace_once(default_toml, 'max_single_mg = "1000"\n', "")
    message = refused(tmp_path, text)
    assert "limits.max_single_mg" in message and "missing" in message


def test_limits_in_the_wrong_order(tmp_path, default_toml):
    text = replace_once(default_toml, 'min_single_mg = "0.000001"', 'min_single_mg = "5000"')
    message = refused(tmp_path, text)
    assert "limits.min_single_mg" in message and "max_single_mg" in message


def test_datetime_instead_of_date(tmp_path, default_toml):
    text = replace_once(default_toml, SCHEME_VERSION, SCHEME_VERSION.replace("2026-11-30", "2026-11-30T10:00:00"))
    message = refused(tmp_path, text)
    assert "scheme.date" in message


def test_bad_scheme_id(tmp_path, default_toml):
    text = replace_once(default_toml, 'id = "toljan-vrooman-2018-extended"', 'id = "Toljan Vrooman"')
    message = refused(tmp_path, text)
    assert "scheme.id" in message


def test_refusal_is_the_whole_file_never_a_partial_scheme(tmp_path, default_toml):
    """A scheme refused for one band is refused entirely: nothing half-valid is returned."""
    text = edit_block(default_toml, "bands", "high", 'colour = "#a50f15"', 'colour = "red"')
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError):
        load_scheme(path)


# --- a site scheme --------------------------------------------------------------------------


def test_site_scheme_is_used(tmp_path, default_toml):
    text = replace_once(default_toml, 'id = "toljan-vrooman-2018-extended"', 'id = "nottingham-2027"')
    text = replace_once(text, SCHEME_VERSION, SCHEME_VERSION.replace("1.1.0", "3.1.4"))
    text = replace_once(text, LATEST_CHANGE, LATEST_CHANGE.replace("1.1.0", "3.1.4"))
    # the site counts 5 mg a day as intermediate (LDN ends below 5 mg); the examples follow
    text = edit_block(text, "bands", "ldn", "upper_inclusive = true", "upper_inclusive = false")
    text = edit_block(text, "bands", "intermediate", "lower_inclusive = false", "lower_inclusive = true")
    for doses in ('doses = ["5 mg"]', 'doses = ["5000 mcg"]'):
        text = edit_block(text, "examples", doses, 'expect = "ldn"', 'expect = "intermediate"', key="")
    path = tmp_path / "nottingham.toml"
    path.write_text(text, encoding="utf-8")
    site = load_scheme(str(path))
    assert (site.id, site.version, site.path) == ("nottingham-2027", "3.1.4", str(path))
    assert all(o.passed for o in run_examples(site)), [o.describe() for o in run_examples(site) if not o.passed]
    regimen = read_regimen(["5 mg"], site.limits, locale="en")
    assert classify(regimen, site).band.id == "intermediate"
    assert classify(regimen, load_scheme()).band.id == "ldn"


def test_infinity_cannot_be_included(tmp_path, default_toml):
    """An upper bound of "infinity" marked inclusive means nothing and hides a typo: refused."""
    text = edit_block(default_toml, "bands", "high", "upper_inclusive = false", "upper_inclusive = true")
    message = refused(tmp_path, text)
    assert "upper_inclusive" in message and "infinity" in message


# --- fields added in scheme format 1.1 (answer, editor notes, places, changes, conditions) ----


def test_a_band_without_an_answer_is_refused(tmp_path, default_toml):
    start, end = block_span(default_toml, "bands", "ldn")
    part = default_toml[start:end]
    line = next(x for x in part.splitlines() if x.startswith("answer = "))
    message = refused(tmp_path, default_toml[:start] + part.replace(line + "\n", "") + default_toml[end:])
    assert f"bands[{band_index(default_toml, 'ldn')}].answer" in message and "missing" in message


def test_an_injection_answer_cannot_use_the_daily_dose(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "xr-standard", "{regimen}: the labelled", "{daily}: the labelled")
    message = refused(tmp_path, text)
    assert ".answer" in message and "{daily}" in message and "allowed: regimen" in message


def test_an_oral_answer_with_an_unknown_placeholder_is_refused(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "vldn", "({daily_mg}) a day is very low", "({dose}) a day is very low")
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'vldn')}].answer" in message and "{dose}" in message


def test_editor_note_must_be_text(tmp_path, default_toml):
    text = edit_block(default_toml, "references", "T", "editor_note = ", "editor_note = 3 #", key="key")
    message = refused(tmp_path, text)
    assert "references[0].editor_note" in message and "must be a str" in message


def test_editor_note_is_kept_for_editors_and_out_of_the_reference_text(scheme):
    t = scheme.reference("T")
    assert "30248938" in t.editor_note
    assert "30248938" not in t.full and "30248938" not in repr(t)
    assert t.pmid == ""


def test_editor_note_is_accepted_on_every_clinical_table(tmp_path, default_toml):
    text = edit_block(default_toml, "bands", "ldn", 'short_name = "LDN"', 'short_name = "LDN"\neditor_note = "b"')
    text = edit_block(
        text, "rules", "long-interval", 'kind = "interval-above"', 'kind = "interval-above"\neditor_note = "r"'
    )
    text = edit_block(
        text, "other_naming", "mannelli-very-low", 'from_mg = "0.125"', 'from_mg = "0.125"\neditor_note = "n"'
    )
    text = edit_block(text, "precautions", "pregnancy", 'group = "All doses"', 'group = "All doses"\neditor_note = "p"')
    path = tmp_path / "notes.toml"
    path.write_text(text, encoding="utf-8")
    scheme = load_scheme(path)
    assert scheme.band("ldn").editor_note == "b"
    assert next(r for r in scheme.rules if r.id == "long-interval").editor_note == "r"
    assert next(n for n in scheme.naming if n.id == "mannelli-very-low").editor_note == "n"
    assert next(p for p in scheme.precautions if p.id == "pregnancy").editor_note == "p"


def test_editor_note_is_not_accepted_on_a_worked_example(tmp_path, default_toml):
    text = edit_block(
        default_toml, "examples", 'doses = ["4.5 mg"]', 'per = "day"', 'per = "day"\neditor_note = "x"', key=""
    )
    message = refused(tmp_path, text)
    assert ".editor_note" in message and "unknown key" in message


@pytest.mark.parametrize(
    ("new", "problem"),
    [('["T:"]', "write the place after the colon"), ('["T: abstract", "T:  abstract"]', "cited twice")],
)
def test_a_place_in_a_source_must_be_written_once(tmp_path, default_toml, new, problem):
    text = edit_block(default_toml, "bands", "uldn", '\nrefs = ["T: abstract"]', f"\nrefs = {new}")
    message = refused(tmp_path, text)
    assert f"bands[{band_index(text, 'uldn')}].refs" in message and problem in message


def test_places_are_read_with_their_key(scheme):
    refs = next(p for p in scheme.precautions if p.id == "overdose-after-stopping").refs
    assert [(r, r.place) for r in refs] == [
        ("L", "Warnings, vulnerability to opioid overdose"),
        ("V", "section 5.1"),
        ("V", "section 2.2"),
    ]


def test_a_reference_key_cannot_hold_a_colon(tmp_path, default_toml):
    text = edit_block(default_toml, "references", "W", 'key = "W"', 'key = "W:1"', key="key")
    message = refused(tmp_path, text)
    assert ".key" in message and "colon" in message


def test_the_change_list_is_required(tmp_path, default_toml):
    text = re.sub(r"^\[\[changes\]\]\n(?:(?!\n\n).)*\n\n", "", default_toml, flags=re.S | re.M)
    assert not re.search(r"^\[\[changes\]\]", text, flags=re.M)
    message = refused(tmp_path, text)
    assert "changes" in message and "needs at least one [[changes]] table" in message


def test_the_newest_change_must_be_this_version(tmp_path, default_toml):
    text = replace_once(default_toml, LATEST_CHANGE, LATEST_CHANGE.replace("1.1.0", "1.0.1"))
    message = refused(tmp_path, text)
    assert "changes[0].version" in message and "1.1.0" in message


def test_the_newest_change_must_carry_the_scheme_date(tmp_path, default_toml):
    text = replace_once(default_toml, LATEST_CHANGE + "\ndate = 2026-11-30", LATEST_CHANGE + "\ndate = 2026-11-29")
    message = refused(tmp_path, text)
    assert "changes[0].date" in message and "2026-11-30" in message


def test_changes_are_listed_newest_first(tmp_path, default_toml):
    text = replace_once(default_toml, 'version = "1.0.0"\ndate = 2026-11-25', 'version = "1.0.0"\ndate = 2026-12-25')
    message = refused(tmp_path, text)
    assert "changes[1].date" in message and "newest first" in message


def test_a_change_needs_its_items(tmp_path, default_toml):
    text = replace_once(default_toml, 'items = ["First version', 'items = ["", "First version')
    message = refused(tmp_path, text)
    assert "changes[1].items" in message


def test_a_conditions_rule_needs_a_condition(tmp_path, default_toml):
    start, end = block_span(default_toml, "rules", "ldn-sized-low-average")
    part = re.sub(r"^(single_at_least_mg|daily_below_mg) = .*\n", "", default_toml[start:end], flags=re.M)
    message = refused(tmp_path, default_toml[:start] + part + default_toml[end:])
    assert "rules[" in message and ".kind" in message and "at least one of" in message


def test_a_condition_is_an_exact_dose(tmp_path, default_toml):
    text = edit_block(default_toml, "rules", "ldn-sized-low-average", 'daily_below_mg = "1"', "daily_below_mg = 1.0")
    message = refused(tmp_path, text)
    assert ".daily_below_mg" in message and "strings of decimal digits" in message


def test_hide_mechanism_is_a_boolean(tmp_path, default_toml):
    text = edit_block(default_toml, "rules", "ldn-sized-low-average", "hide_mechanism = true", 'hide_mechanism = "yes"')
    message = refused(tmp_path, text)
    assert ".hide_mechanism" in message and "must be a bool" in message


def test_a_boundary_rule_cannot_hide_the_mechanism(tmp_path, default_toml):
    text = edit_block(
        default_toml, "rules", "boundary", 'kind = "boundary"', 'kind = "boundary"\nhide_mechanism = true'
    )
    message = refused(tmp_path, text)
    assert "rules[0].hide_mechanism" in message


def test_conditions_compare_exactly(scheme, read):
    rule = next(r for r in scheme.rules if r.id == "single-in-labelled-schedule")
    assert [(c.quantity, c.operator, c.value_mg) for c in rule.conditions] == [
        ("single", ">", 50),
        ("single", "<=", 150),
        ("daily", "==", 50),
    ]
    regimen = read(["100 mg", "100 mg", "150 mg"], per="week")
    assert all(c.holds(regimen.max_single_mg, regimen.daily_mg) for c in rule.conditions)
    almost = read(["100 mg", "100 mg", "149.99 mg"], per="week")
    assert not all(c.holds(almost.max_single_mg, almost.daily_mg) for c in rule.conditions)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('confidence = "established"', 'confidence = "likely"', "must be one of"),
        ('refs = ["M"]', "refs = []", "needs at least one reference"),
    ],
)
def test_other_naming_carries_a_confidence(tmp_path, default_toml, old, new, problem):
    text = edit_block(default_toml, "other_naming", "mannelli-very-low", old, new)
    message = refused(tmp_path, text)
    assert "other_naming[" in message and problem in message


def test_naming_without_a_source_must_say_its_confidence(scheme):
    unsourced = [n for n in scheme.naming if not n.refs]
    assert unsourced and all(n.confidence != "established" for n in unsourced)


@pytest.mark.parametrize(
    ("name", "short", "heading"),
    [
        ("Very low dose", "VLDN", "Very low dose (VLDN)"),
        ("High dose (liver injury reported)", "High", "High dose (liver injury reported)"),
        ("High dose", "high", "High dose"),
        ("Standard oral dose", "Std", "Standard oral dose (Std)"),
    ],
)
def test_a_heading_shows_the_short_name_only_when_the_name_lacks_it(scheme, name, short, heading):
    import dataclasses

    band = dataclasses.replace(scheme.band("vldn"), name=name, short_name=short)
    assert band.heading == heading
