"""One project's annual plan as the user edits it (:class:`PlanData`): its checks, loading,
saving and removing, and the bulk insert the demo generator uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import (
    insert,
    select,
)
from sqlalchemy.orm import Session

from db.models import AnnualPlan, PlanMonth, Project
from portfolio.money import format_money
from portfolio.plans.spreading import DISTRIBUTIONS, ZERO, monthly_amounts


class PlanError(ValueError):
    """An annual plan that cannot be saved; the message is Chinese and user-facing."""


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
