"""Annual plans: exact monthly spreads, validation, the whole-year grid and the S-curve."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from db.queries import ProjectFilter
from portfolio import plans, projects
from portfolio.plans import PlanData, PlanError
from portfolio.projects import ProjectData

D = Decimal


def test_spread_is_exact_to_the_cent() -> None:
    assert plans.spread(D("100"), [1, 1, 1]) == [D("33.34"), D("33.33"), D("33.33")]
    assert sum(plans.spread(D("1000.01"), plans.TYPICAL_WEIGHTS)) == D("1000.01")
    assert plans.spread(D("5"), [0, 0]) == [D("0.00"), D("0.00")]
    assert sum(plans.TYPICAL_WEIGHTS) == 100


def test_even_typical_and_custom_months() -> None:
    even = plans.monthly_amounts(D("1200"), "even")
    assert even == [D("100.00")] * 12
    late = plans.monthly_amounts(D("300"), "even", start_month=10)
    assert late[:9] == [D("0.00")] * 9 and late[9:] == [D("100.00")] * 3
    short = plans.monthly_amounts(D("100"), "even", start_month=3, finish_month=4)
    assert short[2:4] == [D("50.00"), D("50.00")] and sum(short) == D("100")
    typical = plans.monthly_amounts(D("1000"), "typical")
    assert typical[0] == D("40.00") and typical[5] == D("110.00")
    custom = plans.monthly_amounts(D("30"), "custom", custom={2: D("10"), 12: D("20")})
    assert custom[1] == D("10.00") and custom[11] == D("20.00") and sum(custom) == D("30")
    assert plans.cumulative([D("1"), D("2"), D("3")]) == [D("1"), D("3"), D("6")]


@pytest.mark.parametrize(("plan", "message"), [
    (PlanData(1, 2026, D("-1")), "不能为负数"),
    (PlanData(1, 2026, D("10"), 13), "1—12"),
    (PlanData(1, 2026, D("10"), 6, 3), "不能早于"),
    (PlanData(1, 2026, D("10"), distribution="custom", months={1: D("4")}), "不一致"),
    (PlanData(1, 2026, D("10"), distribution="monthly"), "月度分配方式"),
])
def test_validation(plan: PlanData, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plans.validate(plan)


def test_parse_plan_cells() -> None:
    assert plans.parse_plan_cell("planned_investment", "1,200.5") == D("1200.50")
    assert plans.parse_plan_cell("planned_start_month", "6月") == 6
    assert plans.parse_plan_cell("planned_start_month", "") is None
    assert plans.parse_plan_cell("distribution", "典型分布") == "typical"
    assert plans.parse_plan_cell("m3", "12") == D("12.00")
    with pytest.raises(PlanError, match="1—12"):
        plans.parse_plan_cell("planned_finish_month", "十三")
    with pytest.raises(PlanError, match="应为数字"):
        plans.parse_plan_cell("planned_investment", "很多")


@pytest.fixture
def two(db):
    with db.transaction() as s:
        a = projects.create(s, ProjectData(name="甲", category="工业", total_investment=D("900")))
        package = projects.create(s, ProjectData(name="包", category="城建"))
        b = projects.create(s, ProjectData(name="乙", category="城建", parent_id=package))
    return a, b, package


def test_grid_edits_and_custom_months(db, two) -> None:
    a, b, _package = two
    with db.transaction() as s:
        plans.save_cells(s, 2026, [(a, "planned_investment", D("1200")),
                                   (a, "planned_start_month", 4),
                                   (b, "planned_investment", D("120"))])
    with db.session() as s:
        plan = plans.load(s, a, 2026)
        assert plan.planned_investment == D("1200.00") and plan.planned_start_month == 4
        assert plan.amounts()[3] == D("133.34") and sum(plan.amounts()) == D("1200")
        rows = {r.name: r for r in plans.plan_rows(s, 2026)}
        assert rows["甲"].has_plan and not rows["包"].has_plan and not rows["包"].is_leaf
    with db.transaction() as s:  # typing one month makes the spread custom
        plans.save_cells(s, 2026, [(b, "m12", D("60"))])
    with db.session() as s:
        plan = plans.load(s, b, 2026)
        assert plan.distribution == "custom"
        assert plan.months[12] == D("60") and plan.planned_investment == D("170.00")
        assert plans.plan_rows(s, 2026, ProjectFilter(text="乙"))[0].months[12] == D("60")
    with db.transaction() as s:  # a new amount keeps the custom shape, rescaled exactly
        plans.save_cells(s, 2026, [(b, "planned_investment", D("340"))])
    with db.session() as s:
        plan = plans.load(s, b, 2026)
        assert plan.months[12] == D("120.00") and sum(plan.months.values()) == D("340")
    with pytest.raises(PlanError, match="乙：计划竣工月份不能早于"), db.transaction() as s:
        plans.save_cells(s, 2026, [(b, "planned_start_month", 9),
                                   (b, "planned_finish_month", 2)])


def test_planned_to_date_for_the_s_curve(db, two) -> None:
    a, b, package = two
    with db.transaction() as s:
        plans.save(s, PlanData(a, 2026, D("1200")))
        plans.save(s, PlanData(b, 2026, D("30"), distribution="custom",
                               months={2: D("10"), 12: D("20")}))
        plans.save(s, PlanData(package, 2026, D("999")))  # a package's own plan is not added
    with db.session() as s:
        curve = plans.planned_to_date(s, 2026)
        assert curve[0] == D("100.00") and curve[1] == D("210.00")
        assert curve[-1] == D("1230.00")
        only = plans.planned_to_date(s, 2026, ProjectFilter(categories=("工业",)))
        assert only[-1] == D("1200.00")
        assert plans.planned_to_date(s, 2025) == [D("0.00")] * 12


def test_plan_grid_typing_and_undo(db, two, qtbot) -> None:
    from ui.context import AppContext
    from ui.monthly.plan_grid import AnnualPlanDialog

    a, _b, _package = two
    context = AppContext(db)
    dialog = AnnualPlanDialog(context, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.model
    row = next(i for i, r in enumerate(model.rows) if r.project_id == a)
    column = [model.column_key(c) for c in range(model.columnCount())].index(
        "planned_investment")
    dialog.view.setCurrentIndex(model.index(row, column))
    dialog.view.setFocus()
    qtbot.keyClicks(dialog.view, "6")
    qtbot.keyClicks(dialog.view.focusWidget(), "00")
    qtbot.keyClick(dialog.view.focusWidget(), Qt.Key.Key_Return)
    with db.session() as s:
        assert plans.load(s, a, 2026).planned_investment == D("600.00")
    assert model.data(model.index(row, column + 4)) == "50.00"  # January of an even spread
    assert "600.00" in dialog.total_label.text()
    context.undo_stack_for("monthly").undo()
    with db.session() as s:
        assert plans.load(s, a, 2026) is None


def test_project_plans_panel_for_the_editor(db, two, qtbot) -> None:
    from ui.context import AppContext
    from ui.monthly.project_plans import ProjectPlansPanel

    a, b, _package = two
    with db.transaction() as s:
        plans.save(s, PlanData(a, 2025, D("80"), 3, 11))
    context = AppContext(db)
    panel = ProjectPlansPanel(context, a)
    qtbot.addWidget(panel)
    panel.year_box.setValue(2026)
    assert [r.project_id for r in panel.model.rows] == [a]
    assert "2025年：80.00万元，3月开工，11月竣工（平均分配）" in panel.years.text()
    column = [panel.model.column_key(c) for c in range(panel.model.columnCount())].index(
        "planned_investment")
    assert panel.model.setData(panel.model.index(0, column), "240")
    with db.session() as s:
        assert plans.load(s, a, 2026).planned_investment == D("240.00")
        assert plans.load(s, b, 2026) is None
    assert "2026年：240.00万元" in panel.years.text()
