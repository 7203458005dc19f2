"""What the user reads, checked against the clinical audit (clinical-corrections.md) and
the reference sheet (revision 2): one test per correction of scheme 1.1.0.

Every test runs the real command line (`core.cli.main`), as a pharmacist would, and
reads its plain text and its `--json`: the corrected statement must be there and the
wrong one must not. The oracle is the audit's wording, not the scheme file.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from core.cli import main
from core.scheme import Scheme


@dataclass(frozen=True)
class Answer:
    text: str  # the plain output of `check`
    data: dict[str, Any]  # the same regimen with --json

    @property
    def first_line(self) -> str:
        return self.text.splitlines()[0]

    def precaution(self, pid: str) -> dict[str, Any]:
        found = [p for p in self.data["precautions"] if p["id"] == pid]
        assert found, f"precaution {pid!r} is not shown for this regimen"
        return found[0]

    def note(self, nid: str) -> dict[str, Any]:
        found = [n for n in self.data["notes"] if n["id"] == nid]
        assert found, f"note {nid!r} is not shown for this regimen"
        return found[0]

    @property
    def precaution_ids(self) -> set[str]:
        return {p["id"] for p in self.data["precautions"]}

    @property
    def note_ids(self) -> set[str]:
        return {n["id"] for n in self.data["notes"]}

    def reference(self, key: str) -> dict[str, Any]:
        found = [r for r in self.data["references"] if r["key"] == key]
        assert found, f"reference [{key}] is not listed for this regimen"
        return found[0]


def _run(args: list[str]) -> str:
    """The CLI's standard output for `args` (exit status 0 required)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(args) == 0, args
    return out.getvalue()


@functools.cache
def _answer(doses: tuple[str, ...], per: str, route: str, concentration: str | None) -> Answer:
    args = ["check", *doses, "--per", per, "--route", route, "--locale", "en"]
    if concentration:
        args += ["--concentration", concentration]
    return Answer(_run(args), json.loads(_run([*args, "--json"])))


@pytest.fixture(scope="module")
def check() -> Callable[..., Answer]:
    """check("0.25 mg", per="day", route="oral", concentration=None) -> Answer, through the CLI.

    Answers are immutable, so each regimen runs once per session (the CLI reloads and
    re-verifies the scheme on every call, as it does for a user)."""

    def _check(*doses: str, per: str = "day", route: str = "oral", concentration: str | None = None) -> Answer:
        return _answer(doses, per, route, concentration)

    return _check


DAILYMED = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid="

#: One regimen in every band of the bundled scheme, as typed.
EVERY_BAND = {
    "uldn": (("500 ng",), "day", "oral"),
    "vldn": (("0.25 mg",), "day", "oral"),
    "ldn": (("4.5 mg",), "day", "oral"),
    "intermediate": (("25 mg",), "day", "oral"),
    "standard": (("50 mg",), "day", "oral"),
    "above-standard": (("100 mg",), "day", "oral"),
    "high": (("300 mg",), "day", "oral"),
    "xr-standard": (("380 mg",), "4 weeks", "injection"),
    "xr-nonstandard": (("380 mg",), "2 weeks", "injection"),
}


@pytest.fixture(scope="module")
def every_band(check: Callable[..., Answer]) -> dict[str, Answer]:
    out = {}
    for band, (doses, per, route) in EVERY_BAND.items():
        answer = check(*doses, per=per, route=route)
        assert answer.data["band"] == band
        out[band] = answer
    return out


def sources(item: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["key"], s["place"]) for s in item["sources"]}


# --- the question that started the project ---------------------------------------------------


def test_the_first_line_answers_the_seed_question(check):
    answer = check("0.25 mg")
    assert (
        answer.first_line
        == "250 mcg (0.25 mg) a day is very low (VLDN), not ultra-low; ultra-low is below 1 mcg a day. [T: abstract]"
    )
    assert (
        answer.data["answer"]
        == "250 mcg (0.25 mg) a day is very low (VLDN), not ultra-low; ultra-low is below 1 mcg a day."
    )
    assert answer.data["answer_sources"] == [{"key": "T", "place": "abstract"}]
    # the same amount typed in micrograms gets the same answer
    assert check("250 mcg").data["answer"] == answer.data["answer"]


