"""Giving back to the catalogue the projects an earlier version loaded and nobody used.

Versions before the catalogue became a library loaded all its entries into every new
register. On the first open by this version (:mod:`portfolio.startup`) those projects go back
to being catalogue entries — their rows are deleted — unless someone used them:

- a monthly report, an annual plan, funding sources, levels, or any other row that points at
  the project (every foreign key to ``projects.id`` except its own citations and quantities);
- a parent or a child project;
- a link to a plan target that the catalogue does not make;
- an entry in the audit log on anything but the catalogue-derived values (a 责任单位, a stage,
  a note…), or catalogue-derived values that no longer hash to the stored ``catalog_hash``
  (the fingerprint decides for those, so that a catalogue update is not taken for a user's
  edit).

Documents and plan targets stay. The rows are deleted with plain SQL, so no per-field
``delete`` lands in the audit log (which would make the catalogue treat the entries as deleted
by the user); one audit event says what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from db import audit
from db.models import AuditEntry, Base, Citation, Project, ProjectQuantity, Target, target_projects
from db.queries import chunked
from portfolio.catalog.entries import CatalogDocument
from portfolio.catalog.fingerprints import VALUE_COLUMNS, current_fingerprints
from portfolio.catalog.reading import shipped_catalog

#: tables whose rows the catalogue itself writes for a project
_CATALOGUE_TABLES = {"citations", "project_quantities", "target_projects", "audit_log"}


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass
class ReturnReport:
    #: catalogue keys of the projects deleted from the register
    returned: list[str] = field(default_factory=list)
    #: catalogue keys of the catalogue projects kept, because someone used them
    kept: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"目录：{len(self.returned)} 个未使用的规划项目已移回项目目录，"
            f"保留 {len(self.kept)} 个已使用的项目"
        )


def _referenced(session: Session, ids: set[int]) -> set[int]:
    """Projects of ``ids`` that a row of another table (not the catalogue's own) points at."""
    used: set[int] = set()
    for table in Base.metadata.sorted_tables:
        if table.name in _CATALOGUE_TABLES:
            continue
        for column in table.columns:
            if not any(fk.column is Project.__table__.c.id for fk in column.foreign_keys):
                continue
            if table.name == "projects":  # parent_id: both the parent and the child are used
                for child, parent in session.execute(
                    select(Project.id, Project.parent_id).where(Project.parent_id.is_not(None))
                ):
                    used.update({child, parent or 0} & ids)
                continue
            used |= set(session.scalars(select(column).where(column.is_not(None)).distinct())) & ids
    return used


def _user_linked(
    session: Session, keys: dict[int, str], docs: Sequence[CatalogDocument]
) -> set[int]:
    """Projects linked to a plan target by a link the catalogue does not make."""
    own = {(t.key, f"{d.file}#{name}") for d in docs for t in d.targets for name in t.projects}
    rows = session.execute(
        select(target_projects.c.project_id, Target.catalog_key).join(
            Target, Target.id == target_projects.c.target_id
        )
    )
    return {
        pid for pid, target_key in rows
        if pid in keys and (target_key, keys[pid]) not in own
    }


def _audited(session: Session, ids: set[int]) -> set[int]:
    """Projects with an audit entry on anything but their catalogue-derived values (and
    the adoption itself, :func:`portfolio.catalog.adopters.record`)."""
    derived = {*VALUE_COLUMNS, "catalog_key"}
    used: set[int] = set()
    for chunk in chunked(sorted(ids)):
        for pid, table, name in session.execute(
            select(AuditEntry.project_id, AuditEntry.table_name, AuditEntry.field)
            .where(AuditEntry.project_id.in_(chunk))
            .distinct()
        ):
            if table in ("citations", "project_quantities"):
                continue
            if table == "projects" and name in derived:
                continue
            if pid is not None:
                used.add(pid)
    return used


def return_unused(
    session: Session, docs: Sequence[CatalogDocument] | None = None
) -> ReturnReport:
    """Delete the catalogue projects nobody used (see the module docstring); audited."""
    docs = shipped_catalog() if docs is None else docs
    rows = session.execute(
        select(Project.id, Project.catalog_key, Project.catalog_hash).where(
            Project.origin == "catalog", Project.catalog_key.is_not(None)
        )
    ).all()
    report = ReturnReport()
    if not rows:
        return report
    keys = {pid: key for pid, key, _ in rows if key}
    ids = set(keys)
    used = _referenced(session, ids) | _user_linked(session, keys, docs) | _audited(session, ids)
    current = current_fingerprints(session, sorted(ids - used))
    stored = {pid: stored_hash for pid, _, stored_hash in rows}
    unused = sorted(pid for pid in ids - used if current.get(pid) == stored[pid])
    for chunk in chunked(unused):
        session.execute(delete(target_projects).where(target_projects.c.project_id.in_(chunk)))
        session.execute(delete(_table(Citation)).where(Citation.project_id.in_(chunk)))
        quantities = _table(ProjectQuantity)
        session.execute(delete(quantities).where(ProjectQuantity.project_id.in_(chunk)))
        session.execute(delete(_table(Project)).where(Project.id.in_(chunk)))
    returned = set(unused)
    report.returned = sorted(keys[pid] for pid in returned)
    report.kept = sorted(keys[pid] for pid in ids - returned)
    audit.record(session, "catalog", "projects", "", report.summary())
    return report
