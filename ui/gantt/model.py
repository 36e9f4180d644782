"""The Gantt's lines as a Qt table model: the frozen project columns and the chart read it.

On a reload (filter, order, period, grouping or data changed) the model fetches only the
ordered ids (and, when grouping, each id's group key and the groups' summaries). The figures
of a line are read when a view asks for them, a page of :data:`PAGE_SIZE` lines at a time, and
cached, so 10,000 projects cost the lines on screen.

Reading a page costs about the same for 10 lines as for 200 (the figures' SQL aggregates every
report up to the period), so pages are large, and the pages either side of the one just read
are read ahead on a worker thread (:mod:`ui.gantt.page_reader`): scrolling on finds them in the
cache instead of waiting. Tooltips are worded in :mod:`ui.gantt.tooltips`.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from portfolio import projects, timeline
from portfolio.money import format_percent
from portfolio.timeline import GROUP_BACKGROUND, DateSpan, GanttRow, GroupSummary, Line
from ui.context import AppContext
from ui.gantt.page_reader import Courier, PageReader, ReadJob
from ui.gantt.tooltips import date_text, group_tooltip, row_tooltip

PAGE_SIZE = 200
MAX_CACHED_PAGES = 24
#: how long a paint waits for a page already being read ahead (then it reads it itself)
READ_AHEAD_WAIT_S = 2.0

#: (key, title, width) of the frozen columns left of the chart.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("name", "项目名称", 260),
    ("unit", "责任单位", 120),
    ("progress", "占总投资%", 72),
    ("planned_start", "计划开工", 84),
    ("planned_finish", "计划竣工", 84),
)

#: header tool tips: the chart's completion is of the total investment, the grid's of the plan
COLUMN_TIPS = {"progress": "完成%（占总投资）：累计完成投资占总投资的比例。"
                           "月度调度的“占年度计划%”是1—N月完成投资占本年计划投资的比例。"}

_AnyIndex = QModelIndex | QPersistentModelIndex


class GanttModel(QAbstractTableModel):
    """The lines of the chart of ``context.filter`` in ``context.sort`` order."""

    #: emitted after every reload, with the number of lines
    reloaded = Signal(int)

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._by: str | None = None
        self._lines: list[Line] = []
        self._row_of: dict[int, int] | None = None
        self._groups: dict[str, GroupSummary] = {}
        self._sizes: dict[str, int] = {}
        self._pages: OrderedDict[int, dict[int, GanttRow]] = OrderedDict()
        self._span = DateSpan(dt.date.today(), dt.date.today())
        self._today = dt.date.today()
        #: pages read from the database on the interface thread (for tests and the benchmark)
        self.pages_fetched = 0
        #: bumped on every reload, so a page read ahead for old lines is dropped
        self._generation = 0
        self._pending: dict[int, ReadJob] = {}
        self.read_ahead = True
        self._courier = Courier()
        self._courier.loaded.connect(self._page_read)
        self._bold = QFont()
        self._bold.setBold(True)
        #: while inactive (its page hidden) a change only marks the lines out of date
        self._active = True
        self._stale = False
        context.filterChanged.connect(self._changed)
        context.orderChanged.connect(self._changed)
        context.periodChanged.connect(self._changed)
        context.dataChanged.connect(self._changed)
        self.reload()

    # --- loading -------------------------------------------------------------------------

    @property
    def grouping(self) -> str | None:
        return self._by

    def set_grouping(self, by: str | None) -> None:
        if by is not None and by not in timeline.GROUPINGS:
            raise ValueError(by)
        if by != self._by:
            self._by = by
            self.reload()

    def set_today(self, today: dt.date) -> None:
        """Fix "today" (tests and the benchmark draw a known day)."""
        self._today = today
        self.reload()

    @property
    def today(self) -> dt.date:
        return self._today

    def _changed(self, *_args: object) -> None:
        if self._active:
            self.reload()
        else:
            self._stale = True

    def set_active(self, active: bool) -> None:
        """A hidden page's model does not read the database; shown again, it catches up."""
        self._active = active
        if active and self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        context = self._context
        key, descending = context.sort
        period = context.period
        with context.db.session() as session:
            ids = projects.filtered_ids(session, context.filter, key, descending)
            keys = timeline.group_keys(session, context.filter, self._by) if self._by else None
            groups = (
                timeline.group_summaries(session, period, context.filter, self._by)
                if self._by else {}
            )
            span = timeline.date_span(session, context.filter)
        self.beginResetModel()
        self._generation += 1
        self._pending.clear()
        self._lines = timeline.arrange(ids, keys)
        self._row_of = None
        self._groups = groups
        self._sizes = timeline.group_sizes(self._lines)
        self._pages.clear()
        self._span = (span or DateSpan(self._today, self._today)).padded(
            self._today, period.last_day
        )
        self.endResetModel()
        self.reloaded.emit(len(self._lines))

    def _page_ids(self, number: int) -> list[int]:
        lines = self._lines[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        return [line.project_id for line in lines if line.project_id is not None]

    def _store(self, number: int, page: dict[int, GanttRow]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)

    def _page(self, number: int) -> dict[int, GanttRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        job = self._pending.get(number)
        if job is not None and job.done.wait(READ_AHEAD_WAIT_S) and job.rows is not None:
            self._store(number, job.rows)  # being read already: wait rather than read twice
            self._read_ahead(number)
            return job.rows
        with self._context.db.session() as session:
            page = timeline.gantt_rows(session, self._context.period, self._page_ids(number))
        self.pages_fetched += 1
        self._store(number, page)
        self._read_ahead(number)
        return page

    def _read_ahead(self, number: int) -> None:
        """Read the pages either side of ``number`` on a worker thread."""
        if not self.read_ahead:
            return
        last = (len(self._lines) - 1) // PAGE_SIZE
        for neighbour in (number + 1, number - 1):
            if 0 <= neighbour <= last and neighbour not in self._pages \
                    and neighbour not in self._pending:
                job = ReadJob()
                self._pending[neighbour] = job
                QThreadPool.globalInstance().start(PageReader(
                    self._courier, job, self._context.db, self._context.period,
                    self._generation, neighbour, self._page_ids(neighbour),
                ))

    def _page_read(self, generation: int, number: int, rows: dict[int, GanttRow] | None) -> None:
        if generation != self._generation:
            return
        self._pending.pop(number, None)
        if rows is None or number in self._pages:
            return
        self._store(number, rows)
        first = number * PAGE_SIZE
        last = min(len(self._lines), first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def wait_for_read_ahead(self, msecs: int = 5000) -> None:
        """Let the worker threads finish (tests, the benchmark, closing the database)."""
        QThreadPool.globalInstance().waitForDone(msecs)

    def prefetch(self, rows: Iterable[int]) -> None:
        """Make sure the pages holding ``rows`` are read (the chart calls this before it paints)."""
        for number in sorted({row // PAGE_SIZE for row in rows}):
            self._page(number)

    # --- access by line ------------------------------------------------------------------

    @property
    def date_span(self) -> DateSpan:
        """The dates the chart covers: every project's dates, today and the period, whole years."""
        return self._span

    @property
    def period(self):  # type: ignore[no-untyped-def]
        return self._context.period

    def line(self, row: int) -> Line:
        return self._lines[row]

    def line_count(self) -> int:
        return len(self._lines)

    def gantt_row(self, row: int) -> GanttRow | None:
        """The figures of a project line (None for a group line, or a project that vanished)."""
        if not 0 <= row < len(self._lines):
            return None
        project_id = self._lines[row].project_id
        if project_id is None:
            return None
        return self._page(row // PAGE_SIZE).get(project_id)

    def group(self, row: int) -> GroupSummary | None:
        if not 0 <= row < len(self._lines):
            return None
        key = self._lines[row].group
        return None if key is None else self._groups.get(key)

    def project_id(self, row: int) -> int | None:
        if not 0 <= row < len(self._lines):
            return None
        return self._lines[row].project_id

    def row_of(self, project_id: int) -> int:
        """The line showing ``project_id``, or -1."""
        if self._row_of is None:
            self._row_of = {
                line.project_id: i for i, line in enumerate(self._lines)
                if line.project_id is not None
            }
        return self._row_of.get(project_id, -1)

    @property
    def cached_pages(self) -> list[int]:
        return sorted(self._pages)

    def tooltip(self, row: int) -> str:
        label = self._context.period.range_label
        summary = self.group(row)
        if summary is not None:
            return group_tooltip(summary, label)
        data = self.gantt_row(row)
        return row_tooltip(data, label) if data is not None else ""

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][1]
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and 0 <= section < len(COLUMNS)):
            return COLUMN_TIPS.get(COLUMNS[section][0])
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = index.row(), COLUMNS[index.column()][0]
        summary = self.group(row)
        line = self._lines[row]
        if line.is_group:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._group_cell(line, summary, key)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(GROUP_BACKGROUND))
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tooltip(row)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            data = self.gantt_row(row)
            if data is None:
                return None
            f = data.figures
            if key == "name":
                return f.name
            if key == "unit":
                return f.unit
            if key == "planned_start":
                return date_text(f.planned_start)
            if key == "planned_finish":
                return date_text(f.planned_finish)
            if key == "progress":
                return format_percent(data.progress * 100) if f.total_investment else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        elif role == Qt.ItemDataRole.TextAlignmentRole and key == "progress":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _group_cell(self, line: Line, summary: GroupSummary | None, key: str) -> str | None:
        if summary is None:
            by = self._by or "category"
            return timeline.group_label(by, line.group or "") if key == "name" else None
        if key == "name":
            return f"{summary.label}（{self._sizes.get(line.group or '', 0)}个）"
        if key == "planned_start":
            return date_text(summary.planned_start)
        if key == "planned_finish":
            return date_text(summary.planned_finish)
        if key == "progress":
            return format_percent(summary.progress * 100) if summary.total_investment else ""
        return None
