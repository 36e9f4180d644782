"""No lost update in the 前期手续, on SQLite and on PostgreSQL: two users load the same step (or
the office's checklist), the first saves, the second saves from the copy loaded before; the
second is refused with a Chinese message naming the field, who changed it and when, and the
first user's change is what the database holds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from db.session import Database
from portfolio import approval_checklist, approvals
from portfolio.concurrency import StaleEdit
from portfolio.projects import ProjectData, create
from tests.unit.portfolio.test_stale_edits import as_user, refused_by

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def step(any_db: Database) -> approvals.Step:
    with any_db.transaction() as s:
        pid = create(s, ProjectData(name="兰考县第三高级中学", stage="前期",
                                    total_investment=Decimal("3000")))
        approval_checklist.apply(s, pid)
        return approvals.steps_of(s, pid)[1]


def _reload(db: Database, step: approvals.Step) -> approvals.Step:
    with db.session() as s:
        return next(x for x in approvals.steps_of(s, step.project_id) if x.id == step.id)


def test_a_step_saved_from_a_stale_tab_is_refused(any_db: Database,
                                                  step: approvals.Step) -> None:
    seen_by_a, seen_by_b = _reload(any_db, step), _reload(any_db, step)
    with as_user(any_db, "张三") as s:
        approvals.update_step(s, seen_by_a.with_changes(
            actual_on=dt.date(2026, 6, 1), document_number="兰自然资预〔2026〕3号"),
            expected=seen_by_a, today=TODAY)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        approvals.update_step(s, seen_by_b.with_changes(note="等待市局批复"),
                              expected=seen_by_b, today=TODAY)
    assert re.fullmatch(
        refused_by("「兰考县第三高级中学（前期手续“用地预审与选址”）」的「实际完成日期」、「批准文号」"),
        str(refused.value)), str(refused.value)
    assert (refused.value.project_id, refused.value.fields) == (
        step.project_id, ("actual_on", "document_number"))
    now = _reload(any_db, step)
    assert (now.actual_on, now.document_number, now.note) == (
        dt.date(2026, 6, 1), "兰自然资预〔2026〕3号", "")

    # reloaded, B's edit goes through and keeps A's
    with as_user(any_db, "李四") as s:
        approvals.update_step(s, now.with_changes(note="等待市局批复"), expected=now, today=TODAY)
    after = _reload(any_db, step)
    assert (after.document_number, after.note) == ("兰自然资预〔2026〕3号", "等待市局批复")
    # and A, still holding what it saved, is told that 李四 changed the 备注
    with pytest.raises(StaleEdit, match="「备注」已被 李四"), as_user(any_db, "张三") as s:
        approvals.update_step(s, now.with_changes(planned_on=dt.date(2026, 7, 1)),
                              expected=now, today=TODAY)
    assert _reload(any_db, step).planned_on is None


def test_a_checklist_saved_from_a_stale_dialog_is_refused(any_db: Database) -> None:
    with any_db.session() as s:
        seen = approval_checklist.load(s)
    with as_user(any_db, "张三") as s:
        approval_checklist.save(s, replace(seen, new_start="立项\n环评\n施工许可"), seen)
    with pytest.raises(StaleEdit) as refused, as_user(any_db, "李四") as s:
        approval_checklist.save(s, replace(seen, continuing="施工许可"), seen)
    assert re.fullmatch(refused_by("「前期手续清单」的「新开工项目手续清单」"),
                        str(refused.value)), str(refused.value)
    with pytest.raises(StaleEdit, match="已被 张三"), as_user(any_db, "李四") as s:
        approval_checklist.reset(s, None, seen)
    with any_db.session() as s:
        now = approval_checklist.load(s)
    assert (now.names("新开工"), now.names("续建")) == (["立项", "环评", "施工许可"], [])
    with as_user(any_db, "李四") as s:
        approval_checklist.save(s, replace(now, continuing="施工许可"), now)
    with any_db.session() as s:
        assert approval_checklist.load(s) == replace(now, continuing="施工许可")
