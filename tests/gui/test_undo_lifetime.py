"""An undo stack full of commands never keeps its window's context alive: commands hold the
context (and their model) weakly, so closing a window frees it at once, by reference counting,
without waiting for Python's cycle collector (which, collecting PySide objects in an arbitrary
order, could crash). Commands left over after their page is gone do nothing and say nothing."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from db.session import Database
from portfolio import plans, projects
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.editor.commands import SetFieldCommand
from ui.monthly.plan_grid import COLUMNS, PlanModel

D = Decimal


@pytest.fixture
def no_cycle_collector() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture
def project(db: Database) -> int:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="城北污水处理厂", category="城建"))
        plans.save(s, plans.PlanData(pid, 2026, D("1200")))
    return pid


def test_a_context_with_commands_is_freed_by_reference_counting(  # type: ignore[no-untyped-def]
        db: Database, project: int, qapp, no_cycle_collector: None) -> None:
    context = AppContext(db)
    model = PlanModel(context, 2026, context.filter)
    column = [c[0] for c in COLUMNS].index("planned_investment")
    assert model.setData(model.index(0, column), "1500", Qt.ItemDataRole.EditRole)
    context.undo_stack.push(SetFieldCommand(context, project, "notes", "", "资金已到位", "城北"))
    assert context.undo_stack_for("monthly").count() == context.undo_stack.count() == 1
    gone = weakref.ref(context)
    del model, context
    assert gone() is None


def test_a_command_whose_page_is_gone_does_nothing(  # type: ignore[no-untyped-def]
        db: Database, project: int, qapp) -> None:
    context = AppContext(db)
    model = PlanModel(context, 2026, context.filter)
    column = [c[0] for c in COLUMNS].index("planned_investment")
    assert model.setData(model.index(0, column), "1500", Qt.ItemDataRole.EditRole)
    stack = context.undo_stack_for("monthly")
    del model
    gc.collect()
    stack.undo()  # written, then nothing left to reload: no error
    with db.session() as s:
        plan = plans.load(s, project, 2026)
    assert plan is not None and plan.planned_investment == D("1200.00")
    messages: list[str] = []
    context.statusMessage.connect(messages.append)
    stack.redo()
    with db.session() as s:
        plan = plans.load(s, project, 2026)
    assert plan is not None and plan.planned_investment == D("1500.00")
    assert messages == []
