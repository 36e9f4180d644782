"""The register as a Qt table model over the database.

On a filter or sort change the model fetches only the ordered ids (one indexed query). Row
data is fetched when the view asks for it, in pages of :data:`PAGE_SIZE` ids, and cached;
a register of tens of thousands of projects costs the rows on screen, not the whole table.
Sorting is SQL: a header click goes to :meth:`AppContext.set_sort`, never to a proxy model.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from db.queries import RegisterRow
from portfolio import problems, projects
from portfolio.money import MoneyError, format_money, parse_money
from portfolio.projects import ValidationError
from portfolio.vocabulary import FIELD_LABELS, LEVELS
from ui.context import AppContext
from ui.editor.commands import SetFieldCommand
from ui.register.columns import COLUMN_INDEX, COLUMNS, Editor, RegisterColumn

PAGE_SIZE = 200
#: Pages kept in memory; older ones are fetched again when scrolled back to.
MAX_CACHED_PAGES = 64

#: Role of the project id of a row (any column).
ProjectIdRole = Qt.ItemDataRole.UserRole + 1

_AnyIndex = QModelIndex | QPersistentModelIndex
_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}


def _level_rank(level: str) -> int:
    """A level's place in LEVELS; one the list does not know (an older database's) last."""
    return _LEVEL_RANK.get(level, len(_LEVEL_RANK))

# data() and flags() run for every cell and role at every paint: plain ints and precomputed
# answers keep them cheap (comparing Qt enums costs a Python call each).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_PROJECT_ID = int(ProjectIdRole)
_TEXT_ROLES = frozenset((_DISPLAY, _EDIT, _TOOLTIP))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_RIGHT_ALIGNED = tuple(c.key in ("total_investment", "id", "line", "problems") for c in COLUMNS)
_FLAGS = tuple(
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    | (Qt.ItemFlag.ItemIsEditable if c.editor is not Editor.NONE else Qt.ItemFlag.NoItemFlags)
    for c in COLUMNS
)


class RegisterModel(QAbstractTableModel):
    """The projects of ``context.filter`` in ``context.sort`` order."""

    #: the number of rows after a reload
    rowsReloaded = Signal(int)

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, RegisterRow]] = OrderedDict()
        #: the page most recently used (already last in ``_pages``)
        self._last_page = -1
        #: how many pages were fetched from the database (for tests and diagnostics)
        self.pages_fetched = 0
        context.filterChanged.connect(self.reload)
        context.orderChanged.connect(self.reload)
        context.dataChanged.connect(self.refresh)
        self.reload()

    # --- loading -------------------------------------------------------------------------

    def _fetch_ids(self) -> list[int]:
        key, descending = self._context.sort
        with self._context.db.session() as session:
            return projects.filtered_ids(session, self._context.filter, key, descending)

    def reload(self) -> None:
        """Fetch the ids again and drop every cached row (filter or order changed)."""
        ids = self._fetch_ids()
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.rowsReloaded.emit(len(ids))

    def refresh(self) -> None:
        """The data changed: keep the rows in place when the same projects are listed."""
        ids = self._fetch_ids()
        if ids != self._ids:
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
            self.rowsReloaded.emit(len(ids))
            return
        self._pages.clear()
        if ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1)
            )

    def _page(self, number: int) -> dict[int, RegisterRow]:
        page = self._pages.get(number)
        if page is not None:
            if number != self._last_page:
                self._pages.move_to_end(number)
                self._last_page = number
            return page
        ids = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        with self._context.db.session() as session:
            page = {r.id: r for r in projects.register_rows(session, ids)}
            for pid, summary in problems.project_summaries(session, ids).items():
                if pid in page:
                    page[pid] = replace(page[pid], open_problems=summary.open,
                                        overdue_problems=summary.overdue)
        self.pages_fetched += 1
        self._pages[number] = page
        self._last_page = number
        if len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    # --- access by row -------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    @property
    def cached_pages(self) -> list[int]:
        return sorted(self._pages)

    def project_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, project_id: int) -> int:
        """The row showing ``project_id``, or -1."""
        try:
            return self._ids.index(project_id)
        except ValueError:
            return -1

    def register_row(self, row: int) -> RegisterRow | None:
        """The row's data (None when the project vanished since the ids were fetched)."""
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // PAGE_SIZE).get(self._ids[row])

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            column = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                tips = [column.title]
                if column.sort_key is None:
                    tips.append("（不能按此列排序）")
                if column.editor is not Editor.NONE:
                    tips.append("（可直接编辑：F2 或直接输入）")
                return "".join(tips)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS[index.column()]

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _TEXT_ROLES:
            if role == _ALIGNMENT:
                return _RIGHT if index.isValid() and _RIGHT_ALIGNED[index.column()] else None
            if role == _PROJECT_ID and index.isValid():
                return self._ids[index.row()]
            return None
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        row = self.register_row(index.row())
        if row is None:
            deleted = role == _DISPLAY and column.key == "name"
            return "（已删除）" if deleted else None
        if role == _DISPLAY:
            return _display(row, column)
        if role == _EDIT:
            return _edit_value(row, column)
        return _tooltip(row, column)

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Turn a cell edit into an undoable command; refuse bad input with a message."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column.editor is Editor.NONE:
            return False
        project_id = self._ids[index.row()]
        try:
            new = _parse(column, value)
            with self._context.db.session() as session:
                current = projects.load(session, project_id)
            old = getattr(current, column.key)
            if new == old:
                return False
            projects.validate(current.with_changes(**{column.key: new}))
        except (MoneyError, ValueError) as error:
            message = _refusal(column, error)
            self._context.show_message(message)
            return False
        self._context.undo_stack.push(
            SetFieldCommand(self._context, project_id, column.key, old, new, current.name)
        )
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else None
        if key is not None:
            self._context.set_sort(key, order == Qt.SortOrder.DescendingOrder)


