"""Undoable changes to projects: each one user action, each one database transaction.

Every command re-reads the project before changing it, so that undoing a single-field edit
puts back that field only, whatever else was edited in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from portfolio import projects
from portfolio.concurrency import StaleEdit
from portfolio.projects import ProjectData, ValidationError
from portfolio.vocabulary import FIELD_LABELS
from ui.context import AppContext
from ui.operations import DatabaseCommand


def error_message(error: Exception) -> str:
    """The Chinese sentence for a failed project change."""
    if isinstance(error, ValidationError | StaleEdit):
        return str(error)
    if isinstance(error, KeyError):
        return "该项目已不存在（可能已被删除）"
    return f"保存失败：{error}"


class ProjectCommand(DatabaseCommand):
    """A change to projects. A step that fails (the data is invalid, the project vanished, the
    database refused) is reported in the status bar and the command made obsolete."""

    refusals = (ValidationError, KeyError)

    def refused(self, error: Exception) -> None:
        self._context.show_message(error_message(error))


class SetFieldCommand(ProjectCommand):
    """One field of one project, as edited in a register cell."""

    def __init__(
        self, context: AppContext, project_id: int, field: str, old: Any, new: Any,
        project_name: str = "",
    ) -> None:
        label = FIELD_LABELS.get(field, field)
        text = f"修改{label}：{project_name}" if project_name else f"修改{label}"
        super().__init__(context, text)
        self.project_id = project_id
        self.field = field
        self._old = old
        self._new = new

    def _set(self, old: Any, value: Any) -> None:
        self.run(lambda s: projects.set_field(s, self.project_id, self.field, old, value))

    def redo(self) -> None:
        self._set(self._old, self._new)

    def undo(self) -> None:
        self._set(self._new, self._old)


class EditProjectCommand(ProjectCommand):
    """A save in the editor: the whole project, old data → new data."""

    def __init__(
        self, context: AppContext, project_id: int, old: ProjectData, new: ProjectData
    ) -> None:
        super().__init__(context, f"编辑项目：{new.name}")
        self.project_id = project_id
        self._old = old
        self._new = new

    def redo(self) -> None:
        self.run(lambda s: projects.update(s, self.project_id, self._new, expected=self._old))

    def undo(self) -> None:
        self.run(lambda s: projects.update(s, self.project_id, self._old, expected=self._new))


class AddProjectCommand(ProjectCommand):
    """A new project; undo deletes it, redo puts it back with the same id."""

    def __init__(self, context: AppContext, data: ProjectData) -> None:
        super().__init__(context, f"新建项目：{data.name}")
        self._data = data
        self._saved: dict[str, list[dict[str, Any]]] | None = None
        self.project_id: int | None = None

    def redo(self) -> None:
        def step(session: Session) -> None:
            if self._saved is None:
                self.project_id = projects.create(session, self._data)
            else:
                self.project_id = projects.restore(session, self._saved)

        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            assert self.project_id is not None
            self._saved = projects.delete_project(session, self.project_id)

        self.run(step)


class DeleteProjectsCommand(ProjectCommand):
    """Deleting one or more projects; undo restores every row that hung off them."""

    def __init__(self, context: AppContext, project_ids: Sequence[int], names: Sequence[str]):
        text = f"删除项目：{names[0]}" if len(names) == 1 else f"删除 {len(names)} 个项目"
        super().__init__(context, text)
        self.project_ids = list(project_ids)
        self._saved: list[dict[str, list[dict[str, Any]]]] = []

    def redo(self) -> None:
        def step(session: Session) -> None:
            self._saved = [projects.delete_project(session, pid) for pid in self.project_ids]

        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            for saved in reversed(self._saved):
                projects.restore(session, saved)

        self.run(step)
