"""The answer in words: the band as a large coloured chip with its name, and why.

Every text comes from the Classification (and so from the scheme); this module only
lays it out. User text never reaches rich text unescaped.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser

from core.classify import Classification
from core.report import cite

NO_RESULT = "No result"


def explanation_html(result: Classification, disclaimer: bool = True) -> str:
    """The plain sentences under the band name, as escaped HTML paragraphs."""
    band = result.band
    parts = [f"<p style='font-size:large'><b>{escape(result.dose_text[:1].upper() + result.dose_text[1:])}.</b></p>"]
    parts.append(f"<p>{escape(band.description)}</p>")
    parts.append(f"<p><b>Why this band:</b> {escape(result.reason)}{escape(cite(result.bounds_refs))}</p>")
    if result.position:
        parts.append(f"<p><b>Against its neighbours:</b> {escape('; '.join(result.position))}.</p>")
    for note in result.notes:
        parts.append(f"<p><b>Note:</b> {escape(note.text)}{escape(cite(note.refs))}</p>")
    if result.naming:
        parts.append("<p><b>How other sources name this dose:</b></p><ul>")
        parts.extend(f"<li>{escape(n.text)}{escape(cite(n.refs))}</li>" for n in result.naming)
        parts.append("</ul>")
    if band.mechanism:
        parts.append(
            f"<p><b>Mechanism ({escape(band.mechanism_status)}):</b> {escape(band.mechanism)}"
            f"{escape(cite(band.mechanism_refs))}</p>"
        )
    if disclaimer:
        parts.append(f"<p><i>{escape(result.scheme.disclaimer)}</i></p>")
    return "".join(parts)


class ResultPanel:
    """bandLabel (name on the band's colour, `bandId` property) and the explanation.

    Not a widget itself: the window places the two where they read best.
    """

    def __init__(self) -> None:
        self.bandLabel = QLabel(NO_RESULT)
        self.bandLabel.setObjectName("bandLabel")
        self.bandLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.bandLabel.setWordWrap(True)
        self.bandLabel.setAccessibleName("Dose band")
        self.bandLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bandLabel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.bandLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.bandLabel.setFont(font)
        self.explanationView = QTextBrowser()
        self.explanationView.setObjectName("explanationView")
        self.explanationView.setAccessibleName("Why this band")
        self.explanationView.setOpenLinks(False)
        self.explanationView.setOpenExternalLinks(False)
        self.clear()

    def show_result(self, result: Classification) -> None:
        band = result.band
        self.bandLabel.setText(f"{band.name} ({band.short_name})")
        self.bandLabel.setProperty("bandId", band.id)
        self.bandLabel.setStyleSheet(
            f"QLabel#bandLabel {{ background-color: {band.colour}; color: {band.text_colour};"
            " border: 1px solid palette(window-text); border-radius: 6px; padding: 8px 14px; }"
        )
        self.bandLabel.setAccessibleDescription(f"{band.name}: {result.dose_text}")
        self.explanationView.setHtml(explanation_html(result))

    def clear(self, hint: str = "") -> None:
        """No answer: neutral label, empty explanation (never a stale one)."""
        self.bandLabel.setText(NO_RESULT)
        self.bandLabel.setProperty("bandId", "")
        self.bandLabel.setStyleSheet(
            "QLabel#bandLabel { color: palette(window-text); border: 1px dashed palette(mid);"
            " border-radius: 6px; padding: 8px 14px; }"
        )
        self.bandLabel.setAccessibleDescription(hint or NO_RESULT)
        self.explanationView.clear()
