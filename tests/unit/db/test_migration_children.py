"""Migrations that change ``projects`` keep the rows that hang off a project.

On SQLite, Alembic's batch mode rebuilds a table by copying it and dropping the old one; with
foreign keys on, dropping ``projects`` deletes every ``ON DELETE CASCADE`` child (levels,
quantities, steps, monthly figures …). These tests put child rows in a database, move the
schema down and up across the migrations that touch ``projects``, and count the children.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Engine, text

from db import migrate
from db.models import AnnualPlan, ApprovalStep, PlanMonth
from db.session import make_engine, open_database, resolve_url
from portfolio import projects
from portfolio.projects import ProjectData

#: child tables of ``projects`` that exist at every revision these tests visit
_CHILDREN = ("project_levels", "project_quantities", "approval_steps")


def _seed(url: str) -> int:
    with open_database(url) as database, database.transaction() as session:
        pid = projects.create(session, ProjectData(
            name="兰考县第三高级中学", category="社会事业",
            total_investment=Decimal("32000.50"), unit="兰考县教育局",
            levels=["县重点", "市重点"], quantities=[(Decimal("3000"), "学位")],
            signed_on=dt.date(2026, 2, 10)))
        session.add(ApprovalStep(project_id=pid, kind="approval", name="环评",
                                 position=0))
        plan = AnnualPlan(project_id=pid, year=2026, planned_investment=Decimal("1200"))
        session.add(plan)
        session.flush()
        session.add(PlanMonth(plan_id=plan.id, month=3, amount=Decimal("100")))
    return pid


def _counts(engine: Engine, tables: tuple[str, ...] = (*_CHILDREN, "projects")
            ) -> dict[str, int]:
    with engine.connect() as connection:
        return {table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                for table in tables}


def test_0009_downgrade_and_upgrade_keep_child_rows(any_url: str) -> None:
    _seed(any_url)
    engine = make_engine(resolve_url(any_url))
    before = _counts(engine)
    assert before == {"project_levels": 2, "project_quantities": 1, "approval_steps": 1,
                      "projects": 1}
    migrate.downgrade(engine, "0008")
    assert _counts(engine) == before
    migrate.upgrade(engine)
    assert _counts(engine) == before
    engine.dispose()


def test_0005_downgrade_keeps_levels_quantities_and_plan_months(any_url: str) -> None:
    _seed(any_url)
    engine = make_engine(resolve_url(any_url))
    kept = ("project_levels", "project_quantities", "plan_months", "projects")
    before = _counts(engine, kept)
    assert before == {"project_levels": 2, "project_quantities": 1, "plan_months": 1,
                      "projects": 1}
    migrate.downgrade(engine, "0004")
    assert _counts(engine, kept) == before
    migrate.upgrade(engine)
    assert _counts(engine, kept) == before
    engine.dispose()


def _campaign(engine: Engine, columns: str) -> tuple[object, ...]:
    with engine.connect() as connection:
        return tuple(connection.execute(text(f"SELECT {columns} FROM projects")).one())


def test_0010_carries_the_campaign_tag_to_its_list_and_back(any_url: str) -> None:
    _seed(any_url)
    engine = make_engine(resolve_url(any_url))
    before = _counts(engine)
    migrate.downgrade(engine, "0009")
    assert _counts(engine) == before
    with engine.begin() as connection:
        connection.execute(text("UPDATE projects SET campaign_batch = '开工', "
                                "campaign_issue = 23"))
    migrate.upgrade(engine)
    assert _counts(engine) == before
    assert _campaign(engine, "signed_issue, started_issue, produced_issue") == (None, 23, None)
    with engine.begin() as connection:
        connection.execute(text("UPDATE projects SET signed_issue = 21, produced_issue = 25"))
    migrate.downgrade(engine, "0009")
    assert _counts(engine) == before
    assert _campaign(engine, "campaign_batch, campaign_issue") == ("投产", 25)
    with engine.begin() as connection:
        connection.execute(text("UPDATE projects SET campaign_batch = '', "
                                "campaign_issue = NULL"))
    migrate.upgrade(engine)
    assert _campaign(engine, "signed_issue, started_issue, produced_issue") == (
        None, None, None)
    engine.dispose()
