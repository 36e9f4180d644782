"""Writing the demo portfolio into an empty database: the register, plans, monthly reports,
locks, 签约日期, 问题台账, 前期手续, 资金到位 and (optionally) 现场照片, in one transaction.

Everything is inserted with a handful of Core bulk statements (no ORM objects, so no per-row
audit entries; one audit event records the generation): 10,000 projects over five years take
seconds. The same seed and ``today`` give the same portfolio.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from sqlalchemy import insert

from db import audit
from db.models import (
    FundingSource,
    Leader,
    MonthlyReport,
    PeriodLock,
    Problem,
    Project,
    ProjectLevel,
    ProjectQuantity,
    Unit,
)
from db.queries import any_project
from db.session import Database
from portfolio import plans
from portfolio.demo import signing, site_photos, steps_and_funds
from portfolio.demo.annual_plans import plans_for
from portfolio.demo.lifecycle import month_index, period_of
from portfolio.demo.month_reports import reports_for
from portfolio.demo.naming import WORDS
from portfolio.demo.problem_log import problem_rows
from portfolio.demo.register_rows import (
    RegisterDraw,
    ensure_named,
    leader_rows,
    unit_names,
)
from portfolio.periods import Period
from portfolio.plans import PlanData


class DemoError(ValueError):
    """The demo portfolio cannot be made; the message is Chinese and user-facing."""


def generate(
    db: Database,
    *,
    projects: int = 300,
    years: int = 3,
    seed: int = 1,
    today: dt.date | None = None,
    photos: bool = False,
) -> int:
    """Fill the empty database ``db`` with a demo portfolio; returns the projects created
    (packages and their parts included). Refuses, changing nothing, when ``db`` holds any
    project. ``photos`` adds drawn 现场照片 (:mod:`portfolio.demo.site_photos`; seconds)."""
    if projects < 1:
        raise DemoError("项目个数应为正整数")
    if not 1 <= years <= 10:
        raise DemoError("年数应在 1—10 之间")
    today = today or dt.date.today()
    rng = random.Random(seed)
    last_period = Period.of(today).previous()
    last = month_index(last_period.year, last_period.month)
    first_year = today.year - years + 1
    first = month_index(first_year, 1)

    with db.transaction() as session:
        if any_project(session):
            raise DemoError("数据库中已有项目，演示数据只能写入空数据库；未做任何修改")
        session.info["user"] = "演示数据"

        leaders = leader_rows(rng)
        leader_ids = ensure_named(session, Leader, leaders)
        unit_ids = ensure_named(session, Unit, [{"name": n} for n in unit_names()])
        draw = RegisterDraw(rng, [r["name"] for r in leaders], leader_ids, unit_ids)
        packages, specs = draw.projects(projects, first_year, years, first, last)
        # its own generator, like the problems below: the rest is the same without it
        signing.sign(random.Random(f"demo-signing-{seed}"), [*packages, *specs], today)

        # insert: packages first (their ids become the parts' parent_id)
        table = Project.__table__
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        package_ids = session.execute(returning, [p.row for p in packages]).scalars().all() if (
            packages) else []
        for spec in specs:
            if spec.package is not None:
                spec.row["parent_id"] = package_ids[spec.package]
        ids = session.execute(returning, [s.row for s in specs]).scalars().all()
        every = list(zip(package_ids, packages, strict=True)) + list(zip(ids, specs, strict=True))

        session.execute(insert(ProjectLevel.__table__), [
            {"project_id": i, "level": level} for i, s in every for level in s.levels])
        quantities = [{"project_id": i, "value": Decimal(s.quantity[0]), "unit": s.quantity[1]}
                      for i, s in every if s.quantity]
        if quantities:
            session.execute(insert(ProjectQuantity.__table__), quantities)
        session.execute(insert(FundingSource.__table__), [
            {"project_id": i, "source": source, "amount": amount}
            for i, s in every for source, amount in s.funding])

        annual: list[PlanData] = []
        reports: list[dict[str, Any]] = []
        reported: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
        for project_id, spec in zip(ids, specs, strict=True):
            life = spec.life
            assert life is not None
            project_plans = list(plans_for(rng, life, first_year, today.year, project_id))
            annual += project_plans
            project_reports = reports_for(rng, life, spec.project_type,
                                          spec.row["actual_start"], project_id, project_plans,
                                          first, last)
            reports += project_reports
            reported.append((project_id, spec.row, project_reports))
        plans.insert_bulk(session, annual)
        for start in range(0, len(reports), 50_000):
            session.execute(insert(MonthlyReport.__table__), reports[start:start + 50_000])
        # its own generator: the portfolio above is the same with or without the problems
        logged = problem_rows(random.Random(f"problems-{seed}"), reported, unit_ids,
                              last_period, WORDS)
        if logged:
            session.execute(insert(Problem.__table__), logged)

        locks = [
            {"year": p.year, "month": p.month,
             "locked_at": dt.datetime.combine(p.next().first_day, dt.time(9)) + dt.timedelta(
                 days=4),
             "locked_by": "演示数据"}
            for p in (period_of(i) for i in range(first, last))
        ]
        if locks:
            session.execute(insert(PeriodLock.__table__), locks)
        steps_and_funds.fill(session, seed, today)
        if photos:
            site_photos.add_photos(session, seed, today)
        audit.record(session, "demo", "projects", "",
                     f"生成演示数据：{len(every)}个项目，{years}年，随机种子{seed}")
    return len(every)
