"""The Gantt chart widget: a scroll area whose viewport draws only the lines on screen.

The content is ``model.line_count() × ROW_HEIGHT`` pixels high and as wide as the model's date
span at the current zoom; nothing is laid out per project. ``paintEvent`` asks the model for
the lines that intersect the viewport (their page of figures is read on first sight) and draws
those, so a paint costs the same for 100 projects as for 100,000. The time axis is a header
widget in the viewport's top margin, scrolled with the chart.

Mouse: click selects a project, double-click opens it, dragging pans, Ctrl+wheel zooms around
the cursor, Shift+wheel pans in time; the plain wheel scrolls the lines.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from portfolio.timeline import (
    PERIOD_COLOUR,
    TODAY_COLOUR,
    Axis,
    RowLayout,
    TimeScale,
    Zoom,
    group_geometry,
    row_geometry,
)
from ui.gantt import painter as paint
from ui.gantt.model import GanttModel

ROW_HEIGHT = 24
HEADER_HEIGHT = 44
#: blank space after the last day, so the last bar's finish mark is not cut off
RIGHT_MARGIN = 40


@dataclass
class PaintStats:
    """What the last paint drew: the lines it touched and the items (bars, marks, lines)."""

    rows: int = 0
    items: int = 0
    first_row: int = -1
    last_row: int = -1


class TimeHeader(QWidget):
    """The time axis above the chart (years above, quarters or months below)."""

    def __init__(self, chart: GanttChart) -> None:
        super().__init__(chart)
        self._chart = chart
        self.setAutoFillBackground(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        chart = self._chart
        offset = chart.horizontalScrollBar().value()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.translate(-offset, 0)
        left, right = float(offset), float(offset + self.width())
        paint.draw_axis(p, chart.axis(), self.height(), left, right, self.font())
        for x, hex_colour in chart.day_marks():
            if left <= x <= right:
                p.setPen(QPen(QColor(hex_colour), 2))
                p.drawLine(int(x), self.height() - 6, int(x), self.height())
        p.end()


class GanttChart(QAbstractScrollArea):
    #: a project line was clicked (its id)
    projectClicked = Signal(int)
    #: a project line was double-clicked (its id)
    projectActivated = Signal(int)
    zoomChanged = Signal(object)

    def __init__(self, model: GanttModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._layout = RowLayout(ROW_HEIGHT)
        self._zoom = Zoom.QUARTER
        self._scale = TimeScale(model.date_span.first, self._zoom)
        self._axis: Axis | None = None
        self._selected_row = -1
        self._press: QPoint | None = None
        self._press_scroll = (0, 0)
        self._dragging = False
        #: a day to scroll to once the viewport has its real size (see scroll_to_date)
        self._pending_day: tuple[dt.date, float] | None = None
        #: what the last paint drew (tests check that it is only the visible lines)
        self.last_paint = PaintStats()
        self.header = TimeHeader(self)
        self.header.setFixedHeight(HEADER_HEIGHT)
        self.setViewportMargins(0, HEADER_HEIGHT, 0, 0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.viewport().setBackgroundRole(self.viewport().backgroundRole())
        self.setMouseTracking(False)
        model.modelReset.connect(self._relayout)
        model.dataChanged.connect(self.viewport().update)
        self._relayout()

    # --- geometry ------------------------------------------------------------------------

    @property
    def zoom(self) -> Zoom:
        return self._zoom

    @property
    def scale(self) -> TimeScale:
        return self._scale

    def axis(self) -> Axis:
        if self._axis is None:
            span = self._model.date_span
            self._axis = self._scale.axis(span.first, span.last)
        return self._axis

    def content_size(self) -> QSize:
        span = self._model.date_span
        width = math.ceil(self._scale.x_end(span.last)) + RIGHT_MARGIN
        return QSize(width, self._model.line_count() * ROW_HEIGHT)

    def day_marks(self) -> list[tuple[float, str]]:
        """x and colour of the today line and the report-period line (end of the period)."""
        return [
            (self._scale.x(self._model.today), TODAY_COLOUR),
            (self._scale.x_end(self._model.period.last_day), PERIOD_COLOUR),
        ]

    def _relayout(self) -> None:
        """The model or the zoom changed: new scale origin, axis and scroll ranges."""
        self._scale = TimeScale(self._model.date_span.first, self._zoom)
        self._axis = None
        if self._selected_row >= self._model.line_count():
            self._selected_row = -1
        self._update_scroll_ranges()
        self.viewport().update()
        self.header.update()

    def _update_scroll_ranges(self) -> None:
        size = self.content_size()
        view = self.viewport().size()
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setRange(0, max(0, size.width() - view.width()))
        hbar.setPageStep(max(1, view.width()))
        hbar.setSingleStep(40)
        vbar.setRange(0, max(0, size.height() - view.height()))
        vbar.setPageStep(max(1, view.height()))
        vbar.setSingleStep(ROW_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.viewport().geometry()
        self.header.setGeometry(rect.x(), rect.y() - HEADER_HEIGHT, rect.width(), HEADER_HEIGHT)
        self._update_scroll_ranges()
        self._apply_pending_day()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_scroll_ranges()
        self._apply_pending_day()

    def _apply_pending_day(self) -> None:
        if self._pending_day is not None and self.isVisible():
            day, fraction = self._pending_day
            self._pending_day = None
            self.scroll_to_date(day, fraction)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        if dx:
            self.header.update()

    # --- zoom and position ---------------------------------------------------------------

    def set_zoom(self, zoom: Zoom, anchor_x: float | None = None) -> None:
        """Change the zoom, keeping the day under ``anchor_x`` (viewport x; default: the
        middle) where it is on screen."""
        if zoom is self._zoom:
            return
        hbar = self.horizontalScrollBar()
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        days = (hbar.value() + anchor_x) / self._scale.pixels_per_day
        self._zoom = zoom
        self._relayout()
        hbar.setValue(round(days * self._scale.pixels_per_day - anchor_x))
        self.zoomChanged.emit(zoom)

    def zoom_in(self, anchor_x: float | None = None) -> None:
        self.set_zoom(self._zoom.zoomed_in(), anchor_x)

    def zoom_out(self, anchor_x: float | None = None) -> None:
        self.set_zoom(self._zoom.zoomed_out(), anchor_x)

    def scroll_to_date(self, day: dt.date, fraction: float = 0.3) -> None:
        """Scroll so that ``day`` is ``fraction`` of the way across the view (once the view is
        shown, when it is not yet)."""
        if not self.isVisible():
            self._pending_day = (day, fraction)
            return
        self.horizontalScrollBar().setValue(
            round(self._scale.x(day) - self.viewport().width() * fraction)
        )

    def ensure_row_visible(self, row: int) -> None:
        if row < 0:
            return
        vbar = self.verticalScrollBar()
        top = self._layout.top(row)
        height = self.viewport().height()
        if top < vbar.value() or top + ROW_HEIGHT > vbar.value() + height:
            vbar.setValue(round(top - height / 2 + ROW_HEIGHT / 2))

    def ensure_bar_visible(self, row: int) -> None:
        """Scroll in time to the start of a project's bar when none of it is on screen."""
        data = self._model.gantt_row(row)
        if data is None:
            return
        extent = row_geometry(data.figures, data.progress, self._scale,
                              self._model.period.last_day, data.steps).extent()
        hbar = self.horizontalScrollBar()
        if extent is not None and not extent.intersects(
                hbar.value(), hbar.value() + self.viewport().width()):
            hbar.setValue(round(extent.x0 - 40))

    @property
    def selected_row(self) -> int:
        return self._selected_row

    def set_selected_row(self, row: int) -> None:
        if row != self._selected_row:
            self._selected_row = row
            self.viewport().update()

    def row_at(self, y: float) -> int:
        """The line at viewport ``y``, or -1."""
        row = self._layout.row_at(y + self.verticalScrollBar().value())
        return row if 0 <= row < self._model.line_count() else -1

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        viewport = self.viewport()
        x0 = self.horizontalScrollBar().value()
        y0 = self.verticalScrollBar().value()
        width, height = viewport.width(), viewport.height()
        rows = self._layout.visible(y0, height, self._model.line_count())
        self._model.prefetch(rows)
        stats = PaintStats(first_row=rows.start if rows else -1,
                           last_row=rows.stop - 1 if rows else -1)
        p = QPainter(viewport)
        p.fillRect(0, 0, width, height, QColor("white"))
        p.translate(-x0, -y0)
        left, right = float(x0), float(x0 + width)
        layout = self._layout
        for row in rows:
            stats.items += paint.draw_row_background(
                p, layout, row, left, right,
                selected=row == self._selected_row, group=self._model.line(row).is_group,
            )
        stats.items += paint.draw_grid(p, self.axis(), y0, y0 + height, left, right)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        as_of = self._model.period.last_day
        for row in rows:
            summary = self._model.group(row)
            if summary is not None:
                geometry = group_geometry(summary, self._scale, as_of)
                stats.items += paint.draw_group(p, geometry, layout, row, left, right)
            else:
                data = self._model.gantt_row(row)
                if data is None:
                    continue
                geometry = row_geometry(data.figures, data.progress, self._scale, as_of, data.steps)
                if geometry.extent() is None:
                    stats.items += paint.draw_no_dates(p, layout, row, left)
                else:
                    stats.items += paint.draw_project(p, geometry, layout, row, data.state,
                                                      left, right)
            stats.rows += 1
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for x, hex_colour in self.day_marks():
            if left <= x <= right:
                stats.items += paint.draw_day_line(p, x, y0, y0 + height, hex_colour)
        p.end()
        self.last_paint = stats

    # --- mouse ---------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            row = self.row_at(event.pos().y())
            text = self._model.tooltip(row) if row >= 0 else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._press_scroll = (
                self.horizontalScrollBar().value(), self.verticalScrollBar().value()
            )
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position().toPoint() - self._press
            if not self._dragging and delta.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                self.horizontalScrollBar().setValue(self._press_scroll[0] - delta.x())
                self.verticalScrollBar().setValue(self._press_scroll[1] - delta.y())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if self._dragging:
                self.viewport().unsetCursor()
            else:
                row = self.row_at(event.position().y())
                project_id = self._model.project_id(row) if row >= 0 else None
                if project_id is not None:
                    self.set_selected_row(row)
                    self.projectClicked.emit(project_id)
            self._press = None
            self._dragging = False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            row = self.row_at(event.position().y())
            project_id = self._model.project_id(row) if row >= 0 else None
            if project_id is not None:
                self.projectActivated.emit(project_id)
                return
        super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        modifiers = event.modifiers()
        delta = event.angleDelta()
        steps = delta.y() or delta.x()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            if steps > 0:
                self.zoom_in(event.position().x())
            elif steps < 0:
                self.zoom_out(event.position().x())
            event.accept()
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            hbar = self.horizontalScrollBar()
            hbar.setValue(hbar.value() - steps)
            event.accept()
            return
        super().wheelEvent(event)

    # --- for tests and the benchmark -----------------------------------------------------

    def visible_rows(self) -> range:
        return self._layout.visible(
            self.verticalScrollBar().value(), self.viewport().height(), self._model.line_count()
        )

    def bar_rect(self, row: int) -> QRectF | None:
        """The planned bar of ``row`` in viewport coordinates (None when it has none)."""
        data = self._model.gantt_row(row)
        if data is None:
            return None
        geometry = row_geometry(data.figures, data.progress, self._scale,
                                self._model.period.last_day)
        span = geometry.planned or geometry.actual
        if span is None:
            return None
        top, height = self._layout.planned_band(row)
        return QRectF(span.x0 - self.horizontalScrollBar().value(),
                      top - self.verticalScrollBar().value(), span.width, height)
