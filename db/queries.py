"""Queries over the register: filtering, sorting and fetching rows by page.

The register never loads every project into widgets: a filter yields the ordered ids (cheap,
one indexed query), and rows are fetched for the ids on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from db.models import Citation, Document, Leader, Project, ProjectLevel, Unit
from db.search import initials_pattern, normalise_query

T = TypeVar("T")

#: Values per ``IN (…)`` list. SQLite before 3.32 allows 999 bound parameters per statement
#: (later versions 32766); PostgreSQL has no such limit. Stay well below the old one.
CHUNK_SIZE = 500


def chunked(values: Sequence[T], size: int = CHUNK_SIZE) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``, for ``IN (…)`` lists of long id lists."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True)
class ProjectFilter:
    """What the register (and every report that follows it) is narrowed to."""

    text: str = ""
    categories: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    levels: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()
    project_ids: tuple[int, ...] | None = None
    #: what ``project_ids`` stand for, in words (e.g. 预警项目); only for showing the filter
    ids_label: str = ""
    #: include named programmes (专项工程) as well as projects
    include_programmes: bool = True

    def is_empty(self) -> bool:
        return replace(self, ids_label="") == ProjectFilter()

    def conditions(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        for word in normalise_query(self.text).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            matches: ColumnElement[bool] = Project.search_key.like(f"%{escaped}%", escape="\\")
            pattern = initials_pattern(word)
            if pattern is not None:
                # The regular expression (a Python function on SQLite) only runs on keys
                # that hold the letters in order somewhere: a plain LIKE rules out most rows.
                in_order = Project.search_key.like("%" + "%".join(word) + "%")
                matches = or_(matches, and_(in_order, Project.search_key.regexp_match(pattern)))
            conds.append(matches)
        if self.categories:
            conds.append(Project.category.in_(self.categories))
        if self.townships:
            conds.append(Project.township.in_(self.townships))
        if self.unit_ids:
            conds.append(Project.unit_id.in_(self.unit_ids))
        if self.stages:
            conds.append(Project.stage.in_(self.stages))
        if self.levels:
            conds.append(
                exists().where(
                    and_(ProjectLevel.project_id == Project.id, ProjectLevel.level.in_(self.levels))
                )
            )
        if self.document_ids:
            conds.append(
                exists().where(
                    and_(
                        Citation.project_id == Project.id,
                        Citation.document_id.in_(self.document_ids),
                    )
                )
            )
        if self.project_ids is not None:
            conds.append(Project.id.in_(self.project_ids))
        if not self.include_programmes:
            conds.append(Project.kind == "project")
        return conds

    def apply(self, query: Select) -> Select:  # type: ignore[type-arg]
        conds = self.conditions()
        return query.where(*conds) if conds else query


#: Sortable register columns and the SQL they sort by.
SORT_KEYS: dict[str, SQLColumnExpression[Any]] = {
    "id": Project.id,
    "name": Project.name,
    "category": Project.category,
    "project_type": Project.project_type,
    "stage": Project.stage,
    "township": Project.township,
    "location": Project.location,
    "total_investment": Project.total_investment,
    "planned_start": Project.planned_start,
    "planned_finish": Project.planned_finish,
    "actual_start": Project.actual_start,
    "unit": Unit.name,
    "leader": Leader.name,
}


def filtered_ids(
    session: Session,
    flt: ProjectFilter = ProjectFilter(),
    sort: str = "id",
    descending: bool = False,
) -> list[int]:
    """The ids of the projects in ``flt``, in register order."""
    key = SORT_KEYS.get(sort, Project.id)
    order = key.desc() if descending else key.asc()
    query = select(Project.id)
    if sort == "unit":
        query = query.outerjoin(Unit, Project.unit_id == Unit.id)
    elif sort == "leader":
        query = query.outerjoin(Leader, Project.leader_id == Leader.id)
    query = flt.apply(query).order_by(order.nulls_last(), Project.id)
    return list(session.scalars(query))


@dataclass
class RegisterRow:
    """One register line, as every listing shows it."""

    id: int
    name: str
    kind: str
    category: str
    project_type: str
    stage: str
    township: str
    location: str
    total_investment: Decimal | None
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    unit: str
    leader: str
    parent_id: int | None
    levels: list[str] = field(default_factory=list)
    document: str = ""
    document_number: str = ""
    line: int | None = None
    quote: str = ""
    #: the project's problems open today and, of those, overdue (filled by the register's
    #: model from :func:`portfolio.problems.project_summaries`, page by page)
    open_problems: int = 0
    overdue_problems: int = 0


def register_rows(session: Session, ids: Sequence[int]) -> list[RegisterRow]:
    """The register rows for ``ids``, in the same order."""
    if not ids:
        return []
    first_citation = (
        select(Citation.project_id, func.min(Citation.id).label("citation_id"))
        .where(Citation.project_id.in_(ids))
        .group_by(Citation.project_id)
        .subquery()
    )
    query = (
        select(
            Project.id, Project.name, Project.kind, Project.category, Project.project_type,
            Project.stage, Project.township, Project.location, Project.total_investment,
            Project.planned_start, Project.planned_finish, Project.actual_start,
            Project.actual_finish, func.coalesce(Unit.name, ""), func.coalesce(Leader.name, ""),
            Project.parent_id, Document.title, Document.number, Citation.line, Citation.quote,
        )
        .outerjoin(Unit, Project.unit_id == Unit.id)
        .outerjoin(Leader, Project.leader_id == Leader.id)
        .outerjoin(first_citation, first_citation.c.project_id == Project.id)
        .outerjoin(Citation, Citation.id == first_citation.c.citation_id)
        .outerjoin(Document, Document.id == Citation.document_id)
        .where(Project.id.in_(ids))
    )
    rows: dict[int, RegisterRow] = {}
    result: Iterable[Any] = session.execute(query)  # mypy cannot follow slices of 20 columns
    for r in result:
        # levels, document, document_number, line, quote
        rows[r[0]] = RegisterRow(*(*r[:16], [], r[16] or "", r[17] or "", r[18], r[19] or ""))
    for project_id, level in session.execute(
        select(ProjectLevel.project_id, ProjectLevel.level)
        .where(ProjectLevel.project_id.in_(ids))
        .order_by(ProjectLevel.level)
    ):
        rows[project_id].levels.append(level)
    return [rows[i] for i in ids if i in rows]


def iter_register(
    session: Session, flt: ProjectFilter = ProjectFilter(), sort: str = "id",
    descending: bool = False,
) -> Iterable[RegisterRow]:
    """Every register row of ``flt``, fetched page by page."""
    for page in chunked(filtered_ids(session, flt, sort, descending)):
        yield from register_rows(session, page)


@dataclass
class FilterChoices:
    """The values the register's filters offer, from what the database holds."""

    categories: list[str]
    townships: list[str]
    units: list[tuple[int, str]]
    levels: list[str]
    stages: list[str]
    documents: list[tuple[int, str]]


def filter_choices(session: Session) -> FilterChoices:
    def distinct(column) -> list[str]:  # type: ignore[no-untyped-def]
        return [v for v in session.scalars(select(column).distinct().order_by(column)) if v]

    return FilterChoices(
        categories=distinct(Project.category),
        townships=distinct(Project.township),
        units=[(u.id, u.name) for u in session.scalars(select(Unit).order_by(Unit.name))],
        levels=distinct(ProjectLevel.level),
        stages=distinct(Project.stage),
        documents=[
            (d.id, d.number or d.title)
            for d in session.scalars(select(Document).order_by(Document.file))
        ],
    )


def count(session: Session, flt: ProjectFilter = ProjectFilter()) -> int:
    return session.scalar(flt.apply(select(func.count(Project.id)))) or 0


def any_project(session: Session) -> bool:
    return session.scalar(select(exists().where(Project.id.is_not(None)))) or False


__all__ = [
    "FilterChoices",
    "ProjectFilter",
    "RegisterRow",
    "any_project",
    "chunked",
    "count",
    "filter_choices",
    "filtered_ids",
    "iter_register",
    "register_rows",
]
