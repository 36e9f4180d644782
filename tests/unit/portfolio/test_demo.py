"""The demo portfolio: plausible, consistent, complete enough to fire every warning, and
refused on a database that holds projects."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.models import AnnualPlan, MonthlyReport, PeriodLock, PlanMonth, Project, Setting
from portfolio import alerts, demo, metrics, plans, projects
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from db.session import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(f"sqlite:///{path.as_posix()}")
    count = demo.generate(database, projects=300, years=3, seed=7, today=TODAY)
    assert count == 300
    yield database
    database.dispose()


def test_shape_of_the_portfolio(demo_db) -> None:
    with demo_db.session() as s:
        assert s.scalar(select(func.count(Project.id))) == 300
        assert s.scalar(select(func.count(Project.id)).where(Project.parent_id.is_not(None))) >= 4
        stages = Counter(s.scalars(select(Project.stage)))
        assert {"前期", "新开工", "续建", "竣工"} <= set(stages)
        categories = set(s.scalars(select(Project.category)))
        assert categories == {"工业", "农业", "城建", "社会事业", "服务业", "交通能源"}
        names = list(s.scalars(select(Project.name)))
        assert len(set(names)) == len(names)
        # reports reach the month before today and no further
        last = s.execute(select(MonthlyReport.year, MonthlyReport.month).order_by(
            MonthlyReport.year.desc(), MonthlyReport.month.desc()).limit(1)).one()
        assert tuple(last) == (2026, 10)
        assert s.scalar(select(func.min(MonthlyReport.year))) == 2024
        # every month before the last is submitted, the last one is open
        locks = set(s.execute(select(PeriodLock.year, PeriodLock.month)).all())
        assert (2026, 9) in locks and (2024, 1) in locks and (2026, 10) not in locks
        assert s.scalar(select(func.count()).select_from(PlanMonth)) > 0
        assert s.scalar(select(func.count()).select_from(Setting)) == 0  # no catalogue marker
        for p in s.scalars(select(Project).where(Project.origin != "demo")):
            pytest.fail(f"non-demo project {p.name}")


def test_money_is_consistent(demo_db) -> None:
    with demo_db.session() as s:
        done = dict(s.execute(
            select(MonthlyReport.project_id, func.sum(MonthlyReport.investment))
            .group_by(MonthlyReport.project_id)).all())
        for p in s.scalars(select(Project)):
            assert p.total_investment is not None and p.total_investment > 0
            spent = p.prior_investment + Decimal(str(done.get(p.id, 0)))
            assert spent <= p.total_investment, p.name
            if p.stage == "竣工" and not p.children:
                assert spent == p.total_investment, p.name
            if p.children:
                assert p.total_investment == sum(c.total_investment for c in p.children)
                assert p.id not in done
            assert sum(f.amount for f in p.funding) == p.total_investment
        for plan in s.scalars(select(AnnualPlan).where(AnnualPlan.distribution == "custom")):
            assert sum(m.amount for m in plan.months) == plan.planned_investment
        bad = s.scalar(select(func.count()).select_from(MonthlyReport).where(
            MonthlyReport.investment < 0))
        assert bad == 0


def test_every_warning_rule_fires_for_a_few(demo_db) -> None:
    with demo_db.session() as s:
        found = alerts.evaluate(s, Period(2026, 10))
        total = metrics.total(s, Period(2026, 10))
    rules = Counter(w.rule for ws in found.values() for w in ws)
    assert set(rules) == set(alerts.RULES)
    assert 0.03 < len(found) / 300 < 0.3
    assert total.planned_starts > total.actual_starts > 0
    assert total.annual_plan > total.ytd > 0


def test_same_seed_same_portfolio(tmp_path) -> None:
    from db.session import open_database

    names = []
    for i in range(2):
        database = open_database(f"sqlite:///{(tmp_path / f'{i}.sqlite3').as_posix()}")
        demo.generate(database, projects=40, years=2, seed=3, today=TODAY)
        with database.session() as s:
            names.append(list(s.scalars(select(Project.name).order_by(Project.id))))
            sums = s.scalar(select(func.sum(MonthlyReport.investment)))
        names[-1].append(str(sums))
        database.dispose()
    assert names[0] == names[1]


def test_january_today_has_plans_but_no_reports_this_year(db) -> None:
    demo.generate(db, projects=60, years=2, seed=2, today=dt.date(2027, 1, 5))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthlyReport).where(
            MonthlyReport.year == 2027)) == 0
        assert s.scalar(select(func.count()).select_from(AnnualPlan).where(
            AnnualPlan.year == 2027)) > 0
        assert plans.planned_to_date(s, 2027)[-1] > 0


def test_refuses_a_database_with_projects(db) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="已有项目"))
    with pytest.raises(demo.DemoError, match="已有项目"):
        demo.generate(db, projects=10)
    with db.session() as s:
        assert s.scalar(select(func.count(Project.id))) == 1
        assert s.scalar(select(func.count()).select_from(MonthlyReport)) == 0


@pytest.mark.parametrize("kwargs", [{"projects": 0}, {"years": 0}, {"years": 11}])
def test_bad_arguments(db, kwargs) -> None:
    with pytest.raises(demo.DemoError):
        demo.generate(db, **kwargs)


def test_cli_creates_then_refuses(tmp_path, capsys) -> None:
    from cli.main import main

    url = f"sqlite:///{(tmp_path / 'cli.sqlite3').as_posix()}"
    args = ["--db", url, "demo", "--projects", "30", "--years", "2", "--seed", "5"]
    first = run_portfolio(*args)
    assert first.returncode == 0, first.stderr
    assert "30 个项目" in first.stdout
    assert main(args) == 1  # the second time, in-process: refused, nothing changed
    error = capsys.readouterr().err
    assert error.startswith("错误：") and "已有项目" in error


def test_demo_monthly_and_overview_on_both_databases(any_db) -> None:
    from portfolio import monthly, overview
    from portfolio.monthly import CellEdit

    assert demo.generate(any_db, projects=80, years=2, seed=4, today=TODAY) == 80
    october = Period(2026, 10)
    with any_db.session() as s:
        result = overview.compute(s, october)
        rows = monthly.load_rows(s, october, active_only=True)
        assert result.total.project_count > 0 and rows
        assert monthly.totals(rows).ytd == result.total.ytd
    target = next(r for r in rows if r.is_leaf and r.remaining and r.remaining > 1)
    with any_db.transaction() as s:
        monthly.save_cells(s, october, [CellEdit(target.project_id, "investment",
                                                 Decimal("1.00"))])
        monthly.lock(s, october)
    with any_db.session() as s:
        assert monthly.is_locked(s, october)
        assert any("本月完成投资" in e.what
                   for e in monthly.history(s, target.project_id))
        assert plans.planned_to_date(s, 2026)[-1] == metrics.total(s, october).annual_plan
