"""Deleting a project so that it can be undone: a snapshot of every row of it and of what hangs
off it, the delete, and the restore with the same id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import audit
from db.models import (
    AnnualPlan,
    ApprovalStep,
    Citation,
    FundingSource,
    FundsReceived,
    MonthlyReport,
    PlanMonth,
    Problem,
    Project,
    ProjectLevel,
    ProjectQuantity,
    target_projects,
)
from db.photo_tables import ProjectPhoto
from portfolio.projects.staleness import locked, stale

#: Tables that hang off a project, in the order they must be restored.
_CHILD_TABLES = (
    ProjectLevel.__table__,
    ProjectQuantity.__table__,
    FundingSource.__table__,
    Citation.__table__,
    AnnualPlan.__table__,
    MonthlyReport.__table__,
    target_projects,
    Problem.__table__,
    ApprovalStep.__table__,
    FundsReceived.__table__,
    ProjectPhoto.__table__,
)


def snapshot(session: Session, project_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of a project and of what hangs off it, so that a delete can be undone."""
    project_table = Project.__table__
    rows: dict[str, list[dict[str, Any]]] = {
        "projects": [
            dict(r._mapping)
            for r in session.execute(select(project_table).where(project_table.c.id == project_id))
        ]
    }
    for table in _CHILD_TABLES:
        rows[table.name] = [
            dict(r._mapping)
            for r in session.execute(select(table).where(table.c.project_id == project_id))
        ]
    plan_ids = [r["id"] for r in rows[AnnualPlan.__tablename__]]
    plan_months = PlanMonth.__table__
    rows["plan_months"] = [
        dict(r._mapping)
        for r in session.execute(select(plan_months).where(plan_months.c.plan_id.in_(plan_ids)))
    ] if plan_ids else []
    return rows


def delete_project(session: Session, project_id: int, *, expected_version: int | None = None,
                   ) -> dict[str, list[dict[str, Any]]]:
    """Delete a project (its sub-projects are kept and lose their parent); returns a snapshot.

    With ``expected_version`` (the version the user saw), a project changed since is not
    deleted: :class:`StaleEdit` says who changed it."""
    project = locked(session, project_id)
    if expected_version is not None and project.version != expected_version:
        raise stale(session, project, [])
    saved = snapshot(session, project_id)
    saved["children"] = [{"id": c.id} for c in project.children]
    for child in project.children:
        child.parent_id = None
    session.delete(project)
    session.flush()
    return saved


def restore(session: Session, saved: dict[str, list[dict[str, Any]]]) -> int:
    """Put back a project deleted by :func:`delete_project`, with the same id."""
    session.execute(insert(Project.__table__), saved["projects"])
    for table in (*_CHILD_TABLES[:5], PlanMonth.__table__, *_CHILD_TABLES[5:]):
        if saved.get(table.name):
            session.execute(insert(table), saved[table.name])
    project_id = saved["projects"][0]["id"]
    for child in saved.get("children", []):
        project = session.get(Project, child["id"])
        if project is not None:
            project.parent_id = project_id
    session.flush()
    audit.record(session, "restore", "projects", str(project_id), "撤销删除")
    return project_id
