"""Writing the 问题台账: add, update, close and delete a problem, and turn a month's 存在问题
text into one. Nothing here commits: each caller wraps one user action in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Problem, Project, Unit
from portfolio.concurrency import AuditPlace, StaleEdit, last_change, lock_rows, stale_message
from portfolio.periods import Period
from portfolio.problems.rules import (
    CLOSED_STATES,
    FIELD_LABELS,
    OPEN_STATES,
    ProblemData,
    ProblemError,
    check_transition,
    guess_kind,
    validate,
)
from portfolio.projects.writing import named_row


def _get(session: Session, problem_id: int) -> Problem:
    problem = session.get(Problem, problem_id)
    if problem is None:
        raise ProblemError({"id": f"问题台账中没有第{problem_id}号问题（可能已被删除）"})
    return problem


def _to_data(problem: Problem) -> ProblemData:
    return ProblemData(
        project_id=problem.project_id,
        raised=Period(problem.raised_year, problem.raised_month),
        description=problem.description, kind=problem.kind,
        unit=problem.unit.name if problem.unit else "", person=problem.person,
        deadline=problem.deadline, state=problem.state, resolution=problem.resolution,
        resolved_on=problem.resolved_on,
    )


def load(session: Session, problem_id: int) -> ProblemData:
    """The problem's fields; :class:`ProblemError` when there is no such problem."""
    return _to_data(_get(session, problem_id))


def _apply(session: Session, problem: Problem, data: ProblemData) -> None:
    values: dict[str, Any] = {
        "project_id": data.project_id, "raised_year": data.raised.year,
        "raised_month": data.raised.month, "description": data.description.strip(),
        "kind": data.kind, "person": data.person.strip(), "deadline": data.deadline,
        "state": data.state, "resolution": data.resolution.strip(),
        "resolved_on": data.resolved_on,
    }
    for key, value in values.items():
        if getattr(problem, key) != value:
            setattr(problem, key, value)
    unit = named_row(session, Unit, data.unit)
    if problem.unit is not unit:
        problem.unit = unit


def add(session: Session, data: ProblemData, *, problem_id: int | None = None,
        today: dt.date | None = None) -> int:
    """Log a new problem (validated first); ``problem_id`` puts one back with its old id."""
    validate(data, today=today)
    if session.get(Project, data.project_id) is None:
        raise ProblemError({"project_id": f"没有编号为{data.project_id}的项目"})
    problem = Problem(id=problem_id) if problem_id is not None else Problem()
    _apply(session, problem, data)
    session.add(problem)
    session.flush()
    return problem.id


#: Where the audit log records each field of :class:`ProblemData`.
_AUDIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "raised": ("raised_year", "raised_month"), "unit": ("unit_id",),
}


def _check_unchanged(session: Session, problem: Problem, expected: ProblemData) -> None:
    """Raise :class:`StaleEdit` unless ``problem`` still holds ``expected`` (what the user saw),
    naming the changed fields, who changed them and when."""
    current = _to_data(problem)
    changed = [f.name for f in fields(ProblemData)
               if getattr(current, f.name) != getattr(expected, f.name)]
    if not changed:
        return
    places: list[AuditPlace] = [("problems", column) for key in changed
                                for column in _AUDIT_COLUMNS.get(key, (key,))]
    change = last_change(session, problem.project_id, places, str(problem.id))
    raise StaleEdit(stale_message(f"第{problem.id}号问题", [FIELD_LABELS[k] for k in changed],
                                  change), problem.project_id, changed)


def update(session: Session, problem_id: int, data: ProblemData, *,
           today: dt.date | None = None, expected: ProblemData | None = None) -> None:
    """Change a problem to ``data`` (validated; a closed one only reopens). ``expected`` is
    the problem as the user saw it: when it changed since, :class:`StaleEdit` names what
    changed, who changed it and when, and nothing is written."""
    lock_rows(session, select(Problem.id).where(Problem.id == problem_id))
    problem = _get(session, problem_id)
    if expected is not None:
        _check_unchanged(session, problem, expected)
    check_transition(problem.state, data.state)
    validate(data, today=today)
    if data.project_id != problem.project_id and session.get(Project, data.project_id) is None:
        raise ProblemError({"project_id": f"没有编号为{data.project_id}的项目"})
    _apply(session, problem, data)
    session.flush()


def close(session: Session, problem_id: int, resolution: str, *, state: str = "已解决",
          on: dt.date | None = None, today: dt.date | None = None) -> ProblemData:
    """办结 a problem as ``state`` (已解决 or 无法解决) on ``on`` (today by default); returns
    its fields as they were before, for an undo."""
    if state not in CLOSED_STATES:
        raise ProblemError({"state": f"办结状态应为{'或'.join(CLOSED_STATES)}，不能是“{state}”"})
    old = load(session, problem_id)
    if not old.is_open:
        raise ProblemError({"state": f"第{problem_id}号问题已办结（{old.state}）"})
    day = on or today or dt.date.today()
    update(session, problem_id,
           old.with_changes(state=state, resolution=resolution, resolved_on=day), today=today)
    return old


def delete(session: Session, problem_id: int) -> ProblemData:
    """Remove a problem (a mistaken entry); returns its fields, for an undo."""
    problem = _get(session, problem_id)
    data = _to_data(problem)
    session.delete(problem)
    session.flush()
    return data


def from_monthly_text(session: Session, project_id: int, period: Period, text: str, *,
                      today: dt.date | None = None) -> int:
    """Log a month's 存在问题 text of a project as a tracked problem: raised in ``period``,
    类别 guessed from its words, 协调单位 the project's 责任单位, 办结时限 the end of the next
    month. Refuses text already logged as an open problem of the project."""
    description = text.strip()
    if not description:
        raise ProblemError({"description": "该月“存在问题”为空，没有可转入问题台账的内容"})
    project = session.get(Project, project_id)
    if project is None:
        raise ProblemError({"project_id": f"没有编号为{project_id}的项目"})
    same = session.scalar(
        select(Problem.id).where(Problem.project_id == project_id,
                                 Problem.description == description,
                                 Problem.state.in_(OPEN_STATES)))
    if same is not None:
        raise ProblemError({"description": f"该问题已在问题台账中（第{same}号），尚未办结"})
    return add(session, ProblemData(
        project_id=project_id, raised=period, description=description,
        kind=guess_kind(description), unit=project.unit.name if project.unit else "",
        deadline=period.next().last_day,
    ), today=today)
