"""The answer in words: the band as a large coloured chip with its name, and why.

Every text comes from the Classification (and so from the scheme); this module only
lays it out (the HTML is built by `gui.answer_html`, imported with the first answer so
that the window paints before core is loaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from gui.accessibility import FocusedBrowser, name_with_text

if TYPE_CHECKING:
    from core.classify import Classification

NO_RESULT = "No result"
CAPTION = "Dose band"  # the accessible name is this and the band: "Dose band: Low dose (LDN)"


class ResultPanel:
    """bandLabel (name on the band's colour, `bandId` property) and the explanation.

    Not a widget itself: the window places the two where they read best.
    """

    def __init__(self) -> None:
        self.bandLabel = QLabel(NO_RESULT)
        self.bandLabel.setObjectName("bandLabel")
        self.bandLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.bandLabel.setWordWrap(True)
        self.bandLabel.setAccessibleName(CAPTION)
        self.bandLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bandLabel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.bandLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.bandLabel.setFont(font)
        self.explanationView = FocusedBrowser()
        self.explanationView.setObjectName("explanationView")
        self.explanationView.setAccessibleName("Why this band")
        self.explanationView.setOpenLinks(False)
        self.explanationView.setOpenExternalLinks(False)
        # laid out once per keystroke, not again when a scroll bar comes or goes (as the precautions)
        self.explanationView.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.clear()

    def _set_chip_style(self, sheet: str) -> None:
        """Qt re-polishes a widget on every setStyleSheet, even an identical one: the chip's
        sheet is set only when it differs from the one it has (it is a function of the band's
        colours only, so the comparison is on everything it depends on)."""
        if self.bandLabel.styleSheet() != sheet:
            self.bandLabel.setStyleSheet(sheet)

    def restyle(self) -> None:
        """Polish the chip again against the palette of the moment (its sheet names
        palette roles): the window calls this when its palette changes."""
        self.bandLabel.setStyleSheet(self.bandLabel.styleSheet())

    def show_result(self, result: Classification) -> None:
        band = result.band
        self.bandLabel.setText(band.heading)
        self.bandLabel.setProperty("bandId", band.id)
        self._set_chip_style(
            f"QLabel#bandLabel {{ background-color: {band.colour}; color: {band.text_colour};"
            " border: 1px solid palette(window-text); border-radius: 6px; padding: 8px 14px; }"
        )
        name_with_text(self.bandLabel, CAPTION)
        self.bandLabel.setAccessibleDescription(f"{band.name}: {result.dose_text}")
        from gui.answer_html import explanation_html

        self.explanationView.setHtml(explanation_html(result))

    def clear(self, hint: str = "") -> None:
        """No answer: neutral label, empty explanation (never a stale one)."""
        self.bandLabel.setText(NO_RESULT)
        self.bandLabel.setProperty("bandId", "")
        self._set_chip_style(
            "QLabel#bandLabel { color: palette(window-text); border: 1px dashed palette(mid);"
            " border-radius: 6px; padding: 8px 14px; }"
        )
        name_with_text(self.bandLabel, CAPTION)
        self.bandLabel.setAccessibleDescription(hint or NO_RESULT)
        if not self.explanationView.document().isEmpty():  # already empty: not laid out and painted again
            self.explanationView.clear()
