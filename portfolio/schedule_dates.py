"""Planned dates coming back from a schedule (a Microsoft Project file read by
:mod:`exports.mspdi`): each task matched to its project by :mod:`portfolio.matching` (UID as 编号
with an agreeing name, else the normalised name alone) and its dates compared with the
project's, as a preview that writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.matching import AMBIGUOUS, Match, ProjectMatcher
from portfolio.provenance import Problem, Source, Unmatched


@dataclass
class DateChange:
    project_id: int
    name: str
    #: 'changed' or 'unchanged'
    status: str
    old_start: dt.date | None
    old_finish: dt.date | None
    new_start: dt.date
    new_finish: dt.date


@dataclass
class SchedulePreview:
    file: str
    changes: list[DateChange] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> list[DateChange]:
        return [c for c in self.changes if c.status == "changed"]

    @property
    def unchanged(self) -> list[DateChange]:
        return [c for c in self.changes if c.status == "unchanged"]

    def can_apply(self, *, skip_unresolved: bool = False) -> bool:
        return not self.errors and (skip_unresolved or not self.unmatched)

    def summary(self) -> str:
        return (f"修改 {len(self.changed)} 个项目的计划日期，未变 {len(self.unchanged)} 个；"
                f"未匹配 {len(self.unmatched)} 个任务，错误 {len(self.errors)} 处")


@dataclass
class TaskDates:
    uid: int
    task_id: str
    name: str
    start: dt.date
    finish: dt.date
    summary: bool


def match_task(matcher: ProjectMatcher, task: TaskDates) -> Match:
    """The project of ``task``. Its UID is our 编号 only in schedules we wrote (MS Project and
    ProjectLibre number the tasks of other schedules their own way), so the UID counts only
    with a name that agrees; otherwise the name alone decides."""
    if task.name.strip():
        found = matcher.match(task.name, task.uid)
        if found.found:
            return found
    return matcher.match(task.name)


def compare(session: Session, file: str, tasks: list[TaskDates]) -> SchedulePreview:
    """Compare the dates of ``tasks`` (read from ``file``) with the projects' planned dates."""
    result = SchedulePreview(file)
    known = {pid: (name, start, finish) for pid, name, start, finish in session.execute(
        select(Project.id, Project.name, Project.planned_start, Project.planned_finish))}
    matcher = ProjectMatcher((pid, name) for pid, (name, _, _) in known.items())
    seen: set[int] = set()
    for task in tasks:
        source = Source(file, "Tasks", int(task.task_id) if task.task_id.isdigit() else 0)
        found = match_task(matcher, task)
        pid = found.project_id
        if pid is None:
            if found.how == AMBIGUOUS:
                candidates = [c for c, _ in found.candidates]
                result.unmatched.append(Unmatched(
                    source, task.name, None,
                    f"有{len(candidates)}个同名项目（编号{'、'.join(map(str, candidates))}）",
                    list(found.candidates)))
            else:
                result.unmatched.append(Unmatched(source, task.name, task.uid,
                                                  "项目库中没有对应的项目（UID与名称都不符）"))
            continue
        if pid in seen:
            result.errors.append(Problem(file, f"任务“{task.name}”在文件中出现了多次"))
            continue
        seen.add(pid)
        name, old_start, old_finish = known[pid]
        status = "unchanged" if (old_start, old_finish) == (task.start, task.finish) else "changed"
        result.changes.append(DateChange(pid, name, status, old_start, old_finish,
                                         task.start, task.finish))
    return result
