"""Annual plans (年度计划): planned investment, start and finish months, and how the year's
amount is spread over its months.

A plan's monthly spread is ``even`` (equal shares over the planned months), ``typical`` (the
usual rhythm of county construction: little around the Spring Festival, most from spring to
autumn, see :data:`TYPICAL_WEIGHTS`) or ``custom`` (the amounts typed per month, held in
``plan_months``). Every spread is exact to the cent and adds up to the planned amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
    insert,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from db.models import AnnualPlan, PlanMonth, Project
from db.queries import ProjectFilter
from portfolio.metrics import IS_LEAF, carries_money
from portfolio.money import CENT, MoneyError, format_money, parse_money

DISTRIBUTIONS: dict[str, str] = {"even": "平均分配", "typical": "典型分布", "custom": "自定义"}

#: The usual share (percent) of a year's work done in each month: slow in January and
#: February (Spring Festival, frost), busiest from May to June and September to October.
TYPICAL_WEIGHTS: tuple[int, ...] = (4, 3, 7, 9, 10, 11, 9, 9, 10, 10, 9, 9)

ZERO = Decimal("0.00")
ALL = ProjectFilter()


class PlanError(ValueError):
    """An annual plan that cannot be saved; the message is Chinese and user-facing."""


def _whole_weights(weights: Sequence[int | Decimal]) -> list[int]:
    """``weights`` scaled to integers by a common power of ten (exactly, never rounded)."""
    exact = [Decimal(w) for w in weights]
    places = max((-int(d.as_tuple().exponent) for d in exact if d.is_finite()), default=0)
    scale = 10 ** max(places, 0)
    return [int(d * scale) for d in exact]


def spread(
    amount: Decimal,
    weights: Sequence[int | Decimal],
) -> list[Decimal]:
    """Split ``amount`` in proportion to ``weights``, to the cent, adding up exactly.

    Cents left over after rounding down go to the months with the largest remainders (the
    earliest first on a tie), so the result never depends on floating point. Integer
    arithmetic throughout, so that remainders compare exactly (the database does the same
    sum in :func:`_spread_by_month`).
    """
    whole = _whole_weights(weights)
    total_weight = sum(whole)
    if total_weight <= 0:
        return [ZERO for _ in weights]
    cents = int((amount / CENT).to_integral_value())
    sign = -1 if cents < 0 else 1
    cents = abs(cents)
    products = [cents * w for w in whole]
    floors = [p // total_weight for p in products]
    remainders = [p % total_weight for p in products]
    left = cents - sum(floors)
    order = sorted(range(len(whole)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [(Decimal(sign * c) * CENT).quantize(CENT) for c in floors]


def month_weights(
    distribution: str,
    start_month: int | None = None,
    finish_month: int | None = None,
) -> list[int]:
    """The weight of each month (1—12) for an ``even`` or ``typical`` plan, zero outside the
    planned months (from the start month, up to the finish month)."""
    first = start_month or 1
    last = finish_month or 12
    if last < first:
        last = 12
    base = TYPICAL_WEIGHTS if distribution == "typical" else (1,) * 12
    return [base[m - 1] if first <= m <= last else 0 for m in range(1, 13)]


def monthly_amounts(
    amount: Decimal | None,
    distribution: str = "even",
    start_month: int | None = None,
    finish_month: int | None = None,
    custom: dict[int, Decimal] | None = None,
) -> list[Decimal]:
    """The planned amount of each month (index 0 = January) of one plan."""
    if distribution == "custom":
        custom = custom or {}
        return [custom.get(m, ZERO).quantize(CENT) for m in range(1, 13)]
    if not amount:
        return [ZERO] * 12
    return spread(amount, month_weights(distribution, start_month, finish_month))


def cumulative(amounts: Sequence[Decimal]) -> list[Decimal]:
    out: list[Decimal] = []
    running = ZERO
    for value in amounts:
        running += value
        out.append(running)
    return out


@dataclass
class PlanData:
    """One project's plan for one year, as the user edits it."""

    project_id: int
    year: int
    planned_investment: Decimal = ZERO
    planned_start_month: int | None = None
    planned_finish_month: int | None = None
    distribution: str = "even"
    #: month → amount, only for ``custom``
    months: dict[int, Decimal] = field(default_factory=dict)
    #: 年度建设目标
    goal: str = ""

    def amounts(self) -> list[Decimal]:
        return monthly_amounts(
            self.planned_investment, self.distribution, self.planned_start_month,
            self.planned_finish_month, self.months,
        )


