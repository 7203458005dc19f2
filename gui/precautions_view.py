"""Precautions grouped as the scheme groups them, each with its sources, then the
references in full (citation, DOI, PMID), all selectable and copyable."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from core.classify import Classification
from core.report import cite


def precautions_html(result: Classification) -> str:
    """Grouped precautions and the full references, as escaped HTML."""
    parts: list[str] = [f"<h3>Precautions for {escape(result.band.name)} and for all doses</h3>"]
    group = None
    for p in result.precautions:
        if p.group != group:
            if group is not None:
                parts.append("</ul>")
            group = p.group
            parts.append(f"<h4>{escape(group)}</h4><ul>")
        confidence = "" if p.confidence == "established" else f" <i>({escape(p.confidence)})</i>"
        parts.append(f"<li>{escape(p.text)}{escape(cite(p.refs))}{confidence}</li>")
    if group is not None:
        parts.append("</ul>")
    if result.references:
        parts.append("<h3>References</h3>")
        parts.extend(f"<p><b>[{escape(r.key)}]</b> {escape(r.full)}</p>" for r in result.references)
    return "".join(parts)


class PrecautionsView(QTextBrowser):
    """precautionsView: read-only, selectable; links never open (no network from here)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("precautionsView")
        self.setAccessibleName("Precautions and references")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._shown = ""

    def show_result(self, result: Classification) -> None:
        """Show the precautions of `result`. Typing within one band gives the same text; it is
        laid out again only when it differs (the comparison is on the full text, so what is
        shown is always exactly this result's)."""
        html = precautions_html(result)
        if html != self._shown:
            self.setHtml(html)
            self._shown = html

    def clear_result(self) -> None:
        self.clear()
        self._shown = ""
