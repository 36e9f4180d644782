"""A small two-column table with add/remove buttons (建设规模指标, 资金来源)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class PairTable(QWidget):
    """Rows of two texts; the editor parses them when saving."""

    def __init__(
        self, headers: tuple[str, str], *, right_aligned: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(list(headers))
        self._right = right_aligned
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(QStyledItemDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setMinimumHeight(90)
        self.view.setMaximumHeight(140)
        add = QPushButton("添加", self)
        add.clicked.connect(self.add_row)
        remove = QPushButton("删除", self)
        remove.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _item(self, text: str, column: int) -> QStandardItem:
        item = QStandardItem(text)
        if column == self._right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for a, b in rows:
            self.model.appendRow([self._item(a, 0), self._item(b, 1)])

    def rows(self) -> list[tuple[str, str]]:
        """Non-empty rows, stripped."""
        out = []
        for r in range(self.model.rowCount()):
            a = (self.model.item(r, 0).text() if self.model.item(r, 0) else "").strip()
            b = (self.model.item(r, 1).text() if self.model.item(r, 1) else "").strip()
            if a or b:
                out.append((a, b))
        return out

    def add_row(self) -> None:
        self.model.appendRow([self._item("", 0), self._item("", 1)])
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        for row in rows:
            self.model.removeRow(row)
