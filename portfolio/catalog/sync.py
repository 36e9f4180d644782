"""Adopting catalogue entries into a register, and keeping adopted entries up to date.

The catalogue is a library: nothing of it is in the register until the office adopts it
(:func:`adopt`). Adopting inserts the chosen entries as projects with their citations, and
adds their documents, the documents' plan targets and the target–project links, so plan
targets work over adopted projects. :func:`update` brings adopted entries in line with changed
catalogue files: a changed entry replaces its project only while the user has not edited it,
which :mod:`.fingerprints` tells. A catalogue project the user deleted (the audit log holds its
deletion) is adopted again only when chosen by name, never by a bulk adoption or an update.
Nothing here commits: the caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from db import audit
from db.models import (
    AuditEntry,
    Citation,
    Document,
    Project,
    ProjectQuantity,
    Target,
    target_projects,
)
from db.search import search_key
from portfolio.catalog import adopters
from portfolio.catalog.entries import CatalogDocument, CatalogError, CatalogProject
from portfolio.catalog.fingerprints import current_fingerprints
from portfolio.catalog.reading import shipped_catalog
from portfolio.concurrency import serialise
from portfolio.vocabulary import UNTRACKED_KINDS

#: 建设性质 given to a newly loaded project, from the plan status the document implies.
STAGE_FOR_STATUS = {"planned": "前期", "under_way": "续建", "done": "竣工"}


@dataclass
class CatalogReport:
    """What adopting or updating the catalogue did (or, for a dry run, would do)."""

    #: the projects added (adopted), as "file#name" keys
    new: list[str] = field(default_factory=list)
    #: chosen for adoption but in the register already: left as they are
    already_adopted: list[str] = field(default_factory=list)
    #: who adopted each of ``already_adopted``, and when
    adopted_by: dict[str, adopters.Adopter] = field(default_factory=dict)
    #: changed in the catalogue and updated (the user had not edited them)
    changed: list[str] = field(default_factory=list)
    #: changed in the catalogue, but the user edited the project: the user's version is kept
    kept_user_edit: list[str] = field(default_factory=list)
    #: deleted by the user: not brought back by a bulk adoption
    deleted_by_user: list[str] = field(default_factory=list)
    #: loaded earlier, no longer in the catalogue files: kept as they are
    removed_from_catalog: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_documents: list[str] = field(default_factory=list)
    changed_documents: list[str] = field(default_factory=list)
    new_targets: list[str] = field(default_factory=list)
    changed_targets: list[str] = field(default_factory=list)
    new_links: int = 0
    #: catalogue entries neither in the register nor chosen (an update's reminder)
    not_adopted: int = 0

    @property
    def touched(self) -> bool:
        return bool(
            self.new or self.changed or self.new_documents or self.changed_documents
            or self.new_targets or self.changed_targets or self.new_links
        )


def _deleted_keys(session: Session) -> set[str]:
    """Catalogue keys of projects the user deleted (the audit log keeps every deletion)."""
    deleted = set(
        session.scalars(
            select(AuditEntry.old_value).where(
                AuditEntry.table_name == "projects",
                AuditEntry.action == "delete",
                AuditEntry.field == "catalog_key",
            )
        )
    )
    return {k for k in deleted if k}


def _sync_documents(
    session: Session,
    docs: Sequence[CatalogDocument],
    report: CatalogReport,
    *,
    update_existing: bool,
) -> dict[str, int]:
    existing = {d.file: d for d in session.scalars(select(Document))}
    for doc in docs:
        row = existing.get(doc.file)
        if row is None:
            row = Document(**doc.values())
            session.add(row)
            existing[doc.file] = row
            report.new_documents.append(doc.file)
        elif update_existing:
            changed = False
            for key, value in doc.values().items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    changed = True
            if changed:
                report.changed_documents.append(doc.file)
    session.flush()
    return {file: row.id for file, row in existing.items()}


def _insert_projects(
    session: Session, entries: Sequence[CatalogProject], doc_ids: dict[str, int]
) -> dict[str, int]:
    """Bulk insert of new catalogue projects with their quantities and citations."""
    if not entries:
        return {}
    rows = []
    for entry in entries:
        values = entry.values()
        rows.append(
            {
                **values,
                "stage": STAGE_FOR_STATUS[entry.status],
                "origin": "catalog",
                "catalog_key": entry.key,
                "catalog_hash": entry.fingerprint(),
                "search_key": search_key(entry.name, "", values["township"], values["location"]),
                "prior_investment": Decimal("0"),
                "scale": "",
                "notes": "",
                "contact_name": "",
                "contact_phone": "",
            }
        )
    table = Project.__table__
    ids = list(
        session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    quantity_rows = []
    citation_rows = []
    for entry, project_id in zip(entries, ids, strict=True):
        quantity_rows += [
            {"project_id": project_id, "value": v, "unit": u} for v, u in entry.quantities
        ]
        citation_rows += [
            {"project_id": project_id, "document_id": doc_ids[entry.file], "line": c.line,
             "quote": c.quote}
            for c in entry.citations
        ]
    if quantity_rows:
        session.execute(insert(ProjectQuantity.__table__), quantity_rows)
    session.execute(insert(Citation.__table__), citation_rows)
    return {entry.key: pid for entry, pid in zip(entries, ids, strict=True)}


def _replace_project(
    session: Session, project_id: int, entry: CatalogProject, doc_ids: dict[str, int]
) -> None:
    """Give an unedited project the catalogue's new values (through the ORM, so it is audited)."""
    project = session.get(Project, project_id)
    assert project is not None
    values = entry.values()
    for key, value in values.items():
        if getattr(project, key) != value:
            setattr(project, key, value)
    project.quantities = [ProjectQuantity(value=v, unit=u) for v, u in entry.quantities]
    project.citations = [
        Citation(document_id=doc_ids[entry.file], line=c.line, quote=c.quote)
        for c in entry.citations
    ]
    project.catalog_hash = entry.fingerprint()
    unit = project.unit.name if project.unit else ""
    project.search_key = search_key(project.name, unit, project.township, project.location)


