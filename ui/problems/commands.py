"""Undoable changes to the 问题台账: each one user action, each one database transaction,
through :class:`ui.operations.DatabaseCommand` (a refused step is reported in the status bar
and the command made obsolete)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from portfolio import problems
from portfolio.concurrency import StaleEdit
from portfolio.periods import Period
from portfolio.problems import ProblemData, ProblemError
from ui.context import AppContext
from ui.operations import DatabaseCommand


class ProblemCommand(DatabaseCommand):
    """A change to the 问题台账; :attr:`error` keeps the last refusal for the dialog."""

    refusals = (ProblemError,)

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(context, text)
        #: the refusal of the last step, "" when it succeeded
        self.error = ""

    def _run(self, step: Callable[[Session], object]) -> bool:
        self.error = ""
        return self.run(step)

    def refused(self, error: Exception) -> None:
        self.error = (str(error) if isinstance(error, ProblemError | StaleEdit)
                      else f"保存失败：{error}")
        self._context.show_message(self.error)


class AddProblemCommand(ProblemCommand):
    """A new problem; undo deletes it, redo puts it back with the same number."""

    def __init__(self, context: AppContext, data: ProblemData) -> None:
        super().__init__(context, f"登记问题：{_short(data.description)}")
        self._data = data
        self.problem_id: int | None = None

    def redo(self) -> None:
        def step(session: Session) -> None:
            self.problem_id = problems.add(session, self._data, problem_id=self.problem_id)

        self._run(step)

    def undo(self) -> None:
        assert self.problem_id is not None
        problem_id = self.problem_id
        self._run(lambda s: _drop(problems.delete(s, problem_id)))


class FromMonthlyTextCommand(ProblemCommand):
    """转为问题台账: a month's 存在问题 becomes a tracked problem; undo removes it."""

    def __init__(self, context: AppContext, project_id: int, period: Period, text: str) -> None:
        super().__init__(context, f"转为问题台账：{_short(text)}")
        self._args = (project_id, period, text)
        self._data: ProblemData | None = None
        self.problem_id: int | None = None

    def redo(self) -> None:
        def step(session: Session) -> None:
            if self._data is None:
                self.problem_id = problems.from_monthly_text(session, *self._args)
            else:
                self.problem_id = problems.add(session, self._data, problem_id=self.problem_id)

        self._run(step)

    def undo(self) -> None:
        assert self.problem_id is not None
        problem_id = self.problem_id

        def step(session: Session) -> None:
            self._data = problems.delete(session, problem_id)

        self._run(step)


class EditProblemCommand(ProblemCommand):
    """A save in the dialog, or 办结: the whole problem, old fields → new fields."""

    def __init__(self, context: AppContext, problem_id: int, old: ProblemData,
                 new: ProblemData, text: str = "") -> None:
        super().__init__(context, text or f"修改问题：{_short(new.description)}")
        self.problem_id = problem_id
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._run(lambda s: problems.update(s, self.problem_id, self._new, expected=self._old))

    def undo(self) -> None:
        self._run(lambda s: problems.update(s, self.problem_id, self._old, expected=self._new))


def _short(text: str, limit: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _drop(_value: object) -> None:
    return None
