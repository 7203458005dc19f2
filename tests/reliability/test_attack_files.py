"""Hostile site files (issue 15): each is refused quickly, in little memory, by the refusal path.

Before: `--config /dev/zero` grew 300 MB/s until killed; a FIFO left the window waiting for
ever; 100,000 nested `[` ended in a RecursionError traceback; a dotted key of 100,000 parts
needed 9.7 GB and 69 s; a scheme of 100,000 bands 438 s of CPU; a 1 GB scheme 17 s and
3.2 GB. Now core.outside_file reads only regular files of bounded size and
core.toml_bounds bounds their structure before tomllib sees them.

Every file here is made by the test, in its temporary directory, at most about 1 MB on disk
(the 1 GB scheme is a sparse file: no block is written). For each attack and each reader
(the scheme loader, the site configuration, `check` in a subprocess):

* it is refused (SchemeError / ConfigError naming the file; `check` exits 2 with one line
  on stderr and no traceback);
* in-process, the best of three runs takes less than a second of CPU (and no run waits),
  and the peak of Python's allocations (tracemalloc) is under 32 MiB;
* in a subprocess, the child's CPU time is within a second, and its peak RSS within
  32 MiB, of a `check` of a good dose with the bundled scheme.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from core.outside_file import CONFIG_FILE, SCHEME_FILE
from core.refusal import Refusal
from core.scheme_loader import MAX_BANDS, SchemeError, bundled_path
from core.site_config import ConfigError, load_site_config
from core.verify import load_scheme

MAX_SECONDS = 1.0  # of CPU
MAX_WALL_SECONDS = 10.0  # a hang, not a busy machine
MAX_MIB = 32
ROOT = Path(__file__).resolve().parents[2]

Builder = Callable[[Path], Path]


def _write(name: str, text: str) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return build


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.toml"
    os.mkfifo(path)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "folder.toml"
    path.mkdir()
    return path


def _sparse_gigabyte(folder: Path) -> Path:
    path = folder / "huge.toml"
    with open(path, "wb") as file:
        file.truncate(1024**3)  # 1 GiB that occupies no disk
    return path


BUNDLED_BANDS = bundled_path().read_text(encoding="utf-8").count("[[bands]]")


def _bands(total: int) -> str:
    """The bundled scheme with well-formed oral bands added until it has `total` bands."""
    text = bundled_path().read_text(encoding="utf-8")
    first = text.index("[[bands]]")
    band = text[first : text.index("[[bands]]", first + 1)]
    return text[:first] + band * (total - BUNDLED_BANDS) + text[first:]


def _tables(text: str) -> int:
    """Tables as core.toml_bounds counts them (headers and inline tables; these files have
    no brackets in strings at the start of a line)."""
    return len(re.findall(r"(?m)^[ \t]*\[", text)) + text.count("{")


def _just_over(limit: int) -> Builder:
    line = "#" * 63 + "\n"
    return _write("just-over.toml", line * (limit // 64) + "#" * (limit % 64 + 1))


# name -> (builder, what the refusal says for a scheme, ... for a configuration)
ATTACKS: dict[str, tuple[Builder, str, str]] = {
    "/dev/zero": (lambda folder: Path("/dev/zero"), "is a character device", "is a character device"),
    "a FIFO": (_fifo, "is a named pipe (FIFO)", "is a named pipe (FIFO)"),
    "a directory": (_directory, "is a directory", "is a directory"),
    "100,000 nested [ on one line (200 KB)": (
        _write("nested-line.toml", "x = " + "[" * 100_000 + "\n"),
        "a line of more than",
        "at most 64 KiB",
    ),
    "100,000 nested [ one per line (200 KB)": (
        _write("nested-lines.toml", "x = " + "[\n" * 100_000),
        "nested more than 8 deep",
        "at most 64 KiB",
    ),
    "30,000 nested [ one per line (60 KB)": (
        _write("nested-lines-small.toml", "x = " + "[\n" * 30_000),
        "nested more than 8 deep",
        "nested more than 4 deep",
    ),
    "dotted key of 100,000 parts (200 KB)": (
        _write("dotted.toml", ".".join(["a"] * 100_000) + " = 1\n"),
        "a line of more than",
        "at most 64 KiB",
    ),
    "dotted key of 2,000 parts (4 KB)": (
        _write("dotted-short.toml", ".".join(["a"] * 2_000) + " = 1\n"),
        "dots outside strings",
        "dots outside strings",
    ),
    "100,000 bands (1 MB)": (_write("bands-100k.toml", "[[bands]]\n" * 100_000), "at most 256 KiB", "at most 64 KiB"),
    "25,000 bands (250 KB)": (_write("bands-25k.toml", "[[bands]]\n" * 25_000), "more than 1,000 tables", "at most 64"),
    f"{MAX_BANDS + 1} well-formed bands (140 KB)": (
        _write("bands-65.toml", _bands(MAX_BANDS + 1)),
        f"a scheme may have at most {MAX_BANDS}",
        "at most 64 KiB",
    ),
    "30,000 tables (250 KB)": (
        _write("tables.toml", "".join(f"[t{i}]\n" for i in range(30_000))),
        "more than 1,000 tables",
        "at most 64 KiB",
    ),
    "100,000 array items (200 KB)": (
        _write("items.toml", "x = [\n" + ("1," * 50 + "\n") * 2_000 + "]\n"),
        "more than 20,000 keys and array items",
        "at most 64 KiB",
    ),
    "unclosed strings with escapes (240 KB)": (
        _write("unclosed.toml", ('"\\' * 2000 + "\n") * 60),
        "not valid TOML",
        "at most 64 KiB",
    ),
    "1 GB scheme (sparse)": (_sparse_gigabyte, "1,073,741,824 bytes", "1,073,741,824 bytes"),
    "scheme one byte over 256 KiB": (_just_over(SCHEME_FILE.max_bytes), "at most 256 KiB", "at most 64 KiB"),
    "configuration one byte over 64 KiB": (_just_over(CONFIG_FILE.max_bytes), "missing table", "at most 64 KiB"),
}

READERS: dict[str, tuple[Callable[[Path], object], type[Refusal], int]] = {
    "scheme": (lambda path: load_scheme(str(path)), SchemeError, 1),
    "config": (lambda path: load_site_config(path), ConfigError, 2),
}


def _measure(call: Callable[[], object]) -> tuple[float, float, BaseException | None]:
    """(best of up to three CPU seconds, peak MiB of Python allocations, the exception raised).

    CPU time is what the file costs whatever else the machine runs; each run must also end
    within MAX_WALL_SECONDS of wall time (a read that waits, as on a FIFO, uses no CPU)."""
    error: BaseException | None = None
    seconds = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            call()
            error = None
        except BaseException as raised:  # noqa: BLE001 - the test judges what was raised
            error = raised
        seconds.append(time.process_time() - cpu)
        assert time.perf_counter() - wall < MAX_WALL_SECONDS, "the read waited"
        if seconds[-1] < MAX_SECONDS / 4:
            break
    tracemalloc.start()
    try:
        call()
    except BaseException:  # noqa: BLE001 - judged above
        pass
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return min(seconds), peak, error


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_hostile_file_is_refused_quickly_in_little_memory(tmp_path, attack, reader, report):
    build, scheme_says, config_says = ATTACKS[attack]
    read, refusal, _ = READERS[reader]
    path = build(tmp_path)
    load_scheme()  # imports done: the figures are the file's, not Python's
    seconds, peak, error = _measure(lambda: read(path))
    assert isinstance(error, refusal), f"{attack}: {error!r}"
    says = scheme_says if reader == "scheme" else config_says
    assert str(path) in error.message and says in error.message, error.message
    assert "\n" not in error.message
    assert seconds < MAX_SECONDS, f"{attack}: {seconds:.2f} s"
    assert peak < MAX_MIB, f"{attack}: {peak:.1f} MiB"
    report(f"{attack} as {reader}: refused in {seconds * 1000:.1f} ms, peak {peak:.2f} MiB: {error.message[-70:]}")


def _within_bounds() -> dict[str, str]:
    """The heaviest shapes a scheme may have (each just inside one bound): parsed, then
    validated or refused, all within the same time and memory."""
    long = "x" * 4000
    example = (
        '[[examples]]\ndoses = ["0.25 mg"]\nper = "day"\nroute = "oral"\nconcentration = ""\n'
        'locale = "en_US"\nexpect = "vldn"\nwhy = "x"\n'
    )
    with_examples = bundled_path().read_text(encoding="utf-8")  # valid: every example is checked
    with_examples += example * (SCHEME_FILE.bounds.max_tables - _tables(with_examples))
    return {
        "999 tables of 19 keys": "".join(
            f"[t{i}]\n" + "".join(f"k{j} = '{i}'\n" for j in range(19)) for i in range(999)
        ),
        "19,000 array items and long strings": "x = [\n"
        + "".join("1," * 1000 + "\n" for _ in range(19))
        + "]\ns = '''"
        + f"{long}\n" * 45
        + "'''\n",
        "999 dotted keys of 17 parts": "".join(f"a{i}.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q = 1\n" for i in range(999)),
        "2,000 arrays nested 8 deep": "".join(f"x{i} = [[[[[[[[1]]]]]]]]\n" for i in range(2000)),
        "60 lines of 4,000 characters": "".join(f"s{i} = '{long}'\n" for i in range(60)),
        "60 lines of 660 escapes": "".join(f's{i} = "' + "\\u00e9" * 660 + '"\n' for i in range(60)),
        "64 bands (they overlap)": _bands(MAX_BANDS),
        "the bundled scheme with worked examples up to 1,000 tables": with_examples,
    }


WITHIN = _within_bounds()


@pytest.mark.parametrize("shape", list(WITHIN))
def test_the_heaviest_files_within_the_bounds_are_read_quickly(tmp_path, shape, report):
    path = tmp_path / "heavy.toml"
    path.write_text(WITHIN[shape], encoding="utf-8")
    assert path.stat().st_size <= SCHEME_FILE.max_bytes, path.stat().st_size
    load_scheme()
    seconds, peak, error = _measure(lambda: load_scheme(str(path)))
    assert error is None or isinstance(error, SchemeError), repr(error)
    assert error is None or "not read" not in error.message, error.message  # inside the bounds
    assert seconds < MAX_SECONDS and peak < MAX_MIB, (seconds, peak)
    outcome = "loaded" if error is None else "refused by the validator"
    report(f"within bounds, {shape}: {outcome} in {seconds * 1000:.1f} ms, peak {peak:.2f} MiB")


# --- the command line, in a subprocess --------------------------------------------------------


#: Runs the command line and then writes the process's own peak RSS (VmHWM of its memory map:
#: ru_maxrss would include the parent's at the fork) and its CPU seconds to the file named first.
_PEAK = """
import resource, runpy, sys
out = sys.argv.pop(1)
sys.argv[0] = "naltrexone-dose"
code = 0
try:
    runpy.run_module("core.cli", run_name="__main__")
