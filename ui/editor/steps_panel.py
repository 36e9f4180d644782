"""The editor's 前期手续 tab: a project's approvals and milestones, edited in place.

Each edited cell is one undoable :class:`~ui.editor.progress_commands.EditStepCommand`,
validated by :mod:`portfolio.approvals` (a refusal names the field in the status bar and
changes nothing). Dates are typed as ``2026-03-02``; an empty cell clears the date. The button
that applies the office's checklist is disabled, its tooltip saying why, once the project has
every step of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from portfolio import approval_checklist, approvals
from portfolio.approvals import Step
from ui.context import AppContext
from ui.editor.progress_commands import ApplyChecklistCommand, EditStepCommand
from ui.editor.table_panel import ProjectRowsModel, table_view
from ui.widgets.row_model import AnyIndex

#: (field of Step, header) of each column; the first is read-only
COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "类别"), ("name", "名称"), ("planned_on", "计划完成"), ("actual_on", "实际完成"),
    ("document_number", "批准文号"), ("issuing_office", "审批机关"), ("note", "备注"),
)
DATES = ("planned_on", "actual_on")
LATE_BACKGROUND = "#fbe3e2"
DONE_BACKGROUND = "#e6f4ea"


class StepsModel(ProjectRowsModel[Step]):
    """A project's steps; setData pushes an undoable command and re-reads the rows."""

    HEADERS = tuple(header for _, header in COLUMNS)

    def __init__(self, context: AppContext, project_id: int, parent: Any = None) -> None:
        self.today = dt.date.today()
        super().__init__(context, project_id, parent)

    def read(self, session: Session) -> list[Step]:
        return approvals.steps_of(session, self.project_id)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self.rows[index.row()]
        field = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(step, field)
            if field == "kind":
                return approvals.KINDS[value]
            return value.isoformat() if isinstance(value, dt.date) else (value or "")
        if role == Qt.ItemDataRole.BackgroundRole:
            if step.overdue_on(self.today):
                return QColor(LATE_BACKGROUND)
            if step.done:
                return QColor(DONE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and step.overdue_on(self.today):
            assert step.planned_on is not None
            return f"逾期{(self.today - step.planned_on).days}天"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() == 0:
            return False
        old = self.rows[index.row()]
        field = COLUMNS[index.column()][0]
        text = str(value or "").strip()
        new_value: Any = text
        if field in DATES:
            try:
                new_value = dt.date.fromisoformat(text) if text else None
            except ValueError:
                self.context.show_message(
                    f"{approvals.FIELD_LABELS[field]}应写作 YYYY-MM-DD：“{text}”")
                return False
        if getattr(old, field) == new_value:
            return False
        return self.push(
            EditStepCommand(self.context, old, old.with_changes(**{field: new_value})))


class StepsPanel(QWidget):
    """The 前期手续 tab: the state line, the table and a button to apply the checklist."""

    def __init__(self, context: AppContext, project_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id = project_id
        self.model = StepsModel(context, project_id, self)
        self.view = table_view(self.model, self, "approvalSteps")
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for column, width in enumerate((48, 190, 96, 96, 190, 150)):
            self.view.setColumnWidth(column, width)
        self.state = QLabel(self)
        self.state.setObjectName("approvalState")
        self.apply = QPushButton("按清单建立手续", self)
        self.apply.clicked.connect(self.apply_checklist)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.apply)
        hint = QLabel("双击单元格修改；日期写作 2026-03-02；手续办结须填写批准文号。"
                      "红底为逾期（计划日期已过仍未办结），绿底为已办结。", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.model.modelReset.connect(self._show_state)
        self._show_state()

    def _show_state(self) -> None:
        state = approvals.state_of(self.model.rows)
        late = sum(s.overdue_on(self.model.today) for s in self.model.rows)
        self.state.setText(state.text + (f"；{late}项逾期" if late else ""))
        with self.context.db.session() as session:
            nature, checklist = approval_checklist.of_project(session, self.project_id)
        have = {s.name for s in self.model.rows}
        missing = [name for name in checklist if name not in have]
        self.apply.setEnabled(bool(missing))
        self.apply.setToolTip(
            f"添加{nature}项目手续清单中该项目还没有的{len(missing)}项手续（已有的不变）"
            if missing else
            f"{nature}项目手续清单为空（可在 工具 → 前期手续清单… 中编辑）" if not checklist
            else f"{nature}项目手续清单中的各项手续该项目都已建立，无需再按清单建立")

    def apply_checklist(self) -> None:
        self.context.undo_stack.push(
            ApplyChecklistCommand(self.context, self.project_id))
