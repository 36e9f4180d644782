"""The demo's 前期手续, milestones and 资金到位, added after :mod:`portfolio.demo.generator`
wrote the rest.

It reads back what the demo wrote (stages, dates, funding plans, monthly spending) and draws
from its own random stream, seeded from the demo's seed: the rest of the demo portfolio is the
same with or without it, for the same seed.

The nine approvals of a project are planned as a chain ending a few weeks before its planned
start. Each is obtained on time or early about six times in ten, a little late (up to a
month) for three in ten, and well late for the rest; a step is never obtained before the one
ahead of it, nor after the project started. So:

- a 前期 project has the steps done by ``today``, then the one it is stuck on — overdue when
  its planned day has passed (always, with few exceptions, for a project that should have
  started already) — and the next ones re-planned after it;
- a project under way or finished this year (older ones' papers are history, kept
  elsewhere) has all nine done before its start, 开工仪式 on the day (planned on the
  planned start), 主体封顶 once it spent 60% and 竣工验收 at its finish; a project behind
  schedule has those milestones overdue;
- money arrives per source as :mod:`portfolio.demo.receipts` describes.
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
from portfolio.approvals import APPROVALS
from portfolio.demo.receipts import Month, receipts
from portfolio.metrics import IS_LEAF

#: (issuing office, the part of a 文号 before 〔year〕) of each approval, in APPROVALS order
OFFICES: tuple[tuple[str, str], ...] = (
    ("县发展和改革委员会", "县发改审批"), ("县自然资源局", "县自然资预"),
    ("县自然资源局", "地字第"), ("县自然资源局", "建字第"), ("县自然资源局", "县不动产权第"),
    ("市生态环境局县分局", "县环审"), ("县发展和改革委员会", "县发改能评"),
    ("县住房和城乡建设局", "县施审"), ("县住房和城乡建设局", "县施许"),
)
DAY = dt.timedelta(days=1)


def _step(project_id: int, position: int, rng: random.Random, *, kind: str = "approval",
          name: str | None = None, planned: dt.date | None = None,
          actual: dt.date | None = None) -> dict[str, Any]:
    office, prefix = OFFICES[position] if kind == "approval" else ("", "")
    number = (f"{prefix}〔{actual.year}〕{rng.randint(1, 180)}号"
              if actual is not None and kind == "approval" else "")
    return {"project_id": project_id, "kind": kind, "name": name or APPROVALS[position],
            "position": position, "planned_on": planned, "actual_on": actual,
            "document_number": number, "issuing_office": office if actual else "", "note": ""}


def _delay(rng: random.Random) -> int:
    """Days a step is obtained after its planned day (negative: early)."""
    roll = rng.random()
    if roll < 0.62:
        return -rng.randint(0, 20)
    if roll < 0.9:
        return rng.randint(1, 30)
    return rng.randint(31, 100)


def _chain(rng: random.Random, planned_start: dt.date) -> tuple[list[dt.date], list[dt.date]]:
    """The nine approvals' planned days, and the days they would be obtained."""
    day = planned_start - DAY * rng.randint(10, 40)
    planned = [day]
    for _ in range(len(APPROVALS) - 1):
        day -= DAY * rng.randint(15, 50)
        planned.append(day)
    planned.reverse()
    actual: list[dt.date] = []
    for day in planned:
        got = day + DAY * _delay(rng)
        actual.append(max(got, actual[-1]) if actual else got)
    return planned, actual


def _preliminary(pid: int, rng: random.Random, planned_start: dt.date,
                 today: dt.date) -> list[dict[str, Any]]:
    planned, actual = _chain(rng, planned_start)
    stuck = next((i for i, day in enumerate(actual) if day > today - DAY * 3), len(APPROVALS))
    if planned_start <= today and rng.random() < 0.9:  # should have started: stuck on a step
        stuck = min(stuck, rng.randint(2, len(APPROVALS) - 1))
    rows = [_step(pid, i, rng, planned=planned[i], actual=actual[i]) for i in range(stuck)]
    if stuck < len(APPROVALS):
        rows.append(_step(pid, stuck, rng, planned=planned[stuck]))
        due = max(planned[stuck], today)
        for position in range(stuck + 1, len(APPROVALS)):
            due += DAY * rng.randint(15, 45)
            rows.append(_step(pid, position, rng,
                              planned=due if position <= stuck + 3 else None))
    return rows


def _started(pid: int, rng: random.Random, project: Any, share: float, today: dt.date,
             ) -> list[dict[str, Any]]:
    start, planned_start = project.actual_start, project.planned_start or project.actual_start
    planned, actual = _chain(rng, planned_start)
    cap = start
    for i in reversed(range(len(actual))):  # obtained before the start, in order
        actual[i] = cap = min(actual[i], cap)
    rows = [_step(pid, i, rng, planned=p, actual=a)
            for i, (p, a) in enumerate(zip(planned, actual, strict=True))]
    rows.append(_step(pid, 9, rng, kind="milestone", name="开工仪式", planned=planned_start,
                      actual=start))
    finish, planned_finish = project.actual_finish, project.planned_finish
    if planned_finish is None:
        return rows
    topping = planned_start + (planned_finish - planned_start) * 3 // 5
    topped = None
    if finish is not None or share >= 0.6:
        topped = min(max(topping + DAY * _delay(rng), start), finish or today)
    rows.append(_step(pid, 10, rng, kind="milestone", name="主体封顶", planned=topping,
                      actual=topped))
    accepted = None
    if finish is not None and finish + DAY * 40 < today:
        accepted = finish + DAY * rng.randint(10, 40)
    rows.append(_step(pid, 11, rng, kind="milestone", name="竣工验收", planned=planned_finish,
                      actual=accepted))
    return rows


def fill(session: Session, seed: int, today: dt.date) -> None:
    """Add the steps and receipts of the demo portfolio just written in ``session``."""
    rng = random.Random(f"demo-progress-{seed}")
    spent: dict[int, list[Month]] = defaultdict(list)
    for pid, year, month, amount in session.execute(
            select(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month,
                   MonthlyReport.investment)
            .where(MonthlyReport.investment > 0)
            .order_by(MonthlyReport.project_id, MonthlyReport.year, MonthlyReport.month)):
        spent[pid].append((year, month, amount))
    funding: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for pid, source, planned in session.execute(
            select(FundingSource.project_id, FundingSource.source, FundingSource.amount)
            .order_by(FundingSource.id)):
        funding[pid].append((source, planned or Decimal("0")))
    steps: list[dict[str, Any]] = []
    received: list[dict[str, Any]] = []
    projects = session.execute(
        select(Project.id, Project.stage, Project.planned_start, Project.actual_start,
               Project.planned_finish, Project.actual_finish, Project.total_investment,
               Project.prior_investment)
        .where(IS_LEAF).order_by(Project.id))
    for project in projects:
        pid, total = project.id, project.total_investment
        months = spent.get(pid, [])
        share = float((project.prior_investment + sum(a for _, _, a in months)) / total) if (
            total) else 0.0
        if project.stage == "储备":
            pass
        elif project.actual_start is None and project.planned_start is not None:
            steps += _preliminary(pid, rng, project.planned_start, today)
        elif project.actual_start is not None and (
                project.actual_finish is None or project.actual_finish.year == today.year):
            steps += _started(pid, rng, project, share, today)
        if months and total:
            received += receipts(pid, funding.get(pid, []), months, share,
                                 project.actual_finish is not None, rng)
    if steps:
        session.execute(insert(ApprovalStep.__table__), steps)
    if received:
        session.execute(insert(FundsReceived.__table__), received)
