"""资金到位: money actually received, per project, month and source, against the funding plan.

The plan is a project's 资金来源 (:class:`db.models.FundingSource`, free text such as
"县级财政资金"); money received is recorded under one of :data:`SOURCES`. A plan line counts
under the source its text names (:func:`source_of`, the same rule in SQL and in Python), so
到位率 = received to date ÷ planned, per source and in total; no plan gives no rate.

Every roll-up is one SQL statement (plan lines and receipts added up together through a
``UNION ALL``), over the projects that carry money: a package with parts is counted through
its parts, as everywhere else, and money cannot be recorded on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from db.models import FundingSource, FundsReceived, Money, Project, Unit
from db.queries import ProjectFilter
from portfolio import metrics
from portfolio.concurrency import UNCHECKED, StaleEdit, last_change, lock_projects, stale_message
from portfolio.money import CENT, format_money, parse_money, percent
from portfolio.periods import Period

ZERO = Decimal("0.00")
SOURCES: tuple[str, ...] = (
    "中央预算内投资", "地方政府专项债券", "省市县财政", "银行贷款", "企业自筹", "其他",
)
#: (words in a plan line's text, the source it counts under), tried in order
_MATCHES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("中央",), "中央预算内投资"),
    (("专项债",), "地方政府专项债券"),
    (("财政",), "省市县财政"),
    (("银行", "贷款"), "银行贷款"),
    (("自筹", "企业"), "企业自筹"),
)


class FundsError(ValueError):
    """Funds that cannot be recorded; the message is Chinese and user-facing."""


def source_of(text: str) -> str:
    """The source of :data:`SOURCES` that a plan line's text counts under."""
    if text in SOURCES:
        return text
    for words, source in _MATCHES:
        if any(w in text for w in words):
            return source
    return "其他"


def _source_sql(column: Any) -> ColumnElement[str]:
    """:func:`source_of` in SQL."""
    whens: list[tuple[Any, Any]] = [(column.in_(SOURCES), column)]
    whens += [(or_(*(column.like(f"%{w}%") for w in words)), literal(source))
              for words, source in _MATCHES]
    return case(*whens, else_=literal("其他"))


def parse_source(text: str) -> str:
    """A source the user typed: one of :data:`SOURCES` (or an unambiguous part of one)."""
    text = text.strip()
    found = [s for s in SOURCES if s == text] or [s for s in SOURCES if text and text in s]
    if len(found) != 1:
        raise FundsError(f"资金来源应为：{'、'.join(SOURCES)}，不能是“{text}”")
    return found[0]


def _dec(value: object) -> Decimal:
    return ZERO if value is None else Decimal(str(value)).quantize(CENT)


# --- recording -------------------------------------------------------------------------------


def set_received(session: Session, project_id: int, period: Period, source: str,
                 amount: Decimal | None, expected: object = UNCHECKED) -> Decimal | None:
    """Set what ``project_id`` received from ``source`` in ``period`` (None deletes it); the
    amount held before, for an undo.

    ``expected`` is the amount the user saw (None: nothing recorded): when the month holds
    another since, :class:`~portfolio.concurrency.StaleEdit` names who changed it and when,
    and nothing is written."""
    lock_projects(session, [project_id])
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    if project.children:
        raise FundsError(f"“{project.name}”是打包项目，请在各子项目中填报资金到位")
    if source not in SOURCES:
        raise FundsError(f"资金来源应为：{'、'.join(SOURCES)}")
    if amount is not None:
        amount = parse_money(amount, field="到位资金")
    if period.first_day > dt.date.today():
        raise FundsError(f"不能填报未来月份（{period.label}）的到位资金")
    row = session.scalar(select(FundsReceived).where(
        FundsReceived.project_id == project_id, FundsReceived.year == period.year,
        FundsReceived.month == period.month, FundsReceived.source == source))
    old = row.amount if row is not None else None
    if expected is not UNCHECKED and old != expected:
        change = (last_change(session, project_id, [("funds_received", None)], str(row.id))
                  if row is not None else
                  last_change(session, project_id, [("funds_received", None)]))
        raise StaleEdit(stale_message(f"{project.name}（{period.label}）",
                                      [f"{source}到位资金"], change), project_id, [source])
    if amount is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(FundsReceived(project_id=project_id, year=period.year,
                                  month=period.month, source=source, amount=amount))
    elif row.amount != amount:
        row.amount = amount
    session.flush()
    return old


def add_received(session: Session, project_id: int, period: Period, source: str,
                 amount: Decimal) -> Decimal:
    """Add ``amount`` to what the month already holds from ``source``; the month's new total."""
    amount = parse_money(amount, field="到位资金") or ZERO
    before = session.scalar(select(FundsReceived.amount).where(
        FundsReceived.project_id == project_id, FundsReceived.year == period.year,
        FundsReceived.month == period.month, FundsReceived.source == source))
    total = _dec(before) + amount
    set_received(session, project_id, period, source, total)
    return total


@dataclass(frozen=True)
class Receipt:
    year: int
    month: int
    source: str
    amount: Decimal

    @property
    def period(self) -> Period:
        return Period(self.year, self.month)


