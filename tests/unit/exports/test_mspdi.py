"""Schedule exchange in MS Project XML: written, validated by reading it back, dates imported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from db.models import Project
from db.queries import ProjectFilter
from exports import mspdi
from exports.output import ExportError
from portfolio import metrics, projects
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio
from tests.report_db import PERIOD

NS = {"p": mspdi.NS}
D = Decimal


@pytest.fixture
def schedule_db(report_db):
    """The reports' portfolio and a package of two road sections."""
    with report_db.transaction() as s:
        package = projects.create(s, ProjectData(
            name="城区道路打包项目", category="交通能源", total_investment=D("900"),
            planned_start=dt.date(2026, 3, 2), planned_finish=dt.date(2027, 6, 30)))
        for name, unit in (("道路A段", "县交通运输局"), ("道路B段", "县住建局")):
            projects.create(s, ProjectData(
                name=name, category="交通能源", unit=unit, parent_id=package,
                total_investment=D("450"), planned_start=dt.date(2026, 4, 1),
                planned_finish=dt.date(2027, 5, 31)))
    return report_db


def write(db, path: Path) -> mspdi.WrittenSchedule:
    with db.session() as s:
        return mspdi.write_schedule(s, path, PERIOD)


def test_durations_count_working_days() -> None:
    assert mspdi.working_days(dt.date(2026, 11, 2), dt.date(2026, 11, 6)) == 5  # Mon—Fri
    assert mspdi.working_days(dt.date(2026, 11, 2), dt.date(2026, 11, 9)) == 6
    assert mspdi.duration(dt.date(2026, 11, 2), dt.date(2026, 11, 2)) == "PT8H0M0S"


def _counted_by_hand(start: dt.date, finish: dt.date) -> int:
    days = (start + dt.timedelta(days=n) for n in range((finish - start).days + 1))
    return max(sum(day.weekday() < 5 for day in days), 1)


@pytest.mark.parametrize("start", [dt.date(2026, 11, 2) + dt.timedelta(days=n)
                                   for n in range(7)])  # every day of the week
@pytest.mark.parametrize("span", [-3, 0, 1, 4, 5, 6, 13, 30, 400])
def test_working_days_are_monday_to_friday(start: dt.date, span: int) -> None:
    finish = start + dt.timedelta(days=span)
    assert mspdi.working_days(start, finish) == _counted_by_hand(start, finish)
    assert isinstance(mspdi.working_days(start, finish), int)


def test_tasks_are_matched_like_every_import(schedule_db, tmp_path: Path) -> None:
    """A UID counts as 编号 only with an agreeing name; else the normalised name decides."""
    path = tmp_path / "other.xml"
    write(schedule_db, path)
    tree = ET.parse(path)
    ET.register_namespace("", mspdi.NS)
    tasks = tree.getroot().findall("p:Tasks/p:Task", NS)
    by_name = {t.findtext("p:Name", namespaces=NS): t for t in tasks}
    a, b = by_name["道路A段"], by_name["道路B段"]
    # another program numbered the tasks its own way and swapped these two UIDs
    uid_a, uid_b = a.findtext("p:UID", namespaces=NS), b.findtext("p:UID", namespaces=NS)
    a.find("p:UID", NS).text, b.find("p:UID", NS).text = uid_b, uid_a
    a.find("p:Name", NS).text = "道路\nＡ段 "  # full-width letter, a line break
    a.find("p:Start", NS).text = "2026-05-04T08:00:00"
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    with schedule_db.session() as s:
        result = mspdi.preview_schedule(s, path)
    assert not result.errors and not result.unmatched
    assert [(c.project_id, c.name, c.new_start) for c in result.changed] == [
        (int(uid_a), "道路A段", dt.date(2026, 5, 4))]


