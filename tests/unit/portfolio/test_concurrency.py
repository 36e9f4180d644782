"""No lost update between two users, on SQLite and on PostgreSQL: a save made from data
someone else changed since is refused with a Chinese message naming the project, the field,
who changed it and when, and the other user's change survives."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.models import AuditEntry, MonthlyReport, Project
from db.session import Database
from exports import xlsx_import
from portfolio import monthly, projects
from portfolio.concurrency import StaleEdit
from portfolio.monthly import CellEdit
from portfolio.projects import ProjectData
from tests.helpers import REPO
from tests.report_db import PERIOD, columns, export, leaf_rows, project_rows, seed

D = Decimal
STAMP = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"


def _as(db: Database, user: str):  # type: ignore[no-untyped-def]
    """A transaction made by ``user`` (the audit log's name for it)."""
    transaction = db.transaction(immediate=True)

    class _User:
        def __enter__(self):  # type: ignore[no-untyped-def]
            session = transaction.__enter__()
            session.info["user"] = user
            return session

        def __exit__(self, *exc: object) -> None:
            transaction.__exit__(*exc)  # type: ignore[arg-type]

    return _User()


def _project(db: Database) -> int:
    with db.transaction() as s:
        return projects.create(s, ProjectData(
            name="城北污水处理厂", category="城建", location="城关镇北街", notes="",
            total_investment=D("5000")))


def test_editor_save_from_a_stale_copy_is_refused(any_db: Database) -> None:
    pid = _project(any_db)
    with any_db.session() as s:
        seen_by_a = projects.load(s, pid)
    with any_db.session() as s:
        seen_by_b = projects.load(s, pid)
    assert seen_by_a.version == seen_by_b.version == 1

    with _as(any_db, "张三") as s:
        projects.update(s, pid, seen_by_a.with_changes(location="城关镇滨河路"),
                        expected=seen_by_a)
    with pytest.raises(StaleEdit) as refused, _as(any_db, "李四") as s:
        projects.update(s, pid, seen_by_b.with_changes(notes="已完成环评"), expected=seen_by_b)
    message = str(refused.value)
    assert re.fullmatch(f"「城北污水处理厂」的「建设地点」已被 张三 于 {STAMP} 修改，"
                        "您的修改未保存。请重新载入后再改。", message), message
    assert refused.value.fields == ("location",)

    with any_db.session() as s:
        now = projects.load(s, pid)
    assert (now.location, now.notes, now.version) == ("城关镇滨河路", "", 2)
    # reloaded, B's edit goes through
    with _as(any_db, "李四") as s:
        assert projects.update(s, pid, now.with_changes(notes="已完成环评"), expected=now) == 3
    with any_db.session() as s:
        assert (projects.load(s, pid).location, projects.load(s, pid).notes) == (
            "城关镇滨河路", "已完成环评")


def test_version_check_and_register_cell(any_db: Database) -> None:
    pid = _project(any_db)
    with _as(any_db, "张三") as s:
        projects.set_field(s, pid, "notes", "", "资金已到位")
    with pytest.raises(StaleEdit, match=r"「城北污水处理厂」的「备注」已被 张三 于 .* 修改"), \
            _as(any_db, "李四") as s:
        projects.set_field(s, pid, "notes", "", "待审批")
    with pytest.raises(StaleEdit, match="已被 张三"), _as(any_db, "李四") as s:
        projects.update(s, pid, ProjectData(name="城北污水处理厂"), expected_version=1)
    with pytest.raises(StaleEdit), _as(any_db, "李四") as s:
        projects.delete_project(s, pid, expected_version=1)
    with any_db.session() as s:
        assert s.get(Project, pid).notes == "资金已到位"  # type: ignore[union-attr]


def test_child_rows_raise_the_version(any_db: Database) -> None:
    pid = _project(any_db)
    with any_db.session() as s:
        seen = projects.load(s, pid)
    with _as(any_db, "张三") as s:
        projects.update(s, pid, seen.with_changes(quantities=[(D("5"), "万吨/日")]),
                        expected=seen)
    with pytest.raises(StaleEdit, match="「建设规模指标」已被 张三"), _as(any_db, "李四") as s:
        projects.update(s, pid, seen.with_changes(notes="x"), expected=seen)


def test_two_grid_saves_of_one_cell(any_db: Database) -> None:
    seed(any_db, 12)
    row = next(r for r in leaf_rows(any_db) if r.has_report)
    old = row.investment
    with _as(any_db, "张三") as s:
        monthly.save_cells(s, PERIOD, [CellEdit(row.project_id, "investment", D("11.11"), old)])
    with pytest.raises(StaleEdit) as refused, _as(any_db, "李四") as s:
        monthly.save_cells(s, PERIOD, [CellEdit(row.project_id, "investment", D("22.22"), old)])
    assert re.fullmatch(f"「{re.escape(row.name)}（2026年10月）」的「本月完成投资」已被 张三 "
                        f"于 {STAMP} 修改，您的修改未保存。请重新载入后再改。",
                        str(refused.value)), str(refused.value)
    # a cell not reported before: both insert from "empty"
    new_id = _project(any_db)
    with any_db.session() as s:
        fresh = monthly.load_rows(s, PERIOD, ids=[new_id])[0]
    assert not fresh.has_report
    with _as(any_db, "张三") as s:
        monthly.save_cells(s, PERIOD, [CellEdit(fresh.project_id, "progress", "基础施工", "")])
    with pytest.raises(StaleEdit, match="「形象进度」已被 张三"), _as(any_db, "李四") as s:
        monthly.save_cells(s, PERIOD, [CellEdit(fresh.project_id, "progress", "主体施工", "")])
    with any_db.session() as s:
        rows = {r.project_id: r for r in monthly.load_rows(
            s, PERIOD, ids=[row.project_id, fresh.project_id])}
    assert rows[row.project_id].investment == D("11.11")
    assert rows[fresh.project_id].progress == "基础施工"


def test_undo_of_a_grid_edit_does_not_undo_someone_elses(any_db: Database) -> None:
    seed(any_db, 12)
    row = next(r for r in leaf_rows(any_db) if r.has_report)
    new, undo = monthly.guarded({row.project_id: row},
                                [CellEdit(row.project_id, "investment", D("7"))])
    with _as(any_db, "张三") as s:
        monthly.save_cells(s, PERIOD, new)
    with _as(any_db, "李四") as s:
        monthly.save_cells(s, PERIOD, [CellEdit(row.project_id, "investment", D("8"), D("7"))])
    with pytest.raises(StaleEdit, match="已被 李四"), _as(any_db, "张三") as s:
        monthly.save_cells(s, PERIOD, undo)
    with any_db.session() as s:
        assert monthly.load_rows(s, PERIOD, ids=[row.project_id])[0].investment == D("8")


# -- the import: two previews applied at once ------------------------------------------------


def _workbook(source: Path, target: Path, project_id: int, amount: Decimal) -> Path:
    """``source`` with ``project_id``'s 本月完成投资 set to ``amount`` (1—10月 left empty)."""
    wb = openpyxl.load_workbook(source)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    ws.cell(where[project_id], col["本月完成投资"]).value = float(amount)
    ws.cell(where[project_id], col["1—10月完成投资"]).value = None
    wb.save(target)
    return target


def _preview(db: Database, path: Path) -> xlsx_import.ImportPreview:
    with db.session() as s:
        return xlsx_import.preview(s, [path])


def _stored(db: Database, project_id: int) -> Decimal:
    with db.session() as s:
        return s.scalar(select(MonthlyReport.investment).where(
            MonthlyReport.project_id == project_id, MonthlyReport.year == PERIOD.year,
            MonthlyReport.month == PERIOD.month)) or D("0")


ROUNDS = 5


def test_two_imports_applied_at_once(any_db: Database, tmp_path: Path) -> None:
    seed(any_db, 20)
    source = export(any_db, tmp_path / "月报.xlsx")
    target = next(r for r in leaf_rows(any_db) if r.has_report).project_id
    for round_ in range(ROUNDS):
        amounts = (D(f"1{round_}.25"), D(f"2{round_}.50"))
        previews = [_preview(any_db, _workbook(source, tmp_path / f"{round_}-{n}.xlsx",
                                                  target, amount))
                    for n, amount in enumerate(amounts)]
        assert all(len(p.changed) == 1 and p.can_apply() for p in previews)
        start = threading.Barrier(2)
        outcome: list[object] = [None, None]

        def run(n: int, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                outcome[n] = xlsx_import.apply(any_db, previews[n])  # noqa: B023
            except xlsx_import.ImportFailed as error:
                outcome[n] = error  # noqa: B023

        threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        winners = [n for n in (0, 1) if outcome[n] == 1]
        losers = [n for n in (0, 1) if isinstance(outcome[n], xlsx_import.ImportFailed)]
        assert len(winners) == 1 and len(losers) == 1, outcome
        assert "的数据在预览后已被修改" in str(outcome[losers[0]])
        assert "2026年10月的本月完成投资" in str(outcome[losers[0]])
        assert _stored(any_db, target) == amounts[winners[0]]
    with any_db.session() as s:
        changes = s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "monthly_reports", AuditEntry.project_id == target,
            AuditEntry.field == "investment").order_by(AuditEntry.id)).all()
    # every applied change started from the one before it: none was lost
    assert len(changes) == ROUNDS
    for before, after in itertools.pairwise(changes):
        assert after.old_value == before.new_value


def test_two_command_line_imports_at_once_on_one_sqlite_file(db: Database,
                                                              tmp_path: Path) -> None:
    seed(db, 20)
    source = export(db, tmp_path / "月报.xlsx")
    target = next(r for r in leaf_rows(db) if r.has_report).project_id
    path = Path(db.engine.url.database or "")
    for round_ in range(3):
        amounts = (D(f"3{round_}.75"), D(f"4{round_}.25"))
        books = [_workbook(source, tmp_path / f"p{round_}-{n}.xlsx", target, a)
                 for n, a in enumerate(amounts)]
        runs = [subprocess.Popen(
            [sys.executable, "-m", "cli", "--db", str(path), "import", "xlsx", str(book)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8") for book in books]
        results = [(run.wait(120), *run.communicate()) for run in runs]
        for code, _out, err in results:
            assert code == 0 or "的数据在预览后已被修改" in err, err
        assert any(code == 0 for code, _o, _e in results)
        assert _stored(db, target) in amounts
    with db.session() as s:
        changes = s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "monthly_reports", AuditEntry.project_id == target,
            AuditEntry.field == "investment").order_by(AuditEntry.id)).all()
    for before, after in itertools.pairwise(changes):
        assert after.old_value == before.new_value  # each write saw the one before
