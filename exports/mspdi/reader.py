"""Reading a Microsoft Project XML (MSPDI) file back: the start and finish of each task, checked
before parsing (:mod:`portfolio.safe_files`), compared with the projects' planned dates
(:mod:`portfolio.schedule_dates`) in a preview, and the changed dates written in one
transaction."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_et
from sqlalchemy.orm import Session

from db.session import Database
from exports.mspdi.namespace import Q
from exports.output import ExportError
from portfolio import projects, safe_files, schedule_dates
from portfolio.provenance import Problem
from portfolio.schedule_dates import SchedulePreview, TaskDates

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
    if root.tag != f"{Q}Project":
        return [], [Problem(name, "不是 Microsoft Project XML（MSPDI）文件")]
    tasks: list[TaskDates] = []
    problems: list[Problem] = []
    for element in root.iterfind(f"{Q}Tasks/{Q}Task"):
        def text(tag: str, element: ET.Element = element) -> str:
            found = element.find(f"{Q}{tag}")
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


def preview_schedule(session: Session, path: Path | str) -> SchedulePreview:
    """Compare the tasks' dates in ``path`` with the projects' planned dates; writes nothing."""
    path = Path(path)
    tasks, errors = read_tasks(path)
    if errors:
        return SchedulePreview(path.name, errors=errors)
    return schedule_dates.compare(session, path.name, tasks)


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
