"""The real command line with random arguments, in subprocesses, and a scan of the source.

For each random `naltrexone-dose check ...`:
- the exit code is 0 (classified) or 2 (refused), never 1 or a crash;
- with --json, stdout is one valid UTF-8 JSON object holding "band" (exit 0) or "error" (exit 2);
- on exit 2, stderr carries the reason;
- nothing is written in the working directory or HOME;
- a band in the JSON is the band core.classify gives in-process for the same input, and the
  independent reader (pharmacist.py) reads the same doses and period.

Size: NALTREXONE_CLI_EXAMPLES runs (default 120), two at a time.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest
from harness import env_size
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import LOCALES, concentration_text, plain_regimen

from core.classify import classify
from core.refusal import Refusal
from core.regimen import read_regimen
from core.verify import load_scheme

ROOT = Path(__file__).resolve().parents[2]
SCHEME = load_scheme()
# The blockade model read straight from the file, not through the loader: the oracle.
_RAW_MODEL = tomllib.loads(Path(SCHEME.path).read_text(encoding="utf-8"))["blockade_model"]
EXAMPLES = env_size("NALTREXONE_CLI_EXAMPLES", 120)
SYSTEM_LOCALE = "C.UTF-8"


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LC_ALL": SYSTEM_LOCALE,
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONIOENCODING": "utf-8",  # strict UTF-8, as on a workstation with a UTF-8 locale installed
        "PYTHONDONTWRITEBYTECODE": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }


def run_cli(argv: list[str] | list[bytes], cwd: Path, home: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "core.cli", *argv],
        cwd=cwd,
        env={**_env(home), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=60,
        check=False,
    )


def _listing(*dirs: Path) -> set[str]:
    return {str(p) for d in dirs for p in d.rglob("*")}


# -- cases --------------------------------------------------------------------------------
_ROUTES = st.sampled_from(["oral", "oral", "injection", "Oral", "iv", ""])
_LOCALE_NAMES = st.sampled_from([*LOCALES, "de", "en", "C", "xx_YY", "de_DE.UTF-8", "../../etc/passwd", "'; rm -rf ~"])


@st.composite
def cli_case(draw: st.DrawFn) -> dict[str, object]:
    loc = draw(st.sampled_from(LOCALES))
    doses, per, route, concentration, _ = draw(plain_regimen(loc))
    if not doses:
        doses = ["1 mg"]
    case: dict[str, object] = {"doses": [d.replace("\x00", "") for d in doses]}
    if draw(st.booleans()):
        case["per"] = per
    if draw(st.integers(0, 3)) == 0:
        case["route"] = draw(_ROUTES)
    elif route != "oral":
        case["route"] = route
    if concentration is not None:
        case["concentration"] = concentration
    elif draw(st.integers(0, 5)) == 0:
        case["concentration"] = draw(concentration_text) or "1 mg/mL"
    where = draw(st.sampled_from(["check", "top", "none", "check"]))
    if where != "none":
        case["locale"] = loc if draw(st.integers(0, 4)) else draw(_LOCALE_NAMES)
        case["locale_where"] = where
    case["json"] = draw(st.integers(0, 4)) > 0
    for key in ("per", "route", "concentration", "locale"):  # an argument cannot hold a NUL
        if key in case:
            case[key] = str(case[key]).replace("\x00", "")
    return case


def argv_of(case: dict[str, object]) -> list[str]:
    argv: list[str] = []
    if case.get("locale_where") == "top":
        argv += ["--locale", str(case["locale"])]
    argv += ["check", "--", *case["doses"]] if any(str(d).startswith("-") for d in case["doses"]) else ["check"]
    if argv[-1] == "check":
        argv += list(case["doses"])
    options: list[str] = []
    for key in ("per", "route", "concentration"):
        if key in case:
            options += [f"--{key}", str(case[key])]
    if case.get("locale_where") == "check":
        options += ["--locale", str(case["locale"])]
    if case["json"]:
        options.append("--json")
    # options go before "--" when there is one, so that they are read as options
    if "--" in argv:
        index = argv.index("--")
        argv = argv[:index] + options + argv[index:]
    else:
        argv += options
    return argv


def in_process(case: dict[str, object]) -> tuple[str | None, str | None]:
    """(band id, daily mg decimal or None for a month) core gives for the case, or (None, message)
    if refused."""
    try:
        regimen = read_regimen(
            list(case["doses"]),
            SCHEME.limits,
            per=str(case.get("per", "day")),
            route=str(case.get("route", "oral")),
            concentration=case.get("concentration"),
            locale=str(case["locale"]) if "locale" in case else SYSTEM_LOCALE,
        )
    except Refusal as refusal:
        return None, refusal.message
    daily = None if regimen.period.is_months else str(regimen.daily_mg)  # a month is never averaged
    return classify(regimen, SCHEME).band.id, daily


def _collect_cases(n: int) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = []

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=cli_case())
    def collect(case: dict[str, object]) -> None:
        cases.append(case)

    collect()
    return cases


def check_blockade(payload: dict[str, object], where: str) -> None:
    """One estimate per distinct single oral dose, D / (D + ED50) exactly; none for the injection."""
    entries = payload["blockade"]
    assert isinstance(entries, list), where
    if payload["route"] == "injection":
        assert entries == [], where
        return
    ed50 = Fraction(_RAW_MODEL["ed50_mg"])
    low, high = Fraction(_RAW_MODEL["data_from_mg"]), Fraction(_RAW_MODEL["data_to_mg"])
    doses = sorted(set(payload["doses_mg"]), key=Fraction)  # type: ignore[call-overload]
    assert [e["dose_mg"] for e in entries] == doses, where  # type: ignore[index]
    for entry in entries:
        percent = Fraction(entry["mor_percent_exact"])  # type: ignore[index]
        dose = ed50 * percent / (100 - percent)  # the exact dose that percent = 100 D / (D + ED50) implies
        shown = Fraction(entry["dose_mg"])  # type: ignore[index]
        assert abs(dose - shown) <= shown / 10**15, where  # decimal strings of a third of a mL are rounded
        assert entry["extrapolated"] is (dose < low or dose > high), where  # type: ignore[index]


def check_outcome(case: dict[str, object], proc: subprocess.CompletedProcess[bytes]) -> str:
    """'band' or 'refused'; fails the test on anything else."""
    where = f"argv={argv_of(case)!r}\nstdout={proc.stdout[:500]!r}\nstderr={proc.stderr[-800:]!r}"
    assert proc.returncode in (0, 2), f"exit {proc.returncode}\n{where}"
    assert b"Traceback" not in proc.stderr, where
    if proc.returncode == 2:
        assert proc.stderr.strip(), f"exit 2 without a reason on stderr\n{where}"
    if case["json"]:
        text = proc.stdout.decode("utf-8")  # strict: a JSON consumer reads UTF-8
        payload = json.loads(text)
        assert isinstance(payload, dict), where
        key = "band" if proc.returncode == 0 else "error"
        assert key in payload and payload[key], where
        assert ("band" in payload) != ("error" in payload), where
    if proc.returncode == 0:
        band, daily = in_process(case)
        assert band is not None, f"the command line classified what core refuses in-process ({daily})\n{where}"
        if case["json"]:
            assert payload["band"] == band, where
            if payload["daily_dose_mg_exact"] is not None:
                assert Fraction(payload["daily_dose_mg_exact"]) == Fraction(daily), where
            check_blockade(payload, where)
        return "band"
    return "refused"


def test_random_check_command_lines(tmp_path, report):
    cases = _collect_cases(EXAMPLES)
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    before = _listing(cwd, home)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: (c, run_cli(argv_of(c), cwd, home)), cases))
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for case, proc in results:
        try:
            counts[check_outcome(case, proc)] += 1
        except AssertionError as error:
            counts["FAILED"] += 1
            failures.append(str(error))
    counts["json"] = sum(bool(c["json"]) for c in cases)
    report(f"command line: {len(cases)} random `check` runs: {dict(counts)}")
    assert not failures, f"{len(failures)} runs broke an invariant; the first:\n{failures[0]}"
    assert _listing(cwd, home) == before, "the command line wrote files"
    assert counts["band"] > 0 and counts["refused"] > 0, counts


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "0.25 mg", "--json", "--bogus"],
        ["check", "--json"],
        ["check", "-5 mg", "--json"],
        ["check", "5 mg", "--per", "", "--json"],
        ["check", "5 mg", "--route", "$(touch pwned)", "--json"],
        ["check", "5 mg; touch pwned", "--json"],
        ["check", "__import__('os').system('touch pwned')", "--json"],
        ["check", "5 mg", "--scheme", "pwned.toml", "--json"],
        ["--config", "pwned.toml", "check", "5 mg", "--json"],
        ["check", "<b>5</b> mg", "--json"],
        ["check", "5 mg", "--locale", "../../../../etc/passwd", "--json"],
    ],
)
def test_hostile_arguments(tmp_path, argv):
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    proc = run_cli(argv, cwd, home)
    assert proc.returncode in (0, 2), proc.stderr
    payload = json.loads(proc.stdout.decode("utf-8"))
    assert isinstance(payload, dict) and ("band" in payload or "error" in payload)
    assert not list(cwd.iterdir()) and not list(home.iterdir())


# Defect 2 (core/units.py, core/periods.py, core/locales.py, core/regimen.py; core/cli.py):
# refusal messages quote the user's text raw. A command-line argument that is not valid
# UTF-8 (a Latin-1 "µ", byte 0xB5, from a script or an old terminal) becomes a lone
# surrogate; `check --json` then dies in print(json.dumps(..., ensure_ascii=False)) with
# UnicodeEncodeError: exit 1, a traceback, and no JSON at all, where the contract is exit 2
# with {"error": ...}. (Under the C locale Python writes the raw byte instead, so stdout is
# not valid UTF-8 JSON either.)
@pytest.mark.parametrize(
    "argv",
    [
        [b"check", b"5 \xb5g", b"--json"],  # Latin-1 micro sign
        [b"check", b"5 \xffmg", b"--json"],
        [b"check", b"5 mg", b"--per", b"\xe9 day", b"--json"],
        [b"check", b"5 mg", b"--route", b"or\xe0l", b"--json"],
        [b"check", b"5 mg", b"--locale", b"fr_\xc7A", b"--json"],
    ],
)
def test_arguments_that_are_not_utf8_give_a_json_refusal(tmp_path, argv):
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    proc = run_cli(argv, cwd, home)
    assert proc.returncode == 2, proc.stderr.decode("utf-8", "replace")
    payload = json.loads(proc.stdout.decode("utf-8"))
    assert payload.get("error"), payload


def test_refusal_messages_carry_no_control_characters_or_surrogates():
    """What core says may be shown on a terminal or in a log: the user's text is quoted safely."""
    hostile = ["5 \udcb5g", "5 mg\x1b[2J", "5 \u202egm", "5 mg\x00"]
    periods = ["\udce9 day", "2 days\x1b]0;x\x07", "\u202eyad"]
    messages = []
    for dose in hostile:
        with pytest.raises(Refusal) as caught:
            read_regimen([dose], SCHEME.limits, locale="en_US")
        messages.append(caught.value.message)
    for per in periods:
        with pytest.raises(Refusal) as caught:
            read_regimen(["5 mg"], SCHEME.limits, per=per, locale="en_US")
        messages.append(caught.value.message)
    for route in ["or\udce0l", "oral\x1b[31m"]:
        with pytest.raises(Refusal) as caught:
            read_regimen(["5 mg"], SCHEME.limits, route=route, locale="en_US")
        messages.append(caught.value.message)
    with pytest.raises(Refusal) as caught:
        read_regimen(["5 mg"], SCHEME.limits, locale="fr_\udcc7A")
    messages.append(caught.value.message)
    for message in messages:
        bad = [c for c in message if not c.isprintable()]
        assert not bad, f"{message!r} contains {bad!r}"


