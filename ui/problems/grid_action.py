"""转为问题台账 in the month grid: the context menu of a row's 存在问题 cell turns that month's
text into a tracked problem (:func:`portfolio.problems.from_monthly_text`), undoably."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView

from ui.context import AppContext
from ui.monthly.model import EntryModel
from ui.problems.commands import FromMonthlyTextCommand

ACTION_TEXT = "转为问题台账"


def convert(context: AppContext, model: EntryModel, index: QModelIndex) -> bool:
    """Log the 存在问题 of ``index``'s row; False (with the reason in the status bar) when
    there is nothing to log or it was refused."""
    row = model.project_at(index.row())
    if row is None or not row.problems.strip():
        context.show_message("该行“存在问题”为空，没有可转入问题台账的内容")
        return False
    command = FromMonthlyTextCommand(context, row.project_id, model.period, row.problems)
    context.undo_stack_for("problems").push(command)
    if command.error:
        return False
    context.show_message(f"已转入问题台账：第{command.problem_id}号问题")
    return True


def install(context: AppContext, view: QTableView, model: EntryModel) -> None:
    """Give ``view`` a context menu with 转为问题台账 on the 存在问题 column."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(point: QPoint) -> None:
        index = view.indexAt(point)
        if not index.isValid() or model.column_key(index.column()) != "problems":
            return
        menu = QMenu(view)
        action = menu.addAction(ACTION_TEXT)
        row = model.project_at(index.row())
        action.setEnabled(row is not None and bool(row.problems.strip()))
        action.triggered.connect(lambda: convert(context, model, index))
        menu.exec(view.viewport().mapToGlobal(point))

    view.customContextMenuRequested.connect(show_menu)
