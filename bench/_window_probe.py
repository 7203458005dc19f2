"""Child process for bench_window.py: start a window, report when it first paints.

Usage: python bench/_window_probe.py ours|bare|ours-hooked|ours-kiosk  (BENCH_T0 = parent's time.time() at spawn)
"ours-hooked" is ours with gui.plain_imports switched off (every import through PySide6's
hook, no sources dropped): the A/B that says whether plain_imports still pays. "ours-kiosk" is
`naltrexone-dose --kiosk` (full screen, the same staged start).
Prints one JSON line: seconds from spawn to the first paint (and, for ours, to the scheme's
bands drawn and to the first answer possible), and RSS once the start-up work is done.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    mode = sys.argv[1]
    t0 = float(os.environ["BENCH_T0"])
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    report: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if "first_paint_s" not in report and event.type() == QEvent.Type.Paint:
                report["first_paint_s"] = time.time() - t0
                if mode == "bare":
                    QTimer.singleShot(0, settle)
            return False

    def settle() -> None:
        app.processEvents()
        report["rss_after_start_mib"] = rss_mib()
        report["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        app.exit(0)  # not quit(): that asks the windows to close, and the kiosk refuses

    # The filter watches the top-level window only: an application-wide Python event
    # filter would be called for every event of every child widget while it is built,
    # which costs a many-widget window tens of milliseconds that a user never pays.
    watcher = FirstPaint()
    if mode == "bare":
        label = QLabel("naltrexone-dose")
        label.resize(1280, 760)
        label.installEventFilter(watcher)
        label.show()
        app.exec()
    else:
        if mode == "ours-hooked":
            import contextlib

            import gui.plain_imports

            gui.plain_imports.plain_imports = contextlib.nullcontext  # before gui.app binds the names
            gui.plain_imports.forget_scanned_sources = lambda: None
        import gui.app

        start, read_scheme, check_scheme = gui.app.start, gui.app.read_scheme, gui.app.check_scheme

        def watched_start(*args: object, **kwargs: object) -> gui.app.Started:
            started = start(*args, **kwargs)  # type: ignore[arg-type]
            if started.widget is not None:
                started.widget.installEventFilter(watcher)
            return started

        def watched_read(started: gui.app.Started) -> gui.app.Started:
            outcome = read_scheme(started)
            report["scheme_drawn_s"] = time.time() - t0
            return outcome

        def watched_check(started: gui.app.Started) -> gui.app.Started:
            """Memory is read once the start-up work after the first paint is done."""
            outcome = check_scheme(started)
            report["ready_s"] = time.time() - t0
            QTimer.singleShot(0, settle)
            return outcome

        # run() looks these names up when it calls them
        gui.app.start, gui.app.read_scheme, gui.app.check_scheme = watched_start, watched_read, watched_check
        gui.app.run(scheme_path=None, kiosk=mode == "ours-kiosk", config_path=None, locale="en_US")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