except SystemExit as done:
    code = done.code
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = [line.split()[1] for line in status if line.startswith("VmHWM")][0]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(out, "w", encoding="ascii") as file:
        file.write(f"{peak} {usage.ru_utime + usage.ru_stime}")
sys.exit(code)
"""


def _check_rss(args: list[str], cwd: Path) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, CPU seconds, peak RSS in MiB) of one `naltrexone-dose` run,
    with no default site configuration."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_CONFIG_DIRS"] = str(cwd / "no-site-config")
    peak_file = cwd / "peak-rss.txt"
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(peak_file), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    peak, cpu = peak_file.read_text().split()
    return done.returncode, done.stdout, done.stderr, float(cpu), int(peak) / 1024


CLI_ATTACKS = [
    "/dev/zero",
    "a FIFO",
    "a directory",
    "100,000 nested [ on one line (200 KB)",
    "100,000 nested [ one per line (200 KB)",
    "dotted key of 100,000 parts (200 KB)",
    "100,000 bands (1 MB)",
    "25,000 bands (250 KB)",
    "1 GB scheme (sparse)",
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A `check` of a good dose with the bundled scheme: the time and memory to compare with."""
    folder = tmp_path_factory.mktemp("baseline")
    code, _, err, seconds, rss = _check_rss(["check", "4.5 mg", "--locale", "en_US"], folder)
    assert code == 0, err
    return seconds, rss


