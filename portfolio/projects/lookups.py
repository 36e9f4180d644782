"""What the views list and count about projects: names for choices, parents, the register's
ids and rows, and the 建设规模 of many projects at once."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import queries
from db.models import Leader, Project, ProjectQuantity, Unit
from db.queries import FilterChoices, ProjectFilter, RegisterRow, chunked


def quantities_of(
    session: Session, project_ids: Sequence[int]
) -> dict[int, list[tuple[Decimal, str]]]:
    """The 建设规模 rows (value, unit) of each project in entry order; ``[]`` when it has none."""
    found: dict[int, list[tuple[Decimal, str]]] = {pid: [] for pid in project_ids}
    for chunk in chunked(project_ids):
        for pid, value, unit in session.execute(
            select(ProjectQuantity.project_id, ProjectQuantity.value, ProjectQuantity.unit)
            .where(ProjectQuantity.project_id.in_(chunk))
            .order_by(ProjectQuantity.id)
        ):
            found[pid].append((value, unit))
    return found


def unit_names(session: Session) -> list[str]:
    """Every responsible unit's name, sorted: the choices of the editor and the register."""
    return list(session.scalars(select(Unit.name).order_by(Unit.name)))


def leader_names(session: Session) -> list[str]:
    """Every responsible leader's name, sorted: the choices of the editor and the register."""
    return list(session.scalars(select(Leader.name).order_by(Leader.name)))


def townships(session: Session) -> list[str]:
    """The townships the projects name, sorted, without blanks."""
    query = select(Project.township).distinct().order_by(Project.township)
    return [t for t in session.scalars(query) if t]


def parent_choices(session: Session, project_id: int | None = None) -> list[tuple[int, str]]:
    """``(id, name)`` of every project that can be the parent of ``project_id`` (every
    project but itself), sorted by name."""
    query = (
        select(Project.id, Project.name)
        .where(Project.id != (project_id if project_id is not None else -1))
        .order_by(Project.name)
    )
    return [(pid, name) for pid, name in session.execute(query)]


def count(session: Session, flt: ProjectFilter = ProjectFilter()) -> int:
    """How many projects ``flt`` selects (every project, by default)."""
    return queries.count(session, flt)


def filtered_ids(
    session: Session, flt: ProjectFilter = ProjectFilter(),
    sort: str = "id", descending: bool = False,
) -> list[int]:
    """The ids of the projects ``flt`` selects, in register order (``sort`` is a key of
    :data:`db.queries.SORT_KEYS`)."""
    return queries.filtered_ids(session, flt, sort, descending)


def register_rows(session: Session, ids: Sequence[int]) -> list[RegisterRow]:
    """The register lines of ``ids``, in that order."""
    return queries.register_rows(session, ids)


def filter_choices(session: Session) -> FilterChoices:
    """What the filter bar offers: the categories, townships, units, levels, stages and
    documents in use."""
    return queries.filter_choices(session)