@pytest.mark.parametrize(
    ("typed", "first"),
    [("4.5 mcg", "4.5 mcg (0.0045 mg) a day is very low"), ("999 mcg", "999 mcg (0.999 mg) a day is very low")],
)
def test_a_dose_below_1_mg_is_written_in_mcg_first(check, typed, first):
    """'0.0045 mg a day is very low' was the first line for 4.5 mcg: a dose below 1 mg in mg,
    with its leading zeros, is what ISMP lists as error-prone (0.0045 is read as 0.045)."""
    assert check(typed).first_line.startswith(first)


def test_the_answer_writes_its_numbers_in_the_locale_they_were_read_in():
    first = _run(["check", "0,25 mg", "--locale", "de_DE"]).splitlines()[0]
    assert first.startswith("250 mcg (0,25 mg) a day is very low (VLDN), not ultra-low")
    data = json.loads(_run(["check", "1,5 mg", "--per", "2 days", "--locale", "de_DE", "--json"]))
    assert data["answer"].startswith("750 mcg (0,75 mg) a day is very low (VLDN)")
    assert "The largest single dose, 1,5 mg," in data["notes"][0]["text"]


@pytest.mark.parametrize("band", EVERY_BAND)
def test_every_band_answers_in_its_first_line_with_its_sources(every_band, band):
    answer = every_band[band]
    assert answer.first_line.startswith(answer.data["answer"])
    assert answer.data["answer"][:1].isupper() or answer.data["answer"][:1].isdigit()
    assert answer.data["answer_sources"], "the answer names the sources of the band's bounds"
    assert answer.text.splitlines()[1].startswith("Naltrexone dose band: ")


def test_the_half_open_bounds_convention_is_only_in_boundary_notes(check):
    for answer in (check("0.25 mg"), check("500 ng"), check("4.5 mg")):
        assert "half-open" not in answer.text and "convention" not in answer.text
    on_the_bound = check("1 mcg")
    boundary = on_the_bound.note("boundary")
    assert "convention" in boundary["text"] and "counts it as Very low dose" in boundary["text"]
    assert "convention" not in on_the_bound.data["reason"]


@pytest.mark.parametrize("band", EVERY_BAND)
def test_band_names_are_not_doubled_in_headings(every_band, band):
    heading = every_band[band].text.splitlines()[1].removeprefix("Naltrexone dose band: ")
    name, short = every_band[band].data["band_name"], every_band[band].data["band_short_name"]
    assert heading.startswith(name)
    assert heading.count(short) == 1 or short not in heading, heading
    assert "(liver-injury range) (High)" not in every_band[band].text


def test_the_high_band_heading_shows_its_name_once(every_band):
    assert every_band["high"].text.splitlines()[1] == "Naltrexone dose band: High dose (liver injury reported) [high]"


# --- 1. the opioid caveat -------------------------------------------------------------------


@pytest.mark.parametrize("band", EVERY_BAND)
def test_opioid_contraindications_carry_no_dose_limit(every_band, band):
    answer = every_band[band]
    assert "written for standard doses" not in answer.text
    item = answer.precaution("opioid-contraindications")
    assert "no dose limit" in item["text"]
    assert ("L", "Contraindications") in sources(item)
    assert "only in supervised studies of very low and ultra-low doses" in item["text"]
    medicines = answer.precaution("opioid-medicines")
    for named in ("cough and cold", "antidiarrhoeals", "pain relievers"):
        assert named in medicines["text"]
    assert ("V", "section 7, drug interactions") in sources(medicines)


