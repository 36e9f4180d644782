"""The amount a project completed in the months of a year that were never reported one by
one (此前各月累计（未分月）): an office that starts in April reports 1—4月 and 4月, and the
difference belongs to January–March without saying which.

It is kept as the project's :class:`~db.models.MonthlyReport` of **month 0** of that year,
so every sum of a year (``month <= N``: 1—N月, 截至上年底, 累计) includes it with no special
case; only what lists months one by one (the S-curve, the project sheet, the history) has to
name it. A project has a carried row only while the amount is not zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MonthlyReport
from db.queries import chunked
from portfolio.money import format_money

#: The month a carried amount is stored under.
CARRIED_MONTH = 0
#: What the office calls it.
LABEL = "此前各月累计（未分月）"

ZERO = Decimal("0.00")


def _row(session: Session, project_id: int, year: int) -> MonthlyReport | None:
    return session.scalar(select(MonthlyReport).where(
        MonthlyReport.project_id == project_id, MonthlyReport.year == year,
        MonthlyReport.month == CARRIED_MONTH))


def read(session: Session, project_id: int, year: int) -> Decimal:
    """The carried amount of ``project_id`` in ``year`` (0 when none)."""
    row = _row(session, project_id, year)
    return ZERO if row is None else row.investment


def write(session: Session, project_id: int, year: int, amount: Decimal) -> None:
    """Set the carried amount (the caller checks it and holds the transaction); 0 removes the
    row."""
    write_all(session, year, {project_id: amount})


def write_all(session: Session, year: int, amounts: Mapping[int, Decimal]) -> None:
    """:func:`write` for many projects at once: their rows fetched in a few queries, not one
    a project (each of which would flush what was written before it)."""
    for amount in amounts.values():
        if amount < 0:
            raise ValueError(f"{LABEL}不能为负数：{amount}")
    ids = list(amounts)
    rows: dict[int, MonthlyReport] = {}
    for chunk in chunked(ids):
        rows.update((r.project_id, r) for r in session.scalars(select(MonthlyReport).where(
            MonthlyReport.project_id.in_(chunk), MonthlyReport.year == year,
            MonthlyReport.month == CARRIED_MONTH)))
    for project_id, amount in amounts.items():
        value = amount.quantize(Decimal("0.01"))
        row = rows.get(project_id)
        if value == ZERO:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(MonthlyReport(project_id=project_id, year=year, month=CARRIED_MONTH,
                                      investment=value, progress="", problems="",
                                      next_steps="", started=False, started_on=None))
        elif row.investment != value:
            row.investment = value


def month_label(year: int, month: int) -> str:
    """「2026年4月」, or 「2026年此前各月累计（未分月）」 for the carried row."""
    return f"{year}年{LABEL}" if month == CARRIED_MONTH else f"{year}年{month}月"


def note(amount: Decimal, first_month: int | None) -> str | None:
    """What a 1—N月 cell says of a carried amount: 「含此前各月累计（未分月）34,987.00万元；
    自4月起按月填报」 (None when nothing is carried)."""
    if not amount:
        return None
    since = f"；自{first_month}月起按月填报" if first_month else ""
    return f"含{LABEL}{format_money(amount, grouped=True)}万元{since}"
