"""Records of a few answers saved as PDF through the window, for scripts/screenshots.py to
render (pdftoppm) and for a reader to look at: `main(folder)` writes record-*.pdf there."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

#: (file stem, how to reach it in the window): typed and chosen as a user would.
SAMPLES = ("record-vldn-a4", "record-standard-schedule-letter", "record-liquid-a4", "record-injection-a4")


def main(folder: str) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "gui"))
    from PySide6.QtWidgets import QApplication
    from states import dispose, workstation

    from core.verify import load_scheme
    from gui.palette import apply_theme
    from gui.report_output import write_pdf

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    scheme = load_scheme(None)
    when = datetime.datetime(2026, 11, 30, 9, 30)
    for stem, state, locale in (
        ("record-vldn-a4", "band", "en_GB"),
        ("record-standard-schedule-letter", "weekly", "en_US"),
        ("record-liquid-a4", "liquid", "en_GB"),
        ("record-injection-a4", "injection", "en_GB"),
    ):
        window = workstation(scheme, state)
        result = window.result()
        assert result is not None, state
        write_pdf(str(Path(folder) / f"{stem}.pdf"), result, window.inputs_text(), when, locale)
        dispose(window)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
