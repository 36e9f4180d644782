"""Saving a batch of edits as one change: validated whole, applied in the caller's one
transaction; one bad cell refuses the batch, with a Chinese message naming the project and
the column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MonthlyReport, Project
from db.queries import chunked
from portfolio.concurrency import (
    UNCHECKED,
    StaleEdit,
    last_change,
    lock_projects,
    stale_message,
)
from portfolio.money import format_money
from portfolio.monthly.columns import EDITABLE
from portfolio.monthly.errors import EntryError
from portfolio.monthly.locking import check_open
from portfolio.monthly.rows import ZERO, EntryRow, load_rows
from portfolio.monthly.stages import stage_before_start, stage_for
from portfolio.periods import Period


@dataclass(frozen=True)
class CellEdit:
    """One typed value for one editable cell; ``expected`` is the value it was edited from
    (the save refuses with :class:`~portfolio.concurrency.StaleEdit` when the cell no longer
    holds it), or :data:`UNCHECKED`."""

    project_id: int
    key: str
    value: object
    expected: object = field(default=UNCHECKED, compare=False)


#: Where the audit log records each editable cell: (table, column).
_AUDIT_PLACES: dict[str, tuple[str, str]] = {
    "investment": ("monthly_reports", "investment"),
    "progress": ("monthly_reports", "progress"),
    "problems": ("monthly_reports", "problems"),
    "next_steps": ("monthly_reports", "next_steps"),
    "started": ("monthly_reports", "started"),
    "started_on": ("monthly_reports", "started_on"),
    "finished_on": ("projects", "actual_finish"),
}


def same_value(key: str, a: object, b: object) -> bool:
    """Whether a cell holding ``a`` holds ``b``: an unreported amount is 0, no text is ""."""
    if key == "investment":
        return (a or ZERO) == (b or ZERO)
    if key in ("progress", "problems", "next_steps"):
        return (a or "") == (b or "")
    return a == b


def _check_expected(session: Session, period: Period, rows: dict[int, EntryRow],
                    edits: Sequence[CellEdit]) -> None:
    """Raise :class:`StaleEdit` for the first cell that no longer holds what it was edited
    from."""
    for edit in edits:
        row = rows.get(edit.project_id)
        if edit.expected is UNCHECKED or row is None:
            continue
        if same_value(edit.key, row.value(edit.key), edit.expected):
            continue
        report_id = session.scalar(select(MonthlyReport.id).where(
            MonthlyReport.project_id == row.project_id, MonthlyReport.year == period.year,
            MonthlyReport.month == period.month))
        change = last_change(session, row.project_id, [_AUDIT_PLACES[edit.key]],
                             None if report_id is None else str(report_id))
        raise StaleEdit(stale_message(f"{row.name}（{period.label}）", [EDITABLE[edit.key]],
                                      change), row.project_id, [edit.key])


def save_cells(session: Session, period: Period, edits: Sequence[CellEdit]) -> list[int]:
    """Validate and apply ``edits`` to ``period`` as one change; returns the projects changed.

    Refuses (raises :class:`EntryError`, leaving the caller to roll back) a locked period
    (:class:`~portfolio.monthly.locking.PeriodLocked`, naming who submitted it and when), a
    package's money (it lives on the parts), an amount that would take a project's cumulative
    investment past its total, a start or finish date after the period, a finish before the
    start, and clearing the start of a project that started before this month. An edit whose
    cell no longer holds its ``expected`` value raises
    :class:`~portfolio.concurrency.StaleEdit` (someone else saved it meanwhile).
    """
    if not edits:
        return []
    by_project: dict[int, dict[str, object]] = {}
    for edit in edits:
        if edit.key not in EDITABLE:
            raise KeyError(edit.key)
        by_project.setdefault(edit.project_id, {})[edit.key] = edit.value
    lock_projects(session, by_project)
    check_open(session, period)  # after the rows are held: a submit cannot slip in between
    rows = {r.project_id: r for r in load_rows(session, period, ids=list(by_project))}
    _check_expected(session, period, rows, edits)
    for project_id, values in by_project.items():
        row = rows.get(project_id)
        if row is None:
            raise EntryError("该项目已不存在（可能已被删除）", project_id)
        check_values(row, values, period)
    projects, reports = _held(session, period, list(by_project))
    for project_id, values in by_project.items():
        _apply(session, projects[project_id], reports.get(project_id), values, period)
    session.flush()
    return list(by_project)


def _held(session: Session, period: Period, ids: list[int]
          ) -> tuple[dict[int, Project], dict[int, MonthlyReport]]:
    """The projects ``ids`` and their reports of the period, fetched in a few queries, not two
    a project — each of which would also flush the edits made so far, and every flush costs as
    much as the objects the session holds (a whole county's 调度表 took minutes)."""
    projects: dict[int, Project] = {}
    reports: dict[int, MonthlyReport] = {}
    for chunk in chunked(ids):
        projects.update((p.id, p) for p in session.scalars(
            select(Project).where(Project.id.in_(chunk))))
        reports.update((r.project_id, r) for r in session.scalars(select(MonthlyReport).where(
            MonthlyReport.project_id.in_(chunk), MonthlyReport.year == period.year,
            MonthlyReport.month == period.month)))
    return projects, reports


def check_values(row: EntryRow, values: dict[str, object], period: Period) -> None:
    """Raise :class:`EntryError` when ``values`` (key → typed value) cannot go into ``row``.

    Needs no database, so the grid checks a cell before its editor closes. Adds the resolved
    start (``_started``, ``_started_on``) to ``values`` for :func:`save_cells`."""
    def fail(message: str, key: str) -> None:
        raise EntryError(f"{row.name}：{message}", row.project_id, key)

    if "investment" in values:
        amount = values["investment"]
        if amount is not None and not isinstance(amount, Decimal):
            fail("本月完成投资应为数字（万元）", "investment")
        if amount and not row.is_leaf:
            fail("打包项目的投资请填报在各子项目中", "investment")
        if isinstance(amount, Decimal) and amount < 0:
            fail("本月完成投资不能为负数", "investment")
        remaining = row.remaining
        if isinstance(amount, Decimal) and remaining is not None and amount > remaining:
            done_elsewhere = (row.total_investment or ZERO) - remaining
            fail(f"本月完成投资{format_money(amount)}万元超过剩余投资{format_money(remaining)}万元"
                 f"（总投资{format_money(row.total_investment)}万元，"
                 f"其他月份累计已完成{format_money(done_elsewhere)}万元）",
                 "investment")
    started = values.get("started", row.started)
    if "started_on" in values and "started" not in values:
        started = values["started_on"] is not None  # typing a date says it started
    started_on = values.get("started_on", row.started_on) if started else None
    if started and started_on is None:
        known = row.started_on or row.actual_start
        started_on = known if known and known <= period.last_day else period.first_day
    finished_on = values.get("finished_on", row.finished_on)
    if isinstance(started_on, dt.date) and started_on > period.last_day:
        fail(f"开工日期{started_on.isoformat()}晚于本期（{period.label}）", "started_on")
    if not started and row.actual_start is not None and row.actual_start < period.first_day:
        fail(f"该项目已于{row.actual_start.isoformat()}开工（早于本月），"
             "如需更正开工日期请在项目信息中修改", "started")
    if isinstance(finished_on, dt.date):
        if finished_on > period.last_day:
            fail(f"竣工日期{finished_on.isoformat()}晚于本期（{period.label}）", "finished_on")
        if not started:
            fail("尚未开工的项目不能填写竣工日期", "finished_on")
        if isinstance(started_on, dt.date) and finished_on < started_on:
            fail("竣工日期不能早于开工日期", "finished_on")
    values["_started"] = bool(started)
    values["_started_on"] = started_on if started else None


def _apply(session: Session, project: Project, report: MonthlyReport | None,
           values: dict[str, object], period: Period) -> None:
    dates_before = (project.actual_start, project.actual_finish)
    touches_report = any(k in values for k in (
        "investment", "progress", "problems", "next_steps", "started", "started_on"))
    if report is None and touches_report:
        report = MonthlyReport(project_id=project.id, year=period.year, month=period.month,
                               investment=ZERO, progress="", problems="", next_steps="",
                               started=False, started_on=None)
        session.add(report)
    if report is not None:
        if "investment" in values:
            amount = values["investment"]
            value = amount.quantize(Decimal("0.01")) if isinstance(amount, Decimal) else ZERO
            if report.investment != value or report.id is None:
                report.investment = value
        for key in ("progress", "problems", "next_steps"):
            if key in values and getattr(report, key) != values[key]:
                setattr(report, key, values[key])
        started = bool(values["_started"])
        started_on = cast("dt.date | None", values["_started_on"])
        if report.started != started:
            report.started = started
        if report.started_on != started_on:
            report.started_on = started_on

    if values["_started"]:
        if project.actual_start != values["_started_on"]:
            project.actual_start = values["_started_on"]  # type: ignore[assignment]
    elif project.actual_start is not None and project.actual_start >= period.first_day:
        project.actual_start = None
    if "finished_on" in values:
        finished = values["finished_on"]
        if finished is not None or (project.actual_finish is not None
                                    and project.actual_finish <= period.last_day):
            project.actual_finish = finished  # type: ignore[assignment]
    if (project.actual_start, project.actual_finish) != dates_before:
        stage = stage_for(project.stage, project.actual_start, project.actual_finish, period)
        if dates_before[0] is not None and project.actual_start is None:
            stage = stage_before_start(session, project) or stage  # a start undone
        if stage != project.stage:
            project.stage = stage

    if report is not None and values.get("investment", "") is None:
        # an emptied report says nothing the project does not: remove it (undo of a first
        # entry leaves the month unreported, as it was)
        started_known = (not report.started or report.started_on == project.actual_start)
        if (report.investment == ZERO and not report.progress and not report.problems
                and not report.next_steps and started_known):
            if report in session.new:
                session.expunge(report)  # created by this edit: never written
            else:
                session.delete(report)
