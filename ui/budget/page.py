"""投资分析: where the year's money stands, for the register's filter and the report period.

Three charts (plan versus completed by group, the cumulative S-curve with 序时进度, funding
sources) over tables with the same figures, all from :mod:`portfolio.budget` (sums done by the
database), and a table of 资金到位 by source against the plan (:mod:`portfolio.funds`).
The page reads the database again when the filter, the period or the data
change, and only while it is shown: a hidden page just remembers that it is out of date.
"""

from __future__ import annotations

from pathlib import Path

from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from portfolio import budget, funds
from portfolio.budget import BudgetReport
from portfolio.money import format_money
from portfolio.timeline import GROUPINGS
from ui.budget.charts import Chart, CurveChart, FundingChart, PlanChart
from ui.budget.models import (
    CurveTableModel,
    FundingTableModel,
    FundsReceivedModel,
    GroupTableModel,
)
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh
from ui.widgets.filter_chip import FilterChip

#: the width of a saved chart, in pixels
PNG_WIDTH = 1600


def _table(model, parent: QWidget) -> QTableView:  # type: ignore[no-untyped-def]
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    return view


class BudgetPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        #: the charts are drawn when the page is first shown, and again after each change
        self.lazy = LazyRefresh(self, self.refresh, context.filterChanged,
                                context.periodChanged, context.dataChanged)
        self.report: BudgetReport | None = None

        self.plan_chart = PlanChart(self)
        self.curve_chart = CurveChart(self)
        self.funding_chart = FundingChart(self)
        self.charts: dict[str, Chart] = {
            "plan": self.plan_chart, "curve": self.curve_chart, "funding": self.funding_chart,
        }
        self.group_model = GroupTableModel(self)
        self.curve_model = CurveTableModel(self)
        self.funding_model = FundingTableModel(self)
        self.funds_model = FundsReceivedModel(self)

        self.summary = QLabel(self)
        self.summary.setObjectName("budgetSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)

        plan_scroll = QScrollArea(self)
        plan_scroll.setWidgetResizable(True)
        plan_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        plan_scroll.setWidget(self.plan_chart)
        self._plan_scroll = plan_scroll
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.curve_chart)
        right.addWidget(self.funding_chart)
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(plan_scroll)
        charts.addWidget(right)
        charts.setSizes([500, 500])

        self.tables = QTabWidget(self)
        self.group_view = _table(self.group_model, self.tables)
        self.curve_view = _table(self.curve_model, self.tables)
        self.funding_view = _table(self.funding_model, self.tables)
        self.tables.addTab(self.group_view, "分组汇总")
        self.tables.addTab(self.curve_view, "月度累计")
        self.tables.addTab(self.funding_view, "资金来源")
        self.funds_view = _table(self.funds_model, self.tables)
        self.tables.addTab(self.funds_view, "资金到位")

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(charts)
        body.addWidget(self.tables)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self._make_toolbar())
        self.filter_chip = FilterChip(context, self)
        layout.addWidget(self.filter_chip)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)


    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("投资分析", self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addWidget(QLabel("分组："))
        self.grouping = QComboBox(self)
        for key, label in GROUPINGS.items():
            self.grouping.addItem(label, key)
        self.grouping.setToolTip("年度计划与完成投资按领域、乡镇或责任单位汇总")
        self.grouping.currentIndexChanged.connect(lambda _i: self.lazy.mark_stale())
        bar.addWidget(self.grouping)
        bar.addSeparator()
        save = QToolButton(bar)
        save.setText("保存图表为PNG")
        save.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(save)
        for key, chart in self.charts.items():
            action = QAction(chart.title, menu)
            action.triggered.connect(lambda _checked=False, k=key: self._ask_save(k))
            menu.addAction(action)
        save.setMenu(menu)
        bar.addWidget(save)
        return bar

    # --- loading -------------------------------------------------------------------------

    @property
    def grouping_key(self) -> str:
        return str(self.grouping.currentData())

    def set_grouping(self, key: str) -> None:
        index = self.grouping.findData(key)
        if index < 0:
            raise ValueError(key)
        self.grouping.setCurrentIndex(index)

    def refresh(self) -> None:
        """Read the roll-ups again and redraw the charts and tables."""
        context = self._context
        with context.db.session() as session:
            report = budget.report(session, context.period, context.filter, self.grouping_key)
            received = funds.by_source(session, context.period, context.filter)
        self.report = report
        self.lazy.done()
        self.plan_chart.set_table(report.groups)
        self.curve_chart.set_curve(report.curve)
        self.funding_chart.set_table(report.funding)
        self.group_model.set_table(report.groups)
        self.curve_model.set_curve(report.curve)
        self.funding_model.set_table(report.funding)
        self.funds_model.set_table(received)
        self.summary.setText(self._summary_text(report))

    @staticmethod
    def _summary_text(report: BudgetReport) -> str:
        total = report.groups.total
        period = report.groups.period
        rate = total.completion_rate
        gap = total.gap_points
        text = (
            f"<b>{period.label}</b>　{total.project_count}个项目，总投资"
            f"{format_money(total.total_investment, grouped=True)}万元；年度计划投资"
            f"{format_money(total.annual_plan, grouped=True)}万元，{period.range_label}完成"
            f"{format_money(total.ytd, grouped=True)}万元"
        )
        if rate is not None and gap is not None:
            word = "超" if gap >= 0 else "低于"
            text += (f"，完成率{rate:.1f}%，{word}序时进度（{total.time_progress:.1f}%）"
                     f"{abs(gap):.1f}个百分点")
        return text + "。"

    # --- saving --------------------------------------------------------------------------

    def _ask_save(self, key: str) -> None:
        chart = self.charts[key]
        path, _ = QFileDialog.getSaveFileName(
            self, "保存图表", f"{chart.title}.png", "PNG 图片 (*.png)"
        )
        if path:
            self.save_chart(key, Path(path))

    def save_chart(self, key: str, path: Path) -> Path | None:
        """Save one chart to ``path`` (a PNG at least :data:`PNG_WIDTH` pixels wide, drawn
        again at that size rather than enlarged); the file written, or None."""
        if self.lazy.stale:
            self.refresh()
        chart = self.charts[key]
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        exporter = ImageExporter(chart.getPlotItem())
        exporter.parameters()["width"] = max(PNG_WIDTH, chart.width())
        try:
            exporter.export(str(path))
            ok = path.is_file()
        except (OSError, ValueError, TypeError):
            ok = chart.grab().save(str(path), "PNG")
        self._context.show_message(f"已保存图表：{path}" if ok else f"无法保存图表到“{path}”")
        return path if ok else None
