"""One page of the Gantt chart on paper: where everything goes (:class:`Sheet`) and how it
is drawn (:func:`draw_page`) on any :class:`~exports.gantt_drawing.Canvas`.

Each page repeats the title, the column headings of the row labels (序号, 项目名称, 责任单位)
and the time axis, then as many lines as fit; the time span of the whole chart is fitted to the
page width, so every page shows the same axis. The bars are drawn as on screen, by
:mod:`exports.gantt_drawing`. Units are points, y grows downwards from the top-left corner;
text is in the reports' hei face of :mod:`exports.fonts`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics

from exports import fonts
from exports.gantt_drawing import (
    HOLLOW,
    PAPER,
    Canvas,
    diamond,
    draw_group_row,
    draw_project_row,
)
from exports.output import ExportError
from portfolio import timeline
from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS, STATE_LABELS
from portfolio.money import format_money
from portfolio.periods import Period
from portfolio.timeline import (
    ACTUAL_COLOUR,
    GRID_COLOUR,
    GROUP_BACKGROUND,
    PERIOD_COLOUR,
    TODAY_COLOUR,
    YEAR_GRID_COLOUR,
    GanttData,
    RowLayout,
    TimeScale,
    Zoom,
    group_geometry,
    row_geometry,
)

PAPERS: dict[str, tuple[float, float]] = {"A3": landscape(A3), "A4": landscape(A4)}

MUTED_COLOUR = "#607d8b"
RULE_COLOUR = "#b0bec5"


@dataclass(frozen=True)
class ExportOptions:
    """What the user chose for one export of the chart."""

    period: Period
    #: group by 'category' / 'township' / 'unit', or None
    by: str | None = None
    sort: str = "id"
    descending: bool = False
    paper: str = "A3"
    today: dt.date | None = None
    title: str | None = None


# --- fonts -------------------------------------------------------------------------------


def register_font() -> str:
    """The ReportLab name of the chart's face: the reports' hei face, registered once."""
    fonts.register()
    return fonts.HEADING


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, register_font(), size)


def clip_text(text: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if text_width(text, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…" if low else ""


# --- the page layout ---------------------------------------------------------------------


@dataclass(frozen=True)
class LabelColumn:
    """One column of row labels left of the chart (序号, 项目名称, 责任单位)."""

    key: str
    title: str
    width: float


@dataclass(frozen=True)
class Sheet:
    """Where everything goes on a page, in points from the top-left corner."""

    width: float
    height: float
    margin: float
    title_height: float
    axis_height: float
    footer_height: float
    row_height: float
    columns: tuple[LabelColumn, ...]
    font_size: float

    @classmethod
    def for_paper(cls, paper: str) -> Sheet:
        if paper not in PAPERS:
            raise ExportError(f"纸张应为 {'、'.join(PAPERS)}，不能是“{paper}”")
        width, height = PAPERS[paper]
        big = paper == "A3"
        columns = (
            LabelColumn("number", "序号", 30 if big else 26),
            LabelColumn("name", "项目名称", 230 if big else 170),
            LabelColumn("unit", "责任单位", 120 if big else 88),
        )
        return cls(width, height, margin=28 if big else 24, title_height=44,
                   axis_height=30, footer_height=18, row_height=15 if big else 13.5,
                   columns=columns, font_size=8 if big else 7)

    @property
    def chart_left(self) -> float:
        return self.margin + sum(c.width for c in self.columns)

    @property
    def chart_right(self) -> float:
        return self.width - self.margin

    @property
    def body_top(self) -> float:
        return self.margin + self.title_height + self.axis_height

    @property
    def rows_per_page(self) -> int:
        room = self.height - self.body_top - self.margin - self.footer_height
        return max(1, math.floor(room / self.row_height))

    def scale(self, span: timeline.DateSpan) -> TimeScale:
        """The span fitted to the chart's width, with the zoom whose axis labels fit."""
        days = (span.last - span.first).days + 1
        per_day = (self.chart_right - self.chart_left) / max(days, 1)
        if per_day * 30 >= 22:
            zoom = Zoom.MONTH
        elif per_day * 91 >= 30:
            zoom = Zoom.QUARTER
        else:
            zoom = Zoom.YEAR
        return TimeScale(span.first, zoom, per_day / zoom.pixels_per_day)


