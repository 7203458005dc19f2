"""`check` and `verify` read the site configuration as the window does (issue 15): `--config`
or the default location; its scheme and locale apply; `--scheme` and `--locale` on the
command line win; a configuration that is missing or refused ends with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.scheme_loader import bundled_path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, xdg: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LC_ALL", "LC_NUMERIC")}
    env["LANG"] = "C.UTF-8"
    env["XDG_CONFIG_DIRS"] = str(xdg) if xdg else "/nonexistent-xdg"
    return subprocess.run(
        [sys.executable, "-m", "core.cli", *args], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site configuration naming a site scheme (its id changed, so it can be told apart) and de_DE."""
    text = bundled_path().read_text(encoding="utf-8")
    (tmp_path / "ward.toml").write_text(text.replace('id = "toljan-vrooman-2018-extended"', 'id = "ward-7"'))
    config = tmp_path / "config.toml"
    config.write_text("[scheme]\npath = 'ward.toml'\n[display]\nlocale = 'de_DE'\n", encoding="utf-8")
    return config


def test_a_missing_configuration_is_refused_with_exit_2():
    done = run("--config", "/nonexistent", "check", "4.5 mg")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "naltrexone-dose: refused: /nonexistent: no such configuration file\n"


def test_check_answers_from_the_configured_scheme_and_locale(site):
    done = run("--config", str(site), "check", "4,5 mg", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["scheme"]["id"] == "ward-7" and answer["band"] == "ldn" and answer["daily_dose_mg"] == "4.5"


def test_the_command_line_wins_over_the_configuration(site):
    done = run("--config", str(site), "check", "4.5 mg", "--locale", "en_US", "--scheme", str(bundled_path()), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["scheme"]["id"] == "toljan-vrooman-2018-extended" and answer["daily_dose_mg"] == "4.5"
    top = run("--config", str(site), "--locale", "en_US", "check", "4.5 mg", "--json")
    assert top.returncode == 0 and json.loads(top.stdout)["scheme"]["id"] == "ward-7"


def test_the_default_location_is_read_when_there_is_no_config_option(site, tmp_path):
    xdg = tmp_path / "xdg"
    (xdg / "naltrexone-dose").mkdir(parents=True)
    text = site.read_text().replace("ward.toml", str(site.parent / "ward.toml"))
    (xdg / "naltrexone-dose" / "config.toml").write_text(text)
    done = run("check", "4,5 mg", "--json", xdg=xdg)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scheme"]["id"] == "ward-7"


def test_a_refused_configuration_stops_check_and_verify(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nidle_reset_second = 30\n", encoding="utf-8")
    for args in (("check", "4.5 mg"), ("verify",)):
        done = run("--config", str(config), *args)
        assert done.returncode == 2 and done.stdout == "", args
        assert done.stderr.count("\n") == 1 and "[kiosk] idle_reset_second: unknown key" in done.stderr


def test_verify_checks_the_configured_scheme(site):
    done = run("--config", str(site), "verify")
    assert done.returncode == 0, done.stderr
    assert "Scheme: ward-7" in done.stdout and f"File: {site.parent / 'ward.toml'}" in done.stdout


def test_a_scheme_the_configuration_names_is_refused_naming_both(site):
    (site.parent / "ward.toml").write_text("[scheme]\nid = \n", encoding="utf-8")
    done = run("--config", str(site), "check", "4,5 mg")
    assert done.returncode == 2
    assert f"{site}: [scheme] path: the scheme is refused: {site.parent / 'ward.toml'}" in done.stderr