def test_low_dose_has_its_own_precaution_on_regular_or_long_acting_opioids(every_band):
    item = every_band["ldn"].precaution("ldn-opioids")
    for words in ("regular or long-acting opioids", "blocks opioid pain relief", "withdrawal"):
        assert words in item["text"]
    assert item["refs"] == ["R"] and item["confidence"] == "secondary sources only"
    assert "(secondary sources only)" in every_band["ldn"].text
    for band in ("uldn", "vldn", "intermediate", "standard"):
        assert "ldn-opioids" not in every_band[band].precaution_ids


# --- 2. naloxone ----------------------------------------------------------------------------


@pytest.mark.parametrize("band", ["intermediate", "standard", "above-standard", "high"])
def test_overdose_after_stopping_oral_naltrexone_says_naloxone(every_band, band):
    item = every_band[band].precaution("overdose-after-stopping")
    assert "naloxone or another opioid-overdose reversal agent" in item["text"]
    assert "fatal overdose" in item["text"]
    assert {"L", "V"} <= set(item["refs"]) and ("V", "section 2.2") in sources(item)


@pytest.mark.parametrize("band", ["xr-standard", "xr-nonstandard"])
def test_overdose_near_the_end_of_an_injection_interval_says_naloxone(every_band, band):
    item = every_band[band].precaution("xr-overdose-end-of-interval")
    assert "missed injection" in item["text"] and "end of a dosing interval" in item["text"]
    assert "naloxone or another opioid-overdose reversal agent" in item["text"]
    assert ("V", "section 2.2") in sources(item)


# --- 3. liver and kidney impairment ---------------------------------------------------------


@pytest.mark.parametrize("band", ["uldn", "vldn", "ldn", "intermediate", "standard", "above-standard", "high"])
def test_oral_doses_carry_the_liver_and_kidney_impairment_caution(every_band, band):
    item = every_band[band].precaution("liver-kidney-impairment")
    assert "decompensated cirrhosis" in item["text"] and "several times higher" in item["text"]
    assert "contraindicates naltrexone in severe liver or kidney disease" in item["text"]
    assert set(item["refs"]) == {"B", "UK"}


@pytest.mark.parametrize("band", ["xr-standard", "xr-nonstandard"])
def test_the_injection_carries_the_kidney_caution_of_its_label(every_band, band):
    item = every_band[band].precaution("xr-kidney-impairment")
    assert "moderate to severe kidney impairment" in item["text"] and item["refs"] == ["V"]


# --- 4. procedures at very low and ultra-low doses -------------------------------------------


@pytest.mark.parametrize("band", ["vldn", "uldn"])
def test_very_low_and_ultra_low_doses_are_not_silent_before_a_procedure(every_band, band):
    item = every_band[band].precaution("surgery-vldn-uldn")
    assert "No guidance exists" in item["text"] and "anaesthetist" in item["text"]
    assert item["confidence"] == "not verified"


@pytest.mark.parametrize("band", EVERY_BAND)
def test_every_band_has_exactly_one_line_before_a_procedure(every_band, band):
    lines = [p for p in every_band[band].data["precautions"] if p["group"].startswith("Before a procedure")]
    assert len(lines) == 1, [p["id"] for p in lines]


# --- 5. 25 mg a day -------------------------------------------------------------------------


def test_25_mg_a_day_is_not_presented_as_labelled(check):
    answer = check("25 mg")
    note = answer.note("starting-dose-25")["text"]
    assert "A single 25 mg dose is the labelled first dose" in note
    assert "25 mg every day as an ongoing dose is below the labelled maintenance dose" in note
    assert "labelled starting dose" not in answer.text
    assert "25 mg once a day is the labelled" not in answer.text


# --- 6. single doses above 50 mg ------------------------------------------------------------


