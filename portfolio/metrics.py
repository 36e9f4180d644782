"""The figures of the monthly cycle, computed in SQL from monthly reports and annual plans.

Definitions (domain.md):

- 本月完成投资: the report of the period's month.
- 1—N月完成投资 (``ytd``): reports of the period's year up to and including its month.
- 截至上年底累计完成投资 (``prior_years``): the project's ``prior_investment`` (completed before
  its first report held here) plus every report of earlier years.
- 占年度计划% (``plan_rate``): ``ytd`` ÷ the year's planned investment.
- 序时进度: N/12; 超(低于)序时进度 X 个百分点: completion rate minus 序时进度, in points.
- 开工率: projects planned to start this year that have started by the period's end, ÷ those
  planned to start.

Packaged projects (打包项目): money lives on the parts, so a package that has parts is left out of
every sum; a package and its parts count as one project in any group (a unit that owns two
parts of one package has one project), so no figure is counted twice. Starts are counted per
part, since each part breaks ground on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    case,
    distinct,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from db.models import AnnualPlan, Leader, MonthlyReport, Project, Unit
from db.queries import ProjectFilter
from portfolio.money import percent
from portfolio.periods import Period

ZERO = Decimal("0.00")

_child = aliased(Project)
#: A project that is not a package with parts: the rows that carry money. (``NOT IN`` the
#: list of packages, which the database reads once per query; a correlated ``NOT EXISTS``
#: would look up every row's parts, twice as slow at ten thousand projects.)
IS_LEAF = Project.id.not_in(select(_child.parent_id).where(_child.parent_id.is_not(None)))


def packages() -> Select:  # type: ignore[type-arg]
    """The ids (column ``id``) of the packages with parts, each once: to join on when a
    query asks "leaf?" of every row several times (a join decides it once per row)."""
    return select(_child.parent_id.label("id")).where(_child.parent_id.is_not(None)).distinct()


def carries_money(
    project_id: SQLColumnExpression[int], flt: ProjectFilter = ProjectFilter()
) -> ColumnElement[bool]:
    """Whether ``project_id`` (a column of another table, e.g. the reports') names a project
    of ``flt`` that carries money. Without a filter the projects table is not read at all:
    only the (short) list of packages with parts."""
    if not flt.conditions():
        return project_id.not_in(select(_child.parent_id).where(_child.parent_id.is_not(None)))
    return project_id.in_(flt.apply(select(Project.id).where(IS_LEAF)))


def _dec(value: object) -> Decimal:
    """Normalise an aggregate from either database to a two-place Decimal."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _report_sums(period: Period, ids: Sequence[int] | None = None) -> Select:  # type: ignore[type-arg]
    """Per project: earlier years, this year to date, this month, up to the period.

    With ``ids`` only those projects' reports are read (a page of the Gantt, say), which is
    what keeps a page of figures cheap in a portfolio of ten thousand projects.
    """
    r = MonthlyReport
    this_year = r.year == period.year
    query = (
        select(
            r.project_id.label("project_id"),
            func.sum(case((r.year < period.year, r.investment), else_=0)).label("prior"),
            func.sum(case((this_year, r.investment), else_=0)).label("ytd"),
            func.sum(
                case((and_(this_year, r.month == period.month), r.investment), else_=0)
            ).label("month"),
        )
        .where(or_(r.year < period.year, and_(this_year, r.month <= period.month)))
        .group_by(r.project_id)
    )
    return query if ids is None else query.where(r.project_id.in_(ids))


class YearCompletion:
    """截至本月累计 and 占年度计划%, for any row that has ``prior_years``, ``ytd`` and
    ``annual_plan`` (a report line here, an entry-grid row in :mod:`portfolio.monthly`)."""

    prior_years: Decimal
    annual_plan: Decimal | None

    if TYPE_CHECKING:  # a field of most rows, a property of the entry grid's (本月 added)
        @property
        def ytd(self) -> Decimal: ...

    @property
    def cumulative(self) -> Decimal:
        """Completed to the end of the period (截至本月累计)."""
        return self.prior_years + self.ytd

    @property
    def plan_rate(self) -> Decimal | None:
        """占年度计划%, one decimal."""
        return percent(self.ytd, self.annual_plan)


@dataclass
class ProjectFigures(YearCompletion):
    """One project's figures for a period: one line of the 明细表."""

    project_id: int
    name: str
    kind: str
    category: str
    stage: str
    township: str
    location: str
    scale: str
    unit: str
    leader: str
    parent_id: int | None
    is_leaf: bool
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    total_investment: Decimal | None
    prior_years: Decimal
    annual_plan: Decimal | None
    planned_start_month: int | None
    planned_finish_month: int | None
    ytd: Decimal
    month: Decimal
    progress: str
    problems: str
    next_steps: str

    @property
    def progress_ratio(self) -> float:
        """Cumulative ÷ total investment, 0…1, for drawing (not for reports)."""
        if not self.total_investment:
            return 0.0
        return max(0.0, min(1.0, float(self.cumulative / self.total_investment)))


def project_figures(
    session: Session,
    period: Period,
    flt: ProjectFilter = ProjectFilter(),
    ids: Sequence[int] | None = None,
) -> list[ProjectFigures]:
    """Figures of every project in ``flt`` (or of ``ids``, in that order) for ``period``.

    Without ``ids`` the rows come grouped by 领域, then by id, as the 明细表 lists them.
    """
    sums = _report_sums(period, ids).subquery()
    plan = aliased(AnnualPlan)
    this_month = aliased(MonthlyReport)
    query = (
        select(
            Project.id, Project.name, Project.kind, Project.category, Project.stage,
            Project.township, Project.location, Project.scale,
            func.coalesce(Unit.name, ""), func.coalesce(Leader.name, ""), Project.parent_id,
            IS_LEAF, Project.planned_start, Project.planned_finish, Project.actual_start,
            Project.actual_finish, Project.total_investment,
            func.coalesce(Project.prior_investment, 0) + func.coalesce(sums.c.prior, 0),
            plan.planned_investment, plan.planned_start_month, plan.planned_finish_month,
            func.coalesce(sums.c.ytd, 0), func.coalesce(sums.c.month, 0),
            func.coalesce(this_month.progress, ""), func.coalesce(this_month.problems, ""),
            func.coalesce(this_month.next_steps, ""),
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(Leader, Project.leader_id == Leader.id)
        .outerjoin(sums, sums.c.project_id == Project.id)
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
        .outerjoin(
            this_month,
            and_(
                this_month.project_id == Project.id,
                this_month.year == period.year,
                this_month.month == period.month,
            ),
        )
    )
    if ids is not None:
        query = query.where(Project.id.in_(ids))
    else:
        query = flt.apply(query).order_by(Project.category, Project.id)
    rows = []
    for r in session.execute(query):
        rows.append(
            ProjectFigures(*(  # one starred tuple: mypy miscounts arguments around a star
                *r[:11], bool(r[11]), *r[12:16],
                None if r[16] is None else _dec(r[16]), _dec(r[17]),
                None if r[18] is None else _dec(r[18]), r[19], r[20],
                _dec(r[21]), _dec(r[22]), *r[23:26],
            ))
        )
    if ids is not None:
        by_id = {row.project_id: row for row in rows}
        rows = [by_id[i] for i in ids if i in by_id]
    return rows


#: What a summary can be grouped by, and the SQL expression of the group's label.
GROUPINGS: dict[str, SQLColumnExpression[str]] = {
    "category": Project.category,
    "township": Project.township,
    "unit": func.coalesce(Unit.name, ""),
    "stage": Project.stage,
}


@dataclass
class Summary:
    """One line of the 汇总表 (or the 合计 line when ``key`` is None)."""

    key: str | None
    period: Period
    project_count: int
    total_investment: Decimal
    annual_plan: Decimal
    ytd: Decimal
    month: Decimal
    cumulative: Decimal
    planned_starts: int
    actual_starts: int

    @property
    def completion_rate(self) -> Decimal | None:
        """1—N月完成 ÷ 年度计划, in percent (one decimal)."""
        return percent(self.ytd, self.annual_plan)

    @property
    def time_progress(self) -> Decimal:
        """序时进度 in percent (one decimal)."""
        return percent(Decimal(self.period.month), Decimal(12)) or Decimal("0")

    @property
    def gap_points(self) -> Decimal | None:
        """超(+)或低于(−)序时进度的百分点."""
        rate = self.completion_rate
        return None if rate is None else rate - self.time_progress

    @property
    def start_rate(self) -> Decimal | None:
        return percent(Decimal(self.actual_starts), Decimal(self.planned_starts))


#: Every grouping of the 汇总表, the 合计 (None) first: what the overview shows.
ALL_GROUPINGS: tuple[str | None, ...] = (None, "category", "township", "unit")


def _leaf_figures(period: Period, flt: ProjectFilter) -> CTE:
    """One row per project in ``flt``: its group keys, the key it is counted under, and its
    money for ``period`` (zero for a package with parts, whose money is on the parts).

    The report sums (every year up to the period) are the expensive part; as a CTE they are
    computed once however many groupings roll them up.
    """
    sums = _report_sums(period).subquery()
    plan = aliased(AnnualPlan)
    # a join on the packages decides "leaf" once per row (IS_LEAF would be probed in each of
    # the seven columns below)
    parents = packages().subquery()
    leaf = parents.c.id.is_(None)

    def money(column: SQLColumnExpression[Any]) -> ColumnElement[Any]:
        return case((leaf, func.coalesce(column, 0)), else_=0)

    planned_start = and_(leaf, plan.planned_start_month.is_not(None))
    started = and_(
        planned_start,
        Project.actual_start.is_not(None),
        Project.actual_start <= period.last_day,
    )
    query = (
        select(
            Project.category.label("category"),
            Project.township.label("township"),
            func.coalesce(Unit.name, "").label("unit"),
            Project.stage.label("stage"),
            func.coalesce(Project.parent_id, Project.id).label("counted"),
            money(Project.total_investment).label("total"),
            money(plan.planned_investment).label("plan"),
            money(sums.c.ytd).label("ytd"),
            money(sums.c.month).label("month"),
            money(
                func.coalesce(Project.prior_investment, 0)
                + func.coalesce(sums.c.prior, 0)
                + func.coalesce(sums.c.ytd, 0)
            ).label("cumulative"),
            case((planned_start, 1), else_=0).label("planned_start"),
            case((started, 1), else_=0).label("started"),
        )
        .select_from(Project)
        .outerjoin(parents, parents.c.id == Project.id)
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(sums, sums.c.project_id == Project.id)
        .outerjoin(plan, and_(plan.project_id == Project.id, plan.year == period.year))
    )
    return flt.apply(query).cte("leaf_figures")


def summaries(
    session: Session,
    period: Period,
    flt: ProjectFilter = ProjectFilter(),
    groupings: Sequence[str | None] = ALL_GROUPINGS,
) -> dict[str | None, list[Summary]]:
    """Several 汇总表 at once: for each of ``groupings`` (None for the 合计, or a key of
    :data:`GROUPINGS`) the lines :func:`summarise` gives, from one SQL statement.

    Each project's figures are computed once (a CTE) and rolled up by every grouping in the
    same statement, so the overview's 合计 and three tables cost one pass over the reports.
    """
    for by in groupings:
        if by is not None and by not in GROUPINGS:
            raise KeyError(by)
    figures = _leaf_figures(period, flt)
    f = figures.c
    columns = (
        func.count(distinct(f.counted)), func.sum(f.total), func.sum(f.plan), func.sum(f.ytd),
        func.sum(f.month), func.sum(f.cumulative), func.sum(f.planned_start),
        func.sum(f.started),
    )
    parts = []
    for index, by in enumerate(groupings):
        if by is None:
            key: ColumnElement = literal_column("''")  # type: ignore[type-arg]
            parts.append(select(literal_column(str(index)).label("grouping_index"),
                                key.label("group_key"), *columns))
        else:
            key = f[by]
            parts.append(select(literal_column(str(index)).label("grouping_index"),
                                key.label("group_key"), *columns).group_by(key))
    statement = union_all(*parts) if len(parts) > 1 else parts[0]
    statement = statement.order_by(literal_column("grouping_index"),
                                   literal_column("group_key"))
    result: dict[str | None, list[Summary]] = {by: [] for by in groupings}
    for r in session.execute(statement):
        by = groupings[r[0]]
        result[by].append(Summary(
            key=(r[1] if by else None), period=period, project_count=r[2] or 0,
            total_investment=_dec(r[3]), annual_plan=_dec(r[4]), ytd=_dec(r[5]),
            month=_dec(r[6]), cumulative=_dec(r[7]), planned_starts=int(r[8] or 0),
            actual_starts=int(r[9] or 0),
        ))
    return result


def summarise(
    session: Session,
    period: Period,
    flt: ProjectFilter = ProjectFilter(),
    by: str | None = None,
) -> list[Summary]:
    """The 汇总表 for ``period``: one line per group (``by`` in :data:`GROUPINGS`), or one
    line for everything when ``by`` is None. Every sum is done by the database; for several
    groupings at once use :func:`summaries` (one pass over the reports)."""
    return summaries(session, period, flt, (by,))[by]


def total(session: Session, period: Period, flt: ProjectFilter = ProjectFilter()) -> Summary:
    """The 合计 line: everything in ``flt`` for ``period``."""
    return summarise(session, period, flt)[0]
