"""The About box: app version, the scheme in use with its review status, sources, disclaimer."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core.scheme import Scheme


def app_version() -> str:
    try:
        return metadata.version("naltrexone-dose")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def about_html(scheme: Scheme) -> str:
    refs = "".join(f"<p><b>[{escape(r.key)}]</b> {escape(r.full)}</p>" for r in scheme.references)
    return (
        f"<h2>naltrexone-dose {escape(app_version())}</h2>"
        "<p>Which dose band a naltrexone regimen falls in, why, and what to watch for.</p>"
        f"<p><b>{escape(scheme.disclaimer)}</b></p>"
        f"<h3>Scheme</h3><p>{escape(scheme.label)}<br>id {escape(scheme.id)}<br>"
        f"Review: {escape(scheme.review_status)}<br>File: {escape(scheme.path)}<br>"
        f"SHA-256: {escape(scheme.sha256)}</p>"
        f"<h3>Sources</h3>{refs}"
    )


class AboutDialog(QDialog):
    """Modal About box; its text is selectable so a support call can quote it."""

    def __init__(self, scheme: Scheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About naltrexone-dose")
        self.resize(720, 560)
        view = QTextBrowser()
        view.setObjectName("aboutText")
        view.setAccessibleName("About this program")
        view.setOpenLinks(False)
        view.setHtml(about_html(scheme))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
