"""The overview on demo data: equal to a direct SQL computation, equal to what ``portfolio
status`` prints, and each clickable figure filters the register to the projects behind it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from db.queries import ProjectFilter, filtered_ids
from portfolio import alerts, demo, overview
from portfolio.money import format_money
from portfolio.periods import Period
from tests.helpers import run_portfolio

OCT = Period(2026, 10)
TODAY = dt.date(2026, 11, 20)

DIRECT = """
WITH leaf AS (
    SELECT p.* FROM projects p
    WHERE NOT EXISTS (SELECT 1 FROM projects c WHERE c.parent_id = p.id)
),
ytd AS (
    SELECT project_id, SUM(investment) AS amount FROM monthly_reports
    WHERE year = :year AND month <= :month GROUP BY project_id
),
plan AS (
    SELECT project_id, planned_investment, planned_start_month FROM annual_plans
    WHERE year = :year
)
SELECT
    (SELECT COUNT(DISTINCT COALESCE(parent_id, id)) FROM projects {where_all}) AS projects,
    (SELECT COALESCE(SUM(total_investment), 0) FROM leaf {where_leaf}) AS total,
    (SELECT COALESCE(SUM(plan.planned_investment), 0) FROM leaf
        JOIN plan ON plan.project_id = leaf.id {where_leaf}) AS planned,
    (SELECT COALESCE(SUM(ytd.amount), 0) FROM leaf
        JOIN ytd ON ytd.project_id = leaf.id {where_leaf}) AS done,
    (SELECT COUNT(*) FROM leaf JOIN plan ON plan.project_id = leaf.id
        WHERE plan.planned_start_month IS NOT NULL {and_leaf}) AS planned_starts,
    (SELECT COUNT(*) FROM leaf JOIN plan ON plan.project_id = leaf.id
        WHERE plan.planned_start_month IS NOT NULL AND leaf.actual_start <= :last {and_leaf})
        AS actual_starts
