"""Investment roll-ups for the 投资分析 page, all summed by the database.

- :func:`by_group`: 年度计划 versus 1—N月完成 by 领域, 乡镇 or 责任单位 (from
  :func:`portfolio.metrics.summarise`), with a 合计 line whose money is the sum of the groups.
- :func:`monthly_curve`: the year's S-curve: planned to date per month
  (:func:`portfolio.plans.planned_to_date`), completed per month (one ``GROUP BY month``),
  and the 序时进度 line (the annual plan × N/12).
- :func:`by_funding_source`: total investment by 资金来源 (one ``GROUP BY source``), with the part
  of the total investment no source accounts for.

As everywhere, a package with parts carries no money of its own (its parts do), so nothing is
counted twice; a package and its parts count as one project.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, distinct, func, select
from sqlalchemy.orm import Session

from db.models import AnnualPlan, FundingSource, MonthlyReport, Project, Unit
from db.queries import ProjectFilter
from portfolio import metrics, plans
from portfolio.metrics import IS_LEAF
from portfolio.money import CENT, percent
from portfolio.monthly.carried import CARRIED_MONTH
from portfolio.periods import Period
from portfolio.timeline import GROUPINGS, group_label

ZERO = Decimal("0.00")
ALL = ProjectFilter()
#: The funding line for investment no recorded source accounts for.
UNASSIGNED = "未明确来源"


def _dec(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT)


@dataclass(frozen=True)
class GroupBudget:
    """One bar pair of the plan-versus-completed chart, and one line of its table."""

    #: the group's key, or None for the 合计 line
    key: str | None
    label: str
    project_count: int
    total_investment: Decimal
    annual_plan: Decimal
    ytd: Decimal
    #: 序时进度 of the period, in percent
    time_progress: Decimal

    @property
    def completion_rate(self) -> Decimal | None:
        """1—N月完成 ÷ 年度计划, percent with one decimal."""
        return percent(self.ytd, self.annual_plan)

    @property
    def gap_points(self) -> Decimal | None:
        rate = self.completion_rate
        return None if rate is None else rate - self.time_progress


@dataclass(frozen=True)
class GroupTable:
    by: str
    period: Period
    groups: list[GroupBudget]
    total: GroupBudget


def project_count(session: Session, flt: ProjectFilter = ALL) -> int:
    """Projects in ``flt``, a package and its parts counted once (as in the 汇总表)."""
    query = select(func.count(distinct(func.coalesce(Project.parent_id, Project.id))))
    return session.scalar(flt.apply(query)) or 0


def by_group(session: Session, period: Period, flt: ProjectFilter, by: str) -> GroupTable:
    """年度计划 and 1—N月完成 of each group, and the 合计 (its money is the groups' sum: each
    project that carries money is in exactly one group).

    The same figures as :func:`portfolio.metrics.summarise` (same groups, same rule for
    packages; the tests hold them equal), from a narrower query: it sums only the period's
    year of reports, where the 汇总表 also needs every earlier year for 累计.
    """
    if by not in GROUPINGS:
        raise ValueError(f"无法按“{by}”分组")
    time_progress = percent(Decimal(period.month), Decimal(12)) or Decimal("0")
    r = MonthlyReport
    ytd = (
        select(r.project_id.label("project_id"), func.sum(r.investment).label("amount"))
        .where(r.year == period.year, r.month <= period.month)
        .group_by(r.project_id)
        .subquery()
    )
    group = metrics.GROUPINGS[by]
    packages = metrics.packages().subquery()
    query: Select[Any, Any, Any, Any, Any, Any] = (
        select(
            group.label("key"),
            func.coalesce(Project.parent_id, Project.id).label("counted"),
            packages.c.id.is_(None).label("leaf"),  # decided once per row
            func.coalesce(Project.total_investment, 0).label("total"),
            func.coalesce(AnnualPlan.planned_investment, 0).label("plan"),
            func.coalesce(ytd.c.amount, 0).label("ytd"),
        )
        .select_from(Project)
        .outerjoin(packages, packages.c.id == Project.id)
    )
    if by == "unit":
        query = query.outerjoin(Unit, Project.unit_id == Unit.id)
    base = flt.apply(
        query
        .outerjoin(ytd, ytd.c.project_id == Project.id)
        .outerjoin(AnnualPlan, and_(AnnualPlan.project_id == Project.id,
                                    AnnualPlan.year == period.year))
    ).subquery()
    money = lambda column: func.sum(case((base.c.leaf, column), else_=0))  # noqa: E731
    totals = (
        select(base.c.key, func.count(distinct(base.c.counted)), money(base.c.total),
               money(base.c.plan), money(base.c.ytd))
        .group_by(base.c.key)
        .order_by(base.c.key)
    )
    groups = [
        GroupBudget(
            key=key or "", label=group_label(by, key or ""), project_count=count,
            total_investment=_dec(total), annual_plan=_dec(plan), ytd=_dec(done),
            time_progress=time_progress,
        )
        for key, count, total, plan, done in session.execute(totals)
    ]
    total = GroupBudget(
        key=None, label="合计", project_count=project_count(session, flt),
        total_investment=sum((g.total_investment for g in groups), ZERO),
        annual_plan=sum((g.annual_plan for g in groups), ZERO),
        ytd=sum((g.ytd for g in groups), ZERO),
        time_progress=time_progress,
    )
    return GroupTable(by, period, groups, total)


@dataclass(frozen=True)
class MonthlyCurve:
    """The year of ``period`` month by month (index 0 = January); what was completed before
    the first month reported one by one (此前各月累计（未分月）, :mod:`portfolio.monthly.carried`)
    is ``carried``, the start of the actual curve."""

    period: Period
    #: planned investment to the end of each month (cumulative)
    planned: list[Decimal]
    #: investment completed in each month, up to the period's month (None after it)
    monthly: list[Decimal | None]
    #: completed to the end of each month (cumulative), up to the period's month; None also
    #: for the months inside ``carried`` (they have no cumulative of their own)
    actual: list[Decimal | None]
    #: the year's planned investment
    annual_plan: Decimal
    #: completed in months of the year never reported one by one
    carried: Decimal = ZERO

    @property
    def time_progress(self) -> list[Decimal]:
        """序时进度 in money: the annual plan × N/12 at the end of month N."""
        return [(self.annual_plan * m / 12).quantize(CENT) for m in range(1, 13)]

    @property
    def ytd(self) -> Decimal:
        return next((a for a in reversed(self.actual[:self.period.month]) if a is not None),
                    self.carried)


def monthly_completed(session: Session, period: Period, flt: ProjectFilter = ALL) -> list[Decimal]:
    """Investment completed in each month of the period's year up to its month (one query)."""
    return _completed(session, period, flt)[1]


