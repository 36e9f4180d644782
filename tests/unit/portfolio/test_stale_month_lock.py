"""No figure gets into a submitted month, on SQLite and on PostgreSQL: one user submits (提交本月)
while another saves figures from a grid loaded before, or one reopens while the other
submits; the loser is told who submitted or reopened the month and when, and nothing of
theirs is written."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import MonthlyReport
from db.session import Database
from portfolio import monthly, projects
from portfolio.concurrency import StaleEdit
from portfolio.monthly import CellEdit, EntryError, PeriodLocked
from portfolio.periods import Period
from portfolio.projects import ProjectData
from tests.unit.portfolio.test_stale_edits import STAMP, as_user

D = Decimal
OCT = Period(2026, 10)


@pytest.fixture
def project(any_db: Database) -> int:
    with any_db.transaction() as s:
        return projects.create(s, ProjectData(
            name="城北污水处理厂", category="城建", total_investment=D("5000")))


def _reports(db: Database, project_id: int) -> list[tuple[int, Decimal]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(MonthlyReport.month, MonthlyReport.investment)
            .where(MonthlyReport.project_id == project_id).order_by(MonthlyReport.month))]


def _edit(db: Database, project_id: int, amount: str) -> CellEdit:
    """A cell of the grid as loaded now, typed over with ``amount``."""
    with db.session() as s:
        row = monthly.load_rows(s, OCT, ids=[project_id])[0]
    return CellEdit(project_id, "investment", D(amount), row.investment)


def test_a_save_from_a_grid_loaded_before_the_submit_is_refused(any_db: Database,
                                                                  project: int) -> None:
    edit = _edit(any_db, project, "120")  # B's grid, loaded while October was open
    with as_user(any_db, "张三") as s:
        monthly.lock(s, OCT)
    with pytest.raises(PeriodLocked) as refused, as_user(any_db, "李四") as s:
        monthly.save_cells(s, OCT, [edit])
    assert re.fullmatch(f"2026年10月已报送锁定（张三 于 {STAMP} 提交），不能修改；"
                        "如需更正请先“重新打开”本月", str(refused.value)), str(refused.value)
    assert isinstance(refused.value, StaleEdit) and isinstance(refused.value, EntryError)
    assert _reports(any_db, project) == []


def _race(db: Database, first: Callable[..., object], second: Callable[..., object],
          ) -> object:
    """Run ``first`` in a transaction held open while ``second`` starts in another thread,
    then commit ``first``; what ``second`` returned or raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            with as_user(db, "李四") as s:
                outcome.append(second(s))
        except (EntryError, StaleEdit) as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    with as_user(db, "张三") as s:
        first(s)
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive() and not outcome, "the second writer did not wait"
    thread.join(30)
    assert not thread.is_alive() and len(outcome) == 1
    return outcome[0]


def test_a_save_waiting_on_a_submit_in_progress_is_refused(any_db: Database,
                                                           project: int) -> None:
    edit = _edit(any_db, project, "120")
    result = _race(any_db, lambda s: monthly.lock(s, OCT),
                   lambda s: monthly.save_cells(s, OCT, [edit]))
    assert isinstance(result, PeriodLocked), result
    assert re.match(f"2026年10月已报送锁定（张三 于 {STAMP} 提交）", str(result)), str(result)
    assert _reports(any_db, project) == []


def test_a_submit_waits_for_a_save_in_progress(any_db: Database, project: int) -> None:
    edit = _edit(any_db, project, "120")
    result = _race(any_db, lambda s: monthly.save_cells(s, OCT, [edit]),
                   lambda s: monthly.lock(s, OCT))
    assert result == []  # submitted after the figure was written, nothing refused
    assert _reports(any_db, project) == [(10, D("120.00"))]
    with any_db.session() as s:
        assert monthly.is_locked(s, OCT)


def test_submit_and_reopen_from_stale_pages(any_db: Database, project: int) -> None:
    # A and B both see October open; A submits, B's submit is refused naming A
    with as_user(any_db, "张三") as s:
        monthly.lock(s, OCT)
    with pytest.raises(PeriodLocked) as refused, as_user(any_db, "李四") as s:
        monthly.lock(s, OCT)
    assert re.fullmatch(f"2026年10月已报送锁定（张三 于 {STAMP} 提交），不能再次提交；"
                        "如需更正请先“重新打开”本月。您的修改未保存。请重新载入后再改。",
                        str(refused.value)), str(refused.value)
    with any_db.session() as s:
        info = monthly.lock_info(s, OCT)
        assert info is not None
        seen = info.locked_at
    # both see it submitted; A reopens, B's reopen is refused naming A
    with as_user(any_db, "张三") as s:
        monthly.reopen(s, OCT, "更正数据", seen=seen)
    with pytest.raises(PeriodLocked) as refused, as_user(any_db, "李四") as s:
        monthly.reopen(s, OCT, "更正", seen=seen)
    assert re.fullmatch(f"2026年10月已被 张三 于 {STAMP} 重新打开（尚未报送），无需再次打开",
                        str(refused.value)), str(refused.value)
    # A corrects and submits again: B, still showing the first submission, cannot reopen
    # A's new one behind A's back
    with as_user(any_db, "张三") as s:
        monthly.save_cells(s, OCT, [CellEdit(project, "investment", D("80"))])
    time.sleep(1.1)  # a second submission stamped a different second
    with as_user(any_db, "张三") as s:
        monthly.lock(s, OCT)
    with pytest.raises(PeriodLocked) as refused, as_user(any_db, "李四") as s:
        monthly.reopen(s, OCT, "更正", seen=seen)
    assert re.fullmatch(f"2026年10月已被重新打开并再次报送（张三 于 {STAMP} 提交），未重新打开；"
                        "您的修改未保存。请重新载入后再改。", str(refused.value)), \
        str(refused.value)
    with any_db.session() as s:
        assert monthly.is_locked(s, OCT)
        assert [e.action for e in monthly.lock_events(s, OCT)] == ["lock", "reopen", "lock"]
    assert _reports(any_db, project) == [(10, D("80.00"))]