@pytest.mark.parametrize(
    ("doses", "per", "note"),
    [
        (("300 mg",), "day", "single-above-150"),
        (("800 mg",), "day", "single-above-150"),
        (("380 mg",), "4 weeks", "single-above-150"),  # one oral dose the size of the injection
        (("350 mg",), "week", "single-above-150"),  # 50 mg a day on average, but one 350 mg dose
        (("100 mg",), "day", "single-outside-labelled-schedule"),
        (("100 mg", "100 mg", "100 mg"), "day", "single-outside-labelled-schedule"),
        (("50 mg", "50 mg", "100 mg"), "week", "single-outside-labelled-schedule"),
    ],
)
def test_single_doses_outside_the_labelled_schedules_add_liver_risk(check, doses, per, note):
    answer = check(*doses, per=per)
    assert "not for alarm" not in answer.text
    text = answer.note(note)["text"]
    assert "larger doses add liver risk" in text
    assert "does not recommend more than 150 mg in one day" in text
    assert {"L", "UK"} <= set(answer.note(note)["refs"])
    assert "single-in-labelled-schedule" not in answer.note_ids


@pytest.mark.parametrize(
    ("doses", "per"),
    [(("100 mg", "100 mg", "150 mg"), "week"), (("150 mg",), "3 days"), (("50 mg",) * 5 + ("100 mg",), "week")],
)
def test_single_doses_inside_the_labelled_schedules_are_named_as_such(check, doses, per):
    answer = check(*doses, per=per)
    assert answer.data["band"] == "standard"
    assert "labelled schedules that spread 350 mg over a week" in answer.note("single-in-labelled-schedule")["text"]
    assert "liver" in answer.note("single-above-50")["text"]
    assert "not for alarm" not in answer.text
    assert "add liver risk" not in answer.text


# --- 7. the injection's labelled regimen ----------------------------------------------------


@pytest.mark.parametrize("band", ["xr-standard", "xr-nonstandard"])
def test_the_injection_texts_say_every_4_weeks_or_once_a_month(every_band, band):
    answer = every_band[band]
    assert "every 4 weeks or once a month" in answer.data["answer"]
    assert "every 4 weeks or once a month" in answer.data["reason"]
    assert answer.data["mechanism"]["refs"] == ["V"]
    assert ("V", "Dosage and administration") in {(s["key"], s["place"]) for s in answer.data["answer_sources"]}


def test_the_monthly_injection_is_the_labelled_regimen(check):
    answer = check("380 mg", per="month", route="injection")
    assert answer.data["band"] == "xr-standard"
    assert answer.first_line.startswith("380 mg once a month, injection: the labelled regimen")
    assert "not a labelled regimen" not in answer.text and "not the labelled regimen" not in answer.text


# --- 8. liquids -----------------------------------------------------------------------------


def test_the_tablet_in_water_liquid_is_a_suspension_without_a_24_hour_claim(check):
    answer = check("0.25 mL", concentration="1 mg/mL")
    water = answer.precaution("liquid-tablet-in-water")["text"]
    assert "suspension, not a solution" in water and "shake it well before each dose" in water
    assert "No stability study" in water
    assert "24 hours" not in answer.text and "dissolved in" not in answer.text
    validated = answer.precaution("liquid-validated")
    assert "protected from light" in validated["text"] and "bitter" in validated["text"]
    assert validated["refs"] == ["F"]


# --- 9. other naming ------------------------------------------------------------------------


def test_other_naming_at_025_mg_does_not_contradict_itself(check):
    answer = check("0.25 mg")
    assert "would call" not in answer.text
    by_trust = [n for n in answer.data["other_naming"] if "R" in n["refs"]]
    assert len(by_trust) == 1
    assert '"ultra-low"' in by_trust[0]["text"] and '"very low"' in by_trust[0]["text"]
    assert "it is very low" not in answer.text  # the old wrong referent


@pytest.mark.parametrize(
    "dose",
    ["500 ng", "1 mcg", "3 mcg", "0.1 mg", "0.25 mg", "0.5 mg", "1 mg", "1.5 mg", "4.5 mg", "10 mg", "25 mg", "50 mg"],
)
def test_one_naming_statement_per_source_for_any_dose(check, dose):
    answer = check(dose)
    cited: dict[str, int] = {}
    for note in answer.data["other_naming"]:
        for key in set(note["refs"]) - {"T"}:  # [T] is this scheme's own definition, quoted for contrast
            cited[key] = cited.get(key, 0) + 1
        assert note["refs"] or note["confidence"] != "established", note
    assert all(count == 1 for count in cited.values()), cited