@pytest.mark.parametrize("option", ["--scheme", "--config"])
@pytest.mark.parametrize("attack", CLI_ATTACKS)
def test_check_refuses_each_hostile_file_with_exit_2_and_one_line(tmp_path, attack, option, baseline, report):
    build = ATTACKS[attack][0]
    path = build(tmp_path)
    code, out, err, seconds, rss = _check_rss([option, str(path), "check", "4.5 mg", "--locale", "en_US"], tmp_path)
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("naltrexone-dose: refused: "), err
    assert str(path) in lines[0] and "Traceback" not in err
    assert seconds < baseline[0] + MAX_SECONDS, (seconds, baseline)
    assert rss < baseline[1] + MAX_MIB, (rss, baseline)
    report(
        f"check {option} {attack}: exit 2 in {seconds:.2f} s of CPU (good check {baseline[0]:.2f} s), "
        f"peak RSS {rss:.0f} MiB (good check {baseline[1]:.0f} MiB)"
    )


def test_verify_refuses_a_fifo_with_exit_2(tmp_path):
    path = _fifo(tmp_path)
    code, out, err, _, _ = _check_rss(["verify", "--scheme", str(path)], tmp_path)
    assert code == 2 and out == "" and err.count("\n") == 1 and "named pipe" in err


# --- every failure is a refusal, whatever its kind -----------------------------------------