def _sync_targets(
    session: Session,
    docs: Sequence[CatalogDocument],
    doc_ids: dict[str, int],
    project_ids: dict[str, int],
    report: CatalogReport,
    *,
    update_existing: bool,
) -> None:
    existing = {
        t.catalog_key: t
        for t in session.scalars(select(Target).where(Target.catalog_key.is_not(None)))
    }
    new_rows = []
    for doc in docs:
        for target in doc.targets:
            row = existing.get(target.key)
            if row is None:
                new_rows.append(
                    {**target.values(), "document_id": doc_ids[doc.file], "catalog_key": target.key}
                )
                report.new_targets.append(target.key)
            elif update_existing:
                values = target.values()
                if any(getattr(row, k) != v for k, v in values.items()):
                    session.execute(sql_update(Target).where(Target.id == row.id).values(**values))
                    report.changed_targets.append(target.key)
    if new_rows:
        session.execute(insert(Target.__table__), new_rows)
    target_ids = dict(
        session.execute(
            select(Target.catalog_key, Target.id).where(Target.catalog_key.is_not(None))
        ).all()
    )
    linked: set[tuple[int, int]] = {
        (t, p) for t, p in session.execute(select(target_projects)).all()}
    links = []
    for doc in docs:
        for target in doc.targets:
            target_id = target_ids[target.key]
            for name in target.projects:
                project_id = project_ids.get(f"{doc.file}#{name}")
                if project_id is not None and (target_id, project_id) not in linked:
                    links.append({"target_id": target_id, "project_id": project_id})
                    linked.add((target_id, project_id))
    if links:
        session.execute(insert(target_projects), links)
    report.new_links = len(links)


