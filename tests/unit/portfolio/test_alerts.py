"""The warning rules, each at its edge, on hand-made projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from db.models import AnnualPlan, MonthlyReport, Project
from db.queries import ProjectFilter
from portfolio import alerts, metrics, projects
from portfolio.alerts import Thresholds
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal
JUNE = Period(2026, 6)


def _project(s, name: str, **kw) -> int:
    return projects.create(s, ProjectData(name=name, total_investment=D("5000"), **kw))


def _plan(s, pid: int, amount: str, year: int = 2026, start=None, finish=None) -> None:
    s.add(AnnualPlan(project_id=pid, year=year, planned_investment=D(amount),
                     planned_start_month=start, planned_finish_month=finish))


def _report(s, pid: int, year: int, month: int, amount: str) -> None:
    s.add(MonthlyReport(project_id=pid, year=year, month=month, investment=D(amount)))


def _rules(db, period: Period, thresholds: Thresholds | None = None,
           flt: ProjectFilter | None = None) -> dict[str, set[str]]:
    """name → the rules it is warned by."""
    with db.session() as s:
        found = alerts.evaluate(s, period, flt or ProjectFilter(), thresholds or Thresholds())
        names = dict(s.query(Project.id, Project.name).all())
    return {names[pid]: {w.rule for w in ws} for pid, ws in found.items()}


def _warned(db, period: Period, rule: str, thresholds: Thresholds | None = None) -> set[str]:
    """The names warned by ``rule``."""
    return {name for name, rules in _rules(db, period, thresholds).items() if rule in rules}


def test_behind_schedule_edge(db) -> None:
    with db.transaction() as s:
        started = dt.date(2026, 1, 10)
        at_edge = _project(s, "正好低10点", actual_start=started)
        above = _project(s, "低9.9点", actual_start=started)
        late_plan = _project(s, "四月起计划", actual_start=dt.date(2026, 4, 2))
        not_started = _project(s, "未开工不算滞后")
        _plan(s, at_edge, "1200")
        _plan(s, above, "1200")
        _plan(s, late_plan, "900", start=4)
        _plan(s, not_started, "1200")
        _report(s, at_edge, 2026, 6, "480")  # 40.0% against 50.0%
        _report(s, above, 2026, 6, "481.20")  # 40.1%
        _report(s, late_plan, 2026, 6, "210")  # 23.3% against 3 of 9 months = 33.3%
        _report(s, at_edge, 2026, 7, "500")  # after the period: not counted
    found = _rules(db, JUNE)
    assert found["正好低10点"] == {"behind_schedule"}
    assert "低9.9点" not in found
    assert found["四月起计划"] == {"behind_schedule"}
    assert "behind_schedule" not in found.get("未开工不算滞后", set())
    assert "正好低10点" not in _rules(db, JUNE, Thresholds(behind_points=D("10.1")))
    with db.session() as s:
        pid = s.query(Project.id).filter_by(name="正好低10点").scalar()
        message = alerts.evaluate(s, JUNE)[pid][0].message
    assert message == "完成率40.0%，低于序时进度10.0个百分点（序时进度50.0%）"


def test_project_time_progress() -> None:
    assert alerts.project_time_progress(JUNE) == D("50.0")
    assert alerts.project_time_progress(JUNE, 4) == D("33.3")
    assert alerts.project_time_progress(JUNE, 7) == D("0.0")
    assert alerts.project_time_progress(JUNE, 1, 3) == D("100.0")
    assert alerts.project_time_progress(Period(2026, 1)) == D("8.3")


def test_no_investment_not_before_the_first_month_reported(any_db) -> None:
    """A project whose months before May were carried (此前各月累计（未分月）, month 0) is not
    idle in months before May: nobody knows what they held."""
    with any_db.transaction() as s:
        started = dt.date(2025, 3, 5)
        carried = _project(s, "五月起按月填报", actual_start=started)
        _report(s, carried, 2026, 0, "300")
        _report(s, carried, 2026, 5, "0")
        _report(s, carried, 2026, 6, "0")
        plain = _project(s, "五月起填报无结转", actual_start=started)
        _report(s, plain, 2026, 5, "0")
        _report(s, plain, 2026, 6, "0")
        for pid in (carried, plain):
            _plan(s, pid, "0")
    assert "no_investment" in _rules(any_db, JUNE)["五月起按月填报"]  # May–June are monthly
    three = Thresholds(idle_months=3)
    assert "五月起按月填报" not in _rules(any_db, JUNE, three)  # April is in the carried sum
    assert "五月起按月填报" not in _rules(any_db, Period(2026, 4))
    assert "五月起按月填报" not in _rules(any_db, Period(2026, 1))  # window from last year
    assert _rules(any_db, JUNE, three)["五月起填报无结转"] == {"no_investment"}


def test_no_investment_edges_and_year_boundary(any_db) -> None:
    with any_db.transaction() as s:
        idle = _project(s, "两月无投资", actual_start=dt.date(2026, 3, 5))
        _report(s, idle, 2026, 4, "10")
        _report(s, idle, 2026, 5, "0")  # June not reported at all
        busy = _project(s, "六月有投资", actual_start=dt.date(2026, 3, 5))
        _report(s, busy, 2026, 5, "0")
        _report(s, busy, 2026, 6, "0.01")
        fresh = _project(s, "六月才开工", actual_start=dt.date(2026, 6, 1))
        edge = _project(s, "五月底开工", actual_start=dt.date(2026, 5, 31))
        done = _project(s, "已竣工", actual_start=dt.date(2025, 1, 1),
                        actual_finish=dt.date(2026, 6, 30), stage="竣工")
        winter = _project(s, "跨年无投资", actual_start=dt.date(2025, 3, 1))
        _report(s, winter, 2025, 11, "20")
        _report(s, winter, 2025, 12, "0")
        for pid in (idle, busy, fresh, edge, done):
            _plan(s, pid, "0")
    found = _rules(any_db, JUNE)
    assert found["两月无投资"] == {"no_investment"}
    assert "六月有投资" not in found
    assert "六月才开工" not in found
    assert found["五月底开工"] == {"no_investment"}
    assert "已竣工" not in found
    assert "两月无投资" not in _rules(any_db, JUNE, Thresholds(idle_months=3))
    january = Period(2026, 1)
    assert _rules(any_db, january)["跨年无投资"] == {"no_investment"}
    assert "跨年无投资" not in _rules(any_db, Period(2025, 12))
    with any_db.session() as s:
        pid = s.query(Project.id).filter_by(name="跨年无投资").scalar()
        assert alerts.evaluate(s, january)[pid][0].message == (
            "连续2个月（2025年12月—1月）无新增投资")


def test_not_started_edge(db) -> None:
    with db.transaction() as s:
        planned = _project(s, "计划六月开工")
        _plan(s, planned, "100", start=6)
        on_time = _project(s, "六月底开工", actual_start=dt.date(2026, 6, 30))
        _plan(s, on_time, "100", start=6)
        late = _project(s, "七月一日开工", actual_start=dt.date(2026, 7, 1))
        _plan(s, late, "100", start=6)
        _project(s, "无年度计划按项目日期", planned_start=dt.date(2026, 6, 15))
        _project(s, "储备项目", planned_start=dt.date(2026, 1, 15), stage="储备")
    assert _warned(db, Period(2026, 5), "not_started") == set()
    assert _warned(db, JUNE, "not_started") == {
        "计划六月开工", "七月一日开工", "无年度计划按项目日期"}
    assert "储备项目" not in _rules(db, JUNE)
    graced = Thresholds(start_grace_months=1)
    assert "计划六月开工" not in _warned(db, JUNE, "not_started", graced)
    assert "计划六月开工" in _warned(db, Period(2026, 7), "not_started", graced)


def test_overdue_edge(db) -> None:
    with db.transaction() as s:
        started = dt.date(2025, 1, 1)
        _project(s, "六月底应竣工", actual_start=started, planned_finish=dt.date(2026, 6, 30))
        _project(s, "六月已竣工", actual_start=started, planned_finish=dt.date(2026, 6, 30),
                 actual_finish=dt.date(2026, 6, 20), stage="竣工")
        _project(s, "竣工无日期", actual_start=started, planned_finish=dt.date(2026, 3, 30),
                 stage="竣工")
        by_plan = _project(s, "按年度计划竣工月", actual_start=started)
        _plan(s, by_plan, "0", finish=5)
        for name in ("六月底应竣工", "六月已竣工", "竣工无日期", "按年度计划竣工月"):
            pid = s.query(Project.id).filter_by(name=name).scalar()
            _report(s, pid, 2026, 6, "1")
    assert _warned(db, Period(2026, 5), "overdue") == {"按年度计划竣工月"}
    assert _warned(db, JUNE, "overdue") == {"六月底应竣工", "按年度计划竣工月"}
    assert "竣工无日期" not in _rules(db, JUNE) and "六月已竣工" not in _rules(db, JUNE)
    graced = Thresholds(finish_grace_months=1)
    assert _warned(db, JUNE, "overdue", graced) == {"按年度计划竣工月"}
    with db.session() as s:
        pid = s.query(Project.id).filter_by(name="按年度计划竣工月").scalar()
        assert alerts.evaluate(s, JUNE)[pid][0].message == (
            "计划5月竣工，已逾期1个月，截至6月底仍未竣工")


def test_packages_filters_and_several_reasons(db) -> None:
    with db.transaction() as s:
        package = _project(s, "道路打包项目", category="交通能源")
        part = _project(s, "道路A段", category="交通能源", parent_id=package,
                        planned_finish=dt.date(2026, 3, 31))
        _plan(s, part, "100", start=2)
        _plan(s, package, "100", start=2)
        school = _project(s, "学校", category="社会事业", planned_start=dt.date(2026, 2, 1))
    found = _rules(db, JUNE)
    assert "道路打包项目" not in found
    assert found["道路A段"] == {"not_started", "overdue"}
    assert set(_rules(db, JUNE, flt=ProjectFilter(categories=("社会事业",)))) == {"学校"}
    with db.session() as s:
        only = alerts.evaluate(s, JUNE, ids=[school])
        assert list(only) == [school]
        reasons = alerts.evaluate(s, JUNE)[part]
        assert [w.rule for w in reasons] == ["not_started", "overdue"]
        assert [w.label for w in reasons] == ["未按期开工", "逾期未竣工"]
        assert "；" in alerts.reasons(reasons)


def test_thresholds_round_trip_and_validation(db) -> None:
    with db.session() as s:
        assert alerts.load_thresholds(s) == Thresholds()
    with db.transaction() as s:
        alerts.save_thresholds(s, Thresholds(D("12.5"), 3, 1, 2))
    with db.session() as s:
        assert alerts.load_thresholds(s) == Thresholds(D("12.5"), 3, 1, 2)
    for bad in (Thresholds(behind_points=D("0")), Thresholds(idle_months=0),
                Thresholds(start_grace_months=13)):
        with pytest.raises(ValueError, match="应在"), db.transaction() as s:
            alerts.save_thresholds(s, bad)
    with db.session() as s:
        assert alerts.load_thresholds(s).idle_months == 3


def test_state_of_and_colours(db) -> None:
    with db.transaction() as s:
        _project(s, "未开工")
        _project(s, "在建", actual_start=dt.date(2026, 1, 1))
        _project(s, "建成", actual_start=dt.date(2025, 1, 1), actual_finish=dt.date(2026, 1, 1),
                 stage="竣工")
    with db.session() as s:
        figures = {f.name: f for f in metrics.project_figures(s, JUNE)}
    warn = [alerts.Alert(1, "overdue", "x")]
    assert alerts.state_of(figures["未开工"], []) == "not_started"
    assert alerts.state_of(figures["在建"], []) == "on_track"
    assert alerts.state_of(figures["在建"], warn) == "warning"
    assert alerts.state_of(figures["建成"], []) == "done"
    assert set(alerts.STATE_COLOURS) == set(alerts.STATE_BACKGROUNDS) == set(
        alerts.STATE_LABELS)
    assert all(c.startswith("#") and len(c) == 7 for c in alerts.STATE_COLOURS.values())
    assert set(alerts.RULE_LABELS) == set(alerts.RULES)


