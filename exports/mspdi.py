"""Schedule exchange in Microsoft Project XML (MSPDI), which MS Project, ProjectLibre and
GanttProject open.

Writing: every project with planned dates is a task (UID = the project's 编号) with its start,
finish, duration in working time, percent complete (investment completed ÷ total investment)
and a "start no earlier than" constraint, so that a scheduling program keeps the dates instead
of moving every task to the project start. A package with parts is a summary task, its parts
one outline level below. Responsible units are resources, assigned to their projects.

Reading: the start and finish of each task go back to the project's planned dates, matched by
:mod:`portfolio.matching` (UID as 编号 with an agreeing name, else the normalised name alone),
with a preview of what changes before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_et
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from db.queries import ProjectFilter
from db.session import Database
from exports.output import ExportError, ProgressFn, atomic_output, tick
from portfolio import metrics, projects, safe_files, scope
from portfolio.matching import AMBIGUOUS, Match, ProjectMatcher
from portfolio.periods import Period
from portfolio.provenance import Problem, Source, Unmatched

NS = "http://schemas.microsoft.com/project"
_Q = f"{{{NS}}}"
HOURS_PER_DAY = 8
START_TIME = dt.time(8, 0)
FINISH_TIME = dt.time(17, 0)
_ALL = ProjectFilter()


def working_days(start: dt.date, finish: dt.date) -> int:
    """Monday—Friday days from ``start`` to ``finish``, both included (at least 1)."""
    if finish < start:
        return 1
    # busday_count leaves out its end day, hence the day after ``finish``
    return max(int(np.busday_count(start, finish + dt.timedelta(days=1))), 1)


def duration(start: dt.date, finish: dt.date) -> str:
    """ISO 8601 duration in working hours, as MSPDI writes it: ``PT1600H0M0S``."""
    return f"PT{working_days(start, finish) * HOURS_PER_DAY}H0M0S"


def _stamp(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).strftime("%Y-%m-%dT%H:%M:%S")


def _sub(parent: ET.Element, tag: str, text: object | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _calendar(parent: ET.Element) -> None:
    calendars = _sub(parent, "Calendars")
    calendar = _sub(calendars, "Calendar")
    _sub(calendar, "UID", 1)
    _sub(calendar, "Name", "标准")
    _sub(calendar, "IsBaseCalendar", 1)
    _sub(calendar, "BaseCalendarUID", -1)
    week = _sub(calendar, "WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday … 7 = Saturday
        day = _sub(week, "WeekDay")
        _sub(day, "DayType", day_type)
        working = day_type not in (1, 7)
        _sub(day, "DayWorking", int(working))
        if working:
            times = _sub(day, "WorkingTimes")
            for start, finish in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                slot = _sub(times, "WorkingTime")
                _sub(slot, "FromTime", start)
                _sub(slot, "ToTime", finish)


@dataclass
class _Task:
    figures: metrics.ProjectFigures
    start: dt.date
    finish: dt.date
    children: list[_Task] = field(default_factory=list)


def _tasks(figures: list[metrics.ProjectFigures]) -> tuple[list[_Task], int]:
    """Top-level tasks with their parts; the number of projects left out for lack of dates."""
    dated: dict[int, _Task] = {}
    skipped = 0
    for f in figures:
        start = f.planned_start or f.actual_start
        finish = f.planned_finish or f.actual_finish
        if start is None or finish is None:
            skipped += 1
            continue
        dated[f.project_id] = _Task(f, start, max(start, finish))
    top: list[_Task] = []
    for task in dated.values():
        parent = dated.get(task.figures.parent_id) if task.figures.parent_id else None
        if parent is not None:
            parent.children.append(task)
        else:
            top.append(task)
    return top, skipped


def _percent(f: metrics.ProjectFigures) -> int:
    if f.actual_finish is not None or f.stage == "竣工":
        return 100
    return round(f.progress_ratio * 100)


@dataclass
class WrittenSchedule:
    path: Path
    tasks: int
    skipped: int
    resources: int


def write_schedule(
    session: Session,
    path: Path | str,
    period: Period,
    flt: ProjectFilter = _ALL,
    *,
    title: str = "重点项目建设进度计划",
    progress: ProgressFn | None = None,
) -> WrittenSchedule:
    """Write the schedule of ``flt`` (percent complete as at ``period``) to ``path``."""
    figures = metrics.project_figures(session, period, flt)
    title += scope.title_note(scope.describe(flt, session))
    top, skipped = _tasks(figures)
    if not top:
        raise ExportError("没有可写入的项目：筛选出的项目都没有计划开工和竣工日期")
    root = ET.Element("Project", {"xmlns": NS})
    _sub(root, "SaveVersion", 14)
    _sub(root, "Name", f"{title}.xml")
    _sub(root, "Title", title)
    _sub(root, "ScheduleFromStart", 1)
    every = [t for task in top for t in (task, *task.children)]
    first = min(t.start for t in every)
    last = max(t.finish for t in every)
    _sub(root, "StartDate", _stamp(first, START_TIME))
    _sub(root, "FinishDate", _stamp(last, FINISH_TIME))
    _sub(root, "CalendarUID", 1)
    _sub(root, "DefaultStartTime", "08:00:00")
    _sub(root, "DefaultFinishTime", "17:00:00")
    _sub(root, "MinutesPerDay", HOURS_PER_DAY * 60)
    _sub(root, "MinutesPerWeek", HOURS_PER_DAY * 60 * 5)
    _sub(root, "DaysPerMonth", 20)
    _sub(root, "DurationFormat", 7)
    _sub(root, "WorkFormat", 2)
    _calendar(root)

    tasks_el = _sub(root, "Tasks")
    summary = _sub(tasks_el, "Task")
    for tag, text in (("UID", 0), ("ID", 0), ("Name", title), ("Type", 1), ("IsNull", 0),
                      ("OutlineNumber", 0), ("OutlineLevel", 0),
                      ("Start", _stamp(first, START_TIME)), ("Finish", _stamp(last, FINISH_TIME)),
                      ("Duration", duration(first, last)), ("DurationFormat", 7),
                      ("Milestone", 0), ("Summary", 1)):
        _sub(summary, tag, text)

    units: dict[str, int] = {}
    assignments: list[tuple[int, int]] = []
    next_id = 1
    total = len(every)

    def add(task: _Task, outline: str, level: int) -> None:
        nonlocal next_id
        f = task.figures
        element = _sub(tasks_el, "Task")
        _sub(element, "UID", f.project_id)
        _sub(element, "ID", next_id)
        next_id += 1
        _sub(element, "Name", f.name)
        _sub(element, "Type", 1)
        _sub(element, "IsNull", 0)
        _sub(element, "OutlineNumber", outline)
        _sub(element, "OutlineLevel", level)
        start, finish = task.start, task.finish
        if task.children:
            start = min(start, *(c.start for c in task.children))
            finish = max(finish, *(c.finish for c in task.children))
        _sub(element, "Start", _stamp(start, START_TIME))
        _sub(element, "Finish", _stamp(finish, FINISH_TIME))
        _sub(element, "Duration", duration(start, finish))
        _sub(element, "DurationFormat", 7)
        # the order of the elements follows the MSPDI schema (MS Project checks it)
        _sub(element, "Milestone", 0)
        _sub(element, "Summary", int(bool(task.children)))
        _sub(element, "PercentComplete", _percent(f))
        if f.actual_start is not None:
            _sub(element, "ActualStart", _stamp(f.actual_start, START_TIME))
        if f.actual_finish is not None:
            _sub(element, "ActualFinish", _stamp(f.actual_finish, FINISH_TIME))
        _sub(element, "ConstraintType", 4)  # start no earlier than
        _sub(element, "ConstraintDate", _stamp(task.start, START_TIME))
        notes = "；".join(part for part in (
            f"责任单位：{f.unit}" if f.unit else "", f"责任领导：{f.leader}" if f.leader else "",
            f"领域：{f.category}" if f.category else "", f"建设性质：{f.stage}") if part)
        _sub(element, "Notes", notes)
        if f.unit and not task.children:
            units.setdefault(f.unit, len(units) + 1)
            assignments.append((f.project_id, units[f.unit]))
        tick(progress, next_id, total)
        for number, child in enumerate(task.children, start=1):
            add(child, f"{outline}.{number}", level + 1)

    for number, task in enumerate(top, start=1):
        add(task, str(number), 1)

    resources = _sub(root, "Resources")
    for name, uid in units.items():
        resource = _sub(resources, "Resource")
        _sub(resource, "UID", uid)
        _sub(resource, "ID", uid)
        _sub(resource, "Name", name)
        _sub(resource, "Type", 1)
        _sub(resource, "IsNull", 0)
        _sub(resource, "MaxUnits", "1.00")
    assignments_el = _sub(root, "Assignments")
    for uid, (task_uid, resource_uid) in enumerate(assignments, start=1):
        assignment = _sub(assignments_el, "Assignment")
        _sub(assignment, "UID", uid)
        _sub(assignment, "TaskUID", task_uid)
        _sub(assignment, "ResourceUID", resource_uid)
        _sub(assignment, "Units", 1)
    ET.indent(root)
    tree = ET.ElementTree(root)
    tick(progress, total, total)
    with atomic_output(path) as temporary:
        tree.write(temporary, encoding="UTF-8", xml_declaration=True)
    return WrittenSchedule(Path(path), len(every), skipped, len(units))


# ---------------------------------------------------------------------------------------------
# reading


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


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def read_tasks(path: Path) -> tuple[list[TaskDates], list[Problem]]:
    """The dated tasks of an MSPDI file (without the project summary task UID 0)."""
    name = path.name
    try:
        safe_files.check_xml_file(path)
        root = defused_et.parse(path).getroot()
    except safe_files.UnsafeFile as error:
        return [], [Problem(name, error.reason)]
    except FileNotFoundError:
        return [], [Problem(name, "文件不存在")]
    except IsADirectoryError:
        return [], [Problem(name, "这是文件夹，不是文件；请选择 MSPDI 文件（.xml）")]
    except OSError as error:
        return [], [Problem(name, f"无法读取文件：{error.strerror or error}")]
    except DefusedXmlException as error:
        return [], [Problem(name, safe_files.xml_problem(error) or str(error))]
    except ET.ParseError as error:
        return [], [Problem(name, f"不是有效的 XML 文件（第{error.position[0]}行出错），"
                                  "请选择从 Microsoft Project 或 ProjectLibre 导出的 XML")]
    if root.tag != f"{_Q}Project":
        return [], [Problem(name, "不是 Microsoft Project XML（MSPDI）文件")]
    tasks: list[TaskDates] = []
    problems: list[Problem] = []
    for element in root.iterfind(f"{_Q}Tasks/{_Q}Task"):
        def text(tag: str, element: ET.Element = element) -> str:
            found = element.find(f"{_Q}{tag}")
            return (found.text or "").strip() if found is not None else ""

        uid_text, task_id, task_name = text("UID"), text("ID"), text("Name")
        if text("IsNull") == "1" or not uid_text or uid_text == "0":
            continue
        start, finish = _DATE.match(text("Start")), _DATE.match(text("Finish"))
        where = f"任务 {task_id or uid_text}（{task_name}）"
        if not uid_text.isdigit():
            problems.append(Problem(name, f"{where}的 UID“{uid_text}”不是整数"))
            continue
        if start is None or finish is None:
            problems.append(Problem(name, f"{where}缺少开始或完成日期"))
            continue
        try:
            start_day = dt.date.fromisoformat(start.group(1))
            finish_day = dt.date.fromisoformat(finish.group(1))
        except ValueError:
            problems.append(Problem(name, f"{where}的日期无效"))
            continue
        if finish_day < start_day:
            problems.append(Problem(name, f"{where}的完成日期早于开始日期"))
            continue
        tasks.append(TaskDates(int(uid_text), task_id, task_name, start_day, finish_day,
                               text("Summary") == "1"))
    return tasks, problems


def _match_task(matcher: ProjectMatcher, task: TaskDates) -> Match:
    """The project of ``task``. Its UID is our 编号 only in schedules we wrote (MS Project and
    ProjectLibre number the tasks of other schedules their own way), so the UID counts only
    with a name that agrees; otherwise the name alone decides."""
    if task.name.strip():
        found = matcher.match(task.name, task.uid)
        if found.found:
            return found
    return matcher.match(task.name)


def preview_schedule(session: Session, path: Path | str) -> SchedulePreview:
    """Compare the tasks' dates in ``path`` with the projects' planned dates; writes nothing."""
    path = Path(path)
    result = SchedulePreview(path.name)
    tasks, result.errors = read_tasks(path)
    if result.errors:
        return result
    known = {pid: (name, start, finish) for pid, name, start, finish in session.execute(
        select(Project.id, Project.name, Project.planned_start, Project.planned_finish))}
    matcher = ProjectMatcher((pid, name) for pid, (name, _, _) in known.items())
    seen: set[int] = set()
    for task in tasks:
        source = Source(path.name, "Tasks", int(task.task_id) if task.task_id.isdigit() else 0)
        found = _match_task(matcher, task)
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
            result.errors.append(Problem(path.name, f"任务“{task.name}”在文件中出现了多次"))
            continue
        seen.add(pid)
        name, old_start, old_finish = known[pid]
        status = "unchanged" if (old_start, old_finish) == (task.start, task.finish) else "changed"
        result.changes.append(DateChange(pid, name, status, old_start, old_finish,
                                         task.start, task.finish))
    return result


def apply_schedule(db: Database, preview: SchedulePreview, *,
                   skip_unresolved: bool = False) -> int:
    """Write the changed planned dates in one transaction; the number of projects changed."""
    if not preview.can_apply(skip_unresolved=skip_unresolved):
        raise ExportError("预览中有错误或未匹配的任务，未导入任何日期")
    changed = preview.changed
    if not changed:
        return 0
    with db.transaction() as session:
        for change in changed:
            data = projects.load(session, change.project_id)
            if (data.planned_start, data.planned_finish) != (change.old_start, change.old_finish):
                raise ExportError(f"项目“{change.name}”的计划日期在预览后已被修改，请重新预览")
            try:
                projects.update(session, change.project_id, data.with_changes(
                    planned_start=change.new_start, planned_finish=change.new_finish))
            except projects.ValidationError as error:
                raise ExportError(f"项目“{change.name}”：{error}") from None
    return len(changed)


__all__ = [
    "NS",
    "DateChange",
    "SchedulePreview",
    "WrittenSchedule",
    "apply_schedule",
    "duration",
    "preview_schedule",
    "read_tasks",
    "working_days",
    "write_schedule",
]

