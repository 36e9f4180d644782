"""The annual plans of a whole year as one grid: planned investment, start and finish months,
the monthly spread (平均 / 典型 / 自定义), and the twelve monthly amounts (typing one makes the
spread custom). Same keyboard as the entry grid; every change is one undoable transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from portfolio import plans
from portfolio.concurrency import StaleEdit
from portfolio.money import format_money
from portfolio.plans import DISTRIBUTIONS, MONTH_COLUMNS, PlanData, PlanError, PlanRow, guard
from ui.context import AppContext
from ui.monthly.grid import GridModel, GridView
from ui.operations import DatabaseCommand

_AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: (key, label, editable)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("name", "项目名称", False),
    ("category", "领域", False),
    ("unit", "责任单位", False),
    ("total_investment", "总投资", False),
    ("planned_investment", "年度计划投资", True),
    ("planned_start_month", "计划开工月", True),
    ("planned_finish_month", "计划竣工月", True),
    ("distribution", "月度分配", True),
    *((key, f"{month}月", True) for key, month in MONTH_COLUMNS.items()),
)
_KEYS = [c[0] for c in COLUMNS]
HINT = ("直接输入即替换；Enter 下移，Tab 右移；Ctrl+V 粘贴 Excel 数据，Ctrl+D 向下填充。月度分配填"
        "“平均分配”“典型分布”；直接填写某月金额即改为自定义分配，年度计划投资为各月之和。")


class PlanCommand(DatabaseCommand):
    """Plan cells changed together; undo puts back each touched plan as it was (or removes a
    plan the step created). Every step is made from what the grid showed (the plans before a
    redo, after it for an undo): when another user changed one of them meanwhile, the step is
    refused with who and when, and the grid reloads. Refusals are shown by the grid, which
    re-reads after each step."""

    refusals = (PlanError,)

    def __init__(self, model: PlanModel, edits: Sequence[tuple[int, str, object]],
                 seen: dict[int, PlanData | None], text: str) -> None:
        super().__init__(model.context, f"{model.year}年度计划：{text}")
        self._model_ref = self.weak(model)
        self._year = model.year
        self._edits = list(edits)
        #: the touched plans before the change (first what the grid showed) and after it
        self._before: dict[int, PlanData | None] = seen
        self._after: dict[int, PlanData | None] = {}
        self.succeeded = False

    def redo(self) -> None:
        def step(session: Session) -> None:
            self._before = plans.save_cells(session, self._year, self._edits, self._before)
            self._after = {p: plans.load(session, p, self._year) for p in self._before}

        self.succeeded = self.run(step)

    def undo(self) -> None:
        def restore(session: Session) -> None:
            guard.check(session, self._year, self._after)
            for project_id, plan in self._before.items():
                if plan is None:
                    plans.remove(session, project_id, self._year)
                    continue
                now = plans.load(session, project_id, self._year)
                # the goal is not in the grid: keep whatever it holds now
                plans.save(session, replace(plan, goal=now.goal if now else plan.goal))

        self.run(restore)

    @property
    def _model(self) -> PlanModel:
        return self.follow(self._model_ref)

    def refused(self, error: Exception) -> None:
        message = str(error)
        if isinstance(error, StaleEdit):
            self._model.load()  # show what the other user saved
            message += "（已重新载入）"
        self._model.refused.emit(QModelIndex(), message)

    def applied(self, result: object) -> None:
        self._model.load()


class PlanModel(GridModel):
    def __init__(self, context: AppContext, year: int, flt: ProjectFilter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year = year
        self.filter = flt
        self.rows: list[PlanRow] = []
        self.load()

    def load(self, year: int | None = None) -> None:
        if year is not None:
            self.year = year
        self.beginResetModel()
        with self.context.db.session() as session:
            self.rows = plans.plan_rows(session, self.year, self.filter)
        self.endResetModel()

    def total(self) -> Decimal:
        return sum((r.planned_investment or Decimal("0") for r in self.rows
                    if r.is_leaf and r.has_plan), Decimal("0.00"))

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def column_label(self, column: int) -> str:
        return COLUMNS[column][1]

    def column_key(self, column: int) -> str:
        return _KEYS[column]

    def is_editable_column(self, column: int) -> bool:
        return COLUMNS[column][2]

    def readonly_reason(self, index: QModelIndex) -> str | None:
        if not COLUMNS[index.column()][2]:
            return f"“{COLUMNS[index.column()][1]}”来自项目信息，不能在此填写"
        if not self.rows[index.row()].is_leaf:
            return "打包项目的计划请填在各子项目中"
        return None

    def _value(self, row: PlanRow, key: str) -> str:
        if key in MONTH_COLUMNS:
            if not row.has_plan:
                return ""
            return format_money(row.amounts()[MONTH_COLUMNS[key] - 1])
        if key == "distribution":
            return DISTRIBUTIONS[row.distribution] if row.has_plan else ""
        if key in ("total_investment", "planned_investment"):
            value = getattr(row, key)
            return format_money(value) if value is not None and (
                key != "planned_investment" or row.has_plan) else ""
        value = getattr(row, key)
        return "" if value is None else str(value)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = _KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in MONTH_COLUMNS or key in ("total_investment", "planned_investment",
                                               "planned_start_month", "planned_finish_month"):
                return _RIGHT
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if not COLUMNS[index.column()][2] or not row.is_leaf:
                return QBrush(QColor("#f6f7f9"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and key == "distribution":
            return "平均分配、典型分布或自定义（直接填写各月金额即为自定义）"
        return None

    # --- editing -----------------------------------------------------------------------------

    def check(self, index: QModelIndex, text: str) -> str | None:
        reason = self.readonly_reason(index)
        if reason:
            return reason
        try:
            plans.parse_plan_cell(_KEYS[index.column()], text)
        except PlanError as error:
            return str(error)
        return None

    def save_cell(self, index: QModelIndex, text: str) -> bool:
        key = _KEYS[index.column()]
        if self._value(self.rows[index.row()], key) == text.strip():
            return True
        typed = plans.parse_plan_cell(key, text)
        row = self.rows[index.row()]
        label = COLUMNS[index.column()][1]
        return self.apply([(row.project_id, key, typed)], f"{label}：{row.name}")

    def apply(self, edits: Sequence[tuple[int, str, object]], text: str) -> bool:
        if not edits:
            return False
        shown = {r.project_id: r for r in self.rows}
        seen = {p: shown[p].data() if shown[p].has_plan else None for p, _k, _v in edits}
        command = PlanCommand(self, edits, seen, text)
        self.context.undo_stack_for("monthly").push(command)
        return command.succeeded

    def paste(self, text: str, row: int, column: int) -> tuple[bool, str]:
        from portfolio.monthly import parse_block

        block = parse_block(text)
        if not block:
            return False, "未粘贴：剪贴板中没有可粘贴的内容"
        editable = [c for c in range(len(COLUMNS)) if COLUMNS[c][2] and c >= column]
        edits: list[tuple[int, str, object]] = []
        for line, values in enumerate(block, start=1):
            index = row + line - 1
            if index >= len(self.rows):
                return False, f"未粘贴：粘贴内容有{len(block)}行，超出表格末尾"
            if len([v for v in values[len(editable):] if v.strip()]):
                return False, f"未粘贴：第{line}行的列数超出可填写的列"
            for c, text_ in zip(editable, values, strict=False):
                cell = self.index(index, c)
                reason = self.check(cell, text_)
                if reason:
                    return False, f"未粘贴：第{line}行{COLUMNS[c][1]}：{reason}"
                edits.append((self.rows[index].project_id, _KEYS[c],
                              plans.parse_plan_cell(_KEYS[c], text_)))
        if not self.apply(edits, f"粘贴{len(block)}行"):
            return False, ""
        return True, f"已粘贴{len(block)}行"

    def clear(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        edits = [(self.rows[i.row()].project_id, _KEYS[i.column()],
                  plans.parse_plan_cell(_KEYS[i.column()], ""))
                 for i in indexes if self.readonly_reason(i) is None
                 and self.rows[i.row()].has_plan]
        if not edits:
            return True, ""
        return self.apply(edits, f"清除{len(edits)}个单元格"), ""

    def fill_down(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        by_column: dict[int, list[int]] = {}
        for index in indexes:
            if self.readonly_reason(index) is None:
                by_column.setdefault(index.column(), []).append(index.row())
        edits = []
        for column, rows in by_column.items():
            rows.sort()
            if len(rows) < 2:
                continue
            key = _KEYS[column]
            source = plans.parse_plan_cell(key, self._value(self.rows[rows[0]], key))
            edits += [(self.rows[r].project_id, key, source) for r in rows[1:]]
        if not edits:
            return True, "请先选中同一列中要向下填充的多个单元格（第一个为来源）"
        return self.apply(edits, f"向下填充{len(edits)}个单元格"), ""


class AnnualPlanDialog(QDialog):
    """年度计划 of one year for the projects in the register's filter."""

    def __init__(self, context: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("年度计划")
        self.model = PlanModel(context, year, context.filter, self)
        self.view = GridView(self)
        self.view.setObjectName("planGrid")
        self.view.setModel(self.model)
        self.view.message.connect(self._message)
        widths = {"name": 240, "category": 64, "unit": 120, "total_investment": 96,
                  "planned_investment": 100, "distribution": 72}
        for column, key in enumerate(_KEYS):
            self.view.setColumnWidth(column, widths.get(key, 76))
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(self._year_changed)
        self.total_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setStyleSheet("color:#5f6368")
        top = QHBoxLayout()
        top.addWidget(QLabel("计划年度", self))
        top.addWidget(self.year_box)
        top.addStretch(1)
        top.addWidget(self.total_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.model.modelReset.connect(self._show_total)
        self._show_total()
        self.resize(1400, 720)

    def _year_changed(self, year: int) -> None:
        self.model.load(year)

    def _show_total(self) -> None:
        count = sum(1 for r in self.model.rows if r.has_plan and r.is_leaf)
        self.total_label.setText(
            f"{self.model.year}年：{count}个项目有计划，年度计划投资合计"
            f"{format_money(self.model.total(), grouped=True)}万元"
        )

    def _message(self, text: str) -> None:
        self.status.setText(text)


__all__ = ["AnnualPlanDialog", "PlanModel"]
