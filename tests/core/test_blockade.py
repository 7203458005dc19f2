"""Estimated receptor blockade (issue 13): the scheme's model, computed exactly, shown with its limits.

The oracle is outside the code: the formula D / (D + ED50) written out here with the
scheme's ED50, the clinical reference sheet's model values (1 mcg 0.02 %, 0.25 mg 4.3 %,
4.5 mg 45 %, 50 mg 90 %, 150 mg 96 %), and a least-squares fit of ED50 to the scheme's
own PET points done in this file by a different method from the loader's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from core.blockade import percent_text
from core.classify import classify
from core.regimen import read_regimen
from core.report import as_json, as_text, blockade_line
from core.scheme_loader import SchemeError
from core.verify import load_scheme

# (typed dose, exact mg, the sheet's model value in percent, displayed, extrapolated)
SIX_DOSES = [
    ("1 mcg", Fraction(1, 1000), 0.02, "less than 0.1 %", True),
    ("0.25 mg", Fraction(1, 4), 4.3, "about 4 %", True),
    ("2 mg", Fraction(2), 26.35, "about 26 %", False),
    ("4.5 mg", Fraction(9, 2), 45, "about 45 %", False),
    ("50 mg", Fraction(50), 90, "about 90 %", False),
    ("150 mg", Fraction(150), 96, "about 96 %", True),
]


@pytest.mark.parametrize(("typed", "mg", "sheet", "shown", "extrapolated"), SIX_DOSES, ids=[d[0] for d in SIX_DOSES])
def test_six_doses_against_the_formula(check, scheme, typed, mg, sheet, shown, extrapolated):
    result = check(typed)
    (estimate,) = result.blockade
    ed50 = scheme.blockade_model.ed50_mg
    assert ed50 == Fraction("5.59")
    assert estimate.dose_mg == mg
    assert estimate.fraction == mg / (mg + ed50)  # exact, not a float
    assert float(estimate.percent) == pytest.approx(sheet, abs=0.05 if sheet < 1 else 0.5)
    assert estimate.percent_text == shown
    assert estimate.extrapolated is extrapolated
    assert shown in estimate.text
    assert ("so this is an extrapolation" in estimate.text) is extrapolated


def test_the_quarter_milligram_line_reads_as_the_issue_asks(check):
    (estimate,) = check("0.25 mg").blockade
    assert estimate.text == (
        "One 250 mcg (0.25 mg) dose: about 4 % of brain mu-opioid receptors blocked in the first hours "
        "(model estimate; measured data cover 2-50 mg, so this is an extrapolation)"
    )
    assert estimate.refs == ("P",)


@pytest.mark.parametrize(
    ("typed", "extrapolated"),
    [("1.99 mg", True), ("2 mg", False), ("2.01 mg", False), ("49.99 mg", False), ("50 mg", False),
     ("50.01 mg", True), ("1999 mcg", True), ("2000 mcg", False)],
)  # fmt: skip
def test_extrapolation_flag_below_2_and_above_50_mg(check, typed, extrapolated):
    (estimate,) = check(typed).blockade
    assert estimate.extrapolated is extrapolated


def test_the_injection_gets_no_value_and_says_why(check):
    result = check("380 mg", per="4 weeks", route="injection")
    assert result.blockade == ()
    assert result.blockade_note is not None
    assert "injection" in result.blockade_note.text and "oral" in result.blockade_note.text
    assert "%" not in result.blockade_note.text
    assert "P" in {r.key for r in result.references}
    data = as_json(result)
    assert data["blockade"] == []
    assert data["blockade_note"]["text"] == result.blockade_note.text
    line = blockade_line(result)
    assert line.startswith("Estimated receptor blockade: No blockade estimate") and "%" not in line


def test_one_estimate_per_distinct_single_dose_never_the_daily_total(check):
    weekly = check(["100 mg", "100 mg", "150 mg"], per="week")
    assert [e.dose_mg for e in weekly.blockade] == [100, 150]
    twice_daily = check(["2 mg", "2 mg"])
    assert [e.dose_mg for e in twice_daily.blockade] == [2]  # one 2 mg dose, not 4 mg
    mixed = check(["150 mg", "100 mg"], per="week")
    assert [e.dose_mg for e in mixed.blockade] == [100, 150]  # smallest first


def test_a_liquid_dose_is_its_exact_amount(check):
    (estimate,) = check("4.5 mL", concentration="1 mg/mL").blockade
    assert estimate.dose_mg == Fraction(9, 2)
    assert estimate.percent_text == "about 45 %"


@pytest.mark.parametrize(
    ("percent", "shown"),
    [
        (Fraction("0.0999"), "less than 0.1 %"),
        (Fraction("0.1"), "about 0.1 %"),
        (Fraction("0.149"), "about 0.1 %"),
        (Fraction("0.15"), "about 0.2 %"),  # half up
        (Fraction("0.95"), "about 1 %"),
        (Fraction("4.2808"), "about 4 %"),
        (Fraction("9.4"), "about 9 %"),
        (Fraction("9.96"), "about 10 %"),
        (Fraction("10"), "about 10 %"),
        (Fraction("44.5"), "about 45 %"),
        (Fraction("99.49"), "about 99 %"),
        (Fraction("99.5"), "more than 99 %"),  # never "100 %" for a share below all receptors
    ],
)
def test_display_rounding(percent, shown):
    assert percent_text(percent) == shown


def test_numbers_are_written_in_the_locale_of_the_answer(scheme):
    from core.locales import number_format

    german = number_format("de_DE")
    regimen = read_regimen(["0,01 mg", "0,25 mg"], scheme.limits, per="week", locale=german)
    low, quarter = classify(regimen, scheme, german).blockade
    assert low.percent_text == "about 0,2 %" and low.fraction == Fraction(1, 100) / (
        Fraction(1, 100) + Fraction("5.59")
    )
    assert quarter.text.startswith("One 250 mcg (0,25 mg) dose: about 4 %")
    assert as_json(classify(regimen, scheme, german))["blockade"][0]["mor_percent"].startswith("0.178")  # machine text


def _fit_by_bisection(points: list[tuple[Fraction, Fraction]]) -> float:
    """ED50 where the derivative of the squared error is zero, found by bisection.

    d/dE sum (y - D/(D+E))^2 = 2 sum (y - D/(D+E)) * D/(D+E)^2: negative for small E
    (the model overshoots every point), positive for large E."""
    data = [(float(d), float(p) / 100) for d, p in points]

    def slope(e: float) -> float:
        return sum((y - d / (d + e)) * d / (d + e) ** 2 for d, y in data)

    low, high = 0.01, 1000.0
    assert slope(low) < 0 < slope(high)
    for _ in range(100):
        middle = (low + high) / 2
        if slope(middle) < 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def test_ed50_is_the_least_squares_fit_of_the_schemes_own_points(scheme):
    model = scheme.blockade_model
    points = [(p.dose_mg, p.blocked_percent) for p in model.points]
    assert sorted((float(d), float(p)) for d, p in points) == [
        (2, 27), (5, 43), (5, 46), (5, 58), (15, 61), (50, 92), (50, 98)
    ]  # fmt: skip
    fitted = _fit_by_bisection(points)
    assert round(fitted, 2) == 5.58  # the clinical reference sheet's own fit
    assert abs(fitted - float(model.ed50_mg)) <= 0.1
    assert (model.data_from_mg, model.data_to_mg) == (2, 50)
    assert model.refs == ("P",) and set(model.caveat_refs) == {"P", "W"}


def test_what_it_is_not_is_said_with_the_value(check):
    result = check("0.25 mg")
    note = result.blockade_note.text
    for words in ("not a clinical effect", "not a time course", "72 to 108 hours", "first hours"):
        assert words in note
    line = blockade_line(result)
    assert line.count("\n") == 0
    assert line.startswith("Estimated receptor blockade: One 250 mcg (0.25 mg) dose: about 4 %")
    assert line.endswith("[P, W]")
    assert {"P", "W"} <= {r.key for r in result.references}


# --- the model is scheme data -------------------------------------------------------------


def _site(tmp_path: Path, text: str) -> str:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _section(default_toml: str) -> tuple[int, int]:
    """Offsets of the [blockade_model] table and its points (the worked examples follow)."""
    start = default_toml.index("[blockade_model]")
    return start, default_toml.index("# Worked examples", start)


def without_model(default_toml: str) -> str:
    start, end = _section(default_toml)
    return default_toml[:start] + default_toml[end:]


def test_a_site_without_the_section_shows_no_estimate_and_nothing_breaks(tmp_path, default_toml):
    scheme = load_scheme(_site(tmp_path, without_model(default_toml)))
    assert scheme.blockade_model is None
    for doses, kwargs in ((["0.25 mg"], {}), (["380 mg"], {"per": "4 weeks", "route": "injection"})):
        result = classify(read_regimen(doses, scheme.limits, locale="en", **kwargs), scheme)
        assert result.blockade == () and result.blockade_note is None
        assert "Estimated receptor blockade" not in as_text(result) and "[P]" not in as_text(result)
        data = as_json(result)
        assert data["blockade"] == [] and data["blockade_note"] is None


def test_a_site_can_change_the_model_and_the_code_follows(tmp_path, default_toml):
    """ED50 10 mg, points on that curve from 1 to 100 mg: every number comes from the file."""
    start, end = _section(default_toml)
    section = default_toml[start:end]
    head = section[: section.index("[[blockade_model.points]]")]
    head = head.replace('ed50_mg = "5.59"', 'ed50_mg = "10"').replace('data_from_mg = "2"', 'data_from_mg = "1"')
    head = head.replace('data_to_mg = "50"', 'data_to_mg = "100"')
    points = "".join(
        f'\n[[blockade_model.points]]\ndose_mg = "{d}"\nblocked_percent = "{p}"\nsource = "site data"\nrefs = ["P"]\n'
        for d, p in (("1", "9.0909"), ("10", "50"), ("100", "90.9091"))
    )
    scheme = load_scheme(_site(tmp_path, default_toml[:start] + head + points + "\n# " + default_toml[end:]))
    result = classify(read_regimen(["0.25 mg", "0.25 mg", "75 mg"], scheme.limits, per="week", locale="en"), scheme)
    low, high = result.blockade
    assert low.fraction == Fraction(1, 4) / (Fraction(1, 4) + 10) and low.extrapolated
    assert high.fraction == Fraction(75, 85) and not high.extrapolated
    assert "1-100 mg" in low.text and high.percent_text == "about 88 %"


# --- refusals: file, line, key and what is wrong ------------------------------------------------


def _refused(tmp_path: Path, text: str) -> str:
    path = _site(tmp_path, text)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    return message


def _line(text: str, fragment: str, start: int) -> int:
    """1-based line of the first `fragment` at or after offset `start`."""
    return text[: text.index(fragment, start)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        ('form = "hyperbola"', 'form = "sigmoid"', "blockade_model.form", "not a model form"),
        ('ed50_mg = "5.59"', "ed50_mg = 5.59", "blockade_model.ed50_mg", 'e.g. "5.59"'),
        ('ed50_mg = "5.59"', 'ed50_mg = "55.9"', "blockade_model.ed50_mg", "least-squares fit gives 5.58 mg"),
        ('ed50_mg = "5.59"', 'ed50_mg = "5.75"', "blockade_model.ed50_mg", "does not fit the measured points"),
        ('ed50_mg = "5.59"', 'ed50_mg = "5.5"', "blockade_model.ed50_mg", "fit_tolerance_mg (0.05 mg)"),
        ('ed50_mg = "5.59"', 'ed50_mg = "0"', "blockade_model.ed50_mg", "greater than zero"),
        ('data_from_mg = "2"', 'data_from_mg = "1"', "blockade_model.data_from_mg", "smallest dose among"),
        ('data_to_mg = "50"', 'data_to_mg = "100"', "blockade_model.data_to_mg", "largest dose among"),
        ('data_to_mg = "50"', 'data_to_mg = "2"', "blockade_model.data_from_mg", "smaller than data_to_mg"),
        ('refs = ["P"]\n# What', 'refs = ["Q"]\n# What', "blockade_model.refs", "unknown reference key 'Q'"),
        ('caveat_refs = ["P", "W"]', "caveat_refs = []", "blockade_model.caveat_refs", "at least one reference"),
        ("{estimate} of brain", "some of brain", "blockade_model.line", "must use {estimate}"),
        ("so this is an extrapolation", "so {guess}", "blockade_model.outside_data", "unknown placeholder {guess}"),
        ('label = "Estimated receptor blockade"', 'label = ""', "blockade_model.label", "must not be empty"),
        ('form = "hyperbola"', 'form = "hyperbola"\nslope = "1"', "blockade_model.slope", "unknown key"),
    ],
)
def test_faults_in_the_section_are_refused_with_line_and_key(tmp_path, default_toml, old, new, key, says):
    section, end = _section(default_toml)
    assert default_toml.count(old, section, end) == 1, old
    text = default_toml[:section] + default_toml[section:].replace(old, new, 1)
    message = _refused(tmp_path, text)
    assert f": {key}: " in message and says in message, message
    fragment = key.split(".")[-1] + " ="
    assert message.split(":")[1] == str(_line(text, fragment, section)), message


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        ('blocked_percent = "98"', 'blocked_percent = "108"', "blocked_percent", "more than 100 %"),
        ('blocked_percent = "98"', "blocked_percent = 98", "blocked_percent", 'e.g. "98"'),
        ('blocked_percent = "98"', 'blocked_percent = "9 8"', "blocked_percent", "not a percentage"),
        ('blocked_percent = "98"', 'blocked_percent = "98"\nweight = 2', "weight", "unknown key"),
        ('refs = ["P"]\n', 'refs = ["X"]\n', "refs", "unknown reference key 'X'"),
    ],
)
def test_faults_in_a_point_are_refused_with_its_line(tmp_path, default_toml, old, new, key, says):
    last = default_toml.rindex("[[blockade_model.points]]")
    assert default_toml.count(old, last, _section(default_toml)[1]) == 1, old
    text = default_toml[:last] + default_toml[last:].replace(old, new, 1)
    message = _refused(tmp_path, text)
    assert f": blockade_model.points[6].{key}: " in message and says in message, message
    assert message.split(":")[1] == str(_line(text, f"{key} =", last)), message


def test_a_section_without_points_is_refused(tmp_path, default_toml):
    start, end = _section(default_toml)
    text = default_toml[: default_toml.index("# The measured points", start)] + "# " + default_toml[end:]
    message = _refused(tmp_path, text)
    assert "blockade_model" in message and "[[blockade_model.points]]" in message


def test_check_prints_one_line_and_the_json_contract(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "core.cli", "check", *args, "--locale", "en"],
                              capture_output=True, text=True, timeout=60, encoding="utf-8")  # fmt: skip

    plain = run("0.25 mg")
    assert plain.returncode == 0, plain.stderr
    lines = [line for line in plain.stdout.splitlines() if line.startswith("Estimated receptor blockade:")]
    assert len(lines) == 1 and "about 4 %" in lines[0] and "extrapolation" in lines[0]
    data = json.loads(run("0.25 mg", "--json").stdout)
    (entry,) = data["blockade"]
    assert entry["dose_mg"] == "0.25"
    assert entry["mor_percent"].startswith("4.28") and Fraction(entry["mor_percent_exact"]) == Fraction(625, 146)
    assert entry["extrapolated"] is True
    assert entry["refs"] == ["P"]
    assert "D / (D + 5.59 mg)" in entry["model"]
    injection = json.loads(run("380 mg", "--per", "4 weeks", "--route", "injection", "--json").stdout)
    assert injection["blockade"] == []


def test_bundled_scheme_model_loads_with_the_scheme():
    assert load_scheme().blockade_model is not None
