"""The Gantt chart's geometry and data, without Qt (the widget, the PNG and the PDF share it).

- :class:`TimeScale` maps dates to x (pixels or points) at a :class:`Zoom` (pixels per day),
  and gives the time axis (:meth:`TimeScale.axis`).
- :func:`row_geometry` places one project's planned bar, actual bar, progress fill and
  milestones (开工 / 竣工) on the scale; :func:`group_geometry` does the same for a group's
  summary bar. Vertical placement is :class:`RowLayout`.
- :func:`arrange` turns the register's ordered ids into the chart's lines, with one summary line
  before each group when grouping by 领域, 乡镇 or 责任单位.
- The data functions read what the chart draws: :func:`gantt_rows` (the figures and warning
  state of the rows on screen), :func:`group_keys`, :func:`group_summaries` and
  :func:`date_span`; each is one or two SQL queries.

A bar is drawn from the morning of its first day to the evening of its last day, so a finish
date ``d`` ends at ``x(d + 1 day)``.

Modules: ``scale`` (zoom, time axis, row layout, colours), ``bars`` (one project's line),
``grouping`` (group lines and summary bars), ``chart_data`` (the reads). Callers import
from here.
"""

from portfolio.timeline.bars import (
    GanttRow,
    Milestone,
    RowGeometry,
    Span,
    row_geometry,
    span_of,
)
from portfolio.timeline.chart_data import (
    DateSpan,
    GanttData,
    date_span,
    gantt_rows,
    group_keys,
    group_summaries,
    load_chart,
)
from portfolio.timeline.grouping import (
    GROUPINGS,
    GroupSummary,
    Line,
    arrange,
    group_geometry,
    group_label,
    group_sizes,
)
from portfolio.timeline.scale import (
    ACTUAL_COLOUR,
    GRID_COLOUR,
    GROUP_BACKGROUND,
    GROUP_COLOUR,
    ONE_DAY,
    PERIOD_COLOUR,
    PIXELS_PER_DAY,
    QUARTER_NAMES,
    STEP_COLOUR,
    TODAY_COLOUR,
    YEAR_GRID_COLOUR,
    Axis,
    RowLayout,
    Tick,
    TimeScale,
    Zoom,
)

__all__ = [
    "ACTUAL_COLOUR",
    "GRID_COLOUR",
    "GROUPINGS",
    "GROUP_BACKGROUND",
    "GROUP_COLOUR",
    "ONE_DAY",
    "PERIOD_COLOUR",
    "PIXELS_PER_DAY",
    "QUARTER_NAMES",
    "STEP_COLOUR",
    "TODAY_COLOUR",
    "YEAR_GRID_COLOUR",
    "Axis",
    "DateSpan",
    "GanttData",
    "GanttRow",
    "GroupSummary",
    "Line",
    "Milestone",
    "RowGeometry",
    "RowLayout",
    "Span",
    "Tick",
    "TimeScale",
    "Zoom",
    "arrange",
    "date_span",
    "gantt_rows",
    "group_geometry",
    "group_keys",
    "group_label",
    "group_sizes",
    "group_summaries",
    "load_chart",
    "row_geometry",
    "span_of",
]
