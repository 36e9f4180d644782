"""Every project's plan for one year as a grid (计划 columns and twelve month columns): its
rows, a typed cell parsed, and a batch of cells saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import (
    and_,
    func,
    select,
)
from sqlalchemy.orm import Session

from db.models import AnnualPlan, PlanMonth, Project
from db.queries import ProjectFilter
from portfolio.metrics import IS_LEAF
from portfolio.money import CENT, MoneyError, parse_money
from portfolio.plans.annual import PlanData, PlanError, load, save
from portfolio.plans.guard import Expected, check
from portfolio.plans.spreading import DISTRIBUTIONS, ZERO, spread

ALL = ProjectFilter()


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
    session: Session, year: int, edits: Sequence[tuple[int, str, object]],
    expected: Expected | None = None,
) -> dict[int, PlanData | None]:
    """Apply ``(project_id, column, value)`` edits of the plan grid as one change; the touched
    projects' plans as they were before (None: it had none), for an undo.

    Creates the plan of a project that had none. Every plan touched is validated; the first
    problem raises :class:`PlanError` (the caller's transaction then changes nothing).
    ``expected`` holds the plans the edits were made from (as the grid showed them): when one
    changed since, :class:`~portfolio.concurrency.StaleEdit` names what changed, who changed it
    and when (:func:`portfolio.plans.guard.check`).
    """
    if expected is not None:
        check(session, year, expected)
    before: dict[int, PlanData | None] = {}
    touched: dict[int, PlanData] = {}
    names: dict[int, str] = {}
    month_edits: dict[int, dict[int, Decimal]] = {}
    for project_id, column, value in edits:
        if column not in PLAN_COLUMNS and column not in MONTH_COLUMNS:
            raise KeyError(column)
        plan = touched.get(project_id)
        if plan is None:
            before[project_id] = load(session, project_id, year)
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
    return before
