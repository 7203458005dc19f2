"""The window icon, drawn in code so it needs no file in the package data."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def _pixmap(size: int) -> QPixmap:
    """A marker above three bar segments: the window's dose bar, seen from afar."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f6f78"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)
    for i, colour in enumerate(("#9ecae1", "#41b6a6", "#fdd36b")):
        p.setBrush(QColor(colour))
        p.drawRect(QRectF((10 + i * 15) * s, 40 * s, 14 * s, 12 * s))
    p.setPen(QPen(QColor("#ffffff"), 4 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(32 * s, 12 * s), QPointF(32 * s, 30 * s))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffffff"))
    p.drawPolygon([QPointF(24 * s, 28 * s), QPointF(40 * s, 28 * s), QPointF(32 * s, 38 * s)])
    p.end()
    return pixmap


@cache
def app_icon() -> QIcon:
    """The app's icon at the sizes window managers ask for (drawn once)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_pixmap(size))
    return icon
