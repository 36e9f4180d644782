"""Reading the 问题台账: the filtered list, one project's summary line and the counts of a
month by 协调单位, each one query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.models import Problem, Project, Unit
from db.queries import ProjectFilter, chunked
from portfolio.periods import Period
from portfolio.problems.rules import (
    CLOSED_STATES,
    ProblemRow,
    open_on_sql,
    overdue_on_sql,
    raised_by_sql,
)


def _row_select() -> Select[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]:
    """The columns of a :class:`ProblemRow`, in its order."""
    return (
        select(Problem.id, Problem.project_id, Project.name, Problem.raised_year,
               Problem.raised_month, Problem.description, Problem.kind,
               func.coalesce(Unit.name, ""), Problem.person, Problem.deadline, Problem.state,
               Problem.resolution, Problem.resolved_on)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
    )


@dataclass(frozen=True)
class ProblemQuery:
    """Which problems a list shows; every condition left empty lets everything through."""

    #: the month's 问题清单: raised by the month's end and not closed before it began
    period: Period | None = None
    states: tuple[str, ...] = ()
    #: 协调单位 names ("" for problems without one)
    units: tuple[str, ...] = ()
    #: only problems overdue on this day
    overdue_on: dt.date | None = None
    #: words of the description, the project's name, the unit or the person
    text: str = ""
    project_ids: tuple[int, ...] = ()
    projects: ProjectFilter | None = None
    #: these problems only
    ids: tuple[int, ...] = ()


def list_problems(session: Session, query: ProblemQuery | None = None) -> list[ProblemRow]:
    """The problems of ``query`` (all when None), open ones first, then by 办结时限 and
    number."""
    query = query or ProblemQuery()
    stmt = _row_select()
    if query.period is not None:
        stmt = stmt.where(raised_by_sql(query.period),
                          open_on_sql(query.period.first_day - dt.timedelta(days=1)))
    if query.states:
        stmt = stmt.where(Problem.state.in_(query.states))
    if query.units:
        named = [u for u in query.units if u]
        conds = [Unit.name.in_(named)] if named else []
        if "" in query.units:
            conds.append(Problem.unit_id.is_(None))
        stmt = stmt.where(or_(*conds))
    if query.overdue_on is not None:
        stmt = stmt.where(overdue_on_sql(query.overdue_on))
    for word in query.text.split():
        pattern = f"%{word}%"
        stmt = stmt.where(or_(Problem.description.like(pattern), Project.name.like(pattern),
                              Unit.name.like(pattern), Problem.person.like(pattern)))
    if query.ids:
        stmt = stmt.where(Problem.id.in_(query.ids))
    if query.project_ids:
        stmt = stmt.where(Problem.project_id.in_(query.project_ids))
    if query.projects is not None:
        stmt = query.projects.apply(stmt)
    is_closed = case((Problem.state.in_(CLOSED_STATES), 1), else_=0)
    stmt = stmt.order_by(is_closed, Problem.deadline.is_(None), Problem.deadline, Problem.id)
    return [ProblemRow(r[0], r[1], r[2], Period(r[3], r[4]), *r[5:])
            for r in session.execute(stmt)]


def get_row(session: Session, problem_id: int) -> ProblemRow | None:
    """One problem's line (None when it is gone)."""
    rows = list_problems(session, ProblemQuery(ids=(problem_id,)))
    return rows[0] if rows else None


@dataclass(frozen=True)
class ProjectProblems:
    """A project's problems in one line: how many are open and how many overdue."""

    open: int = 0
    overdue: int = 0

    @property
    def text(self) -> str:
        """"2个问题待解决，1个逾期", "" when none is open."""
        if not self.open:
            return ""
        text = f"{self.open}个问题待解决"
        return text + (f"，{self.overdue}个逾期" if self.overdue else "")


