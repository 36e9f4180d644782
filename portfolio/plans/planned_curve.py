"""Planned amounts over the year, summed in SQL for the S-curve and the 序时进度: the amount
planned up to each month, and how many projects plan to start in each month."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from db.models import AnnualPlan, PlanMonth, Project
from db.queries import ProjectFilter
from portfolio.metrics import IS_LEAF, carries_money
from portfolio.money import CENT
from portfolio.plans.spreading import TYPICAL_WEIGHTS, ZERO, cumulative

ALL = ProjectFilter()


def _running_weights() -> list[int]:
    """Running sums of :data:`TYPICAL_WEIGHTS`, from 0 (before January) to December."""
    out = [0]
    for w in TYPICAL_WEIGHTS:
        out.append(out[-1] + w)
    return out


def _months_table() -> Subquery:
    """The twelve months with their :data:`TYPICAL_WEIGHTS`, as a small SQL table."""
    rows = [
        select(literal_column(str(m), Integer).label("month"),
               literal_column(str(w), Integer).label("typical"))
        for m, w in enumerate(TYPICAL_WEIGHTS, start=1)
    ]
    return union_all(*rows).subquery()


def _spread_by_month(year: int, flt: ProjectFilter) -> Select:  # type: ignore[type-arg]
    """Per month, in cents: every even or typical plan of ``year`` (of the projects in
    ``flt`` that carry money) spread exactly as :func:`spread` does, summed over the plans.

    A plan of ``c`` cents over weights ``w`` (total ``W``) spreads as ``(c // W) × w`` plus
    the spread of the ``c % W`` cents left, so plans of one shape (distribution, first and
    last month) and one ``c % W`` are summed together first; only those few groups are
    spread: each month's share rounded down, the cents left over to the months with the
    largest remainders, the earliest first on a tie (``ROW_NUMBER``). Integer arithmetic on
    both databases.
    """
    plan = AnnualPlan
    start, finish = plan.planned_start_month, plan.planned_finish_month
    # the planned months within the year, as month_weights() takes them
    first = case((start.is_(None), 1), (start < 1, 1), else_=start)
    last = case((finish.is_(None), 12), (finish < 1, 12), (finish > 12, 12),
                (finish < start, 12), else_=finish)
    plans = (
        select(
            cast(func.round(plan.planned_investment * 100), BigInteger).label("cents"),
            plan.distribution.label("distribution"),
            first.label("first"),
            last.label("last"),
        )
        .where(plan.year == year, carries_money(plan.project_id, flt),
               plan.distribution != "custom", plan.planned_investment > 0)
    ).subquery("plans")

    def weight(months: Subquery, distribution: ColumnElement) -> ColumnElement:  # type: ignore[type-arg]
        return case((distribution == "typical", months.c.typical), else_=1)

    def divide(a: ColumnElement, b: ColumnElement) -> ColumnElement:  # type: ignore[type-arg]
        # integer division on both databases (SQLAlchemy's ``//`` would add a float FLOOR())
        return a.self_group().op("/", return_type=BigInteger)(b)

    def modulo(a: ColumnElement, b: ColumnElement) -> ColumnElement:  # type: ignore[type-arg]
        return a.self_group().op("%", return_type=BigInteger)(b)

    # the total weight of the planned months: a count, or a difference of running sums
    running = dict(enumerate(_running_weights()))
    total = case(
        (plans.c.first > plans.c.last, 0),
        (plans.c.distribution == "typical",
         case(running, value=plans.c.last) - case(running, value=plans.c.first - 1)),
        else_=plans.c.last - plans.c.first + 1,
    )
    weighed = select(plans, total.label("total")).subquery("weighed")
    shape = (weighed.c.distribution, weighed.c.first, weighed.c.last, weighed.c.total)
    rest = modulo(weighed.c.cents, weighed.c.total)
    groups = (
        select(*shape, rest.label("rest"),
               func.sum(divide(weighed.c.cents, weighed.c.total)).label("whole"),
               func.count().label("plans"))
        .where(weighed.c.total > 0)
        .group_by(*shape, rest)
        .subquery("groups")
    )
    months = _months_table()
    w = weight(months, groups.c.distribution)
    product = groups.c.rest * w
    key = (groups.c.distribution, groups.c.first, groups.c.last, groups.c.rest)
    share = divide(product, groups.c.total)
    cells = (
        select(
            months.c.month,
            (w * groups.c.whole).label("base"),
            groups.c.plans,
            share.label("share"),
            (groups.c.rest - func.sum(share).over(partition_by=key)).label("left_over"),
            func.row_number().over(
                partition_by=key,
                order_by=(modulo(product, groups.c.total).desc(), months.c.month),
            ).label("place"),
        )
        .select_from(groups)
        .join(months, and_(months.c.month >= groups.c.first, months.c.month <= groups.c.last))
        .subquery("cells")
    )
    extra = case((cells.c.place <= cells.c.left_over, 1), else_=0)
    return (
        select(cells.c.month, func.sum(cells.c.base + cells.c.plans * (cells.c.share + extra)))
        .group_by(cells.c.month)
    )


def planned_to_date(
    session: Session, year: int, flt: ProjectFilter = ALL
) -> list[Decimal]:
    """The planned amount to the end of each month of ``year`` (12 cumulative figures) for
    the projects in ``flt`` that carry money; the last one is the year's planned total.

    Both queries sum in the database: even and typical plans are spread to the cent there
    (:func:`_spread_by_month`, the same figures as :func:`monthly_amounts`), custom plans
    add their typed months.
    """
    totals = [ZERO] * 12
    for month, cents in session.execute(_spread_by_month(year, flt)):
        if 1 <= month <= 12 and cents is not None:
            totals[month - 1] += (Decimal(int(cents)) * CENT).quantize(CENT)
    custom = (
        select(PlanMonth.month, func.sum(PlanMonth.amount))
        .join(AnnualPlan, AnnualPlan.id == PlanMonth.plan_id)
        .where(AnnualPlan.year == year, carries_money(AnnualPlan.project_id, flt),
               AnnualPlan.distribution == "custom")
        .group_by(PlanMonth.month)
    )
    for month, amount in session.execute(custom):
        if 1 <= month <= 12 and amount is not None:
            totals[month - 1] += Decimal(str(amount)).quantize(CENT)
    return cumulative(totals)


def planned_start_count(session: Session, year: int, flt: ProjectFilter = ALL) -> dict[int, int]:
    """How many projects plan to start in each month of ``year`` (month → count)."""
    query = (
        select(AnnualPlan.planned_start_month, func.count())
        .join(Project, Project.id == AnnualPlan.project_id)
        .where(AnnualPlan.year == year, AnnualPlan.planned_start_month.is_not(None), IS_LEAF)
        .group_by(AnnualPlan.planned_start_month)
    )
    return {m: n for m, n in session.execute(flt.apply(query))}
