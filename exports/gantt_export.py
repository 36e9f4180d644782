"""The Gantt chart on paper: a multi-page vector PDF (A3 or A4 landscape) and PNG images.

Each page repeats the title, the column headings of the row labels (序号, 项目名称, 责任单位)
and the time axis, then as many lines as fit; the time span of the whole chart is fitted to the
page width, so every page shows the same axis. The page is laid out once (:class:`Sheet`) and
drawn through a tiny canvas interface by either ReportLab (PDF: vector, in the reports' hei face
of :mod:`exports.fonts`, embedded as a subset) or a QPainter on a QImage (PNG: one image per
page, in the same face).
Geometry is :mod:`portfolio.timeline`'s, as on screen.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics

from db.queries import ProjectFilter
from db.session import Database
from exports import fonts
from exports import settings as report_settings
from exports.output import ExportError, atomic_output
from portfolio import timeline
from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS, STATE_LABELS
from portfolio.money import format_money
from portfolio.periods import Period
from portfolio.timeline import (
    ACTUAL_COLOUR,
    GRID_COLOUR,
    GROUP_BACKGROUND,
    GROUP_COLOUR,
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

GROUP_BAR = "#b0bec5"
TEXT_COLOUR = "#263238"
MUTED_COLOUR = "#607d8b"
RULE_COLOUR = "#b0bec5"
#: the largest picture a PNG page may be (pixels on its long side)
PNG_DPI = 150


@dataclass(frozen=True)
class ExportOptions:
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
class Column:
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
    columns: tuple[Column, ...]
    font_size: float

    @classmethod
    def for_paper(cls, paper: str) -> Sheet:
        if paper not in PAPERS:
            raise ExportError(f"纸张应为 {'、'.join(PAPERS)}，不能是“{paper}”")
        width, height = PAPERS[paper]
        big = paper == "A3"
        columns = (
            Column("number", "序号", 30 if big else 26),
            Column("name", "项目名称", 230 if big else 170),
            Column("unit", "责任单位", 120 if big else 88),
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


class Canvas(Protocol):
    """What a page is drawn with; y grows downwards, units are points."""

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


def _diamond(x: float, y: float, r: float) -> list[tuple[float, float]]:
    return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]


def _title(data: GanttData, options: ExportOptions, region: str) -> str:
    if options.title:
        return options.title
    return f"{region}重点项目建设甘特图（{data.period.label}）"


def draw_page(canvas: Canvas, sheet: Sheet, data: GanttData, options: ExportOptions,
              region: str, page: int, pages: int) -> None:
    """Draw page ``page`` (0-based) of ``pages``."""
    m = sheet.margin
    size = sheet.font_size
    # title, summary line and legend
    canvas.text(m, m, sheet.width - 2 * m, 22, _title(data, options, region), 15,
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
    as_of = data.as_of
    band_top, band_height = layout.planned_band(i)
    top = body_top + band_top
    if line.is_group:
        group = data.groups.get(line.group or "")
        if group is None:
            return
        geometry = group_geometry(group, scale, as_of)
        if geometry.planned is not None:
            p = geometry.planned
            canvas.rect(left + p.x0, top, max(p.width, 0.5), band_height * 0.5, fill=GROUP_BAR,
                        stroke=GROUP_COLOUR)
            cap = band_height * 0.35
            bottom = top + band_height * 0.5
            canvas.polygon([(left + p.x0, bottom), (left + p.x0 + cap, bottom),
                            (left + p.x0, bottom + cap)], fill=GROUP_COLOUR, stroke=None)
            canvas.polygon([(left + p.x1, bottom), (left + p.x1 - cap, bottom),
                            (left + p.x1, bottom + cap)], fill=GROUP_COLOUR, stroke=None)
        if geometry.progress is not None:
            f = geometry.progress
            canvas.rect(left + f.x0, top, max(f.width, 0.5), band_height * 0.5,
                        fill=GROUP_COLOUR)
        if geometry.actual is not None:
            a_top, a_height = layout.actual_band(i)
            a = geometry.actual
            canvas.rect(left + a.x0, body_top + a_top + a_height * 0.5, max(a.width, 0.5),
                        a_height * 0.5, fill=ACTUAL_COLOUR)
        return
    row = data.rows.get(line.project_id or -1)
    if row is None:
        return
    geometry = row_geometry(row.figures, row.progress, scale, as_of)
    strong = STATE_COLOURS.get(row.state, STATE_COLOURS["on_track"])
    light = STATE_BACKGROUNDS.get(row.state, STATE_BACKGROUNDS["on_track"])
    if geometry.planned is not None:
        p = geometry.planned
        canvas.rect(left + p.x0, top, max(p.width, 0.5), band_height, fill=light, stroke=strong)
    if geometry.progress is not None:
        f = geometry.progress
        canvas.rect(left + f.x0, top, max(f.width, 0.5), band_height * 0.55, fill=strong)
    if geometry.actual is not None:
        a_top, a_height = layout.actual_band(i)
        a = geometry.actual
        canvas.rect(left + a.x0, body_top + a_top, max(a.width, 0.5), a_height,
                    fill=ACTUAL_COLOUR)
    centre = body_top + layout.milestone_centre(i)
    radius = band_height * 0.42
    for mark in geometry.milestones:
        canvas.polygon(_diamond(left + mark.x, centre, radius),
                       fill=ACTUAL_COLOUR if mark.actual else "#ffffff", stroke=ACTUAL_COLOUR)


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
            canvas.polygon(_diamond(x + 5, mid, 4),
                           fill=ACTUAL_COLOUR if key == "fill" else "#ffffff",
                           stroke=ACTUAL_COLOUR)
        else:
            canvas.line(x + 5, mid - 5, x + 5, mid + 5, key, width=0.9, dashed=True)
        canvas.text(x + 13, top, width - 13, 16, label, size)
        x += width


# --- ReportLab -----------------------------------------------------------------------------


class PdfCanvas:
    """:class:`Canvas` over a ReportLab canvas (whose y grows upwards)."""

    def __init__(self, pdf, height: float) -> None:  # type: ignore[no-untyped-def]
        from reportlab.lib.colors import HexColor

        self._pdf = pdf
        self._height = height
        self._colour = HexColor
        self._font = register_font()
        self._clipped = False

    def _y(self, y: float) -> float:
        return self._height - y

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None:
        pdf = self._pdf
        if fill:
            pdf.setFillColor(self._colour(fill))
        if stroke:
            pdf.setStrokeColor(self._colour(stroke))
            pdf.setLineWidth(width)
        pdf.rect(x, self._y(y + h), w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None:
        pdf = self._pdf
        pdf.setStrokeColor(self._colour(colour))
        pdf.setLineWidth(width)
        pdf.setDash(3, 2) if dashed else pdf.setDash()
        pdf.line(x1, self._y(y1), x2, self._y(y2))
        if dashed:
            pdf.setDash()

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None:
        pdf = self._pdf
        path = pdf.beginPath()
        path.moveTo(points[0][0], self._y(points[0][1]))
        for x, y in points[1:]:
            path.lineTo(x, self._y(y))
        path.close()
        if fill:
            pdf.setFillColor(self._colour(fill))
        if stroke:
            pdf.setStrokeColor(self._colour(stroke))
            pdf.setLineWidth(width)
        pdf.drawPath(path, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = TEXT_COLOUR, align: str = "left") -> None:
        if not text:
            return
        pdf = self._pdf
        pdf.setFillColor(self._colour(colour))
        pdf.setFont(self._font, size)
        baseline = self._y(y + h / 2 + size * 0.36)
        if align == "center":
            pdf.drawCentredString(x + w / 2, baseline, text)
        elif align == "right":
            pdf.drawRightString(x + w, baseline, text)
        else:
            pdf.drawString(x, baseline, text)

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        pdf = self._pdf
        pdf.saveState()
        path = pdf.beginPath()
        path.rect(x, self._y(y + h), w, h)
        pdf.clipPath(path, stroke=0, fill=0)
        self._clipped = True

    def unclip(self) -> None:
        if self._clipped:
            self._pdf.restoreState()
            self._pdf.setFont(self._font, 8)
            self._clipped = False


def write_pdf(data: GanttData, path: Path, options: ExportOptions, region: str = "") -> Path:
    """The chart as a vector PDF, one page per :attr:`Sheet.rows_per_page` lines."""
    from reportlab.pdfgen.canvas import Canvas as ReportlabCanvas

    sheet = Sheet.for_paper(options.paper)
    pages = max(1, math.ceil(len(data.lines) / sheet.rows_per_page))
    with atomic_output(path) as temporary:
        # the initial font too: otherwise every page names an unembedded Helvetica
        pdf = ReportlabCanvas(str(temporary), pagesize=(sheet.width, sheet.height),
                              initialFontName=register_font(), initialFontSize=sheet.font_size)
        pdf.setTitle(_title(data, options, region))
        pdf.setAuthor(region or "项目库")
        pdf.setCreator("项目库")
        canvas = PdfCanvas(pdf, sheet.height)
        for page in range(pages):
            draw_page(canvas, sheet, data, options, region, page, pages)
            pdf.showPage()
        pdf.save()
    return path


# --- Qt (PNG) ----------------------------------------------------------------------------


class ImageCanvas:
    """:class:`Canvas` over a QPainter whose unit is one point."""

    def __init__(self, painter) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QColor, QFont

        self._p = painter
        self._colour = QColor
        self._font = QFont(_qt_family())

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str | None = None,
             stroke: str | None = None, width: float = 0.5) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QPen

        p = self._p
        p.setPen(QPen(self._colour(stroke), width) if stroke else Qt.PenStyle.NoPen)
        p.setBrush(self._colour(fill) if fill else Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x, y, w, h))

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, *,
             width: float = 0.5, dashed: bool = False) -> None:
        from PySide6.QtCore import QPointF, Qt
        from PySide6.QtGui import QPen

        pen = QPen(self._colour(colour), width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self._p.setPen(pen)
        self._p.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: str | None,
                stroke: str | None, width: float = 0.6) -> None:
        from PySide6.QtCore import QPointF, Qt
        from PySide6.QtGui import QPen, QPolygonF

        p = self._p
        p.setPen(QPen(self._colour(stroke), width) if stroke else Qt.PenStyle.NoPen)
        p.setBrush(self._colour(fill) if fill else Qt.BrushStyle.NoBrush)
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))

    def text(self, x: float, y: float, w: float, h: float, text: str, size: float, *,
             colour: str = TEXT_COLOUR, align: str = "left") -> None:
        from PySide6.QtCore import QRectF, Qt

        if not text:
            return
        flags = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
                 "center": Qt.AlignmentFlag.AlignHCenter}[align]
        self._font.setPointSizeF(size)
        self._p.setFont(self._font)
        self._p.setPen(self._colour(colour))
        self._p.drawText(QRectF(x, y, max(w, 1), h),
                         int(flags | Qt.AlignmentFlag.AlignVCenter), text)

    def clip(self, x: float, y: float, w: float, h: float) -> None:
        from PySide6.QtCore import QRectF

        self._p.save()
        self._p.setClipRect(QRectF(x, y, w, h))

    def unclip(self) -> None:
        self._p.restore()


_family: str | None = None


def _qt_family() -> str:
    """Load the PDF's hei face into Qt (needs a QGuiApplication) and return its family."""
    global _family
    if _family is None:
        from PySide6.QtGui import QFontDatabase

        _body, heading = fonts.register()
        font_id = QFontDatabase.addApplicationFont(str(heading.path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else "WenQuanYi Micro Hei"
    return _family


def _ensure_gui() -> None:
    """PNG drawing needs a QGuiApplication; the command line has none, so make an offscreen one."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _ensure_gui.app = QGuiApplication(["portfolio", "-platform", "offscreen"])  # type: ignore[attr-defined]


def png_paths(path: Path, pages: int) -> list[Path]:
    """``gantt.png`` for one page; ``gantt-1.png`` … ``gantt-N.png`` for several."""
    if pages == 1:
        return [path]
    digits = len(str(pages))
    return [path.with_name(f"{path.stem}-{i + 1:0{digits}d}{path.suffix}") for i in range(pages)]


def write_png(data: GanttData, path: Path, options: ExportOptions, region: str = "",
              dpi: int = PNG_DPI) -> list[Path]:
    """The chart as PNG images, one per page of the PDF layout; returns the files written."""
    _ensure_gui()
    from PySide6.QtGui import QColor, QImage, QPainter

    sheet = Sheet.for_paper(options.paper)
    pages = max(1, math.ceil(len(data.lines) / sheet.rows_per_page))
    factor = dpi / 72
    targets = png_paths(path, pages)
    for page, target in enumerate(targets):
        image = QImage(round(sheet.width * factor), round(sheet.height * factor),
                       QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(72 / 0.0254))  # one point is one pixel before scaling
        image.setDotsPerMeterY(round(72 / 0.0254))
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(factor, factor)
        draw_page(ImageCanvas(painter), sheet, data, options, region, page, pages)
        painter.end()
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        with atomic_output(target) as temporary:
            if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]
                raise ExportError(f"无法写入图片“{target}”")
    return targets


# --- entry point -------------------------------------------------------------------------


def export_gantt(db: Database, path: Path | str, flt: ProjectFilter,
                 options: ExportOptions) -> list[Path]:
    """Write the Gantt of ``flt`` to ``path`` (``.pdf`` or ``.png``); the files written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise ExportError(f"甘特图只能导出为 .pdf 或 .png 文件，不能是“{path.name}”")
    Sheet.for_paper(options.paper)  # refuse a wrong paper before reading anything
    with db.session() as session:
        data = timeline.load_chart(
            session, options.period, flt, sort=options.sort, descending=options.descending,
            by=options.by, today=options.today,
        )
        region = report_settings.load(session).region
    if not data.lines:
        raise ExportError("筛选后没有项目，未导出甘特图")
    if suffix == ".pdf":
        return [write_pdf(data, path, options, region)]
    return write_png(data, path, options, region)
