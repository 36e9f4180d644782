"""The 填报情况 table: one row per form sent for the month (:class:`HolderStatus`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from portfolio.collection import HolderStatus
from ui.widgets.row_model import RowListModel

_LATE = QBrush(QColor("#fde2e1"))
_LATE_TEXT = QBrush(QColor("#a61b1b"))


def _when(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


class ReturnsModel(RowListModel[HolderStatus]):
    """Sent, returned or not, when, filled of total, leaders and contacts; the rows of
    those who have not reported are tinted red."""

    HEADERS = ("类型", "单位/乡镇", "下发项目", "下发时间", "报回情况", "报回时间", "已填/总数",
               "包联领导", "联系人")

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        s = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (s.by_label, s.holder, str(s.sent), _when(s.sent_at),
                      "已报回" if s.returned else "未报", _when(s.returned_at),
                      f"{s.filled}/{s.total}" if s.returned else "",
                      "、".join(s.leaders), "、".join(s.contacts))
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole and not s.returned:
            return _LATE
        if role == Qt.ItemDataRole.ForegroundRole and not s.returned and column == 4:
            return _LATE_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
