"""前期手续: a project's state, validation and the 手续逾期 warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from portfolio import alerts, approval_checklist, approvals
from portfolio.approvals import APPROVALS, StepError
from portfolio.periods import Period
from portfolio.projects import ProjectData, create

TODAY = dt.date(2026, 11, 20)


def _project(db, stage: str = "前期", **extra) -> int:
    with db.transaction() as s:
        return create(s, ProjectData(name=f"{stage}项目{len(extra)}", stage=stage,
                                     total_investment=Decimal("1000"), **extra))


def _finish(db, pid: int, names: list[str], day: dt.date = dt.date(2026, 5, 1)) -> None:
    with db.transaction() as s:
        for step in approvals.steps_of(s, pid):
            if step.name in names:
                approvals.update_step(s, step.with_changes(
                    actual_on=day, document_number=f"兰发改〔2026〕{step.position + 1}号"),
                    today=TODAY)


def test_state_string_names_the_first_unfinished_step(db) -> None:
    pid = _project(db)
    with db.transaction() as s:
        approval_checklist.apply(s, pid)
    _finish(db, pid, [*APPROVALS[:5], "施工图审查"])
    with db.session() as s:
        state = approvals.state_of(approvals.steps_of(s, pid))
    assert state.text == "已完成6/9项手续，卡在：环评"
    _finish(db, pid, list(APPROVALS))
    with db.session() as s:
        assert approvals.state_of(approvals.steps_of(s, pid)).text == "已完成9/9项手续"
    assert approvals.state_of([]).text == "尚无手续清单"


def test_validation_names_the_field_in_chinese(db) -> None:
    pid = _project(db)
    with db.transaction() as s:
        approval_checklist.apply(s, pid)
        step = approvals.steps_of(s, pid)[0]
        with pytest.raises(StepError) as info:
            approvals.update_step(s, step.with_changes(actual_on=TODAY + dt.timedelta(1)),
                                  today=TODAY)
        assert info.value.errors["actual_on"] == (
            "实际完成日期不能晚于今天（2026-11-20）：2026-11-21")
        assert info.value.errors["document_number"] == (
            "手续“立项（审批/核准/备案）”已办结，必须填写批准文号")
        with pytest.raises(StepError, match="已有“环评”"):
            approvals.add_step(s, pid, "环评", today=TODAY)
        # a milestone needs no 文号
        mid = approvals.add_step(s, pid, "主体封顶", "milestone", actual_on=TODAY, today=TODAY)
        assert mid and approvals.find_step(s, pid, "封顶").name == "主体封顶"
        with pytest.raises(StepError, match="可指"):
            approvals.find_step(s, pid, "许可")


def test_overdue_steps_warn_at_the_end_of_the_month(db) -> None:
    pid = _project(db)
    with db.transaction() as s:
        approval_checklist.apply(s, pid)
        steps = approvals.steps_of(s, pid)
        for step, planned in zip(steps[:3], (dt.date(2026, 8, 31), dt.date(2026, 10, 15),
                                             dt.date(2026, 10, 31)), strict=True):
            approvals.update_step(s, step.with_changes(planned_on=planned), today=TODAY)
        # done on time, then done late: late only until the day it was done
        approvals.update_step(s, steps[0].with_changes(
            planned_on=dt.date(2026, 8, 31), actual_on=dt.date(2026, 10, 20),
            document_number="兰发改〔2026〕8号"), today=TODAY)
    with db.session() as s:
        september = alerts.evaluate(s, Period(2026, 9))[pid]
        october = alerts.evaluate(s, Period(2026, 10))[pid]
        late = approvals.overdue_steps(s, dt.date(2026, 10, 31))
    assert [a.rule for a in september] == ["approval_overdue"]
    assert september[0].message == (
        "1项手续/节点逾期：立项（审批/核准/备案）（计划2026-08-31，逾期30天）")
    assert october[0].label == "手续逾期"
    # the 31 Oct step is due that day, not yet late
    assert october[0].message == "1项手续/节点逾期：用地预审与选址（计划2026-10-15，逾期16天）"
    assert [o.name for o in late[pid]] == ["用地预审与选址"]


def test_reserve_and_finished_projects_never_warn(db) -> None:
    reserve = _project(db, "储备")
    with db.transaction() as s:
        approval_checklist.apply(s, reserve, nature="前期")
        step = approvals.steps_of(s, reserve)[0]
        approvals.update_step(s, step.with_changes(planned_on=dt.date(2026, 1, 1)), today=TODAY)
        assert approvals.overdue_steps(s, TODAY)[reserve]
    with db.session() as s:
        assert reserve not in alerts.evaluate(s, Period(2026, 10))
