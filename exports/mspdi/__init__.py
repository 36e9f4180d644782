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

``writer`` writes the file, ``reader`` reads it back and applies it; the matching and the
comparison are the domain's (:mod:`portfolio.schedule_dates`).
"""

from exports.mspdi.namespace import NS
from exports.mspdi.reader import apply_schedule, preview_schedule, read_tasks
from exports.mspdi.writer import WrittenSchedule, duration, working_days, write_schedule
from portfolio.schedule_dates import DateChange, SchedulePreview

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
