"""问题台账: validation, state transitions, overdue at its edge, kind guessing, counts by unit,
the alert rule, and the audit of every change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import AuditEntry, MonthlyReport, Problem
from db.queries import ProjectFilter
from portfolio import alerts, problems, projects
from portfolio.periods import Period
from portfolio.problems import ProblemData, ProblemError, ProblemQuery
from portfolio.projects import ProjectData

JUNE = Period(2026, 6)
TODAY = dt.date(2026, 11, 20)


def _project(s, name: str, unit: str = "县交通运输局", **kw) -> int:
    return projects.create(s, ProjectData(name=name, total_investment=Decimal("5000"),
                                          unit=unit, **kw))


def _problem(s, pid: int, description: str = "用地指标未落实", **kw) -> int:
    data = ProblemData(project_id=pid, raised=kw.pop("raised", JUNE), description=description,
                       **kw)
    return problems.add(s, data, today=TODAY)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"description": "  "}, "description", "问题描述不能为空"),
    ({"kind": "天气"}, "kind",
     "类别无效：天气（可选：用地、资金、手续审批、征地拆迁、水电气配套、环保、施工组织、其他）"),
    ({"state": "已完成"}, "state", "状态无效：已完成（可选：待解决、解决中、已解决、无法解决）"),
    ({"deadline": dt.date(2026, 5, 31)}, "deadline", "办结时限不能早于提出时间（2026年6月）"),
    ({"state": "已解决", "resolved_on": dt.date(2026, 7, 1)}, "resolution",
     "办结为“已解决”须填写解决情况"),
    ({"state": "已解决", "resolution": "已协调"}, "resolved_on", "办结为“已解决”须填写解决日期"),
    ({"state": "无法解决", "resolved_on": dt.date(2026, 7, 1)}, "resolution",
     "办结为“无法解决”须在解决情况中说明原因"),
    ({"state": "解决中", "resolved_on": dt.date(2026, 7, 1)}, "resolved_on",
     "问题尚未办结（解决中），不能填写解决日期"),
    ({"state": "已解决", "resolution": "已协调", "resolved_on": dt.date(2026, 5, 1)},
     "resolved_on", "解决日期不能早于提出时间（2026年6月）"),
    ({"state": "已解决", "resolution": "已协调", "resolved_on": dt.date(2026, 12, 1)},
     "resolved_on", "解决日期不能晚于今天"),
])
def test_validation_names_the_field(changes, field, message) -> None:
    data = ProblemData(project_id=1, raised=JUNE, description="资金缺口").with_changes(**changes)
    with pytest.raises(ProblemError) as info:
        problems.validate(data, today=TODAY)
    assert info.value.errors[field] == message


def test_deadline_on_the_first_day_of_the_raised_month_is_allowed() -> None:
    problems.validate(ProblemData(1, JUNE, "资金缺口", deadline=dt.date(2026, 6, 1)), today=TODAY)


def test_add_close_and_the_audit_log(db) -> None:
    with db.transaction() as s:
        pid = _project(s, "城南道路")
        number = _problem(s, pid, kind="用地", unit="县自然资源局", person="张伟",
                          deadline=dt.date(2026, 7, 31))
    with db.transaction() as s:
        old = problems.close(s, number, "已完成用地报批", on=dt.date(2026, 7, 20), today=TODAY)
        assert old.state == "待解决"
    with db.session() as s:
        row = problems.get_row(s, number)
        assert row is not None
        assert (row.project_name, row.unit, row.state, row.resolution, row.resolved_on) == (
            "城南道路", "县自然资源局", "已解决", "已完成用地报批", dt.date(2026, 7, 20))
        audited = {(a.action, a.field, a.new_value) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "problems"))}
        projects_of = set(s.scalars(select(AuditEntry.project_id).where(
            AuditEntry.table_name == "problems")))
    assert ("insert", "description", "用地指标未落实") in audited
    assert ("update", "state", "已解决") in audited
    assert ("update", "resolution", "已完成用地报批") in audited
    assert projects_of == {pid}


def test_state_transitions(db) -> None:
    with db.transaction() as s:
        pid = _project(s, "城南道路")
        number = _problem(s, pid)
        data = problems.load(s, number)
        problems.update(s, number, data.with_changes(state="解决中"), today=TODAY)
        problems.update(s, number, data.with_changes(state="待解决"), today=TODAY)
        problems.close(s, number, "无用地指标，项目调整选址", state="无法解决",
                       on=dt.date(2026, 8, 3), today=TODAY)
        closed = problems.load(s, number)
        with pytest.raises(ProblemError,
                           match="问题已办结（无法解决），须先重新打开才能改为“已解决”"):
            problems.update(s, number, closed.with_changes(state="已解决"), today=TODAY)
        with pytest.raises(ProblemError, match="第1号问题已办结（无法解决）"):
            problems.close(s, number, "再次办结", today=TODAY)
        with pytest.raises(ProblemError, match="办结状态应为已解决或无法解决"):
            problems.close(s, number, "x", state="解决中", today=TODAY)
        # reopening: back to an open state, without a date
        problems.update(s, number, closed.with_changes(state="解决中", resolved_on=None),
                        today=TODAY)
        assert problems.load(s, number).state == "解决中"
        with pytest.raises(ProblemError, match="问题台账中没有第99号问题"):
            problems.load(s, 99)


@pytest.mark.parametrize(("on", "days"), [
    (dt.date(2026, 7, 31), 0),   # the deadline itself: not yet overdue
    (dt.date(2026, 8, 1), 1),
    (dt.date(2026, 8, 31), 31),
])
def test_overdue_edge(on, days) -> None:
    assert problems.days_overdue("解决中", dt.date(2026, 7, 31), None, on) == days


def test_closed_problems_are_overdue_only_before_they_were_closed() -> None:
    deadline, closed = dt.date(2026, 7, 31), dt.date(2026, 8, 10)
    assert problems.days_overdue("已解决", deadline, closed, dt.date(2026, 8, 9)) == 9
    assert problems.days_overdue("已解决", deadline, closed, dt.date(2026, 8, 10)) == 0
    assert problems.days_overdue("待解决", None, None, dt.date(2030, 1, 1)) == 0


@pytest.mark.parametrize(("text", "kind"), [
    ("土地手续尚未办结", "用地"),
    ("用地指标未落实", "用地"),
    ("资金到位不足，影响施工进度", "资金"),
    ("存在资金缺口约3000万元", "资金"),
    ("企业融资困难，投资放缓", "资金"),
    ("征迁工作推进缓慢", "征地拆迁"),
    ("沿线拆迁户补偿标准未谈妥", "征地拆迁"),
    ("环评审批尚未完成", "手续审批"),
    ("施工许可证正在办理", "手续审批"),
    ("设计方案调整，等待重新审批", "手续审批"),
    ("施工扬尘整改，环保督察要求停工", "环保"),
    ("供电线路未接入，影响设备调试", "水电气配套"),
    ("厂区通水通气未完成", "水电气配套"),
    ("受连续降雨影响，室外施工暂停", "施工组织"),
    ("原材料价格上涨，施工单位投入不足", "施工组织"),
    ("天气寒冷", "施工组织"),
    ("缺电", "水电气配套"),
    ("业主方意见不统一", "其他"),
])
def test_kind_guessing(text, kind) -> None:
    assert problems.guess_kind(text) == kind


def test_from_monthly_text(db) -> None:
    with db.transaction() as s:
        pid = _project(s, "城南道路", unit="县交通运输局")
        s.add(MonthlyReport(project_id=pid, year=2026, month=6, problems=" 征地拆迁滞后 "))
        number = problems.from_monthly_text(s, pid, JUNE, " 征地拆迁滞后 ", today=TODAY)
        data = problems.load(s, number)
        assert data == ProblemData(pid, JUNE, "征地拆迁滞后", kind="征地拆迁", unit="县交通运输局",
                                   deadline=dt.date(2026, 7, 31))
        with pytest.raises(ProblemError, match="该问题已在问题台账中（第1号），尚未办结"):
            problems.from_monthly_text(s, pid, Period(2026, 7), "征地拆迁滞后", today=TODAY)
        with pytest.raises(ProblemError, match="该月“存在问题”为空"):
            problems.from_monthly_text(s, pid, JUNE, "  ", today=TODAY)


def _three_units(s) -> dict[str, int]:
    road = _project(s, "城南道路", unit="县交通运输局")
    school = _project(s, "县一中扩建", unit="县教育局", category="社会事业")
    ids = {
        # open and overdue at the end of June
        "late": _problem(s, road, unit="县自然资源局", deadline=dt.date(2026, 6, 15)),
        # open, due after June
        "open": _problem(s, road, "资金缺口", unit="县财政局", deadline=dt.date(2026, 7, 31)),
        # solved in June
        "solved": _problem(s, school, "施工许可证未办", unit="县住建局", raised=Period(2026, 5),
                           deadline=dt.date(2026, 6, 30), state="已解决", resolution="已办结",
                           resolved_on=dt.date(2026, 6, 12)),
        # solved in July, after its deadline: overdue at the end of June
        "late_then_solved": _problem(s, school, "用地未报批", unit="县自然资源局",
                                     raised=Period(2026, 4), deadline=dt.date(2026, 5, 31),
                                     state="已解决", resolution="已报批",
                                     resolved_on=dt.date(2026, 7, 8)),
        # raised after June: not counted in June
        "later": _problem(s, school, "缺电", unit="县供电公司", raised=Period(2026, 7)),
        # without a unit
        "no_unit": _problem(s, school, "其他问题"),
    }
    return {"road": road, "school": school, **ids}


def test_counts_by_unit(db) -> None:
    with db.transaction() as s:
        _three_units(s)
    with db.session() as s:
        june = problems.counts(s, JUNE)
        education = problems.counts(s, JUNE, ProjectFilter(categories=("社会事业",)))
    t = june.total
    assert (t.open, t.overdue, t.solved) == (4, 2, 1)
    assert [(c.unit, c.open, c.overdue, c.solved) for c in june.by_unit] == [
        ("县自然资源局", 2, 2, 0),
        ("县财政局", 1, 0, 0),
        ("县住建局", 0, 0, 1),
        (None, 1, 0, 0),
    ]
    assert june.headline() == "待解决问题4个（逾期2个），本月解决1个"
    assert (education.total.open, education.total.overdue, education.total.solved) == (2, 1, 1)


def test_list_filters_and_project_summary(db) -> None:
    with db.transaction() as s:
        ids = _three_units(s)
    with db.session() as s:
        def listed(**kw) -> list[int]:
            return [r.id for r in problems.list_problems(s, ProblemQuery(**kw))]

        assert listed(period=JUNE) == [ids["late"], ids["open"], ids["no_unit"],
                                       ids["late_then_solved"], ids["solved"]]
        assert listed(period=Period(2026, 7)) == [
            ids["late"], ids["open"], ids["later"], ids["no_unit"], ids["late_then_solved"]]
        assert listed(states=("已解决",)) == [ids["late_then_solved"], ids["solved"]]
        assert listed(units=("县自然资源局",)) == [ids["late"], ids["late_then_solved"]]
        assert listed(units=("",)) == [ids["no_unit"]]
        assert listed(overdue_on=dt.date(2026, 7, 1)) == [ids["late"], ids["late_then_solved"]]
        assert listed(overdue_on=dt.date(2026, 7, 8)) == [ids["late"]]
        assert listed(text="资金") == [ids["open"]]
        assert listed(text="一中") == [ids["later"], ids["no_unit"], ids["late_then_solved"],
                                      ids["solved"]]
        summary = problems.project_summaries(s, [ids["road"], ids["school"]], dt.date(2026, 7, 1))
    assert summary[ids["road"]].text == "2个问题待解决，1个逾期"
    assert summary[ids["school"]].text == "3个问题待解决，1个逾期"
    with db.session() as s:
        later = problems.project_summaries(s, [ids["school"]], dt.date(2026, 7, 8))
    assert later[ids["school"]].text == "2个问题待解决"


def test_alert_rule_problem_overdue(db) -> None:
    with db.transaction() as s:
        ids = _three_units(s)
        done = _project(s, "已竣工项目", stage="竣工", actual_finish=dt.date(2026, 3, 1))
        _problem(s, done, deadline=dt.date(2026, 6, 1))
        _problem(s, ids["road"], "征地拆迁未完成，影响路基施工全线贯通及后续工序，需协调",
                 deadline=dt.date(2026, 6, 20))
    with db.session() as s:
        june = alerts.evaluate(s, JUNE)
        may = alerts.evaluate(s, Period(2026, 5))
        page = alerts.evaluate(s, JUNE, ids=[ids["school"]])
    road = [a for a in june[ids["road"]] if a.rule == "problem_overdue"]
    assert [a.message for a in road] == [
        "2个问题逾期未解决：“用地指标未落实”逾期15天；“征地拆迁未完成，影响路基施工全线贯通及后续工序…”"
        "逾期10天（截至6月底）"]
    assert road[0].label == "问题逾期未解决"
    # solved in July but overdue at the end of June
    assert [a.message for a in june[ids["school"]]] == [
        "问题“用地未报批”逾期30天未解决（截至6月底）"]
    assert page == {ids["school"]: june[ids["school"]]}
    assert done not in june  # complete projects never warn
    assert ids["school"] not in may  # due on 31 May: not overdue on that day


def test_deleting_a_project_and_undoing_it_keeps_its_problems(db) -> None:
    with db.transaction() as s:
        pid = _project(s, "城南道路")
        _problem(s, pid, unit="县自然资源局")
        saved = projects.delete_project(s, pid)
        assert s.scalar(select(Problem.id)) is None
        projects.restore(s, saved)
    with db.session() as s:
        assert [r.description for r in problems.list_problems(s)] == ["用地指标未落实"]
