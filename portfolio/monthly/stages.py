"""建设性质 follows the facts: a project's stage from its start and finish dates."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.periods import Period


class StageMove(NamedTuple):
    """One project whose 建设性质 was moved by its dates."""

    project_id: int
    name: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.name}（{self.old or '未填'}→{self.new}）"


def stage_for(stage: str, actual_start: dt.date | None, actual_finish: dt.date | None,
              period: Period) -> str:
    """What 建设性质 a project has at the end of ``period``, from its dates.

    储备 stays 储备 until the project starts; a project with no start keeps 前期 (or 储备)."""
    last = period.last_day
    if actual_finish is not None and actual_finish <= last:
        return "竣工"
    if actual_start is not None and actual_start <= last:
        return "新开工" if actual_start.year == period.year else "续建"
    if stage in ("储备", "前期"):
        return stage
    return "前期"


def advance_stages(session: Session, period: Period) -> list[StageMove]:
    """Set every project's 建设性质 from its dates as of ``period`` (新开工 becomes 续建 in
    a new year, a project with a finish date becomes 竣工); returns the moves, by name.

    Only projects with dates are considered, and only those whose stage differs are loaded
    (and audited)."""
    candidates = session.execute(
        select(Project.id, Project.stage, Project.actual_start, Project.actual_finish)
        .where(or_(Project.actual_start.is_not(None), Project.actual_finish.is_not(None)))
    ).all()
    changed = {pid: new for pid, stage, start, finish in candidates
               if (new := stage_for(stage, start, finish, period)) != stage
               and not (start is not None and start > period.last_day)}
    moves = []
    for project in session.scalars(select(Project).where(Project.id.in_(changed))) if (
            changed) else ():
        moves.append(StageMove(project.id, project.name, project.stage, changed[project.id]))
        project.stage = changed[project.id]
    session.flush()
    return sorted(moves, key=lambda m: m.name)