# --- drawing -----------------------------------------------------------------------------


def chart_title(data: GanttData, options: ExportOptions, region: str) -> str:
    if options.title:
        return options.title
    return f"{region}重点项目建设甘特图（{data.period.label}）"


def draw_page(canvas: Canvas, sheet: Sheet, data: GanttData, options: ExportOptions,
              region: str, page: int, pages: int) -> None:
    """Draw page ``page`` (0-based) of ``pages``."""
    m = sheet.margin
    size = sheet.font_size
    # title, summary line and legend
    canvas.text(m, m, sheet.width - 2 * m, 22, chart_title(data, options, region), 15,
                align="center")
    count = sum(1 for line in data.lines if not line.is_group)
    today = options.today or dt.date.today()
    summary = f"共 {count} 个项目　报告期：{data.period.label}　制图日期：{today.isoformat()}"
    if data.by:
        summary += f"　按{timeline.GROUPINGS[data.by]}分组"
    canvas.text(m, m + 24, sheet.width / 2, 16, summary, size, colour=MUTED_COLOUR)
    _legend(canvas, sheet, m + 24)

    scale = sheet.scale(data.span)
    left, right = sheet.chart_left, sheet.chart_right
    axis_top = m + sheet.title_height
    first = page * sheet.rows_per_page
    lines = data.lines[first : first + sheet.rows_per_page]
    body_top = sheet.body_top
    body_bottom = body_top + len(lines) * sheet.row_height

    # column headings (repeated on every page)
    x = m
    canvas.rect(m, axis_top, sheet.chart_right - m, sheet.axis_height, fill="#f5f6f7")
    for column in sheet.columns:
        canvas.text(x + 3, axis_top, column.width - 6, sheet.axis_height, column.title, size)
        x += column.width
    _axis(canvas, sheet, scale, data.span, axis_top, left, right, size)

    layout = RowLayout(sheet.row_height)
    canvas.clip(left, body_top, right - left, body_bottom - body_top)
    for i, line in enumerate(lines):
        if line.is_group:
            canvas.rect(left, body_top + layout.top(i), right - left, sheet.row_height,
                        fill=GROUP_BACKGROUND)
    canvas.unclip()
    for i, line in enumerate(lines):
        if line.is_group:
            canvas.rect(m, body_top + layout.top(i), left - m, sheet.row_height,
                        fill=GROUP_BACKGROUND)
    canvas.clip(left, body_top, right - left, body_bottom - body_top)
    axis = scale.axis(data.span.first, data.span.last)
    for gx in axis.grid:
        canvas.line(left + gx, body_top, left + gx, body_bottom, GRID_COLOUR, width=0.3)
    for tick in axis.major:
        canvas.line(left + tick.x0, body_top, left + tick.x0, body_bottom, YEAR_GRID_COLOUR,
                    width=0.5)
    for i, line in enumerate(lines):
        _bars(canvas, data, line, layout, i, scale, left, body_top)
    for day_x, colour in ((scale.x(today), TODAY_COLOUR),
                          (scale.x_end(data.period.last_day), PERIOD_COLOUR)):
        canvas.line(left + day_x, axis_top + sheet.axis_height / 2, left + day_x, body_bottom,
                    colour, width=0.9, dashed=True)
    canvas.unclip()

    # row labels (repeated on every page)
    number = sum(1 for line in data.lines[:first] if not line.is_group)
    sizes = data.sizes
    for i, line in enumerate(lines):
        top = body_top + layout.top(i)
        if line.is_group:
            key = line.group or ""
            label = f"{timeline.group_label(data.by or 'category', key)}（{sizes.get(key, 0)}个"
            group = data.groups.get(key)
            if group:
                label += f"，总投资{format_money(group.total_investment)}万元"
            canvas.text(m + 3, top, left - m - 6, sheet.row_height,
                        clip_text(label + "）", size, left - m - 6), size)
            continue
        number += 1
        row = data.rows.get(line.project_id or -1)
        cells = {"number": str(number), "name": row.name if row else "",
                 "unit": row.figures.unit if row else ""}
        x = m
        for column in sheet.columns:
            align = "right" if column.key == "number" else "left"
            canvas.text(x + 3, top, column.width - 6, sheet.row_height,
                        clip_text(cells[column.key], size, column.width - 6), size, align=align)
            x += column.width
    # rules
    for i in range(len(lines) + 1):
        y = body_top + i * sheet.row_height
        canvas.line(m, y, right, y, GRID_COLOUR, width=0.3)
    canvas.rect(m, axis_top, right - m, body_bottom - axis_top, stroke=RULE_COLOUR, width=0.6)
    x = m
    for column in sheet.columns:
        x += column.width
        canvas.line(x, axis_top, x, body_top, RULE_COLOUR, width=0.5)
        for i, line in enumerate(lines):
            if not line.is_group or x == left:
                y = body_top + layout.top(i)
                canvas.line(x, y, x, y + sheet.row_height, RULE_COLOUR, width=0.5)
    canvas.text(m, sheet.height - m - sheet.footer_height + 4, sheet.width - 2 * m,
                sheet.footer_height, f"第 {page + 1} 页，共 {pages} 页", size,
                colour=MUTED_COLOUR, align="center")


