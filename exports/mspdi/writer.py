"""Writing a schedule as Microsoft Project XML: every project with planned dates is a task
(UID = the project's 编号) with its start, finish, duration in working time, percent complete
(investment completed ÷ total investment) and a "start no earlier than" constraint, so that a
scheduling program keeps the dates instead of moving every task to the project start. A
package with parts is a summary task, its parts one outline level below. Responsible units are
resources, assigned to their projects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import numpy as np
from sqlalchemy.orm import Session

from db.queries import ProjectFilter
from exports.mspdi.namespace import NS
from exports.output import ExportError, ProgressFn, atomic_output, tick
from portfolio import metrics, scope
from portfolio.periods import Period

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
