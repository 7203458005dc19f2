"""Window benchmarks (not tests), each against a bare PySide6 baseline in the same run.

  start      cold start to the first painted window: ours vs a QApplication with one QLabel
             (--kiosk: `naltrexone-dose --kiosk`, full screen, against the same bare window)
  keystroke  key event in doseInput to band label and bar repainted, vs a QLineEdit echoing into a QLabel
             (--kiosk: the kiosk at 1280x800, each key a tap on its own keypad)
  memory     RSS after start vs the bare window; RSS growth over a soak of classifications
  plain-imports  start with gui.plain_imports and without it (A/B, same run), vs the bare window
  all        all of the above

Run: .venv/bin/python bench/bench_window.py all   (QT_QPA_PLATFORM defaults to offscreen;
set it to xcb with DISPLAY for a real X11 window)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def probe(mode: str) -> dict[str, float]:
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "_window_probe.py"), mode],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def bench_start(runs: int, kiosk: bool = False) -> dict[str, dict[str, float]]:
    # An installed wheel has its bytecode compiled by pip; a checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module at each start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "core", "gui", "resources"], cwd=ROOT, check=True)
    results: dict[str, list[dict[str, float]]] = {"bare": [], "ours": []}
    for _ in range(runs):  # alternate, so machine load hits both alike
        for mode in ("bare", "ours"):
            results[mode].append(probe("ours-kiosk" if kiosk and mode == "ours" else mode))
    summary = {}
    for mode, rows in results.items():
        summary[mode] = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
    b, o = summary["bare"], summary["ours"]
    platform = os.environ["QT_QPA_PLATFORM"]
    name = "naltrexone-dose --kiosk" if kiosk else "naltrexone-dose"
    print(f"start ({platform}, median of {runs}): bare window {b['first_paint_s'] * 1000:.0f} ms, "
          f"{name} {o['first_paint_s'] * 1000:.0f} ms, ratio {o['first_paint_s'] / b['first_paint_s']:.2f} "
          "(target <= 1.3, aim 1.2)")  # fmt: skip
    print(f"ready to answer (scheme read, worked examples passed, units warm): {o['ready_s'] * 1000:.0f} ms "
          f"({o['ready_s'] / b['first_paint_s']:.2f} x the bare window's first paint; target <= 2.0); bands drawn at "
          f"{o['scheme_drawn_s'] * 1000:.0f} ms")  # fmt: skip
    print(f"memory after start: bare {b['rss_after_start_mib']:.1f} MiB, ours {o['rss_after_start_mib']:.1f} MiB, "
          f"+{o['rss_after_start_mib'] - b['rss_after_start_mib']:.1f} MiB (target <= +20); peak bare "
          f"{b['peak_rss_mib']:.1f} MiB, ours {o['peak_rss_mib']:.1f} MiB")  # fmt: skip
    return summary


def bench_plain_imports(runs: int) -> None:
    """Does gui.plain_imports still pay? Ours with it, ours without it, the bare window, alternating."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "core", "gui", "resources"], cwd=ROOT, check=True)
    modes = ("bare", "ours", "ours-hooked")
    rows: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode in modes:
            rows[mode].append(probe(mode))
    med = {mode: {key: statistics.median(r[key] for r in rows[mode]) for key in rows[mode][0]} for mode in modes}
    bare = med["bare"]
    print(f"plain_imports A/B ({os.environ['QT_QPA_PLATFORM']}, median of {runs}; bare window first paint "
          f"{bare['first_paint_s'] * 1000:.0f} ms, RSS {bare['rss_after_start_mib']:.1f} MiB):")  # fmt: skip
    for mode, label in (("ours", "with plain_imports"), ("ours-hooked", "without (PySide6's hook on every import)")):
        o = med[mode]
        paint = o["first_paint_s"]
        print(f"  {label}: first paint {paint * 1000:.0f} ms ({paint / bare['first_paint_s']:.2f}x), "
              f"ready {o['ready_s'] * 1000:.0f} ms ({o['ready_s'] / bare['first_paint_s']:.2f}x), "
              f"RSS at ready +{o['rss_after_start_mib'] - bare['rss_after_start_mib']:.1f} MiB")  # fmt: skip
    gain_ms = (med["ours-hooked"]["ready_s"] - med["ours"]["ready_s"]) * 1000
    gain_mib = med["ours-hooked"]["rss_after_start_mib"] - med["ours"]["rss_after_start_mib"]
    print(f"  plain_imports buys {gain_ms:.0f} ms to ready and {gain_mib:.1f} MiB at ready")


