"""Creating and saving projects (each caller wraps one user action in one transaction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from db.models import FundingSource, Leader, Project, ProjectLevel, ProjectQuantity, Unit
from db.search import search_key
from portfolio.projects.editable import SCALAR_FIELDS, ProjectData, to_data
from portfolio.projects.staleness import check_unchanged, locked, stale
from portfolio.projects.validation import check_code, normalise_code, validate


def named_row(session: Session, model: type[Unit] | type[Leader], name: str) -> Any:
    """The unit or leader called ``name`` (stripped), added when there is none yet; None for a
    blank name."""
    name = name.strip()
    if not name:
        return None
    row = session.scalar(select(model).where(model.name == name))
    if row is None:
        row = model(name=name)
        session.add(row)
    return row


def _apply(session: Session, project: Project, data: ProjectData) -> None:
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            value = value.strip()
        if name == "project_code":
            value = normalise_code(value) or None
        if getattr(project, name) != value:
            setattr(project, name, value)
    unit = named_row(session, Unit, data.unit)
    if project.unit is not unit:
        project.unit = unit
    leader = named_row(session, Leader, data.leader)
    if project.leader is not leader:
        project.leader = leader
    if sorted(project.levels) != sorted(set(data.levels)):
        project.level_rows = [ProjectLevel(level=lv) for lv in sorted(set(data.levels))]
    current_q = [(q.value, q.unit) for q in project.quantities]
    if current_q != list(data.quantities):
        project.quantities = [ProjectQuantity(value=v, unit=u) for v, u in data.quantities]
    current_f = [(f.source, f.amount) for f in project.funding]
    if current_f != list(data.funding):
        project.funding = [FundingSource(source=s, amount=a) for s, a in data.funding]
    project.search_key = search_key(
        project.name, data.unit, project.township, project.location
    )


def load(session: Session, project_id: int) -> ProjectData:
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    return to_data(project)


def create(session: Session, data: ProjectData, *, origin: str = "user") -> int:
    validate(data)
    check_code(session, data, None)
    # a new project's collections are known to be empty: set, they are never loaded; and
    # nothing is flushed before it is whole (the unit and leader look-ups would flush it
    # half-made, and its collections then be loaded back)
    project = Project(origin=origin, level_rows=[], quantities=[], funding=[])
    session.add(project)
    with session.no_autoflush:
        _apply(session, project, data)
    session.flush()
    return project.id


def update(session: Session, project_id: int, data: ProjectData, *,
           expected: ProjectData | None = None, expected_version: int | None = None) -> int:
    """Save ``data`` over the project; its new version.

    ``expected`` is the data the edit was made from (what the editor loaded), ``expected_version``
    the version it was loaded at: when the project no longer holds it, :class:`StaleEdit`
    names what changed, who changed it and when, and nothing is written."""
    validate(data)
    check_code(session, data, project_id)
    project = locked(session, project_id)
    if expected is not None:
        check_unchanged(session, project, expected)
    if expected_version is not None and project.version != expected_version:
        raise stale(session, project, [])
    before = to_data(project)
    _apply(session, project, data)
    if to_data(project) != before:
        # also when only child rows (levels, quantities, funding) change: the project's row
        # is updated, which raises its version
        project.updated_at = dt.datetime.now().replace(microsecond=0)
        flag_modified(project, "updated_at")  # even within the second it was created in
    session.flush()
    return project.version


def set_field(session: Session, project_id: int, name: str, old: Any, new: Any) -> int:
    """Set one field (a register cell) provided it still holds ``old``, the value the cell
    showed; else :class:`StaleEdit`. The project's new version."""
    project = locked(session, project_id)
    data = to_data(project)
    if getattr(data, name) != old:
        raise stale(session, project, [name])
    return update(session, project_id, data.with_changes(**{name: new}))
