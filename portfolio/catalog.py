"""The shipped catalogue: every named project and plan target of the five planning documents.

The catalogue is reviewed data in ``resources/catalog/*.yaml`` (format in ``SCHEMA.md``). This
module reads it, loads it into the register and brings a register up to date when the files
change, without ever overwriting what a user has edited.

How an entry becomes a project
------------------------------
=================  ===========================================================================
catalogue          project
=================  ===========================================================================
name               ``name``; ``catalog_key`` = ``"<seed file>#<name>"``; ``origin`` = catalog
kind, category     ``kind``, ``category``
type               ``project_type``
status             ``plan_status``; on first insert also ``stage``: planned → 前期,
                   under_way → 续建, done → 竣工 (stage is the user's working field afterwards
                   and is not compared when the catalogue changes)
location           ``township`` = the one 乡/镇/街道 named in it, if exactly one; ``location`` =
                   the text from that township on, or the whole location when there is none
investment         ``total_investment`` (万元, exact Decimal)
quantities         ``project_quantities`` rows
start_year         ``planned_start`` = 1 January of that year
end_year           ``planned_finish`` = 31 December of that year
line, quote        the first ``citations`` row; ``also_cited`` entries are further rows
=================  ===========================================================================

``catalog_hash`` is the SHA-256 of those catalogue-derived values (not ``stage``). A project
whose current values still hash to ``catalog_hash`` has not been edited since it was loaded,
so a changed catalogue entry may replace it; otherwise the user's version is kept and the
change reported as a conflict. A catalogue project the user deleted (the audit log holds its
deletion) is never brought back.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

import resources
from db import audit
from db.models import (
    AuditEntry,
    Citation,
    Document,
    Project,
    ProjectQuantity,
    Setting,
    Target,
    target_projects,
)
from db.queries import chunked
from db.search import search_key
from portfolio.projects import planned_dates, quantities_of
from portfolio.startup import CATALOG_LOADED
from portfolio.vocabulary import CATEGORIES, KINDS, PLAN_STATUSES, PROJECT_TYPES

#: Setting that records the catalogue was loaded into this database (JSON: when, how many).
LOADED_SETTING = CATALOG_LOADED

#: 建设性质 given to a newly loaded project, from the plan status the document implies.
STAGE_FOR_STATUS = {"planned": "前期", "under_way": "续建", "done": "竣工"}

_TOWNSHIP = re.compile(r"([^县区市各或和及、，,（()）\s]{1,5}?(?:(?<!乡)镇|乡|街道))(?!镇|街道)")
_COUNTY_PREFIX = re.compile(r"^.*?(?:县|区|市)(?=.)")


class CatalogError(ValueError):
    """A catalogue file that cannot be read; the message names the file and entry."""


# ---------------------------------------------------------------------------------------------
# Reading the files


@dataclass(frozen=True)
class CatalogCitation:
    line: int
    quote: str


@dataclass(frozen=True)
class CatalogProject:
    """One project entry of a catalogue file."""

    file: str
    name: str
    kind: str
    category: str
    project_type: str
    location: str
    status: str
    investment: Decimal | None
    investment_text: str
    quantities: tuple[tuple[Decimal, str], ...]
    start_year: int | None
    end_year: int | None
    citations: tuple[CatalogCitation, ...]

    @property
    def key(self) -> str:
        return f"{self.file}#{self.name}"

    @property
    def line(self) -> int:
        return self.citations[0].line

    @property
    def quote(self) -> str:
        return self.citations[0].quote

    def values(self) -> dict[str, Any]:
        """The project column values this entry stands for (see the module docstring)."""
        township, location = split_location(self.location)
        planned_start, planned_finish = planned_dates(self.start_year, self.end_year)
        return {
            "name": self.name,
            "kind": self.kind,
            "category": self.category,
            "project_type": self.project_type,
            "plan_status": self.status,
            "township": township,
            "location": location,
            "total_investment": self.investment,
            "planned_start": planned_start,
            "planned_finish": planned_finish,
        }

    def fingerprint(self) -> str:
        return fingerprint(
            self.values(), self.quantities, [(self.file, c.line, c.quote) for c in self.citations]
        )


@dataclass(frozen=True)
class CatalogTarget:
    file: str
    text: str
    quantity: Decimal | None
    unit: str
    deadline: int | None
    line: int
    quote: str
    projects: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.file}#{self.line}#{self.text}"

    def values(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "quantity": self.quantity,
            "unit": self.unit,
            "deadline_year": self.deadline,
            "line": self.line,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class CatalogDocument:
    file: str
    title: str
    issuer: str
    number: str
    issued_on: dt.date | None
    period: str
    projects: tuple[CatalogProject, ...]
    targets: tuple[CatalogTarget, ...]

    def values(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "title": self.title,
            "issuer": self.issuer,
            "number": self.number,
            "issued_on": self.issued_on,
            "period": self.period,
        }


def catalog_folder() -> Path:
    return resources.path("catalog")


def catalog_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or catalog_folder()).glob("*.yaml"))


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise CatalogError(f"{where}：“{value}”不是数字") from None
    if not number.is_finite():
        raise CatalogError(f"{where}：“{value}”不是数字")
    return number


def _int_or_none(value: Any, where: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CatalogError(f"{where}：“{value}”不是年份") from None


def _text(entry: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            raise CatalogError(f"{where}：缺少 {key}")
        return ""
    return str(value)


def _project(file: str, index: int, entry: Any) -> CatalogProject:
    where = f"{file} 第{index + 1}个项目"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}：格式错误")
    name = _text(entry, "name", where).strip()
    where = f"{file} 项目“{name}”"
    kind = _text(entry, "kind", where)
    category = _text(entry, "category", where)
    project_type = _text(entry, "type", where)
    status = _text(entry, "status", where)
    if kind not in KINDS:
        raise CatalogError(f"{where}：kind 应为 {'/'.join(KINDS)}")
    if category not in CATEGORIES:
        raise CatalogError(f"{where}：领域“{category}”应为 {'、'.join(CATEGORIES)}")
    if project_type not in PROJECT_TYPES:
        raise CatalogError(f"{where}：类型“{project_type}”不在类型表中")
    if status not in PLAN_STATUSES:
        raise CatalogError(f"{where}：status 应为 {'/'.join(PLAN_STATUSES)}")
    investment = entry.get("investment")
    quantities = tuple(
        (_decimal(q.get("value"), f"{where} 的数量"), str(q.get("unit", "")))
        for q in entry.get("quantities") or []
    )
    citations = [CatalogCitation(int(entry["line"]), _text(entry, "quote", where))]
    for extra in entry.get("also_cited") or []:
        citations.append(CatalogCitation(int(extra["line"]), str(extra["quote"])))
    start_year = _int_or_none(entry.get("start_year"), where)
    end_year = _int_or_none(entry.get("end_year"), where)
    if start_year and end_year and end_year < start_year:
        raise CatalogError(f"{where}：end_year 早于 start_year")
    return CatalogProject(
        file=file,
        name=name,
        kind=kind,
        category=category,
        project_type=project_type,
        location=_text(entry, "location", where, required=False).strip(),
        status=status,
        investment=None if investment is None else _decimal(investment, f"{where} 的投资"),
        investment_text=_text(entry, "investment_text", where, required=False),
        quantities=quantities,
        start_year=start_year,
        end_year=end_year,
        citations=tuple(citations),
    )


def _target(file: str, index: int, entry: Any) -> CatalogTarget:
    where = f"{file} 第{index + 1}个目标"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}：格式错误")
    quantity = entry.get("quantity")
    return CatalogTarget(
        file=file,
        text=_text(entry, "text", where),
        quantity=None if quantity is None else _decimal(quantity, f"{where} 的数量"),
        unit=_text(entry, "unit", where, required=False),
        deadline=_int_or_none(entry.get("deadline"), where),
        line=int(entry["line"]),
        quote=_text(entry, "quote", where),
        projects=tuple(str(n) for n in entry.get("projects") or []),
    )


def read_file(path: Path) -> CatalogDocument:
    """One catalogue file, checked for the shape ``SCHEMA.md`` describes."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=loader)
    except (OSError, yaml.YAMLError) as error:
        raise CatalogError(f"无法读取目录文件 {path.name}：{error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        raise CatalogError(f"目录文件 {path.name} 缺少 document 部分")
    doc = data["document"]
    file = _text(doc, "file", path.name)
    projects = tuple(_project(file, i, e) for i, e in enumerate(data.get("projects") or []))
    seen: set[str] = set()
    for project in projects:
        if project.name in seen:
            raise CatalogError(f"{file}：项目名称重复“{project.name}”")
        seen.add(project.name)
    targets = tuple(_target(file, i, e) for i, e in enumerate(data.get("targets") or []))
    for target in targets:
        missing = [n for n in target.projects if n not in seen]
        if missing:
            names = "、".join(missing)
            raise CatalogError(f"{file} 目标“{target.text}”引用了不存在的项目：{names}")
    issued = doc.get("date")
    if isinstance(issued, str):
        try:
            issued = dt.date.fromisoformat(issued)
        except ValueError:
            raise CatalogError(f"{file}：日期“{issued}”格式错误") from None
    return CatalogDocument(
        file=file,
        title=_text(doc, "title", file),
        issuer=_text(doc, "issuer", file, required=False),
        number=_text(doc, "number", file, required=False),
        issued_on=issued if isinstance(issued, dt.date) else None,
        period=_text(doc, "period", file, required=False),
        projects=projects,
        targets=targets,
    )


def read_catalog(folder: Path | None = None) -> list[CatalogDocument]:
    """Every catalogue file, in file order."""
    return [read_file(path) for path in catalog_files(folder)]


# ---------------------------------------------------------------------------------------------
# Derived values and fingerprints


def split_location(text: str) -> tuple[str, str]:
    """(township, location) from a catalogue location such as ``兰考县堌阳镇徐场村``.

    The township is set only when the text names exactly one 乡/镇/街道; the location then
    starts at the township, so that the register (which writes township + location) names it
    once.
    """
    text = text.strip()
    if "或" in text:  # "开发区或惠安街道": not decided yet
        return "", text
    body = _COUNTY_PREFIX.sub("", text) if not _TOWNSHIP.match(text) else text
    found = list(dict.fromkeys(m.group(1) for m in _TOWNSHIP.finditer(body)))
    if len(found) != 1:
        return "", text
    township = found[0]
    return township, text[text.index(township):]


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fingerprint(
    values: dict[str, Any],
    quantities: Iterable[tuple[Decimal, str]],
    citations: Iterable[tuple[str, int, str]],
) -> str:
    """SHA-256 of a project's catalogue-derived values, in a form both sides agree on."""
    payload = {
        "values": {key: _canonical(values[key]) for key in sorted(values)},
        "quantities": [[_canonical(v), u] for v, u in quantities],
        "citations": sorted([f, int(line), q] for f, line, q in citations),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_VALUE_COLUMNS = (
    "name", "kind", "category", "project_type", "plan_status", "township", "location",
    "total_investment", "planned_start", "planned_finish",
)


def _current_fingerprints(session: Session, project_ids: Sequence[int]) -> dict[int, str]:
    """What the catalogue-derived values of these projects hash to now."""
    if not project_ids:
        return {}
    columns = [getattr(Project, name) for name in _VALUE_COLUMNS]
    values: dict[int, dict[str, Any]] = {}
    quantities = quantities_of(session, project_ids)
    citations: dict[int, list[tuple[str, int, str]]] = {i: [] for i in project_ids}
    for chunk in chunked(project_ids):
        for row in session.execute(select(Project.id, *columns).where(Project.id.in_(chunk))):
            values[row[0]] = dict(zip(_VALUE_COLUMNS, row[1:], strict=True))
        for pid, file, line, quote in session.execute(
            select(Citation.project_id, Document.file, Citation.line, Citation.quote)
            .join(Document, Document.id == Citation.document_id)
            .where(Citation.project_id.in_(chunk))
        ):
            citations[pid].append((file, line, quote))
    return {
        pid: fingerprint(values[pid], quantities[pid], citations[pid]) for pid in values
    }


# ---------------------------------------------------------------------------------------------
# Loading and updating


@dataclass
class CatalogReport:
    """What loading or updating the catalogue did (or, for a dry run, would do)."""

    #: names of the projects added, as "file#name" keys
    new: list[str] = field(default_factory=list)
    #: changed in the catalogue and updated (the user had not edited them)
    changed: list[str] = field(default_factory=list)
    #: changed in the catalogue, but the user edited the project: the user's version is kept
    kept_user_edit: list[str] = field(default_factory=list)
    #: deleted by the user: not brought back
    deleted_by_user: list[str] = field(default_factory=list)
    #: loaded earlier, no longer in the catalogue files: kept as they are
    removed_from_catalog: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_documents: list[str] = field(default_factory=list)
    changed_documents: list[str] = field(default_factory=list)
    new_targets: list[str] = field(default_factory=list)
    changed_targets: list[str] = field(default_factory=list)
    new_links: int = 0

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
                "campaign_batch": "",
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
    linked = set(session.execute(select(target_projects)).all())
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
    session: Session, docs: Sequence[CatalogDocument] | None = None, *, update_existing: bool
) -> CatalogReport:
    """Bring the database in line with the catalogue files.

    New entries (documents, projects, targets, links) are always added. With
    ``update_existing`` a changed entry replaces its project when the user has not edited it
    (see the module docstring); without it nothing already in the database is touched, which
    makes loading idempotent.
    """
    docs = read_catalog() if docs is None else docs
    report = CatalogReport()
    doc_ids = _sync_documents(session, docs, report, update_existing=update_existing)
    known = dict(
        session.execute(
            select(Project.catalog_key, Project.id).where(Project.catalog_key.is_not(None))
        ).all()
    )
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
            if entry.key in deleted:
                report.deleted_by_user.append(entry.key)
            else:
                fresh.append(entry)
        elif entry.fingerprint() == stored_hash.get(project_id):
            report.unchanged += 1
        else:
            changed.append((entry, project_id))
    catalogue_keys = {entry.key for entry in entries}
    report.removed_from_catalog = sorted(k for k in known if k not in catalogue_keys)
    if update_existing and changed:
        current = _current_fingerprints(session, [pid for _, pid in changed])
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
    report.new = [entry.key for entry in fresh]
    _sync_targets(
        session, docs, doc_ids, {**known, **added}, report, update_existing=update_existing
    )
    if report.touched:
        audit.record(session, "catalog", "projects", "", summary(report))
    return report


def load(session: Session, docs: Sequence[CatalogDocument] | None = None) -> CatalogReport:
    """Add whatever of the catalogue is missing; changes nothing already loaded."""
    report = synchronise(session, docs, update_existing=False)
    mark_loaded(session, report)
    return report


def update(session: Session, docs: Sequence[CatalogDocument] | None = None) -> CatalogReport:
    """Add new entries and apply changed ones to projects the user has not edited."""
    report = synchronise(session, docs, update_existing=True)
    mark_loaded(session, report)
    return report


def mark_loaded(session: Session, report: CatalogReport) -> None:
    value = json.dumps(
        {"at": dt.datetime.now().replace(microsecond=0).isoformat(), "new": len(report.new)},
        ensure_ascii=False,
    )
    row = session.get(Setting, LOADED_SETTING)
    if row is None:
        session.add(Setting(key=LOADED_SETTING, value=value))
    elif report.touched:
        row.value = value
    session.flush()


def summary(report: CatalogReport) -> str:
    """One Chinese line for the audit log and the status bar."""
    return (
        f"目录：新增 {len(report.new)} 个项目，更新 {len(report.changed)} 个，"
        f"保留用户修改 {len(report.kept_user_edit)} 个，未变 {report.unchanged} 个；"
        f"新增目标 {len(report.new_targets)} 个，更新目标 {len(report.changed_targets)} 个"
    )


# ---------------------------------------------------------------------------------------------
# Statistics


@dataclass(frozen=True)
class DocumentStats:
    file: str
    title: str
    number: str
    projects: int
    programmes: int
    targets: int
    citations: int
    with_investment: int

    @property
    def entries(self) -> int:
        return self.projects + self.programmes


def stats(docs: Sequence[CatalogDocument] | None = None) -> list[DocumentStats]:
    """Entries per document and kind, straight from the files."""
    docs = read_catalog() if docs is None else docs
    return [
        DocumentStats(
            file=doc.file,
            title=doc.title,
            number=doc.number,
            projects=sum(1 for p in doc.projects if p.kind == "project"),
            programmes=sum(1 for p in doc.projects if p.kind == "programme"),
            targets=len(doc.targets),
            citations=sum(len(p.citations) for p in doc.projects),
            with_investment=sum(1 for p in doc.projects if p.investment is not None),
        )
        for doc in docs
    ]


__all__ = [
    "LOADED_SETTING",
    "CatalogDocument",
    "CatalogError",
    "CatalogProject",
    "CatalogReport",
    "CatalogTarget",
    "CitationSource",
    "citation_sources",
    "document_lines",
    "fingerprint",
    "load",
    "read_catalog",
    "split_location",
    "stats",
    "synchronise",
    "update",
]


# ---------------------------------------------------------------------------------------------
# The words a citation points at


#: a line that heads a section: "（三）营造一流创新生态。", "第二节 …", "专栏1 …"
_HEADING_LINE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
    r"|专栏\s*\d+)"
)


