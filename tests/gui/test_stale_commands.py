"""The 问题台账 and 资金到位 commands when another user saved meanwhile: the step is refused
with the Chinese message (field, who, when), nothing goes on the undo stack, the pages are
told to reload, and the other user's change stands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from db.session import Database
from portfolio import funds, problems, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.editor.progress_commands import SetFundsCommand
from ui.problems.commands import EditProblemCommand

D = Decimal


def _project(db: Database) -> int:
    with db.transaction() as s:
        return projects.create(s, ProjectData(name="城北污水处理厂", category="城建"))


def _listen(context: AppContext) -> tuple[list[str], list[bool]]:
    messages: list[str] = []
    reloads: list[bool] = []
    context.statusMessage.connect(messages.append)
    context.dataChanged.connect(lambda: reloads.append(True))
    return messages, reloads


def test_a_stale_problem_edit_is_refused_and_the_pages_reload(db: Database, qapp) -> None:  # type: ignore[no-untyped-def]
    pid = _project(db)
    with db.transaction() as s:
        problem_id = problems.add(s, problems.ProblemData(
            project_id=pid, raised=Period(2026, 10), description="用地指标未落实",
            deadline=dt.date(2026, 12, 31)), today=dt.date(2026, 10, 5))
        seen = problems.load(s, problem_id)
    with db.transaction() as s:
        s.info["user"] = "张三"
        problems.update(s, problem_id, seen.with_changes(person="王强"), expected=seen,
                        today=dt.date(2026, 10, 6))
    context = AppContext(db)
    messages, reloads = _listen(context)
    command = EditProblemCommand(context, problem_id, seen, seen.with_changes(person="刘明"))
    context.undo_stack_for("problems").push(command)
    assert context.undo_stack_for("problems").count() == 0
    assert command.error.startswith(f"「第{problem_id}号问题」的「责任人」已被 张三 于 ")
    assert messages == [command.error] and reloads == [True]
    with db.session() as s:
        assert problems.load(s, problem_id).person == "王强"


def test_a_stale_funds_cell_is_refused_and_the_pages_reload(db: Database, qapp) -> None:  # type: ignore[no-untyped-def]
    pid = _project(db)
    may = Period(2026, 5)
    with db.transaction() as s:
        s.info["user"] = "张三"
        funds.set_received(s, pid, may, "银行贷款", D("80"), expected=None)
    context = AppContext(db)
    messages, reloads = _listen(context)
    context.undo_stack.push(SetFundsCommand(context, pid, may, "银行贷款", None, D("60")))
    assert context.undo_stack.count() == 0
    assert len(messages) == 1
    assert messages[0].startswith(
        "「城北污水处理厂（2026年5月）」的「银行贷款到位资金」已被 张三 于 ")
    assert reloads == [True]
    with db.session() as s:
        assert [r.amount for r in funds.receipts_of(s, pid)] == [D("80.00")]