# --- 10. citations --------------------------------------------------------------------------


def test_n_is_the_drug_utilisation_study_with_its_identifiers(check):
    answer = check("4.5 mg")
    n = answer.reference("N")
    assert "Pharmacoepidemiol Drug Saf" in n["citation"] and "drug utilization cohort study" in n["citation"]
    assert (n["doi"], n["pmid"], n["pmcid"]) == ("10.1002/pds.4110", "27670755", "PMC5298009")
    assert "PLoS One" not in answer.text and "quasi-experimental" not in answer.text
    assert "median dose of 3.7 mg" in answer.text


def test_s_y_and_v_have_their_real_titles_and_revision(check):
    answer = check("50 mg")
    s = answer.reference("S")
    assert "Preoperative management of opioid and nonopioid analgesics" in s["citation"]
    assert "Perioperative management of opioid antagonists" not in answer.text
    assert s["doi"] == "10.1016/j.mayocp.2020.06.045" and "96(5)" in s["citation"]
    y = answer.reference("Y")
    assert "Study of hepatotoxicity of naltrexone in the treatment of alcoholism" in y["citation"]
    assert "Alcohol. 2006;38(2):117-20" in y["citation"] and y["doi"] == "10.1016/j.alcohol.2006.05.003"
    assert "Hepatic safety of naltrexone" not in answer.text
    v = check("380 mg", per="4 weeks", route="injection").reference("V")
    assert "12/2025" in v["citation"] and "2022" not in v["citation"]


@pytest.mark.parametrize(
    ("key", "field", "value", "regimen"),
    [
        ("C", "doi", "10.1001/jama.295.17.2003", ("100 mg",)),
        ("M", "doi", "10.1111/j.1369-1600.2008.00119.x", ("0.25 mg",)),
        ("O", "doi", "10.1016/j.jpain.2005.01.356", ("0.25 mg",)),
        ("F", "pmid", "9391680", ("4.5 mL", "1 mg/mL")),
        ("F", "doi", "10.1177/106002809703101102", ("4.5 mL", "1 mg/mL")),
        ("L", "url", DAILYMED + "74087d2f-468d-4de1-a2fc-a489d0f2abef", ("50 mg",)),
        ("UK", "url", "https://www.medicines.org.uk/emc/product/3559/smpc", ("50 mg",)),
    ],
)  # fmt: skip
def test_references_carry_the_identifiers_the_sheet_gives(check, key, field, value, regimen):
    concentration = regimen[1] if len(regimen) == 2 else None
    answer = check(regimen[0], concentration=concentration)
    assert answer.reference(key)[field] == value
    assert value in answer.text  # the record shows it too


def test_nothing_the_sheet_marks_unverified_is_given_as_an_identifier(every_band):
    for answer in every_band.values():
        assert "30248938" not in answer.text and "30248938" not in json.dumps(answer.data)
    t = every_band["vldn"].reference("T")
    assert (t["doi"], t["pmid"], t["pmcid"]) == ("10.3390/medsci6040082", "", "PMC6313374")


def test_the_high_band_cites_the_current_label_not_the_withdrawn_boxed_warning(every_band):
    answer = every_band["high"]
    assert "five-fold or less" not in answer.text
    assert "up to five-fold the recommended dose (up to 300 mg a day)" in answer.data["reason"]
    assert "5 of 26" in answer.data["reason"]


# --- also -----------------------------------------------------------------------------------


def test_ldn_sized_doses_averaging_below_1_mg_get_a_note_and_no_detox_mechanism(check):
    answer = check("1.5 mg", per="2 days")
    assert answer.data["band"] == "vldn"
    note = answer.note("ldn-sized-low-average")["text"]
    assert "1.5 mg" in note and "750 mcg a day" in note and "very low (VLDN)" in note
    assert answer.data["mechanism"] == {"text": "", "status": "none", "refs": [], "sources": []}
    assert "Mechanism (" not in answer.text and "Studied as an add-on" not in answer.text
    # a true very-low daily dose keeps its mechanism
    assert "Studied as an add-on" in check("0.75 mg").data["mechanism"]["text"]
    assert "ldn-sized-low-average" not in check("0.75 mg").note_ids


