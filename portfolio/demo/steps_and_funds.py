"""The demo's 前期手续, milestones and 资金到位, added after :mod:`portfolio.demo.generator`
wrote the rest.

It reads back what the demo wrote (stages, dates, funding plans, monthly spending) and draws
from its own random stream, seeded from the demo's seed: the rest of the demo portfolio is the
same with or without it, for the same seed.

- 前期 projects get the nine approvals: a few done (with 文号 and office), the next ones
  planned, and for about a third the first unfinished one planned in the past (手续逾期);
- started 新开工 projects have all nine done before their start, plus 开工仪式 on the day and
  竣工验收 planned at their planned finish;
- every started project receives part of each funding line over a few months it spent money
  in, roughly in step with its spending and never more than the line's amount.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import ApprovalStep, FundingSource, FundsReceived, MonthlyReport, Project
from portfolio import funds
from portfolio.approvals import APPROVALS
from portfolio.metrics import IS_LEAF
from portfolio.money import CENT

#: (issuing office, the part of a 文号 before 〔year〕) of each approval, in APPROVALS order
OFFICES: tuple[tuple[str, str], ...] = (
    ("县发展和改革委员会", "县发改审批"), ("县自然资源局", "县自然资预"),
    ("县自然资源局", "地字第"), ("县自然资源局", "建字第"), ("县自然资源局", "县不动产权第"),
    ("市生态环境局县分局", "县环审"), ("县发展和改革委员会", "县发改能评"),
    ("县住房和城乡建设局", "县施审"), ("县住房和城乡建设局", "县施许"),
)


def _step(project_id: int, position: int, rng: random.Random, *, kind: str = "approval",
          name: str | None = None, planned: dt.date | None = None,
          actual: dt.date | None = None) -> dict[str, Any]:
    office, prefix = OFFICES[position] if kind == "approval" else ("", "")
    number = (f"{prefix}〔{actual.year}〕{rng.randint(1, 180)}号"
              if actual is not None and kind == "approval" else "")
    return {"project_id": project_id, "kind": kind, "name": name or APPROVALS[position],
            "position": position, "planned_on": planned, "actual_on": actual,
            "document_number": number, "issuing_office": office if actual else "", "note": ""}


def _preliminary(pid: int, rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    done = rng.randint(0, len(APPROVALS) - 1)
    day = today - dt.timedelta(days=rng.randint(200, 420))
    rows = []
    for position in range(done):
        day += dt.timedelta(days=rng.randint(5, 40))
        rows.append(_step(pid, position, rng, actual=min(day, today - dt.timedelta(days=35)),
                          planned=None))
    late = rng.random() < 0.35
    due = today - dt.timedelta(days=rng.randint(40, 120)) if late else (
        today + dt.timedelta(days=rng.randint(10, 60)))
    for position in range(done, len(APPROVALS)):
        planned = due if position < done + 3 else None
        rows.append(_step(pid, position, rng, planned=planned))
        due += dt.timedelta(days=rng.randint(20, 60))
    return rows


def _started(pid: int, rng: random.Random, start: dt.date, finish: dt.date | None,
             ) -> list[dict[str, Any]]:
    day = start - dt.timedelta(days=rng.randint(240, 400))
    rows = []
    for position in range(len(APPROVALS)):
        day = min(day + dt.timedelta(days=rng.randint(5, 40)), start)
        rows.append(_step(pid, position, rng, planned=day, actual=day))
    rows.append(_step(pid, 9, rng, kind="milestone", name="开工仪式", planned=start,
                      actual=start))
    if finish is not None:
        rows.append(_step(pid, 10, rng, kind="milestone", name="竣工验收", planned=finish))
    return rows


def _receipts(pid: int, plan: list[tuple[str, Decimal]], months: list[tuple[int, int]],
              share: float, rng: random.Random) -> list[dict[str, Any]]:
    got: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    for text, amount in plan:
        target = (amount * Decimal(str(min(1.0, share * rng.uniform(0.6, 1.2))))).quantize(CENT)
        chosen = sorted(rng.sample(months, min(len(months), rng.randint(1, 4))))
        parts = len(chosen)
        for i, (year, month) in enumerate(chosen):
            piece = (target / parts).quantize(CENT) if i < parts - 1 else (
                target - (target / parts).quantize(CENT) * (parts - 1))
            if piece > 0:
                got[(year, month, funds.source_of(text))] += piece
    return [{"project_id": pid, "year": y, "month": m, "source": s, "amount": a}
            for (y, m, s), a in sorted(got.items())]


def fill(session: Session, seed: int, today: dt.date) -> None:
    """Add the steps and receipts of the demo portfolio just written in ``session``."""
    rng = random.Random(f"demo-progress-{seed}")
    spent: dict[int, list[tuple[int, int, Decimal]]] = defaultdict(list)
    for pid, year, month, amount in session.execute(
            select(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month,
                   MonthlyReport.investment)
            .where(MonthlyReport.investment > 0)
            .order_by(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month)):
        spent[pid].append((year, month, amount))
    plans: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for pid, source, planned in session.execute(
            select(FundingSource.project_id, FundingSource.source, FundingSource.amount)
            .order_by(FundingSource.id)):
        plans[pid].append((source, planned or Decimal("0")))
    steps: list[dict[str, Any]] = []
    receipts: list[dict[str, Any]] = []
    projects = session.execute(
        select(Project.id, Project.stage, Project.actual_start, Project.planned_finish,
               Project.total_investment, Project.prior_investment)
        .where(IS_LEAF).order_by(Project.id))
    for pid, stage, start, finish, total, prior in projects:
        if stage in ("前期", "新开工") and start is None:
            steps += _preliminary(pid, rng, today)
        elif stage == "新开工" and start is not None:
            steps += _started(pid, rng, start, finish)
        months = [(y, m) for y, m, _ in spent.get(pid, [])]
        if months and total:
            share = float((prior + sum(a for _, _, a in spent[pid])) / total)
            receipts += _receipts(pid, plans.get(pid, []), months, share, rng)
    if steps:
        session.execute(insert(ApprovalStep.__table__), steps)
    if receipts:
        session.execute(insert(FundsReceived.__table__), receipts)