"""


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    from db.session import open_database

    path = tmp_path_factory.mktemp("overview") / "demo.sqlite3"
    url = f"sqlite:///{path.as_posix()}"
    database = open_database(url)
    demo.generate(database, projects=300, years=3, seed=11, today=TODAY)
    database.dispose()
    return url


@pytest.fixture
def demo_db(demo_url: str):
    from db.session import open_database

    database = open_database(demo_url)
    yield database
    database.dispose()


def _direct(session, category: str | None = None) -> dict[str, Decimal | int]:
    where = "WHERE category = :category" if category else ""
    sql = DIRECT.format(where_all=where, where_leaf=where,
                        and_leaf="AND category = :category" if category else "")
    params = {"year": OCT.year, "month": OCT.month, "last": OCT.last_day.isoformat(),
              "category": category}
    row = session.execute(text(sql), params).one()
    return {
        "projects": row.projects,
        "total": Decimal(str(row.total)).quantize(Decimal("0.01")),
        "planned": Decimal(str(row.planned)).quantize(Decimal("0.01")),
        "done": Decimal(str(row.done)).quantize(Decimal("0.01")),
        "planned_starts": row.planned_starts,
        "actual_starts": row.actual_starts,
    }


def test_overview_equals_direct_sql(demo_db) -> None:
    with demo_db.session() as s:
        result = overview.compute(s, OCT)
        expected = _direct(s)
        t = result.total
        assert (t.project_count, t.total_investment, t.annual_plan, t.ytd, t.planned_starts,
                t.actual_starts) == tuple(expected.values())
        assert t.completion_rate == (t.ytd * 100 / t.annual_plan).quantize(Decimal("0.1"))
        assert t.time_progress == Decimal("83.3")
        for row in result.groups["category"]:
            direct = _direct(s, row.key)
            assert (row.project_count, row.total_investment, row.annual_plan, row.ytd,
                    row.planned_starts, row.actual_starts) == tuple(direct.values()), row.key
        assert sum(r.ytd for r in result.groups["township"]) == t.ytd
        assert sum(r.annual_plan for r in result.groups["unit"]) == t.annual_plan
        assert {p.project_id for p in result.lagging} == set(alerts.evaluate(s, OCT))
        assert str(result.total.project_count) in result.headline()


def _status(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_portfolio("--db", url, "status", "--period", "2026-10", *extra)


def test_status_and_the_window_agree(demo_url: str, demo_db, qtbot, capsys) -> None:
    from ui.context import AppContext
    from ui.overview.page import OverviewPage

    done = _status(demo_url, "--format", "json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    context = AppContext(demo_db)
    context.set_period(OCT)
    page = OverviewPage(context)
    qtbot.addWidget(page)
    assert page.headline.text() == record["headline"]
    assert page.tiles["projects"].value.text() == f"{record['total']['project_count']}个"
    assert page.tiles["warned"].value.text() == f"{len(record['warnings'])}个"
    assert page.tiles["rate"].value.text() == f"{record['total']['completion_rate']}%"
    assert page.tiles["actual_starts"].value.text() == f"{record['total']['actual_starts']}个"
    model = page.summary_models["category"]
    window_rows = {model.value(r, "key"): model.value(r, "ytd") for r in range(model.rowCount())}
    for group in record["groups"]["category"]:
        assert window_rows[group["key"]] == format_money(Decimal(group["ytd"]), grouped=True)
    assert window_rows["合计"] == format_money(Decimal(record["total"]["ytd"]), grouped=True)
    assert [p.project_id for p in page.lagging_model.rows] == [
        w["project_id"] for w in record["warnings"]]
    from cli.main import main

    assert main(["--db", demo_url, "status", "--period", "2026-10"]) == 0
    table = capsys.readouterr().out
    assert record["headline"] in table
    assert f"预警项目 {len(record['warnings'])} 个" in table


def test_status_follows_the_filter_and_refuses_a_bad_period(demo_url: str, capsys) -> None:
    from cli.main import main

    args = ["--db", demo_url, "status", "--period", "2026-10", "--format", "json"]
    assert main([*args, "--category", "工业"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [g["key"] for g in record["groups"]["category"]] == ["工业"]
    assert all(w["category"] == "工业" for w in record["warnings"])
    assert main(["--db", demo_url, "status", "--period", "2026-13"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("错误：") and "月份" in error


def test_clicking_figures_shows_the_projects_behind_them(demo_db, qtbot) -> None:
    from ui.context import AppContext
    from ui.overview.page import OverviewPage

    context = AppContext(demo_db)
    context.set_period(OCT)
    page = OverviewPage(context)
    qtbot.addWidget(page)
    shown: list[ProjectFilter] = []
    context.showRegister.connect(shown.append)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    qtbot.mouseClick(page.tiles["warned"], Qt.MouseButton.LeftButton)
    assert shown[-1].project_ids is not None
    assert sorted(shown[-1].project_ids) == sorted(page.result.warned_ids)
    page.show_projects("actual_starts")
    with demo_db.session() as s:
        started = filtered_ids(s, shown[-1])
    assert len(started) == page.result.total.actual_starts
    page.show_projects("pending_starts")
    assert len(shown[-1].project_ids) == (page.result.total.planned_starts
                                          - page.result.total.actual_starts)
    page.show_projects("not_started")  # the warning rule: past the planned month
    assert len(shown[-1].project_ids) == page.result.rule_counts["not_started"]
    # a row of the 领域 table: the register narrowed to that 领域
    model = page.summary_models["category"]
    page._group_clicked("category", model.index(0, 0))
    assert shown[-1].categories == (model.rows[0].key,)
    warned_column = [model.column_key(c) for c in range(model.columnCount())].index("warned")
    page._group_clicked("category", model.index(0, warned_column))
    assert len(shown[-1].project_ids) == int(model.value(0, "warned"))
    page.show_projects("projects")
    assert shown[-1] == context.filter
