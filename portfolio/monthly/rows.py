"""The rows of the monthly entry grid: each project's typed figures for a period next to
the ones computed from its reports (截至上年底, 1—N月), and their 合计.

截至上年底, 1—N月 and 占年度计划% are computed from the reports, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import CompoundSelect, Select, and_, case, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from db.models import AnnualPlan, MonthlyReport, Project, Unit
from db.queries import ProjectFilter
from portfolio.metrics import IS_LEAF, YearCompletion
from portfolio.monthly.carried import CARRIED_MONTH
from portfolio.monthly.first_month import first_months
from portfolio.periods import Period

ZERO = Decimal("0.00")
ALL = ProjectFilter()


@dataclass
class EntryRow(YearCompletion):
    """One project in the entry grid for one period."""

    project_id: int
    name: str
    category: str
    stage: str
    unit: str
    is_leaf: bool
    total_investment: Decimal | None
    #: 截至上年底累计: prior investment and every report of earlier years
    prior_years: Decimal
    annual_plan: Decimal | None
    #: reports of this year before the period's month
    ytd_before: Decimal
    #: reports after the period (when an earlier month is corrected)
    later: Decimal
    has_report: bool
    investment: Decimal | None
    progress: str
    problems: str
    next_steps: str
    started: bool
    started_on: dt.date | None
    actual_start: dt.date | None
    finished_on: dt.date | None
    planned_start_month: int | None = None
    #: 此前各月累计（未分月）: months of the year before ``first_month`` never reported one by
    #: one (:mod:`portfolio.monthly.carried`); part of ``ytd_before`` for any later month
    carried: Decimal = ZERO
    #: the earliest month of the year with a report, read when months were carried (None:
    #: none, or not read: :func:`portfolio.monthly.first_month.first_months` reads it)
    first_month: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ytd(self) -> Decimal:
        """1—N月累计完成投资."""
        return self.ytd_before + (self.investment or ZERO)

    @property
    def remaining(self) -> Decimal | None:
        """The most this month can report without passing the total investment."""
        if self.total_investment is None:
            return None
        return self.total_investment - self.prior_years - self.ytd_before - self.later

    def value(self, key: str) -> object:
        return getattr(self, key)


#: Which projects' reports to sum: their ids, or a select of them.
_Scope = Select | CompoundSelect | Sequence[int]  # type: ignore[type-arg]


def _report_sums(period: Period, projects: _Scope | None = None):  # type: ignore[no-untyped-def]
    """Per project: reports before the period's year, of its year before its month (the
    carried month 0 among them), and after it, and the carried amount; only of ``projects``
    when given."""
    r = MonthlyReport
    before_year = r.year < period.year
    this_year_before = and_(r.year == period.year, r.month < period.month)
    after = or_(r.year > period.year, and_(r.year == period.year, r.month > period.month))
    query = (
        select(
            r.project_id.label("project_id"),
            func.sum(case((before_year, r.investment), else_=0)).label("prior"),
            func.sum(case((this_year_before, r.investment), else_=0)).label("ytd_before"),
            func.sum(case((after, r.investment), else_=0)).label("later"),
        )
        .group_by(r.project_id)
    )
    if projects is not None:
        query = query.where(r.project_id.in_(projects))
    return query.subquery()


_CENT = Decimal("0.01")


def _dec(value: object) -> Decimal:
    if value is None:
        return ZERO
    if type(value) is Decimal:  # what SQLAlchemy gives for a Numeric: skip the str() trip
        return value.quantize(_CENT)
    return Decimal(str(value)).quantize(_CENT)


def load_rows(
    session: Session,
    period: Period,
    flt: ProjectFilter = ALL,
    *,
    active_only: bool = False,
    ids: Sequence[int] | None = None,
) -> list[EntryRow]:
    """The entry rows of ``flt`` (or of ``ids``) for ``period``, in the 明细表's order (领域, then
    id). ``active_only`` keeps the projects scheduled this year: those with a plan for the
    year or a report in it (the list the county actually reports on)."""
    # projects scheduled this year: with a plan for the year or a report in it
    active = union(
        select(AnnualPlan.project_id).where(AnnualPlan.year == period.year),
        select(MonthlyReport.project_id).where(MonthlyReport.year == period.year),
    )
    # the report sums only of the projects listed (the active ones of the filter name far
    # fewer reports than the whole history holds)
    scope: _Scope | None = None
    if ids is not None:
        scope = list(ids)
    elif active_only:
        scope = (flt.apply(select(Project.id).where(Project.id.in_(active)))
                 if flt.conditions() else active)
    elif flt.conditions():
        scope = flt.apply(select(Project.id))
    sums = _report_sums(period, scope)
    plan = aliased(AnnualPlan)
    report = aliased(MonthlyReport)
    carried_report = aliased(MonthlyReport)
    query = (
        select(
            Project.id, Project.name, Project.category, Project.stage,
            func.coalesce(Unit.name, ""), IS_LEAF, Project.total_investment,
            func.coalesce(Project.prior_investment, 0) + func.coalesce(sums.c.prior, 0),
            plan.planned_investment, func.coalesce(sums.c.ytd_before, 0),
            func.coalesce(sums.c.later, 0), report.id, report.investment, report.progress,
            report.problems, report.next_steps, report.started, report.started_on,
            Project.actual_start, Project.actual_finish, plan.planned_start_month,
            carried_report.investment,
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(sums, sums.c.project_id == Project.id)
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .outerjoin(
            report,
            and_(report.project_id == Project.id, report.year == period.year,
                 report.month == period.month),
        )
        .outerjoin(
            carried_report,
            and_(carried_report.project_id == Project.id, carried_report.year == period.year,
                 carried_report.month == CARRIED_MONTH),
        )
    )
    if ids is not None:
        query = query.where(Project.id.in_(ids))
    else:
        query = flt.apply(query)
        if active_only:
            query = query.where(Project.id.in_(active))
    query = query.order_by(Project.category, Project.id)
    last_day = period.last_day
    rows = []
    if session.autoflush:
        session.flush()  # what session.execute() would have flushed before reading
    # plain Core rows through the session's connection: the ORM's result machinery costs
    # more than the query itself for a few thousand rows
    for r in session.connection().execute(query):
        actual_start = r[18]
        has_report = r[11] is not None
        if has_report:
            started = bool(r[16])
            started_on = r[17] or (actual_start if started else None)
        else:
            started = actual_start is not None and actual_start <= last_day
            started_on = actual_start if started else None
        finished = r[19] if r[19] is not None and r[19] <= last_day else None
        rows.append(EntryRow(  # by position, in the order of the fields (twice as fast)
            r[0], r[1], r[2], r[3], r[4], bool(r[5]),
            None if r[6] is None else _dec(r[6]), _dec(r[7]),
            None if r[8] is None else _dec(r[8]), _dec(r[9]), _dec(r[10]), has_report,
            _dec(r[12]) if has_report else None, r[13] or "", r[14] or "", r[15] or "",
            started, started_on, actual_start, finished, r[20],
            ZERO if r[21] is None else _dec(r[21]),
        ))
    carried = [row for row in rows if row.carried]
    if carried:  # rare: from which month on their figures are monthly
        firsts = first_months(session, period.year, [row.project_id for row in carried])
        for row in carried:
            row.first_month = firsts.get(row.project_id)
    if ids is not None:
        by_id = {row.project_id: row for row in rows}
        rows = [by_id[i] for i in ids if i in by_id]
    return rows


@dataclass
class Totals(YearCompletion):
    """The live 合计 line of the grid (projects that carry money only)."""

    projects: int
    total_investment: Decimal
    prior_years: Decimal
    annual_plan: Decimal
    ytd: Decimal
    investment: Decimal
    reported: int
    started: int


def totals(rows: Iterable[EntryRow]) -> Totals:
    """合计 of ``rows``; packages with parts are skipped (their money is on the parts)."""
    t = Totals(0, ZERO, ZERO, ZERO, ZERO, ZERO, 0, 0)
    for row in rows:
        t.projects += 1
        if not row.is_leaf:
            continue
        t.total_investment += row.total_investment or ZERO
        t.prior_years += row.prior_years
        t.annual_plan += row.annual_plan or ZERO
        t.ytd += row.ytd
        t.investment += row.investment or ZERO
        t.reported += row.has_report
        t.started += row.started
    return t