def test_the_schedule_reads_back(schedule_db, tmp_path: Path) -> None:
    path = tmp_path / "进度计划.xml"
    written = write(schedule_db, path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{mspdi.NS}}}Project"
    tasks = root.findall("p:Tasks/p:Task", NS)
    assert tasks[0].findtext("p:UID", namespaces=NS) == "0"
    by_uid = {int(t.findtext("p:UID", namespaces=NS)): t for t in tasks[1:]}
    assert len(by_uid) == written.tasks
    with schedule_db.session() as s:
        figures = {f.project_id: f for f in metrics.project_figures(s, PERIOD)}
        package = s.scalar(select(Project.id).where(Project.name == "城区道路打包项目"))
    ids = [int(t.findtext("p:ID", namespaces=NS)) for t in tasks[1:]]
    assert ids == list(range(1, len(ids) + 1))
    for uid, task in by_uid.items():
        f = figures[uid]
        assert task.findtext("p:Name", namespaces=NS) == f.name
        start = dt.date.fromisoformat(task.findtext("p:Start", namespaces=NS)[:10])
        finish = dt.date.fromisoformat(task.findtext("p:Finish", namespaces=NS)[:10])
        if uid != package:
            assert (start, finish) == (f.planned_start, f.planned_finish)
            assert task.findtext("p:Duration", namespaces=NS) == mspdi.duration(start, finish)
        percent = int(task.findtext("p:PercentComplete", namespaces=NS))
        assert 0 <= percent <= 100
        if f.stage == "竣工":
            assert percent == 100
        assert task.findtext("p:ConstraintType", namespaces=NS) == "4"
    summary = by_uid[package]
    assert summary.findtext("p:Summary", namespaces=NS) == "1"
    assert summary.findtext("p:OutlineLevel", namespaces=NS) == "1"
    position = tasks.index(summary)
    parts = tasks[position + 1 : position + 3]
    assert [t.findtext("p:Name", namespaces=NS) for t in parts] == ["道路A段", "道路B段"]
    assert all(t.findtext("p:OutlineLevel", namespaces=NS) == "2" for t in parts)
    outline = summary.findtext("p:OutlineNumber", namespaces=NS)
    assert parts[0].findtext("p:OutlineNumber", namespaces=NS) == f"{outline}.1"
    # resources are the responsible units, each assignment points at a task and a resource
    resources = {int(r.findtext("p:UID", namespaces=NS)): r.findtext("p:Name", namespaces=NS)
                 for r in root.findall("p:Resources/p:Resource", NS)}
    assert len(resources) == written.resources
    assert {"县交通运输局", "县住建局"} <= set(resources.values())
    for assignment in root.findall("p:Assignments/p:Assignment", NS):
        task_uid = int(assignment.findtext("p:TaskUID", namespaces=NS))
        resource_uid = int(assignment.findtext("p:ResourceUID", namespaces=NS))
        assert figures[task_uid].unit == resources[resource_uid]
    calendar = root.find("p:Calendars/p:Calendar", NS)
    working = [d.findtext("p:DayWorking", namespaces=NS)
               for d in calendar.findall("p:WeekDays/p:WeekDay", NS)]
    assert working == ["0", "1", "1", "1", "1", "1", "0"]


def test_dates_come_back(schedule_db, tmp_path: Path) -> None:
    path = tmp_path / "s.xml"
    write(schedule_db, path)
    with schedule_db.session() as s:
        result = mspdi.preview_schedule(s, path)
    assert not result.errors and not result.unmatched and not result.changed
    tree = ET.parse(path)
    ET.register_namespace("", mspdi.NS)
    task = next(t for t in tree.getroot().findall("p:Tasks/p:Task", NS)
                if t.findtext("p:Name", namespaces=NS) == "道路A段")
    task.find("p:Start", NS).text = "2026-05-04T08:00:00"
    task.find("p:Finish", NS).text = "2027-08-31T17:00:00"
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    with schedule_db.session() as s:
        result = mspdi.preview_schedule(s, path)
    assert [c.name for c in result.changed] == ["道路A段"]
    assert result.changed[0].old_start == dt.date(2026, 4, 1)
    assert mspdi.apply_schedule(schedule_db, result) == 1
    with schedule_db.session() as s:
        part = s.scalar(select(Project).where(Project.name == "道路A段"))
        assert (part.planned_start, part.planned_finish) == (dt.date(2026, 5, 4),
                                                              dt.date(2027, 8, 31))


def test_bad_files(schedule_db, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Project><Tasks>", encoding="utf-8")
    other = tmp_path / "other.xml"
    other.write_text("<html/>", encoding="utf-8")
    with schedule_db.session() as s:
        assert "不是有效的 XML" in mspdi.preview_schedule(s, broken).errors[0].text()
        assert "不是 Microsoft Project XML" in mspdi.preview_schedule(s, other).errors[0].text()
    with pytest.raises(ExportError), schedule_db.session() as s:
        mspdi.write_schedule(s, tmp_path / "none.xml", PERIOD,
                             flt=ProjectFilter(text="不存在的"))
    assert not (tmp_path / "none.xml").exists()


def test_command_line(schedule_db, db_url: str, tmp_path: Path) -> None:
    schedule_db.dispose()
    path = tmp_path / "cli.xml"
    done = run_portfolio("--db", db_url, "export", "mspdi", "--period", "2026-10", "-o", str(path))
    assert done.returncode == 0, done.stderr
    assert "已导出进度计划" in done.stdout
    done = run_portfolio("--db", db_url, "import", "mspdi", str(path), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "修改 0 个项目的计划日期" in done.stdout
