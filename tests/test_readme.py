"""The README's commands work exactly as written, from the checkout, after its setup.

Every `check` and `verify` line of the README's shell blocks is run through a shell, as a
reader would paste it (after `bash scripts/test.sh` or `scripts/run-app.sh` made `.venv`),
and where the README shows what a command prints (`$ command` followed by its output),
the shown lines must still be what it prints: "..." alone stands for any lines, "..."
inside a line for any text.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = ".venv/bin/naltrexone-dose"


def shell_blocks(text: str) -> list[list[str]]:
    """The lines of every ```sh block."""
    return [block.splitlines() for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S)]


def examples() -> list[tuple[str, list[str]]]:
    """(command line as written, the output shown after it) for every check/verify line."""
    out = []
    for lines in shell_blocks(README):
        for index, line in enumerate(lines):
            command = line.removeprefix("$ ")
            if not (line.startswith("$ ") or line.startswith(COMMAND)):
                continue  # a line of output shown after a command
            words = shlex.split(command, comments=True)
            if len(words) < 2 or words[1] not in ("check", "verify"):
                continue
            shown = []
            if line.startswith("$ "):
                for following in lines[index + 1 :]:
                    if following.startswith("$ "):
                        break
                    shown.append(following)
            out.append((command, shown))
    return out


EXAMPLES = examples()


def test_every_command_the_readme_shows_uses_the_installed_command():
    """A bare `naltrexone-dose` is not on the PATH after the setup: the README writes the path."""
    for lines in shell_blocks(README):
        for line in lines:
            command = line.removeprefix("$ ")
            if line.startswith("$ ") or "naltrexone-dose" in command.split("#")[0].split()[:1]:
                assert command.startswith(COMMAND + " ") or command.startswith("bash scripts/"), line
    assert len(EXAMPLES) >= 10


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the printed lines fit the shown ones ("..." alone: any lines; inside a line: any text)."""
    if not shown:
        return True
    head, rest = shown[0], shown[1:]
    if head.strip() == "...":
        return any(matches(rest, printed[i:]) for i in range(len(printed) + 1))
    if not printed:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return re.fullmatch(pattern, printed[0]) is not None and matches(rest, printed[1:])


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_the_readme_command_runs_as_written(command, shown, tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",  # the README's examples are written in English
        "XDG_CONFIG_DIRS": str(tmp_path / "no-site-config"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    assert (ROOT / COMMAND).exists(), "the setup (scripts/setup.sh) makes .venv/bin/naltrexone-dose"
    done = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert printed, done.stderr
    assert matches(shown, printed), "\n".join(["shown:", *shown, "", "printed:", *printed])
