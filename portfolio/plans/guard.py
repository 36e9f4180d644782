"""The annual-plan grid's stale-edit check: a save made from plans someone else has changed
since is refused with :class:`~portfolio.concurrency.StaleEdit`, naming the project, the
changed column, who changed it and when (from the audit log), and nothing is written.

What is compared is what the grid shows of a plan (:data:`LABELS`); the 年度建设目标, which
the grid does not show, may change meanwhile without a conflict. A change made and reverted
meanwhile is no conflict either: the values are compared, not the row's version (the version
still keeps two transactions from writing over each other, see :mod:`portfolio.concurrency`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from db.models import AnnualPlan, AuditEntry, PlanMonth, Project
from portfolio.concurrency import StaleEdit, last_change, lock_projects, stale_message
from portfolio.plans.annual import PlanData, load

#: What the grid shows of a plan, and its Chinese name in a refusal. ``plan`` is the plan
#: itself: it was created or removed meanwhile.
LABELS: dict[str, str] = {
    "plan": "年度计划",
    "planned_investment": "年度计划投资",
    "planned_start_month": "计划开工月份",
    "planned_finish_month": "计划竣工月份",
    "distribution": "月度分配",
    "months": "各月计划投资",
}
_SCALARS = ("planned_investment", "planned_start_month", "planned_finish_month",
            "distribution")

#: A project's plan as the user saw it: None when it had none.
Expected = Mapping[int, PlanData | None]


def _custom_months(plan: PlanData) -> dict[int, Decimal]:
    if plan.distribution != "custom":
        return {}
    return {m: a for m, a in plan.months.items() if a}


def changed_fields(current: PlanData | None, expected: PlanData | None) -> list[str]:
    """The keys of :data:`LABELS` in which ``current`` differs from ``expected``."""
    if current is None or expected is None:
        return [] if current is expected else ["plan"]
    changed = [k for k in _SCALARS if getattr(current, k) != getattr(expected, k)]
    if _custom_months(current) != _custom_months(expected):
        changed.append("months")
    return changed


def _last_change(session: Session, project_id: int, year: int,
                 keys: Sequence[str]) -> AuditEntry | None:
    """The newest audit entry behind the changed ``keys`` of the project's plan of ``year``."""
    plan_id = session.scalar(select(AnnualPlan.id).where(
        AnnualPlan.project_id == project_id, AnnualPlan.year == year))
    if plan_id is None or "plan" in keys:
        # created or removed meanwhile: any change of the project's plans tells who
        return last_change(session, project_id, [("annual_plans", None)])
    found = [last_change(session, project_id,
                         [("annual_plans", k) for k in keys if k in _SCALARS],
                         record_id=str(plan_id))]
    if "months" in keys:
        # month rows carry no project: find them by their plan (inserted or deleted rows
        # name it) or by their own id (amounts changed in place)
        month_ids = [str(i) for i in session.scalars(
            select(PlanMonth.id).where(PlanMonth.plan_id == plan_id))]
        found.append(session.scalar(
            select(AuditEntry).where(
                AuditEntry.table_name == "plan_months",
                or_(and_(AuditEntry.field == "plan_id",
                         or_(AuditEntry.new_value == str(plan_id),
                             AuditEntry.old_value == str(plan_id))),
                    AuditEntry.record_id.in_(month_ids)))
            .order_by(AuditEntry.id.desc()).limit(1)))
    entries = [e for e in found if e is not None]
    return max(entries, key=lambda e: e.id) if entries else None


def check(session: Session, year: int, expected: Expected) -> None:
    """Lock the projects of ``expected`` and raise :class:`StaleEdit` for the first whose plan
    of ``year`` no longer holds what the user saw."""
    lock_projects(session, expected)
    for project_id in sorted(expected):
        changed = changed_fields(load(session, project_id, year), expected[project_id])
        if not changed:
            continue
        name = session.scalar(select(Project.name).where(Project.id == project_id))
        change = _last_change(session, project_id, year, changed)
        raise StaleEdit(
            stale_message(f"{name or project_id}（{year}年度计划）",
                          [LABELS[k] for k in changed], change),
            project_id, changed)


__all__ = ["LABELS", "Expected", "changed_fields", "check"]
