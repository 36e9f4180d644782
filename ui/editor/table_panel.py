"""The base of the editor's per-project tables (前期手续, 资金到位, 现场照片).

A :class:`ProjectRowsModel` lists one project's rows as :meth:`~ProjectRowsModel.read` returns
them from a ``portfolio`` function, and reads them again whenever ``AppContext.dataChanged``
fires — so the undo and redo of its commands, even after the editor closed, refresh it. The
columns from :attr:`~ProjectRowsModel.FIRST_EDITABLE` on are editable; an edit is handed to
:meth:`~ProjectRowsModel.push` as an undoable :class:`ui.operations.DatabaseCommand`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from sqlalchemy.orm import Session

from ui.context import AppContext
from ui.operations import DatabaseCommand
from ui.widgets.row_model import AnyIndex, RowListModel

Row = TypeVar("Row")


class ProjectRowsModel(RowListModel[Row]):
    """One project's rows, re-read on every data change; later columns editable."""

    #: the first editable column (columns before it are read-only)
    FIRST_EDITABLE: ClassVar[int] = 1

    def __init__(self, context: AppContext, project_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id = project_id
        self.load()
        context.dataChanged.connect(self.load)

    def read(self, session: Session) -> Sequence[Row]:
        """The project's rows, through ``portfolio``."""
        raise NotImplementedError

    def load(self) -> None:
        with self.context.db.session() as session:
            self.set_rows(self.read(session))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() >= self.FIRST_EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def push(self, command: DatabaseCommand) -> bool:
        """Push ``command`` on the undo stack; True when it was written (a refused command is
        obsolete, and the stack drops it)."""
        stack = self.context.undo_stack
        before = stack.index()
        stack.push(command)
        return stack.index() > before


def table_view(model: Any, parent: QWidget, name: str) -> QTableView:
    """A table of cells (not rows) selected, columns sized by the user, the last one stretched."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


__all__ = ["ProjectRowsModel", "table_view"]
