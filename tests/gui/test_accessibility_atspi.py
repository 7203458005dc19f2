"""The accessibility tree as a screen reader gets it: the window runs as a real X11 app under
Xvfb with a private D-Bus session and the AT-SPI bus (at-spi2-core), and a real AT-SPI
client (pyatspi, run with Debian's python3) reads its tree and listens to its events.

Asserted: every control shown has a name and a role a screen reader can use; the band
label's name carries the band; the bar is a chart that says where the dose is; the
answer is announced (object:announcement) when it changes; focus moves are reported.
scripts/setup.sh installs what this needs (xvfb, dbus-daemon, at-spi2-core, python3-pyatspi).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))
from xvfb import start_xvfb, stop_xvfb  # noqa: E402

SYSTEM_PYTHON = "/usr/bin/python3"
READER = HERE / "atspi_reader.py"
APP = HERE / "atspi_app.py"
APP_NAME = "naltrexone-dose-atspi-test"
#: Roles a user operates; each must have a name.
OPERATED = {"push button", "toggle button", "combo box", "text", "list item", "check box", "radio button", "chart",
            "separator"}  # fmt: skip


def test_the_tools_are_installed():
    """scripts/setup.sh installs them; missing is a failure, not a skip."""
    missing = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True)
    assert not missing and probe.returncode == 0, (missing, probe.stderr)


class Session:
    """Xvfb, a private D-Bus session and its accessibility bus; everything started here is
    stopped by its own id (the bus and what it started share one process group)."""

    def __init__(self, folder: Path) -> None:
        self.server, display = start_xvfb("1280x800", first=61)
        runtime = folder / "xdg"
        runtime.mkdir(mode=0o700)
        self.env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "AT_SPI_BUS_ADDRESS")}
        self.env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            XDG_RUNTIME_DIR=str(runtime),  # the accessibility bus's socket goes here, not in ~/.cache
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            NALTREXONE_DOSE_THEME="light",
        )
        self.bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
            env=self.env,
            start_new_session=True,
        )
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().strip()
        activated = self.reader("activate", timeout=30)
        assert activated.returncode == 0 and activated.stdout.startswith("unix:"), activated.stderr
        self.app: subprocess.Popen[str] | None = None

    def reader(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SYSTEM_PYTHON, str(READER), *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def start_app(self, *args: str) -> None:
        self.app = subprocess.Popen(
            [sys.executable, str(APP), *args],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.app.stdout.readline().strip() == "ready", self.app.stderr.read()

    def send(self, command: str) -> None:
        assert self.app is not None
        self.app.stdin.write(command + "\n")
        self.app.stdin.flush()
        assert self.app.stdout.readline().strip() == "done"

    def stop_app(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.stdin.write("quit\n")
            self.app.stdin.flush()
            try:
                self.app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait(timeout=10)
        self.app = None

    def close(self) -> None:
        self.stop_app()
        try:
            os.killpg(self.bus.pid, signal.SIGTERM)  # the session bus and the a11y bus it activated
        except ProcessLookupError:
            pass
        self.bus.wait(timeout=10)
        stop_xvfb(self.server)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    made = Session(tmp_path_factory.mktemp("atspi"))
    yield made
    made.close()


def walk(node: dict, path: tuple[str, ...] = ()):
    yield node, path
    for child in node["children"]:
        yield from walk(child, (*path, node["role"]))


def tree_of(session: Session) -> dict:
    done = session.reader("tree", APP_NAME, "30")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def shown(tree: dict) -> list[dict]:
    return [node for node, _path in walk(tree) if "showing" in node["states"]]


def by_name(tree: dict, name: str) -> dict:
    """The one node on screen named `name`."""
    found = [node for node in shown(tree) if node["name"] == name]
    assert len(found) == 1, (name, [n["name"] for n in shown(tree)])
    return found[0]


def test_workstation_tree(session):
    session.start_app()
    try:
        tree = tree_of(session)
    finally:
        session.stop_app()
    nodes = shown(tree)
    frame = next(node for node in tree["children"] if node["role"] == "frame")
    assert frame["name"] == "Naltrexone dose band calculator"
    unnamed = [(n["role"], n["description"]) for n in nodes if n["role"] in OPERATED and not n["name"].strip()]
    assert not unnamed, f"controls without a name: {unnamed}"
    unknown = [n["name"] for n in nodes if n["role"] in ("unknown", "invalid") and n.get("actions")]
    assert not unknown, f"controls with no role: {unknown}"
    dose = by_name(tree, "Dose amount")
    assert dose["role"] == "text" and dose["text"] == "4.5" and "focused" in dose["states"]
    assert "focusable" in dose["states"] and "editable" in dose["states"]
    for name in ("Print", "Save as PDF", "About"):
        button = by_name(tree, name)
        assert button["role"] == "push button" and "Press" in button.get("actions", []), button
    copy = by_name(tree, "Copy summary")  # its menu also offers the full record
    assert copy["role"] == "push button" and "has popup" in copy["states"] and "ShowMenu" in copy["actions"]
    assert by_name(tree, "Clear Dose amount")["role"] == "push button"
    combos = {n["name"] for n in nodes if n["role"] == "combo box"}
    assert {"mg", "Tablet or capsule", "Once daily"} <= combos  # a combo box's name is its choice
    band = by_name(tree, "Dose band: Low dose (LDN)")
    assert band["role"] == "label" and band["description"] == "Low dose: 4.5 mg a day on average"
    bar = by_name(tree, "Dose bar")
    assert bar["role"] == "chart" and bar["description"].startswith("4.5 mg a day: Low dose")
    why = by_name(tree, "Why this band")
    assert "4.5 mg a day on average." in why["text"]
    assert "Precautions for Low dose" in by_name(tree, "Precautions and references")["text"]
    scheme = next(n for n in nodes if n["name"].startswith("Scheme in use: Scheme: "))
    assert "version" in scheme["name"]
    assert by_name(tree, "Message")["role"] == "label"  # no message while there is an answer


def test_the_answer_is_announced_when_it_changes(session):
    session.start_app()
    try:
        listener = subprocess.Popen(
            [SYSTEM_PYTHON, str(READER), "listen", APP_NAME, "4"],
            env=session.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert listener.stdout.readline().strip() == "listening", listener.stderr.read()
        time.sleep(0.3)
        session.send("type 0.25")
        session.send("tab")
        out, err = listener.communicate(timeout=30)
    finally:
        session.stop_app()
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    said = [e["data"] for e in events if e["type"] == "object:announcement"]
    # typing 0.25 passes through 0 (refused) and 0.2: only the answer that stays is spoken
    assert said == ["Very low dose (VLDN): 250 mcg (0.25 mg) a day on average."], (events, err)
    renamed = [e["data"] for e in events if e["type"] == "object:property-change:accessible-name"]
    assert "Dose band: Very low dose (VLDN)" in renamed
    focused = [e["name"] for e in events if e["type"] == "object:state-changed:focused" and e["detail1"] == 1]
    assert "mg" in focused  # Tab from the dose reaches the unit, and the reader is told


def test_kiosk_tree(session):
    session.start_app("--kiosk")
    try:
        tree = tree_of(session)
    finally:
        session.stop_app()
    nodes = shown(tree)
    unnamed = [(n["role"], n["description"]) for n in nodes if n["role"] in OPERATED and not n["name"].strip()]
    assert not unnamed, f"controls without a name: {unnamed}"
    corner = by_name(tree, "Staff exit")
    assert corner["role"] == "push button" and "hold" in corner["description"]
    assert by_name(tree, "Dose band: Low dose (LDN)")["role"] == "label"
    keys = {n["name"] for n in nodes if n["role"] == "push button"}
    assert {"7", "0", "Decimal separator", "Delete the last character", "Clear the field"} <= keys
    unit = by_name(tree, "Unit: mg")  # the kiosk's choice buttons: checkable, the chosen one checked
    assert unit["role"] == "check box" and "checked" in unit["states"]
    assert "checked" not in by_name(tree, "Unit: mcg")["states"]
