"""甘特图: the register's projects on a time line (挂图作战).

Left, a frozen table of project columns; right, the chart. Both show the lines of one
:class:`GanttModel` and share the vertical scroll position, so a line's name and its bar stay
side by side. The register's filter and order, the report period and the selected project are
the context's; this page follows them and selects through them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QActionGroup, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from portfolio.timeline import GROUPINGS, Zoom
from ui.context import AppContext
from ui.gantt.chart import HEADER_HEIGHT, ROW_HEIGHT, GanttChart
from ui.gantt.legend import Legend
from ui.gantt.model import COLUMNS, GanttModel
from ui.widgets.filter_chip import FilterChip

ZOOM_TIPS = {
    Zoom.YEAR: "按年显示（Ctrl+滚轮缩放）",
    Zoom.QUARTER: "按季度显示（Ctrl+滚轮缩放）",
    Zoom.MONTH: "按月显示（Ctrl+滚轮缩放）",
}


class GanttPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = GanttModel(context, self)
        self.chart = GanttChart(self.model, self)
        self.table = self._make_table()
        self.toolbar = self._make_toolbar()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([sum(w for _, _, w in COLUMNS[:3]) + 4, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        self.filter_chip = FilterChip(context, self)
        layout.addWidget(self.filter_chip)
        layout.addWidget(self.splitter, 1)

        table_bar, chart_bar = self.table.verticalScrollBar(), self.chart.verticalScrollBar()
        table_bar.valueChanged.connect(chart_bar.setValue)
        chart_bar.valueChanged.connect(table_bar.setValue)
        self.chart.projectClicked.connect(context.select_project)
        self.chart.projectActivated.connect(context.projectOpened)
        self.chart.zoomChanged.connect(self._show_zoom)
        self.table.selectionModel().currentRowChanged.connect(self._table_current_changed)
        self.table.doubleClicked.connect(self._table_activated)
        self.model.modelReset.connect(self._after_reset)
        context.projectSelected.connect(self.show_project)
        self._show_zoom(self.chart.zoom)
        self._after_reset()
        self.chart.scroll_to_date(self.model.today)

    # --- building ------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("ganttTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(ROW_HEIGHT)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setFixedHeight(HEADER_HEIGHT)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, (_, _, width) in enumerate(COLUMNS):
            header.resizeSection(i, width)
        return table

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("甘特图", self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addWidget(QLabel("缩放："))
        self.zoom_group = QActionGroup(self)
        self.zoom_actions: dict[Zoom, QAction] = {}
        for zoom in Zoom:
            action = QAction(zoom.value, self, checkable=True)
            action.setToolTip(ZOOM_TIPS[zoom])
            action.triggered.connect(lambda _checked=False, z=zoom: self.chart.set_zoom(z))
            self.zoom_group.addAction(action)
            bar.addAction(action)
            self.zoom_actions[zoom] = action
        self.zoom_in_action = QAction("放大", self)
        self.zoom_in_action.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.triggered.connect(lambda: self.chart.zoom_in())
        self.zoom_out_action = QAction("缩小", self)
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(lambda: self.chart.zoom_out())
        for action in (self.zoom_in_action, self.zoom_out_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        bar.addSeparator()
        self.today_action = QAction("今天", self)
        self.today_action.setToolTip("滚动到今天")
        self.today_action.triggered.connect(lambda: self.chart.scroll_to_date(self.model.today))
        bar.addAction(self.today_action)
        bar.addSeparator()
        bar.addWidget(QLabel("分组："))
        self.grouping = QComboBox(self)
        self.grouping.addItem("不分组", None)
        for key, label in GROUPINGS.items():
            self.grouping.addItem(label, key)
        self.grouping.setToolTip("按领域、乡镇或责任单位分组，每组显示汇总条")
        self.grouping.currentIndexChanged.connect(
            lambda _i: self.model.set_grouping(self.grouping.currentData())
        )
        bar.addWidget(self.grouping)
        bar.addSeparator()
        self.export_action = QAction("导出…", self)
        self.export_action.setToolTip("按当前筛选导出甘特图为 PDF（矢量，可多页）或 PNG")
        self.export_action.triggered.connect(self.export)
        bar.addAction(self.export_action)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.legend = Legend(bar)
        bar.addWidget(self.legend)
        return bar

    # --- following the context -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.model.set_active(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_active(False)

    def _show_zoom(self, zoom: Zoom) -> None:
        self.zoom_actions[zoom].setChecked(True)

    def _after_reset(self) -> None:
        self.show_project(self._context.selected_project)

    def show_project(self, project_id: int) -> None:
        """Follow a selection made here or on another page: highlight and scroll to it."""
        row = self.model.row_of(project_id) if project_id >= 0 else -1
        self.chart.set_selected_row(row)
        if row < 0:
            self.table.clearSelection()
            return
        current = self.table.currentIndex()
        if not current.isValid() or current.row() != row:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.chart.ensure_row_visible(row)
        self.chart.ensure_bar_visible(row)

    def _table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        project_id = self.model.project_id(current.row())
        if project_id is not None:
            self._context.select_project(project_id)

    def _table_activated(self, index: QModelIndex) -> None:
        project_id = self.model.project_id(index.row()) if index.isValid() else None
        if project_id is not None:
            self._context.projectOpened.emit(project_id)

    # --- export --------------------------------------------------------------------------

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "导出甘特图", "甘特图.pdf", "PDF 文件 (*.pdf);;PNG 图片 (*.png)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> list[Path]:
        """Write the chart of the current filter, order and grouping to ``path``."""
        from exports.gantt_export import ExportOptions, export_gantt

        options = ExportOptions(
            period=self._context.period, by=self.model.grouping, today=self.model.today,
            sort=self._context.sort[0], descending=self._context.sort[1],
        )
        try:
            written = export_gantt(self._context.db, path, self._context.filter, options)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, "导出甘特图", f"导出失败：{error}")
            return []
        self._context.show_message(
            "已导出甘特图：" + "、".join(str(p) for p in written)
        )
        return written
