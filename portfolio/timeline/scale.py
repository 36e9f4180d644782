"""Where things go on the chart: the colours, the :class:`Zoom`, the :class:`TimeScale` that
maps dates to x and gives the time axis, and the :class:`RowLayout` that maps rows to y."""

from __future__ import annotations

import datetime as dt
import enum
import math
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)

# The chart's colours on screen and on paper (the warning states' are portfolio.alerts').
#: the actual bar and the milestone marks
ACTUAL_COLOUR = "#37474f"
#: the summary bar of a group
GROUP_COLOUR = "#455a64"
#: The ◆/◇ of a 前期手续 or milestone step on a project's line.
STEP_COLOUR = "#7b1fa2"
GROUP_BACKGROUND = "#eceff1"
TODAY_COLOUR = "#e53935"
PERIOD_COLOUR = "#1e88e5"
GRID_COLOUR = "#e6e8eb"
YEAR_GRID_COLOUR = "#c5cad0"


class Zoom(enum.Enum):
    """How much time one pixel holds; ``value`` is the Chinese label of the zoom button."""

    YEAR = "年"
    QUARTER = "季"
    MONTH = "月"

    @property
    def pixels_per_day(self) -> float:
        return PIXELS_PER_DAY[self]

    def zoomed_in(self) -> Zoom:
        order = list(Zoom)
        return order[min(order.index(self) + 1, len(order) - 1)]

    def zoomed_out(self) -> Zoom:
        order = list(Zoom)
        return order[max(order.index(self) - 1, 0)]


#: A year is about 220 px wide at YEAR, a quarter about 140 px at QUARTER, a month 120 px at
#: MONTH: wide enough for the labels of the axis at each zoom.
PIXELS_PER_DAY: dict[Zoom, float] = {Zoom.YEAR: 0.6, Zoom.QUARTER: 1.5, Zoom.MONTH: 4.0}

QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")


@dataclass(frozen=True)
class Tick:
    """One cell of the time axis: from ``x0`` to ``x1``, labelled ``label``."""

    x0: float
    x1: float
    label: str
    start: dt.date


@dataclass(frozen=True)
class Axis:
    """The two bands of the time axis: years above, quarters or months below."""

    major: tuple[Tick, ...]
    minor: tuple[Tick, ...]
    #: x of the thin grid lines (month starts at QUARTER and MONTH, quarter starts at YEAR)
    grid: tuple[float, ...]


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


@dataclass(frozen=True)
class TimeScale:
    """Dates ↔ x: ``x(origin) == 0`` and one day is ``pixels_per_day`` wide."""

    origin: dt.date
    zoom: Zoom = Zoom.QUARTER
    #: a multiplier on the zoom's pixels per day (printing fits a span to the paper)
    stretch: float = 1.0

    @property
    def pixels_per_day(self) -> float:
        return self.zoom.pixels_per_day * self.stretch

    def x(self, day: dt.date) -> float:
        """The left edge of ``day``."""
        return (day - self.origin).days * self.pixels_per_day

    def x_end(self, day: dt.date) -> float:
        """The right edge of ``day`` (where a bar that ends on ``day`` stops)."""
        return self.x(day + ONE_DAY)

    def date_at(self, x: float) -> dt.date:
        """The day drawn at ``x``."""
        return self.origin + dt.timedelta(days=math.floor(x / self.pixels_per_day))

    def axis(self, start: dt.date, end: dt.date) -> Axis:
        """The ticks covering ``start`` … ``end`` (inclusive), aligned on calendar units."""
        major: list[Tick] = []
        for year in range(start.year, end.year + 1):
            first = dt.date(year, 1, 1)
            major.append(Tick(self.x(first), self.x(dt.date(year + 1, 1, 1)), f"{year}年", first))
        minor: list[Tick] = []
        grid: list[float] = []
        if self.zoom is Zoom.MONTH:
            day = _month_start(start)
            while day <= end:
                following = _month_start(day, 1)
                minor.append(Tick(self.x(day), self.x(following), f"{day.month}月", day))
                grid.append(self.x(day))
                day = following
        else:
            day = _quarter_start(start)
            while day <= end:
                following = _month_start(day, 3)
                label = (
                    QUARTER_NAMES[(day.month - 1) // 3] if self.zoom is Zoom.QUARTER
                    else f"Q{(day.month - 1) // 3 + 1}"
                )
                minor.append(Tick(self.x(day), self.x(following), label, day))
                if self.zoom is Zoom.QUARTER:
                    grid.extend(self.x(_month_start(day, m)) for m in range(3))
                else:
                    grid.append(self.x(day))
                day = following
        return Axis(tuple(major), tuple(minor), tuple(grid))


# --- vertical layout ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowLayout:
    """Where things go inside a line of height ``height``; rows are stacked from y = 0."""

    height: float = 24.0

    def top(self, row: int) -> float:
        return row * self.height

    def row_at(self, y: float) -> int:
        return math.floor(y / self.height)

    def visible(self, y: float, viewport_height: float, count: int) -> range:
        """The rows that intersect the band ``y`` … ``y + viewport_height``."""
        if count <= 0 or viewport_height <= 0:
            return range(0)
        first = max(0, self.row_at(y))
        last = min(count - 1, math.ceil((y + viewport_height) / self.height) - 1)
        return range(first, last + 1) if first <= last else range(0)

    def planned_band(self, row: int) -> tuple[float, float]:
        """(top, height) of the planned bar: the row less a margin above and below."""
        margin = self.height * 0.2
        return self.top(row) + margin, self.height - 2 * margin

    def actual_band(self, row: int) -> tuple[float, float]:
        """(top, height) of the actual bar: a thinner band over the lower half of the planned."""
        top, height = self.planned_band(row)
        return top + height * 0.55, height * 0.45

    def milestone_centre(self, row: int) -> float:
        top, height = self.planned_band(row)
        return top + height / 2
