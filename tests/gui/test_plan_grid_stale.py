"""The 年度计划 grid when another user saved the same plan meanwhile: the save is refused with
the Chinese message naming the column, who and when, the grid shows what the other user saved,
nothing is on the undo stack, and the next edit (from the reloaded rows) goes through."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt

from portfolio import plans, projects
from portfolio.projects import ProjectData
from ui.context import AppContext
from ui.monthly.plan_grid import COLUMNS, AnnualPlanDialog

D = Decimal
_KEYS = [c[0] for c in COLUMNS]


def test_stale_plan_cell_is_refused_and_the_grid_reloads(db, qtbot) -> None:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="城北污水处理厂", category="城建",
                                             total_investment=D("5000")))
        plans.save(s, plans.PlanData(pid, 2026, D("1200")))
    context = AppContext(db)
    dialog = AnnualPlanDialog(context, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    cell = model.index(0, _KEYS.index("planned_investment"))
    assert model.data(cell) == "1200.00"

    # another window (another user) saves the plan while this grid shows the old one
    with db.transaction() as s:
        s.info["user"] = "张三"
        seen = {pid: plans.plan_rows(s, 2026)[0].data()}
        plans.save_cells(s, 2026, [(pid, "planned_start_month", 5)], seen)

    stack = context.undo_stack_for("monthly")
    assert not model.setData(model.index(0, _KEYS.index("m3")), "300",
                             Qt.ItemDataRole.EditRole)
    assert re.fullmatch(r"「城北污水处理厂（2026年度计划）」的「计划开工月份」已被 张三 于 "
                        r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改，您的修改未保存。"
                        r"请重新载入后再改。（已重新载入）",
                        dialog.status.text()), dialog.status.text()
    assert dialog.view.last_refusal == dialog.status.text()
    assert stack.count() == 0
    # the grid shows what 张三 saved, and the database holds it unchanged
    assert model.data(model.index(0, _KEYS.index("planned_start_month"))) == "5"
    with db.session() as s:
        plan = plans.load(s, pid, 2026)
    assert plan is not None
    assert (plan.planned_start_month, plan.distribution, plan.months) == (5, "even", {})

    # from the reloaded rows the same edit goes through, and undoes
    assert model.setData(model.index(0, _KEYS.index("m3")), "300", Qt.ItemDataRole.EditRole)
    assert model.data(model.index(0, _KEYS.index("m3"))) == "300.00"
    stack.undo()
    with db.session() as s:
        plan = plans.load(s, pid, 2026)
    assert plan is not None and (plan.distribution, plan.planned_investment) == ("even",
                                                                              D("1200.00"))


def test_undo_after_another_users_change_is_refused(db, qtbot) -> None:
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="城北污水处理厂", category="城建"))
        plans.save(s, plans.PlanData(pid, 2026, D("1200")))
    context = AppContext(db)
    dialog = AnnualPlanDialog(context, 2026)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.setData(model.index(0, _KEYS.index("planned_investment")), "1500",
                         Qt.ItemDataRole.EditRole)
    with db.transaction() as s:
        s.info["user"] = "李四"
        seen = {pid: plans.plan_rows(s, 2026)[0].data()}
        plans.save_cells(s, 2026, [(pid, "planned_investment", D("1800"))], seen)
    context.undo_stack_for("monthly").undo()
    assert "「年度计划投资」已被 李四" in dialog.status.text()
    with db.session() as s:
        plan = plans.load(s, pid, 2026)
    assert plan is not None and plan.planned_investment == D("1800.00")
    assert model.data(model.index(0, _KEYS.index("planned_investment"))) == "1800.00"
