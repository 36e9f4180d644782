"""The stale-edit check: a save or delete made from values the project no longer holds is
refused with a :class:`~portfolio.concurrency.StaleEdit` that names what changed, who changed it
and when (from the audit log)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from sqlalchemy.orm import Session

from db.models import Project
from portfolio.concurrency import AuditPlace, StaleEdit, last_change, lock_projects, stale_message
from portfolio.projects.editable import SCALAR_FIELDS, ProjectData, to_data
from portfolio.vocabulary import FIELD_LABELS

#: Where the audit log records each field of :class:`ProjectData`.
AUDIT_PLACES: dict[str, AuditPlace] = {
    **{name: ("projects", name) for name in SCALAR_FIELDS},
    "unit": ("projects", "unit_id"),
    "leader": ("projects", "leader_id"),
    "levels": ("project_levels", None),
    "quantities": ("project_quantities", None),
    "funding": ("funding_sources", None),
}


def locked(session: Session, project_id: int) -> Project:
    """The project, its row locked until the transaction ends; :class:`KeyError` if gone."""
    lock_projects(session, [project_id])
    project = session.get(Project, project_id)
    if project is None:
        raise KeyError(project_id)
    return project


def stale(session: Session, project: Project, keys: Sequence[str]) -> StaleEdit:
    """The refusal of a save made from data whose fields ``keys`` changed since; names the
    newest change of them in the audit log (or of anything, when ``keys`` is empty)."""
    places = [AUDIT_PLACES[k] for k in keys] or [
        ("projects", None), *(AUDIT_PLACES[k] for k in ("levels", "quantities", "funding"))]
    change = last_change(session, project.id, places)
    if not keys and change is not None:
        field_name = {v: k for k, v in AUDIT_PLACES.items()}.get(
            (change.table_name, change.field)) or {
            v[0]: k for k, v in AUDIT_PLACES.items() if v[1] is None}.get(change.table_name)
        keys = [field_name] if field_name else []
    labels = [FIELD_LABELS.get(k, k) for k in keys]
    return StaleEdit(stale_message(project.name, labels, change), project.id, keys)


def check_unchanged(session: Session, project: Project, expected: ProjectData) -> None:
    """Raise :class:`StaleEdit` unless ``project`` still holds ``expected`` (same version, or
    else the same values: a change made and reverted meanwhile is no conflict)."""
    if expected.version is not None and expected.version == project.version:
        return
    current = to_data(project)
    changed = [f.name for f in fields(ProjectData)
               if f.compare and getattr(current, f.name) != getattr(expected, f.name)]
    if changed:
        raise stale(session, project, changed)
