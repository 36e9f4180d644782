"""Which projects an export reports on: 全部项目, unless the user picks the current filter.

A filter set on 总览 or the register narrows the pages, but a report titled for the county
must not silently cover only part of it. When a filter is active the export asks first, with
全部项目 chosen; a report on the filter then says so in its titles (:mod:`portfolio.scope`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.queries import ProjectFilter
from portfolio import projects, scope
from ui.context import AppContext


class ScopeDialog(QDialog):
    """全部项目 (the default) or 当前筛选：<描述>; :meth:`chosen` is the filter to export."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._filter = context.filter
        with context.db.session() as session:
            total = projects.count(session)
            shown = projects.count(session, self._filter)
            self.description = scope.describe(self._filter, session)
        self.whole = QRadioButton(f"{scope.WHOLE}（{total}个）", self)
        self.filtered = QRadioButton(f"当前筛选：{self.description}（{shown}个）", self)
        self.whole.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.filtered)
        note = QLabel("按筛选导出时，报表标题注明“（筛选：…）”，文字称“所选项目”。", self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("下一步…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导出范围：", self))
        layout.addWidget(self.whole)
        layout.addWidget(self.filtered)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> ProjectFilter:
        return self._filter if self.filtered.isChecked() else ProjectFilter()


__all__ = ["ScopeDialog"]
