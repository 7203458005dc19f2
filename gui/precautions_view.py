"""Precautions grouped as the scheme groups them, each with its sources, then the
references in full (citation, DOI, PMID), all selectable and copyable (the HTML is
built by `gui.answer_html`)."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from gui.accessibility import FocusedBrowser

if TYPE_CHECKING:
    from core.classify import Classification

#: Documents of recent answers kept parsed (one per distinct precautions text: per band and
#: form, and the sources cited): typing goes from one band to the next and back, through
#: refusals that empty the pane. With 4, the benchmark's typing (six bands) parsed a text
#: again on 60 keys in 1,000, each one of the slowest keys; a laid-out document is about
#: 80 KiB, and only texts shown are kept.
KEPT_DOCUMENTS = 12


class PrecautionsView(FocusedBrowser):
    """precautionsView: read-only, selectable; links never open (no network from here).

    The precautions depend on the band and form (and the sources cited), and a refusal
    empties the pane, so typing re-shows the same few texts again and again. Each is parsed
    into a QTextDocument once and kept (the last KEPT_DOCUMENTS), keyed by everything
    `gui.answer_html.precautions_html` reads (the band's name, the precautions, the
    references: immutable scheme objects, compared in full) and the pane's font; the HTML
    is built only for a text not kept. Showing one again swaps it in (Qt lays it out again
    at the pane's width, as for any new text). No answer shows the pane's own empty
    document; no kept document is ever edited.
    """

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
        self._blank = self.document()
        self._blank.setParent(self)  # not the text control's: it would delete it when another is shown
        self._kept: OrderedDict[tuple[object, ...], QTextDocument] = OrderedDict()
        self._retired: list[QTextDocument] = []  # forgotten, deleted once no longer shown

    def show_result(self, result: Classification) -> None:
        """Show the precautions of `result`: exactly its text (the key is all it is made of)."""
        key = (*precautions_key(result), self.font().key())
        document = self._kept.get(key)
        if document is not None and document is self.document():
            return
        if document is None or document.defaultFont() != self.font():
            from gui.answer_html import precautions_html

            document = QTextDocument(self)
            document.setUndoRedoEnabled(False)
            document.setDefaultFont(self.font())
            document.setHtml(precautions_html(result))
            # edited by anyone after this (nothing here does): no longer what the key says
            document.contentsChanged.connect(lambda d=document: self._forget(d))
        self._kept.pop(key, None)
        self._kept[key] = document  # the most recent last
        self.setDocument(document)
        while len(self._kept) > KEPT_DOCUMENTS:
            self._forget(next(iter(self._kept.values())))

    def clear_result(self) -> None:
        """No answer: the pane's own empty document (never a stale text)."""
        if self.document() is self._blank and self._blank.isEmpty():
            return  # already empty: not laid out and painted again (typing through refusals)
        if not self._blank.isEmpty():
            self._blank.clear()
        self.setDocument(self._blank)
        self._retire()

    def _forget(self, document: QTextDocument) -> None:
        """Drop `document` from the kept ones; delete it once it is not on screen."""
        for key, kept in list(self._kept.items()):
            if kept is document:
                del self._kept[key]
        self._retired.append(document)
        self._retire()

    def _retire(self) -> None:
        shown = self.document()
        for document in [d for d in self._retired if d is not shown]:
            self._retired.remove(document)
            document.deleteLater()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (the kiosk's, a user's setting) makes every kept document stale."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_kept"):  # not while being built
            for document in list(self._kept.values()):
                self._forget(document)


def precautions_key(result: Classification) -> tuple[object, ...]:
    """Everything `gui.answer_html.precautions_html(result)` reads, and nothing else: two
    results with equal keys have the same precautions text (tests/gui hold the two
    together). Building the key takes about a sixth of building the HTML."""
    # A Ref compares as its key alone ("L"); the place it cites ("L: Pregnancy") is shown too.
    places = tuple(tuple(ref.place for ref in p.refs) for p in result.precautions)
    return (result.band.name, result.precautions, places, result.references)