@pytest.mark.parametrize("kind", [MemoryError, RecursionError, KeyError, AssertionError, OSError])
def test_any_error_while_parsing_is_a_refusal(monkeypatch, kind):
    import core.outside_file

    def explode(text: str) -> object:
        raise kind("boom \x1b[2J")

    monkeypatch.setattr(core.outside_file.tomllib, "loads", explode)
    with pytest.raises(SchemeError, match=kind.__name__) as scheme_error:
        load_scheme()
    with pytest.raises(ConfigError, match=kind.__name__) as config_error:
        load_site_config(ROOT / "deploy" / "config.example.toml")
    for error in (scheme_error.value, config_error.value):
        assert "\x1b" not in error.message


@pytest.mark.parametrize("kind", [MemoryError, RecursionError, TypeError])
def test_any_error_while_validating_is_a_refusal(monkeypatch, kind):
    import core.scheme_loader

    def explode(self: object, data: object) -> object:
        raise kind("boom")

    monkeypatch.setattr(core.scheme_loader._Sections, "scheme", explode)
    with pytest.raises(SchemeError, match=f"cannot be used \\({kind.__name__}"):
        load_scheme()


def test_check_turns_any_error_into_exit_2_and_one_line(monkeypatch, capsys):
    import core.outside_file
    from core.cli import main

    def explode(text: str) -> object:
        raise MemoryError

    monkeypatch.setattr(core.outside_file.tomllib, "loads", explode)
    assert main(["check", "4.5 mg", "--locale", "en_US"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "MemoryError" in captured.err
    assert main(["verify"]) == 2


def test_a_file_that_becomes_a_fifo_after_the_check_is_not_waited_on(tmp_path, monkeypatch):
    """The type is looked at again on the opened descriptor (opened without blocking)."""
    import core.outside_file

    fifo = _fifo(tmp_path)
    regular = tmp_path / "regular.toml"
    shutil.copy(bundled_path(), regular)
    real_stat = os.stat
    monkeypatch.setattr(
        core.outside_file.os, "stat", lambda path, *a, **k: real_stat(regular if path == fifo else path)
    )
    start = time.perf_counter()
    with pytest.raises(SchemeError, match="named pipe"):
        load_scheme(str(fifo))
    assert time.perf_counter() - start < MAX_SECONDS
