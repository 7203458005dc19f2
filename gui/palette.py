"""Light and dark palettes that follow the system, so text stays readable in both.

NALTREXONE_DOSE_THEME=light|dark overrides the system (screenshots, support calls).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEME_ENV = "NALTREXONE_DOSE_THEME"

#: Message colours (UI chrome, not clinical): at least 4.5:1 on the window colour of each theme.
ERROR_TEXT = {"light": "#a1000b", "dark": "#ff9a8f"}


def wanted_theme(app: QApplication) -> str:
    """'light' or 'dark': the override if set, else what the system asks for."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    if forced in ("light", "dark"):
        return forced
    return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def dark_palette() -> QPalette:
    """A dark palette whose text colours keep at least 4.5:1 contrast."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#ececec",
        QPalette.ColorRole.Base: "#1e1e20",
        QPalette.ColorRole.AlternateBase: "#28282b",
        QPalette.ColorRole.Text: "#ececec",
        QPalette.ColorRole.PlaceholderText: "#a6a6a6",
        QPalette.ColorRole.Button: "#3a3a3e",
        QPalette.ColorRole.ButtonText: "#ececec",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3b72c4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.ToolTipBase: "#3a3a3e",
        QPalette.ColorRole.ToolTipText: "#ececec",
        QPalette.ColorRole.Light: "#505055",
        QPalette.ColorRole.Midlight: "#444448",
        QPalette.ColorRole.Mid: "#353538",
        QPalette.ColorRole.Dark: "#1a1a1c",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return p


def apply_theme(app: QApplication) -> str:
    """Set the Fusion style and the palette for the wanted theme; returns the theme."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    theme = wanted_theme(app)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    return theme


def follow_system(app: QApplication) -> None:
    """Re-apply the palette when the system switches between light and dark."""
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (its window colour is dark)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(palette: QPalette) -> str:
    """The message colour that reads well on this palette."""
    return ERROR_TEXT["dark" if is_dark(palette) else "light"]
