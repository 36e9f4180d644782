"""What the end-to-end tests of office files do again and again through the command line:
run ``portfolio --db URL …``, import a register, read ``status``'s totals and compare them
with a file's :class:`~tests.office_files.projects.Expected`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from db.models import Project
from tests.helpers import run_portfolio
from tests.office_files.projects import Expected


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``portfolio --db URL ARGS`` in a child process."""
    return run_portfolio("--db", url, *args)


def status_total(url: str, period: str = "2026-04", *filters: str) -> dict:
    """``status --format json``'s totals for ``period`` (with ``--stage 新开工`` … filters)."""
    done = run(url, "status", "--period", period, "--format", "json", *filters)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["total"]


def assert_figures(url: str, want: Expected, *, plan_of: Expected | None = None,
                   period: str = "2026-04") -> None:
    """``status`` states the count, Σ总投资, Σ年度计划, 1—N月, the started counts and, when
    ``want`` states it, 本月. With ``plan_of`` (a return after the register that planned it),
    the totals and the planned starts are the plan's, the actual starts the return's."""
    total = status_total(url, period)
    plan = plan_of or want
    got = {k: total[k] for k in ("project_count", "total_investment", "annual_plan", "ytd",
                                 "planned_starts", "actual_starts")}
    assert got == {
        "project_count": want.project_count,
        "total_investment": f"{plan.total_investment:.2f}",
        "annual_plan": f"{plan.annual_plan:.2f}",
        "ytd": f"{want.ytd:.2f}",
        "planned_starts": plan.planned_starts,
        "actual_starts": want.actual_starts if plan_of else plan.actual_starts,
    }
    if want.month is not None:
        assert total["month"] == f"{want.month:.2f}"


def import_register(url: str, path: Path) -> str:
    """``import register PATH --yes``, which must succeed without an error; its output."""
    done = run(url, "import", "register", str(path), "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "错误 0 处" in done.stdout, done.stdout
    return done.stdout


def dry_run_register(url: str, path: Path, *args: str) -> str:
    """``import register --dry-run``'s output, the preview free of errors."""
    done = run(url, "import", "register", str(path), "--dry-run", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "错误 0 处" in done.stdout, done.stdout
    return done.stdout


def listed(url: str, *filters: str) -> list[dict]:
    """``list --format json``: every project of the register (with ``filters``)."""
    done = run(url, "list", "--format", "json", *filters)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def stored(url: str) -> dict[str, Any]:
    """name → the project's row, straight from the database."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Project)).all()
    finally:
        engine.dispose()
    return {r.name: r for r in rows}
