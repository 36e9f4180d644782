"""No lost update outside the project editor, on SQLite and on PostgreSQL: two users load the
same data, the first saves, the second saves from the copy loaded before; the second is
refused with a Chinese message naming the field, who changed it and when, and the first
user's change is what the database holds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from db.session import Database
from portfolio import plans, projects
from portfolio.concurrency import StaleEdit
from portfolio.projects import ProjectData

D = Decimal
STAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"
HINT = "，您的修改未保存。请重新载入后再改。"


@contextmanager
def as_user(db: Database, user: str) -> Iterator[Session]:
    """One transaction made by ``user`` (the audit log's name for it)."""
    with db.transaction(immediate=True) as session:
        session.info["user"] = user
        yield session


def refused_by(message: str, who: str = "张三") -> str:
    return f"{message}已被 {who} 于 {STAMP} 修改{HINT}"


@pytest.fixture
def project(any_db: Database) -> int:
    with any_db.transaction() as s:
        return projects.create(s, ProjectData(
            name="城北污水处理厂", category="城建", total_investment=D("5000")))


# --- the annual-plan grid ---------------------------------------------------------------------


def _row(db: Database, project_id: int) -> plans.PlanRow:
    with db.session() as s:
        return next(r for r in plans.plan_rows(s, 2026) if r.project_id == project_id)


def _seen(row: plans.PlanRow) -> dict[int, plans.PlanData | None]:
    return {row.project_id: row.data() if row.has_plan else None}


def test_plan_grid_save_from_a_stale_row_is_refused(any_db: Database, project: int) -> None:
    with any_db.transaction() as s:
        plans.save_cells(s, 2026, [(project, "planned_investment", D("1200")),
                                   (project, "planned_start_month", 3)])
    seen_by_a, seen_by_b = _row(any_db, project), _row(any_db, project)

    with as_user(any_db, "张三") as s:
        plans.save_cells(s, 2026, [(project, "planned_investment", D("1500"))], _seen(seen_by_a))
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        plans.save_cells(s, 2026, [(project, "m5", D("100"))], _seen(seen_by_b))
    assert re.fullmatch(refused_by("「城北污水处理厂（2026年度计划）」的「年度计划投资」"),
                        str(refused.value)), str(refused.value)
    assert refused.value.project_id == project
    now = _row(any_db, project)
    assert (now.planned_investment, now.distribution, now.months) == (D("1500.00"), "even", {})

    # reloaded, B's edit goes through
    with as_user(any_db, "李四") as s:
        plans.save_cells(s, 2026, [(project, "m5", D("100"))], _seen(now))
    assert _row(any_db, project).months[5] == D("100.00")


def test_plan_created_or_months_moved_meanwhile(any_db: Database, project: int) -> None:
    empty = _row(any_db, project)
    assert not empty.has_plan
    with as_user(any_db, "张三") as s:
        plans.save_cells(s, 2026, [(project, "m1", D("50")), (project, "m2", D("50"))],
                         _seen(empty))
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        plans.save_cells(s, 2026, [(project, "planned_investment", D("80"))], _seen(empty))
    assert re.fullmatch(refused_by("「城北污水处理厂（2026年度计划）」的「年度计划」"),
                        str(refused.value)), str(refused.value)

    # the same year's amount, spread otherwise: only the month rows change
    seen = _row(any_db, project)
    with as_user(any_db, "王五") as s:
        plans.save_cells(s, 2026, [(project, "m1", D("70")), (project, "m2", D("30"))],
                         _seen(seen))
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        plans.save_cells(s, 2026, [(project, "distribution", "typical")], _seen(seen))
    assert re.fullmatch(refused_by("「城北污水处理厂（2026年度计划）」的「各月计划投资」", "王五"),
                        str(refused.value)), str(refused.value)
    now = _row(any_db, project)
    assert (now.distribution, now.months) == ("custom", {1: D("70.00"), 2: D("30.00")})


def test_a_goal_changed_meanwhile_is_no_conflict(any_db: Database, project: int) -> None:
    with any_db.transaction() as s:
        plans.save(s, plans.PlanData(project, 2026, D("600")))
    seen = _row(any_db, project)
    with as_user(any_db, "张三") as s:
        plan = plans.load(s, project, 2026)
        assert plan is not None
        plan.goal = "完成主体结构封顶"
        plans.save(s, plan)
    with as_user(any_db, "李四") as s:
        before = plans.save_cells(s, 2026, [(project, "planned_start_month", 4)], _seen(seen))
    assert before[project] is not None and before[project].goal == "完成主体结构封顶"
    with any_db.session() as s:
        plan = plans.load(s, project, 2026)
    assert plan is not None and (plan.goal, plan.planned_start_month) == ("完成主体结构封顶", 4)


# --- settings that matter ---------------------------------------------------------------------


def test_thresholds_saved_from_a_stale_dialog_are_refused(any_db: Database) -> None:
    from portfolio import alerts

    with any_db.session() as s:
        seen_by_a = alerts.load_thresholds(s)
    seen_by_b = replace(seen_by_a)
    with as_user(any_db, "张三") as s:
        alerts.save_thresholds(s, replace(seen_by_a, behind_points=D("15")), seen_by_a)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        alerts.save_thresholds(s, replace(seen_by_b, idle_months=3), seen_by_b)
    assert re.fullmatch(refused_by("「预警设置」的「完成率低于序时进度百分点」"),
                        str(refused.value)), str(refused.value)
    with any_db.session() as s:
        assert alerts.load_thresholds(s) == alerts.Thresholds(D("15"), 2, 0, 0)
        reloaded = alerts.load_thresholds(s)
    with as_user(any_db, "李四") as s:
        alerts.save_thresholds(s, replace(reloaded, idle_months=3), reloaded)
    with any_db.session() as s:
        assert alerts.load_thresholds(s) == alerts.Thresholds(D("15"), 3, 0, 0)


def test_report_settings_saved_from_a_stale_dialog_are_refused(any_db: Database) -> None:
    from exports import report_settings

    with any_db.session() as s:
        seen = report_settings.load(s)
    with as_user(any_db, "张三") as s:
        report_settings.save(s, replace(seen, office="兰考县发展和改革委员会", region="兰考县"),
                             seen)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        report_settings.save(s, replace(seen, region="杞县"), seen)
    assert re.fullmatch(refused_by("「报表设置」的「填报单位」、「地区」"),
                        str(refused.value)), str(refused.value)
    with any_db.session() as s:
        assert (report_settings.load(s).office, report_settings.load(s).region) == (
            "兰考县发展和改革委员会", "兰考县")


def test_next_work_saved_from_a_stale_editor_is_refused(any_db: Database) -> None:
    from exports import briefing_notes
    from portfolio.periods import Period

    oct_ = Period(2026, 10)
    with any_db.session() as s:
        seen = briefing_notes.next_work(s, oct_)
    assert seen == ""
    with as_user(any_db, "张三") as s:
        briefing_notes.save_next_work(s, oct_, "一是加快推进滞后项目。", seen)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        briefing_notes.save_next_work(s, oct_, "二是抓好项目开工。", seen)
    assert re.fullmatch(refused_by("「2026年10月工作简报」的「下步工作」"),
                        str(refused.value)), str(refused.value)
    with any_db.session() as s:
        now = briefing_notes.next_work(s, oct_)
    assert now == "一是加快推进滞后项目。"
    with as_user(any_db, "李四") as s:
        briefing_notes.save_next_work(s, oct_, now + "\n二是抓好项目开工。", now)
    with pytest.raises(StaleEdit, match="已被 李四"), as_user(any_db, "张三") as s:
        briefing_notes.save_next_work(s, oct_, "", now)


# --- 资金到位 and the 问题台账 ------------------------------------------------------------------


def test_funds_saved_from_a_stale_panel_are_refused(any_db: Database, project: int) -> None:
    from portfolio import funds
    from portfolio.periods import Period

    may = Period(2026, 5)
    source = "地方政府专项债券"
    with as_user(any_db, "张三") as s:
        funds.set_received(s, project, may, source, D("300"), expected=None)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        funds.set_received(s, project, may, source, D("250"), expected=None)
    assert re.fullmatch(refused_by("「城北污水处理厂（2026年5月）」的「地方政府专项债券到位资金」"),
                        str(refused.value)), str(refused.value)
    with as_user(any_db, "王五") as s:
        funds.set_received(s, project, may, source, None, expected=D("300"))
    with pytest.raises(StaleEdit, match="到位资金」已被 王五"), as_user(any_db, "李四") as s:
        funds.set_received(s, project, may, source, D("250"), expected=D("300"))
    with any_db.session() as s:
        assert funds.receipts_of(s, project) == []
    with as_user(any_db, "李四") as s:
        assert funds.set_received(s, project, may, source, D("250"), expected=None) is None
    with any_db.session() as s:
        assert [r.amount for r in funds.receipts_of(s, project)] == [D("250.00")]


def test_problem_saved_from_a_stale_dialog_is_refused(any_db: Database, project: int) -> None:
    import datetime as dt

    from portfolio import problems
    from portfolio.periods import Period

    today = dt.date(2026, 10, 20)
    with any_db.transaction() as s:
        pid = problems.add(s, problems.ProblemData(
            project_id=project, raised=Period(2026, 10), description="征地拆迁未完成",
            kind="征地拆迁", deadline=dt.date(2026, 11, 30)), today=today)
    with any_db.session() as s:
        seen = problems.load(s, pid)
    with as_user(any_db, "张三") as s:
        problems.update(s, pid, seen.with_changes(state="解决中", unit="城关镇人民政府"),
                        expected=seen, today=today)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        problems.update(s, pid, seen.with_changes(person="刘明"), expected=seen, today=today)
    assert re.fullmatch(refused_by("「第\\d+号问题」的「协调单位」、「状态」"),
                        str(refused.value)), str(refused.value)
    with any_db.session() as s:
        now = problems.load(s, pid)
    assert (now.state, now.unit, now.person) == ("解决中", "城关镇人民政府", "")
    with as_user(any_db, "李四") as s:
        problems.update(s, pid, now.with_changes(person="刘明"), expected=now, today=today)
    with any_db.session() as s:
        assert problems.load(s, pid).person == "刘明"
