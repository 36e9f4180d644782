"""Drawing one Gantt line: the single drawing of a project's or a group's bars.

The chart on screen (:mod:`ui.gantt.painter`, through a QPainter), the PDF export (through
ReportLab) and the PNG export (through a QPainter on an image) all draw a line with
:func:`draw_project_row` and :func:`draw_group_row`, so a bar looks the same wherever it is
shown. They draw through :class:`Canvas`, the few shapes a page needs; only the line widths
differ between media (:class:`Pens`): the screen counts in pixels, paper in points.

Geometry comes from :mod:`portfolio.timeline`; this module only turns it into shapes and
colours. Each function returns how many items it drew, so tests can check that the chart
draws the rows on screen and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.timeline import (
    ACTUAL_COLOUR,
    GROUP_COLOUR,
    STEP_COLOUR,
    RowGeometry,
    RowLayout,
)

#: The light fill of a group's summary bar.
GROUP_BAR = "#b0bec5"
TEXT_COLOUR = "#263238"
#: The fill of a planned (hollow) milestone.
HOLLOW = "#ffffff"


class Canvas(Protocol):
    """What a chart is drawn with; y grows downwards, colours are ``#rrggbb``."""

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None: ...

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None: ...

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None: ...

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = TEXT_COLOUR, align: str = "left") -> None: ...

    def clip(self, x: float, y: float, w: float, h: float) -> None: ...

    def unclip(self) -> None: ...


@dataclass(frozen=True)
class Pens:
    """The line widths of one medium, and the narrowest bar it shows (a one-day bar must
    still be seen)."""

    min_width: float
    #: the outline of planned bars and of a group's bar
    outline: float
    #: the outline of ◆/◇ milestones
    milestone: float
    #: the outline of a group bar's end caps; None for none
    cap: float | None


#: On screen, in pixels.
SCREEN = Pens(min_width=1, outline=1, milestone=1.2, cap=1)
#: On paper (PDF and PNG pages), in points.
PAPER = Pens(min_width=0.5, outline=0.5, milestone=0.6, cap=None)


def diamond(x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corners of a ◆ of radius ``r`` around ``(x, y)``."""
    return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]


def draw_project_row(
    canvas: Canvas, geometry: RowGeometry, layout: RowLayout, row: int, state: str,
    pens: Pens, *, dx: float = 0.0, dy: float = 0.0,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A project line: planned bar in the state's light colour, progress fill in the state's
    colour over its upper part, the actual bar over its lower part, then ◆ actual and ◇
    planned milestones (开工, 竣工), then the smaller ◆ done and ◇ planned 前期手续 and
    milestone steps in :data:`~portfolio.timeline.STEP_COLOUR`.

    The geometry is moved by ``dx``, ``dy`` on the canvas; items wholly outside
    ``left``…``right`` (in the geometry's own x) are skipped.
    """
    drawn = 0
    band_top, height = layout.planned_band(row)
    top = dy + band_top
    strong = STATE_COLOURS.get(state, STATE_COLOURS["on_track"])
    light = STATE_BACKGROUNDS.get(state, STATE_BACKGROUNDS["on_track"])
    planned, progress, actual = geometry.planned, geometry.progress, geometry.actual
    if planned is not None and planned.intersects(left, right):
        canvas.rect(dx + planned.x0, top, max(planned.width, pens.min_width), height,
                    fill=light, stroke=strong, width=pens.outline)
        drawn += 1
    if progress is not None and progress.intersects(left, right):
        canvas.rect(dx + progress.x0, top, max(progress.width, pens.min_width), height * 0.55,
                    fill=strong)
        drawn += 1
    if actual is not None and actual.intersects(left, right):
        a_top, a_height = layout.actual_band(row)
        canvas.rect(dx + actual.x0, dy + a_top, max(actual.width, pens.min_width), a_height,
                    fill=ACTUAL_COLOUR)
        drawn += 1
    centre = dy + layout.milestone_centre(row)
    radius = height * 0.42
    for mark in geometry.milestones:
        if left - radius <= mark.x <= right + radius:
            canvas.polygon(diamond(dx + mark.x, centre, radius),
                           fill=ACTUAL_COLOUR if mark.actual else HOLLOW,
                           stroke=ACTUAL_COLOUR, width=pens.milestone)
            drawn += 1
    small = height * 0.3
    for mark in geometry.steps:
        if left - small <= mark.x <= right + small:
            canvas.polygon(diamond(dx + mark.x, centre, small),
                           fill=STEP_COLOUR if mark.actual else HOLLOW,
                           stroke=STEP_COLOUR, width=pens.milestone)
            drawn += 1
    return drawn


def draw_group_row(
    canvas: Canvas, geometry: RowGeometry, layout: RowLayout, row: int, pens: Pens, *,
    dx: float = 0.0, dy: float = 0.0,
    left: float = float("-inf"), right: float = float("inf"),
) -> int:
    """A group's summary line: a dark bracket over the planned hull with its progress, and
    the actual hull as a thin line beneath (moved and culled as :func:`draw_project_row`)."""
    drawn = 0
    band_top, height = layout.planned_band(row)
    top = dy + band_top
    planned, progress, actual = geometry.planned, geometry.progress, geometry.actual
    if planned is not None and planned.intersects(left, right):
        canvas.rect(dx + planned.x0, top, max(planned.width, pens.min_width), height * 0.5,
                    fill=GROUP_BAR, stroke=GROUP_COLOUR, width=pens.outline)
        cap = height * 0.35
        bottom = top + height * 0.5
        for x, direction in ((dx + planned.x0, 1), (dx + planned.x1, -1)):
            canvas.polygon([(x, bottom), (x + direction * cap, bottom), (x, bottom + cap)],
                           fill=GROUP_COLOUR, stroke=GROUP_COLOUR if pens.cap else None,
                           width=pens.cap or 0)
        drawn += 1
    if progress is not None and progress.intersects(left, right):
        canvas.rect(dx + progress.x0, top, max(progress.width, pens.min_width), height * 0.5,
                    fill=GROUP_COLOUR)
        drawn += 1
    if actual is not None and actual.intersects(left, right):
        a_top, a_height = layout.actual_band(row)
        canvas.rect(dx + actual.x0, dy + a_top + a_height * 0.5,
                    max(actual.width, pens.min_width), a_height * 0.5, fill=ACTUAL_COLOUR)
        drawn += 1
    return drawn


__all__ = ["PAPER", "SCREEN", "Canvas", "Pens", "diamond", "draw_group_row",
           "draw_project_row"]