def synchronise(
    session: Session,
    docs: Sequence[CatalogDocument] | None = None,
    *,
    update_existing: bool,
    keys: Collection[str] | None = None,
    include_deleted: bool = False,
) -> CatalogReport:
    """Bring the database in line with the catalogue files, for the entries ``keys`` names.

    ``keys`` are the entries that may be added (None: every entry, as the first versions
    loaded the whole catalogue). Documents, targets and links are synchronised for the
    documents of those entries and for documents already in the database. An entry the user
    deleted is added only with ``include_deleted``. With ``update_existing`` a changed entry
    replaces its project when the user has not edited it (see the module docstring); without
    it nothing already in the database is touched, which makes adopting idempotent.

    Two of these never run at once (:func:`~portfolio.concurrency.serialise`): the second
    sees the projects the first added, so two users adopting the same entries together get
    each project once, and the second's report names who adopted them (``adopted_by``).
    """
    serialise(session, "catalog")
    all_docs = shipped_catalog() if docs is None else docs
    wanted = None if keys is None else set(keys)
    if wanted is None:
        docs = list(all_docs)
    else:
        present = set(session.scalars(select(Document.file)))
        docs = [
            d for d in all_docs
            if d.file in present or any(p.key in wanted for p in d.projects)
        ]
    report = CatalogReport()
    doc_ids = _sync_documents(session, docs, report, update_existing=update_existing)
    known: dict[str, int] = {
        key: project_id for key, project_id in session.execute(
            select(Project.catalog_key, Project.id).where(Project.catalog_key.is_not(None)))
        if key is not None}
    stored_hash = dict(
        session.execute(
            select(Project.id, Project.catalog_hash).where(Project.catalog_key.is_not(None))
        ).all()
    )
    deleted = _deleted_keys(session)
    entries = [entry for doc in docs for entry in doc.projects]
    fresh: list[CatalogProject] = []
    changed: list[tuple[CatalogProject, int]] = []
    for entry in entries:
        project_id = known.get(entry.key)
        if project_id is None:
            if wanted is not None and entry.key not in wanted:
                report.not_adopted += 1
            elif entry.key in deleted and not include_deleted:
                report.deleted_by_user.append(entry.key)
            else:
                fresh.append(entry)
            continue
        if wanted is not None and entry.key in wanted:
            report.already_adopted.append(entry.key)
        if entry.fingerprint() == stored_hash.get(project_id):
            report.unchanged += 1
        else:
            changed.append((entry, project_id))
    considered = {d.file for d in docs}
    report.not_adopted += sum(
        1 for d in all_docs if d.file not in considered for p in d.projects
        if p.key not in known
    )
    catalogue_keys = {entry.key for doc in all_docs for entry in doc.projects}
    report.removed_from_catalog = sorted(k for k in known if k not in catalogue_keys)
    if update_existing and changed:
        current = current_fingerprints(session, [pid for _, pid in changed])
        for entry, project_id in changed:
            if current.get(project_id) == stored_hash.get(project_id):
                _replace_project(session, project_id, entry, doc_ids)
                report.changed.append(entry.key)
            else:
                report.kept_user_edit.append(entry.key)
        session.flush()
    elif changed:
        report.unchanged += len(changed)
    added = _insert_projects(session, fresh, doc_ids)
    adopters.record(session, added)
    report.new = [entry.key for entry in fresh]
    report.adopted_by = adopters.adopters(session, report.already_adopted)
    _sync_targets(
        session, docs, doc_ids, {**known, **added}, report, update_existing=update_existing
    )
    if report.touched:
        audit.record(session, "catalog", "projects", "", summary(report))
    return report


def adopt(
    session: Session,
    keys: Iterable[str],
    docs: Sequence[CatalogDocument] | None = None,
    *,
    include_deleted: bool = True,
) -> CatalogReport:
    """Put the catalogue entries ``keys`` ("file#name") into the register, with citations.

    Adds the documents they come from, those documents' plan targets and the target–project
    links. An entry already in the register is left alone and reported in
    ``already_adopted``; adopting it again changes nothing. An entry the user deleted is
    adopted again (it was chosen), unless ``include_deleted`` is false, as for a whole
    document. Raises :class:`CatalogError` naming keys that are not in the catalogue.
    """
    all_docs = shipped_catalog() if docs is None else docs
    wanted = list(dict.fromkeys(keys))
    known = {p.key for d in all_docs for p in d.projects}
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise CatalogError(f"规划项目目录中没有这些条目：{'、'.join(unknown)}")
    return synchronise(
        session, all_docs, update_existing=False, keys=wanted, include_deleted=include_deleted
    )


def load(session: Session, docs: Sequence[CatalogDocument] | None = None) -> CatalogReport:
    """Adopt every tracked entry of the catalogue (``catalog adopt --all``): not directions and
    goals (``UNTRACKED_KINDS``); entries the user deleted stay deleted, and nothing already in
    the register changes."""
    all_docs = shipped_catalog() if docs is None else docs
    keys = [p.key for d in all_docs for p in d.projects if p.kind not in UNTRACKED_KINDS]
    return adopt(session, keys, all_docs, include_deleted=False)


def update(session: Session, docs: Sequence[CatalogDocument] | None = None) -> CatalogReport:
    """Apply changed catalogue entries to the adopted projects the user has not edited.

    Adds nothing to the register: an entry new in the files is counted in ``not_adopted``
    until someone adopts it. New plan targets of documents in the database are added.
    """
    return synchronise(session, docs, update_existing=True, keys=())


def summary(report: CatalogReport) -> str:
    """One Chinese line for the audit log and the status bar."""
    return (
        f"目录：纳入项目库 {len(report.new)} 个项目，更新 {len(report.changed)} 个，"
        f"保留用户修改 {len(report.kept_user_edit)} 个，未变 {report.unchanged} 个；"
        f"新增目标 {len(report.new_targets)} 个，更新目标 {len(report.changed_targets)} 个"
    )
