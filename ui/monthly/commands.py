"""Undoable monthly-entry edits: each step is one transaction through
:func:`portfolio.monthly.save_cells`, so undo is a save of the old values (audited like any
other change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from portfolio.monthly import CellEdit
from portfolio.periods import Period

if TYPE_CHECKING:
    from ui.monthly.model import EntryModel


class EntryCommand(QUndoCommand):
    """Cells of one period changed together (a typed cell, a paste, a fill, a clear).

    A step the database refuses (the month was locked meanwhile, a project vanished) makes
    the command obsolete, so the stack never holds a change that did not happen."""

    def __init__(self, model: EntryModel, period: Period, new: Sequence[CellEdit],
                 old: Sequence[CellEdit], text: str) -> None:
        super().__init__(f"{period.label}月度调度：{text}")
        self._model = model
        self._period = period
        self._new = list(new)
        self._old = list(old)
        self.succeeded = False

    def redo(self) -> None:
        self.succeeded = self._model.save(self._period, self._new)
        if not self.succeeded:
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._model.save(self._period, self._old):
            self.setObsolete(True)
