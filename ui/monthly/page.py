"""月度调度: the entry grid for one month, its totals, and submitting (locking) the month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from portfolio import monthly
from portfolio.alerts import STATE_COLOURS, STATE_LABELS
from portfolio.monthly import EntryError
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh
from ui.monthly.grid import GridView
from ui.monthly.model import EntryModel
from ui.monthly.period_picker import PeriodPicker
from ui.monthly.totals import TotalsModel, TotalsView
from ui.problems import grid_action as problem_action
from ui.widgets.filter_chip import FilterChip
from ui.widgets.frozen_columns import freeze
from ui.widgets.undo_actions import redo_action, undo_action

HINT = ("直接输入即替换；Enter 下移，Tab 右移；Ctrl+V 粘贴 Excel 数据（首列为项目名称时按名称对应，"
        "否则按行顺序）；Ctrl+D 向下填充；Delete 清除；灰色列自动计算")

#: Initial widths of the grid's columns, by key.
WIDTHS = {
    "name": 260, "stage": 64, "unit": 130, "total_investment": 96, "prior_years": 110,
    "annual_plan": 96, "ytd": 100, "plan_rate": 84, "investment": 100, "progress": 220,
    "problems": 170, "next_steps": 170, "started": 66, "started_on": 92, "finished_on": 92,
    "warnings": 150,
}


def legend(parent: QWidget) -> QWidget:
    """The colour legend shared by every view: a dot and a word for each state."""
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    for key, label in STATE_LABELS.items():
        text = QLabel(f'<span style="color:{STATE_COLOURS[key]}">●</span> {label}', box)
        layout.addWidget(text)
    return box


#: stage moves named in the status bar before "等N个"
MOVES_NAMED = 5


def stage_moves_text(moves: list[monthly.StageMove]) -> str:
    """"甲（新开工→续建）、乙（续建→竣工）", the first :data:`MOVES_NAMED`, then 等N个."""
    text = "、".join(str(m) for m in moves[:MOVES_NAMED])
    return text + (f"等{len(moves)}个" if len(moves) > MOVES_NAMED else "")


class MonthlyPage(QWidget):
    """月度调度. The model reads and writes through :mod:`portfolio.monthly`."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = EntryModel(context, self)
        self.view = GridView(self)
        self.view.setObjectName("monthlyGrid")
        self.view.setModel(self.model)
        self.totals_model = TotalsModel(self.model, self)
        self.totals = TotalsView(self.view, self.totals_model, self)
        # 项目名称 stays in sight while the user moves right to 形象进度 (Excel's 冻结窗格);
        # frozen before the page's own reset handler runs, which sets the current cell
        self.frozen = freeze(self.view, self.model.column_key_index("name") + 1)
        self.frozen_totals = freeze(self.totals, self.model.column_key_index("name") + 1)
        self.view.message.connect(context.show_message)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        problem_action.install(context, self.view, self.model)

        self.period_picker = PeriodPicker(context, self)
        self.active_box = QCheckBox("只显示本年度调度项目", self)
        self.active_box.setToolTip("只列出本年度有年度计划或已填报月度调度的项目")
        self.active_box.setChecked(True)
        self.active_box.toggled.connect(lambda on: self.reload(active_only=on))
        self.lock_label = QLabel(self)
        self.lock_label.setObjectName("lockState")
        self.submit_button = QPushButton("提交本月", self)
        self.submit_button.setToolTip("报送并锁定本月数据；锁定后需“重新打开”才能修改")
        self.submit_button.clicked.connect(lambda: self.submit())
        self.reopen_button = QPushButton("重新打开", self)
        self.reopen_button.clicked.connect(lambda: self.reopen())

        toolbar = QToolBar(self)
        toolbar.addWidget(QLabel("调度月份 ", self))
        toolbar.addWidget(self.period_picker)
        toolbar.addSeparator()
        toolbar.addWidget(self.active_box)
        toolbar.addSeparator()
        toolbar.addAction(undo_action(context.undo_stack_for("monthly"), self))
        toolbar.addAction(redo_action(context.undo_stack_for("monthly"), self))
        toolbar.addSeparator()
        toolbar.addAction("粘贴", self.view.paste).setToolTip("Ctrl+V：粘贴从 Excel 复制的数据")
        toolbar.addAction("向下填充", self.view.fill_down).setToolTip("Ctrl+D")
        toolbar.addSeparator()
        toolbar.addAction("年度计划…", self.show_plans)
        toolbar.addAction("修改记录…", self.show_history)
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.lock_label)
        toolbar.addWidget(self.submit_button)
        toolbar.addWidget(self.reopen_button)

        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(legend(self))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(toolbar)
        self.filter_chip = FilterChip(context, self)
        layout.addWidget(self.filter_chip)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addLayout(bottom)

        #: when the submission shown was made: a reopen is refused if it changed since
        self._seen_lock: dt.datetime | None = None
        self.model.lockChanged.connect(self._show_lock)
        self.model.modelReset.connect(self._after_reset)
        self.lazy = LazyRefresh(self, self.reload, context.filterChanged, context.periodChanged)
        context.dataChanged.connect(self._data_changed)
        self.reload()
        self._apply_widths()

    # --- loading -----------------------------------------------------------------------------

    def reload(self, active_only: bool | None = None) -> None:
        """Read the rows again, keeping the current cell on the same project and column."""
        current = self.view.currentIndex()
        keep = self.current_project(), current.column() if current.isValid() else -1
        self.model.load(self.context.period, self.context.filter, active_only)
        self.lazy.done()
        row = self.model.row_of(keep[0]) if keep[0] is not None else None
        if row is not None and keep[1] >= 0:
            self.view.setCurrentIndex(self.model.index(row, keep[1]))

    def _data_changed(self) -> None:
        if not self.model.notifying:  # the model's own edit: its rows are fresh already
            self.lazy.mark_stale()

    def _apply_widths(self) -> None:
        for column, spec in enumerate(self.model.columns):
            self.view.setColumnWidth(column, WIDTHS.get(spec.key, 100))
        self.fit_totals_label()
        self.totals.sync()

    def _after_reset(self) -> None:
        self.fit_totals_label()
        self.totals.sync()
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, self.model.column_key_index(
                "investment")))

    def fit_totals_label(self) -> None:
        """Widen 项目名称 so that the 合计 label below it is not cut off."""
        font = QFont(self.totals.font())
        font.setBold(True)
        need = QFontMetrics(font).horizontalAdvance(self.totals_model.text("name")) + 16
        name = self.model.column_key_index("name")
        if self.view.columnWidth(name) < need:
            self.view.setColumnWidth(name, need)

    def _show_lock(self, locked: bool) -> None:
        period = self.model.period
        if locked:
            with self.context.db.session() as session:
                info = monthly.lock_info(session, period)
            when = info.locked_at.strftime("%Y-%m-%d %H:%M") if info and info.locked_at else ""
            who = info.locked_by if info else ""
            self._seen_lock = info.locked_at if info else None
            self.lock_label.setText(f"{period.label}已报送（{who} {when}）  ")
            self.lock_label.setStyleSheet(f"color:{STATE_COLOURS['done']}; font-weight:bold")
        else:
            self._seen_lock = None
            self.lock_label.setText(f"{period.label}未报送，可编辑  ")
            self.lock_label.setStyleSheet(f"color:{STATE_COLOURS['on_track']}")
        self.submit_button.setEnabled(not locked)
        self.reopen_button.setEnabled(locked)

    # --- selection ---------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.project_at(current.row())
        if row is not None:
            self.context.select_project(row.project_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.column_key(index.column()) == "name":
            row = self.model.project_at(index.row())
            if row is not None:
                self.context.projectOpened.emit(row.project_id)

    def current_project(self) -> int | None:
        row = self.model.project_at(self.view.currentIndex().row())
        return row.project_id if row else None

    # --- submitting --------------------------------------------------------------------------

    def confirm(self, title: str, text: str) -> bool:
        """Ask the user (tests replace this)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, text: str) -> str | None:
        """Ask why (tests replace this); None when cancelled."""
        reason, ok = QInputDialog.getText(self, title, text)
        return reason if ok else None

    def submit(self) -> bool:
        period = self.model.period
        unreported = self.model.totals.projects - self.model.totals.reported
        text = (f"提交（锁定）{period.label}的调度数据？\n提交后不能修改，如需更正须“重新打开”，"
                "提交和重新打开都记入修改记录。")
        if unreported > 0:
            text += f"\n\n注意：还有{unreported}个项目本月未填报。"
        if not self.confirm("提交本月", text):
            return False
        try:
            with self.context.db.transaction(immediate=True) as session:
                moved = monthly.lock(session, period)
        except (EntryError, SQLAlchemyError) as error:
            self._refused(error)
            return False
        # edits of an unlocked month can no longer be undone
        self.context.undo_stack_for("monthly").clear()
        self.model.load()
        message = f"已提交{period.label}"
        if moved:
            message += (f"，{len(moved)}个项目的建设性质已按开工、竣工日期更新："
                        + stage_moves_text(moved))
        self.context.show_message(message)
        self.context.dataChanged.emit()
        return True

    def reopen(self) -> bool:
        period = self.model.period
        reason = self.ask_reason(
            "重新打开", f"重新打开{period.label}以便更正。请填写原因（记入修改记录）：")
        if reason is None:
            return False
        try:
            with self.context.db.transaction(immediate=True) as session:
                monthly.reopen(session, period, reason, seen=self._seen_lock)
        except (EntryError, SQLAlchemyError) as error:
            self._refused(error)
            return False
        self.model.refresh_lock()
        self.context.show_message(f"已重新打开{period.label}，可以修改")
        return True

    def _refused(self, error: Exception) -> None:
        """Say why a submit or reopen was refused; when another user submitted or reopened
        the month meanwhile, show the month as it now is."""
        self.context.show_message(str(error))
        if isinstance(error, monthly.PeriodLocked):
            self.reload()
            self.context.dataChanged.emit()

    # --- dialogs -----------------------------------------------------------------------------

    def show_history(self) -> None:
        project_id = self.current_project()
        if project_id is None:
            self.context.show_message("请先选中一个项目")
            return
        from ui.monthly.history import HistoryDialog

        HistoryDialog(self.context, project_id, self).exec()

    def show_plans(self) -> None:
        from ui.monthly.plan_grid import AnnualPlanDialog

        dialog = AnnualPlanDialog(self.context, self.model.period.year, self)
        dialog.exec()
        self.reload()
