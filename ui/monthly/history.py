"""A project's history: every recorded change of its figures (who, when, old → new)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from portfolio import monthly
from portfolio.monthly import HistoryEntry
from ui.context import AppContext
from ui.widgets.row_model import AnyIndex, RowListModel


class HistoryModel(RowListModel[HistoryEntry]):
    HEADERS = ("时间", "修改人", "操作", "内容", "原值", "新值")

    def __init__(self, entries: list[HistoryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = entries

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.rows[index.row()]
        values = (e.at.strftime("%Y-%m-%d %H:%M"), e.user, e.action, e.what, e.old, e.new)
        return values[index.column()]


class HistoryDialog(QDialog):
    """修改记录 of one project, newest first."""

    def __init__(self, context: AppContext, project_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with context.db.session() as session:
            name = monthly.project_name(session, project_id)
            entries = monthly.history(session, project_id)
        self.setWindowTitle(f"修改记录 — {name}")
        self.model = HistoryModel(entries, self)
        view = QTableView(self)
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{name}：共{len(entries)}条修改记录（最新的在前）", self))
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