def project_summaries(session: Session, project_ids: Sequence[int],
                      on: dt.date | None = None) -> dict[int, ProjectProblems]:
    """The open and overdue problems on ``on`` (today) of each of ``project_ids`` that has
    any; one grouped query per thousand ids, for a page of the register."""
    day = on or dt.date.today()
    found: dict[int, ProjectProblems] = {}
    overdue = case((overdue_on_sql(day), 1), else_=0)
    for chunk in chunked(list(project_ids)):
        for pid, count, late in session.execute(
            select(Problem.project_id, func.count(), func.sum(overdue))
            .where(Problem.project_id.in_(chunk), open_on_sql(day))
            .group_by(Problem.project_id)
        ):
            found[pid] = ProjectProblems(int(count), int(late or 0))
    return found


def project_summary(session: Session, project_id: int,
                    on: dt.date | None = None) -> ProjectProblems:
    return project_summaries(session, [project_id], on).get(project_id, ProjectProblems())


@dataclass
class ProblemCounts:
    """The problems of a month for the overview: open and overdue at its end, solved in it."""

    unit: str | None = None
    open: int = 0
    overdue: int = 0
    solved: int = 0


@dataclass
class PeriodProblems:
    period: Period
    total: ProblemCounts
    by_unit: list[ProblemCounts] = field(default_factory=list)

    def headline(self) -> str:
        """"待解决问题5个（逾期2个），本月解决3个"."""
        t = self.total
        text = f"待解决问题{t.open}个"
        if t.overdue:
            text += f"（逾期{t.overdue}个）"
        return text + f"，本月解决{t.solved}个"


def counts(session: Session, period: Period, flt: ProjectFilter | None = None) -> PeriodProblems:
    """Open and overdue problems at the end of ``period`` and those solved in it, in all and
    by 协调单位 (the busiest unit first; problems without a unit under None, last)."""
    last = period.last_day
    is_open = case((open_on_sql(last), 1), else_=0)
    late = case((overdue_on_sql(last), 1), else_=0)
    solved = case((and_(Problem.state == "已解决", Problem.resolved_on >= period.first_day,
                        Problem.resolved_on <= last), 1), else_=0)
    stmt = (
        select(Unit.name, func.sum(is_open), func.sum(late), func.sum(solved))
        .select_from(Problem)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Problem.unit_id)
        .where(raised_by_sql(period))
        .group_by(Unit.name)
    )
    if flt is not None:
        stmt = flt.apply(stmt)
    total = ProblemCounts()
    by_unit = []
    for unit, n_open, n_late, n_solved in session.execute(stmt):
        line = ProblemCounts(unit, int(n_open or 0), int(n_late or 0), int(n_solved or 0))
        if line.open or line.solved:
            by_unit.append(line)
        total.open += line.open
        total.overdue += line.overdue
        total.solved += line.solved
    by_unit.sort(key=lambda c: (c.unit is None, -c.overdue, -c.open, -c.solved, c.unit or ""))
    return PeriodProblems(period, total, by_unit)


def overdue_problems(session: Session, period: Period, *, ids: Sequence[int] | None = None,
                     flt: ProjectFilter | None = None,
                     projects_where: Sequence[ColumnElement[bool]] = ()) -> list[ProblemRow]:
    """The problems overdue at the end of ``period`` (raised by then), of ``ids`` or ``flt``;
    ``projects_where`` narrows the projects further (the alert rule's candidates)."""
    last = period.last_day
    stmt = (
        _row_select()
        .where(raised_by_sql(period), overdue_on_sql(last), *projects_where)
        .order_by(Problem.project_id, Problem.deadline, Problem.id)
    )
    if ids is not None:
        stmt = stmt.where(Problem.project_id.in_(ids))
    elif flt is not None:
        stmt = flt.apply(stmt)
    return [ProblemRow(r[0], r[1], r[2], Period(r[3], r[4]), *r[5:])
            for r in session.execute(stmt)]


def unit_names(session: Session) -> list[str]:
    """Every unit's name, for the 协调单位 choices."""
    return list(session.scalars(select(Unit.name).order_by(Unit.name)))


def project_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every project by name, for choosing the project a problem belongs to."""
    return [(pid, name) for pid, name in
            session.execute(select(Project.id, Project.name).order_by(Project.name, Project.id))]