def _axis(canvas: Canvas, sheet: Sheet, scale: TimeScale, span: timeline.DateSpan,
          top: float, left: float, right: float, size: float) -> None:
    axis = scale.axis(span.first, span.last)
    half = sheet.axis_height / 2
    for band, ticks in ((top, axis.major), (top + half, axis.minor)):
        for tick in ticks:
            x0, x1 = left + max(tick.x0, 0), min(left + tick.x1, right)
            if x1 <= x0:
                continue
            canvas.line(x0, band, x0, band + half, RULE_COLOUR, width=0.4)
            if text_width(tick.label, size) <= x1 - x0 - 2:
                canvas.text(x0, band, x1 - x0, half, tick.label, size, align="center")
    canvas.line(left, top + half, right, top + half, RULE_COLOUR, width=0.4)
    canvas.line(sheet.margin, top + sheet.axis_height, right, top + sheet.axis_height,
                RULE_COLOUR, width=0.6)


def _bars(canvas: Canvas, data: GanttData, line: timeline.Line, layout: RowLayout, i: int,
          scale: TimeScale, left: float, body_top: float) -> None:
    """The bars of line ``i`` of a page, drawn as on screen (:mod:`exports.gantt_drawing`)."""
    if line.is_group:
        group = data.groups.get(line.group or "")
        if group is not None:
            draw_group_row(canvas, group_geometry(group, scale, data.as_of), layout, i, PAPER,
                           dx=left, dy=body_top)
        return
    row = data.rows.get(line.project_id or -1)
    if row is not None:
        geometry = row_geometry(row.figures, row.progress, scale, data.as_of, row.steps)
        draw_project_row(canvas, geometry, layout, i, row.state, PAPER, dx=left, dy=body_top)


def _legend(canvas: Canvas, sheet: Sheet, top: float) -> None:
    size = sheet.font_size
    entries: list[tuple[str, str, str]] = [
        ("state", key, STATE_LABELS[key]) for key in STATE_COLOURS
    ]
    entries += [("actual", ACTUAL_COLOUR, "实际工期"), ("diamond", "fill", "实际开工/竣工"),
                ("diamond", "hollow", "计划开工/竣工"), ("line", TODAY_COLOUR, "今天"),
                ("line", PERIOD_COLOUR, "报告期末")]
    widths = [10 + 3 + text_width(label, size) + 10 for _, _, label in entries]
    x = sheet.width - sheet.margin - sum(widths)
    mid = top + 8
    for (kind, key, label), width in zip(entries, widths, strict=True):
        if kind == "state":
            canvas.rect(x, mid - 4, 10, 8, fill=STATE_BACKGROUNDS[key], stroke=STATE_COLOURS[key])
            canvas.rect(x, mid - 4, 6, 4.4, fill=STATE_COLOURS[key])
        elif kind == "actual":
            canvas.rect(x, mid - 1.5, 10, 3, fill=key)
        elif kind == "diamond":
            canvas.polygon(diamond(x + 5, mid, 4),
                           fill=ACTUAL_COLOUR if key == "fill" else HOLLOW,
                           stroke=ACTUAL_COLOUR)
        else:
            canvas.line(x + 5, mid - 5, x + 5, mid + 5, key, width=0.9, dashed=True)
        canvas.text(x + 13, top, width - 13, 16, label, size)
        x += width
