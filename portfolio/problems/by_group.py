"""The 问题台账's figures of a month by the group of the projects they hold back (责任单位 or
乡镇/街道), and the problems behind one such figure.

The overview's 问题台账 tile and table, the ranking's 逾期未解决问题 and ``portfolio status``
all read :func:`counts_by`; clicking a figure in the window lists :func:`problem_ids` of the
same :class:`ProblemSelection`, built from the same SQL, so a list always has as many lines as
the figure clicked. A figure is as at the end of the month (open, overdue) or within it
(solved), with the rules of :mod:`portfolio.problems.rules`; :func:`portfolio.problems.counts`
gives the same totals grouped by 协调单位 (the unit that must solve a problem) instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from db.models import Problem, Project, Unit
from db.queries import ProjectFilter
from portfolio import metrics
from portfolio.periods import Period
from portfolio.problems.ledger import PeriodProblems, ProblemCounts
from portfolio.problems.rules import open_on_sql, overdue_on_sql, raised_by_sql

#: The figures of a month, and their Chinese names.
FIGURES: dict[str, str] = {"open": "待解决", "overdue": "逾期未解决", "solved": "本月解决"}

#: Groupings of the projects, and their Chinese names.
GROUP_BY: dict[str, str] = {"unit": "责任单位", "township": "乡镇/街道"}


def figure_sql(figure: str, period: Period) -> ColumnElement[bool]:
    """Whether a problem raised by the end of ``period`` counts in ``figure`` (of
    :data:`FIGURES`)."""
    last = period.last_day
    if figure == "open":
        return open_on_sql(last)
    if figure == "overdue":
        return overdue_on_sql(last)
    if figure == "solved":
        return and_(Problem.state == "已解决", Problem.resolved_on >= period.first_day,
                    Problem.resolved_on <= last)
    raise KeyError(figure)


def _grouped(by: str) -> ColumnElement[str]:
    if by not in GROUP_BY:
        raise KeyError(by)
    return func.coalesce(metrics.GROUPINGS[by], "")


def counts_by(session: Session, period: Period, flt: ProjectFilter | None = None,
              by: str = "unit") -> PeriodProblems:
    """Open and overdue problems at the end of ``period`` and those solved in it, in all and
    per group of their projects (``by`` of :data:`GROUP_BY`; ``unit`` of a line is the group's
    name, None for projects without one). Groups with nothing open or solved are left out; the
    most overdue first, the unnamed group last."""
    key = _grouped(by)
    sums = [func.sum(case((figure_sql(f, period), 1), else_=0)) for f in FIGURES]
    stmt = (
        select(key, *sums)
        .select_from(Problem)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Project.unit_id)
        .where(raised_by_sql(period))
        .group_by(key)
    )
    if flt is not None:
        stmt = flt.apply(stmt)
    total = ProblemCounts()
    lines = []
    for name, n_open, n_late, n_solved in session.execute(stmt):
        line = ProblemCounts(name or None, int(n_open or 0), int(n_late or 0), int(n_solved or 0))
        if line.open or line.solved:
            lines.append(line)
        total.open += line.open
        total.overdue += line.overdue
        total.solved += line.solved
    lines.sort(key=lambda c: (c.unit is None, -c.overdue, -c.open, -c.solved, c.unit or ""))
    return PeriodProblems(period, total, lines)


@dataclass(frozen=True)
class ProblemSelection:
    """The problems behind one figure of :func:`counts_by`: ``figure`` of ``period``, of one
    group (``by`` and ``key``, "" for projects without one) or of all."""

    period: Period
    figure: str
    by: str | None = None
    key: str | None = None

    @property
    def label(self) -> str:
        """"2026年10月底逾期未解决的问题（县交通运输局）"."""
        what = {"open": "底待解决", "overdue": "底逾期未解决", "solved": "解决"}[self.figure]
        text = f"{self.period.label}{what}的问题"
        if self.by is not None and self.key is not None:
            text += f"（{self.key or '未填' + GROUP_BY[self.by]}）"
        return text


def problem_ids(session: Session, selection: ProblemSelection,
                flt: ProjectFilter | None = None) -> list[int]:
    """The numbers of the problems counted in ``selection`` (within ``flt``), in order."""
    stmt = (
        select(Problem.id)
        .join(Project, Project.id == Problem.project_id)
        .outerjoin(Unit, Unit.id == Project.unit_id)
        .where(raised_by_sql(selection.period), figure_sql(selection.figure, selection.period))
        .order_by(Problem.id)
    )
    if selection.by is not None and selection.key is not None:
        stmt = stmt.where(_grouped(selection.by) == selection.key)
    if flt is not None:
        stmt = flt.apply(stmt)
    return list(session.scalars(stmt))


def record(found: PeriodProblems) -> dict[str, object]:
    """The figures as plain values, for JSON: the totals and one line per group."""

    def line(c: ProblemCounts) -> dict[str, object]:
        return {"open": c.open, "overdue": c.overdue, "solved": c.solved}

    return {
        "period": str(found.period),
        **line(found.total),
        "by_unit": [{"unit": c.unit or "", **line(c)} for c in found.by_unit],
    }