def validate(plan: PlanData) -> None:
    """Raise :class:`PlanError` naming what is wrong, in Chinese."""
    if plan.planned_investment is None or plan.planned_investment < 0:
        raise PlanError("年度计划投资不能为负数")
    for value, label in ((plan.planned_start_month, "计划开工月份"),
                         (plan.planned_finish_month, "计划竣工月份")):
        if value is not None and not 1 <= value <= 12:
            raise PlanError(f"{label}应在 1—12 之间")
    if (plan.planned_start_month and plan.planned_finish_month
            and plan.planned_finish_month < plan.planned_start_month):
        raise PlanError("计划竣工月份不能早于计划开工月份")
    if plan.distribution not in DISTRIBUTIONS:
        raise PlanError(f"月度分配方式应为：{'、'.join(DISTRIBUTIONS.values())}")
    if plan.distribution == "custom":
        if any(not 1 <= m <= 12 for m in plan.months):
            raise PlanError("自定义分配的月份应在 1—12 之间")
        if any(v < 0 for v in plan.months.values()):
            raise PlanError("各月计划投资不能为负数")
        total = sum(plan.months.values(), ZERO)
        if total != plan.planned_investment:
            raise PlanError(
                f"各月计划投资合计{format_money(total)}万元，"
                f"与年度计划投资{format_money(plan.planned_investment)}万元不一致"
            )


def load(session: Session, project_id: int, year: int) -> PlanData | None:
    plan = session.scalar(
        select(AnnualPlan).where(AnnualPlan.project_id == project_id, AnnualPlan.year == year)
    )
    if plan is None:
        return None
    return PlanData(
        project_id, year, plan.planned_investment, plan.planned_start_month,
        plan.planned_finish_month, plan.distribution,
        {m.month: m.amount for m in plan.months}, plan.goal,
    )


def plans_of(session: Session, project_id: int) -> list[PlanData]:
    """Every year's plan of one project, oldest first."""
    years = session.scalars(
        select(AnnualPlan.year).where(AnnualPlan.project_id == project_id).order_by(
            AnnualPlan.year)
    ).all()
    return [p for y in years if (p := load(session, project_id, y)) is not None]


def save(session: Session, plan: PlanData) -> None:
    """Create or update one plan (the ORM change is audited)."""
    validate(plan)
    row = session.scalar(
        select(AnnualPlan).where(
            AnnualPlan.project_id == plan.project_id, AnnualPlan.year == plan.year)
    )
    if row is None:
        if session.get(Project, plan.project_id) is None:
            raise PlanError("该项目已不存在（可能已被删除）")
        row = AnnualPlan(project_id=plan.project_id, year=plan.year)
        session.add(row)
    for name in ("planned_investment", "planned_start_month", "planned_finish_month",
                 "distribution", "goal"):
        value = getattr(plan, name)
        if name == "goal":
            value = value.strip()
        if getattr(row, name) != value:
            setattr(row, name, value)
    wanted = {m: a for m, a in plan.months.items() if a} if plan.distribution == "custom" else {}
    # change month rows in place: replacing the collection would insert a month before
    # deleting its old row and break the (plan, month) uniqueness
    for month_row in list(row.months):
        if month_row.month not in wanted:
            row.months.remove(month_row)
        elif month_row.amount != wanted[month_row.month]:
            month_row.amount = wanted[month_row.month]
    have = {m.month for m in row.months}
    for month, amount in sorted(wanted.items()):
        if month not in have:
            row.months.append(PlanMonth(month=month, amount=amount))
    session.flush()


def remove(session: Session, project_id: int, year: int) -> None:
    row = session.scalar(
        select(AnnualPlan).where(AnnualPlan.project_id == project_id, AnnualPlan.year == year)
    )
    if row is not None:
        session.delete(row)
        session.flush()


