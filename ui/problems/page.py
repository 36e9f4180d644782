"""The 问题台账 page: every problem holding a project back, with who must solve it and by when.

A filter bar (状态, 协调单位, 只看逾期, search) over the table of :class:`ProblemsModel`; the
register's filter applies too, as on every page that lists projects. 登记, 编辑 and 办结 are
undoable commands (:mod:`ui.problems.commands`). The line above the table gives the month's
counts (:func:`portfolio.problems.counts`). The page reads the database only when shown.
Clicking a figure of the overview's 问题台账 narrows the list to the problems behind it
(:meth:`ProblemsPage.show_selection`), named in a chip that clears it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from portfolio import problems
from portfolio.problems import ProblemQuery
from portfolio.problems.by_group import ProblemSelection, problem_ids
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh
from ui.problems.commands import AddProblemCommand, EditProblemCommand
from ui.problems.dialogs import CloseDialog, ProblemDialog
from ui.problems.model import COLUMNS, WIDTHS, ProblemsModel
from ui.widgets.filter_chip import STYLE as CHIP_STYLE
from ui.widgets.undo_actions import redo_action, undo_action

#: The 状态 filter's choices: label → states (empty: all).
STATE_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("未办结", problems.OPEN_STATES),
    ("全部", ()),
    *((state, (state,)) for state in problems.STATES),
)
ALL_UNITS = "全部协调单位"


class ProblemsPage(QWidget):
    """问题台账."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ProblemsModel(context, self)

        self.state_box = QComboBox(self)
        for label, states in STATE_CHOICES:
            self.state_box.addItem(label, states)
        self.unit_box = QComboBox(self)
        self.unit_box.setMinimumContentsLength(10)
        self.unit_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue_box = QCheckBox("只看逾期", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索问题、项目、单位、责任人")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(300)
        for signal in (self.state_box.currentIndexChanged, self.unit_box.currentIndexChanged,
                       self.overdue_box.toggled, self.search.textChanged):
            signal.connect(self.reload)

        toolbar = QToolBar(self)
        toolbar.addAction("登记问题…", self.add_problem)
        self.edit_action = toolbar.addAction("编辑…", self.edit_problem)
        self.close_action = toolbar.addAction("办结…", self.close_problem)
        toolbar.addSeparator()
        self.undo_stack = context.undo_stack_for("problems")
        toolbar.addAction(undo_action(self.undo_stack, self))
        toolbar.addAction(redo_action(self.undo_stack, self))

        bar = QHBoxLayout()
        bar.addWidget(QLabel("状态", self))
        bar.addWidget(self.state_box)
        bar.addWidget(self.unit_box)
        bar.addWidget(self.overdue_box)
        bar.addWidget(self.search)
        bar.addStretch(1)
        bar.addWidget(toolbar)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("problemCounts")
        #: the overview's figure the list is narrowed to (None: no such narrowing)
        self.selection: ProblemSelection | None = None
        self.selection_chip = QFrame(self)
        self.selection_chip.setObjectName("filterChip")
        self.selection_chip.setStyleSheet(CHIP_STYLE)
        self.selection_label = QLabel(self.selection_chip)
        clear = QToolButton(self.selection_chip)
        clear.setText("✕ 显示全部问题")
        clear.setAutoRaise(True)
        clear.setCursor(Qt.CursorShape.PointingHandCursor)
        clear.clicked.connect(lambda: self.show_selection(None))
        chip = QHBoxLayout(self.selection_chip)
        chip.setContentsMargins(8, 2, 4, 2)
        chip.addWidget(self.selection_label, 1)
        chip.addWidget(clear)
        self.selection_chip.setVisible(False)

        self.view = QTableView(self)
        self.view.setObjectName("problemsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._double_clicked)
        em = self.fontMetrics().horizontalAdvance("中")
        for column, (key, _title) in enumerate(COLUMNS):
            self.view.setColumnWidth(column, int(WIDTHS[key] * em) + 12)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.selection_chip)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 1)

        self.lazy = LazyRefresh(self, self._refresh, context.dataChanged,
                                context.filterChanged, context.periodChanged)
        self._fill_units()
        self._enable_actions()

    # --- loading -----------------------------------------------------------------------------

    def query(self) -> ProblemQuery:
        """The rows the filter bar and the register's filter ask for."""
        unit = self.unit_box.currentData()
        return ProblemQuery(
            states=self.state_box.currentData() or (),
            units=(unit,) if unit is not None else (),
            overdue_on=dt.date.today() if self.overdue_box.isChecked() else None,
            text=self.search.text().strip(),
            projects=None if self.context.filter.is_empty() else self.context.filter,
        )

    def show_selection(self, selection: ProblemSelection | None) -> None:
        """List the problems behind an overview figure (all of them again when None); the
        filter bar is reset so that it shows them all: 状态 全部, no unit, no search."""
        self.selection = selection
        for widget in (self.state_box, self.unit_box, self.overdue_box, self.search):
            widget.blockSignals(True)
        if selection is not None:
            self.state_box.setCurrentIndex(self.state_box.findText("全部"))
            self.unit_box.setCurrentIndex(0)
            self.overdue_box.setChecked(False)
            self.search.clear()
        for widget in (self.state_box, self.unit_box, self.overdue_box, self.search):
            widget.blockSignals(False)
        self.selection_chip.setVisible(selection is not None)
        if selection is not None:
            self.selection_label.setText(f"总览：{selection.label}")
        self.reload()

    def reload(self) -> None:
        selected = self.current_problem()
        query = self.query()
        if self.selection is not None:
            with self.context.db.session() as session:
                ids = problem_ids(session, self.selection, self.context.filter)
            query = replace(query, ids=tuple(ids))
        if self.selection is not None and not query.ids:  # an empty ``ids`` would mean all
            self.model.query = query
            self.model.set_rows([])
        else:
            self.model.reload(query)
        period = self.context.period
        with self.context.db.session() as session:
            counts = problems.counts(session, period, self.context.filter)
        self.counts_label.setText(
            f"截至{period.label}底：{counts.headline()}　　"
            f"下表列出{len(self.model.rows)}个问题（逾期天数按今天计）")
        if selected is not None:
            index = self.model.index_of(selected)
            if index.isValid():
                self.view.setCurrentIndex(index)
        self.lazy.done()
        self._enable_actions()

    def _fill_units(self) -> None:
        current = self.unit_box.currentData()
        with self.context.db.session() as session:
            units = sorted({r.unit for r in problems.list_problems(session)})
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItem(ALL_UNITS, None)
        for unit in units:
            self.unit_box.addItem(unit or "（未定协调单位）", unit)
        index = self.unit_box.findData(current)
        self.unit_box.setCurrentIndex(max(0, index))
        self.unit_box.blockSignals(False)

    def _refresh(self) -> None:
        self._fill_units()
        self.reload()

    # --- selection ---------------------------------------------------------------------------

    def current_problem(self) -> int | None:
        return self.model.problem_id(self.view.currentIndex().row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._enable_actions()
        if 0 <= current.row() < len(self.model.rows):
            self.context.select_project(self.model.rows[current.row()].project_id)

    def _enable_actions(self) -> None:
        row = self.view.currentIndex().row()
        chosen = 0 <= row < len(self.model.rows)
        self.edit_action.setEnabled(chosen)
        self.close_action.setEnabled(chosen and self.model.rows[row].is_open)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_problem()

    # --- actions -----------------------------------------------------------------------------

    def add_problem(self) -> None:
        project = self.context.selected_project
        dialog = ProblemDialog(self.context, None, self,
                               project_id=project if project > 0 else None)
        if dialog.exec() and dialog.result_data is not None:
            self.undo_stack.push(AddProblemCommand(self.context, dialog.result_data))

    def edit_problem(self) -> None:
        problem_id = self.current_problem()
        if problem_id is None:
            return
        with self.context.db.session() as session:
            old = problems.load(session, problem_id)
        dialog = ProblemDialog(self.context, old, self)
        if dialog.exec() and dialog.result_data is not None and dialog.result_data != old:
            self.undo_stack.push(
                EditProblemCommand(self.context, problem_id, old, dialog.result_data))

    def close_problem(self) -> None:
        problem_id = self.current_problem()
        if problem_id is None:
            return
        with self.context.db.session() as session:
            old = problems.load(session, problem_id)
        if not old.is_open:
            return
        dialog = CloseDialog(old, self)
        if dialog.exec() and dialog.result_data is not None:
            self.undo_stack.push(EditProblemCommand(
                self.context, problem_id, old, dialog.result_data,
                f"办结问题：{old.description[:16]}"))
