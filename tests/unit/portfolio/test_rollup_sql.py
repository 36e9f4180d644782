"""The fast paths of the roll-ups give the same figures as the plain definitions.

Each speed-up (the 汇总表 of every grouping from one statement, the annual plans spread to the
cent in SQL, the report sums restricted to the projects listed, queries that skip the projects
table when nothing is filtered) is checked here against a slower, obvious computation, on a
demo portfolio and, where the SQL differs by database, on PostgreSQL too.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import create_engine, inspect, select

from db import migrate
from db.models import AnnualPlan, MonthlyReport, Project
from db.queries import ProjectFilter, filtered_ids
from portfolio import alerts, budget, demo, metrics, monthly, overview, plans, projects
from portfolio.periods import Period
from portfolio.plans import PlanData
from portfolio.projects import ProjectData

D = Decimal
TODAY = dt.date(2026, 11, 20)
PERIODS = (Period(2026, 10), Period(2026, 1), Period(2025, 6))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from db.session import open_database

    path = tmp_path_factory.mktemp("rollups") / "demo.sqlite3"
    database = open_database(f"sqlite:///{path.as_posix()}")
    demo.generate(database, projects=240, years=3, seed=5, today=TODAY)
    yield database
    database.dispose()


def _every_id(session) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(session.scalars(select(Project.id).order_by(Project.id)))


# --- the 汇总表 of several groupings from one statement --------------------------------------


def test_summaries_at_once_equal_each_on_its_own(demo_db) -> None:
    with demo_db.session() as s:
        for period in PERIODS:
            for flt in (ProjectFilter(), ProjectFilter(categories=("工业", "城建"))):
                together = metrics.summaries(s, period, flt)
                for by in metrics.ALL_GROUPINGS:
                    alone = metrics.summaries(s, period, flt, (by,))[by]
                    assert together[by] == alone == metrics.summarise(s, period, flt, by=by)
                total = together[None][0]
                for by in ("category", "township", "unit"):
                    lines = together[by]
                    assert [line.key for line in lines] == sorted(line.key for line in lines)
                    for field in ("total_investment", "annual_plan", "ytd", "month",
                                  "cumulative", "planned_starts", "actual_starts"):
                        assert sum(getattr(line, field) for line in lines) == getattr(
                            total, field), (period, by, field)


def test_an_empty_filter_still_has_its_total_line(demo_db) -> None:
    with demo_db.session() as s:
        lines = metrics.summaries(s, PERIODS[0], ProjectFilter(text="没有这样的项目"))
        assert lines["category"] == []
        assert lines[None][0].project_count == 0 and lines[None][0].ytd == D("0.00")


def test_lagging_lines_equal_the_project_figures(demo_db) -> None:
    with demo_db.session() as s:
        result = overview.compute(s, PERIODS[0])
        assert result.lagging
        figures = {f.project_id: f for f in metrics.project_figures(
            s, PERIODS[0], ids=result.warned_ids)}
        for line in result.lagging:
            f = figures[line.project_id]
            assert (line.name, line.category, line.township, line.unit, line.leader,
                    line.annual_plan, line.ytd, line.plan_rate, line.problems) == (
                f.name, f.category, f.township, f.unit, f.leader, f.annual_plan, f.ytd,
                f.plan_rate, f.problems)


# --- warnings: the page of ids and the whole filter agree -------------------------------------


@pytest.mark.parametrize("idle_months", [1, 2, 3])
def test_warnings_of_ids_equal_warnings_of_the_filter(demo_db, idle_months: int) -> None:
    thresholds = alerts.Thresholds(idle_months=idle_months)
    rules: set[str] = set()
    with demo_db.session() as s:
        ids = list(_every_id(s))
        for period in PERIODS:  # January: the idle window reaches back into last year
            whole = alerts.evaluate(s, period, thresholds=thresholds)
            paged: dict[int, list[alerts.Alert]] = {}
            for start in range(0, len(ids), 50):
                paged.update(alerts.evaluate(s, period, thresholds=thresholds,
                                               ids=ids[start:start + 50]))
            assert paged == whole
            rules |= {w.rule for ws in whole.values() for w in ws}
    assert {"behind_schedule", "not_started"} <= rules
    if idle_months == 1:
        assert "no_investment" in rules


# --- annual plans spread to the cent in SQL --------------------------------------------------


def _reference_spread(amount: Decimal, weights: list[int]) -> list[Decimal]:
    """The documented rule with exact fractions: shares rounded down, the cents left to the
    largest remainders, the earliest month first on a tie."""
    cents = int(amount * 100)
    total = sum(weights)
    if total == 0:
        return [D("0.00")] * len(weights)
    exact = [Fraction(cents * w, total) for w in weights]
    floors = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:cents - sum(floors)]:
        floors[i] += 1
    return [D(c) / 100 for c in floors]


def test_spread_breaks_ties_exactly() -> None:
    # 831000 cents over these weights leaves equal remainders in March, May and September:
    # March, the earliest, takes the cent (decimal division used to pick May and September)
    weights = list(plans.TYPICAL_WEIGHTS[:9])
    assert plans.spread(D("8310.00"), weights) == _reference_spread(D("8310.00"), weights)
    assert plans.spread(D("8310.00"), weights)[2] == D("807.92")
    rng = random.Random(3)
    for _ in range(2000):
        weights = [rng.choice([0, 1, 3, 4, 7, 9, 10, 11]) for _ in range(12)]
        amount = D(rng.randrange(0, 10**9)) / 100
        assert plans.spread(amount, weights) == _reference_spread(amount, weights)
    assert plans.spread(D("10"), [D("0.5"), D("0.25"), D("0.25")]) == [
        D("5.00"), D("2.50"), D("2.50")]


def _random_plans(db) -> ProjectFilter:  # type: ignore[no-untyped-def]
    """Plans of every shape (the months of a plan as the grid allows them); a filter on
    some of them."""
    rng = random.Random(11)
    with db.transaction() as s:
        package = projects.create(s, ProjectData(name="打包项目", category="城建"))
        for i in range(90):
            pid = projects.create(s, ProjectData(
                name=f"项目{i}", category="工业" if i % 3 else "城建",
                parent_id=package if i % 10 == 0 else None))
            start = rng.choice([None, *range(1, 13)])
            finish = rng.choice([None, *range(start or 1, 13)])
            distribution = rng.choice(["even", "typical", "typical", "custom"])
            amount = D(rng.randrange(0, 5 * 10**8)) / 100
            months = {}
            if distribution == "custom":
                months = dict(zip(range(1, 13), plans.spread(amount, [1] * 12), strict=True))
            plans.save(s, PlanData(pid, 2026, amount, start, finish, distribution, months))
        plans.save(s, PlanData(package, 2026, D("999.99")))  # a package's plan: not summed
    return ProjectFilter(categories=("工业",))


def _reference_planned(db, flt: ProjectFilter) -> list[Decimal]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        leaves = {f.project_id for f in metrics.project_figures(s, Period(2026, 12), flt)
                  if f.is_leaf}
        totals = [D("0.00")] * 12
        for project_id in leaves:
            plan = plans.load(s, project_id, 2026)
            if plan is not None:
                totals = [a + b for a, b in zip(totals, plan.amounts(), strict=True)]
    return plans.cumulative(totals)


def test_planned_to_date_equals_every_plans_spread(any_db) -> None:  # type: ignore[no-untyped-def]
    some = _random_plans(any_db)
    with any_db.session() as s:
        for flt in (ProjectFilter(), some):
            assert plans.planned_to_date(s, 2026, flt) == _reference_planned(any_db, flt)
        assert plans.planned_to_date(s, 2025) == [D("0.00")] * 12


# --- queries that skip the projects table without a filter -----------------------------------


def test_unfiltered_and_everything_filtered_agree(demo_db) -> None:
    with demo_db.session() as s:
        everything = ProjectFilter(project_ids=_every_id(s))
        period = PERIODS[0]
        assert budget.monthly_completed(s, period) == budget.monthly_completed(
            s, period, everything)
        assert budget.by_funding_source(s) == budget.by_funding_source(s, everything)
        assert plans.planned_to_date(s, 2026) == plans.planned_to_date(s, 2026, everything)


# --- the month grid: report sums only of the projects listed ---------------------------------


def test_month_grid_rows_whatever_the_scope(demo_db) -> None:
    period = PERIODS[0]
    with demo_db.session() as s:
        active = monthly.load_rows(s, period, active_only=True)
        scheduled = set(s.scalars(select(AnnualPlan.project_id).where(
            AnnualPlan.year == period.year))) | set(s.scalars(select(
                MonthlyReport.project_id).where(MonthlyReport.year == period.year)))
        assert {r.project_id for r in active} == scheduled
        every = {r.project_id: r for r in monthly.load_rows(s, period)}
        by_ids = monthly.load_rows(s, period, ids=[r.project_id for r in active])
        assert active == by_ids == [every[r.project_id] for r in active]
        flt = ProjectFilter(categories=("工业",))
        filtered = monthly.load_rows(s, period, flt, active_only=True)
        assert filtered == [r for r in active if r.category == "工业"]


# --- the register's search: the initials pattern behind a cheap LIKE -------------------------


def test_initials_search(any_db) -> None:  # type: ignore[no-untyped-def]
    with any_db.transaction() as s:
        park = projects.create(s, ProjectData(name="万邦国际物流园", category="服务业"))
        projects.create(s, ProjectData(name="第三高级中学", category="社会事业"))
    with any_db.session() as s:
        assert filtered_ids(s, ProjectFilter(text="wbwl")) == [park]
        assert filtered_ids(s, ProjectFilter(text="WBGJ")) == [park]
        assert filtered_ids(s, ProjectFilter(text="wbwlz")) == []
        assert filtered_ids(s, ProjectFilter(text="wuliu")) == [park]


# --- start-up: nothing loaded that the first paint does not need -----------------------------


def test_migration_check_without_alembic(tmp_path) -> None:
    assert migrate.script_heads() == {migrate.head_revision()}
    engine = create_engine(f"sqlite:///{(tmp_path / 'x.sqlite3').as_posix()}")
    assert not migrate.is_current(engine)
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    engine.dispose()
    code = (
        "import sys\n"
        "from sqlalchemy import create_engine\n"
        "from db import migrate\n"
        f"engine = create_engine({f'sqlite:///{(tmp_path / chr(120)).as_posix()}.sqlite3'!r})\n"
        "migrate.upgrade(engine)\n"
        "print(any(m.split('.')[0] == 'alembic' for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"  # an up-to-date database: Alembic never imported


#: What the first paint of the register does not need: other pages, exports, big packages.
_NOT_AT_START = (
    "import sys\n"
    "heavy = {'openpyxl', 'reportlab', 'pypinyin', 'alembic', 'pyqtgraph', 'numpy', 'docx',\n"
    "         'pypdf', 'opencc', 'yaml'}\n"
    "found = {m.split('.')[0] for m in sys.modules} & heavy\n"
    "found |= {m for m in sys.modules if m.startswith('exports.')} - {'exports.output'}\n"
    "found |= {m for m in sys.modules if m.split('.')[:2] in (\n"
    "    ['ui', 'gantt'], ['ui', 'monthly'], ['ui', 'budget'], ['ui', 'overview'],\n"
    "    ['ui', 'targets'])}\n"
    "print(sorted(found))\n"
)


def test_the_window_module_imports_no_heavy_packages() -> None:
    done = subprocess.run([sys.executable, "-c", "import ui.app\n" + _NOT_AT_START],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]"


def test_a_painted_register_loads_no_other_page(db, db_url: str, tmp_path) -> None:
    with db.transaction() as s:
        projects.create(s, ProjectData(name="万邦国际物流园", category="服务业"))
    code = (
        "from PySide6.QtCore import QSettings\n"
        "QSettings.setDefaultFormat(QSettings.Format.IniFormat)\n"
        "QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,\n"
        f"                  {str(tmp_path)!r})\n"
        "from portfolio.startup import open_prepared\n"
        "from ui.app import application, build_main_window\n"
        "app = application(['x'])\n"
        f"window = build_main_window(open_prepared({db_url!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.current_page_key() == 'register'\n"
        + _NOT_AT_START
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_search_keys_still_have_pinyin() -> None:
    from db.search import search_key

    assert "wbgjwly" in search_key("万邦国际物流园")


def test_upgrade_of_an_old_database_still_runs_alembic(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{(tmp_path / 'old.sqlite3').as_posix()}")
    migrate.upgrade(engine, "0001")
    assert not migrate.is_current(engine)
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    with engine.connect() as connection:  # the index of 0002 is there
        indexes = {i["name"] for i in inspect(connection).get_indexes("monthly_reports")}
    assert "ix_monthly_reports_period_totals" in indexes
    engine.dispose()


def test_the_status_bar_counts_with_the_register(db, qtbot) -> None:
    from ui.app import build_main_window

    with db.transaction() as s:
        for name, category in (("一号", "工业"), ("二号", "工业"), ("三号", "城建")):
            projects.create(s, ProjectData(name=name, category=category))
    window = build_main_window(db)
    qtbot.addWidget(window)
    assert window.count_label.text() == "共 3 个项目"
    window.context.set_filter(ProjectFilter(categories=("工业",)))
    assert window.count_label.text() == "显示 2 / 共 3 个项目"
    with db.transaction() as s:  # a project outside the filter: only the total changes
        projects.create(s, ProjectData(name="四号", category="城建"))
    window.context.dataChanged.emit()
    assert window.count_label.text() == "显示 2 / 共 4 个项目"
    window.context.set_filter(ProjectFilter())
    assert window.count_label.text() == "共 4 个项目"
