"""Which years hold monthly data, for offering reporting months to pick from."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AnnualPlan, MonthlyReport


def year_range(session: Session, current_year: int) -> tuple[int, int]:
    """The first year with a report or a plan, and the later of the last year planned and
    ``current_year``; ``current_year`` stands in for what the database does not hold yet."""
    first_report = session.scalar(select(func.min(MonthlyReport.year)))
    first_plan, last_plan = session.execute(
        select(func.min(AnnualPlan.year), func.max(AnnualPlan.year))).one()
    first = min(first_report or current_year, first_plan or current_year)
    last = max(last_plan or current_year, current_year)
    return first, last


__all__ = ["year_range"]
