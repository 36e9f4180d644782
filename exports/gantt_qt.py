"""The Gantt :class:`~exports.gantt_drawing.Canvas` over a QPainter.

One adapter for both QPainter users: the chart widget (:mod:`ui.gantt.painter`, in pixels)
and the PNG export (:mod:`exports.gantt_export`, a painter scaled so one unit is one point).
Importing it loads Qt, so the PDF export and the command line import it only to draw PNGs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF

from exports.gantt_drawing import TEXT_COLOUR

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
          "center": Qt.AlignmentFlag.AlignHCenter}


class QtCanvas:
    """Draws on ``painter``; text in ``font`` (a copy: its size is set per text)."""

    def __init__(self, painter: QPainter, font: QFont | None = None) -> None:
        self._p = painter
        self._given = font
        self._font: QFont | None = None  # copied on the first text: bars need no font

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None:
        p = self._p
        p.setPen(QPen(QColor(stroke), width) if stroke else Qt.PenStyle.NoPen)
        p.setBrush(QColor(fill) if fill else Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x, y, w, h))

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None:
        pen = QPen(QColor(colour), width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self._p.setPen(pen)
        self._p.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None:
        p = self._p
        p.setPen(QPen(QColor(stroke), width) if stroke else Qt.PenStyle.NoPen)
        p.setBrush(QColor(fill) if fill else Qt.BrushStyle.NoBrush)
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = TEXT_COLOUR, align: str = "left") -> None:
        if not text:
            return
        if self._font is None:
            self._font = QFont(self._given if self._given is not None else self._p.font())
        self._font.setPointSizeF(size)
        self._p.setFont(self._font)
        self._p.setPen(QColor(colour))
        self._p.drawText(QRectF(x, y, max(w, 1), h),
                         int(_ALIGN[align] | Qt.AlignmentFlag.AlignVCenter), text)

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        self._p.save()
        self._p.setClipRect(QRectF(x, y, w, h))

    def unclip(self) -> None:
        self._p.restore()


__all__ = ["QtCanvas"]