def _display(row: RegisterRow, column: RegisterColumn) -> Any:
    key = column.key
    if key == "total_investment":
        return format_money(row.total_investment)
    if key == "levels":
        return "、".join(sorted(row.levels, key=_level_rank))
    if key == "document":
        return row.document_number or row.document
    if key == "line":
        return row.line
    if key == "problems":
        if not row.open_problems:
            return ""
        late = f"（逾期{row.overdue_problems}）" if row.overdue_problems else ""
        return f"{row.open_problems}{late}"
    value = getattr(row, key)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _edit_value(row: RegisterRow, column: RegisterColumn) -> Any:
    if column.editor is Editor.MONEY:
        return format_money(row.total_investment)
    return getattr(row, column.key, None) if column.key in COLUMN_INDEX else None


def _tooltip(row: RegisterRow, column: RegisterColumn) -> str | None:
    if column.key in ("document", "line") and row.document:
        parts = [row.document]
        if row.document_number:
            parts.append(row.document_number)
        if row.line is not None:
            parts.append(f"第{row.line}行")
        if row.quote:
            parts.append(f"“{row.quote}”")
        return "\n".join(parts)
    if column.key == "problems" and row.open_problems:
        return problems.ProjectProblems(row.open_problems, row.overdue_problems).text
    if column.key in ("name", "location"):
        text = _display(row, column)
        return str(text) if text else None
    return None


def _parse(column: RegisterColumn, value: Any) -> Any:
    """The ProjectData value of what the editor returned."""
    if column.editor is Editor.MONEY:
        if isinstance(value, Decimal):
            return parse_money(value, field=column.title)
        return parse_money(str(value or ""), field=column.title)
    if column.editor is Editor.DATE:
        if value is None or isinstance(value, dt.date):
            return value
        text = str(value).strip()
        return dt.date.fromisoformat(text) if text else None
    return "" if value is None else str(value).strip()


def _refusal(column: RegisterColumn, error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "未保存：" + "；".join(error.errors.values())
    if isinstance(error, MoneyError):
        return f"未保存：{error}"
    return f"未保存：{FIELD_LABELS.get(column.key, column.title)}格式不正确（{error}）"