@functools.cache
def document_lines(file: str) -> tuple[str, ...] | None:
    """The lines of a planning document shipped in ``resources/documents`` (None if absent)."""
    path = resources.path("documents", Path(file).name)
    try:
        return tuple(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class CitationSource:
    """A citation with the paragraph it points into, for the 来源 view."""

    document_id: int
    document_file: str
    document_title: str
    document_number: str
    issuer: str
    line: int
    quote: str
    #: the cited line of the shipped document, None when the document is not shipped
    paragraph: str | None
    #: the section heading above the cited line, "" when none is found
    heading: str

    @property
    def quote_span(self) -> tuple[int, int] | None:
        """Where the quote stands in the paragraph."""
        if self.paragraph is None or not self.quote:
            return None
        start = self.paragraph.find(self.quote)
        return None if start < 0 else (start, start + len(self.quote))


def _heading_above(lines: Sequence[str], line: int) -> str:
    for number in range(line - 1, max(0, line - 60), -1):
        text = lines[number - 1].strip()
        if text and _HEADING_LINE.match(text) and len(text) <= 60:
            return text
    return ""


def citation_sources(session: Session, project_id: int) -> list[CitationSource]:
    """Every citation of a project with its paragraph, in citation order."""
    rows = session.execute(
        select(Citation, Document)
        .join(Document, Document.id == Citation.document_id)
        .where(Citation.project_id == project_id)
        .order_by(Citation.id)
    ).all()
    result = []
    for citation, document in rows:
        lines = document_lines(document.file)
        paragraph = None
        heading = ""
        if lines is not None and 1 <= citation.line <= len(lines):
            paragraph = lines[citation.line - 1].strip()
            heading = _heading_above(lines, citation.line)
        result.append(
            CitationSource(
                document_id=document.id,
                document_file=document.file,
                document_title=document.title,
                document_number=document.number,
                issuer=document.issuer,
                line=citation.line,
                quote=citation.quote,
                paragraph=paragraph,
                heading=heading,
            )
        )
    return result