def _completed(session: Session, period: Period,
               flt: ProjectFilter) -> tuple[Decimal, list[Decimal], int | None]:
    """The carried amount of the period's year, each month's investment to its month, and the
    first month any project reported one by one."""
    r = MonthlyReport
    query = (
        select(r.month, func.sum(r.investment))
        .where(r.year == period.year, r.month <= period.month,
               metrics.carries_money(r.project_id, flt))
        .group_by(r.month)
    )
    amounts = dict.fromkeys(range(CARRIED_MONTH, period.month + 1), ZERO)
    first: int | None = None
    for month, amount in session.execute(query):
        amounts[month] = _dec(amount)
        if month != CARRIED_MONTH and (first is None or month < first):
            first = month
    return amounts[CARRIED_MONTH], [amounts[m] for m in range(1, period.month + 1)], first


def monthly_curve(session: Session, period: Period, flt: ProjectFilter = ALL) -> MonthlyCurve:
    planned = plans.planned_to_date(session, period.year, flt)
    carried, done, first = _completed(session, period, flt)
    monthly: list[Decimal | None] = [*done, *([None] * (12 - len(done)))]
    running = carried
    actual: list[Decimal | None] = []
    for month, value in enumerate(monthly, start=1):
        if value is None:
            actual.append(None)
        else:
            running += value
            # the months inside the carried amount have no cumulative of their own
            inside = carried and (first is None or month < first)
            actual.append(None if inside else running)
    return MonthlyCurve(period, planned, monthly, actual, planned[-1] if planned else ZERO,
                        carried)


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount: Decimal
    project_count: int


@dataclass(frozen=True)
class FundingTable:
    lines: list[FundingLine]
    #: total investment of the projects in the filter (that carry money)
    total_investment: Decimal

    @property
    def funded(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.source != UNASSIGNED), ZERO)

    def share(self, line: FundingLine) -> Decimal | None:
        """The line's share of all the lines, percent with one decimal."""
        return percent(line.amount, sum((x.amount for x in self.lines), ZERO))


def by_funding_source(session: Session, flt: ProjectFilter = ALL) -> FundingTable:
    """Investment by 资金来源, largest first; the investment that no source accounts for is a
    last line :data:`UNASSIGNED` (when there is any)."""
    query = (
        select(
            FundingSource.source,
            func.sum(func.coalesce(FundingSource.amount, 0)),
            func.count(distinct(FundingSource.project_id)),
        )
        .where(metrics.carries_money(FundingSource.project_id, flt))
        .group_by(FundingSource.source)
    )
    lines = [
        FundingLine(source or "（未填）", _dec(amount), count)
        for source, amount, count in session.execute(query)
    ]
    lines.sort(key=lambda line: (-line.amount, line.source))
    total_query = select(func.sum(func.coalesce(Project.total_investment, 0))).where(IS_LEAF)
    total = _dec(session.scalar(flt.apply(total_query)))
    funded = sum((line.amount for line in lines), ZERO)
    if total > funded:
        unfunded = select(func.count(Project.id)).where(
            IS_LEAF, ~Project.funding.any()
        )
        lines.append(FundingLine(UNASSIGNED, total - funded,
                                 session.scalar(flt.apply(unfunded)) or 0))
    return FundingTable(lines, total)


@dataclass(frozen=True)
class BudgetReport:
    """Everything the 投资分析 page shows for one period, filter and grouping."""

    groups: GroupTable
    curve: MonthlyCurve
    funding: FundingTable


def report(session: Session, period: Period, flt: ProjectFilter = ALL,
           by: str = "category") -> BudgetReport:
    return BudgetReport(
        by_group(session, period, flt, by),
        monthly_curve(session, period, flt),
        by_funding_source(session, flt),
    )
