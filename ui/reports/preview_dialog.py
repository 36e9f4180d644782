"""The import preview: what an import would change, before anything is written.

Tabs list the new, changed (old → new per figure) and unchanged projects, the conflicts
between files, the lines that match no project (or several) and the errors with file, sheet,
row and column. 应用 writes everything in one transaction; it is enabled only when there is
no error (and, unless the user ticks the box to skip them, no conflict or unmatched line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exports.xlsx_import import FIGURES
from portfolio.money import format_money
from ui.widgets.row_model import AnyIndex, RowListModel


def shown(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "quantize"):
        return format_money(value)  # type: ignore[arg-type]
    return str(value)


class RowsModel(RowListModel[list[str]]):
    """Read-only rows of text under fixed headers."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(headers)
        self.rows = [[shown(v) for v in row] for row in rows]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


def preview_table(model: RowsModel, parent: QWidget) -> QTableView:
    """A read-only table of preview rows, columns as wide as their contents (the import
    preview of returned workbooks and that of a project list both use it)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.resizeColumnsToContents()
    return view


#: messages (错误, 提示 …) wrapped onto as many lines as they need, up to this many of them
WRAPPED_MESSAGES = 300
#: no column of a preview's table wider than this (a long file name or project name in full
#: in its tooltip): the column of the message beside it keeps the room to be read
WIDEST_COLUMN = 420
#: the tabs of an import preview whose rows are sentences to read
MESSAGE_TABS = ("冲突", "未匹配", "错误", "提示")


def wrap_messages(view: QTableView) -> None:
    """A message is a sentence naming file, sheet, row and column, longer than the window is
    wide: wrapped, not cut off. A long list keeps a line a message (its whole text in the
    tooltip): sizing thousands of rows to their text would take seconds."""
    if view.model().rowCount() <= WRAPPED_MESSAGES:
        view.setWordWrap(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class TabbedPreview(QDialog):
    """The frame every import preview shares: a window of its own title and size, a layout
    the subclass fills from top to bottom, and tabs of read-only tables, each tab titled with
    its count (``新增（5）``). Subclasses add the summary above and the buttons below."""

    def __init__(self, title: str, width: int, height: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(width, height)
        self.box = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        self.views: dict[str, QTableView] = {}

    def add_tab(self, name: str, model: RowsModel, count: int | None = None,
                widest: int | None = None) -> QTableView:
        """A tab of ``model``'s rows titled ``name（count）`` (by default the row count);
        no column wider than ``widest`` pixels when given (long texts show in the tooltip)."""
        view = preview_table(model, self.tabs)
        if widest is not None:
            for column in range(model.columnCount()):
                view.setColumnWidth(column, min(view.columnWidth(column), widest))
        self.models[name] = model
        self.views[name] = view
        self.tabs.addTab(view, f"{name}（{model.rowCount() if count is None else count}）")
        return view

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]


class PreviewDialog(TabbedPreview):
    """Shows a preview (tabs of tables) and applies it with ``apply(skip_unresolved)``."""

    def __init__(self, title: str, summary: str, tabs: list[tuple[str, RowsModel]],
                 can_apply: Callable[[bool], bool], unresolved: bool,
                 parent: QWidget | None = None, counts: dict[str, int] | None = None) -> None:
        super().__init__(title, 1000, 620, parent)
        self._can_apply = can_apply
        layout = self.box
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        for name, model in tabs:
            # a project with several changed figures has several rows; tabs count projects
            view = self.add_tab(name, model, (counts or {}).get(name), widest=WIDEST_COLUMN)
            if name in MESSAGE_TABS:
                wrap_messages(view)
        first = next((i for i, (_, m) in enumerate(tabs) if m.rowCount()), 0)
        errors = next((i for i, (n, m) in enumerate(tabs) if n == "错误" and m.rowCount()), None)
        self.tabs.setCurrentIndex(errors if errors is not None else first)
        layout.addWidget(self.tabs, 1)
        self.skip = QCheckBox("跳过有冲突的项目和未匹配的行，导入其余数据", self)
        self.skip.setVisible(unresolved)
        self.skip.toggled.connect(self._update)
        layout.addWidget(self.skip)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("应用", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.apply_button.setEnabled(self._can_apply(self.skip.isChecked()))

    @property
    def skip_unresolved(self) -> bool:
        return self.skip.isChecked()


def xlsx_preview_dialog(preview: Any, parent: QWidget | None = None) -> PreviewDialog:
    """The dialog for an :class:`exports.xlsx_import.ImportPreview`."""
    changes = [
        (c.project_id, c.name, label, old, new, "、".join(s.file for s in c.sources))
        for c in preview.changed for label, old, new in c.differences()
    ]
    new = [
        (c.project_id, c.name, label, new_value, "、".join(s.file for s in c.sources))
        for c in preview.new for label, _old, new_value in c.differences()
    ]
    tabs = [
        ("新增", RowsModel(["编号", "项目名称", "指标", "导入值", "来源文件"], new)),
        ("修改", RowsModel(["编号", "项目名称", "指标", "原值", "新值", "来源文件"], changes)),
        ("未变", RowsModel(["编号", "项目名称"],
                           [(c.project_id, c.name) for c in preview.unchanged])),
        ("冲突", RowsModel(["编号", "项目名称", "指标", "各文件的值"], [
            (c.project_id, c.name, FIGURES.get(c.figure, c.figure),
             "；".join(f"{s.file}第{s.row}行：{shown(v)}" for s, v in c.values))
            for c in preview.conflicts])),
        ("未匹配", RowsModel(["文件", "工作表", "行", "名称", "原因"], [
            (u.source.file, u.source.sheet, u.source.row, u.name or u.project_id, u.reason)
            for u in preview.unmatched])),
        ("错误", RowsModel(["文件", "工作表", "行", "列", "说明"], [
            (e.file, e.sheet, e.row, f"{e.column_letter}（{e.header}）" if e.column else e.header,
             e.message) for e in preview.errors])),
        ("提示", RowsModel(["文件", "工作表", "说明"], [
            (w.file, w.sheet, w.message) for w in getattr(preview, "warnings", [])])),
    ]
    return PreviewDialog(
        "导入预览", preview.summary(), tabs,
        lambda skip: preview.can_apply(skip_unresolved=skip), preview.unresolved, parent,
        counts={"新增": len(preview.new), "修改": len(preview.changed)})


def schedule_preview_dialog(preview: Any, parent: QWidget | None = None) -> PreviewDialog:
    """The dialog for an :class:`exports.mspdi.SchedulePreview`."""
    tabs = [
        ("修改", RowsModel(["编号", "项目名称", "原计划开工", "新计划开工", "原计划竣工",
                            "新计划竣工"], [
            (c.project_id, c.name, c.old_start, c.new_start, c.old_finish, c.new_finish)
            for c in preview.changed])),
        ("未变", RowsModel(["编号", "项目名称"],
                           [(c.project_id, c.name) for c in preview.unchanged])),
        ("未匹配", RowsModel(["任务", "名称", "原因"], [
            (u.source.row, u.name, u.reason) for u in preview.unmatched])),
        ("错误", RowsModel(["文件", "说明"], [(e.file, e.message) for e in preview.errors])),
    ]
    return PreviewDialog(
        "导入进度计划预览", preview.summary(), tabs,
        lambda skip: preview.can_apply(skip_unresolved=skip), bool(preview.unmatched), parent)
