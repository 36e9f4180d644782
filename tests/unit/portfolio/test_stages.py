"""建设性质 under monthly entry: 新开工 is the annual plan's word for "to start this year", so a
project not yet started keeps it; only a start or a finish moves a stage, and a start undone
gives back the stage it had moved the project from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from db.models import AnnualPlan, Project
from portfolio import monthly, projects
from portfolio.monthly import CellEdit, stage_for
from portfolio.periods import Period
from portfolio.projects import ProjectData

D = Decimal
APRIL = Period(2026, 4)


@pytest.mark.parametrize(("stage", "start", "finish", "expected"), [
    ("新开工", None, None, "新开工"),  # planned for this year, not started yet
    ("新开工", dt.date(2026, 9, 1), None, "新开工"),  # starts after the period
    ("续建", None, None, "续建"),  # started in an earlier year, date not entered
    ("竣工", None, None, "竣工"),
    ("前期", None, None, "前期"),
    ("储备", None, None, "储备"),
    ("前期", dt.date(2026, 4, 10), None, "新开工"),
    ("新开工", dt.date(2025, 11, 1), None, "续建"),
    ("续建", dt.date(2025, 3, 1), dt.date(2026, 4, 30), "竣工"),
])
def test_stage_for(stage: str, start: dt.date | None, finish: dt.date | None,
                   expected: str) -> None:
    assert stage_for(stage, start, finish, APRIL) == expected


@pytest.fixture
def planned(db) -> int:
    """A 新开工 project of the 2026 plan, to start in June."""
    with db.transaction() as s:
        pid = projects.create(s, ProjectData(
            name="绿色食品产业园冷链仓储项目", category="工业", unit="县商务局", stage="新开工",
            total_investment=D("23800"), planned_start=dt.date(2026, 6, 1)))
        s.add(AnnualPlan(project_id=pid, year=2026, planned_investment=D("12000"),
                         planned_start_month=6))
    return pid


def _stage(db, pid: int) -> str:
    with db.session() as s:
        project = s.get(Project, pid)
        assert project is not None
        return project.stage


def test_first_monthly_line_before_the_start_keeps_new_start(db, planned: int) -> None:
    with db.transaction() as s:
        monthly.save_cells(s, APRIL, [CellEdit(planned, "investment", D("300")),
                                      CellEdit(planned, "progress", "办理施工许可")])
    assert _stage(db, planned) == "新开工"
    with db.transaction() as s:
        monthly.lock(s, APRIL)
    assert _stage(db, planned) == "新开工"


def test_a_start_undone_gives_back_the_stage_it_moved(db, planned: int) -> None:
    with db.transaction() as s:
        monthly.save_cells(s, APRIL, [CellEdit(planned, "started_on", dt.date(2026, 4, 8))])
    assert _stage(db, planned) == "新开工"
    with db.transaction() as s:  # entered by mistake: the planned 新开工 stays 新开工
        monthly.save_cells(s, APRIL, [CellEdit(planned, "started", False)])
    assert _stage(db, planned) == "新开工"
    with db.transaction() as s:  # a 前期 project started by mistake goes back to 前期
        pid = projects.create(s, ProjectData(name="县城北区污水处理厂", category="城建",
                                             total_investment=D("9000")))
    with db.transaction() as s:
        monthly.save_cells(s, APRIL, [CellEdit(pid, "started_on", dt.date(2026, 4, 2))])
    assert _stage(db, pid) == "新开工"
    with db.transaction() as s:
        monthly.save_cells(s, APRIL, [CellEdit(pid, "started", False)])
    assert _stage(db, pid) == "前期"