# -- no shell, no eval, and pint's string parser never sees user text ------------------
SOURCES = sorted([*(ROOT / "core").glob("*.py"), *(ROOT / "gui").glob("*.py")])
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
_FORBIDDEN_ATTRS = {"system", "popen", "spawnl", "spawnlp", "spawnv", "spawnvp", "execv", "execvp", "startfile"}
_PINT_PARSERS = {"parse_expression", "parse_units", "parse_unit_name", "parse_pattern", "from_string"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def _unit_text_is_ours(node: ast.AST) -> bool:
    """A unit string built only from constants and our table's `.pint_name`."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Attribute) and node.attr == "pint_name":
        return True
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant) or (isinstance(v, ast.FormattedValue) and _unit_text_is_ours(v.value))
            for v in node.values
        )
    return False


def scan(path: Path, root: Path = ROOT) -> list[str]:
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            if any(n and n.split(".")[0] in {"subprocess", "pty", "pickle", "marshal", "shelve"} for n in names):
                problems.append(f"{where}: imports {names}")
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        last = name.rsplit(".", 1)[-1]
        if name in _FORBIDDEN_CALLS:
            problems.append(f"{where}: calls {name}()")
        if last in _FORBIDDEN_ATTRS and name.split(".")[0] in {"os", "subprocess"}:
            problems.append(f"{where}: calls {name}()")
        if any(k.arg == "shell" for k in node.keywords):
            problems.append(f"{where}: shell= keyword")
        if last in _PINT_PARSERS:
            problems.append(f"{where}: pint string parser {name}()")
        if name in {"ureg", "registry()"} or (
            isinstance(node.func, ast.Call) and _dotted(node.func.func) == "registry"
        ):
            problems.append(f"{where}: calls the unit registry on a string")
        if last == "Quantity":
            first = node.args[0] if node.args else None
            numeric = isinstance(first, ast.Constant) and isinstance(first.value, int | float)
            exact = isinstance(first, ast.Call) and _dotted(first.func) in {"Fraction", "Decimal"}
            if not (numeric or exact):
                problems.append(f"{where}: Quantity() whose magnitude is not an exact number")
            for unit_arg in node.args[1:]:
                if not _unit_text_is_ours(unit_arg):
                    problems.append(f"{where}: Quantity() with a unit string not from the closed table")
    return problems


def test_no_shell_no_eval_and_no_pint_parsing_of_user_text(report):
    problems = [p for path in SOURCES for p in scan(path)]
    report(f"source scan: {len(SOURCES)} files in core/ and gui/, {len(problems)} problems")
    assert not problems, "\n".join(problems)


def test_the_scan_would_catch_what_it_looks_for(tmp_path):
    probe = tmp_path / "probe.py"  # written outside the package, never into core/
    probe.write_text(
        "import subprocess\nimport os\nfrom fractions import Fraction\n"
        "def f(text, ureg):\n"
        "    eval(text)\n    os.system(text)\n    subprocess.run(text, shell=True)\n"
        "    ureg.parse_expression(text)\n    ureg.Quantity(text)\n"
        "    ureg.Quantity(Fraction(1), text)\n    ureg(text)\n",
        encoding="utf-8",
    )
    text = "\n".join(scan(probe, root=tmp_path))
    for expected in ("subprocess", "eval", "os.system", "shell=", "parse_expression", "magnitude", "closed table"):
        assert expected in text, (expected, text)
    assert "unit registry" in text
