"""建设性质 follows the facts: a project's stage from its start and finish dates.

新开工 is a 建设性质 of the annual plan (the project is to start this year), not the fact of a
start: a 新开工 project that has not started yet stays 新开工 (its started state, 未开工, is
its own figure) so that no report drops it from its 新开工 group before its start. Only a
start or a finish moves a stage; a start that is undone gives the project back the stage the
start had moved it from."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Project
from portfolio.periods import Period
from portfolio.vocabulary import STAGES

#: more than the audit rows one flush writes for one project (one per changed column)
_ONE_FLUSH = 60


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

    Finished by then: 竣工; started by then: 新开工 in the year of its start, else 续建. A
    project not started by then keeps its stage: 储备, 前期, a 新开工 of the annual plan still
    to start, or a 续建/竣工 whose dates the office has not entered."""
    last = period.last_day
    if actual_finish is not None and actual_finish <= last:
        return "竣工"
    if actual_start is not None and actual_start <= last:
        return "新开工" if actual_start.year == period.year else "续建"
    return stage


def stage_before_start(session: Session, project: Project) -> str | None:
    """The stage a project had before its start (the one being undone) moved it to its
    current stage, from the audit log: the stage change written in the same flush as the
    start. ``None`` when the start moved no stage (a 新开工 project stayed 新开工)."""
    with session.no_autoflush:
        start = session.scalar(
            select(AuditEntry).where(AuditEntry.project_id == project.id,
                                     AuditEntry.table_name == "projects",
                                     AuditEntry.field == "actual_start",
                                     AuditEntry.new_value.is_not(None))
            .order_by(AuditEntry.id.desc()).limit(1))
        if start is None:
            return None
        moved = session.scalar(
            select(AuditEntry).where(AuditEntry.project_id == project.id,
                                     AuditEntry.table_name == "projects",
                                     AuditEntry.field == "stage", AuditEntry.at == start.at,
                                     AuditEntry.id.between(start.id - _ONE_FLUSH,
                                                           start.id + _ONE_FLUSH))
            .order_by(AuditEntry.id.desc()).limit(1))
    if moved is None or moved.new_value != project.stage or moved.old_value not in STAGES:
        return None
    return moved.old_value


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