@pytest.mark.parametrize("band", ["uldn", "vldn", "ldn"])
def test_liver_tests_are_not_shown_as_a_requirement_at_low_and_microgram_doses(every_band, band):
    assert "liver-tests" not in every_band[band].precaution_ids
    assert "liver function tests" not in every_band[band].text.lower()


@pytest.mark.parametrize("band", ["intermediate", "standard", "above-standard", "high"])
def test_liver_tests_cite_the_uk_product_information_above_5_mg(every_band, band):
    item = every_band[band].precaution("liver-tests")
    assert "before and during treatment" in item["text"] and ("UK", "section 4.4") in sources(item)


@pytest.mark.parametrize("band", EVERY_BAND)
def test_pregnancy_breastfeeding_and_under_18_carry_their_sources(every_band, band):
    answer = every_band[band]
    expected = {"pregnancy": {"L"}, "breastfeeding": {"H"}, "under-18": {"L", "UK"}}
    for pid, refs in expected.items():
        item = answer.precaution(pid)
        assert set(item["refs"]) == refs and item["confidence"] == "established"
    assert "no source cited in this scheme was checked" not in answer.text


@pytest.mark.parametrize("band", EVERY_BAND)
def test_every_statement_names_a_source_or_its_confidence(every_band, band):
    data = every_band[band].data
    for item in (*data["precautions"], *data["other_naming"]):
        assert item["refs"] or item["confidence"] != "established", item
    for note in data["notes"]:
        assert note["refs"], note
    assert data["answer_sources"]


def test_editor_notes_are_never_shown(every_band, check, scheme: Scheme):
    editor_notes = [r.editor_note for r in scheme.references if r.editor_note]
    assert editor_notes, "the bundled scheme keeps notes for its editors"
    answers = [*every_band.values(), check("1 mcg"), check("4.5 mL", concentration="1 mg/mL")]
    for answer in answers:
        dumped = json.dumps(answer.data)
        for note in editor_notes:
            assert note not in answer.text and note not in dumped
        assert all("editor_note" not in r for r in answer.data["references"])
        assert "probable, not verified; left out of the pmid field" not in answer.text
    for reference in scheme.references:
        assert reference.editor_note == "" or reference.editor_note not in reference.full


def test_reader_caveats_stay_visible(check):
    answer = check("50 mg")
    assert answer.reference("L")["note"] == "Read through reproductions of the label, not the label itself."
    assert "Read through reproductions of the label, not the label itself." in answer.text
    assert "read second-hand" in answer.reference("S")["note"]


def test_verify_prints_the_version_and_its_change_list(scheme: Scheme):
    out = _run(["verify"])
    assert "version 1.1.0 (2026-11-30)" in out
    assert "Changes in 1.1.0 (2026-11-30):" in out
    latest = scheme.changes[0]
    assert all(f"  - {item}" in out for item in latest.items)
    assert "Earlier versions: 1.0.0 (2026-11-25)" in out
    total = len(scheme.examples)
    assert f"{total} of {total} worked examples give the expected band." in out


@pytest.mark.parametrize(
    ("doses", "per", "route", "band"),
    [
        (("25 mg",), "day", "oral", "intermediate"),
        (("380 mg",), "4 weeks", "oral", "intermediate"),
        (("300 mg",), "day", "oral", "high"),
        (("100 mg", "100 mg", "100 mg"), "day", "oral", "high"),
        (("1.5 mg",), "2 days", "oral", "vldn"),
        (("380 mg",), "once a month", "injection", "xr-standard"),
    ],
)
def test_each_corrected_rule_has_a_worked_example(scheme: Scheme, doses, per, route, band):
    matches = [e for e in scheme.examples if (e.doses, e.per, e.route, e.expect) == (doses, per, route, band)]
    assert matches, (doses, per, route)
