"""kill -9 anywhere: the command line killed at many points of an import and of an export
leaves a sound database holding exactly what it held before or exactly what it holds after
(all or nothing), and never a half-written report under the report's name."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db.session import open_database
from tests.helpers import REPO
from tests.report_db import columns, export, leaf_rows, project_rows, seed

pytestmark = pytest.mark.slow

#: kill points per run: together at least 50, spread from the start to past the end
IMPORT_KILLS = 33
EXPORT_KILLS = 18
#: columns whose value is the clock's, not the data's
_CLOCK = {"at", "created_at", "updated_at", "locked_at"}

Dump = dict[str, list[tuple[object, ...]]]


def _dump(path: Path) -> Dump:
    """Every table's rows, in order, with the clock columns blanked; checks integrity first."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        dump: Dump = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            dump[table] = sorted(
                (tuple(None if n in _CLOCK else v for n, v in zip(names, row, strict=True))
                 for row in cursor), key=repr)
        return dump
    finally:
        connection.close()


def _command(database: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cli", "--db", str(database), *args]


def _fresh(before: Path, work: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(before, work)
    return work


def _timed(command: list[str]) -> float:
    start = time.monotonic()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def _killed(command: list[str], delay: float) -> int | None:
    """Run ``command``, SIGKILL it after ``delay`` seconds; its exit status if it ended first."""
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        return child.wait(delay)
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        return None


def _delays(run_time: float, count: int) -> list[float]:
    """``count`` kill points from 0 to a little past ``run_time`` (the commit is at its very
    end), then one run left to finish (a loaded machine may be slower than the measured run)."""
    return [*(run_time * 1.05 * i / (count - 1) for i in range(count)), 120.0]


@pytest.fixture
def portfolio_file(tmp_path: Path) -> tuple[Path, Path]:
    """A checkpointed SQLite file of the sample portfolio and a workbook changing most of its
    October figures (本月完成投资 and 形象进度 of every reported project)."""
    path = tmp_path / "before.sqlite3"
    with open_database(str(path)) as db:
        seed(db, 60)
        book = export(db, tmp_path / "月报.xlsx")
        rows = [r for r in leaf_rows(db) if r.has_report]
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    wb = openpyxl.load_workbook(book)
    ws = wb["明细表"]
    col, where = columns(ws), project_rows(ws)
    for row in rows:
        line = where[row.project_id]
        half = ((row.investment or Decimal(0)) / 2).quantize(Decimal("0.01"))
        ws.cell(line, col["本月完成投资"]).value = float(half)
        ws.cell(line, col["1—10月完成投资"]).value = None
        ws.cell(line, col["形象进度"]).value = f"{row.progress}；已复核"
    wb.save(book)
    return path, book


def test_import_killed_anywhere_is_all_or_nothing(portfolio_file, tmp_path: Path) -> None:
    before_file, book = portfolio_file
    work = tmp_path / "work.sqlite3"
    before = _dump(before_file)
    command = _command(work, "import", "xlsx", str(book))
    run_time = _timed(command) if _fresh(before_file, work) else 0.0
    after = _dump(work)
    assert after != before
    changed = sum(a != b for a, b in zip(after["monthly_reports"], before["monthly_reports"],
                                         strict=True))
    assert changed > 20  # the import is a real one: many rows in one transaction
    outcomes = {"before": 0, "after": 0}
    for delay in _delays(run_time, IMPORT_KILLS):
        _fresh(before_file, work)
        _killed(command, delay)
        state = _dump(work)
        assert state in (before, after), f"killed after {delay:.3f}s: a partial import"
        outcomes["before" if state == before else "after"] += 1
    assert outcomes["before"] and outcomes["after"], outcomes


def test_export_killed_anywhere_leaves_no_partial_report(portfolio_file,
                                                         tmp_path: Path) -> None:
    before_file, _book = portfolio_file
    work = _fresh(before_file, tmp_path / "work.sqlite3")
    before = _dump(before_file)
    target = tmp_path / "out" / "十月月报.xlsx"
    target.parent.mkdir()
    command = _command(work, "export", "xlsx", "--period", "2026-10", "-o", str(target))
    run_time = _timed(command)
    assert openpyxl.load_workbook(target).sheetnames
    complete = 0
    for delay in _delays(run_time, EXPORT_KILLS):
        target.unlink(missing_ok=True)
        _killed(command, delay)
        assert _dump(work) == before  # an export writes nothing to the database
        if target.exists():
            assert openpyxl.load_workbook(target).sheetnames, f"killed after {delay:.3f}s"
            complete += 1
        for leftover in target.parent.glob("*.part"):
            leftover.unlink()  # a temporary file beside it is no report
    assert complete >= 1