def receipts_of(session: Session, project_id: int) -> list[Receipt]:
    """A project's receipts, month by month, sources in :data:`SOURCES` order."""
    order = case({s: i for i, s in enumerate(SOURCES)}, value=FundsReceived.source, else_=99)
    query = (select(FundsReceived.year, FundsReceived.month, FundsReceived.source,
                    FundsReceived.amount)
             .where(FundsReceived.project_id == project_id)
             .order_by(FundsReceived.year, FundsReceived.month, order))
    return [Receipt(y, m, s, _dec(a)) for y, m, s, a in session.execute(query)]


# --- roll-ups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundsLine:
    """Planned and received money of one source (of one project, or of a portfolio)."""

    source: str
    planned: Decimal
    #: received in the period's month, in its year up to the month, and ever up to the month
    month: Decimal
    year: Decimal
    cumulative: Decimal

    @property
    def rate(self) -> Decimal | None:
        """到位率: cumulative ÷ planned, percent with one decimal; None without a plan."""
        return percent(self.cumulative, self.planned)


def _total(lines: Sequence[FundsLine], source: str = "合计") -> FundsLine:
    return FundsLine(source, *(sum((getattr(x, f) for x in lines), ZERO)
                               for f in ("planned", "month", "year", "cumulative")))


@dataclass(frozen=True)
class FundsTable:
    period: Period
    lines: list[FundsLine]

    @property
    def total(self) -> FundsLine:
        return _total(self.lines)


def _union(period: Period, flt: ProjectFilter, ids: Sequence[int] | None):  # type: ignore[no-untyped-def]
    """Plan lines and receipts up to ``period`` as one set of (project, source, planned,
    month, year, cumulative) rows."""
    zero = cast(literal(0), Money)
    plan, got = FundingSource, FundsReceived
    planned = select(plan.project_id.label("project_id"),
                     _source_sql(plan.source).label("source"),
                     func.coalesce(plan.amount, zero).label("planned"),
                     zero.label("month"), zero.label("year"), zero.label("cumulative"))
    this_year = got.year == period.year
    received = select(
        got.project_id, got.source, zero,
        case((and_(this_year, got.month == period.month), got.amount), else_=zero),
        case((this_year, got.amount), else_=zero),
        got.amount,
    ).where(or_(got.year < period.year, and_(this_year, got.month <= period.month)))
    if ids is not None:
        planned = planned.where(plan.project_id.in_(ids))
        received = received.where(got.project_id.in_(ids))
    planned = planned.where(metrics.carries_money(plan.project_id, flt))
    received = received.where(metrics.carries_money(got.project_id, flt))
    return union_all(planned, received).subquery()


def _sums(u):  # type: ignore[no-untyped-def]
    return (func.sum(u.c.planned), func.sum(u.c.month), func.sum(u.c.year),
            func.sum(u.c.cumulative))


def _ordered(lines: list[FundsLine]) -> list[FundsLine]:
    return sorted(lines, key=lambda line: SOURCES.index(line.source))


def by_source(session: Session, period: Period, flt: ProjectFilter = ProjectFilter(),
              ids: Sequence[int] | None = None) -> FundsTable:
    """Planned and received money per source for ``flt`` (or ``ids``), up to ``period``."""
    u = _union(period, flt, ids)
    query = select(u.c.source, *_sums(u)).group_by(u.c.source)
    lines = [FundsLine(s, *(_dec(v) for v in values)) for s, *values in session.execute(query)]
    return FundsTable(period, _ordered(lines))


@dataclass(frozen=True)
class ProjectFunds:
    """A project's plan and receipts, per source."""

    project_id: int
    name: str
    unit: str
    lines: list[FundsLine]

    @property
    def total(self) -> FundsLine:
        return _total(self.lines)


def by_project(session: Session, period: Period, flt: ProjectFilter = ProjectFilter(),
               ids: Sequence[int] | None = None, *, received_only: bool = False,
               ) -> list[ProjectFunds]:
    """Per project (in id order) and source: planned and received up to ``period``. With
    ``received_only``, only the projects that have received something."""
    u = _union(period, flt, ids)
    query = (select(u.c.project_id, Project.name, Unit.name, u.c.source, *_sums(u))
             .join(Project, Project.id == u.c.project_id)
             .outerjoin(Unit, Unit.id == Project.unit_id)
             .group_by(u.c.project_id, Project.name, Unit.name, u.c.source)
             .order_by(u.c.project_id))
    found: dict[int, ProjectFunds] = {}
    for pid, name, unit, source, *values in session.execute(query):
        entry = found.setdefault(pid, ProjectFunds(pid, name, unit or "", []))
        entry.lines.append(FundsLine(source, *(_dec(v) for v in values)))
    result = []
    for entry in found.values():
        entry.lines.sort(key=lambda line: SOURCES.index(line.source))
        if not received_only or entry.total.cumulative:
            result.append(entry)
    return result


def rate_text(line: FundsLine) -> str:
    """"到位率62.5%（累计到位1,250.00 / 计划2,000.00万元）"."""
    rate = line.rate
    shown = f"{rate:.1f}%" if rate is not None else "—（无计划）"
    return (f"到位率{shown}（累计到位{format_money(line.cumulative, grouped=True)}"
            f" / 计划{format_money(line.planned, grouped=True)}万元）")


__all__ = [
    "SOURCES", "FundsError", "FundsLine", "FundsTable", "ProjectFunds", "Receipt",
    "add_received", "by_project", "by_source", "parse_source", "rate_text", "receipts_of",
    "set_received", "source_of",
]
