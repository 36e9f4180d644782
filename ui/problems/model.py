"""The 问题台账 as a Qt table model: the rows of one :class:`portfolio.problems.ProblemQuery`.

A ledger holds hundreds of problems, not tens of thousands of projects: the whole filtered list
is read in one query (:func:`portfolio.problems.list_problems`) and kept; overdue is as of the
day the rows were read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from portfolio import problems
from portfolio.alerts import STATE_BACKGROUNDS, STATE_COLOURS
from portfolio.problems import ProblemQuery, ProblemRow
from ui.context import AppContext
from ui.widgets.row_model import AnyIndex, RowListModel

#: Role of a row's problem number (any column).
ProblemIdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "序号"),
    ("project_name", "项目名称"),
    ("description", "问题描述"),
    ("kind", "类别"),
    ("unit", "协调单位"),
    ("person", "责任人"),
    ("deadline", "办结时限"),
    ("state", "状态"),
    ("overdue", "逾期"),
    ("raised", "提出时间"),
    ("resolution", "解决情况"),
)
#: Column widths in ems (one Chinese character), so they suit every font.
WIDTHS: dict[str, float] = {
    "id": 3, "project_name": 14, "description": 18, "kind": 5, "unit": 9, "person": 4.5,
    "deadline": 6.5, "state": 4.5, "overdue": 4.5, "raised": 5.5, "resolution": 14,
}
_CENTRED = {"id", "kind", "deadline", "state", "overdue", "raised"}
_OVERDUE_BACKGROUND = QBrush(QColor(STATE_BACKGROUNDS["warning"]))
_OVERDUE_TEXT = QBrush(QColor(STATE_COLOURS["warning"]))
_DONE_TEXT = QBrush(QColor("#5f6368"))


class ProblemsModel(RowListModel[ProblemRow]):
    """The problems of ``query`` (and the register's filter), open ones first."""

    HEADERS = tuple(title for _, title in COLUMNS)

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self.query = ProblemQuery()
        self.today = dt.date.today()

    def reload(self, query: ProblemQuery | None = None) -> None:
        """Read the rows of ``query`` (the current one when None) again."""
        if query is not None:
            self.query = query
        self.today = dt.date.today()
        with self._context.db.session() as session:
            rows = problems.list_problems(session, self.query)
        self.set_rows(rows)

    def problem_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, problem_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == problem_id), -1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        late = row.overdue_days(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("description", "resolution", "project_name"):
                return self.text(row, key) or None
            if key in ("overdue", "deadline") and late:
                return f"已超过办结时限{late}天"
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _OVERDUE_BACKGROUND if late else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if late and key in ("overdue", "deadline"):
                return _OVERDUE_TEXT
            return _DONE_TEXT if not row.is_open else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter if key in _CENTRED else None
        if role == ProblemIdRole:
            return row.id
        return None

    def text(self, row: ProblemRow, key: str) -> str:
        """What a cell shows."""
        if key == "id":
            return str(row.id)
        if key == "deadline":
            return row.deadline.isoformat() if row.deadline else ""
        if key == "raised":
            return row.raised.label
        if key == "overdue":
            late = row.overdue_days(self.today)
            return f"{late}天" if late else ""
        if key == "resolution" and row.resolved_on is not None:
            return f"{row.resolution}（{row.resolved_on.isoformat()}）"
        return str(getattr(row, key))

    def index_of(self, problem_id: int, column: int = 0) -> QModelIndex:
        row = self.row_of(problem_id)
        return self.index(row, column) if row >= 0 else QModelIndex()
