"""The monthly-cycle arithmetic on hand-made cases, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from db.models import AnnualPlan, MonthlyReport, Project
from db.queries import ProjectFilter
from portfolio import metrics, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal


def _seed(db) -> dict[str, int]:
    with db.transaction() as s:
        school = projects.create(s, ProjectData(
            name="第三高级中学", category="社会事业", unit="教育局",
            total_investment=D("1000"), prior_investment=D("100"),
        ))
        package = projects.create(s, ProjectData(
            name="城区道路打包项目", category="交通能源", total_investment=D("900")))
        part_a = projects.create(s, ProjectData(
            name="道路A段", category="交通能源", unit="交通局", parent_id=package,
            total_investment=D("500"), planned_start=dt.date(2026, 3, 1)))
        part_b = projects.create(s, ProjectData(
            name="道路B段", category="交通能源", unit="住建局", parent_id=package,
            total_investment=D("400")))
        s.add_all([
            AnnualPlan(project_id=school, year=2026, planned_investment=D("600")),
            AnnualPlan(project_id=part_a, year=2026, planned_investment=D("300"),
                       planned_start_month=3),
            AnnualPlan(project_id=part_b, year=2026, planned_investment=D("120"),
                       planned_start_month=11),
            # a package's own plan must not be added to its parts'
            AnnualPlan(project_id=package, year=2026, planned_investment=D("999")),
            MonthlyReport(project_id=school, year=2025, month=12, investment=D("50.10")),
            MonthlyReport(project_id=school, year=2026, month=1, investment=D("10.01")),
            MonthlyReport(project_id=school, year=2026, month=6, investment=D("20.02"),
                          progress="主体封顶"),
            MonthlyReport(project_id=school, year=2026, month=7, investment=D("99")),
            MonthlyReport(project_id=part_a, year=2026, month=4, investment=D("30")),
            MonthlyReport(project_id=package, year=2026, month=4, investment=D("777")),
        ])
        s.get(Project, part_a).actual_start = dt.date(2026, 4, 2)
    return {"school": school, "package": package, "a": part_a, "b": part_b}


def test_figures_and_rollups(any_db) -> None:
    ids = _seed(any_db)
    june = Period(2026, 6)
    with any_db.session() as s:
        figures = {f.project_id: f for f in metrics.project_figures(s, june)}
        school = figures[ids["school"]]
        assert school.prior_years == D("150.10")  # prior_investment + 2025 reports
        assert school.ytd == D("30.03")  # Jan + Jun; July is after the period
        assert school.month == D("20.02")
        assert school.cumulative == D("180.13")
        assert school.plan_rate == D("5.0")
        assert school.progress == "主体封顶"
        assert not figures[ids["package"]].is_leaf
        total = metrics.total(s, june)
        assert total.project_count == 2  # the school, and the package once
        assert total.total_investment == D("1900.00")
        assert total.annual_plan == D("1020.00")
        assert total.ytd == D("60.03")
        assert total.planned_starts == 2 and total.actual_starts == 1
        assert total.time_progress == D("50.0")
        assert total.gap_points == D("5.9") - D("50.0")
        by_unit = {row.key: row for row in metrics.summarise(s, june, by="unit")}
        assert by_unit["交通局"].project_count == 1 and by_unit["住建局"].project_count == 1
        january_next = metrics.total(s, Period(2027, 1))
        assert january_next.ytd == D("0.00")
        assert january_next.cumulative == D("100") + D("50.10") + D("129.03") + D("30")
        only_school = metrics.total(s, june, ProjectFilter(text="高级中学"))
        assert only_school.project_count == 1 and only_school.ytd == D("30.03")


def test_mid_year_start_and_a_reopened_month(db) -> None:
    """A project that starts in August, figures across December/January, and a correction
    made after reopening a submitted month counting in every figure."""
    from portfolio import monthly
    from portfolio.monthly import CellEdit

    with db.transaction() as s:
        late = projects.create(s, ProjectData(
            name="八月开工的厂房", category="工业", total_investment=D("800")))
        s.add(AnnualPlan(project_id=late, year=2026, planned_investment=D("500"),
                         planned_start_month=7))
        s.add(AnnualPlan(project_id=late, year=2027, planned_investment=D("300")))
    august, december = Period(2026, 8), Period(2026, 12)
    with db.transaction() as s:
        monthly.save_cells(s, august, [CellEdit(late, "started_on", dt.date(2026, 8, 3)),
                                       CellEdit(late, "investment", D("100"))])
        monthly.save_cells(s, december, [CellEdit(late, "investment", D("150.25"))])
        monthly.lock(s, december)
    with db.session() as s:
        july = metrics.total(s, Period(2026, 7))
        assert (july.planned_starts, july.actual_starts, july.ytd) == (1, 0, D("0.00"))
        dec = metrics.total(s, december)
        assert dec.actual_starts == 1 and dec.ytd == D("250.25")
        assert dec.completion_rate == D("50.1") and dec.gap_points == D("50.1") - D("100.0")
        jan = metrics.project_figures(s, Period(2027, 1))[0]
        assert jan.prior_years == D("250.25") and jan.ytd == D("0.00")
        assert jan.annual_plan == D("300.00") and jan.stage == "新开工"
    with db.transaction() as s:
        monthly.reopen(s, december, "更正")
        monthly.save_cells(s, december, [CellEdit(late, "investment", D("99.75"))])
        monthly.lock(s, Period(2027, 1))  # closing January moves 新开工 to 续建
    with db.session() as s:
        assert metrics.total(s, december).ytd == D("199.75")
        jan = metrics.project_figures(s, Period(2027, 1))[0]
        assert jan.prior_years == D("199.75") and jan.cumulative == D("199.75")
        assert jan.stage == "续建"