TYPING = ["0.25", "\b\b\b\b", "250", "\b\b\b", "4.5", "\b\b\b", "4,5", "\b\b\b", "50", "\b\b", "100", "\b\b\b",
          "0.001", "\b\b\b\b\b", "300", "\b\b\b", "5", "\b", "2*3", "\b\b\b", "49.99", "\b\b\b\b\b"]  # fmt: skip


def keys(kiosk: bool = False) -> list[str]:
    """The typing, one key a character ("\b": backspace). The kiosk's keypad has digits, its
    separator, backspace and clear only: a word it cannot type ("2*3", "4,5" in en_US) is left
    out with the backspaces that follow it."""
    chunks = list(zip(TYPING[::2], TYPING[1::2], strict=True))
    if kiosk:
        chunks = [(word, back) for word, back in chunks if all(c.isdigit() or c == "." for c in word)]
    return [c for word, back in chunks for c in word + back]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_keystroke(count: int, kiosk: bool = False) -> None:
    from gui.qt_runtime import serial_fills

    serial_fills(os.environ)  # as gui.app does before its QApplication (for the bare echo too: one process)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

    app = QApplication.instance() or QApplication([])

    cpu: dict[str, list[float]] = {"bare": [], "ours": []}

    def drive(
        field: QLineEdit, repaint: list[QWidget], name: str, taps: dict[str, QWidget] | None = None
    ) -> tuple[float, list[float]]:
        """Wall time per key (what the user waits), and this thread's CPU time per key in
        cpu[name] (what the key costs: less moved by other processes on a shared machine).
        With `taps` (the kiosk's keypad: key text -> button) each key is a click on its button."""
        times = []
        sequence = keys(kiosk)
        first = None
        i = 0
        while len(times) < count:
            ch = sequence[i % len(sequence)]
            i += 1
            start, start_cpu = time.perf_counter(), time.thread_time()
            if taps is not None:
                QTest.mouseClick(taps[ch], Qt.MouseButton.LeftButton)
            elif ch == "\b":
                QTest.keyClick(field, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(field, ch)
            for widget in repaint:
                widget.repaint()
            elapsed = time.perf_counter() - start
            if first is None:
                first = elapsed
            else:
                times.append(elapsed)
                cpu[name].append(time.thread_time() - start_cpu)
        return first or 0.0, times

    # Baseline: a bare QLineEdit echoing into a QLabel.
    bare = QWidget()
    layout = QVBoxLayout(bare)
    edit, echo = QLineEdit(), QLabel()
    layout.addWidget(edit)
    layout.addWidget(echo)
    edit.textChanged.connect(echo.setText)
    bare.resize(1280, 760)
    bare.show()
    app.processEvents()
    bare_first, bare_times = drive(edit, [echo], "bare")

    taps = None
    if kiosk:  # as `naltrexone-dose --kiosk` on a 1280x800 ward screen, tapped on its own keypad
        from core.site_config import SiteConfig
        from gui.keypad import BACKSPACE
        from gui.kiosk_window import KioskWindow

        window = KioskWindow(locale="en_US", config=SiteConfig(path=None))
        window.resize(1280, 800)
        taps = {text: button for text, button in window.keypad.buttons.items()}
        taps["\b"] = taps[BACKSPACE]
    else:
        from gui.main_window import MainWindow

        window = MainWindow(locale="en_US")
    window.show()
    app.processEvents()
    field = window.findChild(QLineEdit, "doseInput")
    band = window.findChild(QLabel, "bandLabel")
    bar = window.findChild(QWidget, "doseBar")
    ours_first, ours_times = drive(field, [band, bar], "ours", taps)
    b50, b99 = percentile(bare_times, 0.5) * 1000, percentile(bare_times, 0.99) * 1000
    o50, o99 = percentile(ours_times, 0.5) * 1000, percentile(ours_times, 0.99) * 1000
    how = " (kiosk, tapped on its keypad)" if kiosk else ""
    print(f"keystroke to answer{how} over {count} keys: bare echo p50 {b50:.2f} ms p99 {b99:.2f} ms; "
          f"naltrexone-dose p50 {o50:.2f} ms p99 {o99:.2f} ms; p99 ratio {o99 / b99:.2f} "
          "(target p99 <= 8 ms)")  # fmt: skip
    c50, c99 = percentile(cpu["ours"], 0.5) * 1000, percentile(cpu["ours"], 0.99) * 1000
    print(f"  CPU time of the same keys (this thread): bare echo p99 {percentile(cpu['bare'], 0.99) * 1000:.2f} ms; "
          f"naltrexone-dose p50 {c50:.2f} ms p99 {c99:.2f} ms (target p99 <= 8 ms)")  # fmt: skip
    print(f"first keystroke after start: bare {bare_first * 1000:.2f} ms, naltrexone-dose {ours_first * 1000:.2f} ms")
    window.hide()  # not close(): the kiosk refuses to close without its PIN
    bare.close()


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def bench_soak(count: int) -> None:
    from gui.qt_runtime import serial_fills

    serial_fills(os.environ)  # as gui.app does
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication.instance() or QApplication([])

    def spin() -> None:
        """What the event loop does between keystrokes, deferred deletes included
        (processEvents alone leaves them queued, which looks like a leak)."""
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    from gui.main_window import MainWindow

    window = MainWindow(locale="en_US")
    window.show()
    field = window.findChild(QLineEdit, "doseInput")
    values = ["0.25", "250", "4.5", "50", "100", "0.001", "300", "2*3", "", "49.99", "7", "0.5"]
    for value in values * 50:  # warm up caches, fonts, first allocations
        field.setText(value)
    spin()
    gc.collect()
    before = rss_mib()
    start = time.perf_counter()
    checkpoints = []
    for i in range(count):
        field.setText(values[i % len(values)])
        if i % 100 == 0:
            spin()
        if i and i % (count // 10) == 0:
            checkpoints.append(f"{rss_mib():.1f}")
    spin()
    gc.collect()
    after = rss_mib()
    rate = count / (time.perf_counter() - start)
    print(f"soak: {count} classifications through the window ({rate:,.0f}/s): RSS {before:.1f} -> {after:.1f} MiB, "
          f"growth {after - before:+.2f} MiB (target <= 2); RSS at each tenth: {', '.join(checkpoints)}")  # fmt: skip
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("start", "keystroke", "memory", "plain-imports", "all"))
    parser.add_argument("--runs", type=int, default=11, help="cold starts per variant")
    parser.add_argument("--keys", type=int, default=1000)
    parser.add_argument("--soak", type=int, default=100_000)
    parser.add_argument(
        "--kiosk", action="store_true", help="start, keystroke: the kiosk (--kiosk) instead of the workstation"
    )
    args = parser.parse_args()
    if args.what in ("start", "memory", "all"):
        bench_start(args.runs, kiosk=args.kiosk)
    if args.what == "plain-imports":
        bench_plain_imports(args.runs)
    if args.what in ("keystroke", "all"):
        bench_keystroke(args.keys, kiosk=args.kiosk)
    if args.what in ("memory", "all"):
        bench_soak(args.soak)


if __name__ == "__main__":
    main()
