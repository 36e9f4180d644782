"""总览: the period's headline figures, the tables by 领域 / 乡镇 / 责任单位 and the 滞后项目
list, for the register's filter. Every figure is clickable: the register then shows the
projects behind it. The numbers come from :func:`portfolio.overview.compute`, the same as
``portfolio status`` prints."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.queries import ProjectFilter
from portfolio import overview as overview_
from portfolio import scope
from portfolio.alerts import RULE_LABELS, RULES, STATE_COLOURS
from portfolio.money import format_money, to_yi
from portfolio.overview import GROUP_LABELS, Overview, gap_words
from portfolio.problems.by_group import ProblemSelection
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh
from ui.monthly.page import legend
from ui.monthly.period_picker import PeriodPicker
from ui.overview.models import LaggingModel, SummaryModel, gap_colour
from ui.overview.problems import ProblemsTile, ProblemUnitsModel
from ui.overview.tiles import FigureTile
from ui.widgets.filter_chip import FilterChip
from ui.widgets.flow_layout import FlowLayout

#: Headline tiles: key → caption.
TILES: dict[str, str] = {
    "projects": "项目个数",
    "total_investment": "总投资",
    "annual_plan": "年度计划投资",
    "ytd": "完成投资",
    "rate": "完成率",
    "planned_starts": "计划开工",
    "actual_starts": "已开工",
    "warned": "预警项目",
}


#: What the projects behind a clicked figure are called in the filter chip.
FIGURE_LABELS: dict[str, str] = {
    "rate": "低于序时进度的项目",
    "planned_starts": "计划开工项目",
    "actual_starts": "已开工项目",
    "warned": "预警项目",
    **{rule: f"{label}项目" for rule, label in RULE_LABELS.items()},
}


class OverviewPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: Overview | None = None

        self.period_picker = PeriodPicker(context, self)
        self.filter_label = QLabel(self)
        self.filter_label.setStyleSheet("color:#5f6368")
        settings = QPushButton("预警设置…", self)
        settings.clicked.connect(self.edit_thresholds)
        top = QHBoxLayout()
        top.addWidget(QLabel("调度月份", self))
        top.addWidget(self.period_picker)
        top.addSpacing(12)
        top.addWidget(self.filter_label, 1)
        self.filter_chip = FilterChip(context, self)
        top.addWidget(self.filter_chip, 1)
        top.addWidget(legend(self))
        top.addWidget(settings)

        self.headline = QLabel(self)
        self.headline.setObjectName("overviewHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)

        # what in the register needs correcting (one 项目代码 written two ways …): shown until
        # the office corrects it, never folded into the figures silently
        self.data_warnings = QLabel(self)
        self.data_warnings.setObjectName("dataWarnings")
        self.data_warnings.setWordWrap(True)
        self.data_warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_warnings.setStyleSheet(f"color:{STATE_COLOURS['warning']}")

        self.tiles: dict[str, FigureTile] = {}
        # tiles wrap onto a second line when the window is narrower than a row of eight
        tiles = FlowLayout(spacing=8)
        for key, caption in TILES.items():
            tile = FigureTile(caption, self)
            tile.clicked.connect(lambda key=key: self.show_projects(key))
            self.tiles[key] = tile
            tiles.addWidget(tile)
        self.problems_tile = ProblemsTile(self)
        self.problems_tile.figureClicked.connect(self.show_problems)
        tiles.addWidget(self.problems_tile)

        self.tabs = QTabWidget(self)
        self.summary_models: dict[str, SummaryModel] = {}
        for by, label in GROUP_LABELS.items():
            model = SummaryModel(by, self)
            view = QTableView(self)
            view.setObjectName(f"summary_{by}")
            view.setModel(model)
            self._style_table(view)
            view.clicked.connect(lambda index, by=by: self._group_clicked(by, index))
            self.summary_models[by] = model
            self.tabs.addTab(view, f"分{label}")
        self.problem_units = ProblemUnitsModel(self)
        self.problem_units_view = QTableView(self)
        self.problem_units_view.setObjectName("problemUnits")
        self.problem_units_view.setModel(self.problem_units)
        self._style_table(self.problem_units_view)
        self.problem_units_view.clicked.connect(self._problem_unit_clicked)
        self.tabs.addTab(self.problem_units_view, "问题（分责任单位）")

        self.lagging_model = LaggingModel(self)
        self.lagging_view = QTableView(self)
        self.lagging_view.setObjectName("laggingList")
        self.lagging_view.setModel(self.lagging_model)
        self._style_table(self.lagging_view)
        self.lagging_view.clicked.connect(self._lagging_clicked)
        self.lagging_view.doubleClicked.connect(self._lagging_opened)
        self.lagging_title = QLabel(self)
        self.lagging_title.setStyleSheet(f"color:{STATE_COLOURS['warning']}; font-weight:bold")
        self.rule_buttons: dict[str, QPushButton] = {}
        rules = QHBoxLayout()
        rules.addWidget(self.lagging_title)
        rules.addStretch(1)
        for rule in RULES:
            button = QPushButton(self)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip("单击在项目库中查看这些项目")
            button.clicked.connect(lambda _c=False, rule=rule: self.show_projects(rule))
            self.rule_buttons[rule] = button
            rules.addWidget(button)
        lagging = QWidget(self)
        lagging_layout = QVBoxLayout(lagging)
        lagging_layout.setContentsMargins(0, 0, 0, 0)
        lagging_layout.addLayout(rules)
        lagging_layout.addWidget(self.lagging_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(lagging)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 450])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.data_warnings)
        layout.addLayout(tiles)
        layout.addWidget(splitter, 1)

        self.lazy = LazyRefresh(self, self.reload, context.filterChanged,
                                context.periodChanged, context.dataChanged)
        self.reload()

    @staticmethod
    def _style_table(view: QTableView) -> None:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        with self.context.db.session() as session:
            self.result = overview_.compute(session, self.context.period, self.context.filter)
        self.lazy.done()
        self._show(self.result)

    def _show(self, result: Overview) -> None:
        t = result.total
        p = result.period
        self.filter_label.setText(f"范围：{scope.WHOLE}")
        self.filter_label.setVisible(self.context.filter.is_empty())  # else the chip shows it
        self.headline.setText(result.headline())
        self.data_warnings.setText("\n".join(f"注意：{w}" for w in result.data_warnings))
        self.data_warnings.setVisible(bool(result.data_warnings))
        self.tiles["projects"].show_figure(f"{t.project_count}个", "打包项目计为1个")
        wan = format_money(t.total_investment, grouped=True)
        self.tiles["total_investment"].show_figure(f"{to_yi(t.total_investment)}亿元", f"{wan}万元")
        self.tiles["annual_plan"].show_figure(
            f"{to_yi(t.annual_plan)}亿元", f"{p.year}年计划")
        self.tiles["ytd"].caption.setText(f"{p.range_label}完成投资")
        rate = "" if t.completion_rate is None else f"占年度计划{t.completion_rate}%"
        self.tiles["ytd"].show_figure(f"{to_yi(t.ytd)}亿元", rate)
        if t.completion_rate is None or t.gap_points is None:
            self.tiles["rate"].show_figure("—", f"序时进度{t.time_progress}%")
        else:
            colour = gap_colour(t.gap_points, result.thresholds.behind_points)
            self.tiles["rate"].show_figure(
                f"{t.completion_rate}%", f"序时进度{t.time_progress}%，{gap_words(t.gap_points)}",
                colour)
        self.tiles["planned_starts"].show_figure(f"{t.planned_starts}个", f"{p.year}年计划开工")
        start_rate = "" if t.start_rate is None else f"开工率{t.start_rate}%"
        self.tiles["actual_starts"].show_figure(f"{t.actual_starts}个", start_rate)
        counts = "，".join(f"{RULE_LABELS[k]}{v}" for k, v in result.rule_counts.items() if v)
        self.tiles["warned"].show_figure(
            f"{len(result.lagging)}个", counts or "无",
            STATE_COLOURS["warning"] if result.lagging else STATE_COLOURS["on_track"])
        for model in self.summary_models.values():
            model.set_overview(result)
        if result.problems is not None:
            self.problems_tile.show_counts(result.problems)
            self.problem_units.set_counts(result.problems)
        for index in range(self.tabs.count()):
            view = self.tabs.widget(index)
            assert isinstance(view, QTableView)
            view.horizontalHeader().setStretchLastSection(False)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, view.model().columnCount()):
                view.setColumnWidth(column, 128)
        self.lagging_model.set_rows(result.lagging)
        widths = (240, 70, 150, 70, 110, 110, 70, 150, 420)
        for column, width in enumerate(widths):
            self.lagging_view.setColumnWidth(column, width)
        self.lagging_title.setText(f"滞后项目（{len(result.lagging)}个）")
        for rule, button in self.rule_buttons.items():
            count = result.rule_counts.get(rule, 0)
            button.setText(f"{RULE_LABELS[rule]} {count}")
            button.setEnabled(count > 0)

    # --- clicking figures --------------------------------------------------------------------

    def filter_for(self, figure: str, flt: ProjectFilter | None = None) -> ProjectFilter:
        """The register filter that lists the projects behind ``figure``."""
        flt = flt if flt is not None else self.context.filter
        if figure in ("projects", "total_investment", "annual_plan", "ytd"):
            return flt
        key = "behind_schedule" if figure == "rate" else figure
        with self.context.db.session() as session:
            ids = overview_.ids_behind(session, self.context.period, flt, key)
        return replace(flt, project_ids=tuple(ids), ids_label=FIGURE_LABELS.get(figure, ""))

    def show_projects(self, figure: str) -> None:
        self.context.showRegister.emit(self.filter_for(figure))

    def _group_clicked(self, by: str, index: QModelIndex) -> None:
        model = self.summary_models[by]
        if not index.isValid() or self.result is None:
            return
        key = model.column_key(index.column())
        if model.is_total(index.row()):
            flt = self.context.filter
        else:
            with self.context.db.session() as session:
                flt = overview_.group_filter(self.context.filter, by,
                                             model.rows[index.row()].key or "", session)
        if key == "warned":
            group = None if model.is_total(index.row()) else model.rows[index.row()].key
            ids = (self.result.warned_ids if group is None
                   else self.result.warned_in(by, group))
            flt = replace(flt, project_ids=tuple(ids), ids_label=FIGURE_LABELS["warned"])
        elif key in ("planned_starts", "actual_starts"):
            flt = self.filter_for(key, flt)
        self.context.showRegister.emit(flt)

    def show_problems(self, figure: str, key: str | None = None) -> None:
        """The 问题台账 page with the problems behind ``figure`` (of one 责任单位 ``key``)."""
        self.context.showProblems.emit(ProblemSelection(
            self.context.period, figure, None if key is None else "unit", key))

    def _problem_unit_clicked(self, index: QModelIndex) -> None:
        model = self.problem_units
        figure = model.figure(index.column()) if index.isValid() else None
        if figure is not None:
            self.show_problems(figure, model.key(index.row()))

    def _lagging_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.context.select_project(self.lagging_model.rows[index.row()].project_id)

    def _lagging_opened(self, index: QModelIndex) -> None:
        if index.isValid():
            self.context.projectOpened.emit(self.lagging_model.rows[index.row()].project_id)

    def edit_thresholds(self) -> None:
        from ui.settings_dialog import ThresholdsDialog

        if ThresholdsDialog(self.context, self).exec():
            self.reload()
