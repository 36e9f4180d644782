"""Importing the accepted candidates as one undoable step."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from portfolio import projects
from portfolio.extract.importing import Accepted, DocumentInfo, ImportRefused, import_projects
from ui.context import AppContext
from ui.operations import DatabaseCommand


class ImportCommand(DatabaseCommand):
    """Creating the accepted projects: undo deletes them, redo puts the same rows back."""

    refusals = (ImportRefused, KeyError)

    def __init__(
        self,
        context: AppContext,
        document: DocumentInfo,
        accepted: list[Accepted],
        outcome: dict[str, Any],
    ) -> None:
        super().__init__(context, f"导入规划文件：{document.title}（{len(accepted)}个项目）")
        self._document = document
        self._accepted = accepted
        #: filled by the first redo: "ids" or "error" (the stack may drop a failed command)
        self._outcome = outcome
        self._ids: list[int] = []
        self._saved: list[dict[str, list[dict[str, Any]]]] = []
        self._undoing = False

    def redo(self) -> None:
        def step(session: Session) -> None:
            if self._saved:
                for saved in self._saved:
                    projects.restore(session, saved)
            else:
                self._ids = import_projects(session, self._document, self._accepted)
                self._outcome["ids"] = list(self._ids)

        self._undoing = False
        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            self._saved = [projects.delete_project(session, pid) for pid in self._ids]

        self._undoing = True
        self.run(step)

    def refused(self, error: Exception) -> None:
        if self._undoing:
            message = f"撤销导入失败：{error}"
        else:
            message = str(error) if isinstance(error, ImportRefused) else f"导入失败：{error}"
            self._outcome["error"] = message
        self._context.show_message(message)


__all__ = ["ImportCommand"]
