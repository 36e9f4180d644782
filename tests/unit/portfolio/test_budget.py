"""投资分析: the roll-ups equal direct SQL sums (SQLite and PostgreSQL), and the page shows them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import AnnualPlan, FundingSource, MonthlyReport, Project
from db.queries import ProjectFilter
from portfolio import budget, metrics, plans, projects
from portfolio.metrics import IS_LEAF
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal
JUNE = Period(2026, 6)


def _seed(db) -> dict[str, int]:
    with db.transaction() as s:
        park = projects.create(s, ProjectData(
            name="智能装备产业园", category="工业", township="城关镇", unit="县工信局",
            total_investment=D("1000.00"),
            funding=[("企业自筹", D("600.00")), ("银行贷款", D("300.00"))]))
        cold = projects.create(s, ProjectData(
            name="冷链物流中心", category="工业", township="红庙镇", unit="县商务局",
            total_investment=D("500.50"), funding=[("银行贷款", D("500.50"))]))
        school = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", township="城关镇", unit="县教育局",
            total_investment=D("800.00"), funding=[("地方政府专项债券", D("800.00"))]))
        package = projects.create(s, ProjectData(
            name="城区道路打包项目", category="城建", total_investment=D("900.00"),
            funding=[("县级财政资金", D("900.00"))]))
        part = projects.create(s, ProjectData(
            name="道路A段", category="城建", township="红庙镇", unit="县交通局",
            parent_id=package, total_investment=D("900.00"),
            funding=[("县级财政资金", D("400.00"))]))
        s.add_all([
            AnnualPlan(project_id=park, year=2026, planned_investment=D("240.00")),
            AnnualPlan(project_id=cold, year=2026, planned_investment=D("120.10"),
                       distribution="typical", planned_start_month=3),
            AnnualPlan(project_id=school, year=2026, planned_investment=D("360.00")),
            AnnualPlan(project_id=part, year=2026, planned_investment=D("300.00")),
            AnnualPlan(project_id=package, year=2026, planned_investment=D("999.00")),
            MonthlyReport(project_id=park, year=2025, month=12, investment=D("77.00")),
            MonthlyReport(project_id=park, year=2026, month=1, investment=D("10.01")),
            MonthlyReport(project_id=park, year=2026, month=6, investment=D("20.02")),
            MonthlyReport(project_id=park, year=2026, month=7, investment=D("500.00")),
            MonthlyReport(project_id=cold, year=2026, month=4, investment=D("33.33")),
            MonthlyReport(project_id=school, year=2026, month=6, investment=D("90.00")),
            MonthlyReport(project_id=part, year=2026, month=2, investment=D("45.00")),
            MonthlyReport(project_id=package, year=2026, month=2, investment=D("888.00")),
        ])
    return {"park": park, "cold": cold, "school": school, "package": package, "part": part}


def _sql_sums(s, flt: ProjectFilter) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    """The same figures summed directly, without the code under test."""
    leaves = flt.apply(select(Project.id).where(IS_LEAF))
    plan = s.scalar(select(func.sum(AnnualPlan.planned_investment)).where(
        AnnualPlan.year == 2026, AnnualPlan.project_id.in_(leaves)))
    done = s.scalar(select(func.sum(MonthlyReport.investment)).where(
        MonthlyReport.year == 2026, MonthlyReport.month <= 6,
        MonthlyReport.project_id.in_(leaves)))
    total = s.scalar(select(func.sum(Project.total_investment)).where(Project.id.in_(leaves)))
    funding = s.scalar(select(func.sum(FundingSource.amount)).where(
        FundingSource.project_id.in_(leaves)))
    return {k: D(str(v or 0)).quantize(D("0.01"))
            for k, v in {"plan": plan, "done": done, "total": total, "funding": funding}.items()}


def test_roll_ups_equal_sql_sums(any_db) -> None:
    ids = _seed(any_db)
    with any_db.session() as s:
        for flt in (ProjectFilter(), ProjectFilter(categories=("工业",)),
                    ProjectFilter(townships=("红庙镇",))):
            sums = _sql_sums(s, flt)
            for by in ("category", "township", "unit"):
                table = budget.by_group(s, JUNE, flt, by)
                assert table.total.annual_plan == sums["plan"]
                assert table.total.ytd == sums["done"]
                assert table.total.total_investment == sums["total"]
                assert sum((g.annual_plan for g in table.groups), D(0)) == sums["plan"]
                assert sum((g.ytd for g in table.groups), D(0)) == sums["done"]
                # the same figures as the 汇总表 of portfolio.metrics
                summary = metrics.summarise(s, JUNE, flt, by=by)
                assert [(g.key, g.project_count, g.annual_plan, g.ytd, g.total_investment)
                        for g in table.groups] == [
                    (x.key, x.project_count, x.annual_plan, x.ytd, x.total_investment)
                    for x in summary]
                assert table.total.project_count == metrics.total(s, JUNE, flt).project_count
            curve = budget.monthly_curve(s, JUNE, flt)
            assert curve.ytd == sums["done"]
            assert curve.actual[6:] == [None] * 6
            assert sum((m for m in curve.monthly if m is not None), D(0)) == sums["done"]
            assert curve.planned == plans.planned_to_date(s, 2026, flt)
            assert curve.planned[-1] == curve.annual_plan == sums["plan"]
            assert curve.time_progress[5] == (sums["plan"] / 2).quantize(D("0.01"))
            funding = budget.by_funding_source(s, flt)
            assert funding.funded == sums["funding"]
            assert sum((line.amount for line in funding.lines), D(0)) == max(
                sums["total"], sums["funding"])

        everything = budget.by_group(s, JUNE, ProjectFilter(), "category")
        by_key = {g.key: g for g in everything.groups}
        # the package's own plan and report are never added to its part's
        assert by_key["城建"].annual_plan == D("300.00") and by_key["城建"].ytd == D("45.00")
        assert by_key["工业"].ytd == D("63.36")
        assert by_key["工业"].completion_rate == D("17.6")
        assert by_key["工业"].gap_points == D("17.6") - D("50.0")
        assert everything.total.project_count == 4  # the package and its part count once
        curve = budget.monthly_curve(s, JUNE, ProjectFilter())
        assert curve.monthly[:6] == [D("10.01"), D("45.00"), D("0.00"), D("33.33"),
                                     D("0.00"), D("110.02")]
        assert curve.actual[5] == D("198.36")
        funding = budget.by_funding_source(s, ProjectFilter())
        lines = {line.source: line for line in funding.lines}
        assert lines["银行贷款"].amount == D("800.50") and lines["银行贷款"].project_count == 2
        assert lines["县级财政资金"].amount == D("400.00")  # the part's, not the package's
        assert lines[budget.UNASSIGNED].amount == D("600.00")  # 3200.50 total − 2600.50 funded
        assert funding.lines[0].source == "银行贷款"  # largest first
        assert budget.project_count(s, ProjectFilter(project_ids=(ids["part"],))) == 1


def test_budget_page_tables_equal_the_charts(qtbot, db, tmp_path: Path) -> None:
    from ui.budget.page import BudgetPage
    from ui.context import AppContext

    _seed(db)
    context = AppContext(db)
    context.set_period(JUNE)
    page = BudgetPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    with qtbot.waitExposed(page):
        page.show()
    report = page.report
    assert report is not None
    with db.session() as s:
        sums = _sql_sums(s, ProjectFilter())

    model = page.group_model
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0)) == "合计"
    assert model.data(model.index(last, 3)) == f"{sums['plan']:,.2f}"
    assert model.data(model.index(last, 4)) == f"{sums['done']:,.2f}"
    # each bar pair is its table line (the chart draws 万元 here: the amounts are small)
    assert page.plan_chart.drawn == [(float(g.annual_plan), float(g.ytd))
                                     for g in report.groups.groups]
    for row, group in enumerate(report.groups.groups):
        assert model.data(model.index(row, 3)) == f"{group.annual_plan:,.2f}"
        assert model.data(model.index(row, 4)) == f"{group.ytd:,.2f}"
    curve = page.curve_model
    assert curve.data(curve.index(5, 4)) == f"{sums['done']:,.2f}"
    assert curve.data(curve.index(6, 4)) == ""
    assert page.curve_chart.drawn["actual"][-1] == pytest.approx(float(sums["done"]))
    assert page.curve_chart.drawn["planned"][-1] == pytest.approx(float(sums["plan"]))
    funding = page.funding_model
    assert funding.data(funding.index(funding.rowCount() - 1, 1)) == f"{sums['total']:,.2f}"
    assert sum(page.funding_chart.drawn) == pytest.approx(float(sums["total"]))
    assert "完成率" in page.summary.text()

    # grouping and filters are followed
    page.set_grouping("unit")
    assert {page.group_model.data(page.group_model.index(r, 0))
            for r in range(page.group_model.rowCount() - 1)} == {
        "县工信局", "县商务局", "县教育局", "县交通局", "（未填责任单位）"}
    context.set_filter(ProjectFilter(categories=("工业",)))
    assert page.report is not None and page.report.groups.total.ytd == D("63.36")

    path = page.save_chart("curve", tmp_path / "s曲线.png")
    assert path is not None and path.stat().st_size > 5_000
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert image.width() >= 1600


def test_hidden_page_waits_until_shown(qtbot, db) -> None:
    from ui.budget.page import BudgetPage
    from ui.context import AppContext

    _seed(db)
    context = AppContext(db)
    context.set_period(JUNE)
    page = BudgetPage(context)
    qtbot.addWidget(page)
    assert page.report is None  # nothing read while hidden
    context.set_period(Period(2026, 5))
    assert page.report is None
    with qtbot.waitExposed(page):
        page.show()
    assert page.report is not None and page.report.groups.period == Period(2026, 5)
    with db.transaction() as s:
        s.add(MonthlyReport(project_id=s.scalar(select(Project.id).where(
            Project.name == "第三高级中学")), year=2026, month=5, investment=D("1.00")))
    assert page.report.groups.total.ytd == D("88.34")  # Jan 10.01 + Feb 45 + Apr 33.33
    context.dataChanged.emit()
    assert page.report.groups.total.ytd == D("89.34")


def test_a_carried_amount_starts_the_s_curve_before_january(qtbot, db) -> None:
    """此前各月累计（未分月） (month 0, an office that started reporting in June): the actual
    curve starts from it, at a point before 1月, and the table says it on a line of its own."""
    from ui.budget.page import BudgetPage
    from ui.context import AppContext

    ids = _seed(db)
    with db.transaction() as s:
        s.add(MonthlyReport(project_id=ids["school"], year=2026, month=0,
                            investment=D("200.00")))
    with db.session() as s:
        sums = _sql_sums(s, ProjectFilter())
        curve = budget.monthly_curve(s, JUNE, ProjectFilter())
        assert budget.monthly_completed(s, JUNE)[0] == D("10.01")  # January's own
    assert curve.carried == D("200.00")
    assert curve.actual[0] == D("210.01")
    assert curve.ytd == sums["done"] == D("398.36")

    context = AppContext(db)
    context.set_period(JUNE)
    page = BudgetPage(context)
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()
    model = page.curve_model
    assert model.rowCount() == 13
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "此前各月累计（未分月）", "", "", "200.00", "200.00"]
    assert model.data(model.index(6, 4)) == "398.36"
    assert page.curve_chart.drawn["actual"][0] == pytest.approx(200.0)
    assert page.curve_chart.drawn["actual"][-1] == pytest.approx(398.36)


def test_months_inside_the_carried_amount_have_no_cumulative_of_their_own(qtbot, db) -> None:
    """An office whose every project started reporting in April: January to March are inside
    此前各月累计 (300), so the actual curve goes from 此前 straight to April (300 + 50), never
    drawing 300 as January's, February's or March's cumulative."""
    from ui.budget.charts import CurveChart

    with db.transaction() as s:
        pid = projects.create(s, ProjectData(name="城南污水处理厂", category="城建",
                                             total_investment=D("5000")))
        s.add_all([MonthlyReport(project_id=pid, year=2026, month=0, investment=D("300.00")),
                   MonthlyReport(project_id=pid, year=2026, month=4, investment=D("50.00")),
                   MonthlyReport(project_id=pid, year=2026, month=5, investment=D("0.00"))])
    with db.session() as s:
        curve = budget.monthly_curve(s, JUNE, ProjectFilter())
        before_april = budget.monthly_curve(s, Period(2026, 3), ProjectFilter())
    assert curve.actual[:6] == [None, None, None, D("350.00"), D("350.00"), D("350.00")]
    assert curve.ytd == D("350.00")
    assert before_april.ytd == D("300.00")  # only the carried amount is known by March

    chart = CurveChart()
    qtbot.addWidget(chart)
    chart.set_curve(curve)
    assert chart.drawn["actual"] == pytest.approx([300.0, 350.0, 350.0, 350.0])
