"""Precautions grouped as the scheme groups them, each with its sources, then the
references in full (citation, DOI, PMID), all selectable and copyable (the HTML is
built by `gui.answer_html`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.accessibility import FocusedBrowser

if TYPE_CHECKING:
    from core.classify import Classification


class PrecautionsView(FocusedBrowser):
    """precautionsView: read-only, selectable; links never open (no network from here)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("precautionsView")
        self.setAccessibleName("Precautions and references")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # The scroll bar stays, so the text is laid out once per answer at one width, not
        # again when a bar appears or goes (after a refusal empties the pane, every answer
        # did both: 3.8 -> 1.6 ms a key, docs/performance.md); and the text never reflows.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._shown = ""

    def show_result(self, result: Classification) -> None:
        """Show the precautions of `result`. Typing within one band gives the same text; it is
        laid out again only when it differs (the comparison is on the full text, so what is
        shown is always exactly this result's)."""
        from gui.answer_html import precautions_html

        html = precautions_html(result)
        if html != self._shown:
            self.setHtml(html)
            self._shown = html

    def clear_result(self) -> None:
        self.clear()
        self._shown = ""
