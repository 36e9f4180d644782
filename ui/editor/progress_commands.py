"""Undoable changes to a project's 前期手续 and 资金到位, each one database transaction
(:class:`ui.operations.DatabaseCommand`)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db.models import ApprovalStep
from portfolio import approval_checklist, approvals, funds
from portfolio.approvals import Step, StepError
from portfolio.concurrency import StaleEdit
from portfolio.funds import FundsError
from portfolio.money import MoneyError
from portfolio.periods import Period
from ui.context import AppContext
from ui.operations import DatabaseCommand


class _Command(DatabaseCommand):
    refusals = (StepError, FundsError, MoneyError, KeyError)

    def refused(self, error: Exception) -> None:
        if isinstance(error, KeyError):
            self._context.show_message("该记录已不存在（可能已被删除）")
        elif isinstance(error, StaleEdit):
            self._context.show_message(str(error))
        else:
            self._context.show_message(f"未保存：{error}")


class EditStepCommand(_Command):
    """One step's fields, old → new (refused when the step changed meanwhile)."""

    def __init__(self, context: AppContext, old: Step, new: Step) -> None:
        super().__init__(context, f"修改前期手续：{new.name}")
        self._old, self._new = old, new

    def redo(self) -> None:
        self.run(lambda s: approvals.update_step(s, self._new, expected=self._old))

    def undo(self) -> None:
        self.run(lambda s: approvals.update_step(s, self._old, expected=self._new))


class ApplyChecklistCommand(_Command):
    """The list of the project's 建设性质 added to it; undo removes the steps it added."""

    def __init__(self, context: AppContext, project_id: int) -> None:
        super().__init__(context, "按清单建立前期手续")
        self.project_id = project_id
        self.added: list[int] = []

    def redo(self) -> None:
        def step(session: Session) -> None:
            before = {s.id for s in approvals.steps_of(session, self.project_id)}
            approval_checklist.apply(session, self.project_id)
            self.added = [s.id for s in approvals.steps_of(session, self.project_id)
                          if s.id not in before]

        self.run(step)

    def undo(self) -> None:
        def step(session: Session) -> None:
            if self.added:
                session.execute(delete(ApprovalStep).where(ApprovalStep.id.in_(self.added)))

        self.run(step)


class SetFundsCommand(_Command):
    """What a project received from one source in one month, old → new."""

    def __init__(self, context: AppContext, project_id: int, period: Period, source: str,
                 old: Decimal | None, new: Decimal | None) -> None:
        super().__init__(context, f"修改资金到位：{period.label}{source}")
        self.project_id, self.period, self.source = project_id, period, source
        self._old, self._new = old, new

    def redo(self) -> None:
        self.run(lambda s: funds.set_received(s, self.project_id, self.period, self.source,
                                              self._new, expected=self._old))

    def undo(self) -> None:
        self.run(lambda s: funds.set_received(s, self.project_id, self.period, self.source,
                                              self._old, expected=self._new))
