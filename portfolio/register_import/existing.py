"""What the database already holds, loaded once for a whole preview: every project's fields,
levels and plan for the year, and the names of units, leaders and townships.

A few queries for the whole register rather than one per row: a preview of ten thousand
projects must not take longer than reading the file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields
from typing import Any, cast

from sqlalchemy import Select, func, null, select
from sqlalchemy.orm import Session

from db.models import (
    AnnualPlan,
    FundingSource,
    Leader,
    MonthlyReport,
    PlanMonth,
    Project,
    ProjectLevel,
    Unit,
)
from portfolio.matching import ProjectMatcher
from portfolio.plans import PlanData
from portfolio.projects import SCALAR_FIELDS, ProjectData


def _project_columns() -> Select[Any]:
    """The select of every project's id and :class:`ProjectData` fields in the dataclass's
    order up to its last loaded one (``project_code``, unit and leader as "" when there is
    none; ``levels`` a NULL, filled in apart)."""
    given = {"project_code": func.coalesce(Project.project_code, ""),
             "unit": func.coalesce(Unit.name, ""), "leader": func.coalesce(Leader.name, ""),
             "levels": null()}
    names = [f.name for f in fields(ProjectData)]
    loaded = names[:names.index("notes") + 1]
    assert set(loaded) == set(SCALAR_FIELDS) | {"unit", "leader", "levels"}, loaded
    return (select(Project.id, *(given.get(n, getattr(Project, n, None)) for n in loaded))
            .outerjoin(Unit, Project.unit_id == Unit.id)
            .outerjoin(Leader, Project.leader_id == Leader.id))


_PROJECTS = _project_columns()
_positional = cast(Callable[..., ProjectData], ProjectData)


class ExistingRegister:
    """The database's side of a register import, as plain values."""

    def __init__(self, session: Session, year: int, funding: bool = False) -> None:
        """``funding``: load each project's 资金来源 too (when the file has a column of one)."""
        self.year = year
        if session.autoflush:
            session.flush()  # what session.execute() would have flushed before reading
        # plain Core rows through the session's connection: the ORM's result machinery
        # costs more than these queries themselves
        connection = session.connection()
        # every result fetched at once (iterating a result fetches a row at a time)
        levels: dict[int, list[str]] = defaultdict(list)
        for pid, level in connection.execute(
                select(ProjectLevel.project_id, ProjectLevel.level)
                .order_by(ProjectLevel.level)).all():
            levels[pid].append(level)
        # one select of plain tuples, its columns in ProjectData's order: building each
        # project from its tuple costs less than from keywords
        rows = connection.execute(_PROJECTS).all()
        self.projects: dict[int, ProjectData] = {}
        projects = self.projects
        for row in rows:
            pid = row[0]
            data = projects[pid] = _positional(*row[1:])
            data.levels = levels.get(pid) or []
        if funding:
            for pid, source, amount in connection.execute(
                    select(FundingSource.project_id, FundingSource.source, FundingSource.amount)
                    .order_by(FundingSource.id)).all():
                projects[pid].funding.append((source, amount))
        self.children: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for pid, data in projects.items():
            if data.parent_id is not None:
                self.children[data.parent_id].append((pid, data.name))
        names = [(pid, data.name) for pid, data in projects.items()]
        codes = [(pid, data.project_code) for pid, data in projects.items() if data.project_code]
        self.matcher = ProjectMatcher(names, codes)
        self.plans: dict[int, PlanData] = {}
        plan_of: dict[int, PlanData] = {}
        for plan_id, project_id, amount, start, finish, distribution, goal in connection.execute(
                select(AnnualPlan.id, AnnualPlan.project_id, AnnualPlan.planned_investment,
                       AnnualPlan.planned_start_month, AnnualPlan.planned_finish_month,
                       AnnualPlan.distribution, func.coalesce(AnnualPlan.goal, ""))
                .where(AnnualPlan.year == year)).all():
            plan = PlanData(project_id, year, amount, start, finish, distribution, {}, goal)
            self.plans[project_id] = plan_of[plan_id] = plan
        if plan_of:
            for plan_id, month, amount in connection.execute(
                    select(PlanMonth.plan_id, PlanMonth.month, PlanMonth.amount)
                    .join(AnnualPlan, AnnualPlan.id == PlanMonth.plan_id)
                    .where(AnnualPlan.year == year)).all():
                plan_of[plan_id].months[month] = amount
        #: projects with monthly reports before the year: their 截至上年底 is computed
        self.reported_before = set(connection.scalars(
            select(MonthlyReport.project_id).where(MonthlyReport.year < year).distinct()))
        self.units = set(connection.scalars(select(Unit.name)))
        self.leaders = {name: title for name, title in connection.execute(
            select(Leader.name, Leader.title))}
        self.townships = set(connection.scalars(
            select(Project.township).where(Project.township != "").distinct()))

    def children_matcher(self, parent_id: int) -> ProjectMatcher:
        """A matcher over the parts of one 打包项目 (part names repeat across packages)."""
        kids = self.children.get(parent_id, [])
        return ProjectMatcher(kids, ((pid, self.projects[pid].project_code) for pid, _ in kids))
