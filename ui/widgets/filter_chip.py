"""The active filter, shown on a page that follows it: "筛选：预警项目（47个）  ✕ 清除".

A filter set elsewhere (clicking a figure on 总览) narrows every page that lists projects,
while the register's search box and buttons cannot show it (a list of ids has no button). A
page that follows ``context.filter`` puts this chip above its table, so a partial list never
passes for the whole portfolio; one click clears the filter everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from db.queries import ProjectFilter
from portfolio import projects, scope
from ui.context import AppContext
from ui.lazy_refresh import LazyRefresh

STYLE = ("#filterChip { background:#fff4e5; border:1px solid #f0b45a; border-radius:4px; }"
         "#filterChip QLabel { color:#8a4b00; }")


class FilterChip(QFrame):
    """Hidden while the context has no filter; otherwise names it and counts its projects.

    It reads the count only when ``page`` is shown (through :class:`LazyRefresh`)."""

    def __init__(self, context: AppContext, page: QWidget) -> None:
        super().__init__(page)
        self._context = context
        self.setObjectName("filterChip")
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕ 清除筛选")
        self.clear_button.setToolTip("显示全部项目（所有页面）")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.setVisible(not context.filter.is_empty())
        self.lazy = LazyRefresh(page, self.refresh, context.filterChanged, context.dataChanged)
        # hide at once when cleared, even on a hidden page
        context.filterChanged.connect(self._follow)

    def _follow(self, flt: ProjectFilter) -> None:
        self.setVisible(not flt.is_empty())

    def refresh(self) -> None:
        flt = self._context.filter
        self.lazy.done()
        if flt.is_empty():
            self.hide()
            return
        with self._context.db.session() as session:
            words = scope.describe(flt, session)
            shown = projects.count(session, flt)
        self.label.setText(f"筛选：{words}（{shown}个项目）")
        self.label.setToolTip("当前页面只显示筛选出的项目；报表导出默认仍为全部项目")
        self.show()

    def clear(self) -> None:
        self._context.set_filter(ProjectFilter())


__all__ = ["FilterChip"]
