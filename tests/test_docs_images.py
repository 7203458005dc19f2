"""The README and docs/ show only images that exist, and docs/screenshots/ holds exactly the
set scripts/screenshots.py makes: every mode of both windows at every size in both themes,
and the record's pages, with nothing left over from an older set."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
#: Markdown images, HTML images and the screenshot paths named in docs' tables (in backticks;
#: a bare file name in prose, such as the naming pattern, is not a reference).
IMAGE = re.compile(
    r"!\[[^\]]*\]\(([^)\s]+)\)"  # ![text](path)
    r"|<img [^>]*src=\"([^\"]+)\""
    r"|`([^`\s]*screenshots/[^`\s]+\.(?:png|jpg|svg))`"
)


def _screenshots_script():
    spec = importlib.util.spec_from_file_location("screenshots_script", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_image_the_docs_show_exists():
    named: list[tuple[str, str]] = []
    missing: list[str] = []
    for document in _documents():
        for match in IMAGE.finditer(document.read_text(encoding="utf-8")):
            target = next(group for group in match.groups() if group)
            if "://" in target:
                continue
            named.append((document.name, target))
            if not (document.parent / target).is_file():
                missing.append(f"{document.relative_to(ROOT)} shows {target}, which does not exist")
    assert len(named) >= 5, named  # the pattern still finds the README's and kiosk.md's images
    assert not missing, "\n".join(missing)


def test_the_screenshot_set_is_complete_and_current():
    script = _screenshots_script()
    shots = script.plan(list(script.SIZES), list(script.THEMES))
    assert len(shots) == 4 * 2 * (6 + 8)
    expected = {script.file_name(*shot) for shot in shots}
    present = {path.name for path in SHOTS.glob("*.png")}
    records = {name for name in present if name.startswith("record-")}
    assert records, "the record's pages (record-*.png) are missing"
    assert not expected - present, f"not made yet: {sorted(expected - present)}"
    assert not present - expected - records, f"left over from an older set: {sorted(present - expected - records)}"


def test_the_screenshots_show_every_state_the_tests_reach():
    """The script's modes are the states of tests/gui/states.py (bar the start-up one), so a
    new state gets its screenshots too."""
    script = _screenshots_script()
    spec = importlib.util.spec_from_file_location("gui_states", ROOT / "tests" / "gui" / "states.py")
    states = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(states)
    assert script.WORKSTATION_MODES == tuple(s for s in states.STATES if s != "starting")
    assert script.KIOSK_MODES == tuple(s for s in states.KIOSK_STATES if s != "starting")


def test_every_local_link_in_the_docs_leads_to_a_file():
    link = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
    dead: list[str] = []
    for document in _documents():
        for match in link.finditer(document.read_text(encoding="utf-8")):
            target = match.group(1).split("#", 1)[0]
            if not target or "://" in target or target.startswith("mailto:"):
                continue
            if not (document.parent / target).exists():
                dead.append(f"{document.relative_to(ROOT)} links to {target}, which does not exist")
    assert not dead, "\n".join(dead)


def test_the_screenshot_scripts_import_names_that_exist():
    """The screenshot scripts run outside CI (they need Xvfb), so a renamed module or function
    would break them unseen: every name they import from core and gui must exist."""
    import ast
    import importlib

    missing: list[str] = []
    for script in ("screenshots.py", "record_samples.py", "kiosk_screenshots.py"):
        tree = ast.parse((ROOT / "scripts" / script).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("core", "gui"):
                module = importlib.import_module(node.module)
                missing += [f"{script}: {node.module}.{a.name}" for a in node.names if not hasattr(module, a.name)]
    assert not missing, "\n".join(missing)
