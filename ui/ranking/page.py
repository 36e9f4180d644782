"""晾晒排名: the ranking of 乡镇/街道 or 责任单位 for the context's period and filter, with its
红榜 and 黑榜 named above the table. The figures are :func:`portfolio.ranking.rankings`'s, the
overview's groups; double-clicking a group shows its projects in the register."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio import overview as overview_
from portfolio import ranking as ranking_
from portfolio import scope
from portfolio.money import format_percent
from portfolio.ranking import RANK_BY, Ranking
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh
from ui.monthly.period_picker import PeriodPicker
from ui.ranking.model import LIST_COLOURS, RankingModel


class RankingPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: Ranking | None = None

        self.period_picker = PeriodPicker(context, self)
        self.by_buttons = QButtonGroup(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("调度月份", self))
        top.addWidget(self.period_picker)
        top.addSpacing(16)
        for by, label in RANK_BY.items():
            button = QRadioButton(f"按{label}", self)
            button.setObjectName(f"rankBy_{by}")
            button.setChecked(by == "township")
            button.toggled.connect(self._by_toggled)
            self.by_buttons.addButton(button)
            top.addWidget(button)
        top.addSpacing(16)
        top.addWidget(QLabel("红黑榜各", self))
        self.top_box = QSpinBox(self)
        self.top_box.setRange(1, 20)
        self.top_box.setValue(ranking_.DEFAULT_TOP)
        self.top_box.setSuffix(" 名")
        self.top_box.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(self.top_box)
        top.addSpacing(12)
        self.filter_label = QLabel(self)
        self.filter_label.setStyleSheet("color:#5f6368")
        top.addWidget(self.filter_label, 1)

        self.red_label = QLabel(self)
        self.red_label.setObjectName("redList")
        self.black_label = QLabel(self)
        self.black_label.setObjectName("blackList")
        self.red_label.setWordWrap(True)
        self.black_label.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setStyleSheet("color:#5f6368")
        self.note.setWordWrap(True)

        self.model = RankingModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("rankingTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.doubleClicked.connect(self._group_opened)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.red_label)
        layout.addWidget(self.black_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

        self.lazy = LazyRefresh(self, self.reload, context.filterChanged,
                                context.periodChanged, context.dataChanged)
        self.reload()

    def _by_toggled(self, checked: bool) -> None:
        if checked:
            self.reload()

    @property
    def by(self) -> str:
        checked = self.by_buttons.checkedButton()
        return "township" if checked is None else checked.objectName().removeprefix("rankBy_")

    def set_by(self, by: str) -> None:
        for button in self.by_buttons.buttons():
            if button.objectName() == f"rankBy_{by}":
                button.setChecked(True)

    def reload(self) -> None:
        with self.context.db.session() as session:
            self.result = ranking_.ranking(session, self.context.period, self.context.filter,
                                           self.by, self.top_box.value())
        self.lazy.done()
        self._show(self.result)

    def _show(self, result: Ranking) -> None:
        self.filter_label.setText(f"范围：{scope.describe(self.context.filter)}")
        for widget, title, groups, colour in (
                (self.red_label, "红榜", result.red, LIST_COLOURS[ranking_.RED]),
                (self.black_label, "黑榜", result.black, LIST_COLOURS[ranking_.BLACK])):
            names = "、".join(f"{g.label}（{format_percent(g.completion_rate)}%）"
                             for g in groups) or "无"
            widget.setText(f"<b style='color:{colour}'>{title}</b>　{names}")
        t = result.total
        self.note.setText(
            f"{result.period.label}，序时进度{t.time_progress}%。按完成年度计划投资比例排名，完成率"
            "相同按超序时进度百分点、再按名称排列，并列者名次相同；未填写名称或无年度计划投资的"
            "分组不排名。双击一行在项目库中查看该组项目。")
        self.model.set_ranking(result)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            if column != 1:
                self.view.setColumnWidth(column, {3: 124, 4: 136, 6: 156, 11: 112}.get(column, 76))

    def _group_opened(self, index: QModelIndex) -> None:
        group = self.model.group(index.row()) if index.isValid() else None
        if group is None:
            return
        with self.context.db.session() as session:
            flt = overview_.group_filter(self.context.filter, self.by, group.key, session)
        self.context.showRegister.emit(flt)
