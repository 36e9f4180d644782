"""Two programs on one SQLite file: WAL and a busy timeout let both write, neither fails with
"database is locked"."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from tests.helpers import REPO

WRITER = """
import sys
from decimal import Decimal
from db.session import open_database
from portfolio import projects
from portfolio.projects import ProjectData

with open_database(sys.argv[1]) as db:
    for n in range(40):
        with db.transaction() as s:
            projects.create(s, ProjectData(name=f"{sys.argv[2]}道路改造工程{n}期",
                                           category="城建", total_investment=Decimal("100.5")))
print("done")
"""


def test_two_processes_write_at_once(db, db_url: str) -> None:
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db_url, town], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8") for town in ("城关镇", "东城街道")]
    results = [w.communicate(timeout=120) for w in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    with db.session() as s:
        written = text("SELECT count(*) FROM projects WHERE name LIKE '%道路改造工程%'")
        assert s.scalar(written) == 80
