"""Drawing one Gantt line with a QPainter: shared by the chart widget and the PNG export.

Geometry comes from :mod:`portfolio.timeline`; this module only turns it into shapes and
colours. Each function returns how many items it drew, so tests can check that the chart
draws the rows on screen and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.timeline import (
    ACTUAL_COLOUR,
    GRID_COLOUR,
    GROUP_BACKGROUND,
    GROUP_COLOUR,
    YEAR_GRID_COLOUR,
    Axis,
    Milestone,
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


def _diamond(centre_x: float, centre_y: float, radius: float) -> QPolygonF:
    return QPolygonF([
        QPointF(centre_x, centre_y - radius), QPointF(centre_x + radius, centre_y),
        QPointF(centre_x, centre_y + radius), QPointF(centre_x - radius, centre_y),
    ])


def draw_milestone(painter: QPainter, mark: Milestone, centre_y: float, radius: float) -> None:
    """◆ for an actual 开工/竣工, ◇ for a planned one."""
    painter.setPen(QPen(colour(ACTUAL_COLOUR), 1.2))
    painter.setBrush(QBrush(colour(ACTUAL_COLOUR)) if mark.actual else QBrush(Qt.GlobalColor.white))
    painter.drawPolygon(_diamond(mark.x, centre_y, radius))


def draw_project(
    painter: QPainter, geometry: RowGeometry, layout: RowLayout, row: int, state: str,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A project line: planned bar in the state's light colour, progress fill in the state's
    colour over its upper part, the actual bar over its lower part, then the milestones.
    Items wholly outside ``left``…``right`` are skipped."""
    drawn = 0
    top, height = layout.planned_band(row)
    strong = colour(STATE_COLOURS.get(state, STATE_COLOURS["on_track"]))
    light = colour(STATE_BACKGROUNDS.get(state, STATE_BACKGROUNDS["on_track"]))
    if geometry.planned is not None and geometry.planned.intersects(left, right):
        painter.setPen(QPen(strong, 1))
        painter.setBrush(QBrush(light))
        painter.drawRect(QRectF(geometry.planned.x0, top, max(geometry.planned.width, 1), height))
        drawn += 1
    if geometry.progress is not None and geometry.progress.intersects(left, right):
        painter.fillRect(
            QRectF(geometry.progress.x0, top, max(geometry.progress.width, 1), height * 0.55),
            strong,
        )
        drawn += 1
    if geometry.actual is not None and geometry.actual.intersects(left, right):
        a_top, a_height = layout.actual_band(row)
        painter.fillRect(
            QRectF(geometry.actual.x0, a_top, max(geometry.actual.width, 1), a_height),
            colour(ACTUAL_COLOUR),
        )
        drawn += 1
    centre = layout.milestone_centre(row)
    radius = height * 0.42
    for mark in geometry.milestones:
        if left - radius <= mark.x <= right + radius:
            draw_milestone(painter, mark, centre, radius)
            drawn += 1
    return drawn


def draw_group(
    painter: QPainter, geometry: RowGeometry, layout: RowLayout, row: int,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A group's summary bar: a dark bracket over the planned hull with its progress, and the
    actual hull as a thin line beneath."""
    drawn = 0
    top, height = layout.planned_band(row)
    dark = colour(GROUP_COLOUR)
    if geometry.planned is not None and geometry.planned.intersects(left, right):
        span = geometry.planned
        bar = QRectF(span.x0, top, max(span.width, 1), height * 0.5)
        painter.setPen(QPen(dark, 1))
        painter.setBrush(QBrush(colour("#b0bec5")))
        painter.drawRect(bar)
        cap = height * 0.35
        painter.setBrush(QBrush(dark))
        for x, direction in ((span.x0, 1), (span.x1, -1)):
            painter.drawPolygon(QPolygonF([
                QPointF(x, bar.bottom()), QPointF(x + direction * cap, bar.bottom()),
                QPointF(x, bar.bottom() + cap),
            ]))
        drawn += 1
        if geometry.progress is not None:
            painter.fillRect(
                QRectF(geometry.progress.x0, top, max(geometry.progress.width, 1),
                       height * 0.5), dark,
            )
            drawn += 1
    if geometry.actual is not None and geometry.actual.intersects(left, right):
        a_top, a_height = layout.actual_band(row)
        painter.fillRect(
            QRectF(geometry.actual.x0, a_top + a_height * 0.5, max(geometry.actual.width, 1),
                   a_height * 0.5),
            colour(ACTUAL_COLOUR),
        )
        drawn += 1
    return drawn


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
