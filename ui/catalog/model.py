"""The table model of the catalogue page: one row per catalogue entry.

The entries come from :func:`portfolio.catalog.entries` (the files, parsed once per
process); only the adopted keys come from the database, and :meth:`CatalogModel.set_adopted`
changes just the 已纳入 column when they change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from portfolio.catalog import LibraryEntry
from portfolio.vocabulary import KINDS, UNTRACKED_KINDS
from ui.widgets.row_model import AnyIndex, RowListModel

#: the entry's key ("file#name")
KeyRole = Qt.ItemDataRole.UserRole + 1
#: the entry's document file
DocumentRole = Qt.ItemDataRole.UserRole + 2
#: the entry's 领域
CategoryRole = Qt.ItemDataRole.UserRole + 3
#: what the search box looks in: name and location
SearchRole = Qt.ItemDataRole.UserRole + 4
#: a value to sort by (numbers for the line and the investment)
SortRole = Qt.ItemDataRole.UserRole + 5

_ADOPTED = QColor("#1e7b34")
#: directions and goals: listed, greyed, not adopted with their whole document
_UNTRACKED = QColor("#808080")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CatalogModel(RowListModel[LibraryEntry]):
    HEADERS = (
        "已纳入", "项目名称", "性质", "领域", "建设地点", "投资（原文）", "来源文件", "行", "编号",
    )
    ADOPTED, NAME, KIND, CATEGORY, LOCATION, INVESTMENT, DOCUMENT, LINE, ID = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.adopted: frozenset[str] = frozenset()

    def set_entries(self, rows: Sequence[LibraryEntry], adopted: set[str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.adopted = frozenset(adopted)
        self.endResetModel()

    def set_adopted(self, adopted: set[str]) -> None:
        """Mark ``adopted`` as the keys the register holds; repaints the 已纳入 column."""
        if frozenset(adopted) == self.adopted:
            return
        self.adopted = frozenset(adopted)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.ADOPTED), self.index(len(self.rows) - 1, self.ADOPTED)
            )

    def entry(self, row: int) -> LibraryEntry:
        return self.rows[row]

    def is_adopted(self, row: int) -> bool:
        return self.rows[row].key in self.adopted

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        entry, column = row.entry, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if column == self.ADOPTED:
                adopted = row.key in self.adopted
                return ("是" if adopted else "") if role == Qt.ItemDataRole.DisplayRole else int(
                    adopted
                )
            if column == self.NAME:
                return entry.name
            if column == self.KIND:
                return KINDS.get(entry.kind, entry.kind)
            if column == self.CATEGORY:
                return entry.category
            if column == self.LOCATION:
                return entry.location
            if column == self.INVESTMENT:
                if role == SortRole:
                    return float(entry.investment) if entry.investment is not None else -1.0
                return entry.investment_text
            if column == self.DOCUMENT:
                return row.document.number or row.document.file
            if column == self.LINE:
                return entry.line
            if column == self.ID:
                return entry.short_id
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DOCUMENT:
                return f"{row.document.title}（{row.document.file}）"
            if column == self.NAME:
                return entry.quote
        elif role == Qt.ItemDataRole.ForegroundRole:
            if column == self.ADOPTED:
                return _ADOPTED
            if entry.kind in UNTRACKED_KINDS:
                return _UNTRACKED
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(_RIGHT)
        elif role == KeyRole:
            return row.key
        elif role == DocumentRole:
            return row.document.file
        elif role == CategoryRole:
            return entry.category
        elif role == SearchRole:
            return f"{entry.name} {entry.location}"
        return None
