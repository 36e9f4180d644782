"""Undoable monthly-entry edits: each step is one transaction through
:func:`portfolio.monthly.save_cells`, so undo is a save of the old values (audited like any
other change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from portfolio import monthly
from portfolio.monthly import CellEdit, EntryError
from portfolio.periods import Period
from ui.operations import DatabaseCommand

if TYPE_CHECKING:
    from ui.monthly.model import EntryModel


class EntryCommand(DatabaseCommand):
    """Cells of one period changed together (a typed cell, a paste, a fill, a clear).

    A step the database refuses (the month was locked meanwhile, a project vanished) makes
    the command obsolete, so the stack never holds a change that did not happen."""

    refusals = (EntryError,)

    def __init__(self, model: EntryModel, period: Period, new: Sequence[CellEdit],
                 old: Sequence[CellEdit], text: str) -> None:
        super().__init__(model.context, f"{period.label}月度调度：{text}")
        self._model_ref = self.weak(model)
        self._period = period
        self._new = list(new)
        self._old = list(old)
        self.succeeded = False

    @property
    def _model(self) -> EntryModel:
        return self.follow(self._model_ref)

    def _save(self, edits: list[CellEdit]) -> bool:
        return self.run(lambda session: monthly.save_cells(session, self._period, edits))

    def redo(self) -> None:
        self.succeeded = self._save(self._new)

    def undo(self) -> None:
        self._save(self._old)

    def refused(self, error: Exception) -> None:
        self._model.show_refusal(error)

    def applied(self, result: list[int]) -> None:
        self._model.saved(self._period, result)

    def changed(self) -> None:
        if self.isObsolete():  # refused as stale: this page must reload like the others
            super().changed()
            return
        # the entry page skips the reload its own edit would cause: the rows are fresh
        self._model.notifying = True
        try:
            super().changed()
        finally:
            self._model.notifying = False
