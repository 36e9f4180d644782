"""From which month of a year a project's figures are monthly, and what an import of month N
does to it.

A project that has no monthly report of a year before month N (month 1—N−1; the carried row
of :mod:`.carried` is not one) takes N as its **first** month: the 1—N月 a file states is
split into the carried amount (1—N月 − 本月) and 本月. A month **earlier** than the first month
of a project whose earlier months were carried cannot be imported (its figures are inside the
carried amount, undivided) — but the month just before the first month, whose 1—N月 is the
carried amount itself, splits it (:func:`splits`). Any other month is **later**:
1—N月 = carried + the months' reports, as for a project reported from January.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import MonthlyReport
from db.queries import chunked
from portfolio.money import format_money
from portfolio.monthly.carried import CARRIED_MONTH
from portfolio.periods import Period


class Position(Enum):
    FIRST = "first"
    EARLIER = "earlier"
    LATER = "later"


class _Row(Protocol):
    @property
    def carried(self) -> object: ...
    @property
    def first_month(self) -> int | None: ...


def first_months(session: Session, year: int, ids: Sequence[int] | None) -> dict[int, int]:
    """Project (of ``ids``; ``None``: every project, one query without thousands of ids to
    bind) → the earliest month of ``year`` it has a report of (the carried month 0 is none);
    projects without one are absent."""
    r = MonthlyReport
    query = (select(r.project_id, func.min(r.month))
             .where(r.year == year, r.month > CARRIED_MONTH).group_by(r.project_id))
    if ids is None:
        return dict(session.execute(query).all())
    found: dict[int, int] = {}
    for chunk in chunked(list(ids)):
        found.update(session.execute(query.where(r.project_id.in_(chunk))).all())
    return found


def position(row: _Row, period: Period) -> Position:
    """Where ``period`` stands against ``row``'s reports of its year."""
    first = row.first_month
    if row.carried and first is not None and period.month < first:
        return Position.EARLIER
    if period.month > 1 and (first is None or first >= period.month):
        return Position.FIRST
    return Position.LATER


def splits(row: _Row, period: Period) -> bool:
    """Whether ``period`` is the month just before ``row``'s first month after carried
    months: its figures can split the carried amount (1—N月 of that month is the carried
    amount; the carried amount becomes 1—N月 − 本月 and N the first month)."""
    first = row.first_month
    return bool(row.carried) and first is not None and period.month == first - 1 > 0


def monthly_from(row: _Row) -> int | None:
    """The month from which ``row``'s figures of the year are monthly, when months before it
    were carried (None: monthly from 1月, or nothing carried)."""
    return row.first_month if row.carried else None


def earlier_message(name: str, period: Period, first: int) -> str:
    """Why an earlier month cannot be imported, in Chinese."""
    return (f"项目“{name}”{period.year}年从{first}月起按月填报，1—{first - 1}月的完成投资已作为"
            f"此前各月累计（未分月）计入，不能再导入更早的{period.month}月")


def mismatch_message(name: str, period: Period, ytd: Decimal, carried: Decimal) -> str:
    """Why the month just before the first cannot split the carried amount, in Chinese."""
    return (f"项目“{name}”1—{period.month}月完成投资{format_money(ytd)}万元（表中）与已计入的"
            f"此前各月累计（未分月）{format_money(carried)}万元不符，不能拆分；请核对")
