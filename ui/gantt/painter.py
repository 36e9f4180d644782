"""The chart widget's drawing with a QPainter: row bands, grid, axis, day lines and notes.

The bars of a line are not drawn here: :func:`draw_project` and :func:`draw_group` hand
them to :mod:`exports.gantt_drawing` (through :class:`exports.gantt_qt.QtCanvas`), the one
drawing the PDF and PNG exports use too, with the screen's line widths. Geometry comes from
:mod:`portfolio.timeline`. Each function returns how many items it drew, so tests can check
that the chart draws the rows on screen and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from exports.gantt_drawing import SCREEN, draw_group_row, draw_project_row
from exports.gantt_qt import QtCanvas
from portfolio.timeline import (
    GRID_COLOUR,
    GROUP_BACKGROUND,
    YEAR_GRID_COLOUR,
    Axis,
    RowGeometry,
    RowLayout,
)

# The chart's colours are portfolio.timeline's, shared with the PNG/PDF export; only the
# selection is the screen's own.
SELECTION_COLOUR = "#cfe3fb"


def colour(hex_text: str) -> QColor:
    return QColor(hex_text)


def draw_row_background(
    painter: QPainter, layout: RowLayout, row: int, left: float, right: float,
    *, selected: bool = False, group: bool = False,
) -> int:
    """The band behind a line: selection, group shading or nothing."""
    if not (selected or group):
        return 0
    fill = SELECTION_COLOUR if selected else GROUP_BACKGROUND
    painter.fillRect(QRectF(left, layout.top(row), right - left, layout.height), colour(fill))
    return 1


def draw_grid(
    painter: QPainter, axis: Axis, top: float, bottom: float, left: float, right: float
) -> int:
    """Vertical grid lines (months or quarters, and years stronger) across ``top``…``bottom``."""
    drawn = 0
    painter.setPen(QPen(colour(GRID_COLOUR), 0))
    for x in axis.grid:
        if left <= x <= right:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            drawn += 1
    painter.setPen(QPen(colour(YEAR_GRID_COLOUR), 0))
    for tick in axis.major:
        if left <= tick.x0 <= right:
            painter.drawLine(QPointF(tick.x0, top), QPointF(tick.x0, bottom))
            drawn += 1
    return drawn


def draw_project(
    painter: QPainter, geometry: RowGeometry, layout: RowLayout, row: int, state: str,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A project line, as :func:`exports.gantt_drawing.draw_project_row` draws it; items
    wholly outside ``left``…``right`` are skipped."""
    return draw_project_row(QtCanvas(painter), geometry, layout, row, state, SCREEN,
                            left=left, right=right)


def draw_group(
    painter: QPainter, geometry: RowGeometry, layout: RowLayout, row: int,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A group's summary line, as :func:`exports.gantt_drawing.draw_group_row` draws it."""
    return draw_group_row(QtCanvas(painter), geometry, layout, row, SCREEN,
                          left=left, right=right)


NO_DATES_TEXT = "未填计划或实际起止日期"


def draw_no_dates(painter: QPainter, layout: RowLayout, row: int, left: float) -> int:
    """A muted note where a project has no date to draw, so an empty line explains itself."""
    painter.setPen(QPen(colour("#9aa0a6")))
    painter.drawText(QRectF(left + 8, layout.top(row), 400, layout.height),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     NO_DATES_TEXT)
    return 1


def draw_day_line(
    painter: QPainter, x: float, top: float, bottom: float, hex_colour: str, *,
    dashed: bool = True,
) -> int:
    pen = QPen(colour(hex_colour), 1.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    return 1


def draw_axis(
    painter: QPainter, axis: Axis, height: float, left: float, right: float,
    font: QFont, *, background: str = "#f5f6f7", line: str = "#c5cad0",
) -> int:
    """The two-band time axis (years above, quarters or months below) in ``0…height``."""
    drawn = 0
    painter.fillRect(QRectF(left, 0, right - left, height), colour(background))
    half = height / 2
    painter.setFont(font)
    for band, ticks in ((0.0, axis.major), (half, axis.minor)):
        for tick in ticks:
            if tick.x1 < left or tick.x0 > right:
                continue
            painter.setPen(QPen(colour(line), 0))
            painter.drawLine(QPointF(tick.x0, band), QPointF(tick.x0, band + half))
            painter.setPen(QPen(colour("#37474f")))
            # the year label stays readable when its year starts left of the view
            x0 = max(tick.x0, left) if band == 0 else tick.x0
            x1 = tick.x1
            if x1 - x0 > 8:
                painter.drawText(
                    QRectF(x0 + 2, band, x1 - x0 - 4, half),
                    Qt.AlignmentFlag.AlignCenter, tick.label,
                )
            drawn += 1
    painter.setPen(QPen(colour(line), 0))
    painter.drawLine(QPointF(left, half), QPointF(right, half))
    painter.drawLine(QPointF(left, height - 0.5), QPointF(right, height - 0.5))
    return drawn