# -- the whole year as a grid --------------------------------------------------------------

#: Columns of the annual-plan grid that the user types into.
PLAN_COLUMNS: dict[str, str] = {
    "planned_investment": "年度计划投资（万元）",
    "planned_start_month": "计划开工月份",
    "planned_finish_month": "计划竣工月份",
    "distribution": "月度分配",
}


#: The twelve month columns of the plan grid: "m1" … "m12" → month.
MONTH_COLUMNS: dict[str, int] = {f"m{m}": m for m in range(1, 13)}


@dataclass
class PlanRow:
    """One line of the annual-plan grid: a project and its plan for the year (if any)."""

    project_id: int
    name: str
    category: str
    unit: str
    total_investment: Decimal | None
    is_leaf: bool
    has_plan: bool
    planned_investment: Decimal | None
    planned_start_month: int | None
    planned_finish_month: int | None
    distribution: str
    #: month → amount of a custom spread
    months: dict[int, Decimal] = field(default_factory=dict)

    def data(self) -> PlanData:
        return PlanData(
            self.project_id, 0, self.planned_investment or ZERO, self.planned_start_month,
            self.planned_finish_month, self.distribution, dict(self.months),
        )

    def amounts(self) -> list[Decimal]:
        if not self.has_plan:
            return [ZERO] * 12
        return self.data().amounts()


def plan_rows(session: Session, year: int, flt: ProjectFilter = ALL) -> list[PlanRow]:
    """The plans of ``year`` for every project in ``flt``, in the 明细表's order."""
    from db.models import Unit

    query = (
        select(
            Project.id, Project.name, Project.category, func.coalesce(Unit.name, ""),
            Project.total_investment, IS_LEAF, AnnualPlan.id, AnnualPlan.planned_investment,
            AnnualPlan.planned_start_month, AnnualPlan.planned_finish_month,
            AnnualPlan.distribution,
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(AnnualPlan, and_(AnnualPlan.project_id == Project.id, AnnualPlan.year == year))
        .order_by(Project.category, Project.id)
    )
    query = flt.apply(query)
    rows = [
        PlanRow(
            r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6] is not None, r[7], r[8], r[9],
            r[10] or "even",
        )
        for r in session.execute(query)
    ]
    custom = {r.project_id: r for r in rows if r.distribution == "custom"}
    if custom:
        for project_id, month, amount in session.execute(
            select(AnnualPlan.project_id, PlanMonth.month, PlanMonth.amount)
            .join(PlanMonth, PlanMonth.plan_id == AnnualPlan.id)
            .where(AnnualPlan.year == year, AnnualPlan.project_id.in_(custom))
        ):
            custom[project_id].months[month] = Decimal(str(amount)).quantize(CENT)
    return rows


def parse_plan_cell(column: str, text: str) -> object:
    """A typed value for a plan-grid cell, or :class:`PlanError` with a Chinese message."""
    text = text.strip()
    if column == "planned_investment":
        try:
            return parse_money(text, field="年度计划投资") or ZERO
        except MoneyError as error:
            raise PlanError(str(error)) from None
    if column in ("planned_start_month", "planned_finish_month"):
        label = PLAN_COLUMNS[column]
        if not text:
            return None
        cleaned = text.removesuffix("月")
        if not cleaned.isdigit() or not 1 <= int(cleaned) <= 12:
            raise PlanError(f"{label}应为 1—12 的整数，不能是“{text}”")
        return int(cleaned)
    if column in MONTH_COLUMNS:
        try:
            return parse_money(text, field=f"{MONTH_COLUMNS[column]}月计划投资") or ZERO
        except MoneyError as error:
            raise PlanError(str(error)) from None
    if column == "distribution":
        for key, label in DISTRIBUTIONS.items():
            if text in (key, label):
                return key
        if not text:
            return "even"
        raise PlanError(f"月度分配应为：{'、'.join(DISTRIBUTIONS.values())}")
    raise KeyError(column)


