"""The entry grid's model: one row per project for one period, over :mod:`portfolio.monthly`.

Rows are read with one query (fast at 10,000 projects); after an edit only the rows it touched
are read again. Every edit is an undoable command that saves in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from db.queries import ProjectFilter
from portfolio import alerts, monthly
from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS, Alert
from portfolio.concurrency import StaleEdit
from portfolio.monthly import CellEdit, EntryError, EntryRow
from portfolio.monthly import EntryColumn as Column
from portfolio.monthly.carried import note as carried_note
from portfolio.periods import Period
from ui.context import AppContext
from ui.monthly.commands import EntryCommand
from ui.monthly.grid import GridModel

_AnyIndex = QModelIndex | QPersistentModelIndex
WARNING_COLUMN = Column("warnings", "预警")
_READ_ONLY_BACKGROUND = QColor("#f6f7f9")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CLEARED: dict[str, object] = {
    "investment": None, "progress": "", "problems": "", "next_steps": "", "started": False,
    "started_on": None, "finished_on": None,
}


def state(row: EntryRow, found: Sequence[Alert]) -> str:
    """The colour state of a row (the same rule as every other view)."""
    return alerts.state_from(row.stage, row.started_on if row.started else None,
                               row.finished_on, bool(found))


class EntryModel(GridModel):
    """月度调度 rows for ``period`` and the register's filter."""

    #: The totals changed (after a load or an edit).
    totalsChanged = Signal()
    #: The period's lock state changed or was read.
    lockChanged = Signal(bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.period = context.period
        self.filter = context.filter
        self.active_only = True
        self.locked = False
        self.rows: list[EntryRow] = []
        self.found: dict[int, list[Alert]] = {}
        self.columns: tuple[Column, ...] = (*monthly.columns(self.period), WARNING_COLUMN)
        self._keys = [c.key for c in self.columns]
        self._row_of: dict[int, int] = {}
        self._totals = monthly.totals([])
        #: set while this model tells the other pages about its own change
        self.notifying = False

    # --- loading -----------------------------------------------------------------------------

    def load(self, period: Period | None = None, flt: ProjectFilter | None = None,
             active_only: bool | None = None) -> None:
        if period is not None:
            self.period = period
        if flt is not None:
            self.filter = flt
        if active_only is not None:
            self.active_only = active_only
        self.beginResetModel()
        with self.context.db.session() as session:
            self.rows = monthly.load_rows(session, self.period, self.filter,
                                          active_only=self.active_only)
            self.found = alerts.evaluate(session, self.period, self.filter)
            self.locked = monthly.is_locked(session, self.period)
        self.columns = (*monthly.columns(self.period), WARNING_COLUMN)
        self._keys = [c.key for c in self.columns]
        self._row_of = {r.project_id: i for i, r in enumerate(self.rows)}
        self._totals = monthly.totals(self.rows)
        self.endResetModel()
        self.totalsChanged.emit()
        self.lockChanged.emit(self.locked)

    def refresh_lock(self) -> None:
        with self.context.db.session() as session:
            locked = monthly.is_locked(session, self.period)
        if locked != self.locked:
            self.beginResetModel()
            self.locked = locked
            self.endResetModel()
        self.lockChanged.emit(self.locked)

    def _reload_rows(self, project_ids: Sequence[int]) -> None:
        ids = [i for i in project_ids if i in self._row_of]
        if not ids:
            return
        with self.context.db.session() as session:
            fresh = monthly.load_rows(session, self.period, ids=ids)
            found = alerts.evaluate(session, self.period, ids=ids)
        for row in fresh:
            index = self._row_of[row.project_id]
            self.rows[index] = row
            self.found.pop(row.project_id, None)
            if row.project_id in found:
                self.found[row.project_id] = found[row.project_id]
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))
        self._totals = monthly.totals(self.rows)
        self.totalsChanged.emit()

    @property
    def totals(self) -> monthly.Totals:
        return self._totals

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def column_label(self, column: int) -> str:
        return self.columns[column].label

    def column_tooltip(self, column: int) -> str | None:
        c = self.columns[column]
        if c.key == "plan_rate":  # not the Gantt's 完成%, which is of the total investment
            return (f"占年度计划%：{self.period.range_label}累计完成投资占{self.period.year}年"
                    "计划投资的比例（甘特图的“占总投资%”是累计完成投资占总投资的比例）")
        if c.editable:
            return f"{c.label}（可填写）"
        return f"{c.label}（自动计算，不能填写）" if c.kind in ("money", "percent") else c.label

    def column_key(self, column: int) -> str:
        return self._keys[column]

    def column_key_index(self, key: str) -> int:
        return self._keys.index(key)

    def is_editable_column(self, column: int) -> bool:
        return self.columns[column].editable

    def readonly_reason(self, index: QModelIndex) -> str | None:
        """Why a cell cannot be typed into (None when it can)."""
        column = self.columns[index.column()]
        if not column.editable:
            return f"“{column.label}”由系统计算或来自项目信息，不能在此填写"
        if self.locked:
            return f"{self.period.label}已报送锁定，如需修改请先点击“重新打开”"
        row = self.rows[index.row()]
        if column.key == "investment" and not row.is_leaf:
            return "打包项目的投资请填报在各子项目中"
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        key = column.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "warnings":
                return "、".join(w.label for w in self.found.get(row.project_id, []))
            value = row.value(key)
            if role == Qt.ItemDataRole.DisplayRole and key in ("progress", "problems",
                                                               "next_steps"):
                return str(value).replace("\n", " ")
            return monthly.display(key, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("money", "percent"):
                return _RIGHT
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self.found.get(row.project_id)
            if key == "warnings" and found:
                return QBrush(QColor(STATE_BACKGROUNDS["warning"]))
            if not column.editable or self.locked:
                return QBrush(_READ_ONLY_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("name", "warnings") and row.project_id in self.found:
                return QBrush(QColor(STATE_COLOURS["warning"]))
            return None
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            return QColor(STATE_COLOURS[state(row, self.found.get(row.project_id, []))])
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self.found.get(row.project_id)
            if key in ("name", "warnings") and found:
                return alerts.reasons(found)
            if key == "investment" and row.remaining is not None:
                most = monthly.display("investment", row.remaining)
                return f"本月最多可填报{most}万元（剩余投资）"
            if key in ("progress", "problems", "next_steps"):
                return str(row.value(key)) or None
            if key == "ytd":
                return carried_note(row.carried, row.first_month)
            if key == "name" and not row.is_leaf:
                return "打包项目：投资在各子项目中填报，合计时不重复计算"
            return None
        return None

    def save_cell(self, index: QModelIndex, text: str) -> bool:
        key = self._keys[index.column()]
        typed = monthly.parse_cell(key, text, self.period)
        row = self.rows[index.row()]
        if row.value(key) == typed:
            return True
        return self.apply_edits([CellEdit(row.project_id, key, typed)],
                                f"{monthly.EDITABLE[key]}：{row.name}")

    # --- checking and saving -----------------------------------------------------------------

    def check(self, index: QModelIndex, text: str) -> str | None:
        reason = self.readonly_reason(index)
        if reason:
            return reason
        key = self._keys[index.column()]
        try:
            typed = monthly.parse_cell(key, text, self.period)
        except EntryError as error:
            return str(error)
        return self._check_edits([CellEdit(self.rows[index.row()].project_id, key, typed)])

    def _check_edits(self, edits: Sequence[CellEdit]) -> str | None:
        by_project: dict[int, dict[str, object]] = {}
        for edit in edits:
            by_project.setdefault(edit.project_id, {})[edit.key] = edit.value
        for project_id, values in by_project.items():
            row_index = self._row_of.get(project_id)
            if row_index is None:
                continue
            try:
                monthly.check_values(self.rows[row_index], dict(values), self.period)
            except EntryError as error:
                return str(error)
        return None

    def apply_edits(self, edits: Sequence[CellEdit], text: str) -> bool:
        """Push ``edits`` as one undoable step (checked first; refused edits change nothing)."""
        if not edits:
            return False
        if self.locked:
            self.refused.emit(QModelIndex(), self.readonly_reason(self.index(0, 8)) or "")
            return False
        reason = self._check_edits(edits)
        if reason:
            self.refused.emit(self._index_of(edits[0]), reason)
            return False
        by_id = {r.project_id: r for r in self.rows}
        new, old = monthly.guarded(by_id, edits)
        command = EntryCommand(self, self.period, new, old, text)
        self.context.undo_stack_for("monthly").push(command)
        return command.succeeded

    def show_refusal(self, error: Exception) -> None:
        """Say why a save was refused, beside the cell it names when it names one."""
        if isinstance(error, StaleEdit):
            self.refused.emit(QModelIndex(), str(error))
            return
        if not isinstance(error, EntryError):
            self.refused.emit(QModelIndex(), f"保存失败：{error}")
            return
        index = QModelIndex()
        if error.project_id in self._row_of and error.column in self._keys:
            index = self.index(self._row_of[error.project_id], self._keys.index(error.column))
        self.refused.emit(index, str(error))

    def saved(self, period: Period, project_ids: Sequence[int]) -> None:
        """Edits of ``period`` to ``project_ids`` were written: read those rows again."""
        if period == self.period:
            self._reload_rows(project_ids)

    def _index_of(self, edit: CellEdit) -> QModelIndex:
        row = self._row_of.get(edit.project_id)
        if row is None or edit.key not in self._keys:
            return QModelIndex()
        return self.index(row, self._keys.index(edit.key))

    # --- grid operations ---------------------------------------------------------------------

    def paste(self, text: str, row: int, column: int) -> tuple[bool, str]:
        if self.locked:
            return False, self.readonly_reason(self.index(row, column)) or ""
        block = monthly.parse_block(text)
        plan = monthly.plan_paste(self.rows, self._keys, block, row, self._keys[column],
                                  self.period)
        if plan.errors:
            more = f"（共{len(plan.errors)}处问题）" if len(plan.errors) > 1 else ""
            return False, f"未粘贴：{plan.errors[0]}{more}"
        if not plan.edits:
            return False, "未粘贴：没有可填写的内容"
        how = "按项目名称对应" if plan.matched_by == "name" else "按行顺序"
        rows = len({e.project_id for e in plan.edits})
        if not self.apply_edits(plan.edits, f"粘贴{rows}行"):
            return False, ""
        return True, f"已粘贴{rows}个项目、{len(plan.edits)}个单元格（{how}）"

    def clear(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        edits = []
        for index in indexes:
            key = self._keys[index.column()]
            if key in _CLEARED and self.readonly_reason(index) is None:
                row = self.rows[index.row()]
                if row.value(key) != _CLEARED[key]:
                    edits.append(CellEdit(row.project_id, key, _CLEARED[key]))
        if not edits:
            return True, ""
        if not self.apply_edits(edits, f"清除{len(edits)}个单元格"):
            return False, ""
        return True, f"已清除{len(edits)}个单元格"

    def fill_down(self, indexes: Sequence[QModelIndex]) -> tuple[bool, str]:
        by_column: dict[int, list[int]] = {}
        for index in indexes:
            by_column.setdefault(index.column(), []).append(index.row())
        edits: list[CellEdit] = []
        for column, rows in by_column.items():
            key = self._keys[column]
            if key not in monthly.EDITABLE:
                continue
            if any(self.readonly_reason(self.index(r, column)) for r in rows):
                return False, self.readonly_reason(self.index(rows[0], column)) or ""
            edits += monthly.fill_down(self.rows, key, rows)
        if not edits:
            return True, "请先选中同一列中要向下填充的多个单元格（第一个为来源）"
        if not self.apply_edits(edits, f"向下填充{len(edits)}个单元格"):
            return False, ""
        return True, f"已向下填充{len(edits)}个单元格"

    def row_of(self, project_id: int) -> int | None:
        return self._row_of.get(project_id)

    def project_at(self, row: int) -> EntryRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