def save_cells(
    session: Session, year: int, edits: Sequence[tuple[int, str, object]]
) -> None:
    """Apply ``(project_id, column, value)`` edits of the plan grid as one change.

    Creates the plan of a project that had none. Every plan touched is validated; the first
    problem raises :class:`PlanError` (the caller's transaction then changes nothing).
    """
    touched: dict[int, PlanData] = {}
    names: dict[int, str] = {}
    month_edits: dict[int, dict[int, Decimal]] = {}
    for project_id, column, value in edits:
        if column not in PLAN_COLUMNS and column not in MONTH_COLUMNS:
            raise KeyError(column)
        plan = touched.get(project_id)
        if plan is None:
            plan = load(session, project_id, year) or PlanData(project_id, year)
            touched[project_id] = plan
        if column in MONTH_COLUMNS:
            if not isinstance(value, Decimal) or value < 0:
                raise PlanError("各月计划投资应为不小于0的数字（万元）")
            month_edits.setdefault(project_id, {})[MONTH_COLUMNS[column]] = value
        else:
            setattr(plan, column, value)
    for project_id, changes in month_edits.items():
        # typing a month's amount makes the spread custom; the year's amount is their sum
        plan = touched[project_id]
        amounts = plan.amounts()
        for month, value in changes.items():
            amounts[month - 1] = value
        plan.distribution = "custom"
        plan.months = {m + 1: a for m, a in enumerate(amounts) if a}
        plan.planned_investment = sum(amounts, ZERO)
    for project_id, plan in touched.items():
        if plan.distribution == "custom" and sum(plan.months.values(), ZERO) != (
                plan.planned_investment):
            # the amount changed in the grid: keep the custom shape, rescaled exactly
            weights = [plan.months.get(m, ZERO) for m in range(1, 13)]
            if sum(weights, ZERO) > 0:
                plan.months = {
                    m + 1: a for m, a in enumerate(spread(plan.planned_investment, weights)) if a
                }
            else:
                plan.distribution = "even"
        try:
            save(session, plan)
        except PlanError as error:
            if project_id not in names:
                names[project_id] = session.scalar(
                    select(Project.name).where(Project.id == project_id)) or str(project_id)
            raise PlanError(f"{names[project_id]}：{error}") from None


# -- planned amounts over the year, for the S-curve ----------------------------------------


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


def bulk_rows(
    plans: Sequence[PlanData],
) -> tuple[list[dict[str, object]], list[list[dict[str, object]]]]:
    """Rows for a Core bulk insert of new plans (used by the demo generator)."""
    plan_rows_: list[dict[str, object]] = [
        {
            "project_id": p.project_id, "year": p.year,
            "planned_investment": p.planned_investment,
            "planned_start_month": p.planned_start_month,
            "planned_finish_month": p.planned_finish_month,
            "distribution": p.distribution,
            "goal": p.goal,
        }
        for p in plans
    ]
    month_rows: list[list[dict[str, object]]] = [
        [{"month": m, "amount": a} for m, a in sorted(p.months.items())] for p in plans
    ]
    return plan_rows_, month_rows


def insert_bulk(session: Session, plans: Sequence[PlanData]) -> None:
    """Insert many new plans (and their custom months) with a few Core statements."""
    if not plans:
        return
    rows, months = bulk_rows(plans)
    table = AnnualPlan.__table__
    ids = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    ).scalars().all()
    month_rows = [
        {"plan_id": plan_id, **m} for plan_id, ms in zip(ids, months, strict=True) for m in ms
    ]
    if month_rows:
        session.execute(insert(PlanMonth.__table__), month_rows)


__all__ = [
    "DISTRIBUTIONS",
    "MONTH_COLUMNS",
    "PLAN_COLUMNS",
    "TYPICAL_WEIGHTS",
    "PlanData",
    "PlanError",
    "PlanRow",
    "cumulative",
    "insert_bulk",
    "load",
    "month_weights",
    "monthly_amounts",
    "parse_plan_cell",
    "plan_rows",
    "planned_start_count",
    "planned_to_date",
    "plans_of",
    "remove",
    "save",
    "save_cells",
    "spread",
    "validate",
]
